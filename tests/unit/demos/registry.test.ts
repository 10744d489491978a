import { describe, expect, test } from 'vitest';
import { DEMO_NAMES, DEMOS, isDemoName, renderDemoFallbackHtml } from '../../../src/demos/registry.ts';

describe('isDemoName', () => {
  test.each([
    ['pruning', true],
    ['early-stopping', true],
    ['tradeoff', true],
    ['Pruning', false],
    ['pruning ', false],
    ['', false],
    ['toString', false],
    [undefined, false],
    [42, false],
  ])('%j → %s', (value, expected) => {
    expect(isDemoName(value)).toBe(expected);
  });
});

test('every name has metadata with a title, a description and typical results', () => {
  expect(DEMO_NAMES).toEqual(['pruning', 'quantization', 'distillation', 'early-stopping', 'precision-recall', 'fairness', 'tradeoff']);
  for (const name of DEMO_NAMES) {
    const meta = DEMOS[name];
    expect(meta.name).toBe(name);
    expect(meta.title.length).toBeGreaterThan(10);
    expect(meta.description.length).toBeGreaterThan(100);
    expect(meta.typical.series.length).toBeGreaterThan(0);
    for (const s of meta.typical.series) expect(s.points.length).toBeGreaterThan(1);
  }
});

describe('renderDemoFallbackHtml', () => {
  test.each(DEMO_NAMES.map((n) => [n]))('%s: description, figure and data table, no script', (name) => {
    const html = renderDemoFallbackHtml(name, '/wiki/');
    expect(html).toMatch(/^<div class="atlas-demo__fallback">/);
    expect(html).toContain('<svg');
    expect(html).toContain('<table>');
    expect(html).toContain(`id="atlas-demo-${name}-figure-title"`);
    expect(html).not.toMatch(/<script|on\w+=|javascript:/i);
    // Every series point appears in the table.
    for (const s of DEMOS[name].typical.series) for (const [x, y] of s.points) expect(html).toContain(`<td>${x}</td><td>${y}</td>`);
    // Balanced elements.
    for (const tag of ['div', 'svg', 'figure', 'table', 'p', 'details']) {
      expect(html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length).toBe(html.split(`</${tag}>`).length - 1);
    }
  });

  test('escapes text taken from metadata', () => {
    const html = renderDemoFallbackHtml('distillation', '/');
    // The description has an apostrophe-like character and the x labels contain no markup.
    expect(html).toContain('teacher’s');
    expect(html).not.toContain("'s softened");
    expect(renderDemoFallbackHtml('quantization', '/')).toContain('per-tensor');
  });

  test('rejects unknown names', () => {
    expect(() => renderDemoFallbackHtml('nope' as never, '/')).toThrow(/registry: unknown demo "nope"/);
  });
});
