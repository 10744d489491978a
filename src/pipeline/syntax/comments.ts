// Obsidian comments: `%%hidden%%`, inline or spanning several lines and blocks, are the author's
// private notes and appear in no output at all (HTML, search index, previews, feeds, exports).
// They are removed from the source text before the final parse, each character replaced by a space
// (newlines kept), so every line and column the build reports still points at the author's file.
// `%%` inside code, inline code or math is text, not a comment.

/** Half-open [start, end) offset ranges of code and math in the source, where `%%` is literal. */
export type LiteralRanges = ReadonlyArray<readonly [number, number]>;

export interface StrippedComments {
  text: string;
  /** Offset of a `%%` that opens a comment never closed (it hides the rest of the note, as in Obsidian). */
  unclosedAt: number | undefined;
}

export function stripComments(source: string, literal: LiteralRanges): StrippedComments {
  const sorted = [...literal].sort((a, b) => a[0] - b[0]);
  let r = 0;
  const isLiteral = (offset: number) => {
    while (r < sorted.length && sorted[r]![1] <= offset) r++;
    return r < sorted.length && sorted[r]![0] <= offset;
  };
  const chars = source.split('');
  let open: number | undefined;
  let i = source.indexOf('%%');
  while (i !== -1) {
    if (open === undefined) {
      if (!isLiteral(i)) open = i;
      i = source.indexOf('%%', i + 2);
    } else {
      // Inside a comment nothing is literal: code fences in a comment are hidden with it.
      blank(chars, open, i + 2);
      open = undefined;
      i = source.indexOf('%%', i + 2);
    }
  }
  if (open !== undefined) blank(chars, open, source.length);
  return { text: chars.join(''), unclosedAt: open };
}

function blank(chars: string[], start: number, end: number): void {
  for (let k = start; k < end; k++) if (chars[k] !== '\n' && chars[k] !== '\r') chars[k] = ' ';
}
