// Writes each topic's local-graph file (src/lib/localGraphData.ts) into a static build, directly:
// one small JSON per topic is a file write, not a page for Astro's render pipeline.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localGraphData } from '../lib/localGraphData.ts';
import { currentPagePlan } from '../lib/pagePlan.ts';
import type { Site } from '../lib/site.ts';

export async function writeLocalGraphs({ dir, site }: { dir: URL; site: Site }): Promise<void> {
  // A warm build whose graph is unchanged kept the last build's files (src/lib/pagePlan.ts).
  if (currentPagePlan()?.localGraphsKept) return;
  const root = fileURLToPath(dir);
  const folders = new Set<string>();
  for (const topic of site.topics) {
    if (!site.graph.hasNode(topic.slug)) continue;
    const url = site.routes.neighbourhood(topic.slug).slice(site.base.length);
    const file = join(root, ...url.split('/').map(decodeURIComponent));
    const folder = dirname(file);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    await writeFile(file, localGraphData(site, topic.slug));
  }
}
