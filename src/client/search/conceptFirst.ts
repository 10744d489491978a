// Concept-first ordering, the last of the three ranking layers described in
// src/integration/pagefind.ts. pagefind's meta boost says "this page's title or an alias *contains*
// the query"; it cannot say "this page *is* the query". So among the results already loaded for
// display, a page whose title or one of its aliases equals the whole query is moved to the top
// (title before alias), everything else keeps pagefind's order. A Wikipedia-style qualifier in
// parentheses is not part of the name: "Accuracy (metric)" is named by "accuracy". Names are
// compared with the same `nameKey` wikilinks resolve with (graph/names.ts), so a query that is a
// name a link would accept is treated as that name here too.
import { nameKey } from '../../../graph/names.ts';

export interface NamedHit {
  title: string;
  aliases: readonly string[];
}

function withoutQualifier(title: string): string {
  return title.replace(/\s*\([^)]*\)\s*$/, '');
}

/** 2 = the query is the title, 1 = it is an alias, 0 = neither. */
export function nameMatch(hit: NamedHit, query: string): 0 | 1 | 2 {
  const q = nameKey(query);
  if (!q) return 0;
  if (nameKey(hit.title) === q || nameKey(withoutQualifier(hit.title)) === q) return 2;
  return hit.aliases.some((alias) => nameKey(alias) === q) ? 1 : 0;
}

/** A stable reordering: exact title matches, then exact alias matches, then the rest. */
export function conceptFirst<T extends NamedHit>(hits: readonly T[], query: string): T[] {
  return hits
    .map((hit, index) => ({ hit, index, match: nameMatch(hit, query) }))
    .sort((a, b) => b.match - a.match || a.index - b.index)
    .map(({ hit }) => hit);
}
