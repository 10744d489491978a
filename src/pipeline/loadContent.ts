// The content pipeline, once per build, as a sequence of stages with one job each:
//   site configuration (atlas.yaml) → scan the vault → read and parse every note (identity,
//   frontmatter, anchors) → claim URLs, choose the home note → transform (links recorded as data)
//   → typed relations → page dates (git) → the knowledge graph → queries → transclusions →
//   header/footer links → render.
// Per-note work runs in note shards (src/pipeline/noteShard.ts), on worker threads for large
// vaults; this coordinator does what needs every note at once.
// Everything the pages need (backlinks, relations, the graph) is derived from the records produced
// here, never by re-reading pages.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Root } from 'mdast';
import { nameKey } from '../../graph/names.ts';
import { relationVocabulary, type RelationVocabulary } from '../../graph/relations.ts';
import { addQueryEdges, assignAnalytics, createKnowledgeGraph, degrees, layoutKnowledgeGraph, nodeSizes, type KnowledgeGraph } from '../../graph/index.ts';
import type { LinkRecord, RelationRecord, TopicRecord, TopicSlug } from '../../graph/types.ts';
import type { DeployConfig, LinkPolicy } from '../config/deployConfig.ts';
import { readSiteConfig, type LoadedSiteConfig } from '../config/readSiteConfig.ts';
import type { TopicFrontmatter } from '../content/schema.ts';
import { siteRoutes, type SiteRoutes } from '../routes.ts';
import { isSafeUrl } from '../urlPolicy.ts';
import { LAYOUT_IDS, type HeadingAnchor } from './anchors.ts';
import { attachmentProblem } from './attachmentPolicy.ts';
import { ContentError, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { frontmatterDates, readPageHistory, shallowCloneWarning } from './gitHistory.ts';
import { BuildCache, digest, structureDigest, type GraphAnalytics, type GraphLayout } from './buildCache.ts';
import { sameAnswers } from './lookupLog.ts';
import { siteLookup, type EmbedNeed, type LookupData, type ReadResult, type RenderedNote, type ShardOptions, type TransformedNote } from './noteShard.ts';
import { startGraphWorker, type GraphWorker } from './graphWorker.ts';
import { parseMarkdown } from './parseMarkdown.ts';
import { claimUrls, type Note, type UnpublishedNote } from './readNotes.ts';
import { renderToHtml } from './render.ts';
import { runQueries } from './runQueries.ts';
import { AttachmentIndex, scanVault } from './scanVault.ts';
import { createShards, shardCount } from './shardPool.ts';
import { TopicIndex } from './topicIndex.ts';
import { transformNote, type RenderFeatures, type SiteLookup } from './transformNote.ts';
import { parseWikilink } from './wikilink.ts';

/** One built page. */
export interface Topic {
  slug: TopicSlug;
  /** Site-relative URL with base; the home note's is the base itself. */
  url: string;
  title: string;
  /** Path shown to authors, relative to the working directory. */
  file: string;
  /** Vault-relative path without extension. */
  path: string;
  data: TopicFrontmatter;
  summary: string | undefined;
  aliases: string[];
  category: string | undefined;
  /** Frontmatter tags plus inline #tags (body and FAQ), deduplicated, in order of appearance. */
  tags: string[];
  /** Author's CSS classes for the article (`cssclasses`). */
  cssClasses: string[];
  headings: HeadingAnchor[];
  html: string;
  /** Words of the page's own prose (transclusions and demos not counted). */
  wordCount: number;
  /** First paragraph of the page's own prose as plain text, for previews when there is no summary. */
  excerpt: string;
  demos: string[];
  /** FAQ answers rendered like the body (wikilinks, embeds, tags, several paragraphs). */
  faq: Array<{ q: string; html: string; text: string }>;
  /** The page has a Mermaid diagram. */
  mermaid: boolean;
  isHome: boolean;
  /** When the page was first written and last changed (git history, frontmatter, or file times). */
  created: Date | undefined;
  updated: Date | undefined;
}

export interface DemoRegistry {
  names: readonly string[];
  isDemoName(name: string): boolean;
  /** Static (no-JS) HTML shown inside the demo placeholder until the island mounts. */
  fallbackHtml(name: string): string;
}

/** A header or footer link, resolved. */
export interface ChromeLink {
  text: string;
  href: string;
}

export interface LoadedContent {
  site: LoadedSiteConfig;
  /** What unresolved links do in this build: ATLAS_LINKS, else the vault's `links` setting. */
  linkPolicy: LinkPolicy;
  routes: SiteRoutes;
  topics: Topic[];
  /** Authored links, then the links of kind `query` (topics listed by a page's query). */
  links: LinkRecord[];
  relations: RelationRecord[];
  vocabulary: RelationVocabulary;
  /** The one knowledge graph of the build: analytics over authored links and relations, then query edges. */
  graph: KnowledgeGraph;
  /** Vault-relative paths of attachments, served under `routes.attachment()`. */
  attachments: string[];
  home: TopicSlug | undefined;
  /** Old URL paths (after the base, no slashes) that redirect to a topic, e.g. the home note's path. */
  redirects: Array<{ path: string; to: TopicSlug }>;
  header: ChromeLink[];
  footerLinks: ChromeLink[];
  /** URLs of the configured logo and favicon, when the vault has them. */
  logo: string | undefined;
  favicon: string | undefined;
  /** Footer text rendered to HTML (sanitized), or '' when none is configured. */
  footerHtml: string;
  diagnostics: Diagnostic[];
  /** Messages about the build as a whole (e.g. a shallow git clone), printed once. */
  notices: string[];
  /** Milliseconds spent in each stage, for the benchmarks. */
  timings: Record<string, number>;
  /** How many notes this build parsed, transformed and rendered (the rest came from the build cache). */
  work: { parsed: number; transformed: number; rendered: number };
  /** Set (to the graph's structure digest) when analytics and layout are the last build's, pending. */
  graphPending: string | undefined;
  /**
   * Settles once the graph's nodes have their positions (x, y): until then they are 0. Rejects if
   * the layout failed. Pages need no positions; graph.json, the GEXF file and the local graphs do.
   */
  laidOut: Promise<void>;
  /**
   * The worker thread laying out a large graph, with its copy of the graph, when `keepGraphWorker`
   * asked for it (the build writes the local-graph files from that copy). Whoever takes it closes it.
   */
  graphWorker: GraphWorker | undefined;
  /** Milliseconds of work done off the build's critical path (the layout), recorded as each lands. */
  background: Record<string, number>;
}

export interface LoadOptions {
  /** Render HTML (the build) or only collect records and diagnostics (`npm run check`). */
  render?: boolean;
  /** Throw a ContentError when any diagnostic is an error (the build); `check` reports instead. */
  throwOnError?: boolean;
  cwd?: string;
  /** What earlier builds learned (src/pipeline/buildCache.ts); without one every note is processed. */
  cache?: BuildCache;
  /**
   * Dev server: trust files' sizes and times to tell what changed, and reuse the last analytics and
   * layout when the links changed, instead of waiting for them.
   */
  devServer?: boolean;
  /**
   * From this many topics the layout runs on a worker thread while pages render (default 500).
   * Below it the layout takes less than starting the thread does (measured: 100 topics 95 ms in
   * line, 261 ms on a worker; 300 topics 260 ms and 577 ms), so it runs in line.
   */
  layoutOnWorkerFrom?: number;
  /** Keep the worker thread that lays out a large graph as `graphWorker`; otherwise it ends after the layout. */
  keepGraphWorker?: boolean;
  /**
   * Notes per message to or from a shard (default 1,000). Half of a 100,000-note vault in one
   * message was gigabytes, built up in the worker and copied on both sides; batches stream instead.
   */
  batchSize?: number;
}

export async function loadContent(deploy: DeployConfig, demos: DemoRegistry, options: LoadOptions = {}): Promise<LoadedContent> {
  const { render = true, throwOnError = true, cwd = process.cwd() } = options;
  const displayPath = (rel: string) => relative(cwd, join(deploy.contentDir, rel)) || rel;
  const diagnostics: Diagnostic[] = [];
  const routes = siteRoutes(deploy.base);
  const timings: Record<string, number> = {};
  let lapStart = performance.now();
  /** Records how long (wall milliseconds) the stage that just ended took; bench/build.mjs prints them. */
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + now - lapStart;
    lapStart = now;
  };

  // 1. The vault's own configuration.
  const site = readSiteConfig(deploy.contentDir, displayPath);
  diagnostics.push(...site.diagnostics);
  const linkPolicy = deploy.links ?? site.config.links;
  const lenient = linkPolicy === 'warn';
  const severity = lenient ? 'warning' : 'error';
  let vocabulary = relationVocabulary();
  try {
    vocabulary = relationVocabulary(site.config.relations);
  } catch (error) {
    diagnostics.push({ severity: 'error', rule: 'site-config', file: site.file ?? 'atlas.yaml', line: site.lineOf(['relations']), column: 1, message: String((error as Error).message) });
  }

  // 2. Files; 3. every note read and parsed, in shards.
  const vault = scanVault(deploy.contentDir);
  for (const skipped of vault.skipped) {
    diagnostics.push({ severity: 'warning', rule: 'unreadable', file: displayPath(skipped.path), line: 1, column: 1, message: `skipped: ${skipped.reason}` });
  }
  lap('config and scan');
  // What the last build learned (src/pipeline/buildCache.ts): a note whose bytes are unchanged is
  // not read or parsed again; its transform and HTML are reused while their inputs are unchanged.
  const cache = options.cache ?? new BuildCache('', undefined);
  // The dev server trusts a file's size and modification time (as make does) and hashes only files
  // whose stat changed; a build hashes every file, since a checkout sets new times.
  const stats = new Map<string, string>();
  const mtimes = new Map<string, Date>();
  const sources = new Map(
    vault.topics.map((rel) => {
      const file = join(deploy.contentDir, rel);
      if (options.devServer) {
        const stat = statSync(file, { throwIfNoEntry: false });
        const stamp = stat ? `${stat.size}:${stat.mtimeMs}` : '';
        stats.set(rel, stamp);
        if (stat) mtimes.set(rel, stat.mtime);
        const cached = cache.previous.get(rel);
        if (stamp && cached?.stat === stamp) return [rel, cached.source];
      }
      return [rel, sourceDigest(file)];
    }),
  );
  const reads = new Map<string, ReadResult>();
  const toRead: string[] = [];
  for (const rel of vault.topics) {
    const cached = cache.previous.get(rel);
    if (cached && cached.source === sources.get(rel)) reads.set(rel, cached.read);
    else toRead.push(rel);
  }
  const shardOptions: ShardOptions = {
    contentDir: deploy.contentDir,
    cwd,
    base: deploy.base,
    lenient,
    categories: site.config.categories,
    demos: { names: demos.names, fallbacks: Object.fromEntries(demos.names.map((name) => [name, demos.fallbackHtml(name)])) },
    imageOrigins: site.config.images.allowedOrigins,
  };
  const shards = createShards(shardOptions, shardCount(toRead.length));
  /** Which shard holds each note whose tree is in memory this build. */
  const ownerOf = new Map<TopicSlug, number>();
  const batchSize = options.batchSize ?? 1000;
  const inBatches = <T>(items: readonly T[]): T[][] => {
    const batches: T[][] = [];
    for (let i = 0; i < items.length; i += batchSize) batches.push(items.slice(i, i + batchSize));
    return batches;
  };
  /** Reads and parses notes in the shards (dealt out round-robin), keeping their trees there. */
  const work = { parsed: 0, transformed: 0, rendered: 0 };
  const load = async (files: readonly string[]) => {
    work.parsed += files.length;
    await Promise.all(
      shards.map(async (shard, k) => {
        const mine = files.filter((_, i) => i % shards.length === k);
        for (const results of await Promise.all(inBatches(mine).map((batch) => shard.read(batch)))) {
          for (const read of results) {
            reads.set(read.rel, read);
            if (read.note) ownerOf.set(read.note.slug, k);
          }
        }
      }),
    );
  };
  /** Transforms every note the shards have read and not transformed, a batch at a time. */
  const transformLoaded = (lookupData: LookupData, each: (t: TransformedNote) => void) =>
    Promise.all(
      shards.map(async (shard) => {
        await shard.lookUpIn(lookupData);
        for (let done = await shard.transform(batchSize); ; done = await shard.transform(batchSize)) {
          done.forEach(each);
          if (done.length < batchSize) break;
        }
      }),
    );
  /** Renders notes in their shards, a batch per message; a shard renders them in the order asked. */
  const renderInShards = (features: ReadonlyArray<[TopicSlug, RenderFeatures]>) =>
    Promise.all(shards.map((shard, k) => Promise.all(inBatches(features.filter(([slug]) => ownerOf.get(slug) === k)).map((batch) => shard.render(batch))))).then((done) => done.flat(2));
  try {
    await load(toRead);
    const unpublishedNotes: UnpublishedNote[] = [];
    const readNotes: Note[] = [];
    const anchors = new Map<TopicSlug, { headings: HeadingAnchor[]; blockIds: string[] }>();
    for (const rel of vault.topics) {
      const read = reads.get(rel)!;
      diagnostics.push(...read.diagnostics);
      if (read.unpublished) unpublishedNotes.push(read.unpublished);
      if (!read.note) continue;
      readNotes.push(read.note);
      if (read.anchors) anchors.set(read.note.slug, read.anchors);
    }
    lap('read and parse');

    // 4. URLs, the index, the home note.
    const claimed = claimUrls(readNotes);
    diagnostics.push(...claimed.diagnostics);
    const notes = claimed.notes;
    // A site without a page is never what was meant (and pagefind refuses to index nothing).
    if (notes.length === 0) diagnostics.push({ severity: 'error', rule: 'no-notes', file: displayPath('.'), line: 1, column: 1, message: nothingToBuild(deploy.contentDir, unpublishedNotes.length) });
    const kept = new Set(notes);
    const keptSlugs = new Set(notes.map((n) => n.slug));
    const dropped = readNotes.filter((n) => !kept.has(n) && !keptSlugs.has(n.slug));
    await Promise.all(shards.map((shard, k) => shard.drop(dropped.filter((n) => ownerOf.get(n.slug) === k).map((n) => n.slug))));
    const bySlug = new Map(notes.map((n) => [n.slug, n]));
    const index = new TopicIndex(notes.map((n) => ({ slug: n.slug, title: n.title, aliases: n.meta.aliases, path: n.path })));
    // Attachments are served from the site's origin: what a browser would run there is left out.
    const published = vault.attachments.filter((path) => {
      const problem = attachmentProblem(path, () => readFileSync(join(deploy.contentDir, path), 'utf8'));
      if (problem) diagnostics.push({ severity: 'warning', rule: 'unsafe-attachment', file: displayPath(path), line: problem.line, column: 1, message: problem.message });
      return problem === undefined;
    });
    const attachments = new AttachmentIndex(published);
    const home = chooseHome(notes, site, index, diagnostics);
    const urlOf = (slug: TopicSlug) => (slug === home?.slug ? routes.home() : routes.topic((bySlug.get(slug)?.urlPath ?? slug) as TopicSlug));
    const redirects = home && !home.wantsHome ? [{ path: home.urlPath, to: home.slug }] : [];

    // 5. Transform: links become data and nodes.
    const lookupData: LookupData = {
      notes: notes.map((n) => ({ slug: n.slug, title: n.title, aliases: n.meta.aliases, path: n.path, url: urlOf(n.slug), urlPath: n.urlPath })),
      homeSlug: home?.slug,
      unpublished: unpublishedNotes.map((n) => ({ title: n.title, aliases: n.aliases, path: n.path })),
      attachments: published,
      anchors: notes.filter((n) => anchors.has(n.slug)).map((n) => [n.slug, anchors.get(n.slug)!]),
      severity,
      imageOrigins: site.config.images.allowedOrigins,
    };
    // A cached transform stands while every question it asked gets the same answer; the other
    // notes are parsed (if they were not) and transformed in their shards.
    const transformedBySlug = new Map<TopicSlug, TransformedNote>();
    const reusedTransforms = new Set<TopicSlug>();
    // When nothing a note can look up changed at all (an edit to some page's text), every cached
    // transform stands without asking its questions again.
    cache.lookups = digest(JSON.stringify(lookupData));
    if (cache.warm) {
      const unchanged = cache.lookups === cache.previousLookups;
      const answers = unchanged ? undefined : siteLookup(lookupData, shardOptions);
      const stale: string[] = [];
      for (const note of notes) {
        if (ownerOf.has(note.slug)) continue;
        const cached = cache.previous.get(note.rel)?.transform;
        if (cached && (!answers || sameAnswers(answers, cached.lookups))) {
          transformedBySlug.set(note.slug, cached);
          reusedTransforms.add(note.slug);
        } else stale.push(note.rel);
      }
      await load(stale);
    }
    await transformLoaded(lookupData, (t) => {
      transformedBySlug.set(t.slug, t);
      work.transformed++;
    });
    // Back in note order, whatever shard did the work.
    const transformed = notes.map((n) => transformedBySlug.get(n.slug)).filter((t): t is TransformedNote => t !== undefined);
    const links: LinkRecord[] = [];
    for (const t of transformed) {
      links.push(...t.links);
      diagnostics.push(...t.diagnostics);
    }
    lap('transform');

    // Most notes' HTML needs nothing the coordinator has yet to compute: a note with no query to
    // fill in and nothing to embed, which no other note embeds, renders in its shard now, while the
    // graph is built here (step 11 renders the rest). Its render key is step 11's, with no query
    // results and no embeds.
    const htmlBySlug = new Map<TopicSlug, { html: string; faqHtml: string[] }>();
    const renderKeys = new Map<TopicSlug, string>();
    const lookupsDigests = new Map<TopicSlug, string>();
    const lookupsDigest = (slug: TopicSlug) => {
      let known = lookupsDigests.get(slug);
      const t = transformedBySlug.get(slug);
      if (known === undefined && t) lookupsDigests.set(slug, (known = digest(t.lookups)));
      return known;
    };
    const sourceOf = (slug: TopicSlug) => sources.get(bySlug.get(slug)?.rel ?? '') ?? '';
    const renderKeyOf = (t: TransformedNote, results: ReadonlyArray<[string, unknown]>) =>
      digest(
        JSON.stringify([
          sourceOf(t.slug),
          lookupsDigest(t.slug),
          results,
          t.embeds.map((e) => [e.target, e.headingPath, e.blockId, sourceOf(e.target), lookupsDigest(e.target)]),
        ]),
      );
    const embedded = new Set(transformed.flatMap((t) => t.embeds.map((e) => e.target)));
    const renderNow: TransformedNote[] = [];
    for (const t of render ? transformed : []) {
      if (t.queries.length > 0 || t.embeds.length > 0 || embedded.has(t.slug)) continue;
      const cached = cache.previous.get(bySlug.get(t.slug)!.rel)?.render;
      // A transform the cache kept had the same source and the same answers to its lookups, which
      // (with no query results and nothing embedded) is all its render key holds: the last key
      // and HTML stand without hashing the source again (an edit in the dev server, with 5,000
      // notes, spent 100 ms on those digests).
      if (cached && reusedTransforms.has(t.slug)) {
        renderKeys.set(t.slug, cached.key);
        htmlBySlug.set(t.slug, cached.note);
        continue;
      }
      const key = renderKeyOf(t, []);
      renderKeys.set(t.slug, key);
      if (cached?.key === key) htmlBySlug.set(t.slug, cached.note);
      else if (ownerOf.has(t.slug)) renderNow.push(t);
      else renderKeys.delete(t.slug); // not loaded: step 11 loads and renders it
    }
    const renderingNow = renderInShards(renderNow.map((t) => [t.slug, t.features]));
    // If a content error stops the build first, nobody waits for these.
    renderingNow.catch(() => {});

    // 6. Typed relations from frontmatter.
    const relations: RelationRecord[] = [];
    for (const note of notes) {
      for (const [type, targets] of Object.entries(note.data.relations)) {
        const lines = note.lines.relations[type];
        if (!vocabulary.has(type)) {
          diagnostics.push({ severity: 'error', rule: 'unknown-relation-type', file: note.file, line: lines?.key ?? 1, column: 1, message: `unknown relation type "${type}" — use one of: ${[...vocabulary.keys()].join(', ')}, or define it under "relations" in atlas.yaml` });
          continue;
        }
        targets.forEach((target, i) => {
          const line = lines?.targets[i] ?? 1;
          const resolved = index.resolve(target, note.path);
          if (!resolved) {
            const hint = index.suggest(target);
            diagnostics.push({ severity, rule: 'unknown-relation-target', file: note.file, line, column: 1, message: `relation ${type} → unknown topic "${target}"${hint ? ` — did you mean "${hint}"?` : ' — use a title or alias of an existing page'}` });
          }
          relations.push({ from: note.slug, to: resolved?.slug ?? null, target, type, file: note.file, line, column: 1 });
        });
      }
    }

    // 7. Page dates: one read of the git history for the whole vault; frontmatter wins.
    const notices: string[] = [];
    const history = await readPageHistory(deploy.contentDir, { files: notes.map((n) => n.rel), mtimes });
    if (history.shallow) notices.push(shallowCloneWarning());
    const dates = new Map<TopicSlug, { created: Date | undefined; updated: Date | undefined }>();
    for (const note of notes) {
      const d = frontmatterDates(note.data as Record<string, unknown>, history.dates.get(note.rel));
      for (const e of d.errors) diagnostics.push({ severity, rule: e.rule, file: note.file, line: note.lines[e.field], column: 1, message: e.message });
      dates.set(note.slug, { created: d.created, updated: d.updated });
    }
    lap('relations and dates');

    // 8. The knowledge graph: structure and analytics over the links and relations authors wrote.
    const tagsOf = (note: Note, t: TransformedNote) => [...new Set([...note.meta.tags, ...t.tags])];
    const graph = createKnowledgeGraph({
      topics: transformed.map((t) => {
        const note = bySlug.get(t.slug)!;
        return { id: t.slug, title: note.title, url: urlOf(t.slug), category: note.meta.category, tags: tagsOf(note, t), aliases: note.meta.aliases, summary: note.meta.summary, wordCount: t.words, file: note.file };
      }),
      links,
      relations,
      vocabulary,
    });
    // Analytics and layout depend on the graph's structure alone: an edit that changes no link
    // reuses the last build's.
    const structure = structureDigest(graph);
    const knownAnalytics = cache.analyticsFor(structure);
    // The dev server does not wait for analytics and layout after an edit that changed the links:
    // it shows the last ones (new topics placed beside their neighbours) and has them recomputed
    // in the background (src/lib/site.ts).
    const deferred = !knownAnalytics && options.devServer === true && cache.lastGraph.analytics !== undefined && cache.lastGraph.layout !== undefined;
    let laidOut: Promise<void> = Promise.resolve();
    let graphWorker: GraphWorker | undefined;
    const background: Record<string, number> = {};
    if (knownAnalytics) graph.updateEachNodeAttributes((node, attributes) => ({ ...attributes, ...knownAnalytics[node] }));
    else if (deferred) applyLastGraph(graph, cache.lastGraph.analytics!, cache.lastGraph.layout!);
    else assignAnalytics(graph);
    if (!deferred && cache.remembers) cache.analytics = { key: structure, nodes: knownAnalytics ?? pickAttributes<GraphAnalytics[string]>(graph, ['pagerank', 'community', 'inDegree', 'outDegree']) };
    lap('graph');

    // 9. Queries, evaluated against the graph; what they list is recorded and added as query edges.
    const queried = runQueries({
      pages: transformed.map((t) => ({ slug: t.slug, file: bySlug.get(t.slug)!.file, queries: t.queries })),
      topics: transformed.map((t) => {
        const note = bySlug.get(t.slug)!;
        return { slug: t.slug, path: note.path, fields: note.data as Record<string, unknown>, facts: note.data.facts, title: note.title, summary: note.meta.summary, category: note.meta.category, tags: tagsOf(note, t), aliases: note.meta.aliases, words: t.words, ...dates.get(t.slug)! };
      }),
      graph,
      links,
      relations,
      index,
      urlOf,
      severity,
    });
    diagnostics.push(...queried.diagnostics);
    links.push(...queried.links);
    addQueryEdges(graph, queried.links);
    lap('queries');

    // 10. Header and footer links from the site configuration.
    const chrome = resolveChrome(site, index, attachments, routes, urlOf, severity, lookupData, demos, diagnostics);

    if (throwOnError && diagnostics.some((d) => d.severity === 'error')) throw new ContentError(sortDiagnostics(diagnostics));

    // 11. Query results and transclusions in place, then every note rendered, in its shard. A note
    // whose render key (its source and lookups, its query results, what it embeds) is unchanged
    // keeps its HTML from the last build.
    if (render) {
      const resultsOf = new Map<TopicSlug, Array<[string, unknown]>>();
      for (const result of queried.results) {
        const slug = result[0].slice(0, result[0].lastIndexOf('#')) as TopicSlug;
        const list = resultsOf.get(slug);
        if (list) list.push(result);
        else resultsOf.set(slug, [result]);
      }
      const toRender: TopicSlug[] = [];
      for (const t of transformed) {
        if (renderKeys.has(t.slug)) continue;
        const key = renderKeyOf(t, resultsOf.get(t.slug) ?? []);
        renderKeys.set(t.slug, key);
        const cached = cache.previous.get(bySlug.get(t.slug)!.rel)?.render;
        if (cached?.key === key) htmlBySlug.set(t.slug, cached.note);
        else toRender.push(t.slug);
      }
      // The notes to render, and the ones they embed, need their trees.
      const needs = toRender.flatMap((slug) => transformedBySlug.get(slug)!.embeds);
      const missing = [...new Set([...toRender, ...needs.map((e) => e.target)])].filter((slug) => !ownerOf.has(slug) && bySlug.has(slug));
      if (missing.length) {
        await load(missing.map((slug) => bySlug.get(slug)!.rel));
        await transformLoaded(lookupData, () => work.transformed++);
      }
      await Promise.all(shards.map((shard, k) => shard.fillQueries(queried.results.filter(([id]) => ownerOf.get(id.slice(0, id.lastIndexOf('#')) as TopicSlug) === k))));
      const sections = (await Promise.all(shards.map((shard, k) => shard.sections(needs.filter((e) => ownerOf.get(e.target) === k))))).flat();
      // A transclusion brings its source's math, code or raw HTML along: render what the copy needs.
      const features = new Map(toRender.map((slug) => [slug, { ...transformedBySlug.get(slug)!.features }]));
      for (const embed of needs) {
        const host = features.get(embed.from);
        const source = transformedBySlug.get(embed.target)?.features;
        if (host && source) for (const key of ['rawHtml', 'math', 'code'] as const) host[key] ||= source[key];
      }
      const neededBy = (k: number) => (e: EmbedNeed) => ownerOf.get(e.from) === k;
      const sectionOf = new Map(sections);
      await Promise.all(shards.map((shard, k) => shard.fillEmbeds(needs.filter(neededBy(k)).map((e) => [e.id, sectionOf.get(e.id) ?? []]))));
      const rendering = renderInShards([...features]);
      // The layout needs nothing the pages show, so a large graph's ForceAtlas2 runs on a worker
      // thread while the shards render and then while Astro renders the pages; what shows
      // positions (graph.json, the local graphs) waits for `laidOut`. A small graph is laid out
      // here (layoutOnWorkerFrom). It also places the topics queries list: its key includes the
      // query edges.
      const layoutKey = queried.links.length ? structureDigest(graph) : structure;
      const knownLayout = cache.layoutFor(layoutKey);
      if (knownLayout) {
        graph.updateEachNodeAttributes((node, attributes) => ({ ...attributes, ...knownLayout[node] }));
        cache.layout = { key: layoutKey, nodes: knownLayout };
      } else if (!deferred && graph.order < (options.layoutOnWorkerFrom ?? 500)) {
        layoutKnowledgeGraph(graph);
        if (cache.remembers) cache.layout = { key: layoutKey, nodes: pickAttributes<GraphLayout[string]>(graph, ['x', 'y', 'size']) };
      } else if (!deferred) {
        nodeSizes.assign(graph);
        const started = performance.now();
        const worker = startGraphWorker(graph);
        laidOut = worker.layout().then((positions) => {
          graph.updateEachNodeAttributes((node, attributes) => ({ ...attributes, ...positions[node]! }));
          if (cache.remembers) cache.layout = { key: layoutKey, nodes: pickAttributes<GraphLayout[string]>(graph, ['x', 'y', 'size']) };
          background['layout (worker)'] = performance.now() - started;
        });
        // Whoever waits for it sees a failure; until someone does, it is not an unhandled rejection.
        laidOut.catch(() => {});
        if (options.keepGraphWorker) graphWorker = worker;
        else laidOut.then(worker.close, worker.close);
      }
      lap('layout');
      const rendered = [...(await renderingNow), ...(await rendering)];
      work.rendered = rendered.length;
      for (const r of rendered) htmlBySlug.set(r.slug, r);
      for (const t of transformed) diagnostics.push(...((htmlBySlug.get(t.slug) as RenderedNote | undefined)?.diagnostics ?? []));
    } else {
      layoutKnowledgeGraph(graph, { layoutIterations: 0 });
    }
    lap('render');

    // What this build learned, for the next (if any will read it).
    for (const rel of cache.remembers ? vault.topics : []) {
      const read = reads.get(rel)!;
      const slug = read.note?.slug;
      const transform = slug && bySlug.get(slug)?.rel === rel ? transformedBySlug.get(slug) : undefined;
      const html = slug && transform ? htmlBySlug.get(slug) : undefined;
      const previous = cache.previous.get(rel);
      const renderEntry = html ? { key: renderKeys.get(slug!)!, note: html as RenderedNote } : previous?.source === sources.get(rel) && !render ? previous?.render : undefined;
      const stat = stats.get(rel);
      cache.notes.set(rel, { source: sources.get(rel)!, ...(stat ? { stat } : {}), read, ...(transform ? { transform } : {}), ...(renderEntry ? { render: renderEntry } : {}) });
    }

    const topics: Topic[] = transformed.map((t) => {
      const note = bySlug.get(t.slug)!;
      const html = htmlBySlug.get(t.slug);
      return {
        slug: t.slug,
        url: urlOf(t.slug),
        title: note.title,
        file: note.file,
        path: note.path,
        data: note.data,
        summary: note.meta.summary,
        aliases: note.meta.aliases,
        category: note.meta.category,
        tags: tagsOf(note, t),
        cssClasses: note.meta.cssClasses,
        headings: anchors.get(t.slug)?.headings ?? [],
        html: html?.html ?? '',
        wordCount: t.words,
        excerpt: t.excerpt,
        demos: t.demos,
        faq: note.data.faq.map((entry, i) => ({ q: entry.q, html: html?.faqHtml[i] ?? '', text: t.faqText[i] ?? '' })),
        mermaid: t.mermaid,
        isHome: t.slug === home?.slug,
        ...dates.get(t.slug)!,
      };
    });
    const footerHtml = render ? await chrome.footerHtml() : '';
    return {
      site,
      linkPolicy,
      routes,
      topics,
      links,
      relations,
      vocabulary,
      graph,
      attachments: attachments.paths,
      home: home?.slug,
      redirects,
      header: chrome.header,
      footerLinks: chrome.footerLinks,
      logo: chrome.logo,
      favicon: chrome.favicon,
      footerHtml,
      diagnostics: sortDiagnostics(diagnostics),
      notices,
      timings,
      work,
      graphPending: deferred ? structure : undefined,
      laidOut,
      graphWorker,
      background,
    };
  } finally {
    await Promise.all(shards.map((shard) => shard.close()));
  }
}

