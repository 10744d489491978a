// Which topic pages a build must write. A topic page is its view (src/lib/topicView.ts) inside the
// site's chrome (src/layouts/Base.astro), so a page whose view and chrome digests match what the
// last build wrote — with the file still there — is left as it is; so are unchanged local-graph
// files and redirect pages. The search index is brought up to date in place, and files written
// again are overwritten in place. Everything else in the output folder is cleared at the start of
// every build (the few site-wide pages, assets, and whatever this build does not write), before
// the pages are planned.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { toGraphJson } from '../../graph/index.ts';
import { redirects } from './aliases.ts';
import { previewShardCount } from './previewShard.ts';
import { redirectPageHtml } from './redirectPage.ts';
import type { Site } from './site.ts';
import { forgetTopicView, topicView, topicViewDigest, viewDigest } from './topicView.ts';
import type { TopicSlug } from '../../graph/types.ts';

export interface PagePlan {
  /** Topic pages the last build wrote exactly as this one would: not rendered again. */
  unchanged: ReadonlySet<TopicSlug>;
  /** Digest of each topic page, for the next build. */
  digests: Record<string, string>;
  /**
   * The local-graph files (src/lib/localGraphData.ts) depend on graph.json alone: its digest.
   * Undefined until the layout is there; savePagePlan takes it then.
   */
  localGraphs: string | undefined;
  /** True when the last build's local-graph files are all still right and were kept. */
  localGraphsKept: boolean;
  /** The redirect pages (src/integration/redirects.ts), as a digest of their paths and HTML. */
  redirects: string;
  /** True when the last build wrote exactly these redirect pages and they were kept. */
  redirectsKept: boolean;
}

// The plan of the build in progress, shared with the bundled pages (see src/lib/site.ts on why
// globalThis). Unset in the dev server, which renders every page on request.
const PLAN = Symbol.for('efficiency-atlas.page-plan');
const state = ((globalThis as Record<symbol, unknown>)[PLAN] ??= {}) as { plan: PagePlan | undefined };

export function currentPagePlan(): PagePlan | undefined {
  return state.plan;
}

export function setPagePlan(plan: PagePlan | undefined): void {
  state.plan = plan;
}

interface Manifest {
  stamp: string;
  pages: Record<string, string>;
  localGraphs?: string;
  redirects?: string;
}

/**
 * Everything Base.astro reads from the site: a change here changes every page. (The generator's
 * own templates and styles are in the cache stamp.)
 */
function chromeDigest(site: Site): string {
  return viewDigest({
    identity: site.identity,
    base: site.base,
    origin: site.origin,
    previewShards: previewShardCount(site.topics.length),
    categories: site.categories.size > 0,
  });
}

/** The file a URL of the site is written to: a page's URL ends in `/`, and its file is index.html. */
export function outputFile(outDir: string, site: Site, url: string): string {
  return join(outDir, ...url.slice(site.base.length).split('/').map(decodeURIComponent), ...(url.endsWith('/') ? ['index.html'] : []));
}

/** What clearOutputForBuild found and kept, for planPages. */
export interface ClearedOutput {
  outDir: string;
  manifestFile: string | undefined;
  previous: Manifest | undefined;
  localGraphs: string | undefined;
  localGraphsKept: boolean;
  redirects: string;
  redirectsKept: boolean;
}

/**
 * Clears the output folder for this build, against the last build's manifest: everything goes but
 * what this build writes again or may keep (so nothing stale survives: a deleted note's page, an
 * old asset). Without a usable manifest only the files written again stay, as in a cold build.
 */
export function clearOutputForBuild(site: Site, outDir: string, manifestFile: string | undefined, stamp: string): ClearedOutput {
  const previous = readManifest(manifestFile, stamp);
  const keep = new Set<string>();
  // A layout still being computed is a new one (an unchanged graph reuses the last build's): the
  // local graphs are all written afresh, and their digest taken once they are.
  const localGraphs = manifestFile && site.isLaidOut() ? viewDigest(toGraphJson(site.graph)) : undefined;
  const localFolder = join(outDir, ...site.routes.neighbourhood('x').slice(site.base.length).split('/').slice(0, -1));
  const localGraphsKept = localGraphs !== undefined && previous?.localGraphs === localGraphs && existsSync(localFolder);
  if (localGraphsKept) keepAll(localFolder, keep);
  // The search index is brought up to date in place, whether or not the last build is known
  // (src/integration/pagefind.ts, updateFolder): from one build to the next most of it is the same.
  const searchFolder = join(outDir, ...site.routes.pagefind().slice(site.base.length).split('/'));
  if (existsSync(searchFolder)) keepAll(searchFolder, keep);
  // Redirect pages are a few hundred bytes each, but a vault can have thousands (every alias and
  // every moved note): an unchanged set stays, as long as every file is still there.
  const redirectFiles = redirects(site).map((r) => ({ file: join(outDir, r.path, 'index.html'), html: manifestFile ? redirectPageHtml(site, site.bySlug.get(r.to)!) : '' }));
  const redirectsDigest = manifestFile ? digestOf(redirectFiles.flatMap((r) => [r.file.slice(outDir.length), r.html])) : '';
  const redirectsKept = manifestFile !== undefined && previous?.redirects === redirectsDigest && redirectFiles.every((r) => existsSync(r.file));
  // Files this build writes again stay until they are overwritten, rather than being deleted first:
  // overwriting a file reuses it, while on an ext4 disk without a journal (as on this project's CI
  // machines) creating thousands of files just after deleting as many is slow, each new one
  // scanning past the freed ones. That is every topic page (kept or rendered again), and the
  // local graphs and redirect pages whether kept or written afresh. Only the rest is cleared.
  for (const topic of site.topics) keep.add(outputFile(outDir, site, topic.url));
  if (!localGraphsKept) for (const topic of site.topics) if (site.graph.hasNode(topic.slug)) keep.add(outputFile(outDir, site, site.routes.neighbourhood(topic.slug)));
  for (const r of redirectFiles) keep.add(r.file);
  clearOutput(outDir, keep);
  // The manifest describes a finished build: until this one finishes (savePagePlan), there is none,
  // so a build that stops half-way is followed by a cold one.
  if (manifestFile) rmSync(manifestFile, { force: true });
  return { outDir, manifestFile, previous, localGraphs, localGraphsKept, redirects: redirectsDigest, redirectsKept };
}

