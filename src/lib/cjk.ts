// Word boundaries for Chinese and Japanese text, shared by the search indexer (Node) and the search
// UI (browser). The site is `lang="en"`, so pagefind splits words on whitespace only and a CJK
// paragraph would become one unsearchable "word". Every Han or kana character is therefore made a
// word of its own (a unigram index): the indexer puts spaces around them, queries get the same
// treatment (pagefind then requires all their characters), and the spaces are taken out again
// before a reader sees an excerpt. Dictionary segmentation (Intl.Segmenter) was tried and rejected:
// Node's and the browser's ICU data split differently (Node cuts katakana into single characters),
// and a query segmented differently from the index finds nothing; unigrams give the same answer
// everywhere and never miss a page, at the cost of some precision.

/** Characters written without spaces between words. */
const CJK_WORD_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
/** Those plus CJK punctuation and fullwidth forms: no space belongs between two of these. */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fc\uff00-\uffef]/u;
const SPACE_BETWEEN_CJK =
  /(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fc\uff00-\uffef]) +(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fc\uff00-\uffef])/gu;

export function containsCjk(text: string): boolean {
  return CJK_WORD_CHAR.test(text);
}

export function isCjkChar(char: string): boolean {
  return CJK_CHAR.test(char);
}

/** Puts a space around every Han or kana character: "用GPU加速" → "用 GPU 加 速". Other text is unchanged. */
export function segmentCjk(text: string): string {
  if (!containsCjk(text)) return text;
  let out = '';
  let previous = '';
  for (const char of text) {
    if (previous && !/\s/u.test(previous) && !/\s/u.test(char) && (CJK_WORD_CHAR.test(previous) || CJK_WORD_CHAR.test(char))) out += ' ';
    out += char;
    previous = char;
  }
  return out;
}

/** Undoes segmentCjk for display: removes spaces between two CJK characters. */
export function joinCjk(text: string): string {
  return text.replace(SPACE_BETWEEN_CJK, '');
}
