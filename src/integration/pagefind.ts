// Search indexing with pagefind. Documents come from the site model (src/lib/searchDocument.ts), so
// indexing starts as soon as the model is built and runs in pagefind's own process while Astro
// writes the pages, straight into the build where src/routes.ts says (`<dist>/-/pagefind/`).
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
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { freemem, getPriority, setPriority, tmpdir } from 'node:os';
import { rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { containsCjk, segmentCjk } from '../lib/cjk.ts';
import { backgroundPriority } from '../pipeline/askWorker.ts';

export interface SearchIndexArgs {
  /** One HTML document per topic: its URL (after the base path) and the article to index. */
  documents: ReadonlyArray<{ url: string; html: string }>;
  /** Where the bundle goes: `<dist>/-/pagefind`. */
  outputPath: string;
  /** A scratch folder for the documents, deleted when the index is written. */
  workDir: string;
  logger: Pick<AstroIntegrationLogger, 'info' | 'error'>;
  /** The pagefind command line (tests pass a stand-in): default, the pagefind package's. */
  command?: readonly string[];
}

export interface SearchIndexResult {
  /** Documents indexed. */
  files: number;
  outputPath: string;
}

/** An index being built; `done` waits for it. */
export interface SearchIndexJob {
  done(): Promise<SearchIndexResult>;
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

export class SearchIndexError extends Error {
  constructor(message: string) {
    super(`search index: ${message}`);
    this.name = 'SearchIndexError';
  }
}

/** pagefind's command line, run with this Node (its runner starts the platform's binary). */
function pagefindCommand(): string[] {
  // The package exports only its Node API; its command-line runner sits beside it.
  const api = fileURLToPath(import.meta.resolve('pagefind'));
  return [process.execPath, join(dirname(api), 'runner/bin.cjs')];
}

/**
 * Starts indexing at once and returns; nothing waits for it until `done`. The documents are
 * written as files and indexed by pagefind's command line, which parses and indexes them on every
 * core (its Node API takes one document at a time and was twice as slow at 5,000 pages). Each
 * file sits at its page's URL, so pagefind's results link to the pages.
 */
export function startSearchIndex({ documents, outputPath, workDir, logger, command = pagefindCommand() }: SearchIndexArgs): SearchIndexJob {
  const fail = (message: string): never => {
    const error = new SearchIndexError(message);
    logger.error(error.message);
    throw error;
  };
  const started = performance.now();
  const count = documents.length;
  // Nothing below refers to `documents`: once written they can go (at 100,000 pages, half a
  // gigabyte the build no longer holds while pagefind indexes and Astro renders).
  writeDocuments(documents, workDir);
  // An index from the last build is brought up to date rather than replaced (see updateFolder).
  const bundle = existsSync(outputPath) ? `${workDir}-bundle` : outputPath;
  const indexing = (async () => {
    const [program, ...args] = command;
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(program!, [...args, '--site', workDir, '--output-path', bundle, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
      lowerPriority(child.pid);
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', (error) => resolve({ code: null, output: error.message }));
      child.on('close', (exitCode) => resolve({ code: exitCode, output }));
    });
    if (code !== 0) fail(`pagefind failed${code === null ? '' : ` (exit ${code})`}: ${output.trim().split('\n').slice(-5).join(' ') || 'no output'}`);
    for (const name of UNUSED_BUNDLE_FILES) rmSync(join(bundle, name), { force: true });
    if (bundle !== outputPath) {
      updateFolder(bundle, outputPath);
      await rm(bundle, { recursive: true, force: true });
    }
    return (performance.now() - started) / 1000;
  })();
  // Nothing waits for it until `done`: a failure must not surface as an unhandled rejection first.
  indexing.catch(() => {});
  return {
    async done() {
      try {
        const seconds = await indexing;
        logger.info(`search index: ${count} pages indexed in ${seconds.toFixed(1)} s, alongside the page rendering, into ${relative(process.cwd(), outputPath) || outputPath}`);
        return { files: count, outputPath };
      } finally {
        rmSync(workDir, { recursive: true, force: true });
        if (bundle !== outputPath) rmSync(bundle, { recursive: true, force: true });
      }
    },
  };
}

/**
 * pagefind indexes while Astro renders the pages, and on a machine with few cores the two compete:
 * it yields to the build (its own process and the indexer it starts, which inherits the nice value).
 */
function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, backgroundPriority(getPriority()));
  } catch {
    // Not allowed, or already gone: the index is the same either way.
  }
}

