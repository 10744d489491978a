// robots.txt: everything may be crawled; points at the sitemap.
import type { APIRoute } from 'astro';
import { getSite } from '../lib/site.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const sitemap = new URL(site.routes.sitemap(), site.origin + '/').href;
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, { headers: { 'content-type': 'text/plain' } });
};
