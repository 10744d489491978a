// The URL space (src/routes.ts): slugs, permalinks and every generator URL, as tables. The rule
// under test: no note name or permalink can produce a URL the generator uses.
import { describe, expect, test } from 'vitest';
import { GENERATOR_SEGMENT, categorySlug, normalizeBase, pageKey, parsePermalink, siteRoutes, slugFromPath, slugifySegment, tagLevels, tagSlug } from '../../src/routes.ts';
import type { TopicSlug } from '../../graph/types.ts';

describe('slugs', () => {
  test.each([
    ['techniques/model-pruning.md', 'techniques/model-pruning'],
    ['Techniques/Model Pruning.md', 'techniques/model-pruning'],
    ['GPU & TPU (2017).md', 'gpu-tpu-2017'],
    ['notes/index.md', 'notes'],
    ['index.md', 'index'],
    ['机器学习.md', '机器学习'],
    ['Café au lait.mdx', 'café-au-lait'],
    ['  spaced  out  .md', 'spaced-out'],
    // Combining marks are part of the word: Devanagari vowel signs, Thai tone marks, Arabic harakat.
    ['हिन्दी.md', 'हिन्दी'],
    ['ภาษาไทย.md', 'ภาษาไทย'],
    ['عَرَبِيّ.md', 'عَرَبِيّ'],
    // NFD and NFC spellings of the same name give the same slug.
    ['Cafe\u0301.md', 'café'],
    ['-/x.md', 'x'],
    ['_private.md', 'private'],
    // A mark with no letter before it (an emoji's variation selector) never begins a URL.
    ['⚠️ Warnings.md', 'warnings'],
    ['a \u0301 b.md', 'a-b'],
    ['❤️.md', 'untitled'],
  ])('slugFromPath(%j) = %j', (path, slug) => {
    expect(slugFromPath(path)).toBe(slug);
  });

  test.each([
    ['/my-page/', { home: false, slug: 'my-page' }],
    ['Notes/My Page', { home: false, slug: 'notes/my-page' }],
    ['/', { home: true }],
    ['//', { home: true }],
    ['/-/tags/', { home: false, slug: 'tags' }],
    ['!!!', null],
    ['', null],
  ])('parsePermalink(%j) = %j', (permalink, target) => {
    expect(parsePermalink(permalink)).toEqual(target);
  });

  test('segments keep letters of any script and drop punctuation', () => {
    expect(slugifySegment('F1 score: a “harmonic” mean!')).toBe('f1-score-a-harmonic-mean');
  });

  test('slugging is idempotent', () => {
    for (const name of ['Model Pruning', 'हिन्दी', 'a--b', 'Ünïcödé Nämes', '__proto__']) {
      expect(slugifySegment(slugifySegment(name))).toBe(slugifySegment(name));
    }
  });
});

describe('notes named like site pages keep their own URL', () => {
  const routes = siteRoutes('/');
  const generatorUrls = [
    routes.allTopics(), routes.tags(), routes.tag('x'), routes.categories(), routes.category('Concept'), routes.graph(),
    routes.search(), routes.attachment('a.png'), routes.previewShard(0), routes.graphJson(), routes.graphGexf(), routes.graphJsonLd(),
    routes.pagefind(), routes.rss(), routes.sitemap(), routes.sitemapPart(1), routes.allTopics(2), routes.robots(), routes.favicon(), routes.notFound(),
  ];
  test.each(['Tags', 'Attachments', 'Graph', 'Search', 'Topics', 'Categories', 'About', '404', 'Constructor', '__proto__', 'Previews', 'pagefind', '_astro', '-', 'RSS.xml', 'sitemap.xml'])(
    'a note named %j',
    (name) => {
      const url = routes.topic(slugFromPath(`${name}.md`));
      expect(generatorUrls).not.toContain(url);
      expect(url.startsWith(`/${GENERATOR_SEGMENT}/`)).toBe(false);
      expect(url.startsWith('/_astro/')).toBe(false);
      expect(url).toMatch(/\/$/);
    },
  );
  test('every generator page is under the reserved segment or a root file with a dot', () => {
    for (const url of generatorUrls) expect(url.startsWith(`/${GENERATOR_SEGMENT}/`) || /^\/[^/]+\.[a-z]+$/.test(url)).toBe(true);
  });
});

describe('routes', () => {
  test.each([
    ['/', 'a/b', '/a/b/'],
    ['/wiki/', 'a/b', '/wiki/a/b/'],
    ['/', '机器学习', '/%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0/'],
  ])('base %j: topic %j → %j', (base, slug, url) => {
    expect(siteRoutes(base).topic(slug as TopicSlug)).toBe(url);
  });

  test.each([
    ['tag', 'ML/Pruning', '/wiki/-/tags/ml/pruning/'],
    ['tag', '多语言', '/wiki/-/tags/%E5%A4%9A%E8%AF%AD%E8%A8%80/'],
    ['category', 'Recipe', '/wiki/-/categories/recipe/'],
    ['category', 'Person / Org', '/wiki/-/categories/person-org/'],
    ['search', 'a b', '/wiki/-/search/?q=a%20b'],
    ['attachment', 'img/My Pic.png', '/wiki/-/attachments/img/My%20Pic.png'],
    ['graph', 'a/b', '/wiki/-/graph/?focus=a%2Fb'],
  ] as const)('%s(%j) → %j', (kind, value, url) => {
    expect((siteRoutes('/wiki/')[kind] as (v: string) => string)(value)).toBe(url);
  });

  test('nested tags: one URL per level, broadest first', () => {
    expect(tagLevels('area/sub/leaf')).toEqual(['area', 'area/sub', 'area/sub/leaf']);
    expect(tagSlug('Area/Sub Topic')).toBe('area/sub-topic');
    expect(categorySlug('!!!')).toBe('category');
  });

  test.each([
    [undefined, '/'],
    ['', '/'],
    ['wiki', '/wiki/'],
    ['/wiki', '/wiki/'],
    ['/docs/wiki/', '/docs/wiki/'],
  ])('normalizeBase(%j) = %j', (raw, base) => {
    expect(normalizeBase(raw)).toBe(base);
  });

  test.each([
    ['/', '/', ''],
    ['/', '/a/b/', 'a/b'],
    ['/wiki/', '/wiki/%E6%9C%BA/', '机'],
    ['/wiki/', '/other/', undefined],
    ['/', '/-/tags/x/', undefined],
    ['/', '/%E0%A4%A/', undefined],
  ])('pageKey(%j, %j) = %j', (base, pathname, key) => {
    expect(pageKey(base, pathname)).toBe(key);
  });
});

describe('backlinks pages', () => {
  test('page 1 at the topic path; later pages under a "-" segment no slug can have', () => {
    const routes = siteRoutes('/wiki/');
    expect(routes.backlinks('pruning')).toBe('/wiki/-/backlinks/pruning/');
    expect(routes.backlinks('a/b', 2)).toBe('/wiki/-/backlinks/a/b/-/2/');
    // A topic whose slug ends in a number never collides with another topic's second page.
    expect(routes.backlinks(slugFromPath('a/2.md'))).not.toBe(routes.backlinks('a', 2));
    expect(slugifySegment('-')).toBe('');
  });
});
