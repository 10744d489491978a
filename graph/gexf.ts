// GEXF 1.3 export, for opening the knowledge graph in Gephi: topics with their attributes, the
// build layout (viz:position, viz:size) and community colours (viz:color); edges with their type
// as `kind` (GEXF 1.3's way of telling parallel edges apart) and label, and their weight.
// Everything that comes from content is escaped, and characters XML 1.0 cannot carry are dropped.
//
// [Reference]: GEXF Working Group, "GEXF 1.3 Primer" and schema, https://gexf.net/ (2022).
import type { KnowledgeGraph } from './knowledgeGraph.ts';
import { hexToRgb, paletteColor } from './palette.ts';

export const DEFAULTS = {
  creator: 'Knowledge graph',
  description: 'Knowledge graph: topics, wikilinks (mentions) and typed relations',
};

export type GexfOptions = Partial<typeof DEFAULTS>;

// XML 1.0 Char production minus what we escape: tab, LF, CR and everything from U+0020 except
// surrogates (paired ones pass as code points under the u flag), U+FFFE and U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escape for both element content and double- or single-quoted attribute values. */
export function escapeXml(value: string): string {
  // Two passes over the text, not nine: the whole graph's titles, summaries and URLs go through here.
  return value.replace(NOT_XML_CHAR, '').replace(/[&<>"'\n\r\t]/g, (c) => XML_ESCAPES[c]!);
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Attribute-value normalisation would turn raw newlines and tabs into spaces.
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

const NODE_ATTRIBUTES = [
  ['url', 'string'],
  ['category', 'string'],
  ['tags', 'string'],
  ['summary', 'string'],
  ['wordCount', 'integer'],
  ['pagerank', 'double'],
  ['community', 'integer'],
  ['inDegree', 'integer'],
  ['outDegree', 'integer'],
] as const;

/** The whole document as one string: for small graphs and tests (the site streams `gexfParts`). */
export function toGexf(graph: KnowledgeGraph, options: GexfOptions = {}): string {
  let xml = '';
  for (const part of gexfParts(graph, options)) xml += part;
  return xml;
}

/**
 * The document in parts, one per topic and per edge, each ending in a newline. The site streams
 * them (src/pages/-/graph.gexf.ts): at 100,000 topics the file is over 300 MB, and one string of
 * it would approach V8's limit on a string's length (2^29 characters), which ends the build.
 */
export function* gexfParts(graph: KnowledgeGraph, options: GexfOptions = {}): Generator<string> {
  const settings = { ...DEFAULTS, ...options };
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta><creator>${escapeXml(settings.creator)}</creator><description>${escapeXml(settings.description)}</description></meta>`,
    '  <graph mode="static" defaultedgetype="directed">',
    '    <attributes class="node">',
    ...NODE_ATTRIBUTES.map(([id, type]) => `      <attribute id="${id}" title="${id}" type="${type}"/>`),
    '    </attributes>',
    '    <attributes class="edge">',
    '      <attribute id="type" title="type" type="string"/>',
    '    </attributes>',
    '    <nodes>',
    '',
  ].join('\n');

  for (const { node, attributes: a } of graph.nodeEntries()) {
    const values: Record<(typeof NODE_ATTRIBUTES)[number][0], string | undefined> = {
      url: a.url,
      category: a.category,
      tags: a.tags.length > 0 ? a.tags.join('; ') : undefined,
      summary: a.summary,
      wordCount: String(a.wordCount),
      pagerank: String(a.pagerank),
      community: String(a.community),
      inDegree: String(a.inDegree),
      outDegree: String(a.outDegree),
    };
    const [r, g, b] = hexToRgb(paletteColor(a.community));
    let part = `      <node id="${escapeXml(node)}" label="${escapeXml(a.title)}">\n        <attvalues>\n`;
    for (const [id] of NODE_ATTRIBUTES) {
      const value = values[id];
      if (value !== undefined) part += `          <attvalue for="${id}" value="${escapeXml(value)}"/>\n`;
    }
    part +=
      '        </attvalues>\n' +
      `        <viz:color r="${r}" g="${g}" b="${b}"/>\n` +
      `        <viz:position x="${a.x}" y="${a.y}" z="0"/>\n` +
      `        <viz:size value="${a.size}"/>\n` +
      '      </node>\n';
    yield part;
  }
  yield '    </nodes>\n    <edges>\n';
  let index = 0;
  for (const { attributes: a, source, target } of graph.edgeEntries()) {
    const type = escapeXml(a.type);
    yield (
      `      <edge id="${index++}" source="${escapeXml(source)}" target="${escapeXml(target)}" kind="${type}" label="${type}" weight="${a.weight}">\n` +
      `        <attvalues><attvalue for="type" value="${type}"/></attvalues>\n` +
      '      </edge>\n'
    );
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}
