// Finding a topic by name as a reader types it: the graph explorer's search and path inputs.
// Names compare through nameKey (names.ts), the one definition of "the same name", over titles and
// aliases. A query matches a name that equals it, starts with it, or contains it; results come in
// that order, and within each group by importance (PageRank), so the first few keystrokes already
// offer the topics a reader most likely means. Each topic appears once, under its best-matching
// name (its title when the title matches as well as an alias does).
//
// Cost: a lookup scans the names in importance order and stops once it has `limit` prefix
// matches; at worst it reads every name once (a few milliseconds for 100,000 topics), and it
// returns at most `limit` matches, so the DOM never holds more than that many options.
import { nameKey } from './names.ts';

export const DEFAULTS = {
  /** Most matches a lookup returns (options a combobox shows). */
  limit: 20,
};

export interface TopicName {
  id: string;
  title: string;
  aliases: readonly string[];
  /** Importance: more important topics are offered first. */
  pagerank: number;
}

export type MatchKind = 'exact' | 'prefix' | 'substring';

export interface TopicMatch {
  id: string;
  title: string;
  /** The alias that matched, when the title did not match as well. */
  alias: string | undefined;
  kind: MatchKind;
}

export class TopicNameIndex {
  /** Topics in importance order (PageRank, then title, then id). */
  readonly #topics: TopicName[];
  /** nameKey of each topic's title, then of each alias, per topic in #topics order. */
  readonly #keys: string[][];
  /** Exact names: title, then id, then alias (a title always wins over another topic's alias). */
  readonly #byName = new Map<string, string>();
  /** Every name key (title or alias) → the topics having it, in importance order. */
  readonly #byKey = new Map<string, number[]>();

  constructor(topics: Iterable<TopicName>) {
    this.#topics = [...topics].sort((a, b) => b.pagerank - a.pagerank || compare(a.title, b.title) || compare(a.id, b.id));
    this.#keys = this.#topics.map((t) => [nameKey(t.title), ...t.aliases.map(nameKey)]);
    this.#keys.forEach((keys, i) => {
      for (const key of new Set(keys)) {
        const list = this.#byKey.get(key);
        if (list) list.push(i);
        else this.#byKey.set(key, [i]);
      }
    });
    const claim = (key: string, id: string) => {
      if (key !== '' && !this.#byName.has(key)) this.#byName.set(key, id);
    };
    this.#topics.forEach((t, i) => claim(this.#keys[i]![0]!, t.id));
    for (const t of this.#topics) claim(nameKey(t.id), t.id);
    this.#topics.forEach((t, i) => this.#keys[i]!.slice(1).forEach((key) => claim(key, t.id)));
  }

  /** The topic whose title, id or alias is exactly `name` (compared by nameKey). */
  resolve(name: string): string | undefined {
    return this.#byName.get(nameKey(name));
  }

  /** At most `limit` topics matching `query`: exact names, then prefixes, then substrings. */
  search(query: string, limit: number = DEFAULTS.limit): TopicMatch[] {
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`topicSearch: limit must be a non-negative integer, got ${limit}`);
    const q = nameKey(query);
    if (q === '' || limit === 0) return [];
    const result: TopicMatch[] = [];
    const match = (i: number, kind: MatchKind, at: number) => {
      const topic = this.#topics[i]!;
      return { id: topic.id, title: topic.title, alias: at === 0 ? undefined : topic.aliases[at - 1], kind };
    };
    // Exact names come from the map: a lookup never misses one that ranks low.
    const exact = this.#byKey.get(q) ?? [];
    for (const i of exact) if (result.length < limit) result.push(match(i, 'exact', this.#keys[i]!.indexOf(q)));
    const listed = new Set(exact);
    const substring: TopicMatch[] = [];
    for (let i = 0; i < this.#topics.length && result.length < limit; i++) {
      if (listed.has(i)) continue;
      const keys = this.#keys[i]!;
      let prefixAt = -1, substringAt = -1;
      for (let k = 0; k < keys.length && prefixAt === -1; k++) {
        const key = keys[k]!;
        if (key.startsWith(q)) prefixAt = k;
        else if (substringAt === -1 && key.includes(q)) substringAt = k;
      }
      if (prefixAt >= 0) result.push(match(i, 'prefix', prefixAt));
      else if (substringAt >= 0 && substring.length < limit) substring.push(match(i, 'substring', substringAt));
    }
    for (const m of substring) if (result.length < limit) result.push(m);
    return result;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
