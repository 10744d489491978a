// schema.org JSON-LD for topic pages: the topic as a DefinedTerm in the site's DefinedTermSet (the
// same `@id` graph.jsonld gives the set), plus an FAQPage when the topic has questions.
import { termSetId } from '../../graph/jsonLd.ts';
import type { Topic } from '../pipeline/loadContent.ts';
import type { Site } from './site.ts';

export function topicJsonLd(site: Pick<Site, 'origin' | 'routes'>, topic: Topic): unknown[] {
  const absolute = (path: string) => new URL(path, site.origin + '/').href;
  const term = {
    '@context': 'https://schema.org',
    '@type': 'DefinedTerm',
    '@id': absolute(topic.url),
    name: topic.title,
    url: absolute(topic.url),
    ...(topic.summary ? { description: topic.summary } : {}),
    ...(topic.aliases.length ? { alternateName: topic.aliases } : {}),
    inDefinedTermSet: termSetId(absolute(site.routes.home())),
    ...(topic.data.references.length
      ? { citation: topic.data.references.map((r) => ({ '@type': 'CreativeWork', name: r.title, author: r.authors, datePublished: String(r.year), ...(r.url ? { url: r.url } : {}) })) }
      : {}),
  };
  // The page about the term, with its dates: DefinedTerm itself has none.
  const page = {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    '@id': `${absolute(topic.url)}#page`,
    url: absolute(topic.url),
    name: topic.title,
    mainEntity: { '@id': absolute(topic.url) },
    ...(topic.created ? { dateCreated: topic.created.toISOString() } : {}),
    ...(topic.updated ? { dateModified: topic.updated.toISOString() } : {}),
  };
  if (!topic.faq.length) return [term, page];
  const faq = {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: topic.faq.map((e) => ({ '@type': 'Question', name: e.q, acceptedAnswer: { '@type': 'Answer', text: e.text } })),
  };
  return [term, page, faq];
}

/** JSON for a <script type="application/ld+json">: `<` escaped so no content can close the element. */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
