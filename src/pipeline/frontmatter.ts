// Splitting a Markdown file into YAML frontmatter and body, and validating the frontmatter against
// the content schema with every problem reported at its line.
//
// Either way only the offending value is dropped — one bad reference URL loses that URL, not the
// page — so the note keeps its place in the vault: links to it still resolve, and the author reads
// about the one bad value, not about every link to a page that seems to be missing. Strict (the
// default): each problem is an error and the build stops after reporting them all. Lenient (warn
// mode, for building vaults written for other tools): each is a warning and the page is built.
import { topicFrontmatterSchema, type TopicFrontmatter } from '../content/schema.ts';
import type { Diagnostic } from './diagnostics.ts';
import { parseYaml } from './yaml.ts';

export interface SplitSource {
  /** YAML text between the fences, '' when the file has none. */
  yaml: string;
  body: string;
  /** 1-based line of the first YAML line in the file (2 when fenced). */
  yamlLine: number;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?^---[ \t]*(\r?\n|$)/m;
const EMPTY_FENCE = /^---[ \t]*\r?\n---[ \t]*(\r?\n|$)/;

export function splitFrontmatter(source: string): SplitSource {
  const text = source.replace(/^\uFEFF/, '');
  if (!text.startsWith('---')) return { yaml: '', body: text, yamlLine: 1, bodyLine: 1 };
  const empty = EMPTY_FENCE.exec(text);
  const match = empty ?? FENCE.exec(text);
  if (!match || match.index !== 0) return { yaml: '', body: text, yamlLine: 1, bodyLine: 1 };
  const consumed = match[0];
  return {
    yaml: empty ? '' : (match[1] ?? ''),
    body: text.slice(consumed.length),
    yamlLine: 2,
    bodyLine: consumed.split('\n').length - (consumed.endsWith('\n') ? 0 : 1),
  };
}

export interface ParsedFrontmatter {
  /** Validated data, without the values that failed (all of it, when the YAML does not parse). */
  data: TopicFrontmatter;
  diagnostics: Diagnostic[];
  /** Line (1-based, in the file) of the value at a path such as ['relations', 'is-a', 0]. */
  lineOf(path: readonly PropertyKey[]): number;
}

export interface FrontmatterOptions {
  /** Warn and drop the offending value instead of failing (warn mode). */
  lenient?: boolean;
}

export function parseFrontmatter(split: SplitSource, file: string, options: FrontmatterOptions = {}): ParsedFrontmatter {
  const lenient = options.lenient ?? false;
  const severity = lenient ? 'warning' : 'error';
  const yaml = parseYaml(split.yaml, split.yamlLine);
  const { lineOf } = yaml;
  const empty = () => topicFrontmatterSchema.parse({});
  const diagnostics: Diagnostic[] = yaml.errors.map((error) => ({
    severity,
    rule: 'frontmatter',
    file,
    line: error.line,
    column: error.column,
    message: `invalid frontmatter YAML: ${error.message} — fix the YAML between the --- lines${lenient ? ' (the page is built without its frontmatter)' : ''}`,
  }));
  if (diagnostics.length) return { data: empty(), diagnostics, lineOf };

  const raw = yaml.value ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    diagnostics.push({ severity, rule: 'frontmatter', file, line: split.yamlLine, column: 1, message: `frontmatter must be a YAML map of key: value lines${lenient ? ' (the page is built without it)' : ''}` });
    return { data: empty(), diagnostics, lineOf };
  }

