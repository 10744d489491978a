// Degrees, orphans and dead ends. A degree here counts distinct neighbouring topics, not edges:
// a page that mentions Quantization five times and also declares `improves: Quantization` has one
// outbound neighbour, which is what "links to N pages" means to a reader.
//
// Like graphology-metrics, each analytic returns a mapping; `.assign` writes node attributes.
import type { KnowledgeGraph } from './knowledgeGraph.ts';
import { LISTED_BY_QUERY } from './relations.ts';
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

// Being listed by another page's query is not being linked: only authored edges count here.
const authored = (_edge: string, attributes: { type: string }) => attributes.type !== LISTED_BY_QUERY;

/** Topics nothing links or relates to, in graph (id) order. */
export function orphans(graph: KnowledgeGraph): TopicSlug[] {
  return graph.filterNodes((node) => !graph.someInEdge(node, authored)) as TopicSlug[];
}

/** Topics that link or relate to nothing, in graph (id) order. */
export function deadEnds(graph: KnowledgeGraph): TopicSlug[] {
  return graph.filterNodes((node) => !graph.someOutEdge(node, authored)) as TopicSlug[];
}
