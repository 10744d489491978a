// The URL space, owned by one module. Pages, components, the pipeline and the browser islands ask
// here for every URL; none of them builds a URL string of its own.
//
// The rule that keeps any vault buildable: a note may live at any URL, and every page the
// generator adds (A–Z, tags, categories, graph, search, attachments, preview index, exports) lives
// under one reserved first segment, `-/` (GitLab reserves `/-/` for the same reason). Slugs are
// made of letters, marks, digits and single inner hyphens, so no note — whatever its name or
// `permalink` — can ever produce a URL there. The only other generator files sit at the root
// because the web expects them there (robots.txt, sitemap.xml, rss.xml, 404.html, favicon.svg),
// and a slug never contains a dot, so no note can collide with them either.
//
// Each function here has a matching file under src/pages/ (e.g. `tag()` ↔ src/pages/-/tags/).
import type { TopicSlug } from '../graph/types.ts';

/** First path segment of every generator page; a slug can never be `-`. */
export const GENERATOR_SEGMENT = '-';

/**
 * Lower case; every run of characters that are not letters, marks or digits becomes one hyphen.
 * Marks stay with the letter or digit they belong to (Devanagari vowel signs, Arabic harakat);
 * a mark with none before it — the emoji variation selector left behind by `⚠️` — goes, or an
 * invisible character would begin the URL.
 */
export function slugifySegment(segment: string): string {
  return segment
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/(^|-)\p{M}+/gu, '$1')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `techniques/Model Pruning.md` → `techniques/model-pruning`; a folder's `index.md` takes the folder's slug. */
export function slugFromPath(relativePath: string): TopicSlug {
  const withoutExt = relativePath.replace(/\\/g, '/').replace(/\.(md|mdx)$/i, '');
  const segments = withoutExt.split('/').map(slugifySegment).filter((s) => s !== '');
  if (segments.length > 1 && segments[segments.length - 1] === 'index') segments.pop();
  return (segments.length ? segments.join('/') : 'untitled') as TopicSlug;
}

/** What a frontmatter `permalink` asks for: the home page (`/`), a slug, or nothing usable. */
export type PermalinkTarget = { home: true } | { home: false; slug: TopicSlug } | null;

/** `/` → the home page; `/Notes/My Page/` → `notes/my-page`; null when only punctuation is left. */
export function parsePermalink(permalink: string): PermalinkTarget {
  const trimmed = permalink.trim();
  if (/^\/+$/.test(trimmed)) return { home: true };
  const segments = trimmed.split('/').map(slugifySegment).filter((s) => s !== '');
  return segments.length ? { home: false, slug: segments.join('/') as TopicSlug } : null;
}

/** `ML/Pruning` → `ml/pruning` (nested tags keep their hierarchy). */
export function tagSlug(tag: string): string {
  return tag.split('/').map(slugifySegment).filter(Boolean).join('/') || 'tag';
}

