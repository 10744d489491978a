// Content lint through the knowledge graph: every finding is derived from the same records and
// graph the site is built from, so `npm run check` and the build never disagree.
//
// Severity policy: an error is something that makes the built site wrong (a link or relation
// that goes nowhere or to an unintended page); a warning is something that makes it poorer
// (an orphan nobody can reach by links, a stub, a page without a summary).
// - Duplicate titles are errors: two pages with the same title are indistinguishable in search,
//   the graph and the A–Z index, and `[[Title]]` is ambiguous, so a link may land on either.
// - A duplicate alias (an alias shared by two topics, or equal to another topic's title) is a
//   warning while nothing uses it, since the pages stay distinguishable by title; it becomes an
//   error as soon as a link or relation is written with that name, because that link's target
//   is then ambiguous.
import type { KnowledgeGraph } from './knowledgeGraph.ts';
import { compareStrings } from './knowledgeGraph.ts';
import { deadEnds, orphans } from './degrees.ts';
import { nameKey } from './names.ts';
import type { KnowledgeGraphInput } from './knowledgeGraph.ts';
import type { TopicRecord } from './types.ts';

export type Severity = 'error' | 'warning';

export const LINT_RULES = [
  'unresolved-link',
  'unknown-relation-type',
  'unknown-relation-target',
  'self-relation',
  'duplicate-relation',
  'duplicate-title',
  'duplicate-alias',
  'orphan',
  'dead-end',
  'missing-summary',
  'short-page',
] as const;
export type LintRule = (typeof LINT_RULES)[number];

export interface Finding {
  severity: Severity;
  rule: LintRule;
  file: string;
  line: number;
  column: number;
  message: string;
}

export const DEFAULTS = {
  /** Pages with fewer words are reported as stubs. */
  minWords: 150,
  /** Severity of unresolved links: the lead's ATLAS_LINKS=warn maps to 'warning'. */
  unresolvedLinks: 'error' as Severity,
  /** Topic ids exempt from the orphan rule (e.g. the home topic, reached from the site menu). */
  entryPoints: [] as readonly string[],
};

export type LintOptions = Partial<typeof DEFAULTS>;

function topLevel(topic: Pick<TopicRecord, 'file'>): Pick<Finding, 'file' | 'line' | 'column'> {
  return { file: topic.file, line: 1, column: 1 };
}

