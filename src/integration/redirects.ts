// Writes the redirect pages (aliases, the home note's own path) of a static build as plain files:
// each is a few hundred bytes of fixed HTML, and writing thousands through Astro's page pipeline
// cost as much as rendering the topics themselves. A redirect never replaces a page that exists.
// redirects() never takes a topic's URL, so the writing starts with the build (`start`) and runs
// while Astro writes the pages; the step waits for it after the pages (src/integration/atlas.ts).
import { join } from 'node:path';
import { redirects } from '../lib/aliases.ts';
import { currentPagePlan } from '../lib/pagePlan.ts';
import { redirectPageHtml } from '../lib/redirectPage.ts';
import type { Site } from '../lib/site.ts';
import { writeFiles } from '../pipeline/writeFiles.ts';

function startRedirectPages({ outDir, site }: { outDir: string; site: Site }): Promise<unknown> {
  // A warm build with the same redirects kept the last build's files (src/lib/pagePlan.ts).
  if (currentPagePlan()?.redirectsKept) return Promise.resolve();
  const files = function* (): Generator<[string, () => string]> {
    for (const redirect of redirects(site)) {
      yield [join(outDir, redirect.path, 'index.html'), () => redirectPageHtml(site, site.bySlug.get(redirect.to)!)];
    }
  };
  return writeFiles(files());
}

/** After the pages: the redirect pages, begun with the build, are all written. */
export const writeRedirectPages = Object.assign(
  async function writeRedirectPages({ started }: { started: Promise<unknown> | undefined }): Promise<void> {
    await started;
  },
  { start: startRedirectPages },
);
