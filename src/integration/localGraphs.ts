// Writes each topic's local-graph file (src/lib/localGraphData.ts) into a static build, directly:
// one small JSON per topic is a file write, not a page for Astro's render pipeline. The writing
// starts with the build (`start`) as soon as the layout lands, on the worker thread that made it,
// from its copy of the graph (src/pipeline/graphWorker.ts), so it runs while Astro renders the
// pages; the integration waits for it after the pages (src/integration/atlas.ts), and the
// post-build step itself has nothing left to do.
import { DEFAULTS } from '../lib/localGraphData.ts';
import { currentPagePlan, outputFile } from '../lib/pagePlan.ts';
import type { Site } from '../lib/site.ts';
import { startGraphWorker } from '../pipeline/graphWorker.ts';
import type { TopicSlug } from '../../graph/types.ts';

function startLocalGraphs({ outDir, site }: { outDir: string; site: Site }): Promise<void> {
  // A warm build whose graph is unchanged kept the last build's files (src/lib/pagePlan.ts).
  if (currentPagePlan()?.localGraphsKept) {
    site.graphWorker?.close();
    return Promise.resolve();
  }
  const slugs: TopicSlug[] = [];
  const files: string[] = [];
  for (const topic of site.topics) {
    if (!site.graph.hasNode(topic.slug)) continue;
    slugs.push(topic.slug);
    files.push(outputFile(outDir, site, site.routes.neighbourhood(topic.slug)));
  }
  return site.laidOut.then(async () => {
    const begun = performance.now();
    // Without one (the layout was made in line or kept from the last build), a thread of its own.
    await (site.graphWorker ?? startGraphWorker(site.graph)).writeLocalGraphs(slugs, files, DEFAULTS);
    site.background['local graphs (worker)'] = performance.now() - begun;
  });
}

export const writeLocalGraphs = Object.assign(async function writeLocalGraphs(): Promise<void> {}, { start: startLocalGraphs });
