// Shareable demo settings: each demo's config declares its parameters (type, allowed values,
// default), and this module reads them from and writes them to the page URL, the way TensorFlow
// Playground's links carry a whole setup. Keys are namespaced per demo instance ("pruning.seed",
// "pruning-2.seed" for a second pruning demo on the page), so demos on one page never clash.
// Parsing never throws: a missing value takes the default silently; an invalid, out-of-range,
// conflicting or unknown one takes the default with a note naming the parameter, for the reader.
// Pure functions over URLSearchParams: no DOM, unit-tested in Node.

export interface NumberParam {
  readonly kind: 'number';
  readonly default: number;
  /** A range of values: min, max and the step values must sit on (from min). */
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** Or a list of allowed values (e.g. layer widths); takes precedence over the range. */
  readonly values?: readonly number[];
}

export interface ChoiceParam<T extends string = string> {
  readonly kind: 'choice';
  readonly default: T;
  readonly values: readonly T[];
}

export interface BooleanParam {
  readonly kind: 'boolean';
  readonly default: boolean;
}

export type ParamSpec = NumberParam | ChoiceParam | BooleanParam;

/** The parameter declarations for a settings type: one per field, of the matching kind. */
export type ParamSpecsFor<S> = {
  readonly [K in keyof S]-?: S[K] extends number ? NumberParam : S[K] extends boolean ? BooleanParam : S[K] extends string ? ChoiceParam<S[K]> : never;
};

export const numberRange = (min: number, max: number, step: number, fallback: number): NumberParam => ({ kind: 'number', min, max, step, default: fallback });
export const numberChoice = (values: readonly number[], fallback: number): NumberParam => ({ kind: 'number', values, default: fallback });
export const choice = <T extends string>(values: readonly T[], fallback: T): ChoiceParam<T> => ({ kind: 'choice', values, default: fallback });
export const flag = (fallback: boolean): BooleanParam => ({ kind: 'boolean', default: fallback });
/** The seed every demo takes. */
export const SEED_PARAM: NumberParam = numberRange(0, 999_999, 1, 1);

/** Longest slice of a URL value repeated in a note: a hostile link cannot paste a novel into the page. */
const ECHO_LIMIT = 40;

function echo(raw: string): string {
  // Control characters would be invisible or reorder the note (bidi overrides); show them as "�".
  const visible = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  return visible.length > ECHO_LIMIT ? `${visible.slice(0, ECHO_LIMIT)}…` : visible;
}

/** The value as written in a URL and shown in notes. */
export function formatValue(spec: ParamSpec, value: number | string | boolean): string {
  if (spec.kind === 'boolean') return value ? '1' : '0';
  return String(value);
}

/** Plain decimal notation only: no hex, exponents, "Infinity", spaces or empty strings. */
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;

function onStep(value: number, min: number, step: number): boolean {
  const k = (value - min) / step;
  return Math.abs(k - Math.round(k)) < 1e-9;
}

type Checked = { ok: true; value: number | string | boolean } | { ok: false; reason: string };

function describeRange(spec: NumberParam): string {
  if (spec.values) return `one of ${spec.values.join(', ')}`;
  const { min = -Infinity, max = Infinity, step } = spec;
  const range = `${min} to ${max}`;
  return step === undefined ? range : step === 1 ? `a whole number from ${range}` : `${range} in steps of ${step}`;
}

