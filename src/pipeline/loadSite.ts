// The whole content pipeline, once per build: scan the content folder → frontmatter → topic index →
// parse every body → transform (links recorded as data) → transclusions → relations → diagnostics →
// render. Everything the pages need (backlinks, relations, the graph) is derived from the records
// produced here, never by re-reading pages.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Root, RootContent } from 'mdast';
import type { AtlasConfig } from '../config.ts';
import type { TopicFrontmatter } from '../content/schema.ts';
import type { LinkRecord, RelationRecord, TopicRecord, TopicSlug } from '../../graph/types.ts';
import { assignAnchors, type HeadingAnchor, type PageAnchors } from './anchors.ts';
import { ContentError, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { parseFrontmatter, splitFrontmatter } from './frontmatter.ts';
import { parseBody } from './markdown.ts';
import { renderToHtml } from './render.ts';
import { AttachmentIndex, scanVault } from './scanVault.ts';
import { slugFromPath, slugFromPermalink, topicUrl } from './slug.ts';
import { TopicIndex } from './topicIndex.ts';
import { demoPlaceholder, transformTopic, type PendingEmbed } from './transformTopic.ts';
import { toString } from 'mdast-util-to-string';

/** One built page. */
export interface Topic {
  slug: TopicSlug;
  url: string;
  title: string;
  /** Path shown to authors, relative to the working directory. */
  file: string;
  /** Vault-relative path without extension. */
  path: string;
  data: TopicFrontmatter;
  summary: string | undefined;
  /** Frontmatter tags plus inline #tags, deduplicated, in order of appearance. */
  tags: string[];
  headings: HeadingAnchor[];
  html: string;
  wordCount: number;
  /** First paragraph as plain text, for previews when there is no summary. */
  excerpt: string;
  demos: string[];
  /** FAQ answers rendered like body text (wikilinks work and are recorded). */
  faq: Array<{ q: string; html: string }>;
}

export interface DemoRegistry {
  names: readonly string[];
  isDemoName(name: string): boolean;
  /** Static (no-JS) HTML shown inside the demo placeholder until the island mounts. */
  fallbackHtml(name: string, base: string): string;
}

export interface LoadedContent {
  topics: Topic[];
  links: LinkRecord[];
  relations: RelationRecord[];
  /** Vault-relative paths of attachments, served under `<base>attachments/`. */
  attachments: string[];
  diagnostics: Diagnostic[];
}

/** URLs the site itself uses: a topic there would shadow a site page. Sections own every URL below them. */
export const RESERVED_ROUTES: Record<string, string> = {
  graph: 'src/pages/graph.astro',
  search: 'src/pages/search.astro',
  topics: 'src/pages/topics.astro',
  about: 'src/pages/about.mdx',
  '404': 'src/pages/404.astro',
};
export const RESERVED_SECTIONS: Record<string, string> = {
  tags: 'src/pages/tags/',
  categories: 'src/pages/categories/',
  attachments: 'src/pages/attachments/',
  previews: 'src/pages/previews/',
  pagefind: 'the search index (pagefind/)',
  _astro: "Astro's asset folder (_astro/)",
  tfjs: 'the demo runtime files (tfjs/)',
};

/** The site route a topic URL would collide with, if any. */
export function reservedRouteOf(slug: string): { route: string; owner: string } | undefined {
  const top = slug.split('/')[0]!;
  if (slug in RESERVED_ROUTES) return { route: `/${slug}/`, owner: RESERVED_ROUTES[slug]! };
  if (top in RESERVED_SECTIONS) return { route: `/${top}/`, owner: RESERVED_SECTIONS[top]! };
  return undefined;
}

interface Draft {
  rel: string;
  file: string;
  path: string;
  slug: TopicSlug;
  title: string;
  data: TopicFrontmatter;
  body: string;
  bodyLine: number;
  isMdx: boolean;
  lineOf(path: readonly PropertyKey[]): number;
}

export interface LoadOptions {
  /** Render HTML (the build) or only collect records and diagnostics (`npm run check`). */
  render?: boolean;
  /** Throw a ContentError when any diagnostic is an error (the build); `check` reports instead. */
  throwOnError?: boolean;
  cwd?: string;
}

export async function loadContent(config: AtlasConfig, demos: DemoRegistry, options: LoadOptions = {}): Promise<LoadedContent> {
  const { render = true, throwOnError = true, cwd = process.cwd() } = options;
  const diagnostics: Diagnostic[] = [];
  const vault = scanVault(config.contentDir);
  const displayPath = (rel: string) => relative(cwd, join(config.contentDir, rel)) || rel;

  // 1. Frontmatter, titles and slugs.
  const drafts: Draft[] = [];
  const slugOwner = new Map<string, string>();
  for (const rel of vault.topics) {
    const file = displayPath(rel);
    const split = splitFrontmatter(readFileSync(join(config.contentDir, rel), 'utf8'));
    const parsed = parseFrontmatter(split, file);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.data) continue;
    const data = parsed.data;
    if (data.draft) continue;
    const path = rel.replace(/\.(md|mdx)$/i, '');
    let slug = slugFromPath(rel);
    if (data.permalink !== undefined) {
      const fromPermalink = slugFromPermalink(data.permalink);
      if (fromPermalink) slug = fromPermalink;
      else diagnostics.push({ severity: 'error', rule: 'frontmatter', file, line: parsed.lineOf(['permalink']), column: 1, message: `permalink "${data.permalink}" has no usable characters — use a path such as /my-topic/` });
    }
    const reserved = reservedRouteOf(slug);
    if (reserved) {
      diagnostics.push({ severity: 'error', rule: 'slug-collision', file, line: 1, column: 1, message: `URL /${slug}/ collides with the site route ${reserved.route} (${reserved.owner}) — rename the file or set a permalink` });
      continue;
    }
    const owner = slugOwner.get(slug);
    if (owner) {
      diagnostics.push({ severity: 'error', rule: 'slug-collision', file, line: 1, column: 1, message: `URL /${slug}/ is also the URL of ${owner} — rename one of the files or set a permalink` });
      continue;
    }
    slugOwner.set(slug, file);
    const title = data.title ?? rel.split('/').pop()!.replace(/\.(md|mdx)$/i, '');
    drafts.push({ rel, file, path, slug, title, data, body: split.body, bodyLine: split.bodyLine, isMdx: /\.mdx$/i.test(rel), lineOf: parsed.lineOf });
  }

  const index = new TopicIndex(drafts.map((d) => ({ slug: d.slug, title: d.title, aliases: d.data.aliases, path: d.path })));
  const attachments = new AttachmentIndex(vault.attachments);
  const bySlug = new Map(drafts.map((d) => [d.slug, d]));

  // 2. Parse every body first, so every page's headings are known before links are checked.
  const trees = new Map<TopicSlug, Root>();
  const anchors = new Map<TopicSlug, PageAnchors>();
  for (const d of drafts) {
    const parsed = parseBody(d.body, d.isMdx);
    if ('failure' in parsed) {
      diagnostics.push({ severity: 'error', rule: 'syntax', file: d.file, line: parsed.failure.line + d.bodyLine - 1, column: parsed.failure.column, message: `cannot parse ${d.isMdx ? 'MDX' : 'Markdown'}: ${parsed.failure.message}` });
      continue;
    }
    trees.set(d.slug, parsed.tree);
    anchors.set(d.slug, assignAnchors(parsed.tree));
  }

  // 3. Transform: links become data and nodes.
  const unresolvedSeverity = config.links === 'error' ? 'error' : 'warning';
  const lookup = {
    base: config.base,
    index,
    attachments,
    anchorsOf: (slug: TopicSlug) => anchors.get(slug),
    titleOf: (slug: TopicSlug) => bySlug.get(slug)?.title ?? slug,
    unresolvedSeverity,
    isDemoName: demos.isDemoName,
    demoNames: demos.names,
  } as const;
  const links: LinkRecord[] = [];
  const embeds: PendingEmbed[] = [];
  const extra = new Map<TopicSlug, { tags: string[]; demos: string[]; faqTrees: Root[] }>();
  for (const d of drafts) {
    const tree = trees.get(d.slug);
    if (!tree) continue;
    const result = transformTopic(tree, { slug: d.slug, path: d.path, file: d.file, bodyLine: d.bodyLine, body: d.body }, lookup);
    links.push(...result.links);
    embeds.push(...result.embeds);
    diagnostics.push(...result.diagnostics);
    const pageDemos = [...result.demos];
    if (d.data.demo !== undefined) {
      if (!demos.isDemoName(d.data.demo)) {
        diagnostics.push({ severity: 'error', rule: 'unknown-demo', file: d.file, line: d.lineOf(['demo']), column: 1, message: `unknown demo "${d.data.demo}" — use one of: ${demos.names.join(', ')}` });
      } else if (!pageDemos.includes(d.data.demo)) {
        // A demo named in frontmatter but not placed in the body goes after the body.
        tree.children.push(demoPlaceholder(d.data.demo) as RootContent);
        pageDemos.push(d.data.demo);
      }
    }
    const faqTrees: Root[] = [];
    d.data.faq.forEach((entry, i) => {
      const parsed = parseBody(entry.a, false);
      if ('failure' in parsed) return;
      const answer = transformTopic(parsed.tree, { slug: d.slug, path: d.path, file: d.file, bodyLine: d.lineOf(['faq', i, 'a']), body: entry.a }, lookup);
      links.push(...answer.links);
      diagnostics.push(...answer.diagnostics);
      faqTrees.push(parsed.tree);
    });
    extra.set(d.slug, { tags: result.tags, demos: pageDemos, faqTrees });
  }
  fillEmbeds(embeds, trees, anchors);

  // 4. Typed relations from frontmatter.
  const relations: RelationRecord[] = [];
  for (const d of drafts) {
    for (const [type, targets] of Object.entries(d.data.relations)) {
      (targets ?? []).forEach((target, i) => {
        const line = d.lineOf(['relations', type, i]);
        const resolved = index.resolve(target, d.path);
        if (!resolved) {
          const hint = index.suggest(target);
          diagnostics.push({ severity: 'error', rule: 'unknown-relation-target', file: d.file, line, column: 1, message: `relation ${type} → unknown topic "${target}"${hint ? ` — did you mean "${hint}"?` : ' — use a title or alias of an existing page'}` });
        }
        relations.push({ from: d.slug, to: resolved?.slug ?? null, target, type: type as RelationRecord['type'], file: d.file, line, column: 1 });
      });
    }
  }

  if (throwOnError && diagnostics.some((d) => d.severity === 'error')) throw new ContentError(sortDiagnostics(diagnostics));

  // 5. Render.
  const topics: Topic[] = [];
  for (const d of drafts) {
    const tree = trees.get(d.slug);
    if (!tree) continue;
    const { tags, demos: pageDemos, faqTrees } = extra.get(d.slug)!;
    const faq: Topic['faq'] = [];
    for (const [i, faqTree] of faqTrees.entries()) {
      // One-paragraph answers render inline, without the wrapping <p>.
      const answerHtml = render ? (await renderToHtml(faqTree)).html.trim().replace(/^<p>([\s\S]*)<\/p>$/, '$1') : '';
      faq.push({ q: d.data.faq[i]!.q, html: answerHtml });
    }
    fillDemoFallbacks(tree, demos, config.base);
    const { html, warnings } = render ? await renderToHtml(tree) : { html: '', warnings: [] };
    for (const w of warnings) diagnostics.push({ severity: 'warning', rule: 'unsafe-html', file: d.file, line: w.line + d.bodyLine - 1, column: 1, message: w.message });
    const text = plainText(tree);
    topics.push({
      slug: d.slug,
      url: topicUrl(config.base, d.slug),
      title: d.title,
      file: d.file,
      path: d.path,
      data: d.data,
      summary: d.data.summary,
      tags: [...new Set([...d.data.tags, ...tags])],
      headings: anchors.get(d.slug)?.headings ?? [],
      html,
      wordCount: countWords(text),
      excerpt: firstParagraph(tree),
      demos: pageDemos,
      faq,
    });
  }
  return { topics, links, relations, attachments: attachments.paths, diagnostics: sortDiagnostics(diagnostics) };
}

