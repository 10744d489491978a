// Loads graph.json once per URL per page and turns it into the browser's graph. The views and the
// path tool share the same promise, so a page that has both fetches and decodes once.
import { graphFromJson, nameKey, readGraphJson, type DecodedGraph, type EdgeWording, type ViewGraph } from '../../../graph/index.ts';

export interface LoadedGraph {
  decoded: DecodedGraph;
  graph: ViewGraph;
  /** Title (and id) by nameKey → id, for the search and path inputs. */
  byName: Map<string, string>;
  /** How each edge type reads, from graph.json's legend (a vault may define its own relations). */
  wording: EdgeWording;
}

const cache = new Map<string, Promise<LoadedGraph>>();

/** Names compare as everywhere else (graph/names.ts): the explorer finds what a wikilink would. */
export const normaliseName = nameKey;

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
        const byName = new Map<string, string>();
        for (const node of decoded.nodes) {
          const title = normaliseName(node.title);
          if (!byName.has(title)) byName.set(title, node.id);
        }
        for (const node of decoded.nodes) if (!byName.has(node.id)) byName.set(node.id, node.id);
        return { decoded, graph: graphFromJson(decoded), byName, wording: (type: string) => decoded.wording.get(type) };
      });
    promise.catch(() => cache.delete(url));
    cache.set(url, promise);
  }
  return promise;
}

/** Fill a <datalist> with every topic title, most important first (the order suggestions appear in). */
export function fillTopicList(list: HTMLDataListElement, decoded: DecodedGraph): void {
  if (list.options.length > 0) return;
  const nodes = [...decoded.nodes].sort((a, b) => b.pagerank - a.pagerank);
  const fragment = list.ownerDocument.createDocumentFragment();
  for (const node of nodes) {
    const option = list.ownerDocument.createElement('option');
    option.value = node.title;
    fragment.append(option);
  }
  list.append(fragment);
}
