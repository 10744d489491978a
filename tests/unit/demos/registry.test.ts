// The demo registry (src/demos/registry.ts): names, metadata, and the static fallback HTML, checked
// by parsing it the way a browser does, with hostile metadata as well as the shipped one.
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, test } from 'vitest';
import { DEMO_NAMES, DEMOS, escapeHtml, fallbackHtmlFor, isDemoName, renderDemoFallbackHtml, type DemoMeta } from '../../../src/demos/registry.ts';
import { answer } from '../../../src/demos/shared/typical.ts';

describe('isDemoName', () => {
  test.each([
    ['pruning', true],
    ['early-stopping', true],
    ['tradeoff', true],
    ['batch-size', true],
    ['early-exit', true],
    ['low-rank', true],
    ['Pruning', false],
    ['pruning ', false],
    ['lowrank', false],
    ['', false],
    ['toString', false],
    [undefined, false],
    [42, false],
  ])('%j → %s', (value, expected) => {
    expect(isDemoName(value)).toBe(expected);
  });
});

test('every name has metadata with a title, a description, typical results and a question', () => {
  expect(DEMO_NAMES).toEqual(['pruning', 'quantization', 'distillation', 'early-stopping', 'precision-recall', 'fairness', 'tradeoff', 'batch-size', 'early-exit', 'low-rank']);
  for (const name of DEMO_NAMES) {
    const meta = DEMOS[name];
    expect(meta.name).toBe(name);
    expect(meta.title.length).toBeGreaterThan(10);
    expect(meta.description.length).toBeGreaterThan(100);
    expect(meta.typical.series.length).toBeGreaterThan(0);
    for (const s of meta.typical.series) expect(s.points.length).toBeGreaterThan(1);
    expect(meta.question.choices.length).toBeGreaterThan(2);
  }
});