/** A topic as the knowledge graph takes it. */
export function topicRecord(t: Topic): TopicRecord {
  return {
    id: t.slug,
    title: t.title,
    url: t.url,
    category: t.data.category,
    tags: t.tags,
    aliases: t.data.aliases,
    summary: t.summary,
    wordCount: t.wordCount,
    file: t.file,
  };
}

/** Copies the embedded section (or the whole page) into each transclusion, with a link to its source. */
function fillEmbeds(embeds: PendingEmbed[], trees: Map<TopicSlug, Root>, anchors: Map<TopicSlug, PageAnchors>): void {
  for (const embed of embeds) {
    const data = embed.node.data as Record<string, unknown>;
    if (data['atlasInline']) continue;
    const source = trees.get(embed.target);
    if (!source) continue;
    const section = extractSection(source, embed.heading ? anchors.get(embed.target)?.headingIds.get(embed.heading.toLowerCase()) : undefined, embed.blockId);
    const copy = structuredClone(section).map(stripForEmbedding);
    const sourceLink = {
      type: 'paragraph',
      children: [{ type: 'link', url: data['atlasUrl'], children: [{ type: 'text', value: `From “${String(data['atlasText'])}”` }] }],
      data: { hProperties: { className: ['transclusion-source'] } },
    };
    embed.node.children = [sourceLink, ...copy] as typeof embed.node.children;
  }
}

