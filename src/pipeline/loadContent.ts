// The content pipeline, once per build, as a sequence of stages with one job each:
//   site configuration (atlas.yaml) → scan the vault → read notes (frontmatter, identity) → choose
//   the home note → parse every body → transform (links recorded as data) → transclusions →
//   typed relations → header/footer links → render.
// Everything the pages need (backlinks, relations, the graph) is derived from the records produced
// here, never by re-reading pages.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { nameKey } from '../../graph/names.ts';
import { relationVocabulary, type RelationVocabulary } from '../../graph/relations.ts';
import type { LinkRecord, RelationRecord, TopicRecord, TopicSlug } from '../../graph/types.ts';
import type { DeployConfig, LinkPolicy } from '../config/deployConfig.ts';
import { readSiteConfig, type LoadedSiteConfig } from '../config/readSiteConfig.ts';
import type { TopicFrontmatter } from '../content/schema.ts';
import { siteRoutes, type SiteRoutes } from '../routes.ts';
import { isSafeUrl } from '../urlPolicy.ts';
import { assignAnchors, LAYOUT_IDS, type HeadingAnchor, type PageAnchors } from './anchors.ts';
import { attachmentProblem } from './attachmentPolicy.ts';
import { ContentError, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { dropRepeatedTitle, parseMarkdown, type ParsedMarkdown } from './parseMarkdown.ts';
import { readNotes, type Note } from './readNotes.ts';
import { renderToHtml } from './render.ts';
import { AttachmentIndex, scanVault } from './scanVault.ts';
import { TopicIndex } from './topicIndex.ts';
import { fillEmbeds } from './transclude.ts';
import { demoPlaceholder, isDemoPlaceholder, transformNote, type PendingEmbed, type SiteLookup } from './transformNote.ts';
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
}

export interface DemoRegistry {
  names: readonly string[];
  isDemoName(name: string): boolean;
  /** Static (no-JS) HTML shown inside the demo placeholder until the island mounts. */
  fallbackHtml(name: string, base: string): string;
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
  links: LinkRecord[];
  relations: RelationRecord[];
  vocabulary: RelationVocabulary;
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
}

export interface LoadOptions {
  /** Render HTML (the build) or only collect records and diagnostics (`npm run check`). */
  render?: boolean;
  /** Throw a ContentError when any diagnostic is an error (the build); `check` reports instead. */
  throwOnError?: boolean;
  cwd?: string;
}

