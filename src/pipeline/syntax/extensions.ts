// Which Markdown syntax extensions a text needs. Each GFM construct, math and wikilinks can only
// occur where its trigger characters do (a table needs `|`, math needs `$`, a footnote `[^`, …), and
// the slowest parsing work is these extensions scanning prose that contains none of them. So each
// text is parsed with only the extensions its characters allow; the tree is the same one the
// full parser would build. Parsers are made once per combination and reused.
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { mathFromMarkdown } from 'mdast-util-math';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { math } from 'micromark-extension-math';
import type { Extension } from 'micromark-util-types';
import { wikiLinkFromMarkdown, wikiLinkSyntax } from './wikilinkSyntax.ts';

interface SyntaxFeature {
  /** True when the text may contain the construct. */
  trigger: RegExp;
  syntax: () => Extension;
  fromMarkdown: () => FromMarkdownExtension | FromMarkdownExtension[];
}

/** In the order remark-gfm and remark-math register them (wikilinks first, before link labels). */
const FEATURES: readonly SyntaxFeature[] = [
  { trigger: /\[\[/, syntax: wikiLinkSyntax, fromMarkdown: wikiLinkFromMarkdown },
  { trigger: /www\.|:\/\/|@/i, syntax: gfmAutolinkLiteral, fromMarkdown: gfmAutolinkLiteralFromMarkdown },
  { trigger: /\[\^/, syntax: gfmFootnote, fromMarkdown: gfmFootnoteFromMarkdown },
  { trigger: /~/, syntax: () => gfmStrikethrough(), fromMarkdown: gfmStrikethroughFromMarkdown },
  // A table needs a delimiter row: a line of only pipes, colons, hyphens and spaces (after any
  // quote markers or indentation) with at least one pipe and one hyphen. `|` alone is too common:
  // every aliased wikilink `[[a|b]]` has one.
  { trigger: /^(?=[^\n]*\|)(?=[^\n]*-)[ \t>]*[|:\- \t]+$/m, syntax: gfmTable, fromMarkdown: gfmTableFromMarkdown },
  { trigger: /\[[ xX]\]/, syntax: gfmTaskListItem, fromMarkdown: gfmTaskListItemFromMarkdown },
  { trigger: /\$/, syntax: () => math(), fromMarkdown: mathFromMarkdown },
];

/** A bit per feature the text needs. */
export function syntaxMask(text: string): number {
  let mask = 0;
  FEATURES.forEach((feature, i) => {
    if (feature.trigger.test(text)) mask |= 1 << i;
  });
  return mask;
}

/** A remark plugin adding the micromark and mdast extensions of `mask`. */
export function remarkSyntax(mask: number) {
  return function (this: { data(): Record<string, unknown> }): void {
    const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: Array<FromMarkdownExtension | FromMarkdownExtension[]> };
    FEATURES.forEach((feature, i) => {
      if (!(mask & (1 << i))) return;
      (data.micromarkExtensions ??= []).push(feature.syntax());
      (data.fromMarkdownExtensions ??= []).push(feature.fromMarkdown());
    });
  };
}
