// dist/_headers for Netlify and Cloudflare Pages: long-lived caching for content-hashed assets,
// short caching for pages and data, and the security headers (the same CSP the pages carry).
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Site } from '../lib/site.ts';
import { contentSecurityPolicy } from '../lib/security.ts';

export function headersFile(site: Pick<Site, 'routes' | 'config'>): string {
  const { routes } = site;
  const security = [
    // frame-ancestors 'self': pages may not be framed by other sites; PDF attachments may be
    // shown in their own site's pages.
    `  Content-Security-Policy: ${contentSecurityPolicy(site.config.images.allowedOrigins)}; frame-ancestors 'self'`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  Permissions-Policy: camera=(), microphone=(), geolocation=()',
    '  Cross-Origin-Opener-Policy: same-origin',
  ];
  return [
    `${routes.base}*`,
    ...security,
    '  Cache-Control: public, max-age=600',
    '',
    `${routes.assets()}*`,
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
    `${routes.pagefind()}*`,
    '  Cache-Control: public, max-age=3600',
    '',
  ].join('\n');
}

export async function writeHeadersFile({ dir, site }: { dir: URL; site: Pick<Site, 'routes' | 'config'> }): Promise<void> {
  await writeFile(join(fileURLToPath(dir), '_headers'), headersFile(site));
}
