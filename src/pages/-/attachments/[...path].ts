// Attachments (images and other files found anywhere in the content folder) served at
// <base>-/attachments/<vault path>, so `![[diagram.png]]` works in dev and in the static build alike.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../../lib/site.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const site = await getSite();
  return site.attachments.map((path) => ({ params: { path }, props: { path } }));
};

export const GET: APIRoute = async ({ props }) => {
  const site = await getSite();
  const bytes = await readFile(join(site.deploy.contentDir, props['path'] as string));
  return new Response(bytes);
};
