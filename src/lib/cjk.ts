// Word boundaries for Chinese and Japanese text, shared by the search indexer (Node) and the search
// UI (browser). The site is `lang="en"`, so pagefind splits words on whitespace only and a CJK
// paragraph would become one unsearchable "word". The indexer therefore inserts spaces between CJK
// words (Intl.Segmenter, ICU's dictionary word break), queries are segmented the same way, and
// excerpts have those spaces taken out again before a reader sees them.

/** A character of a script written without spaces (Han, kana) or CJK punctuation/fullwidth forms. */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
const CJK_WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SPACE_BETWEEN_CJK = /(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]) +(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef])/gu;

let segmenter: Intl.Segmenter | undefined;

export function containsCjk(text: string): boolean {
  return CJK_WORD.test(text);
}

/** Puts a space around every CJK word: "机器学习是" → "机器 学习 是". Other text is left as it is. */
export function segmentCjk(text: string): string {
  if (!containsCjk(text)) return text;
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  let out = '';
  let previousWasCjk = false;
  for (const { segment } of segmenter.segment(text)) {
    const isCjk = CJK_CHAR.test(segment);
    const needsSpace = (isCjk || previousWasCjk) && out !== '' && !/\s$/.test(out) && !/^\s/.test(segment);
    out += (needsSpace ? ' ' : '') + segment;
    previousWasCjk = isCjk;
  }
  return out;
}

/** Undoes segmentCjk for display: removes spaces between two CJK characters. */
export function joinCjk(text: string): string {
  return text.replace(SPACE_BETWEEN_CJK, '');
}

export function isCjkChar(char: string): boolean {
  return CJK_CHAR.test(char);
}
