// The topics within `depth` steps of a topic, ignoring edge direction: what a local graph shows
// and what its no-WebGL fallback lists. Breadth-first, so every topic carries its distance; each
// ring is ordered by PageRank (most important first), then title, so a `limit` keeps the topics
// that matter. Generic over attributes: runs on the build graph and on the browser's graph.
//
// Cost: a ring is not collected whole and sorted. Each topic's neighbours are sorted once, in ring
// order, by a NeighbourOrder (kept and reused across calls on an unchanged graph), and a ring is
// the k-way merge of the previous ring's sorted lists, stopped as soon as the limit is reached. A
// topic next to a hub therefore reads only the first few of the hub's neighbours instead of all of
// them, and writing every topic's local graph costs O(topics · limit²) at worst, not
// O(topics · hub degree): linear in the size of the wiki.
import type { default as Graph } from 'graphology-types';
import { compareStrings } from './knowledgeGraph.ts';

export const DEFAULTS = {
  depth: 1,
  /** At most this many topics (the centre included); rings are cut from the outside in. */
  limit: 150,
};

export type NeighbourhoodOptions = Partial<typeof DEFAULTS> & {
  /** Each topic's neighbours, precomputed (see `undirectedAdjacency`), for calls without a NeighbourOrder. */
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

type RankedGraph = Graph<{ title: string; pagerank: number }>;

/**
 * Every topic's neighbours in ring order (PageRank, then title, then id), each list sorted the first
 * time it is needed (and the ranking itself made on first use, so making one costs nothing). Reads
 * PageRank and titles when first used: make a new one after either changes.
 */
export class NeighbourOrder {
  readonly #graph: RankedGraph;
  /** Node ids in ring order; a node's position here is its rank. Made on first use. */
  #byRank: string[] | undefined;
  readonly #rank = new Map<string, number>();
  /** Each node's neighbours as ranks, by the node's rank; sorted the first time they are asked for. */
  #sorted: Array<Int32Array | undefined> = [];
  #marks: Uint8Array | undefined;

  constructor(graph: RankedGraph) {
    this.#graph = graph;
  }

  #ranked(): string[] {
    if (this.#byRank === undefined) {
      const graph = this.#graph;
      const key = (id: string) => ({ id, pagerank: graph.getNodeAttribute(id, 'pagerank'), title: graph.getNodeAttribute(id, 'title') });
      this.#byRank = graph
        .mapNodes(key)
        .sort((a, b) => b.pagerank - a.pagerank || compareStrings(a.title, b.title) || compareStrings(a.id, b.id))
        .map((n) => n.id);
      this.#byRank.forEach((id, i) => this.#rank.set(id, i));
      // Sized up front: filled in any order, it stays a plain array rather than a sparse one.
      this.#sorted = new Array(this.#byRank.length);
    }
    return this.#byRank;
  }

  get graph(): RankedGraph {
    return this.#graph;
  }

  /** The node with this rank. */
  node(rank: number): string {
    return this.#ranked()[rank]!;
  }

  /** The rank of this node. */
  rankOf(node: string): number {
    this.#ranked();
    return this.#rank.get(node)!;
  }

  /** The distinct neighbours of the node with this rank, as ranks, ascending (most important first). */
  neighboursOfRank(rank: number): Int32Array {
    this.#ranked();
    let list = this.#sorted[rank];
    if (list === undefined) {
      const ranks = new Set<number>();
      this.#graph.forEachNeighbor(this.node(rank), (neighbour) => {
        ranks.add(this.#rank.get(neighbour)!);
      });
      list = this.#sorted[rank] = Int32Array.from(ranks).sort();
    }
    return list;
  }

  /**
   * One mark per rank, all clear, for a walk to mark the nodes it has reached: the caller clears
   * what it marked before it returns (a Set of ids per walk hashed each id again).
   */
  marks(): Uint8Array {
    return (this.#marks ??= new Uint8Array(this.#ranked().length));
  }
}

/**
 * The neighbourhood of `id`. Pass one `order` for many calls on the same graph (the build does, once
 * per topic): each ring is then merged from presorted lists. Without one, each ring is collected
 * whole and sorted, which is as fast for a single call and gives the same result.
 */
