// <base>-/graph.jsonld: the topics as a schema.org DefinedTermSet with SKOS broader/related
// (graph/jsonLd.ts), named after the site.
import type { APIRoute } from 'astro';
import { toJsonLd } from '../../../graph/index.ts';
import { getSite } from '../../lib/site.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const document = toJsonLd(site.graph, {
    site: site.origin,
    name: site.identity.title,
    description: site.identity.description ?? `Topics of ${site.identity.title} and the typed relations between them.`,
  });
  return new Response(JSON.stringify(document, null, 1), { headers: { 'Content-Type': 'application/ld+json' } });
};
