// Property tests: no text crashes the parser or the evaluator, printing is a faithful inverse of
// parsing, and evaluation does not depend on the order of the context's arrays.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluateQuery, parseQuery, printQuery, type Query, type QueryError } from '../../../graph/query/index.ts';
import { queryShape, tokenSoup, TOKENS } from './arbitraries.ts';
import { fixtureContext } from './fixture.ts';
import { withoutPositions } from './helpers.ts';

const context = fixtureContext();
const reversed = fixtureContext('reversed');
const RUNS = { numRuns: 400 };

/** The parser's answer is one of its two shapes, with errors pointing inside the text. */
function checkWellFormed(text: string): void {
  const parsed = parseQuery(text);
  const lines = text.split(/\r\n|\r|\n/);
  if ('errors' in parsed) {
    expect(parsed).not.toHaveProperty('query');
    expect(parsed.errors.length).toBeGreaterThan(0);
    for (const error of parsed.errors) {
      expect(typeof error.message).toBe('string');
      expect(error.message).not.toMatch(/internal error/);
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.line).toBeLessThanOrEqual(lines.length);
      expect(error.column).toBeGreaterThanOrEqual(1);
      expect(error.column).toBeLessThanOrEqual(lines[error.line - 1]!.length + 1);
    }
  } else {
    checkEvaluates(parsed.query);
    // What parses survives a round trip through the printer.
    const again = parseQuery(printQuery(parsed.query));
    expect('query' in again && withoutPositions(again.query)).toEqual(withoutPositions(parsed.query));
  }
}

/** Evaluation never throws, and gives the same answer whatever the order of the context's arrays. */
function checkEvaluates(query: Query): void {
  const a = evaluateQuery(query, context);
  const b = evaluateQuery(query, reversed);
  expect(b).toEqual(a);
  if ('errors' in a) {
    for (const error of a.errors as QueryError[]) expect(error.line).toBeGreaterThanOrEqual(1);
  } else {
    expect(a.result.count).toBe(a.result.rows.length);
    expect(new Set(a.result.rows.map((r) => r.id)).size).toBe(a.result.rows.length);
  }
}

describe('parseQuery never throws', () => {
  test('on random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })), (text) => checkWellFormed(text)),
      RUNS,
    );
  });

  test('on random text after a valid start', () => {
    fc.assert(
      fc.property(fc.constantFrom('LIST ', 'TABLE ', 'COUNT FROM ', 'LIST WHERE ', 'LIST SORT '), fc.string({ maxLength: 40 }), (start, rest) => checkWellFormed(start + rest)),
      RUNS,
    );
  });

  test('on token soups', () => {
    fc.assert(fc.property(tokenSoup, (text) => checkWellFormed(text)), { numRuns: 1000 });
  });

  test('on mutated valid queries', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 3 })) }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 10 }) }),
    );
    fc.assert(
      fc.property(queryShape, fc.array(mutation, { minLength: 1, maxLength: 4 }), (shape, mutations) => {
        let text = printQuery(shape as Query);
        for (const m of mutations) {
          const at = text.length === 0 ? 0 : m.at % (text.length + 1);
          if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.length);
          else if (m.kind === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
          else text = text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
        }
        checkWellFormed(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('printQuery is the inverse of parseQuery', () => {
  test('parse(print(q)) = q for generated queries', () => {
    fc.assert(
      fc.property(queryShape, (shape) => {
        const text = printQuery(shape as Query);
        const parsed = parseQuery(text);
        if ('errors' in parsed) throw new Error(`${JSON.stringify(text)} did not parse: ${JSON.stringify(parsed.errors)}`);
        expect(withoutPositions(parsed.query)).toEqual(withoutPositions(shape));
        // And printing is canonical: the printed text is a fixed point.
        expect(printQuery(parsed.query)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  test('parse(print(parse(x))) = parse(x) for generated queries written loosely', () => {
    // Re-spell a canonical query the way authors write: lower-case keywords, extra spaces, comments.
    fc.assert(
      fc.property(queryShape, fc.boolean(), fc.boolean(), (shape, lower, comment) => {
        let text = printQuery(shape as Query).replace(/\n/g, comment ? ' // note\n  ' : '\n  ');
        if (lower) text = text.replace(/^(LIST|TABLE|COUNT)|\n {2}(FROM|WHERE|SORT|GROUP BY|LIMIT)\b/g, (m) => m.toLowerCase());
        const first = parseQuery(text);
        if ('errors' in first) throw new Error(`${JSON.stringify(text)} did not parse: ${JSON.stringify(first.errors)}`);
        const second = parseQuery(printQuery(first.query));
        expect('query' in second && withoutPositions(second.query)).toEqual(withoutPositions(first.query));
      }),
      RUNS,
    );
  });

  test('generated queries evaluate without throwing, independently of input order', () => {
    fc.assert(
      fc.property(queryShape, (shape) => {
        const parsed = parseQuery(printQuery(shape as Query));
        if ('query' in parsed) checkEvaluates(parsed.query);
      }),
      { numRuns: 1000 },
    );
  });
});
