import { describe, expect, test } from 'vitest';
import { facets } from '../../../src/client/search/engine.ts';
import { readSearchUrl, searchPageUrl } from '../../../src/client/search/searchUrl.ts';

describe('search URL', () => {
  test.each([
    ['/', 'distillation', {}, '/-/search/?q=distillation'],
    ['/wiki/', 'F1 score', { category: 'Metric' }, '/wiki/-/search/?q=F1+score&category=Metric'],
    ['/', '机器学习', { tags: ['多语言', 'x y'] }, '/-/search/?q=%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0&tag=%E5%A4%9A%E8%AF%AD%E8%A8%80&tag=x+y'],
    ['/', '  ', {}, '/-/search/'],
  ])('base %s, query "%s", %o → %s', (base, query, selection: { category?: string; tags?: string[] }, url) => {
    const full = { category: selection.category, tags: selection.tags ?? [] };
    expect(searchPageUrl(base, query, full)).toBe(url);
    const back = readSearchUrl(new URL(url, 'http://x').search);
    expect(back).toEqual({ query: query.trim() ? query : '', category: full.category, tags: full.tags });
  });
});

describe('facets', () => {
  test('hides values without results unless selected, most results first', () => {
    expect(facets({ Metric: 2, Model: 0, Technique: 5, Dataset: 2, Hardware: 0 }, ['Hardware'])).toEqual([
      { value: 'Technique', count: 5, selected: false },
      { value: 'Dataset', count: 2, selected: false },
      { value: 'Metric', count: 2, selected: false },
      { value: 'Hardware', count: 0, selected: true },
    ]);
    expect(facets(undefined, [])).toEqual([]);
  });
});
