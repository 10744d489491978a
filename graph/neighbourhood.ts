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

export type NeighbourhoodOptions = Partial<typeof DEFAULTS>;

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
  const { depth, limit } = { ...DEFAULTS, ...options };
  if (!graph.hasNode(id)) throw new Error(`neighbourhood: unknown topic "${id}"`);
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`neighbourhood: depth must be a non-negative integer, got ${depth}`);
  const result: NeighbourhoodEntry[] = [{ id, distance: 0 }];
  const seen = new Set([id]);
  let ring = [id];
  for (let distance = 1; distance <= depth && result.length < limit; distance++) {
    const next: string[] = [];
    for (const node of ring) {
      graph.forEachNeighbor(node, (neighbour) => {
        if (seen.has(neighbour)) return;
        seen.add(neighbour);
        next.push(neighbour);
      });
    }
    next.sort((a, b) => {
      const pa = graph.getNodeAttribute(a, 'pagerank'), pb = graph.getNodeAttribute(b, 'pagerank');
      return pb - pa || compareStrings(graph.getNodeAttribute(a, 'title'), graph.getNodeAttribute(b, 'title')) || compareStrings(a, b);
    });
    for (const node of next.slice(0, limit - result.length)) result.push({ id: node, distance });
    ring = next;
  }
  return result;
}
