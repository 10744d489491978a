// Topic communities by Louvain modularity optimisation, seeded so the same content always gives
// the same communities (Louvain visits nodes in random order; the seed fixes that order).
//
// Louvain runs on the undirected projection of the graph (parallel and opposite edges merged,
// weights summed): whether page A links to B or B to A is an authoring accident, while the
// cluster they belong to is not. Communities are renumbered by size (0 = largest, ties by the
// smallest member id) so the numbers, and the colours the views give them, are stable too.
//
// [Reference]: Blondel, V. D.; Guillaume, J.-L.; Lambiotte, R.; Lefebvre, E. "Fast unfolding of
// communities in large networks". Journal of Statistical Mechanics, P10008, 2008.
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { KnowledgeGraph } from './knowledgeGraph.ts';
import { mulberry32 } from './random.ts';

export const DEFAULTS = {
  seed: 1,
  /** Modularity resolution: above 1 gives more, smaller communities. */
  resolution: 1,
};

export type CommunitiesOptions = Partial<typeof DEFAULTS>;

/** Undirected simple graph with summed edge weights, nodes in the same order as `graph`. */
export function undirectedProjection(graph: KnowledgeGraph): UndirectedGraph<{}, { weight: number }> {
  const projection = new UndirectedGraph<{}, { weight: number }>();
  graph.forEachNode((node) => projection.addNode(node));
  graph.forEachEdge((_edge, attributes, source, target) => {
    projection.updateEdge(source, target, (current) => ({ weight: (current.weight ?? 0) + attributes.weight }));
  });
  return projection;
}

function computeCommunities(graph: KnowledgeGraph, options: CommunitiesOptions = {}): Record<string, number> {
  const settings = { ...DEFAULTS, ...options };
  if (graph.order === 0) return {};
  const raw = louvain(undirectedProjection(graph), {
    getEdgeWeight: 'weight',
    resolution: settings.resolution,
    rng: mulberry32(settings.seed),
  });

  const members = new Map<number, string[]>();
  graph.forEachNode((node) => {
    const community = raw[node];
    if (community === undefined) throw new Error(`communities: Louvain gave no community for "${node}"`);
    const list = members.get(community);
    if (list === undefined) members.set(community, [node]);
    else list.push(node);
  });
  // Nodes are visited in id order, so each list's first element is its smallest id.
  const ordered = [...members.values()].sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
  const result: Record<string, number> = {};
  ordered.forEach((list, index) => {
    for (const node of list) result[node] = index;
  });
  return result;
}

function assignCommunities(graph: KnowledgeGraph, options: CommunitiesOptions = {}): void {
  const result = computeCommunities(graph, options);
  graph.updateEachNodeAttributes((node, attributes) => ({ ...attributes, community: result[node]! }));
}

/** Louvain community of every topic, 0 = largest. */
export const communities: typeof computeCommunities & { assign: typeof assignCommunities } = Object.assign(
  computeCommunities,
  { assign: assignCommunities },
);
