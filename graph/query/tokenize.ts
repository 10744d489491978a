// Tokens of the query language. Keywords are identifiers (the parser compares them case-
// insensitively), so a frontmatter field may share a name with a keyword that is not reserved.
// Columns count UTF-16 code units, lines are separated by \n, \r\n or \r, both 1-based.
import type { QueryPosition } from './ast.ts';
import type { QueryError } from './errors.ts';

export type TokenType =
  /** A name: `title`, `is-a`, `trades-off-with`, keywords. */
  | 'ident'
  /** "text" or 'text'; `value` is decoded. */
  | 'string'
  /** `42`, `-1.5`, `1e3`; `value` is the literal as written. */
  | 'number'
  /** `2024-03-01`, a bare ISO date. */
  | 'date'
  /** `[[Name]]`; `value` is the target before any `|` or `#`, trimmed. */
  | 'link'
  /** `#area/sub`; `value` without the `#`. */
  | 'tag'
  /** `( ) , [ ] . * = != < <= > >= -`; `value` is the symbol. */
  | 'punct'
  | 'eof';

export interface Token extends QueryPosition {
  type: TokenType;
  value: string;
  /** The source text of the token. */
  text: string;
  /** Index of the token's first code unit in the query text. */
  offset: number;
}

export type TokenizeResult = { tokens: Token[] } | { error: QueryError };

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}\p{M}_-]/u;
const TAG_CHAR = /[\p{L}\p{N}\p{M}_\-/]/u;
const DIGIT = /[0-9]/;
const NUMBER = /^-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;
const BARE_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}(?![\p{L}\p{N}_-])/u;
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", n: '\n', r: '\r', t: '\t' };

/** Splits a query into tokens, ending with an `eof` token; stops at the first lexical error. */
export function tokenize(text: string): TokenizeResult {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (offset: number): QueryPosition => ({ line, column: offset - lineStart + 1 });
  const fail = (offset: number, message: string, hint?: string): TokenizeResult => ({
    error: { message, ...here(offset), ...(hint === undefined ? {} : { hint }) },
  });

  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    const start = i;
    const push = (type: TokenType, value: string, end: number) => {
      tokens.push({ type, value, text: text.slice(start, end), offset: start, ...here(start) });
      i = end;
    };

    if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        const d = text[j];
        if (d === undefined || d === '\n' || d === '\r') {
          return fail(start, `unterminated string — close it with ${c}`, `strings end on the line they start; write \\n for a line break`);
        }
        if (d === c) break;
        if (d === '\\') {
          const e = text[j + 1];
          const decoded = e === undefined ? undefined : ESCAPES[e];
          if (decoded === undefined) {
            return fail(j, `unknown escape "\\${e ?? ''}" in a string — write \\\\ for a backslash`);
          }
          value += decoded;
          j += 2;
          continue;
        }
        value += d;
        j++;
      }
      push('string', value, j + 1);
      continue;
    }

    if (c === '[' && text[i + 1] === '[') {
      const close = text.indexOf(']]', i + 2);
      const newline = text.slice(i + 2, close < 0 ? undefined : close).search(/[\r\n]/);
      if (close < 0 || newline >= 0) {
        return fail(start, 'unterminated [[link — close it with ]]', 'e.g. [[Model pruning]]');
      }
      const inner = text.slice(i + 2, close);
      const name = inner.split('|')[0]!.split('#')[0]!.trim();
      if (name === '') return fail(start, 'empty [[ ]] link — write a topic title, e.g. [[Model pruning]]');
      if (inner.includes('[[')) return fail(start, 'a [[link cannot contain another [[ — close the first with ]]');
      push('link', name, close + 2);
      continue;
    }

    if (c === '#') {
      let j = i + 1;
      while (j < text.length && TAG_CHAR.test(text[j]!)) j++;
      if (j === i + 1) return fail(start, "expected a tag name after '#' — e.g. #compression");
      push('tag', text.slice(i + 1, j), j);
      continue;
    }

    if (DIGIT.test(c) || (c === '.' && DIGIT.test(text[i + 1] ?? '')) || (c === '-' && /[0-9.]/.test(text[i + 1] ?? ''))) {
      const rest = text.slice(i, i + 64);
      const date = BARE_DATE.exec(rest);
      if (date) {
        push('date', date[0], i + date[0].length);
        continue;
      }
      const number = NUMBER.exec(rest);
      if (number) {
        const end = i + number[0].length;
        if (end < text.length && IDENT_PART.test(text[end]!) && text[end] !== '-') {
          let j = end;
          while (j < text.length && IDENT_PART.test(text[j]!)) j++;
          const word = text.slice(i, j);
          return fail(start, `"${word}" is not a number — put text in quotes, e.g. "${word}"`);
        }
        push('number', number[0], end);
        continue;
      }
    }

    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j]!)) j++;
      // A name never ends in '-': `NOT-#draft` is NOT, '-', #draft.
      while (text[j - 1] === '-') j--;
      push('ident', text.slice(i, j), j);
      continue;
    }

    const two = text.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') {
      push('punct', two, i + 2);
      continue;
    }
    if (two === '==') {
      push('punct', '=', i + 2);
      continue;
    }
    if ('(),[].*=<>-'.includes(c)) {
      push('punct', c, i + 1);
      continue;
    }
    if (c === '!') return fail(start, "unexpected '!' — write NOT for negation, or != for 'is not equal to'");
    const char = String.fromCodePoint(text.codePointAt(i)!);
    return fail(start, `unexpected character "${char}" — put text in quotes, e.g. "${char}"`);
  }
  tokens.push({ type: 'eof', value: '', text: '', offset: text.length, ...here(i) });
  return { tokens };
}
