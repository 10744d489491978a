// The graph's analytics and layout on a worker thread. For the dev server, analytics and layout
// after an edit that changes the links, recomputed without blocking the server (src/lib/site.ts).
// For a build, the layout alone, while Astro renders the pages on the main thread: nothing a page
// shows depends on it (src/pipeline/loadContent.ts). Either way the results are the same as
// computing them in line.
import { MultiDirectedGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { parentPort } from 'node:worker_threads';
import { assignAnalytics, layout, layoutKnowledgeGraph, LISTED_BY_QUERY, type KnowledgeGraph, type Point } from '../../graph/index.ts';
import type { TopicEdgeAttributes } from '../../graph/knowledgeGraph.ts';
import { askWorker, runBehindMainThread } from './askWorker.ts';
import { structureDigest, type GraphAnalytics, type GraphLayout } from './buildCache.ts';

export interface GraphWork {
  /** Keyed as the build cache keys them (src/pipeline/buildCache.ts structureDigest). */
  analytics: { key: string; nodes: GraphAnalytics };
  layout: { key: string; nodes: GraphLayout };
}

/** Computes analytics and layout of a copy of `graph` on a worker thread. */
export function analyseOnWorker(graph: KnowledgeGraph): Promise<GraphWork> {
  return onWorker({ kind: 'analyse', graph: graph.export() });
}

/**
 * What ForceAtlas2 reads of a graph (graph/layout.ts): each topic's community, for the starting
 * positions, and each edge's ends and weight, in the graph's own order (the layout depends on it).
 * Titles, summaries and URLs stay behind: at 100,000 topics they would be most of the copy.
 */
interface LayoutInput {
  nodes: string[];
  communities: Int32Array;
  sources: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/** The layout (graph/layout.ts, default settings) of `graph`, computed on a worker thread. */
export function layoutOnWorker(graph: KnowledgeGraph): Promise<Record<string, Point>> {
  const nodes = graph.nodes();
  const index = new Map(nodes.map((node, i) => [node, i]));
  const input: LayoutInput = {
    nodes,
    communities: Int32Array.from(nodes, (node) => graph.getNodeAttribute(node, 'community')),
    sources: new Int32Array(graph.size),
    targets: new Int32Array(graph.size),
    weights: new Float64Array(graph.size),
  };
  let i = 0;
  graph.forEachEdge((_edge, attributes, source, target) => {
    input.sources[i] = index.get(source)!;
    input.targets[i] = index.get(target)!;
    input.weights[i++] = attributes.weight;
  });
  return onWorker({ kind: 'layout', input });
}

type Job = { kind: 'analyse'; graph: SerializedGraph } | { kind: 'layout'; input: LayoutInput };

function onWorker<T>(job: Job): Promise<T> {
  return askWorker<T>(new URL(import.meta.url), 'graph worker', job);
}

function layoutOf({ nodes, communities, sources, targets, weights }: LayoutInput): Record<string, Point> {
  const graph = new MultiDirectedGraph();
  nodes.forEach((node, i) => graph.addNode(node, { community: communities[i] }));
  for (let i = 0; i < sources.length; i++) graph.addDirectedEdge(nodes[sources[i]!]!, nodes[targets[i]!]!, { weight: weights[i] });
  return layout(graph as unknown as KnowledgeGraph, {}, { disposable: true });
}

if (parentPort) {
  parentPort.once('message', (job: Job) => {
    // A build waits for the layout (graph.json and the local-graph files need it), so it keeps its
    // priority; the dev server's analytics after an edit must never hold up the edit itself.
    if (job.kind === 'layout') {
      parentPort!.postMessage(layoutOf(job.input));
      return;
    }
    runBehindMainThread();
    const serialized = job.graph;
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
    const positions: GraphLayout = {};
    graph.forEachNode((node, a) => {
      analytics[node] = { pagerank: a.pagerank, community: a.community, inDegree: a.inDegree, outDegree: a.outDegree };
      positions[node] = { x: a.x, y: a.y, size: a.size };
    });
    parentPort!.postMessage({ analytics: { key: analyticsKey, nodes: analytics }, layout: { key: layoutKey, nodes: positions } } satisfies GraphWork);
  });
}
