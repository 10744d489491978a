// The graph's work on worker threads. For a build: one lean copy of the graph, made once, which a
// worker lays out while the shards and then Astro render the pages (nothing a page shows depends
// on the layout: src/pipeline/loadContent.ts), then writes each topic's local-graph file from
// (src/integration/localGraphs.ts). For the dev server: analytics and layout after an edit that
// changes the links, recomputed without blocking the server (src/lib/site.ts). Either way the
// results are those of computing them in line.
import { MultiDirectedGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { parentPort } from 'node:worker_threads';
import {
  assignAnalytics,
  layout,
  layoutKnowledgeGraph,
  LISTED_BY_QUERY,
  neighbourhoodGraphJsonText,
  NeighbourOrder,
  type KnowledgeGraph,
  type NeighbourhoodOptions,
  type Point,
} from '../../graph/index.ts';
import type { TopicEdgeAttributes } from '../../graph/knowledgeGraph.ts';
import type { RelationVocabulary } from '../../graph/relations.ts';
import type { TopicSlug } from '../../graph/types.ts';
import { askWorker, runBehindMainThread, workerSession } from './askWorker.ts';
import { structureDigest, type GraphAnalytics, type GraphLayout } from './buildCache.ts';
import { writeFilesSync } from './writeFiles.ts';

export interface GraphWork {
  /** Keyed as the build cache keys them (src/pipeline/buildCache.ts structureDigest). */
  analytics: { key: string; nodes: GraphAnalytics };
  layout: { key: string; nodes: GraphLayout };
}

/** Computes analytics and layout of a copy of `graph` on a worker thread. */
export function analyseOnWorker(graph: KnowledgeGraph): Promise<GraphWork> {
  return askWorker<GraphWork>(new URL(import.meta.url), 'graph worker', { kind: 'analyse', graph: graph.export() } satisfies Job);
}

/** The build's graph on a worker thread: see startGraphWorker. */
export interface GraphWorker {
  /** The layout (graph/layout.ts, default settings) of the worker's copy, which keeps the positions. */
  layout(): Promise<Record<string, Point>>;
  /**
   * Writes the local-graph files of `job` that no other thread has taken from its queue, giving
   * way to the main thread; resolves with how many it wrote, and the thread ends.
   */
  writeLocalGraphs(job: LocalGraphJob): Promise<number>;
  /** Ends the thread, when nothing more is wanted of it. */
  close(): void;
}

/**
 * A worker thread for the build's graph. It gets its copy with its first job: without positions if
 * that is the layout, with the graph's own if the layout was made elsewhere (in line, or kept from
 * the last build). Laying out and then writing the local graphs from the same copy builds it once:
 * a second thread for the files built a second copy and compiled graphology a second time.
 */
export function startGraphWorker(graph: KnowledgeGraph): GraphWorker {
  const session = workerSession(new URL(import.meta.url), 'graph worker');
  let copied = false;
  const copy = (withPositions: boolean) => {
    if (copied) return undefined;
    copied = true;
    return leanGraph(graph, withPositions);
  };
  return {
    layout: () => session.ask({ kind: 'layout', graph: copy(false) } satisfies Job),
    writeLocalGraphs: async (job) => {
      try {
        return await session.ask<number>({ kind: 'local graphs', graph: copy(true), job } satisfies Job);
      } finally {
        session.close();
      }
    },
    close: session.close,
  };
}

/**
 * What ForceAtlas2 and graph.json read of a graph, in columns and in the graph's own order (the
 * layout depends on it): per topic its id, title, category, URL, community, PageRank, size and
 * position; per edge its ends (as indexes), weight and type. Summaries and the rest stay behind:
 * at 100,000 topics they would be most of the copy.
 */
interface LeanGraph {
  relations: RelationVocabulary;
  nodes: string[];
  titles: string[];
  categories: Array<string | null>;
  urls: string[];
  communities: Int32Array;
  pageranks: Float64Array;
  sizes: Float64Array;
  /** Absent when the worker is to lay the graph out. */
  positions: { xs: Float64Array; ys: Float64Array } | undefined;
  sources: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  types: string[];
}

type Job =
  | { kind: 'analyse'; graph: SerializedGraph }
  /** `graph` is absent when the worker has its copy already. */
  | { kind: 'layout'; graph: LeanGraph | undefined }
  | { kind: 'local graphs'; graph: LeanGraph | undefined; job: LocalGraphJob };

function leanGraph(graph: KnowledgeGraph, withPositions: boolean): LeanGraph {
  const nodes = graph.nodes();
  const index = new Map(nodes.map((node, i) => [node, i]));
  const column = <T>(read: (attributes: ReturnType<KnowledgeGraph['getNodeAttributes']>) => T) => nodes.map((node) => read(graph.getNodeAttributes(node)));
  const lean: LeanGraph = {
    relations: graph.getAttribute('relations'),
    nodes,
    titles: column((a) => a.title),
    categories: column((a) => a.category ?? null),
    urls: column((a) => a.url),
    communities: Int32Array.from(column((a) => a.community)),
    pageranks: Float64Array.from(column((a) => a.pagerank)),
    sizes: Float64Array.from(column((a) => a.size)),
    positions: withPositions ? { xs: Float64Array.from(column((a) => a.x)), ys: Float64Array.from(column((a) => a.y)) } : undefined,
    sources: new Int32Array(graph.size),
    targets: new Int32Array(graph.size),
    weights: new Float64Array(graph.size),
    types: [],
  };
  let i = 0;
  graph.forEachEdge((_edge, attributes, source, target) => {
    lean.sources[i] = index.get(source)!;
    lean.targets[i] = index.get(target)!;
    lean.weights[i++] = attributes.weight;
    lean.types.push(attributes.type);
  });
  return lean;
}

/** The lean copy as a KnowledgeGraph with every attribute ForceAtlas2 and graph.json read. */
function graphOf(lean: LeanGraph): KnowledgeGraph {
  const graph = new MultiDirectedGraph();
  graph.setAttribute('relations', lean.relations);
  lean.nodes.forEach((node, i) => {
    graph.addNode(node, {
      title: lean.titles[i]!,
      category: lean.categories[i] ?? undefined,
      url: lean.urls[i]!,
      community: lean.communities[i]!,
      pagerank: lean.pageranks[i]!,
      size: lean.sizes[i]!,
      x: lean.positions?.xs[i] ?? 0,
      y: lean.positions?.ys[i] ?? 0,
      // The local graphs leave aliases out (graph.json has them).
      aliases: [],
    });
  });
  for (let e = 0; e < lean.sources.length; e++) {
    graph.addDirectedEdge(lean.nodes[lean.sources[e]!]!, lean.nodes[lean.targets[e]!]!, { weight: lean.weights[e], type: lean.types[e] });
  }
  return graph as unknown as KnowledgeGraph;
}

/**
 * The local-graph files of a build: `files[i]` is the local graph of `slugs[i]` (graph/graphJson.ts
 * neighbourhoodGraphJsonText). The graph worker writes them while Astro renders the pages; whatever is
 * left when the pages are done, the main thread writes too (src/integration/localGraphs.ts). Each
 * thread takes the next file from `next`, one counter in shared memory, so no file is written
 * twice and the two threads finish together.
 */
export interface LocalGraphJob {
  slugs: readonly TopicSlug[];
  files: readonly string[];
  options: NeighbourhoodOptions;
  /** The index of the next file to take, in a SharedArrayBuffer. */
  next: Int32Array;
}

export function localGraphJob(slugs: readonly TopicSlug[], files: readonly string[], options: NeighbourhoodOptions): LocalGraphJob {
  return { slugs, files, options, next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) };
}