/** Every level of a nested tag, broadest first: `area/sub/leaf` → `area`, `area/sub`, `area/sub/leaf`. */
export function tagLevels(tag: string): string[] {
  const parts = tag.split('/').filter(Boolean);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

export function categorySlug(category: string): string {
  return slugifySegment(category) || 'category';
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** URL path prefix with leading and trailing slash: `wiki` → `/wiki/`, `` → `/`. */
export function normalizeBase(raw: string | undefined): string {
  const trimmed = (raw ?? '/').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** Every URL of a site served under `base`. Pure: the build and the browser share it. */
export function siteRoutes(base: string) {
  const generator = `${base}${GENERATOR_SEGMENT}/`;
  return {
    base,
    home: () => base,
    /** A note's URL from its slug (the home note's URL is `home()`: use the topic's stored `url`). */
    // Joined, not concatenated: one flat string, not a tree of pieces, for a URL every topic keeps (see graph/knowledgeGraph.ts edgeKey).
    topic: (slug: TopicSlug) => [base, encodePath(slug), '/'].join(''),
    /** Alias redirect pages share the notes' URL space (they only take free URLs). */
    alias: (path: string) => `${base}${encodePath(path)}/`,
    allTopics: (page = 1) => (page <= 1 ? `${generator}topics/` : `${generator}topics/${page}/`),
    tags: () => `${generator}tags/`,
    tag: (tag: string) => `${generator}tags/${encodePath(tagSlug(tag))}/`,
    categories: () => `${generator}categories/`,
    category: (category: string) => `${generator}categories/${encodeURIComponent(categorySlug(category))}/`,
    graph: (focus?: string) => (focus === undefined ? `${generator}graph/` : `${generator}graph/?focus=${encodeURIComponent(focus)}`),
    search: (query?: string) => (query ? `${generator}search/?q=${encodeURIComponent(query)}` : `${generator}search/`),
    /** Where an unresolved link points in warn mode: a search for what was written. */
    missing: (target: string) => `${generator}search/?q=${encodeURIComponent(target)}`,
    attachment: (vaultPath: string) => `${generator}attachments/${encodePath(vaultPath)}`,
    attachmentsPrefix: () => `${generator}attachments/`,
    previewShard: (shard: number) => `${generator}previews/${shard}.json`,
    /** A topic's local graph data: its neighbourhood, small, for the graph under its page. */
    neighbourhood: (slug: TopicSlug | string) => `${generator}local/${encodePath(slug)}.json`,
    /**
     * Every page linking to a topic, when there are more than its page lists, in pages. Later pages
     * sit under a `-` segment, which no slug segment can be (slugifySegment trims hyphens).
     */
    backlinks: (slug: TopicSlug | string, page = 1) => `${generator}backlinks/${encodePath(slug)}/${page > 1 ? `-/${page}/` : ''}`,
    graphJson: () => `${generator}graph.json`,
    graphGexf: () => `${generator}graph.gexf`,
    graphJsonLd: () => `${generator}graph.jsonld`,
    pagefind: () => `${generator}pagefind/`,
    /** Mermaid's own ES build, served as is (src/pages/-/mermaid/). */
    mermaidModule: () => `${generator}mermaid/mermaid.esm.min.mjs`,
    assets: () => `${base}_astro/`,
    rss: () => `${base}rss.xml`,
    /** The sitemap: a <urlset>, or above DEFAULTS.urlsPerSitemap URLs (src/lib/sitemap.ts) a <sitemapindex> of sitemapPart(1…n). */
    sitemap: () => `${base}sitemap.xml`,
    sitemapPart: (part: number) => `${generator}sitemaps/${part}.xml`,
    robots: () => `${base}robots.txt`,
    favicon: () => `${base}favicon.svg`,
    /** The not-found page as built; hosts serve it from `notFound()`, where it is copied after the build. */
    notFoundPage: () => `${generator}404/`,
    notFound: () => `${base}404.html`,
  };
}

export type SiteRoutes = ReturnType<typeof siteRoutes>;

/** The `[...slug]` route parameter of a page URL: its path after the base, decoded, no trailing slash. */
export function routeParam(base: string, url: string): string {
  return decodeURIComponent(url.slice(base.length)).replace(/\/$/, '');
}

/**
 * The key a page is known by in the preview index: its URL path after the base, without the
 * trailing slash (the home page is ''). The build writes previews under this key and the browser
 * computes it from a link's href, so links to the home page and to permalinks work too.
 */
export function pageKey(base: string, pathname: string): string | undefined {
  if (!pathname.startsWith(base)) return undefined;
  let rest = pathname.slice(base.length);
  try {
    rest = decodeURIComponent(rest);
  } catch {
    return undefined;
  }
  if (rest.startsWith(`${GENERATOR_SEGMENT}/`) || rest.startsWith('_astro/')) return undefined;
  return rest.replace(/\/$/, '');
}
