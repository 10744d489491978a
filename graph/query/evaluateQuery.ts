// Runs a parsed query against a wiki. Two steps: bind (resolve every name, topic, relation type
// and fact against the context, collecting every problem with its position) and run (sources from
// the context's indexes as sorted sets of topic ranks, then filter, sort, limit, group).
//
// Determinism: topics are ranked once per context by (title, id) in code-unit order; every set is
// kept in rank order, every sort falls back to rank, and every list of links is sorted by rank.
// So the output depends only on the context's content, never on the order of its arrays.
import type { Condition, Query, Source, ValueExpr } from './ast.ts';
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
  /** Lower-cased tag or tag prefix ('area' for 'area/sub') → the tags written under it. */
  tagsByPrefix: ReadonlyMap<string, readonly string[]>;
  /** Lower-cased category → the categories written that way. */
  categoriesByLowerName: ReadonlyMap<string, readonly string[]>;
  env: ValueEnv;
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
  const result: Prepared = { order, rank, tagsByPrefix, categoriesByLowerName, env };
  prepared.set(context, result);
  return result;
}

// ---- sets of topics, as ascending arrays of ranks -----------------------------------------

type RankSet = readonly number[];

function ranksOf(ids: Iterable<string>, prep: Prepared): RankSet {
  const ranks: number[] = [];
  for (const id of ids) {
    const r = prep.rank.get(id);
    if (r !== undefined) ranks.push(r);
  }
  ranks.sort((a, b) => a - b);
  return ranks.filter((r, i) => i === 0 || ranks[i - 1] !== r);
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

const everything = (n: number): RankSet => Array.from({ length: n }, (_, i) => i);

// ---- binding ------------------------------------------------------------------------------

type Getter = (topic: QueryTopic) => Value;
type Predicate = (topic: QueryTopic) => boolean;

/** Built-in values: every topic has them, whatever its frontmatter. */
interface Builtin {
  label: string;
  get(topic: QueryTopic, context: QueryContext, prep: Prepared): Value;
}

const BUILTINS = new Map<string, Builtin>(Object.entries({
  id: { label: 'Id', get: (t) => t.id },
  title: { label: 'Title', get: (t) => t.title },
  summary: { label: 'Summary', get: (t) => t.summary },
  category: { label: 'Category', get: (t) => t.category },
  tags: { label: 'Tags', get: (t) => [...t.tags] },
  aliases: { label: 'Aliases', get: (t) => [...t.aliases] },
  folder: { label: 'Folder', get: (t) => (t.folder === '' ? undefined : t.folder) },
  pagerank: { label: 'PageRank', get: (t) => t.pagerank },
  inbound: { label: 'Inbound links', get: (t) => t.inbound },
  outbound: { label: 'Outbound links', get: (t) => t.outbound },
  words: { label: 'Words', get: (t) => t.words },
  created: { label: 'Created', get: (t) => t.created },
  updated: { label: 'Updated', get: (t) => t.updated },
  links: { label: 'Links', get: (t, context, prep) => linkList(context.linksFrom(t.id), prep) },
  backlinks: { label: 'Backlinks', get: (t, context, prep) => linkList(context.linksTo(t.id), prep) },
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
        if (builtin !== undefined) return (t) => builtin.get(t, context, prep);
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
        return (t) => (Object.hasOwn(t.facts, name) ? t.facts[name] : undefined);
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
    return (t) => (Object.hasOwn(t.fields, name) ? fromFrontmatter(t.fields[name], env) : undefined);
  }

  private relation(type: string, directions: readonly RelationLookupDirection[]): Getter {
    const { context, prep } = this;
    return (t) => linkList(directions.flatMap((d) => context.related(t.id, type, d)), prep);
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
        return (t) => holds(op, left(t), right(t), env);
      }
      case 'exists': {
        const value = this.value(condition.value);
        return (t) => exists(value(t));
      }
      case 'and': {
        const operands = condition.operands.map((c) => this.condition(c));
        return (t) => operands.every((p) => p(t));
      }
      case 'or': {
        const operands = condition.operands.map((c) => this.condition(c));
        return (t) => operands.some((p) => p(t));
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
        return () => ranksOf(tags.flatMap((t) => context.byTag(t)), prep);
      }
      case 'folder': {
        const folder = source.folder.trim().replace(/^(\.\/)+/, '').replace(/^\/+|\/+$/g, '');
        if (folder === '') return () => everything(prep.order.length);
        if (!context.folderNames.has(folder)) {
          const suggestion = closestName(folder, context.folderNames);
          this.warn(source.position, `no topic is in the folder "${folder}"${suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`}`);
          return () => [];
        }
        return () => ranksOf(context.byFolder(folder), prep);
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
        return () => ranksOf(categories.flatMap((c) => context.byCategory(c)), prep);
      }
      case 'linksTo':
      case 'linksFrom': {
        const id = this.topic(source.target.name, source.target.position);
        if (id === undefined) return () => [];
        return () => ranksOf(source.type === 'linksTo' ? context.linksTo(id) : context.linksFrom(id), prep);
      }
      case 'relation': {
        const known = this.checkRelationType(source.relation, source.position);
        const id = this.topic(source.target.name, source.target.position);
        if (!known || id === undefined) return () => [];
        // "X is-a Metric" is declared on X: the topics that are-a Metric are Metric's incoming ones.
        const steps: RelationLookupDirection[] = source.direction === 'forward' ? ['in'] : source.direction === 'inverse' ? ['out'] : ['in', 'out'];
        const { relation, transitive } = source;
        return () => ranksOf(walkRelation(context, id, relation, steps, transitive), prep);
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
          let set = positive.length === 0 ? everything(prep.order.length) : positive[0]!();
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
        return () => subtract(everything(prep.order.length), operand());
      }
    }
  }
}

const constant =
  (value: Value): Getter =>
  () =>
    value;

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
  let ranks: RankSet = source === undefined ? everything(prep.order.length) : source();
  if (where !== undefined) ranks = ranks.filter((r) => where(prep.order[r]!));

  if (sortKeys.length > 0) {
    const decorated = ranks.map((rank) => {
      const topic = prep.order[rank]!;
      return { rank, keys: sortKeys.map((k) => orderKey(k.get(topic), env)) };
    });
    decorated.sort((a, b) => {
      for (let i = 0; i < sortKeys.length; i++) {
        const c = compareWithMissingLast(a.keys[i], b.keys[i], sortKeys[i]!.sign);
        if (c !== 0) return c;
      }
      return a.rank - b.rank;
    });
    ranks = decorated.map((d) => d.rank);
  }
  if (query.limit !== undefined) ranks = ranks.slice(0, query.limit.value);

  const topics = ranks.map((r) => prep.order[r]!);
  const rows: QueryRow[] = topics.map((topic) => ({
    id: topic.id,
    cells: output.kind === 'count' ? [] : columns.map((c) => toCell(c.get(topic))),
  }));
  const result: QueryResult = {
    kind: output.kind,
    columns: columns.map((c) => c.label),
    rows,
    count: rows.length,
  };
  if (groupBy !== undefined) result.groups = group(topics, rows, groupBy, env);
  return { result, warnings: binder.warnings.sort(compareQueryErrors) };
}

function compareWithMissingLast(a: OrderKey | undefined, b: OrderKey | undefined, sign: number): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return sign * compareOrderKeys(a, b);
}

function group(topics: readonly QueryTopic[], rows: readonly QueryRow[], by: { get: Getter; sign: number }, env: ValueEnv): QueryGroup[] {
  const groups = new Map<string, { key: Scalar | undefined; rows: QueryRow[] }>();
  topics.forEach((topic, i) => {
    const value = by.get(topic);
    const keys: (Scalar | undefined)[] = Array.isArray(value) ? (value.length === 0 ? [undefined] : [...new Set(value as readonly Scalar[])]) : [value as Scalar | undefined];
    const seen = new Set<string>();
    for (const key of keys) {
      const identity = key === undefined ? '' : groupIdentity(key);
      if (seen.has(identity)) continue;
      seen.add(identity);
      const existing = groups.get(identity);
      if (existing === undefined) groups.set(identity, { key, rows: [rows[i]!] });
      else existing.rows.push(rows[i]!);
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
