// dist/_headers as a host reads it (tests/hostHeaders.ts: Cloudflare Pages' matching, which
// Netlify's file shares): every matching rule applies and repeated headers are joined, so the
// headers each kind of path ends up with are checked after merging, not rule by rule.
import { describe, expect, test } from 'vitest';
import { siteConfigSchema } from '../../src/config/siteConfig.ts';
import { headersFile } from '../../src/integration/headers.ts';
import { contentSecurityPolicy } from '../../src/lib/security.ts';
import { siteRoutes } from '../../src/routes.ts';
import { headersForPath, maxAges, parseHeadersFile, patternRegExp } from '../hostHeaders.ts';

describe('the host matching rules used here', () => {
  test.each([
    ['/*', '/', true],
    ['/*', '/a/b.js', true],
    ['/*/', '/', false],
    ['/*/', '/a/', true],
    ['/*/', '/a/b/', true],
    ['/*/', '/a.js', false],
    ['/:file', '/rss.xml', true],
    ['/:file', '/a/', false],
    ['/:file', '/a/b.json', false],
    ['/-/:file', '/-/graph.json', true],
    ['/-/:file', '/-/pagefind/x.js', false],
    ['/_astro/*', '/_astro/x.js', true],
    ['/_astro/*', '/_astro.js', false],
    ['/wiki/', '/wiki/', true],
    ['/wiki/', '/wiki', false],
    ['/a.b', '/aXb', false],
  ])('%s matches %s: %s', (pattern, path, matches) => {
    expect(patternRegExp(pattern).test(path)).toBe(matches);
  });

  test('all matching rules apply; a repeated header is joined with ", "; ! detaches', () => {
    const rules = parseHeadersFile('# comment\n/*\n  Cache-Control: public, max-age=600\n  X-A: 1\n\n/_astro/*\n  Cache-Control: max-age=31536000\n/x/*\n  ! X-A\n');
    expect(headersForPath(rules, '/_astro/a.js').values).toEqual({ 'cache-control': 'public, max-age=600, max-age=31536000', 'x-a': '1' });
    expect(maxAges(headersForPath(rules, '/_astro/a.js').values['cache-control'])).toEqual(['max-age=600', 'max-age=31536000']);
    expect(headersForPath(rules, '/x/y').values).toEqual({ 'cache-control': 'public, max-age=600' });
  });
});

/** A path of each kind the build writes, and the caching it must end up with. */
const KINDS: Array<[kind: string, path: string, cacheControl: string]> = [
  ['the home page', '', 'public, max-age=600'],
  ['a page', 'techniques/model-pruning/', 'public, max-age=600'],
  ['a page named like a file', 'rss-xml/', 'public, max-age=600'],
  ['a generator page', '-/tags/compression/', 'public, max-age=600'],
  ['the not-found page', '404.html', 'public, max-age=600'],
  ['the feed', 'rss.xml', 'public, max-age=600'],
  ['the sitemap', 'sitemap.xml', 'public, max-age=600'],
  ['robots.txt', 'robots.txt', 'public, max-age=600'],
  ['the favicon', 'favicon.svg', 'public, max-age=600'],
  ['the graph data', '-/graph.json', 'public, max-age=600'],
  ['the GEXF export', '-/graph.gexf', 'public, max-age=600'],
  ['a preview shard', '-/previews/3.json', 'public, max-age=600'],
  ['a local-graph file', '-/local/techniques/model-pruning.json', 'public, max-age=600'],
  ['Mermaid, served as built', '-/mermaid/mermaid.esm.min.mjs', 'public, max-age=600'],
  ['an attachment', '-/attachments/Media/report.pdf', 'public, max-age=600'],
  ['an attachment named like an asset', '-/attachments/_astro/x.js', 'public, max-age=600'],
  ['a hashed asset', '_astro/Base.C14L-laO.css', 'public, max-age=31536000, immutable'],
  ['a nested hashed asset', '_astro/wasm/tfjs.D1.wasm', 'public, max-age=31536000, immutable'],
  ['the search index entry', '-/pagefind/pagefind.js', 'public, max-age=3600'],
  ['a search index fragment', '-/pagefind/fragment/en_1a2b.pf_fragment', 'public, max-age=3600'],
];

describe.each([['/'], ['/wiki/']])('dist/_headers for a site served at %s', (base) => {
  const config = siteConfigSchema.parse({ images: { allowedOrigins: ['https://images.example.org'] } });
  const rules = parseHeadersFile(headersFile({ routes: siteRoutes(base), config }));
  const pageCsp = contentSecurityPolicy(config.images.allowedOrigins);

  test.each(KINDS)('%s (%s): one Cache-Control with one max-age, the page CSP once, the security headers', (_kind, path, cacheControl) => {
    const { values, setBy } = headersForPath(rules, `${base}${path}`);
    expect(setBy['cache-control'], 'rules setting Cache-Control').toHaveLength(1);
    expect(values['cache-control']).toBe(cacheControl);
    expect(maxAges(values['cache-control'])).toHaveLength(1);
    expect(setBy['content-security-policy']).toHaveLength(1);
    expect(values['content-security-policy']).toBe(`${pageCsp}; frame-ancestors 'self'`);
    expect(values).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'cross-origin-opener-policy': 'same-origin',
    });
    for (const [name, lines] of Object.entries(setBy)) expect(lines, `${name} is set by the rules on lines ${lines.join(', ')}`).toHaveLength(1);
  });

  test('the allowed image origins are in the CSP header as in the page meta', () => {
    expect(headersForPath(rules, base).values['content-security-policy']).toContain("img-src 'self' data: blob: https://images.example.org;");
  });

  test('paths outside the base get nothing', () => {
    if (base === '/') return;
    expect(headersForPath(rules, '/other/').values).toEqual({});
  });
});
