// sitemap.xml: every topic and index page (src/lib/sitemap.ts); above 50,000 URLs, a sitemap index
// of the parts under -/sitemaps/.
import type { APIRoute } from 'astro';
import { getSite } from '../lib/site.ts';
import { sitemapFiles } from '../lib/sitemap.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  return new Response(sitemapFiles(site).root, { headers: { 'content-type': 'application/xml' } });
};
