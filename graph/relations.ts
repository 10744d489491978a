// The typed relations a topic may declare, and how each reads in words.
// Lives in graph/ (the lower layer) so the content schema and the graph share one list.

/** Read as "<this topic> <verb> <target>". */
export const RELATION_TYPES = [
  'is-a',
  'part-of',
  'technique-for',
  'measured-by',
  'evaluated-on',
  'runs-on',
  'trades-off-with',
  'improves',
  'related',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** Edge types in the graph: every relation type plus `mentions` for wikilinks in prose. */
export type EdgeType = RelationType | 'mentions';

export function isRelationType(value: string): value is RelationType {
  return (RELATION_TYPES as readonly string[]).includes(value);
}

/** Human wording of each relation, forward ("X is a kind of Y") and inverse ("Y has kind X"). */
export const RELATION_WORDING: Record<EdgeType, { forward: string; inverse: string }> = {
  'is-a': { forward: 'is a kind of', inverse: 'has kind' },
  'part-of': { forward: 'is part of', inverse: 'has part' },
  'technique-for': { forward: 'is a technique for', inverse: 'is served by technique' },
  'measured-by': { forward: 'is measured by', inverse: 'measures' },
  'evaluated-on': { forward: 'is evaluated on', inverse: 'evaluates' },
  'runs-on': { forward: 'runs on', inverse: 'runs' },
  'trades-off-with': { forward: 'trades off with', inverse: 'trades off with' },
  improves: { forward: 'improves', inverse: 'is improved by' },
  related: { forward: 'is related to', inverse: 'is related to' },
  mentions: { forward: 'mentions', inverse: 'is mentioned by' },
};

/** Every edge type, in a fixed order: `mentions` first, then the relation types as declared. */
export const EDGE_TYPES: readonly EdgeType[] = ['mentions', ...RELATION_TYPES];

export function isEdgeType(value: string): value is EdgeType {
  return value === 'mentions' || isRelationType(value);
}

/**
 * Relations that place a topic under a broader one (SKOS `broader`); the others are associative
 * (SKOS `related`).
 */
export const HIERARCHICAL_RELATIONS: ReadonlySet<RelationType> = new Set<RelationType>(['is-a', 'part-of']);
