// The preview index, in shards: previews/<n>.json maps topic slug → title, category, summary.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../lib/site.ts';
import { PREVIEW_SHARDS, previewShard, type PreviewEntry } from '../../lib/previewShard.ts';

export const getStaticPaths: GetStaticPaths = () => Array.from({ length: PREVIEW_SHARDS }, (_, i) => ({ params: { shard: String(i) } }));

export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  const shard = Number(params['shard']);
  const entries: Record<string, PreviewEntry> = {};
  for (const topic of site.topics) {
    if (previewShard(topic.slug) !== shard) continue;
    const summary = topic.summary ?? topic.excerpt;
    entries[topic.slug] = { t: topic.title, ...(topic.data.category ? { c: topic.data.category } : {}), ...(summary ? { s: summary } : {}) };
  }
  return new Response(JSON.stringify(entries), { headers: { 'content-type': 'application/json' } });
};