export function neighbourhood<N extends { title: string; pagerank: number }>(
  graph: Graph<N>,
  id: string,
  options: NeighbourhoodOptions = {},
  order?: NeighbourOrder,
): NeighbourhoodEntry[] {
  const { depth, limit, adjacency } = { ...DEFAULTS, ...options };
  if (!graph.hasNode(id)) throw new Error(`neighbourhood: unknown topic "${id}"`);
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`neighbourhood: depth must be a non-negative integer, got ${depth}`);
  if (order !== undefined && order.graph !== (graph as unknown as RankedGraph)) throw new Error('neighbourhood: the NeighbourOrder was made for another graph');
  if (order !== undefined) return mergedNeighbourhood(order, id, depth, limit);
  const result: NeighbourhoodEntry[] = [{ id, distance: 0 }];
  const seen = new Set([id]);
  let ring = [id];
  for (let distance = 1; distance <= depth && result.length < limit && ring.length > 0; distance++) {
    const next = sortRing(graph, ring, seen, limit - result.length, adjacency);
    for (const node of next) result.push({ id: node, distance });
    ring = next;
  }
  return result;
}

/** neighbourhood() with a NeighbourOrder: each ring merged from presorted lists, by rank. */
function mergedNeighbourhood(order: NeighbourOrder, id: string, depth: number, limit: number): NeighbourhoodEntry[] {
  const seen = order.marks();
  const centre = order.rankOf(id);
  const result: NeighbourhoodEntry[] = [{ id, distance: 0 }];
  const reached = [centre];
  seen[centre] = 1;
  try {
    let ring = [centre];
    for (let distance = 1; distance <= depth && result.length < limit && ring.length > 0; distance++) {
      ring = mergeRing(order, ring, seen, limit - result.length);
      for (const rank of ring) {
        reached.push(rank);
        result.push({ id: order.node(rank), distance });
      }
    }
  } finally {
    for (const rank of reached) seen[rank] = 0;
  }
  return result;
}

/** The ring collected whole and sorted; cut to `room` (the loop ends there anyway when it is cut). */
function sortRing<N extends { title: string; pagerank: number }>(
  graph: Graph<N>,
  ring: readonly string[],
  seen: Set<string>,
  room: number,
  adjacency: ReadonlyMap<string, readonly string[]> | undefined,
): string[] {
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
  // Sort keys read once per topic, not once per comparison.
  const keyed = next.map((node) => {
    const attributes = graph.getNodeAttributes(node);
    return { node, pagerank: attributes.pagerank, title: attributes.title };
  });
  keyed.sort((a, b) => b.pagerank - a.pagerank || compareStrings(a.title, b.title) || compareStrings(a.node, b.node));
  return keyed.slice(0, room).map((k) => k.node);
}

/**
 * The first `room` unseen neighbours of the ring's topics in ring order (all of them when fewer),
 * marked seen: a k-way merge of their sorted neighbour lists on a binary heap of list heads.
 */
function mergeRing(order: NeighbourOrder, ring: readonly number[], seen: Uint8Array, room: number): number[] {
  const lists: Int32Array[] = [];
  for (const rank of ring) {
    const list = order.neighboursOfRank(rank);
    if (list.length > 0) lists.push(list);
  }
  const cursor = new Int32Array(lists.length);
  const heap: number[] = [];
  const head = (k: number) => lists[k]![cursor[k]!]!;
  const less = (a: number, b: number) => head(heap[a]!) < head(heap[b]!);
  const swap = (a: number, b: number) => {
    const t = heap[a]!;
    heap[a] = heap[b]!;
    heap[b] = t;
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let k = 0; k < lists.length; k++) heap.push(k);
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);

  const out: number[] = [];
  while (heap.length > 0 && out.length < room) {
    const k = heap[0]!;
    const rank = head(k);
    if (seen[rank] === 0) {
      seen[rank] = 1;
      out.push(rank);
    }
    cursor[k]!++;
    if (cursor[k]! === lists[k]!.length) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    if (heap.length > 0) down(0);
  }
  return out;
}
