// The typed relations a topic may declare, and how each reads in words. The nine below are the
// default vocabulary; a vault may add its own in its site configuration, so everything downstream
// (schema, graph, exports, views) takes a vocabulary rather than a fixed list.

export interface RelationDefinition {
  /** Read as "<this topic> <forward> <target>", e.g. "is a technique for". */
  forward: string;
  /** Read from the target's side, e.g. "is served by technique". */
  inverse: string;
  /** Places a topic under a broader one (SKOS `broader`); otherwise associative (SKOS `related`). */
  hierarchical: boolean;
}

/** Relation type names are lower-case words joined by hyphens, like `is-a` or `technique-for`. */
export type RelationType = string;

/** Edge types in the graph: every relation type, `mentions` for links in prose, `query` for topics listed by a query. */
export type EdgeType = string;

/** Name → definition, in the order the types are shown and encoded. */
export type RelationVocabulary = ReadonlyMap<RelationType, RelationDefinition>;

export const DEFAULT_RELATIONS: RelationVocabulary = new Map<RelationType, RelationDefinition>([
  ['is-a', { forward: 'is a kind of', inverse: 'has kind', hierarchical: true }],
  ['part-of', { forward: 'is part of', inverse: 'has part', hierarchical: true }],
  ['technique-for', { forward: 'is a technique for', inverse: 'is served by technique', hierarchical: false }],
  ['measured-by', { forward: 'is measured by', inverse: 'measures', hierarchical: false }],
  ['evaluated-on', { forward: 'is evaluated on', inverse: 'evaluates', hierarchical: false }],
  ['runs-on', { forward: 'runs on', inverse: 'runs', hierarchical: false }],
  ['trades-off-with', { forward: 'trades off with', inverse: 'trades off with', hierarchical: false }],
  ['improves', { forward: 'improves', inverse: 'is improved by', hierarchical: false }],
  ['related', { forward: 'is related to', inverse: 'is related to', hierarchical: false }],
]);

/** The default relation type names, in order. */
export const RELATION_TYPES: readonly RelationType[] = [...DEFAULT_RELATIONS.keys()];

/** Edges that are not typed relations: links in prose, and topics a page lists through a query. */
export const MENTIONS = 'mentions';
export const LISTED_BY_QUERY = 'query';
const LINK_WORDING: ReadonlyMap<EdgeType, Omit<RelationDefinition, 'hierarchical'>> = new Map([
  [MENTIONS, { forward: 'mentions', inverse: 'is mentioned by' }],
  [LISTED_BY_QUERY, { forward: 'lists (by query)', inverse: 'is listed by a query on' }],
]);

export const RELATION_TYPE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The default vocabulary plus a vault's own types (which may also reword a default one). */
export function relationVocabulary(extra: Readonly<Record<string, RelationDefinition>> = {}): RelationVocabulary {
  const merged = new Map(DEFAULT_RELATIONS);
  for (const [name, definition] of Object.entries(extra)) {
    if (!RELATION_TYPE_PATTERN.test(name) || LINK_WORDING.has(name)) throw new Error(`relationVocabulary: "${name}" cannot be a relation type name`);
    merged.set(name, definition);
  }
  return merged;
}

/** Every edge type of a graph built with `vocabulary`, in a fixed order: mentions, the relations, query. */
export function edgeTypes(vocabulary: RelationVocabulary = DEFAULT_RELATIONS): EdgeType[] {
  return [MENTIONS, ...vocabulary.keys(), LISTED_BY_QUERY];
}

/** How an edge type reads, forward and inverse; undefined for a type outside the vocabulary. */
export function edgeWording(type: EdgeType, vocabulary: RelationVocabulary = DEFAULT_RELATIONS): { forward: string; inverse: string } | undefined {
  return LINK_WORDING.get(type) ?? vocabulary.get(type);
}

/** True for edge types that come from links rather than declared relations. */
export function isLinkEdge(type: EdgeType): boolean {
  return LINK_WORDING.has(type);
}
