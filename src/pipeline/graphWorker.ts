// The graph's analytics and layout on a worker thread, for the dev server: after an edit that
// changes the links it recomputes them without blocking the server (src/lib/site.ts). The build
// computes them in line (src/pipeline/loadContent.ts); the results are the same.
import { MultiDirectedGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { parentPort, Worker } from 'node:worker_threads';
import { assignAnalytics, layoutKnowledgeGraph, LISTED_BY_QUERY, type KnowledgeGraph } from '../../graph/index.ts';
import type { TopicEdgeAttributes } from '../../graph/knowledgeGraph.ts';
import { structureDigest, type GraphAnalytics, type GraphLayout } from './buildCache.ts';

export interface GraphWork {
  /** Keyed as the build cache keys them (src/pipeline/buildCache.ts structureDigest). */
  analytics: { key: string; nodes: GraphAnalytics };
  layout: { key: string; nodes: GraphLayout };
}

/** Computes analytics and layout of a copy of `graph` on a worker thread. */
export function analyseOnWorker(graph: KnowledgeGraph): Promise<GraphWork> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url));
    worker.once('message', (result: GraphWork) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(graph.export());
  });
}

if (parentPort) {
  parentPort.once('message', (serialized: SerializedGraph) => {
    const graph = MultiDirectedGraph.from(serialized) as unknown as KnowledgeGraph;
    // As in the build: analytics over the authored links, the layout with the query edges too.
    const queryEdges: Array<[string, string, string, TopicEdgeAttributes]> = [];
    graph.forEachEdge((edge, attributes, source, target) => {
      if (attributes.type === LISTED_BY_QUERY) queryEdges.push([edge, source, target, attributes]);
    });
    for (const [edge] of queryEdges) graph.dropEdge(edge);
    const analyticsKey = structureDigest(graph);
    assignAnalytics(graph);
    for (const [edge, source, target, attributes] of queryEdges) graph.addDirectedEdgeWithKey(edge, source, target, attributes);
    const layoutKey = structureDigest(graph);
    layoutKnowledgeGraph(graph);
    const analytics: GraphAnalytics = {};
    const layout: GraphLayout = {};
    graph.forEachNode((node, a) => {
      analytics[node] = { pagerank: a.pagerank, community: a.community, inDegree: a.inDegree, outDegree: a.outDegree };
      layout[node] = { x: a.x, y: a.y, size: a.size };
    });
    parentPort!.postMessage({ analytics: { key: analyticsKey, nodes: analytics }, layout: { key: layoutKey, nodes: layout } } satisfies GraphWork);
  });
}
