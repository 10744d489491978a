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
  const { seed, layoutIterations } = { ...DEFAULTS, ...options };
  const graph = createKnowledgeGraph(input);
  degrees.assign(graph);
  pagerank.assign(graph);
  communities.assign(graph, { seed });
  layout.assign(graph, layoutIterations === undefined ? { seed } : { seed, iterations: layoutIterations });
  nodeSizes.assign(graph);
  return graph;
}
