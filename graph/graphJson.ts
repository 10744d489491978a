// graph.json: the compact graph the browser views load. Columnar so that gzip sees long runs of
// similar values; numbers rounded to integers; categories and edge types as indexes into legends;
// URLs derived from id + base; edges as node-index pairs sorted by source, with the source
// delta-coded (mostly 0s) and each target delta-coded against the previous target of the same
// source. About 40–60 bytes per node gzipped on a synthetic 5,000-page wiki (bench/graph.mjs).
//
// Format, version 2 (all arrays under `nodes` have one entry per node, in id order):
//   v           2
//   base        URL prefix; a node's url is base + id + "/" unless listed in `urls`
//   categories  category legend (sorted); nodes.category is an index into it, -1 for none
//   edgeTypes   edge type legend (edgeTypes(vocabulary) order); edges.type is an index into it
//   edgeWording [forward, inverse] wording of each edge type, so views can say what an edge means
//   nodes.id, nodes.title
//   nodes.community  Louvain community, 0 = largest
//   nodes.pagerank   round(pagerank × order × 1000): 1000 is an average topic
//   nodes.x, nodes.y integer layout coordinates
//   nodes.size       round(size × 10)
//   urls        { "<node index>": url } for nodes whose url does not follow base + id + "/"
//   aliases     { "<node index>": [alias, …] } for nodes that have aliases; optional (local-graph
//               files leave it out), so the explorer's topic search finds what a wikilink would
//   edges.source     source index minus the previous edge's source (first edge: minus 0)
//   edges.target     target index; minus the previous target when the source is unchanged
//   edges.type       index into edgeTypes
//
// readGraphJson validates and decodes it; graphFromJson turns it into a graphology graph that
// shortestRelationPath and sigma can use directly.
import { MultiDirectedGraph } from 'graphology';
import { compareStrings, inferBase, type KnowledgeGraph } from './knowledgeGraph.ts';
import { neighbourhood, type NeighbourhoodOptions, type NeighbourOrder } from './neighbourhood.ts';
import { edgeTypes as edgeTypesOf, edgeWording, type EdgeType } from './relations.ts';
import type { TopicSlug } from './types.ts';

export const GRAPH_JSON_VERSION = 2;

export interface GraphJson {
  v: typeof GRAPH_JSON_VERSION;
  base: string;
  categories: string[];
  edgeTypes: EdgeType[];
  edgeWording: Array<[forward: string, inverse: string]>;
  nodes: {
    id: string[];
    title: string[];
    category: number[];
    community: number[];
    pagerank: number[];
    x: number[];
    y: number[];
    size: number[];
  };
  urls: Record<string, string>;
  aliases?: Record<string, string[]>;
  edges: {
    source: number[];
    target: number[];
    type: number[];
  };
}

/** A node as the views see it. */
export interface GraphJsonNode {
  id: TopicSlug;
  title: string;
  url: string;
  /** Other names of the topic (frontmatter `aliases`); empty when it has none or the file left them out. */
  aliases: string[];
  category: string | null;
  community: number;
  pagerank: number;
  x: number;
  y: number;
  size: number;
}

export interface GraphJsonEdge {
  source: TopicSlug;
  target: TopicSlug;
  type: EdgeType;
}

export interface DecodedGraph {
  nodes: GraphJsonNode[];
  edges: GraphJsonEdge[];
  /** Category legend, sorted. */
  categories: string[];
  /** Edge types present in the legend, in the vocabulary's order. */
  edgeTypes: EdgeType[];
  /** How each edge type reads, forward and inverse. */
  wording: ReadonlyMap<EdgeType, { forward: string; inverse: string }>;
}

/** Node attributes of the browser-side graph (sigma reads label, x, y, size). */
export interface ViewNodeAttributes extends Omit<GraphJsonNode, 'id'> {
  label: string;
}

export interface ViewEdgeAttributes {
  /** Relation type. Sigma also reads `type` as its edge program: views must set it in their edgeReducer. */
  type: EdgeType;
}

