// PageRank importance over weighted links and relations: a topic matters if topics that matter
// link to it. Thin wrapper over graphology-metrics so the whole project uses one weighting
// (the edge `weight` attribute: link count for mentions, DEFAULTS.relationWeight for relations).
//
// [Reference]: Page, L.; Brin, S.; Motwani, R.; Winograd, T. "The PageRank citation ranking:
// bringing order to the Web". Stanford InfoLab, 1999.
import graphologyPagerank from 'graphology-metrics/centrality/pagerank.js';
import type { KnowledgeGraph } from './knowledgeGraph.ts';

export const DEFAULTS = {
  /** Damping factor: probability the random reader follows a link rather than jumping. */
  alpha: 0.85,
  /** Generous: graphology throws when it does not converge, and a build must not fail on that. */
  maxIterations: 1000,
  tolerance: 1e-9,
};

export type PagerankOptions = Partial<typeof DEFAULTS>;

function computePagerank(graph: KnowledgeGraph, options: PagerankOptions = {}): Record<string, number> {
  if (graph.order === 0) return {};
  const settings = { ...DEFAULTS, ...options };
  try {
    return graphologyPagerank(graph, { ...settings, getEdgeWeight: 'weight' });
  } catch (error) {
    throw new Error(`pagerank: ${(error as Error).message}`);
  }
}

function assignPagerank(graph: KnowledgeGraph, options: PagerankOptions = {}): void {
  const result = computePagerank(graph, options);
  graph.updateEachNodeAttributes((node, attributes) => ({ ...attributes, pagerank: result[node]! }));
}

/** PageRank of every topic; values sum to 1. */
export const pagerank: typeof computePagerank & { assign: typeof assignPagerank } = Object.assign(computePagerank, {
  assign: assignPagerank,
});
