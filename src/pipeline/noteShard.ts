// A shard of the vault's notes and everything per-note the pipeline does to them: read and parse
// (with anchors), transform (links as data), fill in query results and transclusions, render. A
// shard keeps its notes' syntax trees between those steps, so only small records cross to the
// coordinator (src/pipeline/loadContent.ts), which does the work that needs every note at once
// (identity, index, relations, the graph, queries). Shards run on worker threads for large vaults
// (src/pipeline/shardPool.ts) and in-process for small ones; the results are the same either way.
import { relative, join } from 'node:path';
import type { Parent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { LinkRecord, TopicSlug } from '../../graph/types.ts';
import { siteRoutes } from '../routes.ts';
import { assignAnchors, LAYOUT_IDS, type HeadingAnchor } from './anchors.ts';
import type { Diagnostic, Severity } from './diagnostics.ts';
import { dropRepeatedTitle, parseMarkdown, type ParsedMarkdown } from './parseMarkdown.ts';
import { readNote, type Note, type NoteSource, type UnpublishedNote } from './readNotes.ts';
import { renderToHtml, type RenderWarning } from './render.ts';
import { AttachmentIndex } from './scanVault.ts';
import { TopicIndex } from './topicIndex.ts';
import { recordingLookup, type LookupLog } from './lookupLog.ts';
import { embedSection, fillEmbed, type EmbedRequest } from './transclude.ts';
import { demoPlaceholder, isDemoPlaceholder, transformNote, type RenderFeatures, type SiteLookup } from './transformNote.ts';

export interface ShardOptions {
  contentDir: string;
  cwd: string;
  base: string;
  lenient: boolean;
  categories: readonly string[] | undefined;
  /** Demo names and their static fallback HTML (the registry, as data). */
  demos: { names: readonly string[]; fallbacks: Readonly<Record<string, string>> };
  /** Origins images may come from (atlas.yaml images.allowedOrigins). */
  imageOrigins: readonly string[];
}

export interface ReadResult {
  rel: string;
  note?: Note;
  unpublished?: UnpublishedNote;
  anchors?: { headings: HeadingAnchor[]; blockIds: string[] };
  diagnostics: Diagnostic[];
}

/** Everything a transform needs to know about the other notes, as plain data. */
export interface LookupData {
  notes: Array<{ slug: TopicSlug; title: string; aliases: readonly string[]; path: string; url: string; urlPath: string }>;
  homeSlug: TopicSlug | undefined;
  unpublished: Array<{ title: string; aliases: readonly string[]; path: string }>;
  attachments: string[];
  anchors: Array<[TopicSlug, { headings: HeadingAnchor[]; blockIds: string[] }]>;
  severity: Severity;
  imageOrigins: string[];
}

/** Where a page embeds another: the container to fill, and what to copy from where. */
export interface EmbedNeed extends EmbedRequest {
  id: string;
  from: TopicSlug;
  target: TopicSlug;
}

export interface QueryNeed {
  id: string;
  text: string;
  line: number;
  column: number;
}

export interface TransformedNote {
  slug: TopicSlug;
  links: LinkRecord[];
  embeds: EmbedNeed[];
  queries: QueryNeed[];
  tags: string[];
  demos: string[];
  mermaid: boolean;
  features: RenderFeatures;
  /** Words of the page's own prose (no transclusions, demos or code). */
  words: number;
  /** The first paragraph of its own prose, as plain text. */
  excerpt: string;
  /** Plain text of each FAQ answer (for structured data). */
  faqText: string[];
  diagnostics: Diagnostic[];
  /**
   * Every question the transform asked about other notes, with its answer: a LookupLog
   * (src/pipeline/lookupLog.ts) as JSON text. One string rather than a pair of strings per link: the
   * coordinator only hashes it and keeps it for the next build, and copying tens of thousands of
   * small arrays out of each shard, then sharing their strings, took the main thread's time
   * between parsing and rendering (internStrings, 0.2 s of 0.3 s at 5,000 pages, was mostly these).
   */
  lookups: string;
}

export interface RenderedNote {
  slug: TopicSlug;
  html: string;
  faqHtml: string[];
  diagnostics: Diagnostic[];
}

interface Held {
  note: NoteSource;
  tree?: Root;
  text?: string;
  anchors?: { headings: HeadingAnchor[]; blockIds: Set<string> };
  faq: Array<{ tree: Root; line: number; features: RenderFeatures }>;
  containers: Map<string, Parent & { data?: Record<string, unknown> }>;
  placeholders: Map<string, { type: string; data?: Record<string, unknown>; children?: unknown[] }>;
  /** Transforming changes the tree, so each note is transformed once. */
  transformed: boolean;
}

export class NoteShard {
  readonly #options: ShardOptions;
  readonly #held = new Map<TopicSlug, Held>();
  #rendering: Promise<unknown> = Promise.resolve();
  /** What every note's rendering shares. */
  readonly #renderOptions;
  /** The answers transforms get (from `lookUpIn`). */
  #lookup: SiteLookup | undefined;
  /** The notes in the order they were read; those before `#transformedUpTo` have been transformed. */
  readonly #readOrder: TopicSlug[] = [];
  #transformedUpTo = 0;

  constructor(options: ShardOptions) {
    this.#options = options;
    const fallbacks = options.demos.fallbacks;
    this.#renderOptions = { demoFallback: (name: string) => fallbacks[name] ?? '', reservedIds: LAYOUT_IDS, imageOrigins: new Set(options.imageOrigins) };
  }

  #displayPath(rel: string): string {
    return relative(this.#options.cwd, join(this.#options.contentDir, rel)) || rel;
  }

  /** Reads, identifies and parses the given files; keeps their trees for the next steps. */
  read(files: readonly string[]): ReadResult[] {
    const { contentDir, lenient, categories } = this.#options;
    return files.map((rel) => {
      const read = readNote(rel, { contentDir, lenient, categories, displayPath: (r) => this.#displayPath(r) });
      if (!read.note) return { rel, ...(read.unpublished ? { unpublished: read.unpublished } : {}), diagnostics: read.diagnostics };
      const { body, ...note } = read.note;
      const diagnostics = read.diagnostics;
      const parsed = this.#parse(read.note, body, read.note.bodyLine, diagnostics);
      const held: Held = { note: read.note, faq: [], containers: new Map(), placeholders: new Map(), transformed: false };
      this.#held.set(note.slug, held);
      this.#readOrder.push(note.slug);
      if (!parsed) return { rel, note, diagnostics };
      dropRepeatedTitle(parsed.tree, note.title, (node) => toString(node));
      const anchors = assignAnchors(parsed.tree);
      held.tree = parsed.tree;
      held.text = parsed.text;
      held.anchors = anchors;
      return { rel, note, anchors: { headings: anchors.headings, blockIds: [...anchors.blockIds] }, diagnostics };
    });
  }

  /** Forgets notes the coordinator did not keep (a URL another note took). */
  drop(slugs: readonly TopicSlug[]): void {
    for (const slug of slugs) this.#held.delete(slug);
  }

  /** What the next transforms will ask about other notes (the coordinator sends it once per build step). */
  lookUpIn(data: LookupData): void {
    this.#lookup = siteLookup(data, this.#options);
  }

  /**
   * Links become data and nodes, for up to `limit` notes of this shard read and not yet transformed:
   * the coordinator asks until none is left, so no message (nor the worker) holds them all at once.
   */
  transform(limit: number): TransformedNote[] {
    const siteWide = this.#lookup;
    if (!siteWide) throw new Error('transform before lookUpIn');
    const { demos } = this.#options;
    const out: TransformedNote[] = [];
    while (out.length < limit && this.#transformedUpTo < this.#readOrder.length) {
      const slug = this.#readOrder[this.#transformedUpTo++]!;
      const held = this.#held.get(slug);
      if (!held) continue;
      const { note } = held;
      if (!held.tree || held.transformed) continue;
      held.transformed = true;
      const lookups: LookupLog = [];
      const lookup = recordingLookup(siteWide, lookups);
      const diagnostics: Diagnostic[] = [];
      const result = transformNote(held.tree, { slug, path: note.path, file: note.file, bodyLine: note.bodyLine, body: held.text! }, lookup);
      diagnostics.push(...result.diagnostics);
      const pageDemos = [...result.demos];
      const demo = note.data.demo;
      if (demo !== undefined) {
        if (!demos.names.includes(demo)) {
          diagnostics.push({ severity: 'error', rule: 'unknown-demo', file: note.file, line: note.lines.demo, column: 1, message: `unknown demo "${demo}" — use one of: ${demos.names.join(', ')}` });
        } else if (!pageDemos.includes(demo)) {
          // A demo named in frontmatter but not placed in the body goes after the body.
          held.tree.children.push(demoPlaceholder(demo));
          pageDemos.push(demo);
        }
      }
      const links = [...result.links];
      const embeds: EmbedNeed[] = [];
      const queries: QueryNeed[] = [];
      const keep = (r: typeof result) => {
        r.embeds.forEach((e) => {
          const id = `${slug}#e${held.containers.size}`;
          held.containers.set(id, e.node);
          embeds.push({ id, from: slug, target: e.target, headingPath: e.headingPath, blockId: e.blockId });
        });
        r.queries.forEach((q) => {
          const id = `${slug}#q${held.placeholders.size}`;
          held.placeholders.set(id, q.node);
          queries.push({ id, text: q.text, line: q.line, column: q.column });
        });
      };
      keep(result);
      // FAQ answers are Markdown like the body and go through the same stages.
      const tags = [...result.tags];
      held.faq = [];
      const faqText: string[] = [];
      note.data.faq.forEach((entry, i) => {
        const line = note.lines.faq[i] ?? note.bodyLine;
        const answer = this.#parse(note, entry.a, line, diagnostics);
        if (!answer) return;
        const done = transformNote(answer.tree, { slug, path: note.path, file: note.file, bodyLine: line, body: answer.text }, lookup);
        links.push(...done.links);
        diagnostics.push(...done.diagnostics);
        tags.push(...done.tags);
        keep(done);
        held.faq.push({ tree: answer.tree, line, features: done.features });
        faqText.push(plainText(answer.tree).replace(/\s+/g, ' ').trim());
      });
      out.push({
        slug,
        links,
        embeds,
        queries,
        tags,
        demos: pageDemos,
        mermaid: result.mermaid,
        features: result.features,
        // The page's own prose: counted before transclusions are filled in.
        words: countWords(plainText(held.tree)),
        excerpt: firstParagraph(held.tree),
        faqText,
        diagnostics,
        lookups: JSON.stringify(lookups),
      });
    }
    return out;
  }

  /** Puts each query's results where the query was written. */
  fillQueries(results: ReadonlyArray<[id: string, nodes: RootContent[]]>): void {
    for (const [id, nodes] of results) {
      const slug = id.slice(0, id.lastIndexOf('#')) as TopicSlug;
      const node = this.#held.get(slug)?.placeholders.get(id);
      if (!node) continue;
      node.type = 'atlasQueryResult';
      node.data = { hName: 'div', hProperties: { className: ['query-result'] } };
      node.children = [...nodes];
    }
  }

  /** Copies of the parts of this shard's notes other pages embed. */
  sections(requests: readonly EmbedNeed[]): Array<[id: string, section: RootContent[]]> {
    return requests.map((request) => {
      const held = this.#held.get(request.target);
      return [request.id, held?.tree && held.anchors ? embedSection(held.tree, held.anchors, request) : []];
    });
  }

  /** Puts copies of other notes' sections where this shard's notes embed them. */
  fillEmbeds(sections: ReadonlyArray<[id: string, section: RootContent[]]>): void {
    for (const [id, section] of sections) {
      const slug = id.slice(0, id.lastIndexOf('#')) as TopicSlug;
      const container = this.#held.get(slug)?.containers.get(id);
      if (container) fillEmbed(container, section);
    }
  }

  /**
   * Renders the notes asked for to HTML, with the features the coordinator gives (a page that
   * embeds another needs what the copy needs), and lets their trees go. The coordinator asks for
   * most notes as soon as they are transformed, while it builds the graph: a note whose HTML can
   * need nothing more (no query to fill in, nothing to embed, not embedded). Calls run one after
   * another, in the order they arrive.
   */
  render(features: ReadonlyArray<[TopicSlug, RenderFeatures]>): Promise<RenderedNote[]> {
    const rendering = this.#rendering.then(() => this.#renderEach(features));
    this.#rendering = rendering.catch(() => {});
    return rendering;
  }

  async #renderEach(features: ReadonlyArray<[TopicSlug, RenderFeatures]>): Promise<RenderedNote[]> {
    const out: RenderedNote[] = [];
    for (const [slug, noteFeatures] of features) {
      const held = this.#held.get(slug);
      if (!held?.tree) continue;
      out.push(await this.#render(slug, held, noteFeatures));
      this.#held.delete(slug);
    }
    return out;
  }

  /** One note's body and FAQ answers, as HTML. */
  async #render(slug: TopicSlug, held: Held, features: RenderFeatures): Promise<RenderedNote> {
    const options = this.#renderOptions;
    const diagnostics: Diagnostic[] = [];
    const report = (warnings: RenderWarning[], firstLine: number) => {
      for (const w of warnings) diagnostics.push({ severity: 'warning', rule: 'unsafe-html', file: held.note.file, line: (w.line ?? 1) + firstLine - 1, column: 1, message: w.message });
    };
    const body = await renderToHtml(held.tree!, { ...options, features });
    report(body.warnings, held.note.bodyLine);
    const faqHtml: string[] = [];
    for (const [i, answer] of held.faq.entries()) {
      // Each answer's ids (footnotes, headings) are its own: they would repeat the body's.
      const rendered = await renderToHtml(answer.tree, { ...options, features: answer.features, idPrefix: `faq-${i + 1}-` });
      report(rendered.warnings, answer.line);
      faqHtml.push(rendered.html.trim());
    }
    return { slug, html: body.html, faqHtml, diagnostics };
  }

  #parse(note: Pick<Note, 'file' | 'isMdx'>, text: string, firstLine: number, diagnostics: Diagnostic[]): ParsedMarkdown | undefined {
    const parsed = parseMarkdown(text, note.isMdx);
    if ('failure' in parsed) {
      diagnostics.push({ severity: 'error', rule: 'syntax', file: note.file, line: parsed.failure.line + firstLine - 1, column: parsed.failure.column, message: `cannot parse ${note.isMdx ? 'MDX' : 'Markdown'}: ${parsed.failure.message}` });
      return undefined;
    }
    if (parsed.unclosedCommentAt !== undefined) {
      const line = text.slice(0, parsed.unclosedCommentAt).split('\n').length + firstLine - 1;
      diagnostics.push({ severity: 'warning', rule: 'comment', file: note.file, line, column: 1, message: 'this %% comment is never closed, so the rest of the note is hidden (as in Obsidian) — close it with %%' });
    }
    return parsed;
  }
}

/** The answers to a transform's questions about other notes, from the coordinator's LookupData. */
export function siteLookup(data: LookupData, options: Pick<ShardOptions, 'base' | 'demos'>): SiteLookup {
  const routes = siteRoutes(options.base);
  const bySlug = new Map(data.notes.map((n) => [n.slug, n]));
  const byUrlPath = new Map(data.notes.map((n) => [n.urlPath, n.slug]));
  const anchors = new Map(data.anchors.map(([slug, a]) => [slug, { headings: a.headings, blockIds: new Set(a.blockIds) }]));
  return {
    routes,
    index: new TopicIndex(data.notes),
    unpublished: new TopicIndex(data.unpublished.map((n, i) => ({ ...n, slug: `unpublished-${i}` as TopicSlug }))),
    attachments: new AttachmentIndex(data.attachments),
    anchorsOf: (slug) => anchors.get(slug),
    titleOf: (slug) => bySlug.get(slug)?.title ?? slug,
    urlOf: (slug) => bySlug.get(slug)?.url ?? routes.topic(slug),
    topicAt: (path) => (path === '' ? data.homeSlug : byUrlPath.get(path)),
    unresolvedSeverity: data.severity,
    imageOrigins: new Set(data.imageOrigins),
    isDemoName: (name) => options.demos.names.includes(name),
    demoNames: options.demos.names,
  };
}

/** The page's own prose as plain text: no code, transclusions, demos or diagrams. */
export function plainText(tree: Root): string {
  const parts: string[] = [];
  const walk = (nodes: readonly RootContent[]) => {
    for (const n of nodes) {
      if (n.type === 'code' || isDemoPlaceholder(n) || (n.data as Record<string, unknown> | undefined)?.['atlasEmbed'] !== undefined || n.type === ('mermaidDiagram' as string)) continue;
      if ('value' in n && typeof n.value === 'string' && n.type !== 'html') parts.push(n.value);
      else if ('children' in n) walk(n.children as RootContent[]);
      if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'listItem' || n.type === 'tableCell') parts.push(' ');
    }
  };
  walk(tree.children);
  return parts.join('');
}

/** Words in prose; a run of CJK characters counts one word per character, as readers count them. */
export function countWords(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const other = text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu, ' ').match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu)?.length ?? 0;
  return cjk + other;
}

/** The first paragraph of the page's own prose (not a transclusion, demo or callout title), as plain text. */
function firstParagraph(tree: Root): string {
  const paragraph = tree.children.find((n) => n.type === 'paragraph' && (n.data as Record<string, unknown> | undefined)?.['atlasEmbed'] === undefined && plainText({ type: 'root', children: [n] }).trim().length > 0);
  const text = paragraph ? plainText({ type: 'root', children: [paragraph] }).replace(/\s+/g, ' ').trim() : '';
  return text.length > 240 ? `${text.slice(0, 239).trimEnd()}…` : text;
}
