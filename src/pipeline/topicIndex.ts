// Resolving a link target (as an author writes it) to a topic, the way Obsidian does:
// by vault path, title, file name or alias, compared with `nameKey` (case and spacing do not
// matter); for duplicate file names the shortest unique path (`[[b/note]]`) picks one, and a bare
// ambiguous name prefers the linking page's own folder, then the shortest path. Every lookup is a
// map access: path suffixes are indexed up front, so resolving never scans all topics.
import { nameKey } from '../../graph/names.ts';
import type { TopicSlug } from '../../graph/types.ts';
import { didYouMean, DidYouMeanIndex } from './diagnostics.ts';

export interface IndexedTopic {
  slug: TopicSlug;
  title: string;
  aliases: readonly string[];
  /** Path inside the content folder without extension, `/`-separated, e.g. `techniques/Model pruning`. */
  path: string;
}

export interface Resolution {
  slug: TopicSlug;
  /** Other topics the target could have meant (the author may want a longer path). */
  alternatives: TopicSlug[];
}

const folderOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));

export class TopicIndex {
  readonly #byPath = new Map<string, IndexedTopic>();
  /** Every proper suffix of every path (`b/note` for `a/b/note`) → the topics ending with it. */
  readonly #bySuffix = new Map<string, IndexedTopic[]>();
  readonly #byTitle = new Map<string, IndexedTopic[]>();
  readonly #byName = new Map<string, IndexedTopic[]>();
  readonly #byAlias = new Map<string, IndexedTopic[]>();
  readonly #bySlug = new Map<string, IndexedTopic>();
  /** Titles and aliases for "did you mean", built on the first unresolved link. */
  #suggestions: DidYouMeanIndex | undefined;
  /** "Did you mean" answers, one per distinct target: a typo repeated 500 times is looked up once. */
  readonly #suggested = new Map<string, string | undefined>();

  constructor(topics: Iterable<IndexedTopic>) {
    for (const topic of topics) {
      const path = nameKey(topic.path);
      this.#byPath.set(path, topic);
      this.#bySlug.set(topic.slug, topic);
      push(this.#byTitle, nameKey(topic.title), topic);
      const segments = path.split('/');
      push(this.#byName, segments[segments.length - 1]!, topic);
      for (let i = 1; i < segments.length - 1; i++) push(this.#bySuffix, segments.slice(i).join('/'), topic);
      for (const alias of topic.aliases) push(this.#byAlias, nameKey(alias), topic);
    }
  }

  /** Resolves `target` written in the page at `fromPath`; null when nothing matches. */
  resolve(target: string, fromPath = ''): Resolution | null {
    const wanted = nameKey(target.replace(/\.(md|mdx)$/i, '').replace(/^\.?\//, ''));
    if (wanted === '') return null;
    if (wanted.includes('/')) {
      const exact = this.#byPath.get(wanted) ?? this.#bySlug.get(wanted);
      if (exact) return { slug: exact.slug, alternatives: [] };
      const suffixMatches = this.#bySuffix.get(wanted);
      if (suffixMatches?.length) return pick(suffixMatches, fromPath);
    }
    for (const table of [this.#byTitle, this.#byName, this.#byAlias]) {
      const matches = table.get(wanted);
      if (matches?.length) return pick(matches, fromPath);
    }
    const bySlug = this.#bySlug.get(wanted);
    return bySlug ? { slug: bySlug.slug, alternatives: [] } : null;
  }

  /** A plausible intended title for an unresolved target, for "did you mean" hints. */
  suggest(target: string): string | undefined {
    const key = nameKey(target);
    if (this.#suggested.has(key)) return this.#suggested.get(key);
    this.#suggestions ??= new DidYouMeanIndex([...[...this.#byTitle.values()].flat().map((t) => t.title), ...[...this.#byAlias.values()].flat().flatMap((t) => t.aliases)]);
    const hit = this.#suggestions.closest(target);
    // Show the canonical title even when the closest string was an alias.
    const answer = hit === undefined ? undefined : this.#byTitle.has(nameKey(hit)) ? hit : (this.#byAlias.get(nameKey(hit))?.[0]?.title ?? hit);
    this.#suggested.set(key, answer);
    return answer;
  }
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

function pick(matches: readonly IndexedTopic[], fromPath: string): Resolution {
  const unique = [...new Map(matches.map((m) => [m.slug, m])).values()];
  const folder = folderOf(fromPath);
  const sorted = unique.sort(
    (a, b) =>
      Number(folderOf(b.path) === folder) - Number(folderOf(a.path) === folder) ||
      a.path.split('/').length - b.path.split('/').length ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  const [first, ...rest] = sorted;
  // A note in the linking page's own folder is the intended one, as in Obsidian: not ambiguous.
  const decidedByFolder = folderOf(first!.path) === folder && !rest.some((t) => folderOf(t.path) === folder);
  return { slug: first!.slug, alternatives: decidedByFolder ? [] : rest.map((t) => t.slug) };
}

export { didYouMean };
