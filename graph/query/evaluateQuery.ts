// Runs a parsed query against a wiki. Two steps: bind (resolve every name, topic, relation type
// and fact against the context, collecting every problem with its position) and run (sources from
// the context's indexes as sorted sets of topic ranks, then filter, sort, limit, group).
//
// Determinism: topics are ranked once per context by (title, id) in code-unit order; every set is
// kept in rank order, every sort falls back to rank, and every list of links is sorted by rank.
// So the output depends only on the context's content, never on the order of its arrays.
import type { CompareOperator, Condition, Query, Source, ValueExpr } from './ast.ts';
import type { QueryContext, QueryTopic, RelationLookupDirection } from './context.ts';
import { closestName, compareQueryErrors, type QueryError } from './errors.ts';
import { parseIsoDate } from './parseIsoDate.ts';
import { parseQuery } from './parseQuery.ts';
import { printValue } from './printQuery.ts';
import type { QueryCell, QueryGroup, QueryResult, QueryRow } from './result.ts';
import {
  compareOrderKeys,
  exists,
  fromFrontmatter,
  groupIdentity,
  holds,
  numericText,
  orderKey,
  toCell,
  type OrderKey,
  type Scalar,
  type Value,
  type ValueEnv,
} from './values.ts';

export type EvaluateQueryResult = { result: QueryResult; warnings: QueryError[] } | { errors: QueryError[] };

// ---- per-context indexes ------------------------------------------------------------------

interface Prepared {
  /** Topics in (title, id) order; a topic's rank is its index here. */
  order: readonly QueryTopic[];
  rank: ReadonlyMap<string, number>;
  /** Every rank, 0..n-1: the set of all topics (shared, never mutated). */
  all: RankSet;
  /** Lower-cased tag or tag prefix ('area' for 'area/sub') → the tags written under it. */
  tagsByPrefix: ReadonlyMap<string, readonly string[]>;
  /** Lower-cased category → the categories written that way. */
  categoriesByLowerName: ReadonlyMap<string, readonly string[]>;
  env: ValueEnv;
  /** Frontmatter fields and facts as query values, by rank; made on first use. */
  columns: Map<string, readonly Value[]>;
}

/** A per-context column of values by rank: each frontmatter value is converted once, not per query. */
function column(prep: Prepared, key: string, read: (topic: QueryTopic) => Value): readonly Value[] {
  let values = prep.columns.get(key);
  if (values === undefined) {
    values = prep.order.map(read);
    prep.columns.set(key, values);
  }
  return values;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Indexes are built once per context object: a context must not change after its first query.
const prepared = new WeakMap<QueryContext, Prepared>();

function prepare(context: QueryContext): Prepared {
  const cached = prepared.get(context);
  if (cached !== undefined) return cached;
  const order = [...context.topics].sort((a, b) => compareText(a.title, b.title) || compareText(a.id, b.id));
  const rank = new Map(order.map((topic, i) => [topic.id, i]));
  const tagsByPrefix = new Map<string, string[]>();
  for (const tag of [...context.tagNames].sort(compareText)) {
    const parts = tag.toLowerCase().split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const list = tagsByPrefix.get(prefix);
      if (list === undefined) tagsByPrefix.set(prefix, [tag]);
      else if (!list.includes(tag)) list.push(tag);
    }
  }
  const categoriesByLowerName = new Map<string, string[]>();
  for (const category of [...context.categoryNames].sort(compareText)) {
    const key = category.toLowerCase();
    categoriesByLowerName.set(key, [...(categoriesByLowerName.get(key) ?? []), category]);
  }
  const resolved = new Map<string, string | undefined>();
  const env: ValueEnv = {
    rankOf: (id) => rank.get(id) ?? order.length,
    titleOf: (id) => context.topic(id)?.title ?? id,
    resolveName: (name) => {
      if (!resolved.has(name)) resolved.set(name, context.resolve(name));
      return resolved.get(name);
    },
  };
  const all = Array.from({ length: order.length }, (_, i) => i);
  const result: Prepared = { order, rank, all, tagsByPrefix, categoriesByLowerName, env, columns: new Map() };
  prepared.set(context, result);
  return result;
}

// ---- sets of topics, as ascending arrays of ranks -----------------------------------------

type RankSet = readonly number[];

