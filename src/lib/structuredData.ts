// schema.org JSON-LD for topic pages: the topic as a DefinedTerm in the wiki's DefinedTermSet,
// plus an FAQPage when the topic has questions.
import type { Topic } from '../pipeline/loadSite.ts';
import { WIKILINK_PATTERN, displayText, parseWikilink } from '../pipeline/wikilink.ts';
import type { Site } from './site.ts';

export function topicJsonLd(site: Pick<Site, 'config'>, topic: Topic): unknown[] {
  const absolute = (path: string) => new URL(path, site.config.site + '/').href;
  const term = {
    '@context': 'https://schema.org',
    '@type': 'DefinedTerm',
    '@id': absolute(topic.url),
    name: topic.title,
    url: absolute(topic.url),
    ...(topic.summary ? { description: topic.summary } : {}),
    ...(topic.data.aliases.length ? { alternateName: topic.data.aliases } : {}),
    inDefinedTermSet: absolute(`${site.config.base}graph.jsonld`),
    ...(topic.data.references.length
      ? { citation: topic.data.references.map((r) => ({ '@type': 'CreativeWork', name: r.title, author: r.authors, datePublished: String(r.year), ...(r.url ? { url: r.url } : {}) })) }
      : {}),
  };
  if (!topic.data.faq.length) return [term];
  const faq = {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: topic.data.faq.map((e) => ({ '@type': 'Question', name: e.q, acceptedAnswer: { '@type': 'Answer', text: plain(e.a) } })),
  };
  return [term, faq];
}

/** Answers are Markdown with wikilinks; structured data wants the text a reader sees. */
function plain(markdown: string): string {
  return markdown.replace(WIKILINK_PATTERN, (_, bang: string, inner: string) => displayText(parseWikilink(inner, bang === '!')));
}
