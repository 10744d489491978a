// Mermaid, served as its own prebuilt ES modules at <base>-/mermaid/ rather than bundled: it is a
// few megabytes of code that only pages with a diagram load (src/client/mermaid.ts), and bundling
// it again on every build cost more than all the site's other scripts together. Published only
// when some page has a diagram.
import { readFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../../lib/site.ts';

/** The folder of mermaid's minified ES build (mermaid.esm.min.mjs and its chunks). */
function mermaidDist(): string {
  return join(dirname(createRequire(import.meta.url).resolve('mermaid/package.json')), 'dist');
}

export const getStaticPaths: GetStaticPaths = async () => {
  const site = await getSite();
  if (!site.topics.some((t) => t.mermaid)) return [];
  const dist = mermaidDist();
  const chunks = readdirSync(join(dist, 'chunks/mermaid.esm.min')).filter((f) => f.endsWith('.mjs'));
  return ['mermaid.esm.min.mjs', ...chunks.map((f) => `chunks/mermaid.esm.min/${f}`)].map((file) => ({ params: { file } }));
};

export const GET: APIRoute = async ({ params }) => {
  const file = String(params['file']);
  // Only files of mermaid's own build, whatever the URL says.
  if (!/^(mermaid\.esm\.min\.mjs|chunks\/mermaid\.esm\.min\/[\w.-]+\.mjs)$/.test(file)) return new Response('Not found', { status: 404 });
  return new Response(await readFile(join(mermaidDist(), file)), { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
};
