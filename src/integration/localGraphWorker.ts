// Each topic's local-graph file (src/lib/localGraphData.ts), written by a worker thread while Astro
// renders the pages on the main thread. The worker gets a lean copy of the graph, just what
// graph.json reads (graph/graphJson.ts), and runs the same code on it as the dev server's route:
// the files are the same, byte for byte (tests/unit/localGraphs.test.ts).
import { MultiDirectedGraph } from 'graphology';
import { parentPort } from 'node:worker_threads';
import { neighbourhoodGraphJson, NeighbourOrder, type KnowledgeGraph } from '../../graph/index.ts';
import type { RelationVocabulary } from '../../graph/relations.ts';
import type { TopicSlug } from '../../graph/types.ts';
import { DEFAULTS } from '../lib/localGraphData.ts';
import { askWorker, runBehindMainThread } from '../pipeline/askWorker.ts';
import { writeFiles } from './writeFiles.ts';

/** The graph as graph.json sees it, in columns, and the files to write: `files[i]` is `slugs[i]`'s. */
interface LocalGraphJob {
  relations: RelationVocabulary;
  nodes: string[];
  titles: string[];
  categories: Array<string | null>;
  urls: string[];
  communities: Int32Array;
  pageranks: Float64Array;
  xs: Float64Array;
  ys: Float64Array;
  sizes: Float64Array;
  sources: Int32Array;
  targets: Int32Array;
  types: string[];
  slugs: string[];
  files: string[];
}

/** Writes `files[i]`, the local graph of `slugs[i]`, for each i, on a worker thread; resolves with the count. */
export function writeLocalGraphsOnWorker(graph: KnowledgeGraph, slugs: readonly TopicSlug[], files: readonly string[]): Promise<number> {
  const nodes = graph.nodes();
  const index = new Map(nodes.map((node, i) => [node, i]));
  const column = <T>(read: (attributes: ReturnType<KnowledgeGraph['getNodeAttributes']>) => T) => nodes.map((node) => read(graph.getNodeAttributes(node)));
  const job: LocalGraphJob = {
    relations: graph.getAttribute('relations'),
    nodes,
    titles: column((a) => a.title),
    categories: column((a) => a.category ?? null),
    urls: column((a) => a.url),
    communities: Int32Array.from(column((a) => a.community)),
    pageranks: Float64Array.from(column((a) => a.pagerank)),
    xs: Float64Array.from(column((a) => a.x)),
    ys: Float64Array.from(column((a) => a.y)),
    sizes: Float64Array.from(column((a) => a.size)),
    sources: new Int32Array(graph.size),
    targets: new Int32Array(graph.size),
    types: [],
    slugs: [...slugs],
    files: [...files],
  };
  let i = 0;
  graph.forEachEdge((_edge, attributes, source, target) => {
    job.sources[i] = index.get(source)!;
    job.targets[i++] = index.get(target)!;
    job.types.push(attributes.type);
  });
  return askWorker<number>(new URL(import.meta.url), 'local graphs', job);
}

/** The job's graph, as a KnowledgeGraph with every attribute graph.json reads. */
function graphOf(job: LocalGraphJob): KnowledgeGraph {
  const graph = new MultiDirectedGraph() as unknown as KnowledgeGraph;
  graph.setAttribute('relations', job.relations);
  job.nodes.forEach((node, i) => {
    const attributes = {
      title: job.titles[i]!,
      category: job.categories[i] ?? undefined,
      url: job.urls[i]!,
      community: job.communities[i]!,
      pagerank: job.pageranks[i]!,
      x: job.xs[i]!,
      y: job.ys[i]!,
      size: job.sizes[i]!,
      aliases: [],
    };
    (graph as unknown as MultiDirectedGraph).addNode(node, attributes);
  });
  for (let e = 0; e < job.sources.length; e++) {
    (graph as unknown as MultiDirectedGraph).addDirectedEdge(job.nodes[job.sources[e]!]!, job.nodes[job.targets[e]!]!, { type: job.types[e] });
  }
  return graph;
}

if (parentPort) {
  runBehindMainThread();
  parentPort.once('message', async (job: LocalGraphJob) => {
    const graph = graphOf(job);
    const order = new NeighbourOrder(graph);
    const files = function* (): Generator<[string, () => string]> {
      for (let i = 0; i < job.slugs.length; i++) {
        const slug = job.slugs[i] as TopicSlug;
        yield [job.files[i]!, () => JSON.stringify(neighbourhoodGraphJson(graph, slug, DEFAULTS, order))];
      }
    };
    parentPort!.postMessage(await writeFiles(files()));
  });
}
