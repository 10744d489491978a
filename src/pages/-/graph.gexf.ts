// <base>-/graph.gexf: the knowledge graph with its layout and attributes, for Gephi (graph/gexf.ts).
import type { APIRoute } from 'astro';
import { toGexf } from '../../../graph/index.ts';
import { getSite } from '../../lib/site.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  // Positions are computed while the pages render (src/pipeline/loadContent.ts).
  await site.laidOut;
  return new Response(toGexf(site.graph, { creator: site.identity.title }), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
