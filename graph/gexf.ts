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

export function toGexf(graph: KnowledgeGraph, options: GexfOptions = {}): string {
  const settings = { ...DEFAULTS, ...options };
  const out: string[] = [];
  out.push(
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta><creator>${escapeXml(settings.creator)}</creator><description>${escapeXml(settings.description)}</description></meta>`,
    '  <graph mode="static" defaultedgetype="directed">',
    '    <attributes class="node">',
  );
  for (const [id, type] of NODE_ATTRIBUTES) out.push(`      <attribute id="${id}" title="${id}" type="${type}"/>`);
  out.push('    </attributes>', '    <attributes class="edge">', '      <attribute id="type" title="type" type="string"/>', '    </attributes>', '    <nodes>');

  graph.forEachNode((node, a) => {
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
    out.push(`      <node id="${escapeXml(node)}" label="${escapeXml(a.title)}">`, '        <attvalues>');
    for (const [id] of NODE_ATTRIBUTES) {
      const value = values[id];
      if (value !== undefined) out.push(`          <attvalue for="${id}" value="${escapeXml(value)}"/>`);
    }
    out.push(
      '        </attvalues>',
      `        <viz:color r="${r}" g="${g}" b="${b}"/>`,
      `        <viz:position x="${a.x}" y="${a.y}" z="0"/>`,
      `        <viz:size value="${a.size}"/>`,
      '      </node>',
    );
  });
  out.push('    </nodes>', '    <edges>');
  let index = 0;
  graph.forEachEdge((_edge, a, source, target) => {
    out.push(
      `      <edge id="${index++}" source="${escapeXml(source)}" target="${escapeXml(target)}" kind="${escapeXml(a.type)}" label="${escapeXml(a.type)}" weight="${a.weight}">`,
      `        <attvalues><attvalue for="type" value="${escapeXml(a.type)}"/></attvalues>`,
      '      </edge>',
    );
  });
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}
