// Parsing a topic body into an mdast tree: CommonMark + GFM + math, and MDX syntax for `.mdx` files.
// Parsing is separate from transforming so every page's headings are known before any link is resolved.
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkMath).freeze();
const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath).freeze();

export interface ParseFailure {
  line: number;
  column: number;
  message: string;
}

/** Parses a body; MDX syntax errors come back as a failure with their position instead of a throw. */
export function parseBody(body: string, isMdx: boolean): { tree: Root } | { failure: ParseFailure } {
  const parser = isMdx ? mdxParser : markdownParser;
  try {
    return { tree: parser.runSync(parser.parse(body)) as Root };
  } catch (error) {
    const e = error as { line?: number; column?: number; reason?: string; message?: string };
    return { failure: { line: e.line ?? 1, column: e.column ?? 1, message: e.reason ?? e.message ?? String(error) } };
  }
}
