// The preview index, in shards: <base>-/previews/<n>.json maps a page key (src/routes.ts pageKey)
// → title, category, summary. The shard count grows with the site so each stays small.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../../lib/site.ts';
import { previewShard, previewShardCount, type PreviewEntry } from '../../../lib/previewShard.ts';
import { pageKey } from '../../../routes.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const site = await getSite();
  const shards = previewShardCount(site.topics.length);
  const entries = Array.from({ length: shards }, () => ({}) as Record<string, PreviewEntry>);
  for (const topic of site.topics) {
    const key = pageKey(site.base, topic.url)!;
    const summary = topic.summary ?? topic.excerpt;
    entries[previewShard(key, shards)]![key] = { t: topic.title, ...(topic.category ? { c: topic.category } : {}), ...(summary ? { s: summary } : {}) };
  }
  return entries.map((shard, i) => ({ params: { shard: String(i) }, props: { shard } }));
};

export const GET: APIRoute = ({ props }) => new Response(JSON.stringify(props['shard']), { headers: { 'content-type': 'application/json' } });
