// Parsing a note body into an mdast tree: CommonMark + GFM + math + Obsidian's own syntax
// (wikilinks as a tokenizer extension, %%comments%%, ==highlights==), and MDX syntax for `.mdx`.
// Parsing is separate from linking so every page's headings are known before any link is resolved.
import type { Root, RootContent } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';
import { nameKey } from '../../graph/names.ts';
import { stripComments, type LiteralRanges } from './syntax/comments.ts';
import { transformHighlights } from './syntax/highlights.ts';
import { remarkSyntax, syntaxMask } from './syntax/extensions.ts';

const parsers = new Map<string, Processor<Root>>();

/** A parser with only the syntax extensions the text can use (see syntax/extensions.ts). */
export function parserFor(text: string, isMdx: boolean): Processor<Root> {
  const mask = syntaxMask(text);
  const key = `${isMdx ? 'mdx' : 'md'}:${mask}`;
  let parser = parsers.get(key);
  if (!parser) {
    const processor = unified().use(remarkParse);
    if (isMdx) processor.use(remarkMdx);
    parser = processor.use(remarkSyntax(mask) as never).freeze() as unknown as Processor<Root>;
    parsers.set(key, parser);
  }
  return parser;
}

export interface ParseFailure {
  line: number;
  column: number;
  message: string;
}

export interface ParsedMarkdown {
  tree: Root;
  /** The body as parsed: comments blanked out, so positions still match the author's file. */
  text: string;
  /** Offset of an unclosed `%%` (everything after it is hidden, as in Obsidian). */
  unclosedCommentAt: number | undefined;
}

/** Parses a body; syntax errors (MDX) come back as a failure with their position instead of a throw. */
export function parseMarkdown(body: string, isMdx: boolean): ParsedMarkdown | { failure: ParseFailure } {
  const parse = (text: string) => {
    const parser = parserFor(text, isMdx);
    return parser.runSync(parser.parse(text)) as Root;
  };
  try {
    let tree = parse(body);
    let text = body;
    let unclosedCommentAt: number | undefined;
    if (body.includes('%%')) {
      const stripped = stripComments(body, literalRanges(tree));
      if (stripped.text !== body) {
        text = stripped.text;
        unclosedCommentAt = stripped.unclosedAt;
        tree = parse(text);
      }
    }
    if (text.includes('==')) transformHighlights(tree);
    const deep = tooDeep(tree);
    if (deep) return { failure: { ...deep, message: `content nested more than ${MAX_NESTING.toLocaleString('en-US')} levels deep (quotes, lists and list items, emphasis inside each other) — flatten it: deeper nesting cannot be built` } };
    return { tree, text, unclosedCommentAt };
  } catch (error) {
    const e = error as { line?: number; column?: number; reason?: string; message?: string };
    return { failure: { line: e.line ?? 1, column: e.column ?? 1, message: e.reason ?? e.message ?? String(error) } };
  }
}

/**
 * How deep a note's tree may nest (a list nested 500 levels deep is 1,000: each level is a list and
 * an item). Every step after parsing (ours, remark's and rehype's) walks the tree recursively, a few
 * stack frames per level: 3,000 nested `>` overflowed the stack, 1,195 still built, and no note
 * written by hand comes near either.
 */
export const MAX_NESTING = 1_200;

/** Where the tree first nests deeper than MAX_NESTING, if it does; walked without recursion, for that reason. */
function tooDeep(tree: Root): { line: number; column: number } | undefined {
  const stack: Array<[Root | RootContent, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING) return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** Where `%%` is literal text: code blocks, inline code and math. */
function literalRanges(tree: Root): LiteralRanges {
  const ranges: Array<[number, number]> = [];
  visit(tree, (node) => {
    if (node.type !== 'code' && node.type !== 'inlineCode' && node.type !== 'math' && node.type !== 'inlineMath') return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) ranges.push([start, end]);
  });
  return ranges;
}

/**
 * Most vault notes open with `# Title`; the page already shows the title as its heading, so a
 * first-level heading that repeats the title, at the very start of the body, is not shown twice.
 */
export function dropRepeatedTitle(tree: Root, title: string, headingText: (node: Root['children'][number]) => string): void {
  const first = tree.children[0];
  if (first?.type === 'heading' && first.depth === 1 && nameKey(headingText(first)) === nameKey(title)) tree.children.shift();
}