/** The site configuration's header and footer links, logo and favicon, resolved against the vault. */
function resolveChrome(
  site: LoadedSiteConfig,
  index: TopicIndex,
  attachments: AttachmentIndex,
  routes: SiteRoutes,
  urlOf: (slug: TopicSlug) => string,
  severity: 'error' | 'warning',
  lookupData: LookupData,
  demos: DemoRegistry,
  diagnostics: Diagnostic[],
) {
  const file = site.file ?? 'atlas.yaml';
  const chromeLink = (entry: { text: string; link: string }, path: PropertyKey[]): ChromeLink | undefined => {
    const wikilink = /^\[\[(.+)\]\]$/.exec(entry.link.trim());
    const name = wikilink ? parseWikilink(wikilink[1]!).target : entry.link.trim();
    const resolved = /^(https?:|mailto:)/i.test(name) ? undefined : index.resolve(name);
    if (resolved) return { text: entry.text, href: urlOf(resolved.slug) };
    if (!wikilink && /^(https?:\/\/|mailto:)/i.test(name) && isSafeUrl(name)) return { text: entry.text, href: name };
    const hint = index.suggest(name);
    diagnostics.push({ severity, rule: 'site-config', file, line: site.lineOf(path), column: 1, message: `site configuration "${path.map(String).join('.')}": "${entry.link}" is neither a note nor an http(s)/mailto URL${hint ? ` — did you mean "[[${hint}]]"?` : ''}` });
    return undefined;
  };
  const imageSetting = (key: 'logo' | 'favicon'): string | undefined => {
    const path = site.config[key];
    if (path === undefined) return undefined;
    const found = attachments.find(path, '');
    if (found) return routes.attachment(found);
    diagnostics.push({ severity: 'error', rule: 'site-config', file, line: site.lineOf([key]), column: 1, message: `site configuration "${key}": no file "${path}" in the vault — give the image's path inside the content folder` });
    return undefined;
  };
  // The footer is one line of Markdown, transformed like a note's text (its links resolve, and
  // unresolved ones are reported at the setting's line), but not part of any page's records.
  let footer: { tree: Root; features: RenderFeatures } | undefined;
  if (site.config.footer) {
    const parsed = parseMarkdown(site.config.footer, false);
    if (!('failure' in parsed)) {
      const byUrlPath = new Map(lookupData.notes.map((n) => [n.urlPath, n.slug]));
      const lookup: SiteLookup = {
        routes,
        index,
        unpublished: new TopicIndex(lookupData.unpublished.map((n, i) => ({ ...n, slug: `unpublished-${i}` as TopicSlug }))),
        attachments,
        anchorsOf: () => undefined,
        titleOf: (slug) => lookupData.notes.find((n) => n.slug === slug)?.title ?? slug,
        urlOf,
        topicAt: (path) => byUrlPath.get(path),
        unresolvedSeverity: severity,
        imageOrigins: new Set(lookupData.imageOrigins),
        isDemoName: demos.isDemoName,
        demoNames: demos.names,
      };
      const done = transformNote(parsed.tree, { slug: '' as TopicSlug, path: '', file, bodyLine: site.lineOf(['footer']), body: parsed.text }, lookup);
      diagnostics.push(...done.diagnostics);
      footer = { tree: parsed.tree, features: done.features };
    }
  }
  return {
    header: site.config.header.map((e, i) => chromeLink(e, ['header', i, 'link'])).filter((l): l is ChromeLink => l !== undefined),
    footerLinks: site.config.footerLinks.map((e, i) => chromeLink(e, ['footerLinks', i, 'link'])).filter((l): l is ChromeLink => l !== undefined),
    logo: imageSetting('logo'),
    favicon: imageSetting('favicon'),
    footerHtml: async () => {
      if (!footer) return '';
      const { html, warnings } = await renderToHtml(footer.tree, { features: footer.features, reservedIds: LAYOUT_IDS, imageOrigins: new Set(site.config.images.allowedOrigins) });
      for (const w of warnings) diagnostics.push({ severity: 'warning', rule: 'unsafe-html', file, line: site.lineOf(['footer']), column: 1, message: w.message });
      return html.trim().replace(/^<p>([\s\S]*)<\/p>$/, '$1');
    },
  };
}

