// The site model every page renders from: the loaded content plus everything derived from its link
// records once per build (backlinks, relations both ways, categories, tags, the knowledge graph).
// Memoised on globalThis because Astro's integration hooks and the bundled pages are separate module
// graphs in one process: both must see the same single build of the content.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDeployConfig, type DeployConfig } from '../config/deployConfig.ts';
import { SITE_CONFIG_FILE } from '../config/siteConfig.ts';
import { BuildCache, cacheDir, openBuildCache } from '../pipeline/buildCache.ts';
import { analyseOnWorker, type GraphWorker } from '../pipeline/graphWorker.ts';
import type { SiteConfig } from '../config/siteConfig.ts';
import { DEMO_NAMES, isDemoName, renderDemoFallbackHtml } from '../demos/registry.ts';
import { loadContent, type ChromeLink, type Topic } from '../pipeline/loadContent.ts';
import type { Diagnostic } from '../pipeline/diagnostics.ts';
import { tagLevels, type SiteRoutes } from '../routes.ts';
import { DEFAULTS as VIEW } from './topicView.ts';
import { NeighbourOrder, relatedTopicsOnDemand, type KnowledgeGraph, type RelationVocabulary } from '../../graph/index.ts';
import type { RelationRecord, TopicSlug } from '../../graph/types.ts';

export interface Backlink {
  from: Topic;
  /** Sentences around each link from that page (one entry per link). */
  sentences: string[];
}

/** Who the site is: from the vault's atlas.yaml, with defaults for a vault that has none. */
export interface SiteIdentity {
  title: string;
  description: string | undefined;
  language: string;
  logo: string | undefined;
  favicon: string;
  accent: string | undefined;
  header: ChromeLink[];
  footerHtml: string;
  footerLinks: ChromeLink[];
}

export interface Site {
  deploy: DeployConfig;
  /** URL path prefix, e.g. `/` or `/wiki/`. */
  base: string;
  /** Absolute origin, e.g. `https://example.org`. */
  origin: string;
  routes: SiteRoutes;
  config: SiteConfig;
  identity: SiteIdentity;
  /** All topics sorted by title (locale-aware). */
  topics: Topic[];
  bySlug: Map<TopicSlug, Topic>;
  /**
   * How many links the notes make (query listings included). The link records themselves are not
   * kept: the pages read them as backlinks and graph edges, made from them once. At 100,000 pages
   * they were a million objects the collector walked again at each collection while pages render.
   */
  linkCount: number;
  relations: RelationRecord[];
  vocabulary: RelationVocabulary;
  graph: KnowledgeGraph;
  /** Every topic's neighbours in local-graph order, sorted once: neighbourhoods of all topics stay linear. */
  neighbourOrder: NeighbourOrder;
  /**
   * Settles once the graph's topics have their layout positions, which a build computes while the
   * pages render (src/pipeline/loadContent.ts). Whatever shows positions waits for it.
   */
  laidOut: Promise<void>;
  /** Whether `laidOut` has settled: the positions are there now. */
  isLaidOut(): boolean;
  /**
   * In a build, the worker thread that lays out a large graph, holding its copy of the graph for the
   * local-graph files (src/pipeline/loadContent.ts); undefined when the layout was made elsewhere.
   */
  graphWorker: GraphWorker | undefined;
  /** The home note, shown at the site root; undefined when the vault names none. */
  home: Topic | undefined;
  /** Topics by PageRank, most important first. */
  byRank: Topic[];
  /** Pages that link here in their text (or embed this page), with the sentences, by title. */
  backlinksOf(slug: TopicSlug): Backlink[];
  /** How many pages backlinksOf lists, without listing them. */
  backlinkCount(slug: TopicSlug): number;
  /** Pages whose queries list this page (not links their authors wrote). */
  listedByOf(slug: TopicSlug): Topic[];
  relationsOf(slug: TopicSlug): { outgoing: RelationRecord[]; incoming: RelationRecord[] };
  relatedOf(slug: TopicSlug): Topic[];
  /** Category → topics, in the configured order (else alphabetical). */
  categories: Map<string, Topic[]>;
  /** Tag → topics; a nested tag's parent levels list the topics of every tag below them. */
  tags: Map<string, Topic[]>;
  /** Tag → the tags one level below it (`area` → `area/sub`), in first-seen order. */
  tagChildren: Map<string, string[]>;
  attachments: string[];
  /** Old URLs (path after the base) that redirect to a topic. */
  redirects: Array<{ path: string; to: TopicSlug }>;
  diagnostics: Diagnostic[];
  notices: string[];
  /** Milliseconds per stage of building this model: the pipeline's stages, then this module's (`site model`). */
  timings: Record<string, number>;
  /** Milliseconds of work done off the critical path (the layout, the local graphs), recorded as each lands. */
  background: Record<string, number>;
}

