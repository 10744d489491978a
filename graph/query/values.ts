// The values a query computes with, and how they compare. One set of rules for WHERE, SORT and
// GROUP BY, documented in docs/query-language.md ("Values and comparisons"):
// - a comparison against a list holds when it holds for any item (multi-valued fields, relations);
// - a date on either side compares as dates, else a number on either side compares as numbers,
//   converting ISO text or plain-number text; two texts that are both plain numbers compare as
//   numbers, other texts by code units (not locale: the answer must not depend on the machine);
// - links are topics: equal when they are the same topic (text equals a link when it resolves to
//   it), ordered by title;
// - `contains` is a case-insensitive substring test on text, membership on lists;
// - values that cannot be compared make the comparison false (and `!=` true).
import type { CompareOperator } from './ast.ts';
import type { QueryCell } from './result.ts';
import { formatIsoDate, parseIsoDate } from './parseIsoDate.ts';

/** A link to a topic, by id. */
export interface LinkValue {
  readonly link: string;
}

export type Scalar = string | number | boolean | Date | LinkValue;
/** `undefined` is "no value": a missing field, a topic without a category. */
export type Value = Scalar | readonly Scalar[] | undefined;

/** What values need from the wiki: topic order and names. */
export interface ValueEnv {
  /** Position of the topic in (title, id) order. */
  rankOf(id: string): number;
  titleOf(id: string): string;
  /** A topic name as written in [[...]] or in text → id. */
  resolveName(name: string): string | undefined;
}

export const isLink = (value: unknown): value is LinkValue =>
  typeof value === 'object' && value !== null && !(value instanceof Date) && !Array.isArray(value) && 'link' in value;

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A text that is a plain number (`"1989"`, `" 2.5 "`) as that number, else undefined. */
export function numericText(text: string): number | undefined {
  const trimmed = text.trim();
  if (!PLAIN_NUMBER.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

const WIKILINK = /^\s*\[\[([^\]|#]+)(?:[#|][^\]]*)?\]\]\s*$/;

/**
 * A frontmatter value as a query value. Text written as a wikilink (`"[[Yann LeCun]]"`) is a link
 * when it resolves; lists are flattened; maps become their JSON text; null is no value.
 */
export function fromFrontmatter(raw: unknown, env: ValueEnv): Value {
  if (Array.isArray(raw)) {
    const items: Scalar[] = [];
    const add = (item: unknown): void => {
      if (Array.isArray(item)) item.forEach(add);
      else {
        const scalar = scalarFromFrontmatter(item, env);
        if (scalar !== undefined) items.push(scalar);
      }
    };
    raw.forEach(add);
    return items;
  }
  return scalarFromFrontmatter(raw, env);
}

function scalarFromFrontmatter(raw: unknown, env: ValueEnv): Scalar | undefined {
  switch (typeof raw) {
    case 'string': {
      // Most text is not a link: skip the regular expression unless it could be one.
      const link = raw.includes('[[') ? WIKILINK.exec(raw) : null;
      const id = link ? env.resolveName(link[1]!.trim()) : undefined;
      return id === undefined ? raw : { link: id };
    }
    case 'number':
      return Number.isFinite(raw) ? raw : String(raw);
    case 'boolean':
      return raw;
    case 'bigint':
      return String(raw);
    case 'object':
      if (raw === null) return undefined;
      if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw;
      return JSON.stringify(raw);
    default:
      return undefined;
  }
}

/** Whether a value is there at all: not missing, not an empty list, not blank text. */
export function exists(value: Value): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}

export function toText(value: Scalar, env: ValueEnv): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return formatIsoDate(value);
  return env.titleOf(value.link);
}

const cmp = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

function toTime(value: Scalar): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return parseIsoDate(value)?.getTime();
  return undefined;
}

function toNumber(value: Scalar): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return numericText(value);
  return undefined;
}

/** Order of two single values, or undefined when they cannot be compared (a date and a number). */
export function compareScalars(a: Scalar, b: Scalar, env: ValueEnv): number | undefined {
  if (a instanceof Date || b instanceof Date) {
    const x = toTime(a);
    const y = toTime(b);
    return x === undefined || y === undefined ? undefined : cmp(x, y);
  }
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    return x === undefined || y === undefined ? undefined : cmp(x, y);
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    return typeof a === 'boolean' && typeof b === 'boolean' ? cmp(Number(a), Number(b)) : undefined;
  }
  if (isLink(a) || isLink(b)) {
    if (isLink(a) && isLink(b)) return cmp(env.rankOf(a.link), env.rankOf(b.link));
    const [link, text, sign] = isLink(a) ? [a, b as string, 1] : [b as LinkValue, a as string, -1];
    if (env.resolveName(text) === link.link) return 0;
    return sign * (cmp(env.titleOf(link.link), text) || 1);
  }
  const x = numericText(a);
  const y = x === undefined ? undefined : numericText(b);
  return y === undefined ? cmp(a, b) : cmp(x!, y);
}

