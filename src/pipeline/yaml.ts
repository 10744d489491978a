// YAML with positions: parse a document and answer "on which line is the value at this path?",
// so every problem in frontmatter or in atlas.yaml is reported at its own line.
import { LineCounter, isMap, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';

export interface YamlProblem {
  line: number;
  column: number;
  message: string;
}

export interface ParsedYaml {
  /** The document as plain JavaScript; undefined when it has syntax errors. */
  value: unknown;
  errors: YamlProblem[];
  /** Line (1-based, in the file) of the value at a path such as ['relations', 'is-a', 0]. */
  lineOf(path: readonly PropertyKey[]): number;
}

/** Parses `text`, whose first line is line `firstLine` of its file. Duplicate keys are errors. */
export function parseYaml(text: string, firstLine: number): ParsedYaml {
  return parseFlatYaml(text, firstLine) ?? parseYamlDocument(text, firstLine);
}

/** The full YAML parser (the `yaml` package), for any document. */
export function parseYamlDocument(text: string, firstLine: number): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const lineOf = (path: readonly PropertyKey[]) => lineAt(rangeStart(doc, path));
  // Positions come from the error's offset: `linePos` is only filled in with `prettyErrors`,
  // which would also rewrite the message.
  const errors = doc.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { line: line + firstLine - 1, column: col, message: error.message.split('\n')[0]! };
  });
  if (errors.length) return { value: undefined, errors, lineOf };
  try {
    // maxAliasCount guards against "billion laughs" alias expansion.
    return { value: doc.toJS({ maxAliasCount: 100 }), errors, lineOf };
  } catch (error) {
    return { value: undefined, errors: [{ line: firstLine, column: 1, message: error instanceof Error ? error.message : String(error) }], lineOf };
  }
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

// Most frontmatter is flat: one `key: value` line per key, the value a word or phrase, a quoted
// string or a one-line list (`tags: [a, b]`). The full parser spends about 0.1 ms on each such
// block (half a second per core at 5,000 notes); this reads that shape directly and gives up —
// returning undefined, so the full parser decides — on anything else: nesting, comments, escapes,
// block scalars, anchors, duplicate keys, or a scalar the YAML 1.2 core schema would read as
// something other than a string (null, true, 12, .5, 0x1F, .inf). tests/unit/pipeline/yaml.test.ts
// checks it against the full parser.
const FLAT_LINE = /^([A-Za-z][A-Za-z0-9_-]*):(?: +(.*?))? *$/;
// Plain scalars start with a letter (so never a number or an indicator) and hold no `: ` or ` #`;
// in a list, no `,[]{}` either.
const PLAIN = /^\p{L}(?:[^:#]|:(?! |$)|(?<! )#)*$/u;
const FLOW_PLAIN = /^\p{L}(?:[^:#,[\]{}]|:(?! |$|[,[\]{}])|(?<! )#)*$/u;
const NOT_STRING = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
// Anything but printable characters (tabs, controls, NEL, a byte-order mark, a lone surrogate).
const UNUSUAL = /[^\x20-\x7E\xA0-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function parseFlatYaml(text: string, firstLine: number): ParsedYaml | undefined {
  const value: Record<string, unknown> = {};
  const lines = new Map<string, number>();
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!.endsWith('\r') ? rows[i]!.slice(0, -1) : rows[i]!;
    if (row.trim() === '') continue;
    if (UNUSUAL.test(row)) return undefined;
    const match = FLAT_LINE.exec(row);
    if (!match) return undefined;
    const key = match[1]!;
    if (lines.has(key) || NOT_STRING.test(key)) return undefined;
    const scalar = match[2] === undefined || match[2] === '' ? null : flatValue(match[2]);
    if (scalar === undefined) return undefined;
    value[key] = scalar;
    lines.set(key, firstLine + i);
  }
  const first = lines.size ? lines.values().next().value! : firstLine;
  return { value: lines.size ? value : null, errors: [], lineOf: (path) => (typeof path[0] === 'string' ? (lines.get(path[0]) ?? first) : first) };
}

/** A value on a flat line: a string, or a list of strings; undefined when it is anything else. */
function flatValue(text: string): string | string[] | undefined {
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) return undefined;
    const inner = text.slice(1, -1).trim();
    if (inner === '') return [];
    const items: string[] = [];
    for (const part of inner.split(',')) {
      const item = scalarOf(part.trim(), FLOW_PLAIN);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return items;
  }
  return scalarOf(text, PLAIN);
}

function scalarOf(text: string, plain: RegExp): string | undefined {
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const inner = text.slice(1, -1);
    // Escapes (\" \n, '') and a quote inside are the full parser's.
    return text.length >= 2 && text.endsWith(quote) && !inner.includes(quote) && !inner.includes('\\') ? inner : undefined;
  }
  return plain.test(text) && !NOT_STRING.test(text) ? text : undefined;
}
