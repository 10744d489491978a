// Data records the markdown pipeline hands to the knowledge graph. Plain data, no behaviour:
// the pipeline extracts them once per build and everything else (backlinks, graph, previews,
// lint errors) is derived from them.

/** A topic's identity: its URL path without base or slashes, e.g. `techniques/model-pruning`. */
export type TopicSlug = string & { readonly __brand: 'TopicSlug' };

export function isTopicSlug(value: string): value is TopicSlug {
  return /^[^/\s]+(\/[^/\s]+)*$/.test(value) && value === value.toLowerCase();
}

/** Position of something in a source file, 1-based, for error messages. */
export interface SourcePosition {
  /** Path relative to the content folder's parent as the author sees it, e.g. `content/x.md`. */
  file: string;
  line: number;
  column: number;
}

/** One topic as the graph needs it. */
export interface TopicRecord {
  id: TopicSlug;
  title: string;
  /** Site-relative URL including the base path, e.g. `/wiki/techniques/model-pruning/`. */
  url: string;
  category: string | undefined;
  tags: string[];
  aliases: string[];
  summary: string | undefined;
  wordCount: number;
  file: string;
}

/** One wikilink or Markdown link found in a topic body. */
export interface LinkRecord extends SourcePosition {
  from: TopicSlug;
  /** Resolved target; null when the link is unresolved. */
  to: TopicSlug | null;
  /** The target as written, e.g. `Model pruning`. */
  target: string;
  /** Heading anchor (`[[X#Heading]]`) or block id (`[[X#^id]]`) as written, if any. */
  heading: string | undefined;
  /** Visible link text. */
  text: string;
  /** The sentence the link stands in, as plain text, for backlinks. */
  sentence: string;
  /** `link` for [[X]] / [x](y), `embed` for ![[X]] transclusions, `query` for a topic a query in the page lists. */
  kind: 'link' | 'embed' | 'query';
}

import type { RelationType } from './relations.ts';

/** A typed relation declared in frontmatter. */
export interface RelationRecord extends SourcePosition {
  from: TopicSlug;
  /** Resolved target; null when no topic has that title or alias. */
  to: TopicSlug | null;
  target: string;
  type: RelationType;
}
