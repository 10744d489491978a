// Writes each topic's local-graph file (src/lib/localGraphData.ts) into a static build, directly:
// one small JSON per topic is a file write, not a page for Astro's render pipeline. The writing
// starts with the build (`start`), on a worker thread (src/integration/localGraphWorker.ts) as soon
// as the layout lands, so it runs while Astro renders the pages; the integration waits for it after
// the pages (src/integration/atlas.ts), and the post-build step itself has nothing left to do.
import { currentPagePlan, outputFile } from '../lib/pagePlan.ts';
import type { Site } from '../lib/site.ts';
import type { TopicSlug } from '../../graph/types.ts';
import { writeLocalGraphsOnWorker } from './localGraphWorker.ts';

function startLocalGraphs({ outDir, site }: { outDir: string; site: Site }): Promise<void> {
  // A warm build whose graph is unchanged kept the last build's files (src/lib/pagePlan.ts).
  if (currentPagePlan()?.localGraphsKept) return Promise.resolve();
  const slugs: TopicSlug[] = [];
  const files: string[] = [];
  for (const topic of site.topics) {
    if (!site.graph.hasNode(topic.slug)) continue;
    slugs.push(topic.slug);
    files.push(outputFile(outDir, site, site.routes.neighbourhood(topic.slug)));
  }
  return site.laidOut.then(async () => {
    const begun = performance.now();
    await writeLocalGraphsOnWorker(site.graph, slugs, files);
    site.background['local graphs (worker)'] = performance.now() - begun;
  });
}

export const writeLocalGraphs = Object.assign(async function writeLocalGraphs(): Promise<void> {}, { start: startLocalGraphs });