export async function loadContent(deploy: DeployConfig, demos: DemoRegistry, options: LoadOptions = {}): Promise<LoadedContent> {
  const { render = true, throwOnError = true, cwd = process.cwd() } = options;
  const displayPath = (rel: string) => relative(cwd, join(deploy.contentDir, rel)) || rel;
  const diagnostics: Diagnostic[] = [];
  const routes = siteRoutes(deploy.base);

  // 1. The vault's own configuration.
  const site = readSiteConfig(deploy.contentDir, displayPath);
  diagnostics.push(...site.diagnostics);
  const linkPolicy = deploy.links ?? site.config.links;
  const lenient = linkPolicy === 'warn';
  let vocabulary = relationVocabulary();
  try {
    vocabulary = relationVocabulary(site.config.relations);
  } catch (error) {
    diagnostics.push({ severity: 'error', rule: 'site-config', file: site.file ?? 'atlas.yaml', line: site.lineOf(['relations']), column: 1, message: String((error as Error).message) });
  }

  // 2. Files, 3. notes.
  const vault = scanVault(deploy.contentDir);
  for (const skipped of vault.skipped) {
    diagnostics.push({ severity: 'warning', rule: 'unreadable', file: displayPath(skipped.path), line: 1, column: 1, message: `skipped: ${skipped.reason}` });
  }
  const read = readNotes(vault.topics, { contentDir: deploy.contentDir, displayPath, lenient, categories: site.config.categories });
  diagnostics.push(...read.diagnostics);
  const notes = read.notes;
  const bySlug = new Map(notes.map((n) => [n.slug, n]));
  const byUrlPath = new Map(notes.map((n) => [n.urlPath, n.slug]));
  const index = new TopicIndex(notes.map((n) => ({ slug: n.slug, title: n.title, aliases: n.meta.aliases, path: n.path })));
  const unpublished = new TopicIndex(read.unpublished.map((n, i) => ({ slug: `unpublished-${i}` as TopicSlug, title: n.title, aliases: n.aliases, path: n.path })));
  // Attachments are served from the site's origin: what a browser would run there is left out.
  const published = vault.attachments.filter((path) => {
    const problem = attachmentProblem(path, () => readFileSync(join(deploy.contentDir, path), 'utf8'));
    if (problem) diagnostics.push({ severity: 'warning', rule: 'unsafe-attachment', file: displayPath(path), line: problem.line, column: 1, message: problem.message });
    return problem === undefined;
  });
  const attachments = new AttachmentIndex(published);

  // 4. The home note: its URL is the site root; its own path URL redirects there.
  const home = chooseHome(notes, site, index, diagnostics);
  const urlOf = (slug: TopicSlug) => (slug === home?.slug ? routes.home() : routes.topic((bySlug.get(slug)?.urlPath ?? slug) as TopicSlug));
  const redirects = home && !home.wantsHome ? [{ path: home.urlPath, to: home.slug }] : [];

  // 5. Parse every body first, so every page's headings are known before links are checked.
  const parsed = new Map<TopicSlug, ParsedMarkdown>();
  const anchors = new Map<TopicSlug, PageAnchors>();
  for (const note of notes) {
    const result = parseNote(note, note.body, note.bodyLine, diagnostics);
    if (!result) continue;
    dropRepeatedTitle(result.tree, note.title, (node) => toString(node));
    parsed.set(note.slug, result);
    anchors.set(note.slug, assignAnchors(result.tree));
  }

  // 6. Transform: links become data and nodes.
  const lookup: SiteLookup = {
    routes,
    index,
    unpublished,
    attachments,
    anchorsOf: (slug) => anchors.get(slug),
    titleOf: (slug) => bySlug.get(slug)?.title ?? slug,
    urlOf,
    topicAt: (path) => (path === '' ? home?.slug : byUrlPath.get(path)),
    unresolvedSeverity: lenient ? 'warning' : 'error',
    imageOrigins: new Set(site.config.images.allowedOrigins),
    isDemoName: demos.isDemoName,
    demoNames: demos.names,
  };
  const links: LinkRecord[] = [];
  const embeds: PendingEmbed[] = [];
  interface Transformed {
    note: Note;
    tree: Root;
    tags: string[];
    demos: string[];
    mermaid: boolean;
    faq: Array<{ q: string; tree: Root }>;
  }
  const transformed: Transformed[] = [];
  for (const note of notes) {
    const page = parsed.get(note.slug);
    if (!page) continue;
    const result = transformNote(page.tree, { slug: note.slug, path: note.path, file: note.file, bodyLine: note.bodyLine, body: page.text }, lookup);
    links.push(...result.links);
    embeds.push(...result.embeds);
    diagnostics.push(...result.diagnostics);
    const pageDemos = [...result.demos];
    const demo = note.data.demo;
    if (demo !== undefined) {
      if (!demos.isDemoName(demo)) {
        diagnostics.push({ severity: 'error', rule: 'unknown-demo', file: note.file, line: note.lineOf(['demo']), column: 1, message: `unknown demo "${demo}" — use one of: ${demos.names.join(', ')}` });
      } else if (!pageDemos.includes(demo)) {
        // A demo named in frontmatter but not placed in the body goes after the body.
        page.tree.children.push(demoPlaceholder(demo));
        pageDemos.push(demo);
      }
    }
    // FAQ answers are Markdown like the body and go through the same stages.
    const faq: Transformed['faq'] = [];
    const tags = [...result.tags];
    note.data.faq.forEach((entry, i) => {
      const line = note.lineOf(['faq', i, 'a']);
      const answer = parseNote(note, entry.a, line, diagnostics);
      if (!answer) return;
      const done = transformNote(answer.tree, { slug: note.slug, path: note.path, file: note.file, bodyLine: line, body: answer.text }, lookup);
      links.push(...done.links);
      embeds.push(...done.embeds);
      diagnostics.push(...done.diagnostics);
      tags.push(...done.tags);
      faq.push({ q: entry.q, tree: answer.tree });
    });
    transformed.push({ note, tree: page.tree, tags, demos: pageDemos, mermaid: result.mermaid, faq });
  }
  // Word counts and excerpts are the page's own prose: taken before transclusions are filled in.
  const ownText = new Map(transformed.map((t) => [t.note.slug, { words: countWords(plainText(t.tree)), excerpt: firstParagraph(t.tree) }]));
  fillEmbeds(embeds, new Map(transformed.map((t) => [t.note.slug, t.tree])), anchors);

  // 7. Typed relations from frontmatter.
  const relations: RelationRecord[] = [];
  for (const note of notes) {
    for (const [type, targets] of Object.entries(note.data.relations)) {
      if (!vocabulary.has(type)) {
        diagnostics.push({ severity: 'error', rule: 'unknown-relation-type', file: note.file, line: note.lineOf(['relations', type]), column: 1, message: `unknown relation type "${type}" — use one of: ${[...vocabulary.keys()].join(', ')}, or define it under "relations" in atlas.yaml` });
        continue;
      }
      targets.forEach((target, i) => {
        const line = note.lineOf(['relations', type, i]);
        const resolved = index.resolve(target, note.path);
        if (!resolved) {
          const hint = index.suggest(target);
          diagnostics.push({ severity: lenient ? 'warning' : 'error', rule: 'unknown-relation-target', file: note.file, line, column: 1, message: `relation ${type} → unknown topic "${target}"${hint ? ` — did you mean "${hint}"?` : ' — use a title or alias of an existing page'}` });
        }
        relations.push({ from: note.slug, to: resolved?.slug ?? null, target, type, file: note.file, line, column: 1 });
      });
    }
  }

  // 8. Header and footer links from the site configuration.
  const chromeLink = (entry: { text: string; link: string }, path: PropertyKey[]): ChromeLink | undefined => {
    const wikilink = /^\[\[(.+)\]\]$/.exec(entry.link.trim());
    const name = wikilink ? parseWikilink(wikilink[1]!).target : entry.link.trim();
    const resolved = /^(https?:|mailto:)/i.test(name) ? undefined : index.resolve(name);
    if (resolved) return { text: entry.text, href: urlOf(resolved.slug) };
    if (!wikilink && /^(https?:\/\/|mailto:)/i.test(name) && isSafeUrl(name)) return { text: entry.text, href: name };
    const hint = index.suggest(name);
    diagnostics.push({ severity: lenient ? 'warning' : 'error', rule: 'site-config', file: site.file ?? 'atlas.yaml', line: site.lineOf(path), column: 1, message: `site configuration "${path.map(String).join('.')}": "${entry.link}" is neither a note nor an http(s)/mailto URL${hint ? ` — did you mean "[[${hint}]]"?` : ''}` });
    return undefined;
  };
  const header = site.config.header.map((e, i) => chromeLink(e, ['header', i, 'link'])).filter((l): l is ChromeLink => l !== undefined);
  const footerLinks = site.config.footerLinks.map((e, i) => chromeLink(e, ['footerLinks', i, 'link'])).filter((l): l is ChromeLink => l !== undefined);
  const imageSetting = (key: 'logo' | 'favicon'): string | undefined => {
    const path = site.config[key];
    if (path === undefined) return undefined;
    const found = attachments.find(path, '');
    if (found) return routes.attachment(found);
    diagnostics.push({ severity: 'error', rule: 'site-config', file: site.file ?? 'atlas.yaml', line: site.lineOf([key]), column: 1, message: `site configuration "${key}": no file "${path}" in the vault — give the image's path inside the content folder` });
    return undefined;
  };
  const logo = imageSetting('logo');
  const favicon = imageSetting('favicon');
  let footerTree: Root | undefined;
  if (site.config.footer) {
    const footer = parseMarkdown(site.config.footer, false);
    if (!('failure' in footer)) {
      const done = transformNote(footer.tree, { slug: '' as TopicSlug, path: '', file: site.file ?? 'atlas.yaml', bodyLine: site.lineOf(['footer']), body: footer.text }, lookup);
      diagnostics.push(...done.diagnostics);
      footerTree = footer.tree;
    }
  }

  if (throwOnError && diagnostics.some((d) => d.severity === 'error')) throw new ContentError(sortDiagnostics(diagnostics));

  // 9. Render.
  const renderOptions = { demoFallback: (name: string) => demos.fallbackHtml(name, deploy.base), reservedIds: LAYOUT_IDS, imageOrigins: lookup.imageOrigins };
  const renderTree = async (tree: Root, note: Pick<Note, 'file'>, firstLine: number, idPrefix?: string) => {
    if (!render) return '';
    const { html, warnings } = await renderToHtml(tree, idPrefix ? { ...renderOptions, idPrefix } : renderOptions);
    for (const w of warnings) diagnostics.push({ severity: 'warning', rule: 'unsafe-html', file: note.file, line: (w.line ?? 1) + firstLine - 1, column: 1, message: w.message });
    return html;
  };
  const topics: Topic[] = [];
  for (const t of transformed) {
    const { note } = t;
    const faq: Topic['faq'] = [];
    for (const [i, entry] of t.faq.entries()) {
      // Each answer's ids (footnotes, headings) are its own: they would repeat the body's.
      faq.push({ q: entry.q, html: (await renderTree(entry.tree, note, note.lineOf(['faq', i, 'a']), `faq-${i + 1}-`)).trim(), text: plainText(entry.tree).replace(/\s+/g, ' ').trim() });
    }
    const html = await renderTree(t.tree, note, note.bodyLine);
    const own = ownText.get(note.slug)!;
    topics.push({
      slug: note.slug,
      url: urlOf(note.slug),
      title: note.title,
      file: note.file,
      path: note.path,
      data: note.data,
      summary: note.meta.summary,
      aliases: note.meta.aliases,
      category: note.meta.category,
      tags: [...new Set([...note.meta.tags, ...t.tags])],
      cssClasses: note.meta.cssClasses,
      headings: anchors.get(note.slug)?.headings ?? [],
      html,
      wordCount: own.words,
      excerpt: own.excerpt,
      demos: t.demos,
      faq,
      mermaid: t.mermaid,
      isHome: note.slug === home?.slug,
    });
  }
  const footerHtml = footerTree ? (await renderTree(footerTree, { file: site.file ?? 'atlas.yaml' }, site.lineOf(['footer']))).replace(/^<p>([\s\S]*)<\/p>$/, '$1') : '';
  return {
    site,
    linkPolicy,
    routes,
    topics,
    links,
    relations,
    vocabulary,
    attachments: attachments.paths,
    home: home?.slug,
    redirects,
    header,
    footerLinks,
    logo,
    favicon,
    footerHtml,
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/** Parses one Markdown text of a note (its body or an FAQ answer) starting at `firstLine` of its file. */
function parseNote(note: Note, text: string, firstLine: number, diagnostics: Diagnostic[]): ParsedMarkdown | undefined {
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
    diagnostics.push({ severity: 'error', rule: 'slug-collision', file: note.file, line: note.lineOf(['permalink']), column: 1, message: `permalink "/" asks for the home page, which is ${home?.file ?? 'another note'} — remove the permalink or change the home note` });
  }
  return home;
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

/** The page's own prose as plain text: no code, transclusions or demos. */
function plainText(tree: Root): string {
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