/**
 * Writes files of `job` from `graph` (laid out, with what graph.json reads) until none is left to
 * take, synchronously; returns how many this thread wrote. The graphs of the two threads give
 * the same bytes (tests/unit/pipeline/graphWorker.test.ts).
 */
export function writeLocalGraphShare(graph: KnowledgeGraph, { slugs, files, options, next }: LocalGraphJob, order = new NeighbourOrder(graph)): number {
  const taken = function* (): Generator<[string, () => string]> {
    for (let i = Atomics.add(next, 0, 1); i < slugs.length; i = Atomics.add(next, 0, 1)) {
      yield [files[i]!, () => neighbourhoodGraphJsonText(graph, slugs[i]!, options, order)];
    }
  };
  return writeFilesSync(taken());
}

function analyse(serialized: SerializedGraph): GraphWork {
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
  return { analytics: { key: analyticsKey, nodes: analytics }, layout: { key: layoutKey, nodes: positions } };
}

if (parentPort) {
  // The build's copy of the graph, between its layout and its local graphs.
  let copy: KnowledgeGraph | undefined;
  parentPort.on('message', async (job: Job) => {
    if (job.kind === 'analyse') {
      // The dev server's analytics after an edit must never hold up the edit itself.
      runBehindMainThread();
      parentPort!.postMessage(analyse(job.graph));
      return;
    }
    if (job.graph) copy = graphOf(job.graph);
    if (job.kind === 'layout') {
      // A build waits for the layout: graph.json and the local-graph files need it, and giving way to
      // the rendering made it the build's tail at 100,000 pages (laid out in 237 s instead of 143 s,
      // the whole build 445 s instead of 432 s). It keeps its priority.
      const positions = layout(copy!);
      copy!.updateEachNodeAttributes((node, attributes) => ({ ...attributes, ...positions[node]! }));
      parentPort!.postMessage(positions);
    } else {
      // Nothing waits for the files until the pages are written.
      runBehindMainThread();
      // This thread does nothing else meanwhile (see writeFiles.ts).
      parentPort!.postMessage(writeLocalGraphShare(copy!, job.job));
    }
  });
}
