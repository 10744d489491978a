// <base>-/sitemaps/<n>.xml: the parts of a sitemap too large for one file (src/lib/sitemap.ts);
// a site within the limit has none.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../../lib/site.ts';
import { sitemapFiles } from '../../../lib/sitemap.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const site = await getSite();
  return sitemapFiles(site).parts.map((body, i) => ({ params: { part: String(i + 1) }, props: { body } }));
};

export const GET: APIRoute = ({ props }) => new Response(props['body'] as string, { headers: { 'content-type': 'application/xml' } });