function check(spec: ParamSpec, raw: string): Checked {
  switch (spec.kind) {
    case 'number': {
      if (!DECIMAL.test(raw)) return { ok: false, reason: 'is not a number' };
      const value = Number(raw);
      if (spec.values) return spec.values.includes(value) ? { ok: true, value } : { ok: false, reason: `is not ${describeRange(spec)}` };
      const { min = -Infinity, max = Infinity, step } = spec;
      if (value < min || value > max) return { ok: false, reason: `is out of range (${describeRange(spec)})` };
      if (step !== undefined && !onStep(value, Number.isFinite(min) ? min : 0, step)) return { ok: false, reason: `is not ${describeRange(spec)}` };
      return { ok: true, value };
    }
    case 'choice':
      return spec.values.includes(raw) ? { ok: true, value: raw } : { ok: false, reason: `is not one of ${spec.values.join(', ')}` };
    case 'boolean':
      if (raw === '1' || raw === 'true') return { ok: true, value: true };
      if (raw === '0' || raw === 'false') return { ok: true, value: false };
      return { ok: false, reason: 'is not 1 or 0' };
  }
}

export interface Parsed<S> {
  readonly values: S;
  /** One sentence per parameter that fell back to its default or was ignored. */
  readonly notes: readonly string[];
}

/** "pruning.seed" */
export const paramKey = (namespace: string, name: string): string => `${namespace}.${name}`;

/**
 * Reads a demo's settings from a query string. Only keys of the form `${namespace}.${name}` are
 * looked at; everything else in the URL belongs to someone else and is left alone.
 */
export function parseParams<S>(specs: ParamSpecsFor<S>, search: URLSearchParams | string, namespace: string): Parsed<S> {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const table = specs as unknown as Record<string, ParamSpec>;
  const values: Record<string, unknown> = {};
  const notes: string[] = [];
  const prefix = `${namespace}.`;
  for (const name of Object.keys(table)) {
    const spec = table[name]!;
    values[name] = spec.default;
    const key = paramKey(namespace, name);
    const given = params.getAll(key);
    if (given.length === 0) continue;
    const fallback = formatValue(spec, spec.default);
    const distinct = [...new Set(given)];
    if (distinct.length > 1) {
      notes.push(`${key} is given ${given.length} different values (${distinct.slice(0, 3).map(echo).join(', ')}${distinct.length > 3 ? ', …' : ''}); using ${fallback}`);
      continue;
    }
    const checked = check(spec, distinct[0]!);
    if (checked.ok) values[name] = checked.value;
    else notes.push(`${key}=${echo(distinct[0]!)} ${checked.reason}; using ${fallback}`);
  }
  const unknown = new Set<string>();
  for (const key of params.keys()) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (!Object.hasOwn(table, name)) unknown.add(key);
  }
  for (const key of unknown) notes.push(`${echo(key)} is not a setting of this demo; ignored`);
  return { values: values as S, notes };
}

/**
 * Writes every parameter of one demo into `url` (all of them, not only changed ones, so a link
 * keeps its meaning if a default changes later) and returns it; other keys are kept as they are.
 */
export function writeParams<S>(specs: ParamSpecsFor<S>, values: S, namespace: string, url: URL): URL {
  const next = new URL(url.href);
  clearParams(next, namespace);
  const table = specs as unknown as Record<string, ParamSpec>;
  for (const name of Object.keys(table)) {
    next.searchParams.set(paramKey(namespace, name), formatValue(table[name]!, (values as Record<string, number | string | boolean>)[name]!));
  }
  return next;
}

/** Removes every key of one demo from `url` (in place) and returns it. */
export function clearParams(url: URL, namespace: string): URL {
  const prefix = `${namespace}.`;
  for (const key of [...new Set(url.searchParams.keys())]) if (key.startsWith(prefix)) url.searchParams.delete(key);
  return url;
}

/** The default settings a parameter table declares. */
export function defaultsOf<S>(specs: ParamSpecsFor<S>): S {
  const table = specs as unknown as Record<string, ParamSpec>;
  return Object.fromEntries(Object.keys(table).map((name) => [name, table[name]!.default])) as S;
}

/**
 * The namespace of the `index`-th (0-based) demo called `name` on a page: the name itself, then
 * "name-2", "name-3"… Demo names never end in "-<digits>", so these cannot collide with another demo.
 */
export function namespaceFor(name: string, index: number): string {
  return index === 0 ? name : `${name}-${index + 1}`;
}
