// Writes the redirect pages (aliases, the home note's own path) of a static build as plain files:
// each is a few hundred bytes of fixed HTML, and writing thousands through Astro's page pipeline
// cost as much as rendering the topics themselves. A redirect never replaces a page that exists.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redirects } from '../lib/aliases.ts';
import { currentPagePlan } from '../lib/pagePlan.ts';
import { redirectPageHtml } from '../lib/redirectPage.ts';
import type { Site } from '../lib/site.ts';
import { writeFiles } from './writeFiles.ts';

export async function writeRedirectPages({ dir, site }: { dir: URL; site: Site }): Promise<void> {
  // A warm build with the same redirects kept the last build's files (src/lib/pagePlan.ts).
  if (currentPagePlan()?.redirectsKept) return;
  const root = fileURLToPath(dir);
  // redirects() never takes a topic's URL, so these can be written while Astro writes the pages.
  const files = function* (): Generator<[string, () => string]> {
    for (const redirect of redirects(site)) {
      yield [join(root, redirect.path, 'index.html'), () => redirectPageHtml(site, site.bySlug.get(redirect.to)!)];
    }
  };
  await writeFiles(files());
}