export type ViewGraph = MultiDirectedGraph<ViewNodeAttributes, ViewEdgeAttributes>;

export interface ToGraphJsonOptions {
  /** Write each topic's aliases (default true). */
  aliases?: boolean;
}

/** graph.json of the whole graph, or of the topics `only` names (in that order) and the edges among them. */
export function toGraphJson(graph: KnowledgeGraph, only?: readonly string[], options: ToGraphJsonOptions = {}): GraphJson {
  return new GraphJsonWriter(graph).write(only ?? graph.nodes(), options);
}

/**
 * graph.json for one topic's neighbourhood (graph/neighbourhood.ts): the topics within `depth`
 * steps, at most `limit`, with every edge among them. A topic page's local graph loads this small
 * file instead of the whole graph, so what a page downloads does not grow with the site. Pass one
 * NeighbourOrder when writing many: what each file needs of a topic is then gathered once.
 */
export function neighbourhoodGraphJson(graph: KnowledgeGraph, id: TopicSlug, options: NeighbourhoodOptions, order?: NeighbourOrder): GraphJson {
  return neighbourhoodWriter(graph, order).write(neighbourhoodIds(graph, id, options, order), LOCAL);
}

/**
 * The same file as its JSON text, exactly `JSON.stringify(neighbourhoodGraphJson(…))`, which is what
 * the build writes: made from pieces kept per topic, it does not escape a topic's title and id again
 * for each of the hundred-odd files it appears in, nor build the object only to serialise it.
 */
export function neighbourhoodGraphJsonText(graph: KnowledgeGraph, id: TopicSlug, options: NeighbourhoodOptions, order?: NeighbourOrder): string {
  return neighbourhoodWriter(graph, order).text(neighbourhoodIds(graph, id, options, order), LOCAL);
}

/** The local graph needs no names to search: aliases stay in graph.json. */
const LOCAL: ToGraphJsonOptions = { aliases: false };

function neighbourhoodIds(graph: KnowledgeGraph, id: TopicSlug, options: NeighbourhoodOptions, order: NeighbourOrder | undefined): string[] {
  return neighbourhood(graph, id, options, order).map((entry) => entry.id);
}

function neighbourhoodWriter(graph: KnowledgeGraph, order: NeighbourOrder | undefined): GraphJsonWriter {
  let writer = order && writers.get(order);
  if (!writer) {
    writer = new GraphJsonWriter(graph);
    if (order) writers.set(order, writer);
  }
  return writer;
}

/** One writer per NeighbourOrder, which lives exactly as long as its graph is unchanged. */
const writers = new WeakMap<NeighbourOrder, GraphJsonWriter>();

/** What graph.json says of one topic, and its out-edges (targets, and edge types as legend indexes). */
interface TopicRecord {
  title: string;
  /** The topic's category's place in the sorted list of every category in the graph, or -1 for none. */
  category: number;
  community: number;
  pagerank: number;
  x: number;
  y: number;
  size: number;
  /** Only when it does not follow base + id + "/". */
  url: string | undefined;
  aliases: readonly string[];
  /** The topic's place in the graph's node order (the writer's table of topics in the file). */
  number: number;
  outDegree: number;
  /** Out-edges, kept once read: targets by their `number`, and edge types as legend indexes. */
  targets: Int32Array | undefined;
  types: Int32Array | undefined;
  /** JSON text of the id, the title, the url and the aliases, kept once a file's text needed them. */
  json: { id: string; title: string; url: string | undefined; aliases: string | undefined } | undefined;
}

/** Every category of a graph, sorted; each one's place in that list; and each as JSON text. */
interface CategoryList {
  names: string[];
  rank: Map<string, number>;
  json: string[];
}

/** One file before it is an object or text: its topics, its category legend and its edges. */
interface FileLayout {
  ids: readonly string[];
  records: TopicRecord[];
  /** Category legend of the file, as places in the writer's list of all categories (ascending, so sorted). */
  categories: number[];
  /** The file's numeric node columns, as graph.json has them (category: index in the file's legend, or -1). */
  columns: Pick<GraphJson['nodes'], 'category' | 'community' | 'pagerank' | 'x' | 'y' | 'size'>;
  /** Every edge among the topics, as (source · n + target) · types + type, ascending: valid until the next file is laid out. */
  edges: Float64Array;
}

