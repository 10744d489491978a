// <base>-/graph.json: the compact knowledge graph the /-/graph/ explorer loads (format documented
// in graph/graphJson.ts).
import type { APIRoute } from 'astro';
import { toGraphJson } from '../../../graph/index.ts';
import { getSite } from '../../lib/site.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  // Positions are computed while the pages render (src/pipeline/loadContent.ts).
  await site.laidOut;
  return new Response(JSON.stringify(toGraphJson(site.graph)), { headers: { 'Content-Type': 'application/json' } });
};
