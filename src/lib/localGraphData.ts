// The data behind a topic page's local graph: its neighbourhood two steps out, as graph.json
// (graph/graphJson.ts). Written once per topic at build time (src/integration/localGraphs.ts) and
// served by a route in dev (src/pages/-/local/[...slug].json.ts).
import { neighbourhoodGraphJsonText } from '../../graph/index.ts';
import type { TopicSlug } from '../../graph/types.ts';
import type { Site } from './site.ts';

export const DEFAULTS = {
  /** The toggle shows topics two steps away. */
  depth: 2,
  /** Most topics in one file; a hub's outer ring is cut to its most important topics. */
  limit: 120,
};

export function localGraphData(site: Site, slug: TopicSlug): string {
  return neighbourhoodGraphJsonText(site.graph, slug, DEFAULTS, site.neighbourOrder);
}
