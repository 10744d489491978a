// The one place the browser talks to pagefind. On first use it imports the bundle the build wrote to
// `<base>pagefind/` (the base comes from <html data-base>), sets the concept-first ranking weights,
// and then answers queries with results ready to render plus facet counts for the filter chips.
// In `astro dev` there is no bundle: that is reported as such, so the UI can say the index appears
// after a build instead of showing an error.
import { joinCjk, segmentCjk } from '../../lib/cjk.ts';
import { conceptFirst } from './conceptFirst.ts';
import { parseExcerpt, type ExcerptPart } from './excerpt.ts';
import { siteRoutes } from '../../routes.ts';

/**
 * pagefind ranking options: names (title, aliases) weigh ten times a plain meta field, the summary
 * counts as usual, the category name not at all ("Technique" should not boost every technique).
 */
export const RANKING = { metaWeights: { title: 10, aliases: 10, summary: 1, category: 0 } } as const;

/** Words of context around the first match. */
const EXCERPT_LENGTH = 24;

export interface SearchSelection {
  category?: string | undefined;
  tags: readonly string[];
}

export interface SearchHit {
  url: string;
  title: string;
  category: string | undefined;
  summary: string | undefined;
  aliases: string[];
  excerpt: ExcerptPart[];
}

export interface FacetCount {
  value: string;
  count: number;
  selected: boolean;
}

export interface SearchOutcome {
  query: string;
  /** Results for the query and the selected filters (only `hits.length` of them are loaded). */
  total: number;
  hits: SearchHit[];
  categories: FacetCount[];
  tags: FacetCount[];
}

export type UnavailableReason = 'dev' | 'missing';

export class SearchUnavailableError extends Error {
  readonly reason: UnavailableReason;
  constructor(reason: UnavailableReason, cause: unknown) {
    super(reason === 'dev' ? 'search index: not built in dev mode' : `search index: could not load (${String(cause)})`);
    this.name = 'SearchUnavailableError';
    this.reason = reason;
  }
}

export interface SearchOptions {
  /** Results to load and return (the rest are only counted). */
  limit: number;
  /**
   * Whether to count results per category and tag. The first such search downloads pagefind's
   * filter index (29 KB gzip on the 5k-page bench wiki), so the dialog asks only once the reader
   * opens its filters; the search page always does.
   */
  facets: boolean;
}

export interface SearchEngine {
  search(query: string, selection: SearchSelection, options: SearchOptions): Promise<SearchOutcome>;
}

type FilterCounts = Record<string, Record<string, number>>;
type FilterQuery = Record<string, string | { all: readonly string[] } | { any: readonly string[] }>;

/** The subset of pagefind.js (1.6) used here. */
interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: { filters?: FilterQuery }): Promise<{ results: PagefindResult[]; filters: FilterCounts }>;
  filters(): Promise<FilterCounts>;
}

interface PagefindResult {
  id: string;
  data(): Promise<{ url: string; excerpt: string; meta: Record<string, string | undefined> }>;
}

let loading: Promise<SearchEngine> | undefined;

export function loadSearchEngine(base: string = document.documentElement.dataset['base'] ?? '/'): Promise<SearchEngine> {
  loading ??= createEngine(base).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function createEngine(base: string): Promise<SearchEngine> {
  const bundle = siteRoutes(base).pagefind();
  let pagefind: PagefindModule;
  try {
    pagefind = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as PagefindModule;
    // noWorker: pagefind's web worker is another 12 KB (gzip) to download and a message hop per
    // call; searching even the 5k-page index takes a few milliseconds, so the main thread is fine
    // (bench/search.mjs: keypress → results median 34 ms without the worker, 47 ms with it).
    await pagefind.options({ basePath: bundle, baseUrl: base, excerptLength: EXCERPT_LENGTH, ranking: RANKING, noWorker: true });
    await pagefind.init();
  } catch (error) {
    throw new SearchUnavailableError(import.meta.env.DEV ? 'dev' : 'missing', error);
  }
  // pagefind counts filter values only once its filter index is loaded.
  let filterIndex: Promise<unknown> | undefined;
  return {
    async search(query, selection, { limit, facets: withFacets }) {
      const term = segmentCjk(query.trim());
      if (!term) return { query, total: 0, hits: [], categories: [], tags: [] };
      if (withFacets) await (filterIndex ??= pagefind.filters());
      const tagFilter: FilterQuery = selection.tags.length ? { tag: { all: selection.tags } } : {};
      // Facet semantics: category counts ignore the chosen category (pick one of several), tag
      // counts respect every chosen filter (narrow further).
      const unnarrowed = await pagefind.search(term, { filters: tagFilter });
      const narrowed = selection.category ? await pagefind.search(term, { filters: { ...tagFilter, category: selection.category } }) : unnarrowed;
      const hits = await Promise.all(narrowed.results.slice(0, limit).map(async (result) => toHit(await result.data())));
      return {
        query,
        total: narrowed.results.length,
        hits: conceptFirst(hits, query),
        categories: withFacets ? facets(unnarrowed.filters['category'], selection.category ? [selection.category] : []) : [],
        tags: withFacets ? facets(narrowed.filters['tag'], selection.tags) : [],
      };
    },
  };
}

function toHit(data: { url: string; excerpt: string; meta: Record<string, string | undefined> }): SearchHit {
  const { title, category, summary, aliases } = data.meta;
  return {
    url: data.url,
    title: joinCjk(title ?? data.url),
    category: category ? joinCjk(category) : undefined,
    summary: summary ? joinCjk(summary) : undefined,
    aliases: aliases ? joinCjk(aliases).split(' · ') : [],
    excerpt: parseExcerpt(data.excerpt),
  };
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Values with results (or selected), most results first. */
export function facets(counts: Record<string, number> | undefined, selected: readonly string[]): FacetCount[] {
  return Object.entries(counts ?? {})
    .filter(([value, count]) => count > 0 || selected.includes(value))
    .map(([value, count]) => ({ value, count, selected: selected.includes(value) }))
    .sort((a, b) => b.count - a.count || collator.compare(a.value, b.value));
}