/**
 * The home note: `home` in atlas.yaml, else the note with `permalink: /`, else one with
 * `home: true`, else a root `index.md`. Two notes asking for the root URL is an error.
 */
function chooseHome(notes: readonly Note[], site: LoadedSiteConfig, index: TopicIndex, diagnostics: Diagnostic[]): Note | undefined {
  const bySlug = new Map(notes.map((n) => [n.slug, n]));
  const wanting = notes.filter((n) => n.wantsHome);
  let home: Note | undefined;
  if (site.config.home !== undefined) {
    const name = site.config.home.replace(/^\[\[|\]\]$/g, '');
    const resolved = index.resolve(name);
    if (resolved) home = bySlug.get(resolved.slug);
    else {
      const hint = index.suggest(name);
      diagnostics.push({ severity: 'error', rule: 'site-config', file: site.file ?? 'atlas.yaml', line: site.lineOf(['home']), column: 1, message: `site configuration "home": no note is called "${name}"${hint ? ` — did you mean "${hint}"?` : ''}` });
    }
  }
  home ??= wanting[0] ?? notes.find((n) => n.data.home) ?? notes.find((n) => nameKey(n.path) === 'index');
  for (const note of wanting) {
    if (note === home) continue;
    diagnostics.push({ severity: 'error', rule: 'slug-collision', file: note.file, line: note.lines.permalink, column: 1, message: `permalink "/" asks for the home page, which is ${home?.file ?? 'another note'} — remove the permalink or change the home note` });
  }
  return home;
}

