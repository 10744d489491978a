// Every ```query example in docs/query-language.md runs against the fixture wiki without errors or
// warnings, and is already in a form the printer keeps; a few are checked for their exact answer.
import { readFileSync } from 'node:fs';
import type { Code } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { describe, expect, test } from 'vitest';
import { parseQuery, printQuery, runQuery } from '../../../graph/query/index.ts';
import { fixtureContext } from './fixture.ts';
import { withoutPositions } from './helpers.ts';

const DOC = 'docs/query-language.md';
const context = fixtureContext();

/** The doc's query blocks, including those shown inside a ````markdown example, with their line. */
function queryBlocks(markdown: string, lineOffset = 0): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  visit(fromMarkdown(markdown), 'code', (node: Code) => {
    const line = lineOffset + (node.position?.start.line ?? 0);
    if (node.lang === 'query') blocks.push({ line, text: node.value });
    else if (node.lang === 'markdown') blocks.push(...queryBlocks(node.value, line));
  });
  return blocks;
}

const blocks = queryBlocks(readFileSync(DOC, 'utf8'));
const readmeBlocks = queryBlocks(readFileSync('README.md', 'utf8'));

test('the reference has examples of every kind', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(20);
  const all = blocks.map((b) => b.text).join('\n');
  for (const feature of ['LIST', 'TABLE', 'COUNT', 'FROM', 'WHERE', 'SORT', 'GROUP BY', 'LIMIT', 'is-a*', 'inverse', 'either', 'outgoing', 'category(', 'NOT', 'exists(', 'contains', 'fact(', 'facts[', 'AS "']) {
    expect(all).toContain(feature);
  }
});

describe(`${DOC} examples`, () => {
  test.each(blocks.map((b) => [`line ${b.line}`, b.text] as const))('%s evaluates cleanly', (_, text) => {
    const evaluated = runQuery(text, context);
    expect(evaluated).not.toHaveProperty('errors');
    expect('warnings' in evaluated && evaluated.warnings).toEqual([]);
    // The examples survive a round trip through the canonical printer.
    const parsed = parseQuery(text);
    const again = 'query' in parsed ? parseQuery(printQuery(parsed.query)) : parsed;
    expect('query' in again && withoutPositions(again.query)).toEqual('query' in parsed && withoutPositions(parsed.query));
  });
});

describe('exact answers of some examples', () => {
  const answer = (needle: string) => {
    const block = blocks.find((b) => b.text.includes(needle));
    if (block === undefined) throw new Error(`no example contains ${needle}`);
    const evaluated = runQuery(block.text, context);
    if ('errors' in evaluated) throw new Error(JSON.stringify(evaluated.errors));
    return evaluated.result;
  };
  const titles = (needle: string) => answer(needle).rows.map((r) => context.topic(r.id)!.title);

  test('the opening example', () => {
    const result = answer('improves = [[Inference latency]]');
    expect(result.columns).toEqual(['Summary', 'Introduced', 'PageRank']);
    expect(result.rows.map((r) => [context.topic(r.id)!.title, r.cells[1]])).toEqual([
      ['Model pruning', { kind: 'text', value: '1989' }],
      ['Quantization', { kind: 'text', value: '1990' }],
      ['Structured pruning', { kind: 'text', value: '2016' }],
    ]);
  });

  test('transitive relations, nested tags, negation', () => {
    expect(titles('FROM is-a*([[Metric]]) AND -"archive"')).toEqual(['Accuracy', 'Classification metric', 'F1 score', 'Measure', 'Precision']);
    expect(titles('FROM #compression AND NOT #compression/sparsity')).toEqual(['Knowledge distillation', 'Quantization']);
    expect(titles('LIST FROM inverse is-a*([[F1 score]])')).toEqual(['Classification metric', 'Measure', 'Metric']);
  });

  test('filters on facts and dates', () => {
    // F1 score (1979) has no key paper.
    expect(titles('fact("Introduced") < 2000')).toEqual(['Model pruning', 'Quantization']);
    expect(titles('reviewed > 2024-01-01 OR')).toEqual(['F1 score', 'Model pruning', 'Quantization']);
    expect(titles('WHERE improves = "latency"')).toEqual(['Model pruning', 'Quantization', 'Structured pruning']);
  });

  test('count and groups', () => {
    expect(answer('COUNT FROM category("Metric")').count).toBe(4);
    expect(titles('SORT pagerank DESC\nLIMIT 3')).toEqual(['Efficiency-accuracy trade-off', 'Model pruning', 'Quantization']);
    const groups = answer('GROUP BY tags').groups!;
    expect(groups.map((g) => [g.key.kind === 'text' ? g.key.value : g.key.kind, g.rows.length])).toEqual([
      ['accuracy', 1],
      ['compression', 3],
      ['compression/precision', 1],
      ['compression/sparsity', 2],
      ['efficiency', 2],
      ['evaluation', 4],
      ['evaluation/classification', 2],
      ['vision', 1],
    ]);
  });
});

describe('README.md examples', () => {
  test('the README shows queries', () => expect(readmeBlocks.length).toBeGreaterThanOrEqual(3));
  test.each(readmeBlocks.map((b) => [`line ${b.line}`, b.text] as const))('%s evaluates cleanly', (_, text) => {
    const evaluated = runQuery(text, context);
    expect(evaluated).not.toHaveProperty('errors');
    expect('warnings' in evaluated && evaluated.warnings).toEqual([]);
  });
});
