// A QueryContext over plain records, with every index built once. The build may use it directly
// (passing its own resolve/suggest so [[names]] in queries resolve exactly as wikilinks do); the
// tests and bench/query.mjs use it with the default name matching.
import type { QueryContext, QueryTopic, RelationLookupDirection } from './context.ts';
import { closestName } from './errors.ts';
import { RELATION_TYPES } from '../relations.ts';

export interface QueryContextInput {
  topics: readonly QueryTopic[];
  /** Authored links between topics; duplicates, self-links and unknown ids are ignored. */
  links: readonly { from: string; to: string }[];
  /** Typed relations, "from type to" as declared in `from`'s frontmatter. */
  relations: readonly { from: string; to: string; type: string }[];
  /** Default: the wiki's RELATION_TYPES plus any other type used in `relations`. */
  relationTypes?: readonly string[];
  /** Default: title, alias, id or last id segment, case-insensitively (NFC, trimmed). */
  resolve?: (name: string) => string | undefined;
  /** Default: the closest title or alias by edit distance. */
  suggest?: (name: string) => string | undefined;
}

const normalise = (name: string): string => name.normalize('NFC').trim().toLowerCase();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function dedupe(map: Map<string, string[]>): Map<string, readonly string[]> {
  for (const [key, list] of map) map.set(key, [...new Set(list)]);
  return map;
}

export function createQueryContext(input: QueryContextInput): QueryContext {
  const byId = new Map<string, QueryTopic>();
  for (const topic of input.topics) {
    if (byId.has(topic.id)) throw new Error(`createQueryContext: duplicate topic id "${topic.id}"`);
    byId.set(topic.id, topic);
  }
  const linksFrom = new Map<string, string[]>();
  const linksTo = new Map<string, string[]>();
  for (const { from, to } of input.links) {
    if (from === to || !byId.has(from) || !byId.has(to)) continue;
    push(linksFrom, from, to);
    push(linksTo, to, from);
  }
  const relationKey = (id: string, type: string, direction: RelationLookupDirection) => `${direction}\u0000${type}\u0000${id}`;
  const related = new Map<string, string[]>();
  for (const { from, to, type } of input.relations) {
    if (from === to || !byId.has(from) || !byId.has(to)) continue;
    push(related, relationKey(from, type, 'out'), to);
    push(related, relationKey(to, type, 'in'), from);
  }
  const byTag = new Map<string, string[]>();
  const byCategory = new Map<string, string[]>();
  const byFolder = new Map<string, string[]>();
  const fieldNames = new Set<string>();
  const factNames = new Set<string>();
  const names = new Map<string, string>();
  const lastSegments = new Map<string, string>();
  for (const topic of input.topics) {
    for (const tag of topic.tags) push(byTag, tag, topic.id);
    if (topic.category !== undefined) push(byCategory, topic.category, topic.id);
    const parts = topic.folder.split('/').filter((p) => p !== '');
    for (let i = 1; i <= parts.length; i++) push(byFolder, parts.slice(0, i).join('/'), topic.id);
    for (const key of Object.keys(topic.fields)) fieldNames.add(key);
    for (const key of Object.keys(topic.facts)) factNames.add(key);
  }
  // Titles win over aliases, aliases over ids; within a kind the first topic in id order wins.
  const sorted = [...input.topics].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const kind of ['title', 'alias', 'id'] as const) {
    for (const topic of sorted) {
      const keys = kind === 'title' ? [topic.title] : kind === 'alias' ? topic.aliases : [topic.id];
      for (const key of keys) if (!names.has(normalise(key))) names.set(normalise(key), topic.id);
    }
  }
  for (const topic of sorted) {
    const last = normalise(topic.id.split('/').pop()!);
    if (!lastSegments.has(last)) lastSegments.set(last, topic.id);
  }
  const displayNames = sorted.flatMap((t) => [t.title, ...t.aliases]);
  const relationTypes = input.relationTypes ?? [...new Set([...RELATION_TYPES, ...input.relations.map((r) => r.type)])];
  const empty: readonly string[] = [];
  const dedupedFrom = dedupe(linksFrom);
  const dedupedTo = dedupe(linksTo);
  const dedupedRelated = dedupe(related);

  return {
    topics: input.topics,
    topic: (id) => byId.get(id),
    resolve:
      input.resolve ??
      ((name) => {
        const key = normalise(name).replace(/\.mdx?$/, '');
        return names.get(key) ?? lastSegments.get(key);
      }),
    suggest: input.suggest ?? ((name) => closestName(name, displayNames)),
    linksFrom: (id) => dedupedFrom.get(id) ?? empty,
    linksTo: (id) => dedupedTo.get(id) ?? empty,
    relationTypes,
    related: (id, type, direction) => dedupedRelated.get(relationKey(id, type, direction)) ?? empty,
    byTag: (tag) => byTag.get(tag) ?? empty,
    byCategory: (category) => byCategory.get(category) ?? empty,
    byFolder: (folder) => byFolder.get(folder) ?? empty,
    fieldNames,
    factNames,
    tagNames: new Set(byTag.keys()),
    categoryNames: new Set(byCategory.keys()),
    folderNames: new Set(byFolder.keys()),
  };
}