/** The ranks of the topics in any of these id lists, ascending, each once; unknown ids are skipped. */
function ranksOf(lists: readonly (readonly string[])[], prep: Prepared): RankSet {
  const n = prep.order.length;
  let size = 0;
  for (const list of lists) size += list.length;
  if (size * 8 < n) {
    const ranks: number[] = [];
    for (const list of lists) {
      for (const id of list) {
        const r = prep.rank.get(id);
        if (r !== undefined) ranks.push(r);
      }
    }
    ranks.sort((a, b) => a - b);
    return ranks.filter((r, i) => i === 0 || ranks[i - 1] !== r);
  }
  // Large sets: mark and sweep, linear instead of a sort.
  const marks = new Uint8Array(n);
  for (const list of lists) {
    for (const id of list) {
      const r = prep.rank.get(id);
      if (r !== undefined) marks[r] = 1;
    }
  }
  const ranks: number[] = [];
  for (let r = 0; r < n; r++) if (marks[r] === 1) ranks.push(r);
  return ranks;
}

function union(a: RankSet, b: RankSet): RankSet {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) {
      out.push(x!);
      i++;
    } else if (x === undefined || y < x) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
      j++;
    }
  }
  return out;
}

function intersect(a: RankSet, b: RankSet): RankSet {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out.push(a[i]!);
      i++;
      j++;
    }
  }
  return out;
}

function subtract(a: RankSet, b: RankSet): RankSet {
  const out: number[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]! < x) j++;
    if (b[j] !== x) out.push(x);
  }
  return out;
}

// ---- binding ------------------------------------------------------------------------------

/** Values and conditions take a topic's rank: per-context columns are arrays indexed by it. */
type Getter = (rank: number) => Value;
type Predicate = (rank: number) => boolean;

/** Built-in values: every topic has them, whatever its frontmatter. */
interface Builtin {
  label: string;
  /** Makes the getter once per query, so reading a value is one plain function call. */
  getter(context: QueryContext, prep: Prepared): Getter;
}

const BUILTINS = new Map<string, Builtin>(Object.entries({
  id: { label: 'Id', getter: (_, { order }) => (r) => order[r]!.id },
  title: { label: 'Title', getter: (_, { order }) => (r) => order[r]!.title },
  summary: { label: 'Summary', getter: (_, { order }) => (r) => order[r]!.summary },
  category: { label: 'Category', getter: (_, { order }) => (r) => order[r]!.category },
  tags: { label: 'Tags', getter: (_, { order }) => (r) => order[r]!.tags },
  aliases: { label: 'Aliases', getter: (_, { order }) => (r) => order[r]!.aliases },
  folder: { label: 'Folder', getter: (_, { order }) => (r) => order[r]!.folder || undefined },
  pagerank: { label: 'PageRank', getter: (_, { order }) => (r) => order[r]!.pagerank },
  inbound: { label: 'Inbound links', getter: (_, { order }) => (r) => order[r]!.inbound },
  outbound: { label: 'Outbound links', getter: (_, { order }) => (r) => order[r]!.outbound },
  words: { label: 'Words', getter: (_, { order }) => (r) => order[r]!.words },
  created: { label: 'Created', getter: (_, { order }) => (r) => order[r]!.created },
  updated: { label: 'Updated', getter: (_, { order }) => (r) => order[r]!.updated },
  links: { label: 'Links', getter: (context, prep) => (r) => linkList(context.linksFrom(prep.order[r]!.id), prep) },
  backlinks: { label: 'Backlinks', getter: (context, prep) => (r) => linkList(context.linksTo(prep.order[r]!.id), prep) },
} satisfies Record<string, Builtin>));

/** Names that are built in, in the order the documentation lists them. */
export const BUILTIN_NAMES: readonly string[] = [...BUILTINS.keys()];

function linkList(ids: readonly string[], prep: Prepared): Scalar[] {
  return [...new Set(ids)]
    .filter((id) => prep.rank.has(id))
    .sort((a, b) => prep.rank.get(a)! - prep.rank.get(b)!)
    .map((id) => ({ link: id }));
}

const listNames = (names: Iterable<string>, max = 12): string => {
  const sorted = [...names].sort(compareText);
  return sorted.length <= max ? sorted.join(', ') : `${sorted.slice(0, max).join(', ')} … (${sorted.length} in all)`;
};

class Binder {
  readonly errors: QueryError[] = [];
  readonly warnings: QueryError[] = [];
  private readonly context: QueryContext;
  private readonly prep: Prepared;
  private readonly relationTypes: ReadonlySet<string>;

