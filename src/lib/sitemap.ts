// The sitemap: every canonical page (topics, the A–Z pages, index pages; redirect pages are left
// out). The sitemaps protocol allows 50,000 URLs per file, so a larger site gets a sitemap index at
// sitemap.xml pointing at numbered child sitemaps (src/routes.ts `sitemapPart`), each within the
// limit; robots.txt always points at sitemap.xml. [Reference]: sitemaps.org protocol 0.9.
import { escapeXml } from '../../graph/index.ts';
import { DEFAULTS as AZ } from './azIndex.ts';
import type { Site } from './site.ts';

export const DEFAULTS = {
  /** Most URLs in one sitemap file (the protocol's limit). */
  urlsPerSitemap: 50_000,
};

export type SitemapSite = Pick<Site, 'routes' | 'origin' | 'topics' | 'categories' | 'tags'>;

export interface SitemapEntry {
  /** Site-relative path, with the base. */
  path: string;
  /** `YYYY-MM-DD`, when the page's file last changed (git history, frontmatter, or the file's time). */
  lastmod: string | undefined;
}

export interface SitemapFiles {
  /** The body of sitemap.xml: the URLs themselves, or an index of the parts. */
  root: string;
  /** Bodies of the child sitemaps at routes.sitemapPart(1…), empty when one file holds every URL. */
  parts: string[];
}

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** Every canonical URL once, in a stable order: the site's own pages, topics, categories, tags. */
export function sitemapEntries(site: SitemapSite, topicsPerAzPage: number = AZ.topicsPerPage): SitemapEntry[] {
  const { routes } = site;
  const azPages = Math.max(1, Math.ceil(site.topics.length / topicsPerAzPage));
  // A page's date is its topic's, also where the home note is the site's root.
  const updated = new Map<string, Date>();
  for (const t of site.topics) if (t.updated) updated.set(t.url, t.updated);
  const seen = new Set<string>();
  const entries: SitemapEntry[] = [];
  const add = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    entries.push({ path, lastmod: updated.get(path)?.toISOString().slice(0, 10) });
  };
  add(routes.home());
  add(routes.allTopics());
  add(routes.graph());
  add(routes.categories());
  add(routes.tags());
  for (const t of site.topics) add(t.url);
  for (let page = 2; page <= azPages; page++) add(routes.allTopics(page));
  for (const c of site.categories.keys()) add(routes.category(c));
  for (const t of site.tags.keys()) add(routes.tag(t));
  return entries;
}

/** sitemap.xml and, above `limit` URLs, its parts, each with at most `limit` URLs. */
export function sitemapFiles(site: SitemapSite, limit: number = DEFAULTS.urlsPerSitemap, topicsPerAzPage?: number): SitemapFiles {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`sitemap: the URL limit must be a positive integer, got ${limit}`);
  const entries = sitemapEntries(site, topicsPerAzPage);
  const abs = (path: string) => escapeXml(new URL(path, site.origin + '/').href);
  const urlset = (from: number, to: number) => {
    const lines: string[] = [];
    for (let i = from; i < to; i++) {
      const { path, lastmod } = entries[i]!;
      lines.push(`  <url><loc>${abs(path)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`);
    }
    return `${XML}<urlset xmlns="${NS}">\n${lines.join('\n')}\n</urlset>\n`;
  };
  if (entries.length <= limit) return { root: urlset(0, entries.length), parts: [] };

  const parts: string[] = [];
  const index: string[] = [];
  for (let from = 0; from < entries.length; from += limit) {
    const to = Math.min(entries.length, from + limit);
    parts.push(urlset(from, to));
    let newest: string | undefined;
    for (let i = from; i < to; i++) {
      const lastmod = entries[i]!.lastmod;
      if (lastmod && (!newest || lastmod > newest)) newest = lastmod;
    }
    index.push(`  <sitemap><loc>${abs(site.routes.sitemapPart(parts.length))}</loc>${newest ? `<lastmod>${newest}</lastmod>` : ''}</sitemap>`);
  }
  return { root: `${XML}<sitemapindex xmlns="${NS}">\n${index.join('\n')}\n</sitemapindex>\n`, parts };
}
