// JSON-LD export: the wiki as a schema.org DefinedTermSet whose terms are the topics, with SKOS
// `broader` for hierarchical relations (is-a, part-of) and `related` for the other typed
// relations. Prose mentions are left out: a wikilink says a page talks about something, not that
// the two concepts are related in a thesaurus sense.
//
// [References]: schema.org DefinedTermSet / DefinedTerm, https://schema.org/DefinedTermSet;
// W3C, "SKOS Simple Knowledge Organization System Reference", 2009, https://www.w3.org/TR/skos-reference/.
import type { KnowledgeGraph } from './knowledgeGraph.ts';
import { compareStrings, inferBase } from './knowledgeGraph.ts';


export interface JsonLdOptions {
  /** Site origin, e.g. `https://example.org` (topic URLs already carry the base path). */
  site: string;
  /** Name of the term set: the site's title. */
  name: string;
  description?: string;
}

export interface JsonLdTerm {
  '@type': 'DefinedTerm';
  '@id': string;
  name: string;
  termCode: string;
  url: string;
  inDefinedTermSet: string;
  description?: string;
  alternateName?: string[];
  broader?: string[];
  related?: string[];
}

export interface JsonLdTermSet {
  '@context': Record<string, unknown>;
  '@type': 'DefinedTermSet';
  '@id': string;
  name: string;
  url: string;
  description?: string;
  hasDefinedTerm: JsonLdTerm[];
}

export const CONTEXT = {
  '@vocab': 'https://schema.org/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  broader: { '@id': 'skos:broader', '@type': '@id' },
  related: { '@id': 'skos:related', '@type': '@id' },
  inDefinedTermSet: { '@type': '@id' },
};

/** The `@id` of the term set published at `setUrl` (the site's home URL); topic pages refer to it. */
export function termSetId(setUrl: string): string {
  return `${setUrl}#topics`;
}

export function toJsonLd(graph: KnowledgeGraph, options: JsonLdOptions): JsonLdTermSet {
  if (!/^https?:\/\/[^/]+$/.test(options.site.replace(/\/+$/, ''))) {
    throw new Error(`toJsonLd: site must be an origin like https://example.org, got "${options.site}"`);
  }
  const site = options.site.replace(/\/+$/, '');
  const setUrl = `${site}${inferBase(graph)}`;
  const setId = termSetId(setUrl);
  const vocabulary = graph.getAttribute('relations');
  const absolute = (node: string) => `${site}${graph.getNodeAttribute(node, 'url')}`;

  const terms = graph.mapNodes((node, a): JsonLdTerm => {
    const broader = new Set<string>();
    const related = new Set<string>();
    graph.forEachOutEdge(node, (_edge, { type }, _source, target) => {
      const relation = vocabulary.get(type);
      if (relation === undefined) return;
      (relation.hierarchical ? broader : related).add(absolute(target));
    });
    const term: JsonLdTerm = {
      '@type': 'DefinedTerm',
      '@id': absolute(node),
      name: a.title,
      termCode: node,
      url: absolute(node),
      inDefinedTermSet: setId,
    };
    if (a.summary !== undefined && a.summary !== '') term.description = a.summary;
    if (a.aliases.length > 0) term.alternateName = [...a.aliases];
    if (broader.size > 0) term.broader = [...broader].sort(compareStrings);
    if (related.size > 0) term.related = [...related].sort(compareStrings);
    return term;
  });

  const set: JsonLdTermSet = {
    '@context': CONTEXT,
    '@type': 'DefinedTermSet',
    '@id': setId,
    name: options.name,
    url: setUrl,
    hasDefinedTerm: terms,
  };
  if (options.description !== undefined) set.description = options.description;
  return set;
}
