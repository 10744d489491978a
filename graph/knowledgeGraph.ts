// The knowledge graph's shape, and how the pipeline's records become one: a directed multigraph
// with a node per topic, one `mentions` edge per linked (from, to) pair weighted by the number of
// links, and one edge per typed relation. Analytics are added by buildKnowledgeGraph.ts.
//
// Everything is inserted in a canonical order (topics by id, edges by source, target, type) so
// the graph, and everything derived from it, does not depend on the order files were read in.
import { MultiDirectedGraph } from 'graphology';
import type { LinkRecord, RelationRecord, TopicRecord, TopicSlug } from './types.ts';
import { DEFAULT_RELATIONS, LISTED_BY_QUERY, MENTIONS, edgeTypes, type EdgeType, type RelationVocabulary } from './relations.ts';

/** Node attributes: the topic as recorded, plus analytics and layout (0 until computed). */
export interface TopicAttributes extends Omit<TopicRecord, 'id'> {
  /** PageRank over weighted links and relations; sums to 1 over the graph. */
  pagerank: number;
  /** Louvain community index; 0 is the largest community. */
  community: number;
  /** Number of distinct topics linking or relating to this one. */
  inDegree: number;
  /** Number of distinct topics this one links or relates to. */
  outDegree: number;
  /** Build-time layout position, integer, centred on 0. */
  x: number;
  y: number;
  /** Display radius derived from PageRank. */
  size: number;
}

export interface TopicEdgeAttributes {
  type: EdgeType;
  /** `mentions`: number of links (embeds included); typed relations: DEFAULTS.relationWeight. */
  weight: number;
  // Where each link stands is the link records' to say (the diagnostics cite them). The graph keeps
  // only what its views and analytics read: at 100,000 pages, an array and an object per edge for
  // the positions were three million objects more for the collector to walk while pages render.
}

/** Graph attributes: the relation vocabulary the graph was built with (exports and lint read it). */
export interface KnowledgeGraphAttributes {
  relations: RelationVocabulary;
}

export type KnowledgeGraph = MultiDirectedGraph<TopicAttributes, TopicEdgeAttributes, KnowledgeGraphAttributes>;

export interface KnowledgeGraphInput {
  topics: readonly TopicRecord[];
  links: readonly LinkRecord[];
  relations: readonly RelationRecord[];
  /** Relation types the relations may use; default: the nine of DEFAULT_RELATIONS. */
  vocabulary?: RelationVocabulary;
}

export const DEFAULTS = {
  /**
   * Weight of a typed relation edge relative to one prose link: an author declaring
   * "X is a technique for Y" says more about X and Y than a passing mention does.
   */
  relationWeight: 2,
};

export type CreateKnowledgeGraphOptions = Partial<typeof DEFAULTS>;

/** Code-unit order, not locale order: locale collation differs between machines. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic edge key: readable in errors, stable across builds. */
export function edgeKey(from: string, to: string, type: EdgeType): string {
  // Joined rather than concatenated: V8 makes `a + b` a tree of string pieces and keeps the tree
  // beside the flat copy it hashes, four objects per key the graph holds for the whole build; a join
  // is one flat string.
  return [type, ':', from, '->', to].join('');
}

/**
 * The site's base path, read off the graph: the prefix such that url === base + id + "/" for the
 * first topic, or "/" when it does not follow that pattern or the graph is empty.
 */
export function inferBase(graph: KnowledgeGraph): string {
  let base = bases.get(graph);
  if (base === undefined) bases.set(graph, (base = findBase(graph)));
  return base;
}

/** Once per graph: a vault of permalinks only would otherwise scan every topic per local-graph file. */
const bases = new WeakMap<KnowledgeGraph, string>();

function findBase(graph: KnowledgeGraph): string {
  // From the first topic served at base + id + "/": the home note (served at the base itself) and
  // notes with a permalink say nothing about the base.
  let base: string | undefined;
  graph.someNode((node, attributes) => {
    const suffix = `${node}/`;
    if (!attributes.url.endsWith(suffix)) return false;
    base = attributes.url.slice(0, attributes.url.length - suffix.length);
    return true;
  });
  return base ?? '/';
}