  constructor(context: QueryContext, prep: Prepared) {
    this.context = context;
    this.prep = prep;
    this.relationTypes = new Set(context.relationTypes);
  }

  private error(at: { line: number; column: number }, message: string, hint?: string): void {
    this.errors.push({ message, line: at.line, column: at.column, ...(hint === undefined ? {} : { hint }) });
  }

  private warn(at: { line: number; column: number }, message: string, hint?: string): void {
    this.warnings.push({ message, line: at.line, column: at.column, ...(hint === undefined ? {} : { hint }) });
  }

  /** The topic a [[name]] stands for; records an error (with did-you-mean) when there is none. */
  topic(name: string, at: { line: number; column: number }): string | undefined {
    const id = this.prep.env.resolveName(name);
    if (id !== undefined && this.prep.rank.has(id)) return id;
    const suggestion = this.context.suggest(name);
    this.error(at, `no topic is called "${name}"${suggestion === undefined ? ' — check its title or aliases' : ` — did you mean "${suggestion}"?`}`);
    return undefined;
  }

  private checkRelationType(relation: string, at: { line: number; column: number }): boolean {
    if (this.relationTypes.has(relation)) return true;
    const suggestion = closestName(relation, this.context.relationTypes);
    this.error(
      at,
      `unknown relation type "${relation}"${suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`}`,
      `use one of: ${this.context.relationTypes.join(', ')}`,
    );
    return false;
  }

  // -- values

  label(value: ValueExpr): string {
    switch (value.type) {
      case 'name':
        return BUILTINS.get(value.name)?.label ?? value.name;
      case 'field':
      case 'fact':
        return value.name;
      case 'relation':
        return `${value.direction} ${value.relation}`;
      default:
        return printValue(value);
    }
  }

  value(value: ValueExpr): Getter {
    const { context, prep } = this;
    switch (value.type) {
      case 'name': {
        const builtin = BUILTINS.get(value.name);
        if (builtin !== undefined) return builtin.getter(context, prep);
        if (this.relationTypes.has(value.name)) return this.relation(value.name, ['out']);
        if (context.fieldNames.has(value.name)) return this.field(value.name);
        this.unknownName(value.name, value.position);
        return () => undefined;
      }
      case 'field':
        if (!context.fieldNames.has(value.name)) {
          const suggestion = closestName(value.name, context.fieldNames);
          this.error(
            value.position,
            `no topic has the frontmatter field "${value.name}"${suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`}`,
            suggestion === undefined ? `fields in use: ${listNames(context.fieldNames)}` : undefined,
          );
        }
        return this.field(value.name);
      case 'fact': {
        const name = value.name;
        if (!context.factNames.has(name)) {
          const suggestion = closestName(name, context.factNames);
          this.error(
            value.position,
            `no topic has the fact "${name}"${suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`}`,
            suggestion === undefined ? `facts in use: ${listNames(context.factNames)}` : undefined,
          );
        }
        const values = column(prep, `fact\u0000${name}`, (t) => (Object.hasOwn(t.facts, name) ? t.facts[name] : undefined));
        return (r) => values[r];
      }
      case 'relation':
        this.checkRelationType(value.relation, value.position);
        return this.relation(value.relation, value.direction === 'inverse' ? ['in'] : ['out', 'in']);
      case 'string':
        return constant(value.value);
      case 'number':
        return constant(value.value);
      case 'boolean':
        return constant(value.value);
      case 'date':
        return constant(parseIsoDate(value.text));
      case 'link': {
        const id = this.topic(value.name, value.position);
        return constant(id === undefined ? undefined : { link: id });
      }
    }
  }

  private field(name: string): Getter {
    const env = this.prep.env;
    const values = column(this.prep, `field\u0000${name}`, (t) => (Object.hasOwn(t.fields, name) ? fromFrontmatter(t.fields[name], env) : undefined));
    return (r) => values[r];
  }

  private relation(type: string, directions: readonly RelationLookupDirection[]): Getter {
    const { context, prep } = this;
    return (r) => {
      const id = prep.order[r]!.id;
      return linkList(directions.length === 1 ? context.related(id, type, directions[0]!) : directions.flatMap((d) => context.related(id, type, d)), prep);
    };
  }

  private unknownName(name: string, at: { line: number; column: number }): void {
    const { context } = this;
    const fact = [...context.factNames].find((f) => f === name) ?? [...context.factNames].find((f) => f.toLowerCase() === name.toLowerCase());
    if (fact !== undefined) {
      this.error(at, `unknown field "${name}" — "${fact}" is a fact: write fact(${JSON.stringify(fact)})`);
      return;
    }
    const candidates = [...BUILTIN_NAMES, ...context.relationTypes, ...context.fieldNames];
    const suggestion = closestName(name, candidates);
    if (suggestion !== undefined) {
      this.error(at, `unknown field "${name}" — did you mean "${suggestion}"?`);
      return;
    }
    this.error(
      at,
      `unknown field "${name}" — no topic has it in its frontmatter`,
      `built-in: ${BUILTIN_NAMES.join(', ')}; relations: ${context.relationTypes.join(', ')}; fields in use: ${listNames(context.fieldNames)}`,
    );
  }

  // -- conditions

  condition(condition: Condition): Predicate {
    const env = this.prep.env;
    switch (condition.type) {
      case 'compare': {
        const left = this.value(condition.left);
        const right = this.value(condition.right);
        const op = condition.op;
        const constant = constantOf(condition.right, right);
        if (constant !== NOT_CONSTANT) {
          const test = compareWithConstant(op, constant as Value, env);
          return (t) => test(left(t));
        }
        return (t) => holds(op, left(t), right(t), env);
      }
      case 'exists': {
        const value = this.value(condition.value);
        return (t) => exists(value(t));
      }
      case 'and': {
        const operands = condition.operands.map((c) => this.condition(c));
        return (t) => {
          for (const p of operands) if (!p(t)) return false;
          return true;
        };
      }
      case 'or': {
        const operands = condition.operands.map((c) => this.condition(c));
        return (t) => {
          for (const p of operands) if (p(t)) return true;
          return false;
        };
      }
      case 'not': {
        const operand = this.condition(condition.operand);
        return (t) => !operand(t);
      }
    }
  }

  // -- sources: bound to a thunk so nothing is computed for a query with errors

  source(source: Source): () => RankSet {
    const { context, prep } = this;
    switch (source.type) {
      case 'tag': {
        const tag = source.tag.replace(/^#/, '').replace(/\/+$/, '');
        const tags = prep.tagsByPrefix.get(tag.toLowerCase());
        if (tags === undefined) {
          const suggestion = closestName(tag, context.tagNames);
          this.warn(source.position, `no topic has the tag #${tag}${suggestion === undefined ? '' : ` — did you mean #${suggestion}?`}`);
          return () => [];
        }
        return () => ranksOf(tags.map((t) => context.byTag(t)), prep);
      }
      case 'folder': {
        const folder = source.folder.trim().replace(/^(\.\/)+/, '').replace(/^\/+|\/+$/g, '');
        if (folder === '') return () => prep.all;
        if (!context.folderNames.has(folder)) {
          const suggestion = closestName(folder, context.folderNames);
          this.warn(source.position, `no topic is in the folder "${folder}"${suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`}`);
          return () => [];
        }
        return () => ranksOf([context.byFolder(folder)], prep);
      }
      case 'category': {
        const categories = prep.categoriesByLowerName.get(source.category.trim().toLowerCase());
        if (categories === undefined) {
          const suggestion = closestName(source.category, context.categoryNames);
          this.warn(
            source.position,
            `no topic has the category "${source.category}"${suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`}`,
            suggestion === undefined ? `categories in use: ${listNames(context.categoryNames)}` : undefined,
          );
          return () => [];
        }
        return () => ranksOf(categories.map((c) => context.byCategory(c)), prep);
      }
      case 'linksTo':
      case 'linksFrom': {
        const id = this.topic(source.target.name, source.target.position);
        if (id === undefined) return () => [];
        return () => ranksOf([source.type === 'linksTo' ? context.linksTo(id) : context.linksFrom(id)], prep);
      }
      case 'relation': {
        const known = this.checkRelationType(source.relation, source.position);
        const id = this.topic(source.target.name, source.target.position);
        if (!known || id === undefined) return () => [];
        // "X is-a Metric" is declared on X: the topics that are-a Metric are Metric's incoming ones.
        const steps: RelationLookupDirection[] = source.direction === 'forward' ? ['in'] : source.direction === 'inverse' ? ['out'] : ['in', 'out'];
        const { relation, transitive } = source;
        return () => ranksOf([walkRelation(context, id, relation, steps, transitive)], prep);
      }
      case 'or': {
        const operands = source.operands.map((s) => this.source(s));
        return () => operands.reduce<RankSet>((set, operand) => union(set, operand()), []);
      }
      case 'and': {
        // A AND NOT B is a difference, so NOT never has to materialise everything else.
        const positive = source.operands.filter((s) => s.type !== 'not').map((s) => this.source(s));
        const negative = source.operands.flatMap((s) => (s.type === 'not' ? [this.source(s.operand)] : []));
        return () => {
          let set = positive.length === 0 ? prep.all : positive[0]!();
          for (const operand of positive.slice(1)) {
            if (set.length === 0) return set;
            set = intersect(set, operand());
          }
          for (const operand of negative) {
            if (set.length === 0) return set;
            set = subtract(set, operand());
          }
          return set;
        };
      }
      case 'not': {
        const operand = this.source(source.operand);
        return () => subtract(prep.all, operand());
      }
    }
  }
}

