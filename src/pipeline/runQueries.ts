// Stage 9: the queries pages ask (```query blocks, <Query query="…" />), evaluated against the
// knowledge graph once it exists, and their results put where each query was written. Every topic
// a result lists becomes a link record of its own kind (`query`), so backlinks and the graph can
// say "listed by a query" — never a link the author wrote. Errors are reported at the query's
// file:line:column like every other content error. Deterministic: the language orders results
// itself (ties by title, then id), so the same content gives byte-identical pages.
import type { Link, Nodes, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { createQueryContext, queryResultToMdast, runQuery, type QueryTopic } from '../../graph/query/index.ts';
import type { KnowledgeGraph } from '../../graph/knowledgeGraph.ts';
import type { LinkRecord, RelationRecord, TopicSlug } from '../../graph/types.ts';
import type { Diagnostic, Severity } from './diagnostics.ts';
import type { QueryNeed } from './noteShard.ts';
import type { TopicIndex } from './topicIndex.ts';

export interface QueryPage {
  slug: TopicSlug;
  file: string;
  queries: readonly QueryNeed[];
}

export interface QueryTopicSource {
  slug: TopicSlug;
  /** Vault-relative path without extension. */
  path: string;
  fields: Readonly<Record<string, unknown>>;
  facts: Readonly<Record<string, string>>;
  title: string;
  summary: string | undefined;
  category: string | undefined;
  tags: readonly string[];
  aliases: readonly string[];
  words: number;
  created: Date | undefined;
  updated: Date | undefined;
}

export interface RunQueriesInput {
  pages: readonly QueryPage[];
  topics: readonly QueryTopicSource[];
  graph: KnowledgeGraph;
  links: readonly LinkRecord[];
  relations: readonly RelationRecord[];
  index: TopicIndex;
  urlOf(slug: TopicSlug): string;
  /** Severity of a query that cannot run (error, or warning in warn mode). */
  severity: Severity;
}

export interface RunQueriesResult {
  /** One record per topic listed, per query. */
  links: LinkRecord[];
  diagnostics: Diagnostic[];
  /** What to put where each query was written, by query id. */
  results: Array<[id: string, nodes: RootContent[]]>;
}

export function runQueries(input: RunQueriesInput): RunQueriesResult {
  const result: RunQueriesResult = { links: [], diagnostics: [], results: [] };
  if (!input.pages.some((p) => p.queries.length > 0)) return result;
  const { graph } = input;
  const topics: QueryTopic[] = input.topics.map((t) => ({
    id: t.slug,
    title: t.title,
    summary: t.summary,
    category: t.category,
    tags: t.tags,
    aliases: t.aliases,
    folder: t.path.includes('/') ? t.path.slice(0, t.path.lastIndexOf('/')) : '',
    fields: t.fields,
    facts: t.facts,
    pagerank: graph.hasNode(t.slug) ? graph.getNodeAttribute(t.slug, 'pagerank') : 0,
    inbound: graph.hasNode(t.slug) ? graph.getNodeAttribute(t.slug, 'inDegree') : 0,
    outbound: graph.hasNode(t.slug) ? graph.getNodeAttribute(t.slug, 'outDegree') : 0,
    words: t.words,
    created: t.created,
    updated: t.updated,
  }));
  const context = createQueryContext({
    topics,
    links: input.links.filter((l) => l.to !== null && l.kind !== 'query').map((l) => ({ from: l.from, to: l.to! })),
    relations: input.relations.filter((r) => r.to !== null).map((r) => ({ from: r.from, to: r.to!, type: r.type })),
    relationTypes: [...graph.getAttribute('relations').keys()],
    // [[Names]] in queries resolve exactly as wikilinks do.
    resolve: (name) => input.index.resolve(name)?.slug,
    suggest: (name) => input.index.suggest(name),
  });
  const titleOf = (id: string) => (graph.hasNode(id) ? graph.getNodeAttribute(id, 'title') : id);

  for (const page of input.pages) {
    for (const query of page.queries) {
      // Positions inside the query are relative to its text: line 1 is the query's first line.
      const at = (line: number, column: number) => ({ line: query.line + line - 1, column: line === 1 ? query.column + column - 1 : column });
      const outcome = runQuery(query.text, context);
      if ('errors' in outcome) {
        for (const e of outcome.errors) {
          result.diagnostics.push({ severity: input.severity, rule: 'query', file: page.file, ...at(e.line, e.column), message: `query: ${e.message}${e.hint ? ` — ${e.hint}` : ''}` });
        }
        result.results.push([query.id, [{ type: 'paragraph', children: [{ type: 'text', value: 'This query could not run (see the build log).' }] }]]);
        continue;
      }
      for (const w of outcome.warnings) {
        result.diagnostics.push({ severity: 'warning', rule: 'query', file: page.file, ...at(w.line, w.column), message: `query: ${w.message}${w.hint ? ` — ${w.hint}` : ''}` });
      }
      const nodes = queryResultToMdast(outcome.result, { linkTo: (id) => ({ url: input.urlOf(id as TopicSlug), title: titleOf(id) }) });
      result.results.push([query.id, nodes]);
      const listed = new Set<string>();
      visit({ type: 'root', children: nodes } as Nodes, 'link', (link: Link) => {
        const target = link.data?.atlasQueryTarget;
        if (target === undefined || listed.has(target)) return;
        listed.add(target);
        link.data = { ...link.data, atlasWikilink: true } as Link['data'];
        const title = titleOf(target);
        result.links.push({ from: page.slug, to: target as TopicSlug, target: title, heading: undefined, text: title, kind: 'query', file: page.file, line: query.line, column: query.column, sentence: '' });
      });
    }
  }
  return result;
}
