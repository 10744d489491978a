// <base>-/graph.gexf: the knowledge graph with its layout and attributes, for Gephi (graph/gexf.ts),
// streamed in parts (src/lib/textStream.ts explains why).
import type { APIRoute } from 'astro';
import { gexfParts } from '../../../graph/index.ts';
import { getSite } from '../../lib/site.ts';
import { textStream } from '../../lib/textStream.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  // Positions are computed while the pages render (src/pipeline/loadContent.ts).
  await site.laidOut;
  return new Response(textStream(gexfParts(site.graph, { creator: site.identity.title })), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