const constant =
  (value: Value): Getter =>
  () =>
    value;

const NOT_CONSTANT = Symbol('not constant');

/** The value of a literal (whose getter ignores the topic), or NOT_CONSTANT. */
function constantOf(expr: ValueExpr, getter: Getter): Value | typeof NOT_CONSTANT {
  const literal = expr.type === 'string' || expr.type === 'number' || expr.type === 'boolean' || expr.type === 'date' || expr.type === 'link';
  return literal ? getter(0) : NOT_CONSTANT;
}

const ORDER_TESTS: Record<Exclude<CompareOperator, 'contains' | '!='>, (order: number) => boolean> = {
  '=': (o) => o === 0,
  '<': (o) => o < 0,
  '<=': (o) => o <= 0,
  '>': (o) => o > 0,
  '>=': (o) => o >= 0,
};

/**
 * `value op constant` as a one-argument test: the common cases (a number, a date or a text that
 * is not a number on the right, the same kind on the left) skip the general rules in `holds`,
 * which give the same answer for them.
 */
function compareWithConstant(op: CompareOperator, right: Value, env: ValueEnv): (left: Value) => boolean {
  if (op === '!=') {
    const equal = compareWithConstant('=', right, env);
    return (left) => !equal(left);
  }
  const general = (left: Value) => holds(op, left, right, env);
  if (op === 'contains') {
    if (typeof right !== 'string') return general;
    const needle = right.toLowerCase();
    return (left) => (typeof left === 'string' ? left.toLowerCase().includes(needle) : general(left));
  }
  const test = ORDER_TESTS[op];
  if (typeof right === 'number') return (left) => (typeof left === 'number' ? test(left < right ? -1 : left > right ? 1 : 0) : general(left));
  if (right instanceof Date) {
    const time = right.getTime();
    return (left) => (left instanceof Date ? test(left.getTime() < time ? -1 : left.getTime() > time ? 1 : 0) : general(left));
  }
  if (typeof right === 'string' && numericText(right) === undefined) {
    return (left) => (typeof left === 'string' ? test(left < right ? -1 : left > right ? 1 : 0) : general(left));
  }
  return general;
}

