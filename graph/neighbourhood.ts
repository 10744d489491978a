// The topics within `depth` steps of a topic, ignoring edge direction: what a local graph shows
// and what its no-WebGL fallback lists. Breadth-first, so every topic carries its distance; each
// ring is ordered by PageRank (most important first), then title, so a `limit` keeps the topics
// that matter. Generic over attributes: runs on the build graph and on the browser's graph.
import type { default as Graph } from 'graphology-types';
import { compareStrings } from './knowledgeGraph.ts';

export const DEFAULTS = {
  depth: 1,
  /** At most this many topics (the centre included); rings are cut from the outside in. */
  limit: 150,
};

export type NeighbourhoodOptions = Partial<typeof DEFAULTS> & {
  /** Each topic's neighbours, precomputed (see `undirectedAdjacency`) when asking for many topics. */
  adjacency?: ReadonlyMap<string, readonly string[]>;
};

/**
 * Every topic's neighbours ignoring direction, once: a build asking for the neighbourhood of every
 * topic walks plain arrays instead of graphology's per-call de-duplication of a multigraph's
 * neighbours (which dominated writing 5,000 local-graph files).
 */
export function undirectedAdjacency(graph: Graph): Map<string, string[]> {
  const sets = new Map<string, Set<string>>();
  graph.forEachNode((node) => sets.set(node, new Set()));
  graph.forEachEdge((_edge, _attributes, source, target) => {
    if (source === target) return;
    sets.get(source)!.add(target);
    sets.get(target)!.add(source);
  });
  const adjacency = new Map<string, string[]>();
  for (const [node, set] of sets) adjacency.set(node, [...set]);
  return adjacency;
}

export interface NeighbourhoodEntry {
  id: string;
  /** 0 for the centre, 1 for direct neighbours, … */
  distance: number;
}

export function neighbourhood<N extends { title: string; pagerank: number }>(
  graph: Graph<N>,
  id: string,
  options: NeighbourhoodOptions = {},
): NeighbourhoodEntry[] {
  const { depth, limit, adjacency } = { ...DEFAULTS, ...options };
  if (!graph.hasNode(id)) throw new Error(`neighbourhood: unknown topic "${id}"`);
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`neighbourhood: depth must be a non-negative integer, got ${depth}`);
  const result: NeighbourhoodEntry[] = [{ id, distance: 0 }];
  const seen = new Set([id]);
  let ring = [id];
  for (let distance = 1; distance <= depth && result.length < limit; distance++) {
    const next: string[] = [];
    const visit = (neighbour: string) => {
      if (seen.has(neighbour)) return;
      seen.add(neighbour);
      next.push(neighbour);
    };
    for (const node of ring) {
      if (adjacency) for (const neighbour of adjacency.get(node) ?? []) visit(neighbour);
      else graph.forEachNeighbor(node, visit);
    }
    // Sort keys read once per topic, not once per comparison: a hub's second ring has thousands.
    const keyed = next.map((node) => {
      const attributes = graph.getNodeAttributes(node);
      return { node, pagerank: attributes.pagerank, title: attributes.title };
    });
    keyed.sort((a, b) => b.pagerank - a.pagerank || compareStrings(a.title, b.title) || compareStrings(a.node, b.node));
    next.length = 0;
    for (const k of keyed) next.push(k.node);
    for (const node of next.slice(0, limit - result.length)) result.push({ id: node, distance });
    ring = next;
  }
  return result;
}