/**
 * Makes folder `to` hold exactly what `from` holds, writing only the files that differ and deleting
 * only the ones `from` lacks. pagefind names most files by a hash of their content, so after an
 * edit to one page nearly all of a 5,000-page index is the same as the last build's: rewriting it
 * whole meant deleting and creating thousands of files, which on this project's CI disks (ext4
 * without a journal, where a new file's inode is found by scanning past every recently freed one)
 * made the search index the slowest step of a warm build.
 */
export function updateFolder(from: string, to: string): void {
  const wanted = new Set<string>();
  // Synchronous: thousands of small reads from the page cache take a fraction of a second this
  // way, and seconds as many round trips through the thread pool (measured: 2.6 s for a 5,000-page index).
  const copy = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const source = join(folder, entry.name);
      const target = join(to, relative(from, source));
      wanted.add(target);
      if (entry.isDirectory()) {
        copy(source);
        continue;
      }
      const bytes = readFileSync(source);
      if (sameBytes(target, bytes)) continue;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
  };
  copy(from);
  const prune = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (!wanted.has(path)) rmSync(path, { recursive: true, force: true });
      else if (entry.isDirectory()) prune(path);
    }
  };
  prune(to);
}

function sameBytes(file: string, bytes: Buffer): boolean {
  try {
    return statSync(file).size === bytes.length && readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

/** Linux's memory-backed filesystem, where there is one. */
const MEMORY_FOLDER = '/dev/shm';

/**
 * Where the documents for pagefind go: a memory-backed folder when the system has one with room for
 * them (twice over, and in free memory too), else the system's temporary folder. They are written,
 * read once and deleted; on a disk mounted with `discard` (as the CI machines are) writing and then
 * deleting 5,000 of them cost seconds of the build, and slowed every write Astro made meanwhile.
 */
export function scratchFolder(bytes: number, memoryFolder = MEMORY_FOLDER): string {
  try {
    accessSync(memoryFolder, constants.W_OK);
    const { bavail, bsize } = statfsSync(memoryFolder);
    if (bavail * bsize > 2 * bytes && freemem() > 2 * bytes) return memoryFolder;
  } catch {
    // No such folder, or not ours to write: the temporary folder it is.
  }
  return tmpdir();
}

/** The name of a build's folder for its search documents (and pagefind's output beside it): by process id. */
const WORK_FOLDER = /^efficiency-atlas-search-(\d+)(?:-bundle)?$/;

/**
 * This build's folder for the search documents, where scratchFolder chooses. The folders of builds
 * that stopped before they could delete theirs (killed, out of memory) are deleted first, in both
 * places: in the memory-backed folder each held a vault's documents in memory until the machine
 * restarted (1.4 GB of them here after a day of interrupted builds).
 */
export function searchWorkDir(bytes: number, memoryFolder = MEMORY_FOLDER): string {
  for (const folder of [memoryFolder, tmpdir()]) removeAbandoned(folder);
  return join(scratchFolder(bytes, memoryFolder), `efficiency-atlas-search-${process.pid}`);
}

function removeAbandoned(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(WORK_FOLDER.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) rmSync(join(folder, name), { recursive: true, force: true });
  }
}

/** Whether a process with this id exists (one we may not signal does). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes each document at its URL under `workDir`, synchronously, before anything else runs.
 * Written asynchronously, the writes got a turn only when the build's main thread was free, and
 * that thread is busy from the start: at 5,000 pages pagefind started 3 s after the pages were
 * planned, and on a warm rebuild it was the last thing the build waited for. In a memory-backed
 * folder the 5,000 files take about 0.1 s this way. pagefind numbers pages in the order it lists
 * the folder, and a memory-backed folder lists entries in the order they were made: written in
 * the documents' order, the index is the same every build.
 */
function writeDocuments(documents: SearchIndexArgs['documents'], workDir: string): void {
  rmSync(workDir, { recursive: true, force: true });
  for (const doc of documents) {
    const folder = join(workDir, ...doc.url.split('/').map(decodeURIComponent));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'index.html'), htmlForIndex(doc.html));
  }
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
