// Writes each topic's local-graph file (src/lib/localGraphData.ts) into a static build, directly:
// one small JSON per topic is a file write, not a page for Astro's render pipeline.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localGraphData } from '../lib/localGraphData.ts';
import { currentPagePlan } from '../lib/pagePlan.ts';
import type { Site } from '../lib/site.ts';
import { writeFiles } from './writeFiles.ts';

export async function writeLocalGraphs({ dir, site }: { dir: URL; site: Site }): Promise<void> {
  // A warm build whose graph is unchanged kept the last build's files (src/lib/pagePlan.ts).
  if (currentPagePlan()?.localGraphsKept) return;
  // The layout was computed while the pages rendered: it is surely there by now.
  await site.laidOut;
  const root = fileURLToPath(dir);
  const files = function* (): Generator<[string, () => string]> {
    for (const topic of site.topics) {
      if (!site.graph.hasNode(topic.slug)) continue;
      const url = site.routes.neighbourhood(topic.slug).slice(site.base.length);
      yield [join(root, ...url.split('/').map(decodeURIComponent)), () => localGraphData(site, topic.slug)];
    }
  };
  await writeFiles(files());
}
