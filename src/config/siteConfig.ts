// The site configuration: everything that makes a built vault *its own* site — name, language,
// home note, look, navigation, vocabulary — in one zod schema, the single source of truth (every
// field documented here, defaults here, types derived from it). It lives with the content, in
// `atlas.yaml` at the vault's root, so a vault carries its identity wherever it is built; where
// and how the site is deployed (base path, origin, output folder) comes from the environment
// instead (src/config/loadConfig.ts). With no file at all, a vault builds as a neutral site named
// after its folder.
import { z } from 'zod';
import { RELATION_TYPE_PATTERN } from '../../graph/relations.ts';

/** The file at the vault's root that holds the site configuration. */
export const SITE_CONFIG_FILE = 'atlas.yaml';

const nonEmpty = z.string().trim().min(1);

/** A link in the header or footer: a note (`[[Note]]` or its name) or an http(s)/mailto URL. */
const chromeLinkSchema = z.strictObject({
  /** The text readers see. */
  text: nonEmpty,
  /** `[[Note title]]`, a note's name, or an http(s) / mailto URL. */
  link: nonEmpty,
});

const relationDefinitionSchema = z.strictObject({
  /** How the relation reads from the declaring topic: "X <forward> Y", e.g. "cites". */
  forward: nonEmpty,
  /** How it reads from the target's side: "Y <inverse> X", e.g. "is cited by". */
  inverse: nonEmpty,
  /** True when X is a narrower concept under Y (exported as SKOS broader); default false. */
  hierarchical: z.boolean().default(false),
});

export const siteConfigSchema = z.strictObject({
  /** Site name: header, window titles, feeds, structured data. Default: the vault folder's name. */
  title: nonEmpty.optional(),
  /** One sentence about the site: home page, meta description, RSS channel. */
  description: nonEmpty.optional(),
  /** Language of the content, a BCP 47 tag such as `en`, `de` or `pt-BR` (sets <html lang>). */
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'use a BCP 47 language tag such as "en" or "pt-BR"')
    .default('en'),
  /**
   * The note shown as the home page, by title, alias or path (`[[Welcome]]` or `Welcome`).
   * Default: the note with `permalink: /`, else one with `home: true`, else a root `index.md`;
   * with none of these the home page lists the most important topics.
   */
  home: nonEmpty.optional(),
  /** Vault path of an image shown before the title in the header, e.g. `assets/logo.svg`. */
  logo: nonEmpty.optional(),
  /** Vault path of the site icon (SVG, PNG or ICO). Default: a small graph icon. */
  favicon: nonEmpty.optional(),
  /** Accent colour for links and highlights, as `#rgb` or `#rrggbb`; the dark theme lightens it. */
  accent: z
    .string()
    .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'use a hex colour such as "#2f6feb"')
    .optional(),
  /** Extra links in the header, after the site's own (All topics, Graph, Categories). */
  header: z.array(chromeLinkSchema).default([]),
  /** Footer text, one line of Markdown: emphasis, `[[wikilinks]]` and [links](https://…). */
  footer: nonEmpty.optional(),
  /** Links in the footer, after the text. */
  footerLinks: z.array(chromeLinkSchema).default([]),
  /**
   * The categories notes may use, in the order the site lists them. When given, a note with any
   * other category is an error; when left out, categories come from the notes, alphabetically.
   */
  categories: z.array(nonEmpty).optional(),
  /** Relation types beyond the nine built in (is-a, part-of, …), or new wording for those. */
  relations: z
    .record(z.string().regex(RELATION_TYPE_PATTERN, 'relation type names are lower-case words joined by hyphens, e.g. "cites"'), relationDefinitionSchema)
    .default({}),
  /** External images. */
  images: z
    .strictObject({
      /**
       * Origins (`https://host`) whose images may be shown. They are added to the
       * Content-Security-Policy; an image from any other origin renders as a link instead.
       */
      allowedOrigins: z.array(z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin)).default([]),
    })
    .default({ allowedOrigins: [] }),
  /** What an unresolved link does to the build: `error` (default) fails it, `warn` builds and lists them. ATLAS_LINKS overrides it. */
  links: z.enum(['error', 'warn']).default('error'),
});

export type SiteConfig = z.output<typeof siteConfigSchema>;
export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type ChromeLink = z.output<typeof chromeLinkSchema>;