/** Topics one relation step from `start`, or any number of steps when transitive; never `start`. */
function walkRelation(
  context: QueryContext,
  start: string,
  type: string,
  steps: readonly RelationLookupDirection[],
  transitive: boolean,
): string[] {
  const seen = new Set([start]);
  const found: string[] = [];
  let frontier = [start];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const step of steps) {
        for (const other of context.related(id, type, step)) {
          if (seen.has(other)) continue;
          seen.add(other);
          found.push(other);
          next.push(other);
        }
      }
    }
    frontier = transitive ? next : [];
  }
  return found;
}

// ---- running ------------------------------------------------------------------------------

/**
 * Evaluates a parsed query. Unknown names, facts, relation types and topics are errors (every one
 * of them, each at its token); sources naming a tag, category or folder nobody uses are warnings
 * and match nothing. A query that matches nothing is a valid, empty result.
 */
export function evaluateQuery(query: Query, context: QueryContext): EvaluateQueryResult {
  const prep = prepare(context);
  const binder = new Binder(context, prep);

  const source = query.from === undefined ? undefined : binder.source(query.from);
  const where = query.where === undefined ? undefined : binder.condition(query.where);
  const output = query.output;
  const columns = output.kind === 'table' ? output.columns.map((c) => ({ label: c.label ?? binder.label(c.value), get: binder.value(c.value) })) : output.kind === 'list' && output.value !== undefined ? [{ label: binder.label(output.value), get: binder.value(output.value) }] : [];
  const sortKeys = query.sort.map((key) => ({ get: binder.value(key.value), sign: key.direction === 'desc' ? -1 : 1 }));
  const groupBy = query.groupBy === undefined ? undefined : { get: binder.value(query.groupBy.value), sign: query.groupBy.direction === 'desc' ? -1 : 1 };
  if (binder.errors.length > 0) return { errors: binder.errors.sort(compareQueryErrors) };

  const env = prep.env;
  let ranks: RankSet = source === undefined ? prep.all : source();
  if (where !== undefined) ranks = ranks.filter(where);

  if (sortKeys.length > 0) {
    const decorated = ranks.map((rank) => ({ rank, keys: sortKeys.map((k) => orderKey(k.get(rank), env)) }));
    const compare = (a: (typeof decorated)[number], b: (typeof decorated)[number]): number => {
      for (let i = 0; i < sortKeys.length; i++) {
        const c = compareWithMissingLast(a.keys[i], b.keys[i], sortKeys[i]!.sign);
        if (c !== 0) return c;
      }
      return a.rank - b.rank;
    };
    const limit = query.limit?.value;
    ranks = (limit !== undefined && limit * 8 < decorated.length ? smallest(decorated, limit, compare) : decorated.sort(compare)).map((d) => d.rank);
  }
  if (query.limit !== undefined) ranks = ranks.slice(0, query.limit.value);

  const rows: QueryRow[] = ranks.map((rank) => ({
    id: prep.order[rank]!.id,
    cells: output.kind === 'count' ? [] : columns.map((c) => toCell(c.get(rank))),
  }));
  const result: QueryResult = {
    kind: output.kind,
    columns: columns.map((c) => c.label),
    rows,
    count: rows.length,
  };
  if (groupBy !== undefined) result.groups = group(ranks, rows, groupBy, env);
  return { result, warnings: binder.warnings.sort(compareQueryErrors) };
}

