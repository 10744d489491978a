// Search indexing with pagefind's Node API. Documents come from the site model
// (src/lib/searchDocument.ts), so indexing starts as soon as the model is built and runs in
// pagefind's own process while Astro writes the pages; the index is written into the build where
// src/routes.ts says (`<dist>/-/pagefind/`) once the pages are done.
//
// What gets indexed: only the article a topic page shows (facts, prose, FAQ, references), never
// navigation, backlinks or footers; with meta (title, category, summary, aliases) each result
// carries, and filters (category, tag) for the chips.
//
// Concept-first ranking, in three layers (src/client/search/conceptFirst.ts has the last one):
//  1. Names are indexed as names. The title and the aliases are searchable metadata fields:
//     pagefind ≥ 1.5 adds a boost of weight × IDF × coverage² to a page whose meta field contains
//     the query terms, on top of its BM25 body score.
//  2. The browser raises those weights (`ranking.metaWeights`, title and aliases 10, summary 1,
//     category 0), so a page *named* by the query outscores pages that repeat the word in their
//     body; term saturation keeps repetition from paying off without bound.
//  3. Among the results it shows, the UI moves a page whose title or one alias equals the whole
//     query to the top, so "precision" means Precision (metric) rather than Mean average precision.
//
// Chinese and Japanese text is split into single-character words before pagefind sees it
// (src/lib/cjk.ts explains why).
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import type * as Pagefind from 'pagefind';
import { containsCjk, segmentCjk } from '../lib/cjk.ts';

export interface SearchIndexArgs {
  /** One HTML document per topic: its URL (after the base path) and the article to index. */
  documents: ReadonlyArray<{ url: string; html: string }>;
  pagefind: Pick<typeof Pagefind, 'createIndex' | 'close'>;
  logger: Pick<AstroIntegrationLogger, 'info' | 'error'>;
}

export interface SearchIndexResult {
  /** Documents indexed. */
  files: number;
  outputPath: string;
}

/** An index being built; `write` waits for it and writes the bundle. */
export interface SearchIndexJob {
  write(outputPath: string): Promise<SearchIndexResult>;
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

/** How many documents are in flight to the pagefind service at once. */
const CONCURRENCY = 32;

export class SearchIndexError extends Error {
  constructor(message: string) {
    super(`search index: ${message}`);
    this.name = 'SearchIndexError';
  }
}

/** Starts indexing at once; nothing waits for it until `write`. */
export function startSearchIndex({ documents, pagefind, logger }: SearchIndexArgs): SearchIndexJob {
  const fail = (message: string): never => {
    const error = new SearchIndexError(message);
    logger.error(error.message);
    throw error;
  };
  const started = performance.now();
  const indexing = (async () => {
    const { index, errors } = await pagefind.createIndex({});
    if (errors.length || !index) return fail(`pagefind could not create an index: ${errors.join('; ') || 'no index returned'}`);
    for (let i = 0; i < documents.length; i += CONCURRENCY) {
      const batch = documents.slice(i, i + CONCURRENCY);
      const responses = await Promise.all(batch.map((doc) => index.addHTMLFile({ url: doc.url, content: htmlForIndex(doc.html) })));
      responses.forEach((response, j) => {
        if (response.errors.length) fail(`pagefind could not index ${batch[j]!.url}: ${response.errors.join('; ')}`);
      });
    }
    return index;
  })();
  // Nothing waits for it until `write`: a failure must not surface as an unhandled rejection first.
  indexing.catch(() => {});
  return {
    async write(outputPath) {
      try {
        const index = await indexing;
        const written = await index.writeFiles({ outputPath });
        if (written.errors.length) fail(`pagefind could not write ${outputPath}: ${written.errors.join('; ')}`);
        for (const name of UNUSED_BUNDLE_FILES) rmSync(join(outputPath, name), { force: true });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        logger.info(`search index: ${documents.length} pages indexed in ${seconds} s, alongside the page rendering, into ${relative(process.cwd(), outputPath) || outputPath}`);
        return { files: documents.length, outputPath };
      } catch (error) {
        if (error instanceof SearchIndexError) throw error;
        // pagefind rejects with strings as well as Errors (a crashed or missing binary).
        return fail(`pagefind failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await pagefind.close();
      }
    },
  };
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
