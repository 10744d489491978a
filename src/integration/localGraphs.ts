// Writes each topic's local-graph file (src/lib/localGraphData.ts) into a static build, directly:
// one small JSON per topic is a file write, not a page for Astro's render pipeline. The writing
// starts with the build (`start`) as soon as the layout lands, on the worker thread that made it,
// from its copy of the graph (src/pipeline/graphWorker.ts), so it runs while Astro renders the
// pages. The post-build step, called once the pages are written, writes the files the worker has
// not reached yet, from the main thread's graph, beside it: the two share one queue of files. (At
// 100,000 pages the worker, giving way to the rendering all along, still had 45 s of files to
// write when the pages were done, on one core while the other idled.)
import { DEFAULTS } from '../lib/localGraphData.ts';
import { currentPagePlan, outputFile } from '../lib/pagePlan.ts';
import type { Site } from '../lib/site.ts';
import { localGraphJob, startGraphWorker, writeLocalGraphShare, type LocalGraphJob } from '../pipeline/graphWorker.ts';
import type { TopicSlug } from '../../graph/types.ts';

/** The files being written, and the worker's part of the writing; none when the last build's were kept. */
interface LocalGraphWork {
  job: LocalGraphJob;
  byWorker: Promise<void>;
}

function startLocalGraphs({ outDir, site }: { outDir: string; site: Site }): LocalGraphWork | undefined {
  // A warm build whose graph is unchanged kept the last build's files (src/lib/pagePlan.ts).
  if (currentPagePlan()?.localGraphsKept) {
    site.graphWorker?.close();
    return undefined;
  }
  const slugs: TopicSlug[] = [];
  const files: string[] = [];
  for (const topic of site.topics) {
    if (!site.graph.hasNode(topic.slug)) continue;
    slugs.push(topic.slug);
    files.push(outputFile(outDir, site, site.routes.neighbourhood(topic.slug)));
  }
  const job = localGraphJob(slugs, files, DEFAULTS);
  const byWorker = site.laidOut.then(async () => {
    const begun = performance.now();
    // Without one (the layout was made in line or kept from the last build), a thread of its own.
    await (site.graphWorker ?? startGraphWorker(site.graph)).writeLocalGraphs(job);
    site.background['local graphs (worker)'] = performance.now() - begun;
  });
  // Its failure is reported where the step waits for it; until then not an unhandled rejection.
  byWorker.catch(() => {});
  return { job, byWorker };
}

/** After the pages: the main thread writes the files the worker has not taken (see the top). */
export const writeLocalGraphs = Object.assign(
  async function writeLocalGraphs({ site, started }: { site: Site; started: LocalGraphWork | undefined }): Promise<void> {
    if (!started) return;
    // The main thread's graph has its positions once the layout is in.
    await site.laidOut;
    writeLocalGraphShare(site.graph, started.job, site.neighbourOrder);
    await started.byWorker;
  },
  { start: startLocalGraphs },
);
