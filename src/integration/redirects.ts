// Writes the redirect pages (aliases, the home note's own path) of a static build as plain files:
// each is a few hundred bytes of fixed HTML, and writing thousands through Astro's page pipeline
// cost as much as rendering the topics themselves. A redirect never replaces a page that exists.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redirects } from '../lib/aliases.ts';
import { redirectPageHtml } from '../lib/redirectPage.ts';
import type { Site } from '../lib/site.ts';

export async function writeRedirectPages({ dir, site }: { dir: URL; site: Site }): Promise<void> {
  const root = fileURLToPath(dir);
  for (const redirect of redirects(site)) {
    const folder = join(root, redirect.path);
    const file = join(folder, 'index.html');
    if (existsSync(file)) continue;
    await mkdir(folder, { recursive: true });
    await writeFile(file, redirectPageHtml(site, site.bySlug.get(redirect.to)!));
  }
}
