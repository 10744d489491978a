// The A–Z index as data: topics grouped by the first letter of their title, cut into pages of at
// most `topicsPerPage` topics so that the index a reader downloads stays small at any site size.
// A site that fits on one page gets exactly one page. Each letter knows every page it is on, so
// the letters navigation can say where a letter is, and a letter split across two pages appears
// on both (marked as continued on the second).
//
// Linear in the number of topics: one pass assigns each topic its letter and pushes it onto that
// letter's group; pages are then cut from the groups by index, without copying a group per page
// more than once.

export const DEFAULTS = {
  /** Most topics listed on one page of the A–Z index. */
  topicsPerPage: 1000,
};

/** The heading a topic is listed under: its title's first character upper-cased, or `#` for anything but a letter. */
export function azLetter(title: string, language: string): string {
  const first = String.fromCodePoint(title.codePointAt(0) ?? 0x23).toLocaleUpperCase(language);
  return /^\p{L}/u.test(first) ? first : '#';
}

/** The fragment id of a letter's heading. */
export function azLetterId(letter: string): string {
  return letter === '#' ? 'letter-other' : `letter-${letter}`;
}

export interface AzSection<T> {
  letter: string;
  id: string;
  /** Whether this letter's topics began on an earlier page. */
  continued: boolean;
  topics: T[];
}

export interface AzPage<T> {
  /** 1-based page number. */
  page: number;
  sections: AzSection<T>[];
}

export interface AzLetter {
  letter: string;
  id: string;
  /** The pages this letter's topics are on, ascending (usually one). */
  pages: number[];
}

export interface AzIndex<T> {
  pages: AzPage<T>[];
  /** Every letter in index order. */
  letters: AzLetter[];
  total: number;
}

/**
 * The A–Z index of `topics` (already in title order; a letter's group keeps that order, and letters
 * come in the order their first topic appears).
 */
export function azIndex<T extends { title: string }>(topics: readonly T[], language: string, topicsPerPage: number = DEFAULTS.topicsPerPage): AzIndex<T> {
  if (!Number.isInteger(topicsPerPage) || topicsPerPage < 1) throw new Error(`azIndex: topicsPerPage must be a positive integer, got ${topicsPerPage}`);
  const groups = new Map<string, T[]>();
  for (const topic of topics) {
    const letter = azLetter(topic.title, language);
    const group = groups.get(letter);
    if (group) group.push(topic);
    else groups.set(letter, [topic]);
  }

  const pages: AzPage<T>[] = [];
  const letters: AzLetter[] = [];
  let current: AzPage<T> = { page: 1, sections: [] };
  let room = topicsPerPage;
  for (const [letter, group] of groups) {
    const entry: AzLetter = { letter, id: azLetterId(letter), pages: [] };
    letters.push(entry);
    for (let start = 0; start < group.length; ) {
      if (room === 0) {
        pages.push(current);
        current = { page: current.page + 1, sections: [] };
        room = topicsPerPage;
      }
      const end = Math.min(group.length, start + room);
      current.sections.push({ letter, id: entry.id, continued: start > 0, topics: start === 0 && end === group.length ? group : group.slice(start, end) });
      entry.pages.push(current.page);
      room -= end - start;
      start = end;
    }
  }
  pages.push(current);
  return { pages, letters, total: topics.length };
}
