// The not-found page where static hosts look for it: dist/404.html. Astro would give a page at
// src/pages/404.astro the route /404 as well, taking that URL from any note called "404"; so the
// page is built under the generator's own segment (src/pages/-/404.astro) and copied here.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Site } from '../lib/site.ts';

export async function writeNotFoundPage({ dir, site }: { dir: URL; site: Pick<Site, 'routes'> }): Promise<void> {
  const root = fileURLToPath(dir);
  const built = join(root, site.routes.notFoundPage().slice(site.routes.base.length), 'index.html');
  await copyFile(built, join(root, '404.html'));
}