/** Why a vault has no page to build, and what to do. */
function nothingToBuild(contentDir: string, unpublished: number): string {
  if (!existsSync(contentDir)) return 'no such folder — set ATLAS_CONTENT to the folder of your notes (the vault)';
  if (unpublished > 0) return `nothing to build: ${unpublished === 1 ? 'the one note here is' : `all ${unpublished} notes here are`} unpublished (publish: false or draft: true)`;
  return 'nothing to build: no .md or .mdx notes here — add one, or set ATLAS_CONTENT to the folder of your notes';
}

/** A digest of a note file's bytes ('' when it cannot be read: its shard reports why). */
function sourceDigest(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('base64url');
  } catch {
    return '';
  }
}

/**
 * The last build's analytics and layout on a graph whose links changed: what each topic had, and
 * for a new topic exact degrees, the smallest PageRank and a place among its neighbours.
 */
function applyLastGraph(graph: KnowledgeGraph, analytics: GraphAnalytics, layout: GraphLayout): void {
  let smallest = 1 / Math.max(1, graph.order);
  for (const a of Object.values(analytics)) smallest = Math.min(smallest, a.pagerank);
  let smallestSize = 4;
  for (const l of Object.values(layout)) smallestSize = Math.min(smallestSize, l.size);
  graph.updateEachNodeAttributes((node, attributes) => ({ ...attributes, ...(analytics[node] ?? { pagerank: smallest, community: 0 }), ...(layout[node] ?? {}) }));
  degrees.assign(graph);
  graph.forEachNode((node) => {
    if (layout[node]) return;
    let x = 0, y = 0, n = 0;
    graph.forEachNeighbor(node, (neighbour) => {
      const at = layout[neighbour];
      if (at) (x += at.x), (y += at.y), n++;
    });
    graph.mergeNodeAttributes(node, { x: n ? Math.round(x / n) : 0, y: n ? Math.round(y / n) : 0, size: smallestSize });
  });
}

/** The given numeric attributes of every node, for the build cache. */
function pickAttributes<T>(graph: KnowledgeGraph, keys: ReadonlyArray<keyof T & string>): Record<string, T> {
  const out: Record<string, T> = {};
  graph.forEachNode((node, attributes) => {
    const picked: Record<string, unknown> = {};
    for (const key of keys) picked[key] = (attributes as unknown as Record<string, unknown>)[key];
    out[node] = picked as T;
  });
  return out;
}

/** A topic as the knowledge graph takes it. */
export function topicRecord(t: Topic): TopicRecord {
  return {
    id: t.slug,
    title: t.title,
    url: t.url,
    category: t.category,
    tags: t.tags,
    aliases: t.aliases,
    summary: t.summary,
    wordCount: t.wordCount,
    file: t.file,
  };
}