  // Maps built from YAML are copied onto objects without a prototype, so keys such as `constructor`
  // are data like any other, and strings lose the control characters no page or feed can carry.
  // `__proto__` cannot survive validation as a key (zod leaves it out): a warning says so, in
  // either mode, as Obsidian would build such a note.
  const reserved: PropertyKey[][] = [];
  const candidate = textOnly(raw, [], reserved) as Record<string, unknown>;
  for (const path of reserved) {
    const where = path.map(String).join('.');
    diagnostics.push({ severity: 'warning', rule: 'frontmatter', file, line: lineOf(path), column: 1, message: `frontmatter "${where}": "__proto__" cannot be a key, rename it — ignored ${where}` });
  }
  // `summary:` with nothing after it (Obsidian writes empty properties that way) means "not set".
  for (const key of Object.keys(topicFrontmatterSchema.shape)) if (candidate[key] === null) delete candidate[key];
  let last: { diagnostic: Diagnostic; path: readonly PropertyKey[] } | undefined;
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = topicFrontmatterSchema.safeParse(candidate);
    if (result.success) return { data: result.data, diagnostics, lineOf };
    // One value at a time: dropping an array element shifts the paths of the issues after it.
    const issue = result.error.issues[0]!;
    if (last && samePath(issue.path, last.path) && issue.path.length > 0) {
      // Dropping the value did not help: it is required (a reference's year). Drop what holds it
      // instead, under the same diagnostic.
      const holder = issue.path.slice(0, -1);
      last.diagnostic.message = last.diagnostic.message.replace(/ — ignored [^—]*$/, ` — ignored ${holder.map(String).join('.') || 'the frontmatter'} ("${String(issue.path[issue.path.length - 1])}" is required)`);
      dropValue(candidate, holder);
      last = { diagnostic: last.diagnostic, path: holder };
      continue;
    }
    const diagnostic: Diagnostic = { severity, rule: 'frontmatter', file, line: lineOf(issue.path), column: 1, message: describeIssue(issue, issue.path, candidate, lenient) };
    diagnostics.push(diagnostic);
    dropValue(candidate, issue.path);
    last = { diagnostic, path: issue.path };
  }
  return { data: empty(), diagnostics, lineOf };
}

/**
 * Characters that reach frontmatter only through YAML escapes (`"\0"`, `"\x1B"`, `"\uFFFE"`) and
 * that neither HTML nor XML 1.0 can carry: C0 controls other than tab and line breaks, DEL, and
 * the non-characters U+FFFE and U+FFFF. Lone surrogates become U+FFFD.
 */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/** `text` without the characters no page or feed can carry. */
export function withoutControlCharacters(text: string): string {
  return text.replace(NOT_TEXT, '').toWellFormed();
}

/** A deep copy of YAML data: strings without control characters, maps without a prototype; `__proto__` keys are left out and their paths collected. */
function textOnly(value: unknown, path: PropertyKey[], reserved: PropertyKey[][]): unknown {
  if (typeof value === 'string') return withoutControlCharacters(value);
  if (Array.isArray(value)) return value.map((item, i) => textOnly(item, [...path, i], reserved));
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (key === '__proto__') {
      reserved.push([...path, key]);
      continue;
    }
    copy[withoutControlCharacters(key)] = textOnly((value as Record<string, unknown>)[key], [...path, key], reserved);
  }
  return copy;
}

function describeIssue(issue: { code: string; message: string }, path: readonly PropertyKey[], raw: Record<string, unknown>, lenient: boolean): string {
  const where = path.map(String).join('.') || 'frontmatter';
  const value = path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], raw);
  const shown = value === undefined ? '' : ` ${JSON.stringify(value)?.slice(0, 80) ?? String(value)}:`;
  return `frontmatter "${where}":${shown} ${issue.message}${lenient ? ` — ignored ${where}` : ''}`;
}

function samePath(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/** Removes the value at `path` (an array element is spliced out), so the rest can still be used. */
function dropValue(root: Record<string, unknown>, path: readonly PropertyKey[]): void {
  if (path.length === 0) {
    for (const key of Object.keys(root)) delete root[key];
    return;
  }
  let parent: unknown = root;
  for (const segment of path.slice(0, -1)) {
    parent = (parent as Record<PropertyKey, unknown> | undefined)?.[segment];
    if (typeof parent !== 'object' || parent === null) return;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete (parent as Record<PropertyKey, unknown>)[last];
}
