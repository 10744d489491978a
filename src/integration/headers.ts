// dist/_headers for Netlify and Cloudflare Pages: long-lived caching for content-hashed assets,
// short caching for pages and data, and the security headers (the same CSP the pages carry).
//
// A host applies every rule whose pattern matches a path and joins a header set by several rules
// into one (Cloudflare Pages: "inherit all rules' headers"), so two rules that both set
// Cache-Control would send `max-age=600, max-age=31536000` — invalid (RFC 9111 §4.2.1), and caches
// differ on which one wins. The security headers are set once for every path; Cache-Control is set
// by rules that never match the same path: pages (every page URL ends in `/`), files at the root
// and directly under `-/` (`:name` is one path segment), and the folders of hashed assets, the
// search index, previews and attachments.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Site } from '../lib/site.ts';
import { contentSecurityPolicy } from '../lib/security.ts';

const SHORT = 'public, max-age=600';

export function headersFile(site: Pick<Site, 'routes' | 'config'>): string {
  const { routes } = site;
  const base = routes.base;
  /** `/-/previews/0.json` → `/-/previews/:file`: every file directly in that folder. */
  const filesBeside = (url: string) => `${url.slice(0, url.lastIndexOf('/') + 1)}:file`;
  const rule = (pattern: string, ...headers: string[]) => [pattern, ...headers.map((h) => `  ${h}`), ''];
  return [
    ...rule(
      `${base}*`,
      // frame-ancestors 'self': pages may not be framed by other sites; PDF attachments may be
      // shown in their own site's pages.
      `Content-Security-Policy: ${contentSecurityPolicy(site.config.images.allowedOrigins)}; frame-ancestors 'self'`,
      'X-Content-Type-Options: nosniff',
      'Referrer-Policy: strict-origin-when-cross-origin',
      'Permissions-Policy: camera=(), microphone=(), geolocation=()',
      'Cross-Origin-Opener-Policy: same-origin',
    ),
    // Pages: the home page and every other page URL (they all end in a slash).
    ...rule(base, `Cache-Control: ${SHORT}`),
    ...rule(`${base}*/`, `Cache-Control: ${SHORT}`),
    // Files at the root (404.html, rss.xml, sitemap.xml, robots.txt, favicon.svg) and the graph exports.
    ...rule(filesBeside(routes.rss()), `Cache-Control: ${SHORT}`),
    ...rule(filesBeside(routes.graphJson()), `Cache-Control: ${SHORT}`),
    ...rule(filesBeside(routes.previewShard(0)), `Cache-Control: ${SHORT}`),
    // Local-graph files sit in folders like the topics they belong to.
    ...rule(`${routes.neighbourhood('x').slice(0, -'x.json'.length)}*`, `Cache-Control: ${SHORT}`),
    ...rule(`${routes.attachmentsPrefix()}*`, `Cache-Control: ${SHORT}`),
    // Mermaid's own build: its entry point keeps its name from one release to the next.
    ...rule(`${routes.mermaidModule().slice(0, routes.mermaidModule().lastIndexOf('/') + 1)}*`, `Cache-Control: ${SHORT}`),
    // The search index: its fragments are hashed but its entry point is not.
    ...rule(`${routes.pagefind()}*`, 'Cache-Control: public, max-age=3600'),
    // Content-hashed build assets never change under their name.
    ...rule(`${routes.assets()}*`, 'Cache-Control: public, max-age=31536000, immutable'),
  ].join('\n');
}

export async function writeHeadersFile({ dir, site }: { dir: URL; site: Pick<Site, 'routes' | 'config'> }): Promise<void> {
  await writeFile(join(fileURLToPath(dir), '_headers'), headersFile(site));
}
