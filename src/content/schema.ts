// The content schema: the single source of truth for topic frontmatter.
// Every field is documented here; defaults live here; the TypeScript types are derived from it.
// Unknown keys are kept (foreign Obsidian vaults carry their own), never rejected.
import { z } from 'zod';
import { RELATION_TYPES } from '../../graph/relations.ts';

/** Categories used by the shipped wiki; foreign vaults may leave `category` out. */
export const CATEGORIES = [
  'Concept',
  'Technique',
  'Hardware',
  'Benchmark',
  'Dataset',
  'Metric',
  'Model',
  'Application',
  'Person',
  'Organization',
] as const;
export type Category = (typeof CATEGORIES)[number];

export { RELATION_TYPES, type RelationType } from '../../graph/relations.ts';

/** Obsidian lets a single value stand for a one-item list (`aliases: pruning`); accept both. */
const stringList = z.preprocess(
  (v) => (v == null ? [] : typeof v === 'string' ? [v] : v),
  z.array(z.coerce.string()),
);

/** Relation targets may be written as plain titles or as `[[Title]]`, one or many. */
const relationTargets = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.array(z.string().transform((t) => t.replace(/^\[\[|\]\]$/g, '').split('|')[0]!.trim())),
);

export const referenceSchema = z.object({
  /** Title of the cited work. */
  title: z.string().min(1),
  /** Authors as written in the citation, e.g. "Han, S.; Pool, J.; Tran, J.; Dally, W." */
  authors: z.string().min(1),
  /** Year of publication. */
  year: z.number().int().min(1000).max(2100),
  /** Journal, conference or publisher. */
  venue: z.string().optional(),
  /** Where a reader can find it (DOI or official page). */
  url: z.url().optional(),
});

export const faqSchema = z.object({
  /** The question, as a reader would ask it. */
  q: z.string().min(1),
  /** The answer, plain text (wikilinks allowed). */
  a: z.string().min(1),
});

export const topicFrontmatterSchema = z.looseObject({
  /** Page title; defaults to the file name without extension. */
  title: z.coerce.string().min(1).optional(),
  /** One-line summary shown under the title, in previews, search results and feeds. */
  summary: z.string().optional(),
  /** Other names a wikilink or search may use for this topic. */
  aliases: stringList.default([]),
  /** Free-form tags; a leading `#` is dropped. */
  tags: stringList.transform((tags) => tags.map((t) => t.replace(/^#/, ''))).default([]),
  /** Kind of topic; required by the shipped wiki's content test, optional for foreign vaults. */
  category: z.enum(CATEGORIES).optional(),
  /** Typed links to other topics by title or alias: `relations: { is-a: [Compression] }`. */
  relations: z.partialRecord(z.enum(RELATION_TYPES), relationTargets).default({}),
  /** Infobox rows, in the order written: `facts: { Introduced: 1989 }`. */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  /** Questions and answers shown as an FAQ and emitted as schema.org FAQPage. */
  faq: z.array(faqSchema).default([]),
  /** Primary sources, numbered in the order written. */
  references: z.array(referenceSchema).default([]),
  /** Name of the in-page demo shown on this topic (see src/demos/registry.ts). */
  demo: z.string().optional(),
  /** Marks the hub article shown on the home page (else a root `index.md`, else the top PageRank topic). */
  home: z.boolean().default(false),
  /** Drafts are not built. */
  draft: z.boolean().default(false),
  /** URL path overriding the one derived from the file path, as Obsidian Publish does. */
  permalink: z.string().optional(),
});

export type TopicFrontmatter = z.output<typeof topicFrontmatterSchema>;
export type Reference = z.output<typeof referenceSchema>;
export type FaqEntry = z.output<typeof faqSchema>;
export type Relations = TopicFrontmatter['relations'];