export function lintKnowledgeGraph(graph: KnowledgeGraph, input: KnowledgeGraphInput, options: LintOptions = {}): Finding[] {
  const settings = { ...DEFAULTS, ...options };
  const findings: Finding[] = [];
  const topicById = new Map(input.topics.map((t) => [t.id as string, t]));
  const vocabulary = graph.getAttribute('relations');

  for (const link of input.links) {
    const written = `${link.kind === 'embed' ? '!' : ''}[[${link.target}${link.heading !== undefined ? `#${link.heading}` : ''}]]`;
    if (link.to === null) {
      findings.push({ severity: settings.unresolvedLinks, rule: 'unresolved-link', file: link.file, line: link.line, column: link.column, message: `${written} does not match any topic title or alias` });
    } else if (!topicById.has(link.to)) {
      findings.push({ severity: settings.unresolvedLinks, rule: 'unresolved-link', file: link.file, line: link.line, column: link.column, message: `${written} resolves to "${link.to}", which is not a topic` });
    }
  }

  const seenRelations = new Set<string>();
  for (const relation of input.relations) {
    const at = { file: relation.file, line: relation.line, column: relation.column };
    if (!vocabulary.has(relation.type)) {
      findings.push({ severity: 'error', rule: 'unknown-relation-type', ...at, message: `unknown relation type "${String(relation.type)}"; use one of ${[...vocabulary.keys()].join(', ')}` });
      continue;
    }
    if (relation.to === null || !topicById.has(relation.to)) {
      findings.push({ severity: 'error', rule: 'unknown-relation-target', ...at, message: `${relation.type}: "${relation.target}" does not match any topic title or alias` });
      continue;
    }
    if (relation.to === relation.from) {
      findings.push({ severity: 'warning', rule: 'self-relation', ...at, message: `${relation.type}: "${relation.target}" is this topic itself` });
      continue;
    }
    const key = `${relation.from}\u0000${relation.type}\u0000${relation.to}`;
    if (seenRelations.has(key)) {
      findings.push({ severity: 'warning', rule: 'duplicate-relation', ...at, message: `${relation.type}: "${relation.target}" is declared more than once` });
    }
    seenRelations.add(key);
  }

  // Names: every title and alias, grouped by normalised form.
  const names = new Map<string, { topic: TopicRecord; kind: 'title' | 'alias'; name: string }[]>();
  for (const topic of input.topics) {
    const own = new Set<string>();
    for (const [kind, name] of [['title', topic.title] as const, ...topic.aliases.map((a) => ['alias', a] as const)]) {
      const key = nameKey(name);
      if (key === '' || own.has(key)) continue;
      own.add(key);
      const list = names.get(key) ?? [];
      list.push({ topic, kind, name });
      names.set(key, list);
    }
  }
  const usedNames = new Set([...input.links, ...input.relations].map((r) => nameKey(r.target)));
  for (const [key, holders] of names) {
    if (holders.length < 2) continue;
    const titled = holders.filter((h) => h.kind === 'title');
    if (titled.length >= 2) {
      for (const h of titled) {
        const others = titled.filter((o) => o !== h).map((o) => o.topic.file).join(', ');
        findings.push({ severity: 'error', rule: 'duplicate-title', ...topLevel(h.topic), message: `title "${h.name}" is also the title of ${others}` });
      }
      continue;
    }
    const used = usedNames.has(key);
    for (const h of holders.filter((x) => x.kind === 'alias')) {
      const others = holders.filter((o) => o !== h).map((o) => `${o.topic.file} (${o.kind})`).join(', ');
      findings.push({
        severity: used ? 'error' : 'warning',
        rule: 'duplicate-alias',
        ...topLevel(h.topic),
        message: `alias "${h.name}" is also a name of ${others}${used ? '; links written with it are ambiguous' : ''}`,
      });
    }
  }

  const entryPoints = new Set(settings.entryPoints);
  for (const id of orphans(graph)) {
    if (entryPoints.has(id)) continue;
    findings.push({ severity: 'warning', rule: 'orphan', ...topLevel(graph.getNodeAttributes(id)), message: `no topic links or relates to "${graph.getNodeAttribute(id, 'title')}"` });
  }
  for (const id of deadEnds(graph)) {
    findings.push({ severity: 'warning', rule: 'dead-end', ...topLevel(graph.getNodeAttributes(id)), message: `"${graph.getNodeAttribute(id, 'title')}" links to no other topic` });
  }
  for (const topic of input.topics) {
    if (topic.summary === undefined || topic.summary.trim() === '') {
      findings.push({ severity: 'warning', rule: 'missing-summary', ...topLevel(topic), message: 'no summary in frontmatter' });
    }
    if (topic.wordCount < settings.minWords) {
      findings.push({ severity: 'warning', rule: 'short-page', ...topLevel(topic), message: `${topic.wordCount} words; pages should have at least ${settings.minWords}` });
    }
  }
  return sortFindings(findings);
}

/** By file, then line, column, errors before warnings, rule, message. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      compareStrings(a.rule, b.rule) ||
      compareStrings(a.message, b.message),
  );
}

/** An aligned text table, one finding per line, sorted, with a closing count unless `summary: false`. */
export function formatFindings(findings: readonly Finding[], options: { summary?: boolean } = {}): string {
  if (findings.length === 0) return 'No problems found.';
  const rows = sortFindings(findings).map((f) => [`${f.file}:${f.line}:${f.column}`, f.severity, f.rule, f.message] as const);
  const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => `${r[0].padEnd(width[0]!)}  ${r[1].padEnd(width[1]!)}  ${r[2].padEnd(width[2]!)}  ${r[3]}`);
  if (options.summary === false) return lines.join('\n');
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  lines.push('', `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return lines.join('\n');
}
