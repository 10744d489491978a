// The preview index, in shards: <base>-/previews/<n>.json maps a page key (src/routes.ts pageKey)
// → title, category, summary. The shard count grows with the site so each stays small.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../../lib/site.ts';
import { previewShardCount, previewShards, type PreviewEntry } from '../../../lib/previewShard.ts';
import { pageKey } from '../../../routes.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const site = await getSite();
  const entries = site.topics.map((topic): [string, PreviewEntry] => {
    const summary = topic.summary ?? topic.excerpt;
    return [pageKey(site.base, topic.url)!, { t: topic.title, ...(topic.category ? { c: topic.category } : {}), ...(summary ? { s: summary } : {}) }];
  });
  return previewShards(entries, previewShardCount(site.topics.length)).map((shard, i) => ({ params: { shard: String(i) }, props: { shard } }));
};

export const GET: APIRoute = ({ props }) => new Response(JSON.stringify(props['shard']), { headers: { 'content-type': 'application/json' } });