interface PendingEdge {
  from: TopicSlug;
  to: TopicSlug;
  type: EdgeType;
  weight: number;
}

/** Nodes and edges only; analytics attributes are zero. */
export function createKnowledgeGraph(
  input: KnowledgeGraphInput,
  options: CreateKnowledgeGraphOptions = {},
): KnowledgeGraph {
  const settings = { ...DEFAULTS, ...options };
  const vocabulary = input.vocabulary ?? DEFAULT_RELATIONS;
  const graph: KnowledgeGraph = new MultiDirectedGraph<TopicAttributes, TopicEdgeAttributes, KnowledgeGraphAttributes>();
  graph.setAttribute('relations', vocabulary);

  const topics = [...input.topics].sort((a, b) => compareStrings(a.id, b.id));
  for (const topic of topics) {
    if (graph.hasNode(topic.id)) {
      throw new Error(`createKnowledgeGraph: duplicate topic id "${topic.id}" (${topic.file})`);
    }
    graph.addNode(topic.id, {
      title: topic.title,
      url: topic.url,
      category: topic.category,
      tags: [...topic.tags],
      aliases: [...topic.aliases],
      summary: topic.summary,
      wordCount: topic.wordCount,
      file: topic.file,
      pagerank: 0,
      community: 0,
      inDegree: 0,
      outDegree: 0,
      x: 0,
      y: 0,
      size: 0,
    });
  }

  const pending = new Map<string, PendingEdge>();
  const collect = (from: TopicSlug, to: TopicSlug | null, type: EdgeType, weight: number) => {
    // Unresolved targets and targets outside the topic set are lint findings, not edges.
    if (to === null || from === to || !graph.hasNode(from) || !graph.hasNode(to)) return;
    const key = edgeKey(from, to, type);
    const edge = pending.get(key);
    if (edge === undefined) {
      pending.set(key, { from, to, type, weight });
    } else if (type === MENTIONS) {
      // Mentions add up; a relation declared twice is still one relation (lint reports it).
      edge.weight += weight;
    }
  };
  for (const link of input.links) if (link.kind !== 'query') collect(link.from, link.to, MENTIONS, 1);
  for (const relation of input.relations) {
    if (!vocabulary.has(relation.type)) continue;
    collect(relation.from, relation.to, relation.type, settings.relationWeight);
  }

  const typeOrder = new Map<EdgeType, number>(edgeTypes(vocabulary).map((type, i) => [type, i]));
  const edges = [...pending.values()].sort(
    (a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || typeOrder.get(a.type)! - typeOrder.get(b.type)!,
  );
  for (const edge of edges) {
    graph.addDirectedEdgeWithKey(edgeKey(edge.from, edge.to, edge.type), edge.from, edge.to, { type: edge.type, weight: edge.weight });
  }
  return graph;
}

/**
 * Adds a `query` edge for each topic a page lists through a query (links of kind `query`). They are
 * added after the analytics: a query may sort by PageRank, so PageRank cannot depend on what
 * queries list. The edges are in the graph for the views (shown or hidden like any type), and
 * never count as links the author wrote.
 */
export function addQueryEdges(graph: KnowledgeGraph, links: readonly LinkRecord[]): void {
  const pending = new Map<string, PendingEdge>();
  for (const link of links) {
    if (link.kind !== 'query' || link.to === null || link.from === link.to || !graph.hasNode(link.from) || !graph.hasNode(link.to)) continue;
    const key = edgeKey(link.from, link.to, LISTED_BY_QUERY);
    if (!pending.has(key)) pending.set(key, { from: link.from, to: link.to, type: LISTED_BY_QUERY, weight: 1 });
  }
  const edges = [...pending.values()].sort((a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to));
  for (const edge of edges) {
    if (graph.hasEdge(edgeKey(edge.from, edge.to, LISTED_BY_QUERY))) continue;
    graph.addDirectedEdgeWithKey(edgeKey(edge.from, edge.to, LISTED_BY_QUERY), edge.from, edge.to, { type: LISTED_BY_QUERY, weight: 0 });
  }
}