/** The k smallest items in order, without sorting all of them (SORT … LIMIT k over many topics). */
function smallest<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  if (k <= 0) return kept;
  for (const item of items) {
    if (kept.length === k && compare(item, kept[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(kept[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, item);
    if (kept.length > k) kept.pop();
  }
  return kept;
}

function compareWithMissingLast(a: OrderKey | undefined, b: OrderKey | undefined, sign: number): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return sign * compareOrderKeys(a, b);
}

function group(ranks: RankSet, rows: readonly QueryRow[], by: { get: Getter; sign: number }, env: ValueEnv): QueryGroup[] {
  const groups = new Map<string, { key: Scalar | undefined; rows: QueryRow[] }>();
  const add = (identity: string, key: Scalar | undefined, row: QueryRow) => {
    const existing = groups.get(identity);
    if (existing === undefined) groups.set(identity, { key, rows: [row] });
    else existing.rows.push(row);
  };
  ranks.forEach((rank, i) => {
    const value = by.get(rank);
    const row = rows[i]!;
    if (!Array.isArray(value)) {
      add(value === undefined ? '' : groupIdentity(value as Scalar), value as Scalar | undefined, row);
    } else if (value.length === 0) {
      add('', undefined, row);
    } else {
      // A list may repeat an item; the topic still goes into that group once.
      const seen: string[] = [];
      for (const key of value as readonly Scalar[]) {
        const identity = groupIdentity(key);
        if (seen.includes(identity)) continue;
        seen.push(identity);
        add(identity, key, row);
      }
    }
  });
  return [...groups.entries()]
    .map(([identity, g]) => ({ identity, order: orderKey(g.key, env), ...g }))
    .sort((a, b) => compareWithMissingLast(a.order, b.order, by.sign) || compareText(a.identity, b.identity))
    .map((g): QueryGroup => ({ key: g.key === undefined ? { kind: 'empty' } : (toCell(g.key) satisfies QueryCell), rows: g.rows }));
}

/** parseQuery then evaluateQuery: the one call a renderer of ```query blocks needs. */
export function runQuery(text: string, context: QueryContext): EvaluateQueryResult {
  const parsed = parseQuery(text);
  return 'errors' in parsed ? parsed : evaluateQuery(parsed.query, context);
}
