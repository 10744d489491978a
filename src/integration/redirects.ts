// Writes the redirect pages (aliases, the home note's own path) of a static build as plain files:
// each is a few hundred bytes of fixed HTML, and writing thousands through Astro's page pipeline
// cost as much as rendering the topics themselves. A redirect never replaces a page that exists.
// redirects() never takes a topic's URL, so the writing starts with the build (`start`) and runs
// while Astro writes the pages; the post-build step waits for it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redirects } from '../lib/aliases.ts';
import { currentPagePlan } from '../lib/pagePlan.ts';
import { redirectPageHtml } from '../lib/redirectPage.ts';
import type { Site } from '../lib/site.ts';
import { writeFiles } from './writeFiles.ts';

const started = new WeakMap<Site, Promise<unknown>>();

function write(root: string, site: Site): Promise<unknown> {
  // A warm build with the same redirects kept the last build's files (src/lib/pagePlan.ts).
  if (currentPagePlan()?.redirectsKept) return Promise.resolve();
  const files = function* (): Generator<[string, () => string]> {
    for (const redirect of redirects(site)) {
      yield [join(root, redirect.path, 'index.html'), () => redirectPageHtml(site, site.bySlug.get(redirect.to)!)];
    }
  };
  return writeFiles(files());
}

function startRedirectPages({ outDir, site }: { outDir: string; site: Site }): void {
  const job = write(outDir, site);
  // The post-build step reports a failure; until it waits, it is not an unhandled rejection.
  job.catch(() => {});
  started.set(site, job);
}

export const writeRedirectPages = Object.assign(
  async function writeRedirectPages({ dir, site }: { dir: URL; site: Site }): Promise<void> {
    await (started.get(site) ?? write(fileURLToPath(dir), site));
  },
  { start: startRedirectPages },
);
