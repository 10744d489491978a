// Search indexing, run once after the static build (astro:build:done): every built HTML page goes
// through pagefind's Node API and the index is written where src/routes.ts says (`<dist>/-/pagefind/`).
//
// What gets indexed: only the topic article (`data-pagefind-body` in src/pages/[...slug].astro), so
// navigation, backlinks and footers never match; src/components/SearchMeta.astro adds the meta
// (category, summary, aliases) and filters (category, tag) each result carries.
//
// Concept-first ranking, in three layers (src/client/search/conceptFirst.ts has the last one):
//  1. Names are indexed as names. The title (pagefind's `title` meta, from the h1) and the aliases
//     (`aliases` meta) are searchable metadata fields: pagefind ≥ 1.5 adds a boost of
//     weight × IDF × coverage² to a page whose meta field contains the query terms, on top of its
//     BM25 body score.
//  2. The browser raises those weights (`ranking.metaWeights`, title and aliases 10, summary 1,
//     category 0), so a page *named* by the query outscores pages that repeat the word in their
//     body; term saturation keeps repetition from paying off without bound.
//  3. Among the results it shows, the UI moves a page whose title or one alias equals the whole
//     query (case, accents, punctuation ignored) to the top, so "precision" means Precision (metric)
//     rather than Mean average precision, whose title merely contains the word.
//
// Chinese and Japanese text is split into single-character words before pagefind sees it
// (src/lib/cjk.ts explains why): pages are passed with addHTMLFile rather than addDirectory so that
// happens in memory and the files on disk are not touched. Only pages with a data-pagefind-body
// element are sent; pagefind would skip the others (lists, alias redirects) anyway.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import type * as Pagefind from 'pagefind';
import { containsCjk, segmentCjk } from '../lib/cjk.ts';
import type { Site } from '../lib/site.ts';

export interface SearchIndexArgs {
  /** The built site (Astro's `dir`). */
  dir: URL | string;
  /** Where the index goes, relative to `dir` (e.g. `-/pagefind`). */
  indexPath: string;
  pagefind: Pick<typeof Pagefind, 'createIndex' | 'close'>;
  logger: Pick<AstroIntegrationLogger, 'info' | 'error'>;
}

export interface SearchIndexResult {
  /** HTML files handed to pagefind: those with a data-pagefind-body element. */
  files: number;
  outputPath: string;
}

/** pagefind's own UI bundles: the site ships its own search UI, so these are deleted after writing. */
export const UNUSED_BUNDLE_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

/** How many files are in flight to the pagefind service at once. */
const CONCURRENCY = 32;

export class SearchIndexError extends Error {
  constructor(message: string) {
    super(`search index: ${message}`);
    this.name = 'SearchIndexError';
  }
}

export async function buildSearchIndex({ dir, indexPath, pagefind, logger }: SearchIndexArgs): Promise<SearchIndexResult> {
  const root = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const outputPath = join(root, indexPath);
  const fail = (message: string): never => {
    const error = new SearchIndexError(message);
    logger.error(error.message);
    throw error;
  };
  const started = performance.now();
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (errors.length || !index) return fail(`pagefind could not create an index: ${errors.join('; ') || 'no index returned'}`);

    const files = htmlFiles(root).filter((file) => !file.startsWith(outputPath + sep));
    let indexed = 0;
    for (let i = 0; i < files.length; i += CONCURRENCY) {
      const batch = files
        .slice(i, i + CONCURRENCY)
        .map((file) => ({ file, html: readFileSync(file, 'utf8') }))
        // Only topic pages mark an indexable body; pagefind would skip the rest (lists, alias
        // redirects, 404) anyway, so they are not sent: half the files on a wiki with aliases.
        .filter(({ html }) => html.includes('data-pagefind-body'));
      const responses = await Promise.all(batch.map(({ file, html }) => index.addHTMLFile({ url: urlOf(relative(root, file)), content: htmlForIndex(html) })));
      responses.forEach((response, j) => {
        if (response.errors.length) fail(`pagefind could not index ${relative(root, batch[j]!.file)}: ${response.errors.join('; ')}`);
      });
      indexed += batch.length;
    }

    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) fail(`pagefind could not write ${outputPath}: ${written.errors.join('; ')}`);
    for (const name of UNUSED_BUNDLE_FILES) rmSync(join(outputPath, name), { force: true });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    logger.info(`search index: ${indexed} of ${files.length} HTML files indexed in ${seconds} s into ${relative(process.cwd(), outputPath) || outputPath}`);
    return { files: indexed, outputPath };
  } catch (error) {
    if (error instanceof SearchIndexError) throw error;
    // pagefind rejects with strings as well as Errors (a crashed or missing binary).
    return fail(`pagefind failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await pagefind.close();
  }
}

/** The post-build step for astro.config.mjs: loads the real pagefind and indexes the build. */
export async function searchIndexStep({ dir, logger, site }: { dir: URL; logger: AstroIntegrationLogger; site: Pick<Site, 'routes'> }): Promise<void> {
  const indexPath = site.routes.pagefind().slice(site.routes.base.length);
  await buildSearchIndex({ dir, indexPath, logger, pagefind: await import('pagefind') });
}

/** `techniques/x/index.html` → `/techniques/x/`, percent-encoded as a browser would request it. */
export function urlOf(relativePath: string): string {
  const path = relativePath.split(sep).join('/').replace(/(^|\/)index\.html$/, '$1');
  return encodeURI(`/${path}`);
}

/**
 * The HTML pagefind indexes: unchanged, except that text outside tags, scripts and styles has its
 * CJK words separated by spaces. Only ever passed to pagefind, never written.
 */
export function htmlForIndex(html: string): string {
  if (!containsCjk(html)) return html;
  let inRawText = false;
  // Filter values are matched exactly, not searched: the text right after a filter tag stays as is.
  let afterFilterTag = false;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        if (/^<(script|style)\b/i.test(part)) inRawText = true;
        else if (/^<\/(script|style)\b/i.test(part)) inRawText = false;
        afterFilterTag = /\sdata-pagefind-filter=/i.test(part);
        return part;
      }
      return inRawText || afterFilterTag ? part : segmentCjk(part);
    })
    .join('');
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
