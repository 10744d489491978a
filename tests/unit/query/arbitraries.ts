// fast-check generators of well-formed query syntax trees (without positions), for the
// property tests. Names mix the fixture wiki's vocabulary with random identifiers, so generated
// queries both evaluate for real and exercise the error paths.
import fc from 'fast-check';
import type { CompareOperator, Condition, Output, Query, Source, ValueExpr } from '../../../graph/query/index.ts';
import { RESERVED_WORDS } from '../../../graph/query/index.ts';

type NoPositions<T> = T extends readonly (infer U)[] ? NoPositions<U>[] : T extends object ? { [K in keyof T as K extends 'position' ? never : K]: NoPositions<T[K]> } : T;
export type QueryShape = NoPositions<Query>;

const FIXTURE_NAMES = ['title', 'summary', 'category', 'tags', 'pagerank', 'inbound', 'created', 'updated', 'links', 'backlinks', 'difficulty', 'status', 'reviewed', 'vendor', 'released', 'see-also', 'is-a', 'improves', 'related', 'folder', 'words', 'id'];
const FIXTURE_TOPICS = ['Metric', 'Model pruning', 'pruning', 'Quantization', 'Inference latency', 'F1', 'GPU', 'Measure'];
const FIXTURE_FACTS = ['Introduced', 'Key paper', 'Range'];
const FIXTURE_TAGS = ['compression', 'compression/sparsity', 'evaluation', 'Efficiency', 'hardware'];
const FIXTURE_FOLDERS = ['techniques', 'metrics', 'techniques/vision', 'archive', '/metrics/'];
const RELATIONS = ['is-a', 'related', 'improves', 'part-of', 'measured-by'];

const isName = (s: string) => /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(s) && !s.endsWith('-') && !RESERVED_WORDS.has(s.toUpperCase());

export const name = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FIXTURE_NAMES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z_é][a-zA-Z0-9_é-]{0,8}$/).filter(isName) },
);
const relationName = fc.oneof(fc.constantFrom(...RELATIONS), name).filter((n) => !['outgoing', 'incoming', 'category'].includes(n.toLowerCase()));
const anyText = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));
const topicName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FIXTURE_TOPICS) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.replace(/[[\]|#\r\n]/g, '').trim()).filter((s) => s !== '') },
);
const tag = fc.oneof(fc.constantFrom(...FIXTURE_TAGS), fc.stringMatching(/^[a-z0-9_-]{1,6}(\/[a-z0-9_-]{1,6})?$/));
const folder = fc.oneof(fc.constantFrom(...FIXTURE_FOLDERS), anyText);
const factName = fc.oneof(fc.constantFrom(...FIXTURE_FACTS), anyText);
const date = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .chain((d) => fc.constantFrom(d.toISOString().slice(0, 10), d.toISOString()));

export const value: fc.Arbitrary<NoPositions<ValueExpr>> = fc.oneof(
  { weight: 4, arbitrary: name.map((n) => ({ type: 'name' as const, name: n })) },
  { weight: 1, arbitrary: anyText.map((n) => ({ type: 'field' as const, name: n })) },
  { weight: 2, arbitrary: factName.map((n) => ({ type: 'fact' as const, name: n })) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('relation' as const), relation: relationName, direction: fc.constantFrom('inverse' as const, 'either' as const) }) },
  { weight: 2, arbitrary: anyText.map((v) => ({ type: 'string' as const, value: v })) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(fc.integer({ min: -5000, max: 5000 }), fc.double({ noNaN: true, noDefaultInfinity: true }))
      .filter((n) => !Object.is(n, -0))
      .map((v) => ({ type: 'number' as const, value: v })),
  },
  { weight: 1, arbitrary: fc.boolean().map((v) => ({ type: 'boolean' as const, value: v })) },
  { weight: 1, arbitrary: date.map((text) => ({ type: 'date' as const, text })) },
  { weight: 1, arbitrary: topicName.map((n) => ({ type: 'link' as const, name: n })) },
);

const operator = fc.constantFrom<CompareOperator>('=', '!=', '<', '<=', '>', '>=', 'contains');

const { condition } = fc.letrec<{ condition: NoPositions<Condition> }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('compare' as const), op: operator, left: value, right: value }),
    fc.record({ type: fc.constant('exists' as const), value }),
    fc.record({ type: fc.constantFrom('and' as const, 'or' as const), operands: fc.array(tie('condition'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ type: fc.constant('not' as const), operand: tie('condition') }),
  ),
}));

const topicRef = topicName.map((n) => ({ name: n }));
const { source } = fc.letrec<{ source: NoPositions<Source> }>((tie) => ({
  source: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tag.map((t) => ({ type: 'tag' as const, tag: t })),
    folder.map((f) => ({ type: 'folder' as const, folder: f })),
    fc.oneof(fc.constantFrom('Technique', 'metric', 'Hardwre'), anyText).map((c) => ({ type: 'category' as const, category: c })),
    topicRef.map((target) => ({ type: 'linksTo' as const, target })),
    topicRef.map((target) => ({ type: 'linksFrom' as const, target })),
    fc.record({ type: fc.constant('relation' as const), relation: relationName, direction: fc.constantFrom('forward' as const, 'inverse' as const, 'either' as const), transitive: fc.boolean(), target: topicRef }),
    fc.record({ type: fc.constantFrom('and' as const, 'or' as const), operands: fc.array(tie('source'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ type: fc.constant('not' as const), operand: tie('source') }),
  ),
}));

const output: fc.Arbitrary<NoPositions<Output>> = fc.oneof(
  fc.record({ kind: fc.constant('list' as const), value }, { requiredKeys: ['kind'] }),
  fc.record({ kind: fc.constant('table' as const), columns: fc.array(fc.record({ value, label: anyText }, { requiredKeys: ['value'] }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('count' as const) }),
);
const direction = fc.constantFrom('asc' as const, 'desc' as const);

export const queryShape: fc.Arbitrary<QueryShape> = fc.record(
  {
    output,
    from: source,
    where: condition,
    sort: fc.array(fc.record({ value, direction }), { maxLength: 3 }),
    groupBy: fc.record({ value, direction }),
    limit: fc.integer({ min: 0, max: 1000 }).map((v) => ({ value: v })),
  },
  { requiredKeys: ['output', 'sort'] },
);

/** Fragments of the language, valid and not, for token soups and mutations. */
export const TOKENS = [
  'LIST', 'TABLE', 'COUNT', 'FROM', 'WHERE', 'SORT', 'GROUP', 'BY', 'LIMIT', 'AND', 'OR', 'NOT', 'AS', 'ASC', 'DESC', 'contains', 'exists', 'fact', 'facts', 'field', 'date',
  'inverse', 'either', 'outgoing', 'incoming', 'category', 'is-a', 'is-a*', 'title', 'tags', 'pagerank', 'true', 'false',
  '(', ')', ',', '[', ']', '.', '*', '=', '!=', '<', '<=', '>', '>=', '-', '!', '==', '//', '#', '#tag', '#a/b', '[[', ']]', '[[Metric]]', '[[Model pruning|x]]',
  '"', "'", '"text"', "'x'", '"a\\"b"', '\\', '42', '-1.5', '1e3', '.5', '2024-03-01', '2024-02-30', '0x1F', '\n', '\r\n', '\r', '\t', ' ', '@', '\u0000', '𝔸', 'é', '名',
];
export const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).chain((tokens) =>
  fc.array(fc.constantFrom(' ', '', '\n'), { minLength: tokens.length, maxLength: tokens.length }).map((gaps) => tokens.map((t, i) => t + gaps[i]).join('')),
);
