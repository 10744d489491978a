// One call from the pipeline's records to a ready graph: structure, then degrees, PageRank,
// seeded Louvain communities, seeded ForceAtlas2 layout and PageRank-derived node sizes, all as
// node attributes. Identical input and seed give an identical graph, attribute for attribute.
import { communities } from './communities.ts';
import { degrees } from './degrees.ts';
import { createKnowledgeGraph, type KnowledgeGraph, type KnowledgeGraphInput } from './knowledgeGraph.ts';
import { layout, nodeSizes } from './layout.ts';
import { pagerank } from './pagerank.ts';

export const DEFAULTS = {
  /** Seeds Louvain's node order and the initial layout. */
  seed: 1,
  /** ForceAtlas2 iterations; `undefined` lets layoutIterations pick by graph size. */
  layoutIterations: undefined as number | undefined,
};

export type BuildKnowledgeGraphOptions = Partial<typeof DEFAULTS>;

export function buildKnowledgeGraph(input: KnowledgeGraphInput, options: BuildKnowledgeGraphOptions = {}): KnowledgeGraph {
  const graph = analyseKnowledgeGraph(input, options);
  layoutKnowledgeGraph(graph, options);
  return graph;
}

/** Structure and analytics (degrees, PageRank, communities): everything but the layout. */
export function analyseKnowledgeGraph(input: KnowledgeGraphInput, options: BuildKnowledgeGraphOptions = {}): KnowledgeGraph {
  const graph = createKnowledgeGraph(input);
  assignAnalytics(graph, options);
  return graph;
}

/**
 * Degrees, PageRank and communities of a graph made by createKnowledgeGraph. They depend on its
 * structure alone (topics in order, edges with their types and weights), so a build cache may set
 * the same attributes from an earlier build of the same structure instead.
 */
export function assignAnalytics(graph: KnowledgeGraph, options: BuildKnowledgeGraphOptions = {}): void {
  const { seed } = { ...DEFAULTS, ...options };
  degrees.assign(graph);
  pagerank.assign(graph);
  communities.assign(graph, { seed });
}

/**
 * The layout and node sizes, as a separate step: nothing but the graph views needs positions, so
 * a build can compute them while pages render.
 */
export function layoutKnowledgeGraph(graph: KnowledgeGraph, options: BuildKnowledgeGraphOptions = {}): void {
  const { seed, layoutIterations } = { ...DEFAULTS, ...options };
  layout.assign(graph, layoutIterations === undefined ? { seed } : { seed, iterations: layoutIterations });
  nodeSizes.assign(graph);
}
