// Resolving a link target (as an author writes it) to a topic, the way Obsidian does:
// by vault path, title, file name or alias, case-insensitively; for duplicate file names the
// shortest unique path (`[[b/note]]`) picks one, and a bare ambiguous name prefers the linking
// page's own folder, then the shortest path.
import type { TopicSlug } from '../../graph/types.ts';
import { didYouMean } from './diagnostics.ts';

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

const key = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
const folderOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));

export class TopicIndex {
  readonly #byPath = new Map<string, IndexedTopic>();
  readonly #byTitle = new Map<string, IndexedTopic[]>();
  readonly #byName = new Map<string, IndexedTopic[]>();
  readonly #byAlias = new Map<string, IndexedTopic[]>();
  readonly #bySlug = new Map<string, IndexedTopic>();
  /** Titles and aliases for "did you mean", built on the first unresolved link. */
  #candidates: string[] | undefined;

  constructor(topics: Iterable<IndexedTopic>) {
    for (const topic of topics) {
      this.#byPath.set(key(topic.path), topic);
      this.#bySlug.set(topic.slug, topic);
      push(this.#byTitle, key(topic.title), topic);
      push(this.#byName, key(topic.path.split('/').pop() ?? topic.path), topic);
      for (const alias of topic.aliases) push(this.#byAlias, key(alias), topic);
    }
  }

  /** Resolves `target` written in the page at `fromPath`; null when nothing matches. */
  resolve(target: string, fromPath = ''): Resolution | null {
    const wanted = key(target.replace(/\.(md|mdx)$/i, '').replace(/^\.?\//, ''));
    if (wanted === '') return null;
    if (wanted.includes('/')) {
      const exact = this.#byPath.get(wanted) ?? this.#bySlug.get(wanted);
      if (exact) return { slug: exact.slug, alternatives: [] };
      const suffixMatches = [...this.#byPath.entries()].filter(([p]) => p.endsWith(`/${wanted}`)).map(([, t]) => t);
      if (suffixMatches.length) return pick(suffixMatches, fromPath);
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
    this.#candidates ??= [...new Set([...[...this.#byTitle.values()].flat().map((t) => t.title), ...this.#byAlias.keys()])];
    const hit = didYouMean(target, this.#candidates);
    if (!hit) return undefined;
    // Show the canonical title even when the closest string was an alias.
    return this.#byTitle.has(key(hit)) ? hit : (this.#byAlias.get(key(hit))?.[0]?.title ?? hit);
  }
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

function pick(matches: IndexedTopic[], fromPath: string): Resolution {
  const unique = [...new Map(matches.map((m) => [m.slug, m])).values()];
  const folder = folderOf(fromPath);
  const sorted = unique.sort(
    (a, b) =>
      Number(folderOf(b.path) === folder) - Number(folderOf(a.path) === folder) ||
      a.path.split('/').length - b.path.split('/').length ||
      a.path.localeCompare(b.path),
  );
  const [first, ...rest] = sorted;
  // A note in the linking page's own folder is the intended one, as in Obsidian: not ambiguous.
  const decidedByFolder = folderOf(first!.path) === folder && !rest.some((t) => folderOf(t.path) === folder);
  return { slug: first!.slug, alternatives: decidedByFolder ? [] : rest.map((t) => t.slug) };
}