function extractSection(tree: Root, headingId: string | undefined, blockId: string | undefined): RootContent[] {
  const idOf = (n: RootContent) => ((n.data as Record<string, unknown> | undefined)?.['hProperties'] as Record<string, unknown> | undefined)?.['id'];
  if (blockId) return tree.children.filter((n) => idOf(n) === `^${blockId}`);
  if (!headingId) return tree.children.filter((n) => (n.data as Record<string, unknown> | undefined)?.['atlasDemo'] === undefined);
  const start = tree.children.findIndex((n) => n.type === 'heading' && idOf(n) === headingId);
  if (start === -1) return [];
  const depth = (tree.children[start] as { depth: number }).depth;
  const end = tree.children.findIndex((n, i) => i > start && n.type === 'heading' && n.depth <= depth);
  return tree.children.slice(start, end === -1 ? undefined : end);
}

/** Embedded copies keep no ids (they would clash with the host page's) and no nested transclusions. */
function stripForEmbedding(node: RootContent): RootContent {
  const data = node.data as Record<string, unknown> | undefined;
  if (data?.['atlasEmbed'] !== undefined) {
    return { type: 'paragraph', children: [{ type: 'link', url: String(data['atlasUrl']), children: [{ type: 'text', value: String(data['atlasText']) }] }] } as RootContent;
  }
  if (data?.['hProperties']) {
    const props = { ...(data['hProperties'] as Record<string, unknown>) };
    delete props['id'];
    node.data = { ...data, hProperties: props } as RootContent['data'];
  }
  if ('children' in node) (node as { children: RootContent[] }).children = (node as { children: RootContent[] }).children.map(stripForEmbedding);
  return node;
}

function fillDemoFallbacks(tree: Root, demos: DemoRegistry, base: string): void {
  const visitNode = (node: RootContent | Root) => {
    const data = (node as unknown as { data?: Record<string, unknown> }).data;
    if (typeof data?.['atlasDemo'] === 'string') data['hChildren'] = [{ type: 'raw', value: demos.fallbackHtml(data['atlasDemo'], base) }];
    if ('children' in node) for (const child of node.children as RootContent[]) visitNode(child);
  };
  visitNode(tree);
}

function plainText(tree: Root): string {
  return tree.children.filter((n) => n.type !== 'code').map((n) => toString(n)).join(' ');
}

/** Words in prose; a run of CJK characters counts one word per character, as readers count them. */
export function countWords(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const other = text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
  return cjk + other;
}

function firstParagraph(tree: Root): string {
  const paragraph = tree.children.find((n) => n.type === 'paragraph' && toString(n).trim().length > 0);
  const text = paragraph ? toString(paragraph).replace(/\s+/g, ' ').trim() : '';
  return text.length > 240 ? `${text.slice(0, 239).trimEnd()}…` : text;
}