const CACHE = Symbol.for('efficiency-atlas.site');
type Cache = {
  promise?: Promise<Site>;
  /** The dev server keeps the build cache in memory between content changes, instead of on disk. */
  dev?: boolean;
  builds?: BuildCache;
};
const cache = ((globalThis as Record<symbol, unknown>)[CACHE] ??= {}) as Cache;

/** The build cache of the last site model built (its stamp and file key the page plan too). */
export function currentBuildCache(): BuildCache | undefined {
  return cache.builds;
}

/** The dev server: rebuild the model from memory on each change and leave the cache file alone. */
export function useDevCache(): void {
  cache.dev = true;
}

export function getSite(): Promise<Site> {
  cache.promise ??= buildSite(readDeployConfig());
  return cache.promise;
}

/** Forget the built site (dev server: content changed). */
export function invalidateSite(): void {
  delete cache.promise;
}

/**
 * Dev server: after an edit that changed the links, the model showed the last analytics and
 * layout; compute the real ones on a worker, a moment after the edits stop, and let the next
 * request rebuild the model with them (from the cache, so quickly).
 */
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
function refreshGraphLater(graph: KnowledgeGraph, builds: BuildCache): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    analyseOnWorker(graph).then(
      (work) => {
        if (cache.builds !== builds) return;
        builds.learnGraph(work);
        invalidateSite();
      },
      () => {},
    );
  }, DEV_GRAPH_DELAY_MS);
}
const DEV_GRAPH_DELAY_MS = 1500;

export const demoRegistry = { names: DEMO_NAMES, isDemoName, fallbackHtml: renderDemoFallbackHtml };

/** Everything outside the notes that decides the output: a change starts the build cache afresh. */
function cacheSettings(deploy: DeployConfig) {
  const siteConfig = join(deploy.contentDir, SITE_CONFIG_FILE);
  return { deploy, cwd: process.cwd(), siteConfig: existsSync(siteConfig) ? readFileSync(siteConfig, 'utf8') : null };
}

function buildCacheFor(deploy: DeployConfig): BuildCache {
  const opened = openBuildCache({ dir: cache.dev ? undefined : cacheDir(), contentDir: deploy.contentDir, outDir: deploy.outDir, inMemory: cache.dev === true }, cacheSettings(deploy));
  // In the dev server the previous build's records are in memory; they count while the stamp holds.
  if (cache.dev && cache.builds?.stamp === opened.stamp) return cache.builds.next();
  return opened;
}