/**
 * Plans this build's topic pages, once the output folder is cleared: each page's digest, and which
 * pages the last build wrote exactly as this one would.
 */
export function planPages(site: Site, cleared: ClearedOutput): PagePlan {
  const { outDir, manifestFile, previous, localGraphs, localGraphsKept, redirects: redirectsDigest, redirectsKept } = cleared;
  const digests: Record<string, string> = {};
  const unchanged = new Set<TopicSlug>();
  const plan = { unchanged, digests, localGraphs, localGraphsKept, redirects: redirectsDigest, redirectsKept };
  // Without a manifest to read or write (the cache is off) there is nothing to compare: no digests.
  if (!manifestFile) return plan;
  const chrome = chromeDigest(site);
  for (const topic of site.topics) {
    const digest = `${chrome}.${topicViewDigest(topicView(site, topic))}`;
    digests[topic.slug] = digest;
    if (!previous || topic.isHome || previous.pages[topic.slug] !== digest) continue;
    if (!existsSync(outputFile(outDir, site, topic.url))) continue;
    unchanged.add(topic.slug);
    // Kept, the view of a page nobody renders would stay for the whole build: at 100,000 pages,
    // every view of a warm build.
    forgetTopicView(topic);
  }
  return plan;
}

/** One digest of many strings, without joining them into one. */
function digestOf(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest('base64url');
}

function keepAll(folder: string, keep: Set<string>): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) keepAll(path, keep);
    else keep.add(path);
  }
}

/** Records what this build wrote, once it has written it (the local graphs too: the layout is there). */
export function savePagePlan(plan: PagePlan, site: Site, manifestFile: string | undefined, stamp: string): void {
  if (!manifestFile) return;
  const localGraphs = plan.localGraphs ?? viewDigest(toGraphJson(site.graph));
  mkdirSync(dirname(manifestFile), { recursive: true });
  writeFileSync(manifestFile, JSON.stringify({ stamp, pages: plan.digests, localGraphs, redirects: plan.redirects } satisfies Manifest));
}

function readManifest(file: string | undefined, stamp: string): Manifest | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return manifest.stamp === stamp && typeof manifest.pages === 'object' ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** The folder in the output where Astro writes its server bundle (astro/dist/prerender/utils.js). */
const ASTRO_SERVER_BUNDLE = '.prerender';

/**
 * Deletes every file under `dir` but those in `keep` (and a .git folder, and Astro's server bundle).
 * A folder holding nothing to keep is moved aside whole and deleted in the background: unlinking
 * thousands of files one by one (an old search index) took seconds on a slow disk.
 */
function clearOutput(dir: string, keep: ReadonlySet<string>): void {
  if (!existsSync(dir)) return;
  const holding = new Set<string>();
  for (const file of keep) {
    for (let folder = dirname(file); folder.length > dir.length && !holding.has(folder); folder = dirname(folder)) holding.add(folder);
  }
  const trash = `${dir.replace(/[\\/]+$/, '')}.old-${process.pid}-${Date.now()}`;
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        // A git checkout of the published site; and Astro's own scratch folder, where it bundles the
        // server code (when the output folder is inside the project) while the site model is built
        // and this runs: Astro deletes it after the pages.
        if (folder === dir && (entry.name === '.git' || entry.name === ASTRO_SERVER_BUNDLE)) continue;
        if (holding.has(path)) visit(path);
        else moveAside(path, trash);
      } else if (!keep.has(path)) {
        unlinkSync(path);
      }
    }
  };
  visit(dir);
  // This build's trash, and any an interrupted build left.
  const parent = dirname(trash);
  const prefix = `${basename(dir.replace(/[\\/]+$/, ''))}.old-`;
  for (const name of readdirSync(parent)) {
    if (name.startsWith(prefix)) rm(join(parent, name), { recursive: true, force: true }).catch(() => {});
  }
}

/** Moves a folder into `trash` (same disk, one rename); deletes it in place when it cannot. */
function moveAside(path: string, trash: string): void {
  try {
    mkdirSync(trash, { recursive: true });
    renameSync(path, join(trash, `${Math.random().toString(36).slice(2)}`));
  } catch {
    rmSync(path, { recursive: true, force: true });
  }
}