describe('escapeHtml', () => {
  test.each([
    ['plain text', 'plain text'],
    ['a < b > c', 'a &lt; b &gt; c'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['&amp;', '&amp;amp;'],
    [`"double" 'single'`, '&quot;double&quot; &#39;single&#39;'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['’ é — ∑', '’ é — ∑'],
  ])('%j → %j', (text, expected) => expect(escapeHtml(text)).toBe(expected));
});

describe('renderDemoFallbackHtml', () => {
  test.each(DEMO_NAMES.map((n) => [n]))('%s: description, question, figure and data table, no script', (name) => {
    const html = renderDemoFallbackHtml(name);
    expect(html).toMatch(/^<div class="atlas-demo__fallback">/);
    expect(html).toContain('<svg');
    expect(html).toContain('<table>');
    expect(html).toContain(`aria-label="${escapeHtml(`${DEMOS[name].typical.yLabel} against ${DEMOS[name].typical.xLabel}`)}"`);
    // No ids: two copies of a demo on one page must not repeat one.
    expect(html).not.toMatch(/\sid="/);
    expect(html).not.toMatch(/<script|on\w+=|javascript:/i);
    // Every series point appears in the table.
    for (const s of DEMOS[name].typical.series) for (const [x, y] of s.points) expect(html).toContain(`<td>${x}</td><td>${y}</td>`);
    // Balanced elements.
    for (const tag of ['div', 'svg', 'figure', 'table', 'p', 'details', 'ul', 'li']) {
      expect(html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0).toBe(html.split(`</${tag}>`).length - 1);
    }
  });

  test.each(DEMO_NAMES.map((n) => [n]))('%s: the question lists its choices and carries the typical answer', (name) => {
    const { question, typical } = DEMOS[name];
    const html = renderDemoFallbackHtml(name);
    const expected = answer(question, typical.series);
    expect(html).toContain(`data-answer-index="${expected.index}"`);
    expect(html).toContain(`data-answer-text="${escapeHtml(expected.text)}"`);
    expect(html).toContain(`<strong>${escapeHtml(question.choices[expected.index]!.label)}</strong>`);
    for (const c of question.choices) expect(html).toContain(`<li>${escapeHtml(c.label)}</li>`);
    // The question comes before the figure that answers it.
    expect(html.indexOf('atlas-demo__quiz')).toBeLessThan(html.indexOf('atlas-demo__figure'));
  });

  test('rejects unknown names', () => {
    expect(() => renderDemoFallbackHtml('nope' as never)).toThrow(/registry: unknown demo "nope"/);
  });
});

/** The HTML as a browser parses it (parse5, through hast-util-from-html), as a hast tree. */
async function parseHtml(html: string): Promise<HastElement[]> {
  const tree = fromHtml(html, { fragment: true }) as unknown as HastElement;
  const all: HastElement[] = [];
  const walk = (node: HastElement): void => {
    if (node.type === 'element') all.push(node);
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return all;
}

interface HastElement {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastElement[];
}

const textOf = (node: HastElement): string => (node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map(textOf).join(''));

describe('fallbackHtmlFor escapes every string it is given', () => {
  const HOSTILE = `<script>alert("x")</script><img src=x onerror='alert(1)'>&amp;"><b>`;
  const hostile: DemoMeta = {
    ...DEMOS.pruning,
    title: `Title ${HOSTILE}`,
    description: `Description ${HOSTILE}`,
    typical: {
      caption: `Caption ${HOSTILE}`,
      xLabel: `x ${HOSTILE}`,
      yLabel: `y ${HOSTILE}`,
      series: [{ label: `series ${HOSTILE}`, points: [[0, 1], [1, 2]] }],
    },
    question: {
      ...DEMOS.pruning.question,
      prompt: `Prompt ${HOSTILE}`,
      choices: [
        { label: `first ${HOSTILE}`, min: -Infinity },
        { label: `second ${HOSTILE}`, min: 1 },
      ],
      measure: () => 5,
      describe: () => `answer ${HOSTILE}`,
    },
  };
  const html = fallbackHtmlFor(hostile);

  test('parsed as a browser would, only the renderer’s own elements exist and none has a handler', async () => {
    const elements = await parseHtml(html);
    const own = ['div', 'p', 'strong', 'span', 'ul', 'li', 'details', 'summary', 'figure', 'figcaption', 'svg', 'title', 'line', 'text', 'polyline', 'circle', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];
    expect([...new Set(elements.map((e) => e.tagName))].filter((t) => !own.includes(t!))).toEqual([]);
    expect(elements.flatMap((e) => Object.keys(e.properties ?? {})).filter((name) => /^on/i.test(name))).toEqual([]);
  });

  test('every hostile string comes back, as text, exactly where it was put', async () => {
    const elements = await parseHtml(html);
    const texts = (tag: string): string[] => elements.filter((e) => e.tagName === tag).map(textOf);
    expect(texts('strong')).toContain(`Title ${HOSTILE}`);
    expect(texts('p')).toContain(`Description ${HOSTILE}`);
    expect(texts('figcaption')).toEqual([`Caption ${HOSTILE}`]);
    expect(texts('span')).toEqual([`Prompt ${HOSTILE}`]);
    expect(texts('li')).toEqual([`first ${HOSTILE}`, `second ${HOSTILE}`]);
    expect(texts('th')).toEqual(['series', `x ${HOSTILE}`, `y ${HOSTILE}`]);
    expect(texts('td')).toContain(`series ${HOSTILE}`);
    expect(texts('text')).toEqual(expect.arrayContaining([`x ${HOSTILE}`, `y ${HOSTILE}`, `series ${HOSTILE}`]));
    expect(texts('title')).toEqual([`y ${HOSTILE} against x ${HOSTILE}`]);
    // The answer: the choice the measured 5 falls in, and its words, also in an attribute.
    expect(texts('strong')).toContain(`second ${HOSTILE}`);
    const quiz = elements.find((e) => (e.properties?.['className'] as string[] | undefined)?.includes('atlas-demo__quiz'))!;
    expect(quiz.properties?.['dataAnswerText']).toBe(`answer ${HOSTILE}`);
    expect(quiz.properties?.['dataAnswerIndex']).toBe('1');
    const svg = elements.find((e) => e.tagName === 'svg')!;
    expect(svg.properties?.['ariaLabel']).toBe(`y ${HOSTILE} against x ${HOSTILE}`);
  });

  test('non-finite numbers are refused rather than written into SVG attributes', () => {
    const broken = { ...hostile, typical: { ...hostile.typical, series: [{ label: 's', points: [[0, 1], [1, Number.NaN]] as [number, number][] }] } };
    expect(() => fallbackHtmlFor(broken)).toThrow(/registry: typical results must be finite numbers, got NaN/);
  });
});
