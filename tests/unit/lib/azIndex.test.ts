import { describe, expect, test } from 'vitest';
import { azIndex, azLetter, DEFAULTS } from '../../../src/lib/azIndex.ts';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
/** `n` distinct titles spread over the alphabet (and a few that do not start with a letter), in title order. */
function titles(n: number): { title: string }[] {
  const out: { title: string }[] = [];
  for (let i = 0; i < n; i++) {
    const first = i % 29 === 0 ? String(i % 10) : i % 31 === 0 ? 'É' : String.fromCharCode(65 + ((i * 7) % 26));
    out.push({ title: `${first}topic ${i}` });
  }
  return out.sort((a, b) => collator.compare(a.title, b.title));
}

test.each([
  ['Model pruning', 'en', 'M'],
  ['model pruning', 'en', 'M'],
  ['éclair', 'fr', 'É'],
  ['4-bit quantization', 'en', '#'],
  ['“Quoted”', 'en', '#'],
  ['istanbul', 'tr', 'İ'],
  ['机器学习', 'zh', '机'],
  ['', 'en', '#'],
])('azLetter(%j, %j) → %j', (title, language, letter) => {
  expect(azLetter(title, language)).toBe(letter);
});

describe('azIndex', () => {
  test('a site that fits on one page gets one page with every letter, as before paging', () => {
    const topics = titles(200);
    const index = azIndex(topics, 'en');
    expect(index.pages).toHaveLength(1);
    expect(index.letters.every((l) => l.pages.length === 1 && l.pages[0] === 1)).toBe(true);
    expect(index.pages[0]!.sections.map((s) => s.letter)).toEqual(index.letters.map((l) => l.letter));
    expect(index.pages[0]!.sections.some((s) => s.continued)).toBe(false);
  });

  test.each([1, 7, 100, 999, 1000])('with %i topics per page, every topic appears exactly once, pages are full but the last', (perPage) => {
    const topics = titles(2_345);
    const index = azIndex(topics, 'en', perPage);
    const listed = index.pages.flatMap((p) => p.sections.flatMap((s) => s.topics));
    expect(listed).toHaveLength(topics.length);
    expect(new Set(listed).size).toBe(topics.length);
    expect(index.pages).toHaveLength(Math.ceil(topics.length / perPage));
    index.pages.forEach((page, i) => {
      expect(page.page).toBe(i + 1);
      const count = page.sections.reduce((n, s) => n + s.topics.length, 0);
      expect(count).toBe(i < index.pages.length - 1 ? perPage : topics.length - perPage * i);
      // Every topic sits under its own letter.
      for (const s of page.sections) for (const t of s.topics) expect(azLetter(t.title, 'en')).toBe(s.letter);
    });
  });

  test('the letters say which pages they are on, a split letter is continued on the next page', () => {
    const topics = titles(2_345);
    const index = azIndex(topics, 'en', 100);
    for (const letter of index.letters) {
      const onPages = index.pages.filter((p) => p.sections.some((s) => s.letter === letter.letter)).map((p) => p.page);
      expect(letter.pages).toEqual(onPages);
      letter.pages.forEach((p, i) => {
        const section = index.pages[p - 1]!.sections.find((s) => s.letter === letter.letter)!;
        expect(section.continued).toBe(i > 0);
        if (i > 0) expect(p).toBe(letter.pages[i - 1]! + 1);
      });
    }
    expect(index.letters.some((l) => l.pages.length > 1)).toBe(true);
  });

  test('a letter keeps the title order, letters come in order of their first topic', () => {
    const topics = ['Beta', 'alpha', 'Éclair', 'Apple', 'écho', '1 thing'].map((title) => ({ title })).sort((a, b) => collator.compare(a.title, b.title));
    const index = azIndex(topics, 'en', 2);
    expect(index.pages.map((p) => p.sections.map((s) => `${s.letter}:${s.topics.map((t) => t.title).join('|')}`))).toEqual([
      ['#:1 thing', 'A:alpha'],
      ['A:Apple', 'B:Beta'],
      ['É:écho|Éclair'],
    ]);
    expect(index.letters.map((l) => [l.letter, l.id, l.pages])).toEqual([
      ['#', 'letter-other', [1]],
      ['A', 'letter-A', [1, 2]],
      ['B', 'letter-B', [2]],
      ['É', 'letter-É', [3]],
    ]);
  });

  test('no topics: one empty page; a bad page size is refused', () => {
    expect(azIndex([], 'en').pages).toEqual([{ page: 1, sections: [] }]);
    expect(() => azIndex(titles(3), 'en', 0)).toThrow(/^azIndex: topicsPerPage/);
    expect(DEFAULTS.topicsPerPage).toBeGreaterThanOrEqual(100);
  });

  test('100,000 topics are grouped in linear time', () => {
    const topics = titles(100_000);
    const start = performance.now();
    const index = azIndex(topics, 'en');
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(index.pages).toHaveLength(100);
  });
});
