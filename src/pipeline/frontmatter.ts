// Splitting a Markdown file into YAML frontmatter and body, and validating the frontmatter against
// the content schema with every problem reported at its line (yaml's CST gives us positions).
import { LineCounter, isMap, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { topicFrontmatterSchema, type TopicFrontmatter } from '../content/schema.ts';
import { RELATION_TYPES } from '../../graph/relations.ts';
import type { Diagnostic } from './diagnostics.ts';

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

export function splitFrontmatter(source: string): SplitSource {
  const text = source.replace(/^\uFEFF/, '');
  if (!text.startsWith('---')) return { yaml: '', body: text, yamlLine: 1, bodyLine: 1 };
  const match = FENCE.exec(text);
  if (!match || match.index !== 0) return { yaml: '', body: text, yamlLine: 1, bodyLine: 1 };
  const consumed = match[0];
  return {
    yaml: match[1] ?? '',
    body: text.slice(consumed.length),
    yamlLine: 2,
    bodyLine: consumed.split('\n').length - (consumed.endsWith('\n') ? 0 : 1),
  };
}

export interface ParsedFrontmatter {
  /** Validated data; undefined when there were errors. */
  data: TopicFrontmatter | undefined;
  diagnostics: Diagnostic[];
  /** Line (1-based, in the file) of the value at a path such as ['relations', 'is-a', 0]. */
  lineOf(path: readonly PropertyKey[]): number;
}

export function parseFrontmatter(split: SplitSource, file: string): ParsedFrontmatter {
  const lineCounter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + split.yamlLine - 1;
  const lineOf = (path: readonly PropertyKey[]) => lineAt(rangeStart(doc, path));
  const diagnostics: Diagnostic[] = doc.errors.map((error) => ({
    severity: 'error',
    rule: 'frontmatter',
    file,
    line: (error.linePos?.[0].line ?? 1) + split.yamlLine - 1,
    column: error.linePos?.[0].col ?? 1,
    message: `invalid frontmatter YAML: ${error.message.split('\n')[0]} — fix the YAML between the --- lines`,
  }));
  if (diagnostics.length) return { data: undefined, diagnostics, lineOf };

  const raw = doc.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    diagnostics.push({ severity: 'error', rule: 'frontmatter', file, line: split.yamlLine, column: 1, message: 'frontmatter must be a YAML map of key: value lines' });
    return { data: undefined, diagnostics, lineOf };
  }
  const result = topicFrontmatterSchema.safeParse(raw);
  if (result.success) return { data: result.data, diagnostics, lineOf };
  for (const issue of result.error.issues) {
    // An unknown key is reported at the key's own line, once per key.
    const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [undefined];
    for (const k of keys) {
      const path = k === undefined ? issue.path : [...issue.path, k];
      diagnostics.push({
        severity: 'error',
        rule: issue.code === 'unrecognized_keys' && path[0] === 'relations' ? 'unknown-relation-type' : 'frontmatter',
        file,
        line: lineOf(path),
        column: 1,
        message: describeIssue(issue, path, raw as Record<string, unknown>),
      });
    }
  }
  return { data: undefined, diagnostics, lineOf };
}

function describeIssue(issue: { code: string; message: string; values?: unknown[] }, path: PropertyKey[], raw: Record<string, unknown>): string {
  const where = path.map(String).join('.') || 'frontmatter';
  if (issue.code === 'unrecognized_keys' && path[0] === 'relations') {
    return `unknown relation type "${String(path[1])}" — use one of: ${RELATION_TYPES.join(', ')}`;
  }
  if (issue.code === 'invalid_value' && issue.values) {
    const value = path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], raw);
    return `frontmatter "${where}": ${JSON.stringify(value)} is not allowed — use one of: ${issue.values.map(String).join(', ')}`;
  }
  return `frontmatter "${where}": ${issue.message}`;
}

/** Offset of the deepest YAML node on `path` (keys point at the key itself so the line is the key's line). */
function rangeStart(doc: Document, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === segment);
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
