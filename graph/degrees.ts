// Degrees, orphans and dead ends. A degree here counts distinct neighbouring topics, not edges:
// a page that mentions Quantization five times and also declares `improves: Quantization` has one
// outbound neighbour, which is what "links to N pages" means to a reader.
//
// Like graphology-metrics, each analytic returns a mapping; `.assign` writes node attributes.
import type { KnowledgeGraph } from './knowledgeGraph.ts';
import type { TopicSlug } from './types.ts';

export interface Degrees {
  inDegree: number;
  outDegree: number;
}

function computeDegrees(graph: KnowledgeGraph): Record<string, Degrees> {
  const result: Record<string, Degrees> = {};
  graph.forEachNode((node) => {
    result[node] = { inDegree: graph.inNeighbors(node).length, outDegree: graph.outNeighbors(node).length };
  });
  return result;
}

function assignDegrees(graph: KnowledgeGraph): void {
  const result = computeDegrees(graph);
  graph.updateEachNodeAttributes((node, attributes) => ({ ...attributes, ...result[node]! }));
}

/** In/out degree (distinct neighbours) of every topic. */
export const degrees: typeof computeDegrees & { assign: typeof assignDegrees } = Object.assign(computeDegrees, {
  assign: assignDegrees,
});

/** Topics nothing links or relates to, in graph (id) order. */
export function orphans(graph: KnowledgeGraph): TopicSlug[] {
  return graph.filterNodes((node) => graph.inDegree(node) === 0) as TopicSlug[];
}

/** Topics that link or relate to nothing, in graph (id) order. */
export function deadEnds(graph: KnowledgeGraph): TopicSlug[] {
  return graph.filterNodes((node) => graph.outDegree(node) === 0) as TopicSlug[];
}