/**
 * Writes graph.json for any list of topics of one graph. Writing every topic's local graph reads
 * each topic about 120 times (once per neighbourhood it falls in), so what the format needs of a
 * topic is gathered on first use and kept, and the legends are made once (at 5,000 pages, 2.7 s of
 * local-graph files became 2.2 s).
 */
class GraphJsonWriter {
  readonly #graph: KnowledgeGraph;
  readonly #base: string;
  readonly #edgeTypes: EdgeType[];
  readonly #typeIndex: Map<EdgeType, number>;
  readonly #edgeWording: Array<[string, string]>;
  readonly #records = new Map<string, TopicRecord>();
  /** Each topic's place in the graph's node order, for TopicRecord.number. */
  #numbers: Map<string, number> | undefined;
  /** Every category in the graph, sorted, and each one's place in that list. */
  #categories: CategoryList | undefined;
  /**
   * By topic number, the topic's index in the file being written, or -1: the edge walk looks its
   * targets up here rather than in a Map by id (at 5,000 pages, a million lookups per build).
   * Filled for one file and cleared after it.
   */
  #inFile: Int32Array | undefined;
  /** The edge codes of the file being written (FileLayout.edges is a view of them); grown as needed. */
  #edges = new Float64Array(1024);
  /** By category place, its index in the file being written, or -1; filled for one file and cleared after it. */
  #categoryInFile: Int32Array | undefined;
  /** The JSON text of what every file says the same way: version and base, then the edge legends. */
  #head: { start: string; legends: string } | undefined;

