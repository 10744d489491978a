import { describe, expect, test } from 'vitest';
import sax from 'sax';
import { DEFAULTS, sitemapEntries, sitemapFiles, type SitemapSite } from '../../../src/lib/sitemap.ts';
import { siteRoutes } from '../../../src/routes.ts';
import type { TopicSlug } from '../../../graph/types.ts';

const ORIGIN = 'https://example.org';
const routes = siteRoutes('/wiki/');

/** A site with `n` topics (every third one dated), three categories and two tags. */
function fakeSite(n: number): SitemapSite {
  const topics = Array.from({ length: n }, (_, i) => ({
    slug: `t${i}` as TopicSlug,
    url: i === 0 ? routes.home() : routes.topic(`t${i}` as TopicSlug),
    updated: i % 3 === 0 ? new Date(Date.UTC(2024, 0, 1 + (i % 28))) : undefined,
  }));
  return {
    routes,
    origin: ORIGIN,
    topics,
    categories: new Map([['Concept', []], ['Technique', []], ['Métrique & co', []]]),
    tags: new Map([['ml', []], ['ml/pruning', []]]),
  } as unknown as SitemapSite;
}

/** Well-formed (sax, strict) and its <loc>s in order. */
function locs(xml: string): string[] {
  const parser = sax.parser(true);
  parser.onerror = (error) => {
    throw error;
  };
  parser.write(xml).close();
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

const abs = (path: string) => new URL(path, `${ORIGIN}/`).href;

describe('sitemap', () => {
  test('at or below the limit, one <urlset> lists every page once and there are no parts', () => {
    const site = fakeSite(20);
    const entries = sitemapEntries(site);
    const { root, parts } = sitemapFiles(site, entries.length);
    expect(parts).toEqual([]);
    expect(root.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')).toBe(true);
    const listed = locs(root);
    expect(listed).toEqual(entries.map((e) => abs(e.path)));
    expect(new Set(listed).size).toBe(listed.length);
    // Home, A–Z, graph, categories, tags; 20 topics (the first is the home page); 3 categories; 2 tags.
    expect(listed).toHaveLength(5 + 19 + 3 + 2);
    expect(listed).toContain(abs(routes.category('Métrique & co')));
    // The home note's date is the root URL's.
    expect(root).toContain(`<url><loc>${ORIGIN}/wiki/</loc><lastmod>2024-01-01</lastmod></url>`);
  });

  test.each([1, 7, 10, 29])('above the limit (%i), sitemap.xml is an index and every URL is in exactly one part', (limit) => {
    const site = fakeSite(60);
    const entries = sitemapEntries(site);
    const { root, parts } = sitemapFiles(site, limit);
    expect(root).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(root).not.toContain('<urlset');
    expect(parts).toHaveLength(Math.ceil(entries.length / limit));
    expect(locs(root)).toEqual(parts.map((_, i) => abs(routes.sitemapPart(i + 1))));
    const all: string[] = [];
    for (const part of parts) {
      const listed = locs(part);
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.length).toBeLessThanOrEqual(limit);
      all.push(...listed);
    }
    expect(all).toEqual(entries.map((e) => abs(e.path)));
    expect(new Set(all).size).toBe(all.length);
  });

  test('an index entry carries the newest date of its part', () => {
    const { root, parts } = sitemapFiles(fakeSite(60), 30);
    const newest = parts.map((p) => [...p.matchAll(/<lastmod>([^<]+)</g)].map((m) => m[1]!).sort().at(-1));
    expect([...root.matchAll(/<lastmod>([^<]+)</g)].map((m) => m[1])).toEqual(newest);
  });

  test('the A–Z pages after the first are listed when the index has them', () => {
    const paths = sitemapEntries(fakeSite(25), 10).map((e) => e.path);
    expect(paths).toContain(routes.allTopics(2));
    expect(paths).toContain(routes.allTopics(3));
    expect(paths).not.toContain(routes.allTopics(4));
    expect(sitemapEntries(fakeSite(25)).map((e) => e.path)).not.toContain(routes.allTopics(2));
  });

  test('the limit is the protocol’s 50,000 URLs; a bad limit is refused', () => {
    expect(DEFAULTS.urlsPerSitemap).toBe(50_000);
    expect(() => sitemapFiles(fakeSite(3), 0)).toThrow(/^sitemap: /);
  });

  test('120,000 topics: an index of three parts, each within the protocol limit', () => {
    const site = fakeSite(120_000);
    const { root, parts } = sitemapFiles(site);
    expect(parts).toHaveLength(3);
    expect(locs(root)).toHaveLength(3);
    expect(parts.map((p) => p.split('<url>').length - 1)).toEqual([50_000, 50_000, sitemapEntries(site).length - 100_000]);
  });
});
