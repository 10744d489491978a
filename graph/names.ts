// When two names are the same name. One definition for the whole product: wikilink resolution,
// the lint's duplicate-name rule, the graph explorer's topic search and concept-first search
// ranking all compare names through `nameKey`, so a name that finds a topic in one place finds it
// in every other. Obsidian compares note names case-insensitively; we also ignore Unicode
// normalisation (NFKC: full-width ＴＰＵ is TPU) and runs of whitespace, and nothing else: accents and combining marks carry
// meaning in many scripts ("कम" and "काम" are different words), so they are kept.

/** The comparison key of a title, alias, file name or query: NFC, lower case, single spaces, trimmed. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * The looser key Obsidian uses for heading links: `[[FAQ#How large can a vault be]]` finds the
 * heading "How large can a vault be?". Only letters, marks and digits count, so punctuation,
 * spacing and case never decide whether a heading link resolves.
 */
export function headingKey(heading: string): string {
  return nameKey(heading).replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
}
