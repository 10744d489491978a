// <base>-/local/<slug>.json in the dev server: a topic's local-graph data. A static build writes
// these files directly (src/integration/localGraphs.ts), so this route has no pages there.
import type { APIRoute, GetStaticPaths } from 'astro';
import { localGraphData } from '../../../lib/localGraphData.ts';
import { getSite } from '../../../lib/site.ts';
import type { TopicSlug } from '../../../../graph/types.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  if (!import.meta.env.DEV) return [];
  const site = await getSite();
  return site.topics.filter((topic) => site.graph.hasNode(topic.slug)).map((topic) => ({ params: { slug: topic.slug }, props: { slug: topic.slug } }));
};

export const GET: APIRoute = async ({ props }) => {
  const site = await getSite();
  await site.laidOut;
  return new Response(localGraphData(site, props['slug'] as TopicSlug), { headers: { 'content-type': 'application/json' } });
};
