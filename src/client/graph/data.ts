// Loads graph.json once per URL per page and turns it into the browser's graph. The views and the
// path tool share the same promise, so a page that has both fetches and decodes once.
import { graphFromJson, readGraphJson, TopicNameIndex, type DecodedGraph, type EdgeWording, type ViewGraph } from '../../../graph/index.ts';

export interface LoadedGraph {
  decoded: DecodedGraph;
  graph: ViewGraph;
  /** Titles, ids and aliases, for the search and path inputs (graph/topicSearch.ts: names compare as everywhere else). */
  names: TopicNameIndex;
  /** How each edge type reads, from graph.json's legend (a vault may define its own relations). */
  wording: EdgeWording;
}

const cache = new Map<string, Promise<LoadedGraph>>();

export function loadGraph(url: string): Promise<LoadedGraph> {
  let promise = cache.get(url);
  if (promise === undefined) {
    promise = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
        return response.json() as Promise<unknown>;
      })
      .then((json) => {
        const decoded = readGraphJson(json);
        return { decoded, graph: graphFromJson(decoded), names: new TopicNameIndex(decoded.nodes), wording: (type: string) => decoded.wording.get(type) };
      });
    promise.catch(() => cache.delete(url));
    cache.set(url, promise);
  }
  return promise;
}
