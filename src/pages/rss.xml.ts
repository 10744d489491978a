// RSS 2.0 feed of all topics, named after the site, newest first: each item's pubDate is when the
// page was created (git history, frontmatter, or the file's time).
import type { APIRoute } from 'astro';
import { getSite } from '../lib/site.ts';
import { escapeXml } from '../../graph/index.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const abs = (p: string) => escapeXml(new URL(p, site.origin + '/').href);
  const time = (d: Date | undefined) => d?.getTime() ?? 0;
  const newestFirst = [...site.topics].sort((a, b) => time(b.created) - time(a.created) || (a.slug < b.slug ? -1 : 1));
  const items = newestFirst.map(
    (t) =>
      `    <item>\n      <title>${escapeXml(t.title)}</title>\n      <link>${abs(t.url)}</link>\n      <guid isPermaLink="true">${abs(t.url)}</guid>\n` +
      `${t.created ? `      <pubDate>${t.created.toUTCString()}</pubDate>\n` : ''}` +
      `${t.category ? `      <category>${escapeXml(t.category)}</category>\n` : ''}      <description>${escapeXml(t.summary ?? t.excerpt)}</description>\n    </item>`,
  );
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(site.identity.title)}</title>
    <link>${abs(site.routes.home())}</link>
    <atom:link href="${abs(site.routes.rss())}" rel="self" type="application/rss+xml" />
    <description>${escapeXml(site.identity.description ?? site.identity.title)}</description>
    <language>${escapeXml(site.identity.language)}</language>
${items.join('\n')}
  </channel>
</rss>
`;
  return new Response(body, { headers: { 'content-type': 'application/rss+xml' } });
};