export async function buildSite(deploy: DeployConfig): Promise<Site> {
  const builds = buildCacheFor(deploy);
  // A build writes the local-graph files from the layout worker's copy of the graph (src/integration/localGraphs.ts).
  const content = await loadContent(deploy, demoRegistry, { cache: builds, devServer: cache.dev === true, keepGraphWorker: cache.dev !== true });
  cache.builds = builds;
  // The cache records the layout too: saved once it is there.
  let positioned = false;
  const laidOut = content.laidOut.then(() => {
    positioned = true;
    if (!cache.dev) builds.save();
  });
  laidOut.catch(() => {});
  if (content.graphPending) refreshGraphLater(content.graph, builds);
  const started = performance.now();
  const collator = new Intl.Collator(content.site.config.language, { sensitivity: 'base', numeric: true });
  const topics = [...content.topics].sort((a, b) => collator.compare(a.title, b.title) || (a.slug < b.slug ? -1 : 1));
  const bySlug = new Map(topics.map((t) => [t.slug, t]));

  const graph = content.graph;
  // Ranked when a page asks: a build asks for every topic, the dev server only for the pages it serves.
  const related = relatedTopicsOnDemand(graph, 8);

  // Target → linking page → the sentences its links stand in. A link from a note that is not a
  // topic of the site is left out here, once, so a target's count is its list's length.
  const backlinks = new Map<TopicSlug, Map<TopicSlug, Sentences>>();
  const listedBy = new Map<TopicSlug, Set<TopicSlug>>();
  for (const link of content.links) {
    if (!link.to || link.to === link.from || !bySlug.has(link.from)) continue;
    if (link.kind === 'query') {
      let set = listedBy.get(link.to);
      if (!set) listedBy.set(link.to, (set = new Set()));
      set.add(link.from);
      continue;
    }
    let byFrom = backlinks.get(link.to);
    if (!byFrom) backlinks.set(link.to, (byFrom = new Map()));
    byFrom.set(link.from, withSentence(byFrom.get(link.from), link.sentence));
  }
  const resolvedRelations = content.relations.filter((r) => r.to);
  const outgoing = group(resolvedRelations, (r) => r.from);
  const incoming = group(resolvedRelations, (r) => r.to!);

  const configured = content.site.config.categories;
  const byCategory = group(topics.filter((t) => t.category), (t) => t.category!);
  const categoryOrder = configured ? [...configured, ...[...byCategory.keys()].filter((c) => !configured.includes(c)).sort(collator.compare)] : [...byCategory.keys()].sort(collator.compare);
  const categories = new Map(categoryOrder.filter((c) => byCategory.has(c)).map((c) => [c, byCategory.get(c)!]));

  const tags = new Map<string, Topic[]>();
  const tagChildren = new Map<string, string[]>();
  for (const t of topics) {
    const levels = new Set(t.tags.flatMap(tagLevels));
    for (const level of levels) {
      const list = tags.get(level);
      if (list) list.push(t);
      else {
        tags.set(level, [t]);
        const slash = level.lastIndexOf('/');
        if (slash > 0) push(tagChildren, level.slice(0, slash), level);
      }
    }
  }

  // Topics are sorted by title once; lists of topics sort by that position, never by re-collating titles.
  const position = new Map(topics.map((t, i) => [t.slug, i]));
  const byPosition = (a: TopicSlug, b: TopicSlug) => position.get(a)! - position.get(b)!;
  const backlinkLists = new Map<TopicSlug, Backlink[]>();
  const pagerank = (t: Topic) => graph.getNodeAttribute(t.slug, 'pagerank');
  const byRank = [...topics].sort((a, b) => pagerank(b) - pagerank(a) || collator.compare(a.title, b.title));
  const home = content.home ? bySlug.get(content.home) : undefined;
  const config = content.site.config;
  const neighbourOrder = new NeighbourOrder(graph);
  const timings = { ...content.timings, 'site model': performance.now() - started };

  return {
    deploy,
    base: deploy.base,
    origin: deploy.site,
    routes: content.routes,
    config,
    identity: {
      title: content.site.title,
      description: config.description ?? home?.summary,
      language: config.language,
      logo: content.logo,
      favicon: content.favicon ?? content.routes.favicon(),
      accent: config.accent,
      header: content.header,
      footerHtml: content.footerHtml,
      footerLinks: content.footerLinks,
    },
    topics,
    bySlug,
    linkCount: content.links.length,
    relations: content.relations,
    vocabulary: content.vocabulary,
    graph,
    neighbourOrder,
    laidOut,
    isLaidOut: () => positioned,
    graphWorker: content.graphWorker,
    home,
    byRank,
    backlinkCount: (slug) => backlinks.get(slug)?.size ?? 0,
    backlinksOf: (slug) => {
      let list = backlinkLists.get(slug);
      if (list === undefined) {
        list = [...(backlinks.get(slug) ?? [])]
          .sort(([a], [b]) => byPosition(a, b))
          .map(([from, sentences]) => ({ from: bySlug.get(from)!, sentences: typeof sentences === 'string' ? [sentences] : [...sentences] }));
        // A list too long for its topic's page is asked for again by each page of it, so it is
        // sorted once; the others are made for their one page and not kept (kept, at 100,000
        // pages, every list stayed in memory until the last page was written).
        if (list.length > VIEW.backlinksOnPage) backlinkLists.set(slug, list);
      }
      return list;
    },
    listedByOf: (slug) =>
      [...(listedBy.get(slug) ?? [])]
        .filter((from) => bySlug.has(from))
        .sort(byPosition)
        .map((from) => bySlug.get(from)!),
    relationsOf: (slug) => ({ outgoing: outgoing.get(slug) ?? [], incoming: incoming.get(slug) ?? [] }),
    relatedOf: (slug) => related(slug).map((r) => bySlug.get(r.id)!).filter(Boolean),
    categories,
    tags,
    tagChildren,
    attachments: content.attachments,
    redirects: content.redirects,
    diagnostics: content.diagnostics,
    notices: content.notices,
    timings,
    background: content.background,
  };
}

function group<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) push(map, keyOf(item), item);
  return map;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The sentences one page's links to another stand in: most pages link to a topic once, so one
 * sentence is held as it is, and a list only when there are more (at 100,000 pages, a list per
 * pair was two million objects).
 */
type Sentences = string | string[];

/** Links that stand in no sentence share this one empty list; nothing is ever added to it (see withSentence). */
const NO_SENTENCES: readonly string[] = Object.freeze([]);

function withSentence(held: Sentences | undefined, sentence: string | undefined): Sentences {
  if (!sentence) return held ?? (NO_SENTENCES as string[]);
  if (held === undefined || held.length === 0) return sentence;
  if (typeof held === 'string') return held === sentence ? held : [held, sentence];
  if (!held.includes(sentence)) held.push(sentence);
  return held;
}
