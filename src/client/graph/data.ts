// Loads graph.json once per URL per page and turns it into the browser's graph. The views and the
// path tool share the same promise, so a page that has both fetches and decodes once.
import { graphFromJson, readGraphJson, type DecodedGraph, type ViewGraph } from '../../../graph/index.ts';

export interface LoadedGraph {
  decoded: DecodedGraph;
  graph: ViewGraph;
  /** Lower-cased title (and id) → id, for the search and path inputs. */
  byName: Map<string, string>;
}

const cache = new Map<string, Promise<LoadedGraph>>();

export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

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
        return { decoded, graph: graphFromJson(decoded), byName };
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
