// pagefind excerpts are HTML-escaped text with <mark> around matched words. They are turned into
// plain text parts here (the only tags honoured are <mark> and </mark>; entities are decoded), so
// the UI can build text nodes and <mark> elements and never assigns markup to innerHTML. CJK word
// spaces added at index time (src/lib/cjk.ts) are removed, across <mark> boundaries too.
import { isCjkChar } from '../../lib/cjk.ts';

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

export function parseExcerpt(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') mark = true;
    else if (piece === '</mark>') mark = false;
    else if (piece) parts.push({ text: decodeEntities(piece), mark });
  }
  return joinCjkParts(parts);
}

/** Drops a space whose neighbours on both sides are CJK characters, then merges equal neighbours. */
function joinCjkParts(parts: ExcerptPart[]): ExcerptPart[] {
  const chars = parts.flatMap((p) => [...p.text].map((char) => ({ char, mark: p.mark })));
  const kept = chars.filter((c, i) => !(c.char === ' ' && isCjkChar(chars[i - 1]?.char ?? '') && isCjkChar(chars[i + 1]?.char ?? '')));
  const out: ExcerptPart[] = [];
  for (const { char, mark } of kept) {
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += char;
    else out.push({ text: char, mark });
  }
  return out;
}