function containsScalar(container: Scalar, needle: Scalar, env: ValueEnv): boolean {
  if (isLink(container) && isLink(needle)) return container.link === needle.link;
  return toText(container, env).toLowerCase().includes(toText(needle, env).toLowerCase());
}

function memberEquals(item: Scalar, needle: Scalar, env: ValueEnv): boolean {
  if (typeof item === 'string' && typeof needle === 'string') return item.toLowerCase() === needle.toLowerCase();
  return compareScalars(item, needle, env) === 0;
}

/** Does `left op right` hold? */
export function holds(op: CompareOperator, left: Value, right: Value, env: ValueEnv): boolean {
  if (op === '!=') return !holds('=', left, right, env);
  if (left === undefined || right === undefined) return false;
  if (op === 'contains') {
    if (Array.isArray(right)) return right.some((r: Scalar) => holds('contains', left, r, env));
    const needle = right as Scalar;
    if (Array.isArray(left)) return left.some((item: Scalar) => memberEquals(item, needle, env));
    return containsScalar(left as Scalar, needle, env);
  }
  if (Array.isArray(left)) return left.some((item: Scalar) => holds(op, item, right, env));
  if (Array.isArray(right)) return right.some((item: Scalar) => holds(op, left, item, env));
  const order = compareScalars(left as Scalar, right as Scalar, env);
  if (order === undefined) return false;
  switch (op) {
    case '=':
      return order === 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/**
 * A value reduced to what sorting needs, computed once per row. Kinds sort in this order:
 * booleans, numbers (and plain-number texts), dates, texts, links (by title), lists.
 */
export type OrderKey = { kind: number; n: number; s: string } | { kind: 5; items: OrderKey[] };

export function orderKey(value: Value, env: ValueEnv): OrderKey | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return { kind: 5, items: value.map((item: Scalar) => scalarOrderKey(item, env)) };
  }
  return scalarOrderKey(value as Scalar, env);
}

function scalarOrderKey(value: Scalar, env: ValueEnv): OrderKey {
  if (typeof value === 'boolean') return { kind: 0, n: Number(value), s: '' };
  if (typeof value === 'number') return { kind: 1, n: value, s: '' };
  if (value instanceof Date) return { kind: 2, n: value.getTime(), s: '' };
  if (typeof value === 'string') {
    const n = numericText(value);
    return n === undefined ? { kind: 3, n: 0, s: value } : { kind: 1, n, s: '' };
  }
  return { kind: 4, n: env.rankOf(value.link), s: '' };
}

export function compareOrderKeys(a: OrderKey, b: OrderKey): number {
  if (a.kind !== b.kind) return a.kind - b.kind;
  if ('items' in a && 'items' in b) {
    for (let i = 0; i < Math.min(a.items.length, b.items.length); i++) {
      const c = compareOrderKeys(a.items[i]!, b.items[i]!);
      if (c !== 0) return c;
    }
    return a.items.length - b.items.length;
  }
  const x = a as { n: number; s: string };
  const y = b as { n: number; s: string };
  return cmp(x.n, y.n) || cmp(x.s, y.s);
}

export function toCell(value: Value): QueryCell {
  if (value === undefined) return { kind: 'empty' };
  if (Array.isArray(value)) return value.length === 0 ? { kind: 'empty' } : { kind: 'list', items: value.map((v: Scalar) => scalarCell(v)) };
  return scalarCell(value as Scalar);
}

function scalarCell(value: Scalar): QueryCell {
  if (typeof value === 'string') return { kind: 'text', value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return { kind: 'date', value: formatIsoDate(value) };
  return { kind: 'link', id: value.link };
}

/** Identity of a GROUP BY key: equal keys share a group. */
export function groupIdentity(value: Scalar): string {
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'number') return `n:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (value instanceof Date) return `d:${value.getTime()}`;
  return `l:${value.link}`;
}
