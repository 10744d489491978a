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