  constructor(graph: KnowledgeGraph) {
    this.#graph = graph;
    this.#base = inferBase(graph);
    const vocabulary = graph.getAttribute('relations');
    this.#edgeTypes = edgeTypesOf(vocabulary);
    this.#typeIndex = new Map(this.#edgeTypes.map((t, i) => [t, i]));
    this.#edgeWording = this.#edgeTypes.map((t): [string, string] => {
      const w = edgeWording(t, vocabulary)!;
      return [w.forward, w.inverse];
    });
  }

  #allCategories(): CategoryList {
    if (!this.#categories) {
      const set = new Set<string>();
      this.#graph.forEachNode((_node, a) => {
        if (a.category !== undefined) set.add(a.category);
      });
      const names = [...set].sort(compareStrings);
      this.#categories = { names, rank: new Map(names.map((c, i) => [c, i])), json: names.map((c) => JSON.stringify(c)) };
    }
    return this.#categories;
  }

  #record(id: string): TopicRecord {
    let record = this.#records.get(id);
    if (!record) {
      const a = this.#graph.getNodeAttributes(id);
      record = {
        title: a.title,
        category: a.category === undefined ? -1 : this.#allCategories().rank.get(a.category)!,
        community: a.community,
        pagerank: a.pagerank,
        x: Math.round(a.x),
        y: Math.round(a.y),
        size: Math.round(a.size * 10),
        url: a.url === `${this.#base}${id}/` ? undefined : a.url,
        aliases: a.aliases,
        number: this.#numberOf(id),
        outDegree: this.#graph.outDegree(id),
        targets: undefined,
        types: undefined,
        json: undefined,
      };
      this.#records.set(id, record);
    }
    return record;
  }

  #numberOf(id: string): number {
    this.#numbers ??= new Map(this.#graph.nodes().map((node, i) => [node, i]));
    return this.#numbers.get(id)!;
  }

  /** The topic's out-edges, kept: a hub's are only read whole when it sits in a neighbourhood bigger than its degree. */
  #outEdges(id: string, record: TopicRecord): { targets: Int32Array; types: Int32Array } {
    if (record.targets === undefined || record.types === undefined) {
      const targets = new Int32Array(record.outDegree), types = new Int32Array(record.outDegree);
      let j = 0;
      this.#graph.forEachOutEdge(id, (_edge, attributes, _source, target) => {
        targets[j] = this.#numberOf(target);
        types[j++] = this.#typeIndex.get(attributes.type)!;
      });
      record.targets = targets;
      record.types = types;
    }
    return { targets: record.targets, types: record.types };
  }

  #layOut(ids: readonly string[]): FileLayout {
    const records = ids.map((id) => this.#record(id));

    // The file's category legend: the categories its topics have, in sorted order, which is the
    // order of their places in the list of all categories (numbers to sort, not strings).
    const categoryInFile = (this.#categoryInFile ??= new Int32Array(this.#allCategories().names.length).fill(-1));
    const categories: number[] = [];
    for (const record of records) {
      if (record.category >= 0 && categoryInFile[record.category] === -1) {
        categoryInFile[record.category] = 0;
        categories.push(record.category);
      }
    }
    categories.sort((a, b) => a - b);
    categories.forEach((c, i) => (categoryInFile[c] = i));
    const n = ids.length;
    const columns: FileLayout['columns'] = { category: [], community: [], pagerank: [], x: [], y: [], size: [] };
    for (const r of records) {
      columns.category.push(r.category >= 0 ? categoryInFile[r.category]! : -1);
      columns.community.push(r.community);
      columns.pagerank.push(Math.round(r.pagerank * n * 1000));
      columns.x.push(r.x);
      columns.y.push(r.y);
      columns.size.push(r.size);
    }
    for (const c of categories) categoryInFile[c] = -1;

    // Every edge among the chosen topics: walked from each topic, so a small neighbourhood of a big
    // graph costs its own degree, not the graph's size; from the other side when that is smaller (a
    // page linking to thousands of topics costs no more than the neighbourhood it appears in).
    // Each edge is one number, (source · n + target) · types + type, exact in a double below 2^53
    // (n² · types is, for any vault that fits in memory). Sources are walked in file order, so
    // sorting each source's few numbers sorts them all.
    const graph = this.#graph;
    const typeCount = this.#edgeTypes.length;
    let edges = this.#edges;
    let count = 0;
    const add = (code: number) => {
      if (count === edges.length) {
        const grown = new Float64Array(edges.length * 2);
        grown.set(edges);
        edges = this.#edges = grown;
      }
      edges[count++] = code;
    };
    const inFile = (this.#inFile ??= new Int32Array(graph.order).fill(-1));
    records.forEach((record, i) => (inFile[record.number] = i));
    try {
      ids.forEach((id, s) => {
        const record = records[s]!;
        const first = count;
        if (record.outDegree <= n) {
          const { targets, types } = this.#outEdges(id, record);
          for (let j = 0; j < targets.length; j++) {
            const t = inFile[targets[j]!]!;
            if (t >= 0) add((s * n + t) * typeCount + types[j]!);
          }
        } else {
          ids.forEach((target, t) => {
            graph.forEachOutEdge(id, target, (_edge, attributes) => {
              add((s * n + t) * typeCount + this.#typeIndex.get(attributes.type)!);
            });
          });
        }
        if (count - first > 1) edges.subarray(first, count).sort();
      });
    } finally {
      for (const record of records) inFile[record.number] = -1;
    }
    return { ids, records, categories, columns, edges: edges.subarray(0, count) };
  }

  /** The edges of a file as graph.json codes them: source delta, target (delta within a source), type. */
  #encodeEdges({ ids, edges }: FileLayout): GraphJson['edges'] {
    const n = ids.length, typeCount = this.#edgeTypes.length;
    const encoded: GraphJson['edges'] = { source: [], target: [], type: [] };
    let lastSource = 0, lastTarget = 0;
    for (const key of edges) {
      // Each part is below n or the number of types: `| 0` keeps them small integers, which
      // JSON.stringify writes faster than the doubles the arithmetic makes.
      const k = key % typeCount, st = (key - k) / typeCount, t = st % n, s = (st - t) / n;
      encoded.source.push((s - lastSource) | 0);
      encoded.target.push((s === lastSource ? t - lastTarget : t) | 0);
      encoded.type.push(k | 0);
      lastSource = s;
      lastTarget = t;
    }
    return encoded;
  }

  write(ids: readonly string[], options: ToGraphJsonOptions = {}): GraphJson {
    const withAliases = options.aliases ?? true;
    const layout = this.#layOut(ids);
    const { records, columns } = layout;
    const allCategories = this.#allCategories().names;
    const urls: Record<string, string> = {};
    const aliases: Record<string, string[]> = {};
    records.forEach((r, i) => {
      if (r.url !== undefined) urls[String(i)] = r.url;
      if (withAliases && r.aliases.length > 0) aliases[String(i)] = [...r.aliases];
    });
    return {
      v: GRAPH_JSON_VERSION,
      base: this.#base,
      categories: layout.categories.map((c) => allCategories[c]!),
      edgeTypes: [...this.#edgeTypes],
      edgeWording: this.#edgeWording.map(([forward, inverse]): [string, string] => [forward, inverse]),
      nodes: { id: [...ids], title: records.map((r) => r.title), ...columns },
      urls,
      ...(withAliases ? { aliases } : {}),
      edges: this.#encodeEdges(layout),
    };
  }

  /** Exactly `JSON.stringify(this.write(ids, options))`, from JSON pieces kept per topic. */
  text(ids: readonly string[], options: ToGraphJsonOptions = {}): string {
    const withAliases = options.aliases ?? true;
    const layout = this.#layOut(ids);
    const { records, columns } = layout;
    const id: string[] = [], title: string[] = [], urls: string[] = [], aliases: string[] = [];
    records.forEach((r, i) => {
      const json = (r.json ??= {
        id: JSON.stringify(ids[i]),
        title: JSON.stringify(r.title),
        url: r.url === undefined ? undefined : JSON.stringify(r.url),
        aliases: r.aliases.length > 0 ? JSON.stringify(r.aliases) : undefined,
      });
      id.push(json.id);
      title.push(json.title);
      if (json.url !== undefined) urls.push(`"${i}":${json.url}`);
      if (withAliases && json.aliases !== undefined) aliases.push(`"${i}":${json.aliases}`);
    });
    const categoryJson = this.#allCategories().json;
    const head = (this.#head ??= {
      start: `{"v":${GRAPH_JSON_VERSION},"base":${JSON.stringify(this.#base)},`,
      legends: `"edgeTypes":${JSON.stringify(this.#edgeTypes)},"edgeWording":${JSON.stringify(this.#edgeWording)},`,
    });
    // The numeric columns keep graph.json's key order: id, title, then as FileLayout.columns lists them.
    const numeric = (['category', 'community', 'pagerank', 'x', 'y', 'size'] as const).map((key) => `,"${key}":${JSON.stringify(columns[key])}`).join('');
    return [
      head.start,
      '"categories":[', layout.categories.map((c) => categoryJson[c]).join(','), '],',
      head.legends,
      '"nodes":{"id":[', id.join(','), '],"title":[', title.join(','), ']', numeric, '},',
      '"urls":{', urls.join(','), '},',
      withAliases ? `"aliases":{${aliases.join(',')}},` : '',
      '"edges":', JSON.stringify(this.#encodeEdges(layout)), '}',
    ].join('');
  }
}

function fail(message: string): never {
  throw new Error(`readGraphJson: ${message}`);
}

function isIntArray(value: unknown, length?: number): value is number[] {
  return Array.isArray(value) && (length === undefined || value.length === length) && value.every((n) => Number.isInteger(n));
}

function isStringArray(value: unknown, length?: number): value is string[] {
  return Array.isArray(value) && (length === undefined || value.length === length) && value.every((s) => typeof s === 'string');
}

/** Validate and decode graph.json (a parsed object or its text). Throws with a reason on bad input. */
export function readGraphJson(input: unknown): DecodedGraph {
  const json: unknown = typeof input === 'string' ? JSON.parse(input) : input;
  if (typeof json !== 'object' || json === null) fail('not an object');
  const data = json as Partial<GraphJson>;
  if (data.v !== GRAPH_JSON_VERSION) fail(`unsupported version ${String(data.v)}`);
  if (typeof data.base !== 'string') fail('base must be a string');
  if (!isStringArray(data.categories)) fail('categories must be strings');
  if (!isStringArray(data.edgeTypes)) fail('edgeTypes must be strings');
  const wordingList = data.edgeWording;
  if (!Array.isArray(wordingList) || wordingList.length !== data.edgeTypes.length || !wordingList.every((w) => isStringArray(w, 2))) {
    fail('edgeWording must have a [forward, inverse] pair per edge type');
  }
  const n = data.nodes;
  if (typeof n !== 'object' || n === null || !isStringArray(n.id)) fail('nodes.id must be strings');
  const order = n.id.length;
  if (!isStringArray(n.title, order)) fail('nodes.title must have one string per node');
  for (const key of ['category', 'community', 'pagerank', 'x', 'y', 'size'] as const) {
    if (!isIntArray(n[key], order)) fail(`nodes.${key} must have one integer per node`);
  }
  const urls = data.urls ?? {};
  const aliases = data.aliases ?? {};
  if (typeof aliases !== 'object' || aliases === null || Array.isArray(aliases)) fail('aliases must be an object');
  for (const [key, list] of Object.entries(aliases)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= order || String(i) !== key) fail(`aliases has a key "${key}" that is not a node index`);
    if (!isStringArray(list)) fail(`aliases of node ${key} must be strings`);
  }
  const e = data.edges;
  if (typeof e !== 'object' || e === null || !isIntArray(e.source)) fail('edges.source must be integers');
  const size = e.source.length;
  if (!isIntArray(e.target, size) || !isIntArray(e.type, size)) fail('edges.target and edges.type must match edges.source');

  const nodes: GraphJsonNode[] = n.id.map((id, i) => {
    const c = n.category[i]!;
    if (c < -1 || c >= data.categories!.length) fail(`node ${i} has category index ${c} outside the legend`);
    return {
      id: id as TopicSlug,
      title: n.title[i]!,
      url: urls[String(i)] ?? `${data.base}${id}/`,
      aliases: Object.hasOwn(aliases, String(i)) ? aliases[String(i)]! : [],
      category: c === -1 ? null : data.categories![c]!,
      community: n.community[i]!,
      pagerank: order > 0 ? n.pagerank[i]! / (order * 1000) : 0,
      x: n.x[i]!,
      y: n.y[i]!,
      size: n.size[i]! / 10,
    };
  });
  const edges: GraphJsonEdge[] = [];
  let source = 0, target = 0;
  for (let k = 0; k < size; k++) {
    const delta = e.source[k]!;
    source += delta;
    target = k === 0 || delta !== 0 ? e.target[k]! : target + e.target[k]!;
    const type = data.edgeTypes[e.type[k]!];
    if (source < 0 || source >= order || target < 0 || target >= order) fail(`edge ${k} points outside the node list`);
    if (type === undefined) fail(`edge ${k} has type index ${e.type[k]} outside the legend`);
    edges.push({ source: nodes[source]!.id, target: nodes[target]!.id, type });
  }
  const wording = new Map(data.edgeTypes.map((t, i) => [t, { forward: wordingList[i]![0], inverse: wordingList[i]![1] }]));
  return { nodes, edges, categories: data.categories, edgeTypes: data.edgeTypes, wording };
}

/** A graphology graph from decoded graph.json, for sigma and shortestRelationPath in the browser. */
export function graphFromJson(decoded: DecodedGraph): ViewGraph {
  const graph: ViewGraph = new MultiDirectedGraph<ViewNodeAttributes, ViewEdgeAttributes>();
  for (const { id, ...attributes } of decoded.nodes) graph.addNode(id, { ...attributes, label: attributes.title });
  decoded.edges.forEach(({ source, target, type }, k) => graph.addDirectedEdgeWithKey(String(k), source, target, { type }));
  return graph;
}
