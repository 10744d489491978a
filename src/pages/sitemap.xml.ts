// sitemap.xml: every topic and index page (redirect pages are left out: they are not canonical).
import type { APIRoute } from 'astro';
import { getSite } from '../lib/site.ts';
import { escapeXml } from '../../graph/index.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const { routes } = site;
  const paths = [
    routes.home(),
    routes.allTopics(),
    routes.graph(),
    routes.categories(),
    routes.tags(),
    ...site.topics.map((t) => t.url),
    ...[...site.categories.keys()].map((c) => routes.category(c)),
    ...[...site.tags.keys()].map((t) => routes.tag(t)),
  ];
  // A page's lastmod is when its file last changed (git history, frontmatter, or the file's time).
  const lastmod = new Map(site.topics.filter((t) => t.updated).map((t) => [t.url, t.updated!.toISOString().slice(0, 10)]));
  const urls = [...new Set(paths)].map((p) => {
    const date = lastmod.get(p);
    return `  <url><loc>${escapeXml(new URL(p, site.origin + '/').href)}</loc>${date ? `<lastmod>${date}</lastmod>` : ''}</url>`;
  });
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(body, { headers: { 'content-type': 'application/xml' } });
};
