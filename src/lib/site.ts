// The site model every page renders from: the loaded content plus everything derived from its link
// records once per build (backlinks, relations both ways, categories, tags, the knowledge graph).
// Memoised on globalThis because Astro's integration hooks and the bundled pages are separate module
// graphs in one process: both must see the same single build of the content.
import type { AtlasConfig } from '../config.ts';
import { readConfig } from '../config.ts';
import { DEMO_NAMES, isDemoName, renderDemoFallbackHtml } from '../demos/registry.ts';
import { loadContent, topicRecord, type Topic } from '../pipeline/loadSite.ts';
import type { Diagnostic } from '../pipeline/diagnostics.ts';
import { buildKnowledgeGraph, relatedTopicsForAll, type KnowledgeGraph } from '../../graph/index.ts';
import type { LinkRecord, RelationRecord, TopicSlug } from '../../graph/types.ts';

export interface Backlink {
  from: Topic;
  /** Sentences around each link from that page (one entry per link). */
  sentences: string[];
}

export interface Site {
  config: AtlasConfig;
  /** All topics sorted by title (locale-aware). */
  topics: Topic[];
  bySlug: Map<TopicSlug, Topic>;
  links: LinkRecord[];
  relations: RelationRecord[];
  graph: KnowledgeGraph;
  /** The hub article shown on the home page. */
  home: Topic | undefined;
  backlinksOf(slug: TopicSlug): Backlink[];
  relationsOf(slug: TopicSlug): { outgoing: RelationRecord[]; incoming: RelationRecord[] };
  relatedOf(slug: TopicSlug): Topic[];
  categories: Map<string, Topic[]>;
  tags: Map<string, Topic[]>;
  attachments: string[];
  diagnostics: Diagnostic[];
}

const CACHE = Symbol.for('efficiency-atlas.site');
type Cache = { promise?: Promise<Site> };
const cache = ((globalThis as Record<symbol, unknown>)[CACHE] ??= {}) as Cache;

export function getSite(): Promise<Site> {
  cache.promise ??= buildSite(readConfig());
  return cache.promise;
}

/** Forget the built site (dev server: content changed). */
export function invalidateSite(): void {
  delete cache.promise;
}

const demoRegistry = { names: DEMO_NAMES, isDemoName, fallbackHtml: renderDemoFallbackHtml };

export async function buildSite(config: AtlasConfig): Promise<Site> {
  const content = await loadContent(config, demoRegistry);
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const topics = [...content.topics].sort((a, b) => collator.compare(a.title, b.title));
  const bySlug = new Map(topics.map((t) => [t.slug, t]));

  const graph = buildKnowledgeGraph({ topics: topics.map(topicRecord), links: content.links, relations: content.relations });
  const related = relatedTopicsForAll(graph, 8);

  const backlinks = new Map<TopicSlug, Map<TopicSlug, string[]>>();
  for (const link of content.links) {
    if (!link.to || link.to === link.from) continue;
    const byFrom = backlinks.get(link.to) ?? new Map<TopicSlug, string[]>();
    const sentences = byFrom.get(link.from) ?? [];
    if (link.sentence && !sentences.includes(link.sentence)) sentences.push(link.sentence);
    byFrom.set(link.from, sentences);
    backlinks.set(link.to, byFrom);
  }
  const outgoing = group(content.relations.filter((r) => r.to), (r) => r.from);
  const incoming = group(content.relations.filter((r) => r.to), (r) => r.to!);

  const categories = group(topics.filter((t) => t.data.category), (t) => t.data.category!);
  const tags = new Map<string, Topic[]>();
  for (const t of topics) for (const tag of t.tags) tags.set(tag, [...(tags.get(tag) ?? []), t]);

  const byRank = [...topics].sort((a, b) => graph.getNodeAttribute(b.slug, 'pagerank') - graph.getNodeAttribute(a.slug, 'pagerank'));
  const home = topics.find((t) => t.data.home) ?? topics.find((t) => t.path.toLowerCase() === 'index') ?? byRank[0];

  return {
    config,
    topics,
    bySlug,
    links: content.links,
    relations: content.relations,
    graph,
    home,
    backlinksOf: (slug) =>
      [...(backlinks.get(slug) ?? new Map<TopicSlug, string[]>()).entries()]
        .map(([from, sentences]) => ({ from: bySlug.get(from)!, sentences }))
        .filter((b) => b.from)
        .sort((a, b) => collator.compare(a.from.title, b.from.title)),
    relationsOf: (slug) => ({ outgoing: outgoing.get(slug) ?? [], incoming: incoming.get(slug) ?? [] }),
    relatedOf: (slug) => (related.get(slug) ?? []).map((r) => bySlug.get(r.id)!).filter(Boolean),
    categories,
    tags,
    attachments: content.attachments,
    diagnostics: content.diagnostics,
  };
}

function group<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
