// Tiny builders for the pipeline's records, so each test states only what matters to it.
import type { LinkRecord, RelationRecord, TopicRecord, TopicSlug } from '../../../graph/types.ts';
import type { RelationType } from '../../../graph/relations.ts';

export const slug = (id: string) => id as TopicSlug;

export function topic(id: string, overrides: Partial<TopicRecord> = {}): TopicRecord {
  return {
    id: slug(id),
    title: id.toUpperCase(),
    url: `/wiki/${id}/`,
    category: 'Concept',
    tags: [],
    aliases: [],
    summary: `About ${id}.`,
    wordCount: 300,
    file: `content/${id}.md`,
    ...overrides,
  };
}

export function link(from: string, to: string | null, overrides: Partial<LinkRecord> = {}): LinkRecord {
  return {
    from: slug(from),
    to: to === null ? null : slug(to),
    target: to ?? 'Nowhere',
    heading: undefined,
    text: to ?? 'Nowhere',
    sentence: '',
    kind: 'link',
    file: `content/${from}.md`,
    line: 10,
    column: 5,
    ...overrides,
  };
}

export function relation(from: string, type: RelationType, to: string | null, overrides: Partial<RelationRecord> = {}): RelationRecord {
  return {
    from: slug(from),
    to: to === null ? null : slug(to),
    target: to === null ? 'Nowhere' : to.toUpperCase(),
    type,
    file: `content/${from}.md`,
    line: 3,
    column: 3,
    ...overrides,
  };
}

/** Directed links for each "a>b" pair. */
export function links(...pairs: string[]): LinkRecord[] {
  return pairs.map((pair) => {
    const [from, to] = pair.split('>');
    return link(from!, to!);
  });
}
