// What the query evaluator needs to know about a wiki, and nothing more. The build implements it
// from its site model (or uses createQueryContext over plain records); tests use small fixtures.
// Every lookup returns ids; the evaluator orders results itself, so the order of these arrays
// does not matter.

export interface QueryTopic {
  /** Topic slug, unique. */
  id: string;
  title: string;
  summary: string | undefined;
  category: string | undefined;
  /** Nested tags are written 'area/sub', without '#'. */
  tags: readonly string[];
  aliases: readonly string[];
  /** Vault folder of the file, '' at the root, e.g. 'techniques/vision'. */
  folder: string;
  /** The page's frontmatter as parsed YAML (any keys). */
  fields: Readonly<Record<string, unknown>>;
  facts: Readonly<Record<string, string>>;
  pagerank: number;
  /** Distinct topics linking here. */
  inbound: number;
  /** Distinct topics linked from here. */
  outbound: number;
  words: number;
  created: Date | undefined;
  updated: Date | undefined;
}

export type RelationLookupDirection = 'out' | 'in';

export interface QueryContext {
  /** Every topic, in any order. */
  topics: readonly QueryTopic[];
  topic(id: string): QueryTopic | undefined;
  /** A title, alias or path as written in [[...]] → topic id. */
  resolve(name: string): string | undefined;
  /** Did-you-mean for a topic name that does not resolve. */
  suggest(name: string): string | undefined;
  /** Topics this topic's text links to (deduplicated). */
  linksFrom(id: string): readonly string[];
  /** Topics whose text links to this topic (deduplicated). */
  linksTo(id: string): readonly string[];
  /** Relation types this wiki knows, e.g. is-a, part-of (vaults may add their own). */
  relationTypes: readonly string[];
  /** 'out': topics `id` declares `type` relations to; 'in': topics declaring `type` to `id`. */
  related(id: string, type: string, direction: RelationLookupDirection): readonly string[];
  /** Topics with exactly this tag (the evaluator expands nested tags through tagNames). */
  byTag(tag: string): readonly string[];
  byCategory(category: string): readonly string[];
  /** Topics in this folder, directly or in a subfolder. */
  byFolder(folder: string): readonly string[];
  /** Every frontmatter key used anywhere. */
  fieldNames: ReadonlySet<string>;
  /** Every facts key used anywhere. */
  factNames: ReadonlySet<string>;
  /** Every tag used anywhere, as written in topics' `tags`. */
  tagNames: ReadonlySet<string>;
  /** Every category used anywhere. */
  categoryNames: ReadonlySet<string>;
  /** Every folder holding a topic, with its ancestors ('techniques', 'techniques/vision'); not ''. */
  folderNames: ReadonlySet<string>;
}
