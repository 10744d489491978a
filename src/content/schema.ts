// The content schema: the single source of truth for topic frontmatter.
// Every field is documented here; defaults live here; the TypeScript types are derived from it.
// It accepts frontmatter in every form Obsidian does (a single value for a list, comma-separated
// lists, `tag`/`alias` singular keys, `cssclass`), and keeps unknown keys: a vault's own
// properties are data too (queries can read them), never rejected.
import { z } from 'zod';
import { parseIsoDate } from '../../graph/query/parseIsoDate.ts';
import { citationUrl } from '../urlPolicy.ts';

/** A list written as a YAML list, a single value, or one comma-separated string. */
function looseList(separator: RegExp) {
  return z.preprocess(
    (v) => {
      if (v == null || v === '') return [];
      if (typeof v === 'string') return v.split(separator).map((s) => s.trim()).filter(Boolean);
      if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
      // `aliases: [[Other name]]` (a wikilink written in a YAML list) parses as a nested list.
      if (Array.isArray(v)) return v.flat(Infinity).filter((item) => item != null && item !== '');
      return v;
    },
    z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)),
  );
}

/** `true`/`false`, also written as yes/no or on/off (YAML 1.1 habits in older vaults). */
const looseBoolean = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  if (['true', 'yes', 'on'].includes(s)) return true;
  if (['false', 'no', 'off'].includes(s)) return false;
  return v;
}, z.boolean());

/** Text fields a vault may have written as a number or a date. */
const looseText = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v).trim());

/** Relation targets may be written as plain titles or as `[[Title]]`, one or many. */
const relationTargets = z.preprocess(
  (v) => (v == null ? [] : typeof v === 'string' ? [v] : Array.isArray(v) ? v.flat(Infinity).filter((t) => t != null) : v),
  z.array(z.coerce.string().transform((t) => t.trim().replace(/^\[\[|\]\]$/g, '').split('|')[0]!.trim())),
);

/** A date as YAML writes it: 2024-05-01, or an ISO date-time such as 2024-05-01T10:00:00Z. */
const dateValue = z.preprocess(
  (v) => (typeof v === 'string' ? (parseIsoDate(v) ?? v) : v),
  z.date({ message: 'write an ISO date, e.g. 2024-05-01' }).refine((d) => !Number.isNaN(d.getTime()), 'write an ISO date, e.g. 2024-05-01'),
);

export const referenceSchema = z.object({
  /** Title of the cited work. */
  title: looseText.pipe(z.string().min(1)),
  /** Authors as written in the citation, e.g. "Han, S.; Pool, J.; Tran, J.; Dally, W." */
  authors: looseText.pipe(z.string().min(1)),
  /** Year of publication. */
  year: z.coerce.number().int().min(1000).max(2100),
  /** Journal, conference or publisher. */
  venue: looseText.optional(),
  /** Where a reader can find it: an http(s) URL, or `doi:10.…` (shown as its doi.org link). */
  url: z
    .string()
    .transform((raw, ctx) => {
      const url = citationUrl(raw);
      if (url === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${raw.slice(0, 80)}" is not an http(s) or doi: URL — references link only to web pages` });
        return z.NEVER;
      }
      return url;
    })
    .optional(),
});

export const faqSchema = z.object({
  /** The question, as a reader would ask it. */
  q: looseText.pipe(z.string().min(1)),
  /** The answer: Markdown like the body (wikilinks, embeds, #tags, several paragraphs). */
  a: looseText.pipe(z.string().min(1)),
});

export const topicFrontmatterSchema = z.looseObject({
  /** Page title; defaults to the file name without extension. */
  title: looseText.pipe(z.string().min(1)).optional(),
  /** One-line summary shown under the title, in previews, search results and feeds. */
  summary: looseText.optional(),
  /** Used as the summary when there is none (Quartz and many vaults write `description`). */
  description: looseText.optional(),
  /** Other names a wikilink or search may use for this topic: a list or a comma-separated string. */
  aliases: looseList(/,/).default([]),
  /** Singular form Obsidian also reads; merged into `aliases`. */
  alias: looseList(/,/).default([]),
  /** Tags, nested with `/` (`area/sub`); a list or a comma- or space-separated string; a leading `#` is dropped. */
  tags: looseList(/[,\s]+/).default([]),
  /** Singular form Obsidian also reads; merged into `tags`. */
  tag: looseList(/[,\s]+/).default([]),
  /** Kind of topic, any name; the site configuration may list the allowed ones and their order. */
  category: looseText.pipe(z.string().min(1)).optional(),
  /** Typed links to other topics by title or alias: `relations: { is-a: [Compression] }`. */
  relations: z.record(z.string(), relationTargets).default({}),
  /** Infobox rows, in the order written: `facts: { Introduced: 1989 }`. */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  /** Questions and answers shown as an FAQ and emitted as schema.org FAQPage. */
  faq: z.array(faqSchema).default([]),
  /** Primary sources, numbered in the order written. */
  references: z.array(referenceSchema).default([]),
  /** Name of the in-page demo shown on this topic (see src/demos/registry.ts). */
  demo: looseText.optional(),
  /** Marks the note shown as the home page (also: `permalink: /`, or `home` in atlas.yaml). */
  home: looseBoolean.default(false),
  /** Drafts are not built; links to them render as plain text with a warning. */
  draft: looseBoolean.default(false),
  /** Obsidian Publish: `publish: false` leaves the note out, like a draft. */
  publish: looseBoolean.default(true),
  /** URL path overriding the one derived from the file path, as Obsidian Publish does; `/` makes the note the home page. */
  permalink: looseText.optional(),
  /** CSS classes put on the page's article (Obsidian's `cssclasses`, or the older `cssclass`). */
  cssclasses: looseList(/[,\s]+/).default([]),
  cssclass: looseList(/[,\s]+/).default([]),
  /** When the page was first written; default: its first commit in git, else the file's time. */
  created: dateValue.optional(),
  /** When the page last changed; default: its last commit in git, else the file's time. */
  updated: dateValue.optional(),
});

export type TopicFrontmatter = z.output<typeof topicFrontmatterSchema>;
export type Reference = z.output<typeof referenceSchema>;
export type FaqEntry = z.output<typeof faqSchema>;
export type Relations = TopicFrontmatter['relations'];

/** The frontmatter a page renders from: singular keys merged, tags without `#`, classes made safe. */
export interface NoteMetadata {
  title: string | undefined;
  summary: string | undefined;
  aliases: string[];
  tags: string[];
  category: string | undefined;
  cssClasses: string[];
}

/** Merges Obsidian's alternative spellings into one shape. */
export function noteMetadata(data: TopicFrontmatter): NoteMetadata {
  const unique = (list: string[]) => [...new Set(list)];
  return {
    title: data.title,
    summary: data.summary || data.description || undefined,
    aliases: unique([...data.aliases, ...data.alias].map((a) => a.trim()).filter(Boolean)),
    tags: unique([...data.tags, ...data.tag].map((t) => t.trim().replace(/^#+/, '').replace(/^\/+|\/+$/g, '')).filter(Boolean)),
    category: data.category,
    // Class names are an author's hooks for CSS, nothing more: letters, digits, - and _ only.
    cssClasses: unique([...data.cssclasses, ...data.cssclass].map((c) => c.replace(/[^A-Za-z0-9_-]/g, '')).filter((c) => /^[A-Za-z_-]/.test(c))),
  };
}
