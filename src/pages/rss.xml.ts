// RSS 2.0 feed of all topics (a wiki has no publication dates, so items are in title order).
import type { APIRoute } from 'astro';
import { getSite } from '../lib/site.ts';
import { escapeXml } from '../../graph/index.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const abs = (p: string) => escapeXml(new URL(p, site.config.site + '/').href);
  const items = site.topics.map(
    (t) =>
      `    <item>\n      <title>${escapeXml(t.title)}</title>\n      <link>${abs(t.url)}</link>\n      <guid isPermaLink="true">${abs(t.url)}</guid>\n` +
      `${t.data.category ? `      <category>${escapeXml(t.data.category)}</category>\n` : ''}      <description>${escapeXml(t.summary ?? t.excerpt)}</description>\n    </item>`,
  );
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Efficiency Atlas</title>
    <link>${abs(site.config.base)}</link>
    <atom:link href="${abs(`${site.config.base}rss.xml`)}" rel="self" type="application/rss+xml" />
    <description>${escapeXml(site.home?.summary ?? 'A knowledge-graph wiki.')}</description>
    <language>en</language>
${items.join('\n')}
  </channel>
</rss>
`;
  return new Response(body, { headers: { 'content-type': 'application/rss+xml' } });
};
