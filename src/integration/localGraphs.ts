// Writes each topic's local-graph file (src/lib/localGraphData.ts) into a static build, directly:
// one small JSON per topic is a file write, not a page for Astro's render pipeline. The writing
// starts with the build (`start`), on a worker thread (src/integration/localGraphWorker.ts) as soon
// as the layout lands, so it runs while Astro renders the pages; the post-build step waits for it.
import { currentPagePlan, outputFile } from '../lib/pagePlan.ts';
import type { Site } from '../lib/site.ts';
import type { TopicSlug } from '../../graph/types.ts';
import { writeLocalGraphsOnWorker } from './localGraphWorker.ts';

const started = new WeakMap<Site, Promise<unknown>>();

function startLocalGraphs({ outDir, site }: { outDir: string; site: Site }): void {
  // A warm build whose graph is unchanged kept the last build's files (src/lib/pagePlan.ts).
  if (currentPagePlan()?.localGraphsKept) return;
  const slugs: TopicSlug[] = [];
  const files: string[] = [];
  for (const topic of site.topics) {
    if (!site.graph.hasNode(topic.slug)) continue;
    slugs.push(topic.slug);
    files.push(outputFile(outDir, site, site.routes.neighbourhood(topic.slug)));
  }
  const job = site.laidOut.then(async () => {
    const begun = performance.now();
    await writeLocalGraphsOnWorker(site.graph, slugs, files);
    site.background['local graphs (worker)'] = performance.now() - begun;
  });
  // The post-build step reports a failure; until it waits, it is not an unhandled rejection.
  job.catch(() => {});
  started.set(site, job);
}

export const writeLocalGraphs = Object.assign(
  async function writeLocalGraphs({ site }: { site: Site }): Promise<void> {
    await started.get(site);
  },
  { start: startLocalGraphs },
);
