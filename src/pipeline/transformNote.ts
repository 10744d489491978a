// Stage 3: the Obsidian-flavoured transform of one parsed note. Wikilinks, embeds, Markdown links
// to notes and attachments, callouts, inline #tags and MDX components become ordinary mdast nodes,
// and every link is recorded as data ({from, to, heading, line, column, text, sentence}) for the
// rest of the build. Code is never touched: wikilinks are tokens the parser recognised outside
// code, and only `text` nodes are scanned for tags.
import type { Blockquote, Definition, Image, Link, Nodes, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { walk, type WalkNode, type WalkResult } from './walk.ts';
import type { LinkRecord, TopicSlug } from '../../graph/types.ts';
import type { SiteRoutes } from '../routes.ts';
import { isHttpUrl, isSafeUrl, safeUrl, urlScheme } from '../urlPolicy.ts';
import { findHeading, type PageAnchors } from './anchors.ts';
import { didYouMean, type Diagnostic, type Severity } from './diagnostics.ts';
import { AttachmentIndex, normalizePath, safeDecode } from './scanVault.ts';
import type { TopicIndex } from './topicIndex.ts';
import { displayText, parseWikilink, type Wikilink } from './wikilink.ts';

/** What the transform needs to know about every other page. */
export interface SiteLookup {
  routes: SiteRoutes;
  index: TopicIndex;
  /** Names of notes that exist but are not published (drafts, `publish: false`). */
  unpublished: TopicIndex;
  attachments: AttachmentIndex;
  anchorsOf(slug: TopicSlug): PageAnchors | undefined;
  titleOf(slug: TopicSlug): string;
  /** The page's URL (the home note's is the site root). */
  urlOf(slug: TopicSlug): string;
  /** The topic served at a URL path (after the base, no slashes), for site-relative Markdown links. */
  topicAt(urlPath: string): TopicSlug | undefined;
  /** Severity for unresolved links and headings (error, or warning in warn mode). */
  unresolvedSeverity: Severity;
  /** Origins external images may come from (site configuration). */
  imageOrigins: ReadonlySet<string>;
  isDemoName(name: string): boolean;
  demoNames: readonly string[];
}

export interface PageSource {
  slug: TopicSlug;
  /** Vault-relative path without extension, for relative resolution. */
  path: string;
  /** Path shown in messages. */
  file: string;
  /** Line in the file where the body starts (frontmatter offset). */
  bodyLine: number;
  /** The text the tree was parsed from (comments blanked), for exact positions. */
  body: string;
}

/**
 * A query (```query block or `<Query query="…" />`) to evaluate once the knowledge graph exists;
 * its results replace `node`. `line`/`column` place the query's first character in the file.
 */
export interface PendingQuery {
  node: { type: string; data?: Record<string, unknown> };
  text: string;
  line: number;
  column: number;
}

/** An embed (`![[Note]]`) whose content is filled in once every page is transformed. */
export interface PendingEmbed {
  /** The page the embed is written in. */
  from: TopicSlug;
  node: Parent & { data?: Record<string, unknown> };
  target: TopicSlug;
  headingPath: string[];
  blockId: string | undefined;
}

export interface TransformResult {
  links: LinkRecord[];
  diagnostics: Diagnostic[];
  tags: string[];
  demos: string[];
  embeds: PendingEmbed[];
  queries: PendingQuery[];
  /** The page has a Mermaid diagram (its script loads only on such pages). */
  mermaid: boolean;
  /** What rendering needs to do for this tree (each step is skipped when its feature is absent). */
  features: RenderFeatures;
}

export interface RenderFeatures {
  /** Raw HTML written by the author: parsed, then explained and sanitized. */
  rawHtml: boolean;
  /** Math to typeset with KaTeX. */
  math: boolean;
  /** Code blocks to highlight with Shiki. */
  code: boolean;
}

const IMAGE_EXT = /\.(png|jpe?g|gif|svg|webp|avif|bmp|ico)$/i;
const AUDIO_EXT = /\.(mp3|wav|ogg|oga|m4a|flac|aac|opus|3gp)$/i;
const VIDEO_EXT = /\.(mp4|webm|ogv|mov|mkv|m4v)$/i;
const PDF_EXT = /\.pdf$/i;
const NOTE_EXT = /\.(md|mdx)$/i;
const HAS_EXT = /\.[A-Za-z0-9]{1,8}$/;
// Obsidian's tag syntax: a letter or _ first (not only digits), then letters, digits, _ - /.
const INLINE_TAG = /(^|[\s(,;:])#([\p{L}\p{M}_][\p{L}\p{M}\p{N}_/-]*|\p{N}+[\p{L}\p{M}_/-][\p{L}\p{M}\p{N}_/-]*)/gu;
const CALLOUT = /^\[!([\w-]+)\]([+-]?)[ \t]*(.*)$/;

export function transformNote(tree: Root, page: PageSource, site: SiteLookup): TransformResult {
  const result: TransformResult = { links: [], diagnostics: [], tags: [], demos: [], embeds: [], queries: [], mermaid: false, features: { rawHtml: false, math: false, code: false } };
  const lineStarts = computeLineStarts(page.body);
  const folder = page.path.includes('/') ? page.path.slice(0, page.path.lastIndexOf('/')) : '';
  const { routes } = site;

  const report: Report = (severity, rule, offset, message) => {
    const { line, column } = positionOf(lineStarts, offset);
    result.diagnostics.push({ severity, rule, file: page.file, line: line + page.bodyLine - 1, column, message });
  };

  const record = (link: Omit<LinkRecord, 'from' | 'file' | 'line' | 'column' | 'sentence'>, offset: number): number => {
    const { line, column } = positionOf(lineStarts, offset);
    result.links.push({ ...link, from: page.slug, file: page.file, line: line + page.bodyLine - 1, column, sentence: '' });
    return result.links.length - 1;
  };

  const addQuery = (text: string, offset: number, firstLineOffset: number, index: number, parent: Parent) => {
    const { line, column } = positionOf(lineStarts, offset);
    const placeholder = { type: 'atlasQuery', data: {} as Record<string, unknown> };
    (parent.children as unknown[]).splice(index, 1, placeholder);
    result.queries.push({ node: placeholder, text, line: line + page.bodyLine - 1 + firstLineOffset, column });
  };
  // One walk does the whole transform, in document order: MDX components, callouts, wikilinks,
  // inline tags, query and Mermaid blocks, and Markdown links, images and link definitions.
  walk<Nodes & WalkNode>(tree, (node, index, parent) => {
    const p = parent as Parent;
    switch (node.type) {
      case 'wikiLink': {
        const offset = node.position?.start.offset ?? 0;
        const link = parseWikilink(node.inner, node.embed);
        const replacement = renderWikilink(link, offset, `${node.embed ? '!' : ''}[[${node.inner}]]`);
        (p.children as Nodes[]).splice(index, 1, ...(replacement as Nodes[]));
        return index + replacement.length;
      }
      case 'text': {
        if (p.type === 'link' || p.type === 'linkReference' || !node.value.includes('#')) return undefined;
        const pieces = splitTags(node.value, routes, result.tags);
        if (pieces.length === 1 && pieces[0]!.type === 'text') return undefined;
        (p.children as Nodes[]).splice(index, 1, ...(pieces as Nodes[]));
        return index + pieces.length;
      }
      case 'blockquote':
        transformCallout(node);
        return undefined;
      case 'code': {
        const lang = node.lang?.toLowerCase();
        if (lang === 'query') {
          // The query starts on the line after the opening fence, at the fence's indentation.
          addQuery(node.value, node.position?.start.offset ?? 0, 1, index, p);
          return index + 1;
        }
        if (lang === 'mermaid') {
          // Drawn in the browser (src/client/mermaid.ts, loaded only on such pages); the source stays
          // in the page as the figure for readers without JavaScript.
          result.mermaid = true;
          const figure = {
            type: 'mermaidDiagram',
            data: {
              hName: 'figure',
              hProperties: { className: ['mermaid'] },
              hChildren: [{ type: 'element', tagName: 'pre', properties: { className: ['mermaid-source'] }, children: [{ type: 'text', value: node.value }] }],
            },
          };
          (p.children as unknown[]).splice(index, 1, figure);
          return index + 1;
        }
        result.features.code = true;
        return undefined;
      }
      case 'math':
      case 'inlineMath':
        result.features.math = true;
        return undefined;
      case 'html':
        result.features.rawHtml = true;
        return undefined;
      case 'link':
        // Markdown links and images: into the vault, or out to the web under the URL policy.
        if ((node.data as Record<string, unknown> | undefined)?.['atlasWikilink']) return undefined;
        return rewriteMarkdownLink(node, node.position?.start.offset ?? 0, index, p);
      case 'image':
        if ((node.data as Record<string, unknown> | undefined)?.['atlasAttachment']) return undefined;
        return rewriteImage(node, node.position?.start.offset ?? 0, index, p);
      case 'definition':
        checkDefinition(node);
        return undefined;
      default:
        if (node.type.startsWith('mdx')) return transformMdxNode(node, index, p, site, result, report, addQuery);
        return undefined;
    }
  });

  finishBlocks(tree, result.links);
  return result;

  function renderWikilink(link: Wikilink, offset: number, written: string): PhrasingContent[] {
    if (!link.target) return [renderSamePageLink(link, offset, written)];
    const text = displayText(link);
    const resolution = site.index.resolve(link.target, page.path);
    if (!resolution) {
      // Not a note: a file in the vault (`[[report.pdf|the report]]`, `![[clip.mp3]]`)?
      const attachment = NOTE_EXT.test(link.target) ? undefined : site.attachments.find(link.target, folder);
      if (attachment) return [link.embed ? renderAttachmentEmbed(link, attachment) : linkNode(routes.attachment(attachment), link.alias ?? link.target, ['attachment'], undefined, undefined)];
      const hidden = site.unpublished.resolve(link.target, page.path);
      if (hidden) {
        report('warning', 'unpublished-link', offset, `${written} points to a note that is not published — shown as plain text`);
        return [{ type: 'text', value: link.embed ? '' : text }];
      }
      if (link.embed && HAS_EXT.test(link.target) && !NOTE_EXT.test(link.target)) {
        report(site.unresolvedSeverity, 'missing-attachment', offset, `missing attachment ${written} — put "${link.target}" anywhere in the content folder`);
        return [missingLink(link.target, link.target, undefined)];
      }
      const hint = site.index.suggest(link.target);
      report(site.unresolvedSeverity, 'unresolved-link', offset, `unresolved ${written}${hint ? ` — did you mean "${hint}"?` : ' — create the page or fix the name'}`);
      const i = record({ to: null, target: link.target, heading: link.heading ?? (link.blockId && `^${link.blockId}`), text, kind: link.embed ? 'embed' : 'link' }, offset);
      return [missingLink(link.target, text, i)];
    }
    if (resolution.alternatives.length) {
      report('warning', 'ambiguous-link', offset, `ambiguous ${written} resolved to ${resolution.slug}; it also matches ${resolution.alternatives.join(', ')} — write the longer path, e.g. [[${resolution.alternatives[0]}]], to link another`);
    }
    const fragment = checkFragment(resolution.slug, link, offset, written);
    const i = record({ to: resolution.slug, target: link.target, heading: link.heading ?? (link.blockId && `^${link.blockId}`), text, kind: link.embed ? 'embed' : 'link' }, offset);
    const url = site.urlOf(resolution.slug) + fragment;
    if (link.embed) {
      const container: Paragraph = {
        type: 'paragraph',
        children: [],
        data: {
          hName: 'aside',
          hProperties: { className: ['transclusion'] },
          atlasEmbed: i,
          atlasUrl: url,
          atlasText: text,
        } as Record<string, unknown>,
      };
      result.embeds.push({ from: page.slug, node: container as PendingEmbed['node'], target: resolution.slug, headingPath: link.headingPath, blockId: link.blockId });
      return [container as unknown as PhrasingContent];
    }
    return [linkNode(url, link.alias ?? (link.heading || link.blockId ? text : link.target), ['wikilink'], i, site.titleOf(resolution.slug))];
  }

  function checkFragment(slug: TopicSlug, link: Pick<Wikilink, 'headingPath' | 'blockId'>, offset: number, written: string): string {
    if (!link.headingPath.length && !link.blockId) return '';
    const anchors = site.anchorsOf(slug);
    if (link.blockId) {
      if (anchors?.blockIds.has(link.blockId)) return `#^${link.blockId}`;
      report(site.unresolvedSeverity, 'unresolved-heading', offset, `unresolved block ${written} — "${site.titleOf(slug)}" has no block ^${link.blockId}`);
      return '';
    }
    const id = anchors ? findHeading(anchors, link.headingPath) : undefined;
    if (id) return `#${id}`;
    const last = link.headingPath[link.headingPath.length - 1]!;
    const hint = anchors ? didYouMean(last, anchors.headings.map((h) => h.text)) : undefined;
    report(site.unresolvedSeverity, 'unresolved-heading', offset, `unresolved heading ${written} — "${site.titleOf(slug)}" has no heading "${link.headingPath.join(' › ')}"${hint ? `; did you mean "${hint}"?` : ''}`);
    return '';
  }

  function renderSamePageLink(link: Wikilink, offset: number, written: string): PhrasingContent {
    const fragment = checkFragment(page.slug, link, offset, written);
    return linkNode(fragment || '#', displayText(link), ['wikilink', 'same-page'], undefined, undefined);
  }

  function renderAttachmentEmbed(link: Wikilink, found: string): PhrasingContent {
    const url = routes.attachment(found);
    const name = found.split('/').pop()!;
    if (IMAGE_EXT.test(found)) {
      // `![[pic.png|300]]` or `|300x200` sets the size; any other text is the alt text.
      const size = /^(\d+)(?:x(\d+))?$/.exec(link.alias ?? '');
      const props: Record<string, string> = {};
      if (size) {
        props['width'] = size[1]!;
        if (size[2]) props['height'] = size[2];
      }
      const alt = size || !link.alias ? name.replace(/\.[^.]+$/, '') : link.alias;
      return { type: 'image', url, alt, data: { hProperties: props, atlasAttachment: true } as Image['data'] };
    }
    const element = (hName: string, hProperties: Record<string, unknown>, fallback: string): PhrasingContent =>
      ({
        type: 'paragraph',
        children: [linkNode(url, fallback, ['attachment'], undefined, undefined)],
        data: { hName, hProperties, atlasMedia: true },
      }) as unknown as PhrasingContent;
    if (AUDIO_EXT.test(found)) return element('audio', { controls: true, preload: 'metadata', src: url, className: ['embed-audio'] }, `Listen to ${name}`);
    if (VIDEO_EXT.test(found)) return element('video', { controls: true, preload: 'metadata', src: url, className: ['embed-video'] }, `Watch ${name}`);
    if (PDF_EXT.test(found)) return { type: 'atlasPdf', data: { src: url, title: link.alias ?? name, atlasMedia: true } } as unknown as PhrasingContent;
    return linkNode(url, link.alias ?? name, ['attachment'], undefined, undefined);
  }

  function rewriteMarkdownLink(node: Link, offset: number, index: number, parent: Parent): WalkResult {
    const url = node.url;
    if (!url) return undefined;
    if (!isSafeUrl(url)) {
      const scheme = urlScheme(url) ?? 'unreadable';
      const why = scheme === 'obsidian:' ? 'obsidian: links open the Obsidian app, which a web reader may not have' : `links may only use http(s), mailto or relative URLs (${scheme} is not allowed)`;
      report('warning', 'unsafe-url', offset, `removed a link to "${url.slice(0, 60)}", keeping its text — ${why}`);
      (parent.children as Nodes[]).splice(index, 1, ...(node.children as Nodes[]));
      return index;
    }
    node.url = safeUrl(url)!;
    if (urlScheme(url) !== undefined || url.startsWith('//')) return undefined;
    const [pathPart, fragment] = splitFragment(node.url);
    if (pathPart === '') return undefined; // same-page #anchor
    const decoded = safeDecode(pathPart);
    let slug: TopicSlug | undefined;
    if (NOTE_EXT.test(decoded)) {
      const target = normalizePath(decoded.startsWith('/') ? decoded : `${folder}/${decoded}`);
      slug = site.index.resolve(target, page.path)?.slug ?? site.index.resolve(decoded, page.path)?.slug;
      if (!slug) {
        report(site.unresolvedSeverity, 'unresolved-link', offset, `unresolved link (${url}) — no note at ${target}`);
        const i = record({ to: null, target: decoded, heading: fragment, text: toString(node), kind: 'link' }, offset);
        node.url = routes.missing(decoded);
        markLink(node, ['wikilink', 'missing'], i, `Missing page: “${decoded}” has not been written yet`);
        return undefined;
      }
    } else {
      // A site-relative or page-relative URL such as `../other-note/`: resolve it against this page's URL.
      const absolute = decoded.startsWith('/') ? decoded : new URL(decoded, `http://x/${page.slug}/`).pathname;
      const baseless = absolute.startsWith(routes.base) ? absolute.slice(routes.base.length) : absolute.slice(1);
      const candidate = safeDecode(baseless).replace(/\/+$/, '').replace(/\/index\.html$/, '');
      const atPath = site.topicAt(candidate);
      if (atPath) slug = atPath;
      else {
        const attachment = site.attachments.find(decoded, folder);
        if (attachment) node.url = routes.attachment(attachment);
        return undefined;
      }
    }
    const i = record({ to: slug, target: decoded, heading: fragment, text: toString(node), kind: 'link' }, offset);
    const anchor = fragment ? checkFragment(slug, { headingPath: [fragment], blockId: fragment.startsWith('^') ? fragment.slice(1) : undefined }, offset, `[${toString(node)}](${url})`) : '';
    node.url = site.urlOf(slug) + anchor;
    markLink(node, ['wikilink'], i, site.titleOf(slug));
    return undefined;
  }

  function rewriteImage(node: Image, offset: number, index: number, parent: Parent): WalkResult {
    const url = node.url;
    if (!url) return undefined;
    const replaceWithLink = (reason: string) => {
      report('warning', 'external-image', offset, reason);
      const text = node.alt || url;
      const replacement: Nodes = isSafeUrl(url) ? linkNode(safeUrl(url)!, text, ['external-image'], undefined, undefined) : { type: 'text', value: text };
      (parent.children as Nodes[]).splice(index, 1, replacement);
      return index + 1;
    };
    if (urlScheme(url) !== undefined || url.startsWith('//')) {
      if (!isHttpUrl(url.startsWith('//') ? `https:${url}` : url)) return replaceWithLink(`image "${url.slice(0, 60)}" is not an http(s) URL — shown as ${isSafeUrl(url) ? 'a link' : 'text'} instead`);
      const origin = new URL(url.startsWith('//') ? `https:${url}` : url).origin;
      if (!site.imageOrigins.has(origin)) return replaceWithLink(`image from ${origin} is shown as a link — add "${origin}" to images.allowedOrigins in atlas.yaml to show it`);
      node.url = safeUrl(url)!;
      return undefined;
    }
    if (url.startsWith(routes.attachmentsPrefix())) return undefined;
    const found = site.attachments.find(url, folder);
    if (found) node.url = routes.attachment(found);
    else report(site.unresolvedSeverity, 'missing-attachment', offset, `missing image ${url} — put the file in the content folder`);
    return undefined;
  }

  /** `[ref]: url` definitions feed reference links and images: the same URL policy applies. */
  function checkDefinition(node: Definition): void {
    if (!node.url || isSafeUrl(node.url)) return;
    report('warning', 'unsafe-url', node.position?.start.offset ?? 0, `removed the URL of the link definition [${node.label ?? node.identifier}] ("${node.url.slice(0, 60)}") — links may only use http(s), mailto or relative URLs`);
    node.url = '';
  }

  function missingLink(target: string, text: string, recordIndex: number | undefined): PhrasingContent {
    return linkNode(routes.missing(target), text, ['wikilink', 'missing'], recordIndex, `Missing page: “${target}” has not been written yet`);
  }
}

function linkNode(url: string, text: string, className: string[], recordIndex: number | undefined, title: string | undefined): Link {
  const node: Link = { type: 'link', url, children: [{ type: 'text', value: text }] };
  markLink(node, className, recordIndex, title);
  return node;
}

function markLink(node: Link, className: string[], recordIndex: number | undefined, title: string | undefined): void {
  const props: Record<string, unknown> = { className };
  if (title && className.includes('missing')) props['title'] = title;
  // `atlasWikilink` keeps the Markdown-link pass from treating this link again.
  node.data = { ...(node.data ?? {}), hProperties: props, atlasWikilink: true, ...(recordIndex === undefined ? {} : { atlasLink: recordIndex }) } as Link['data'];
}

/** Splits plain text into text and tag-link nodes for inline `#tags`, collecting the tags. */
function splitTags(value: string, routes: SiteRoutes, tags: string[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let cursor = 0;
  for (const match of value.matchAll(INLINE_TAG)) {
    const tag = match[2]!.replace(/\/+$/, '');
    const start = match.index + match[1]!.length;
    if (start > cursor) out.push({ type: 'text', value: value.slice(cursor, start) });
    tags.push(tag);
    out.push(linkNode(routes.tag(tag), `#${tag}`, ['tag'], undefined, undefined));
    cursor = start + 1 + match[2]!.length;
  }
  if (cursor < value.length) out.push({ type: 'text', value: value.slice(cursor) });
  return out;
}

/**
 * The bodies transformCallout makes. A body is a blockquote node (rendered as a div), and the walk
 * goes on into it: its first line is never a callout of its own. In Obsidian `> [!note]` followed by
 * `> [!tip]` is one note whose text begins "[!tip]" (a nested callout is `> > [!tip]`); taking each
 * such line as another callout nested one level deeper overflowed the stack at a few thousand lines.
 */
const calloutBodies = new WeakSet<Blockquote>();

/** `> [!note] Title` blockquotes become callouts; `+`/`-` make them foldable (`<details>`). */
function transformCallout(node: Blockquote): void {
  if (calloutBodies.has(node)) return;
  {
    const first = node.children[0];
    if (first?.type !== 'paragraph' || first.children[0]?.type !== 'text') return;
    const firstText = first.children[0];
    const newline = firstText.value.indexOf('\n');
    const header = newline === -1 ? firstText.value : firstText.value.slice(0, newline);
    const match = CALLOUT.exec(header);
    if (!match) return;
    const kind = match[1]!.toLowerCase();
    const fold = match[2];
    const titleChildren: PhrasingContent[] = match[3] ? [{ type: 'text', value: match[3] }] : [{ type: 'text', value: kind.charAt(0).toUpperCase() + kind.slice(1) }];
    // The rest of the first line (inline nodes after the title text) belongs to the title; what
    // follows the first line break is the callout's body.
    const restOfFirst: PhrasingContent[] = [];
    if (newline === -1) {
      const breakAt = first.children.findIndex((c, i) => i > 0 && c.type === 'text' && c.value.includes('\n'));
      const inTitle = breakAt === -1 ? first.children.slice(1) : first.children.slice(1, breakAt);
      titleChildren.push(...inTitle);
      if (breakAt !== -1) {
        const breakNode = first.children[breakAt] as Text;
        const cut = breakNode.value.indexOf('\n');
        titleChildren.push({ type: 'text', value: breakNode.value.slice(0, cut) });
        restOfFirst.push({ type: 'text', value: breakNode.value.slice(cut + 1) }, ...first.children.slice(breakAt + 1));
      }
      first.children = restOfFirst;
    } else {
      firstText.value = firstText.value.slice(newline + 1);
    }
    const titleNode: Paragraph = {
      type: 'paragraph',
      children: titleChildren,
      data: { hName: fold ? 'summary' : 'p', hProperties: { className: ['callout-title'] } } as Paragraph['data'],
    };
    const body = first.children.length ? node.children : node.children.slice(1);
    const content: Blockquote = { type: 'blockquote', children: body, data: { hName: 'div', hProperties: { className: ['callout-content'] } } as Blockquote['data'] };
    calloutBodies.add(content);
    node.children = [titleNode, content] as Blockquote['children'];
    const props: Record<string, unknown> = { className: ['callout', `callout-${kind.replace(/[^a-z0-9-]/g, '')}`], dataCallout: kind };
    // A block id at the end of the callout's first line names the callout.
    const firstId = ((first.data as Record<string, unknown> | undefined)?.['hProperties'] as Record<string, unknown> | undefined)?.['id'];
    if (firstId !== undefined) props['id'] = firstId;
    if (fold === '+') props['open'] = true;
    node.data = { ...(node.data ?? {}), hName: fold ? 'details' : 'div', hProperties: { ...((node.data as { hProperties?: object } | undefined)?.hProperties ?? {}), ...props } } as Blockquote['data'];
  }
}

type Report = (severity: Severity, rule: string, offset: number, message: string) => void;

type AddQuery = (text: string, offset: number, firstLineOffset: number, index: number, parent: Parent) => void;

/**
 * One MDX node: `<Demo name="x" />` becomes a demo placeholder and `<Query query="…" />` a query;
 * anything that would need JavaScript evaluation is an error. Returns where the walk goes on.
 */
function transformMdxNode(node: Nodes, index: number, parent: Parent, site: SiteLookup, result: TransformResult, report: Report, addQuery: AddQuery): WalkResult {
  const type = node.type as string;
  const offset = node.position?.start.offset ?? 0;
  if (type === 'mdxJsxFlowElement' || type === 'mdxJsxTextElement') {
    const element = node as unknown as { name: string | null; attributes: Array<{ type: string; name?: string; value?: unknown }> };
    if (element.name === 'Demo') {
      const nameAttr = element.attributes.find((a) => a.name === 'name');
      const name = typeof nameAttr?.value === 'string' ? nameAttr.value : undefined;
      if (!name || !site.isDemoName(name)) {
        report('error', 'unknown-demo', offset, `unknown demo <Demo name="${name ?? ''}" /> — use one of: ${site.demoNames.join(', ')}`);
      } else {
        result.demos.push(name);
        (parent.children as unknown[]).splice(index, 1, demoPlaceholder(name));
        return index + 1;
      }
    } else if (element.name === 'Query') {
      const queryAttr = element.attributes.find((a) => a.name === 'query');
      if (typeof queryAttr?.value !== 'string') {
        report('error', 'syntax', offset, 'a <Query> needs its query as text: <Query query="LIST FROM #tag" /> (see README "Queries")');
      } else {
        addQuery(queryAttr.value, offset, 0, index, parent);
        return index + 1;
      }
    } else {
      report('error', 'syntax', offset, `unknown component <${element.name ?? ''}> — content files may use <Demo name="…" /> and <Query query="…" /> only`);
    }
  } else if (type === 'mdxjsEsm') {
    report('error', 'syntax', offset, 'import/export statements are not supported in content — components such as <Demo> are available without imports');
  } else if (type === 'mdxFlowExpression' || type === 'mdxTextExpression') {
    const value = String((node as { value?: unknown }).value ?? '').trim();
    // `{/* comment */}` is MDX's comment syntax: drop it quietly.
    if (!/^\/\*[\s\S]*\*\/$/.test(value) && value !== '') {
      report('error', 'syntax', offset, `JavaScript expressions {${value.slice(0, 30)}} are not evaluated in content — write the text out`);
    }
  } else {
    return undefined;
  }
  (parent.children as unknown[]).splice(index, 1);
  return index;
}

/** Placeholder a demo's island mounts into (rendered by src/pipeline/render.ts with its static fallback). */
export function demoPlaceholder(name: string): RootContent {
  return { type: 'atlasDemo', data: { name } } as unknown as RootContent;
}

/** True for a demo placeholder node. */
export function isDemoPlaceholder(node: { type: string }): boolean {
  return node.type === 'atlasDemo';
}

/**
 * The block-level finish, in one walk: an embed alone in its paragraph replaces the paragraph (a
 * block, keeping the paragraph's block id, `![[Note]] ^id`); an embed among text reads as a link
 * to its source; then each link record gets its `sentence`: the sentence of its block (paragraph,
 * heading, table cell) that contains it.
 */
function finishBlocks(tree: Root, links: LinkRecord[]): void {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const dataOf = (c: { data?: unknown }) => c.data as Record<string, unknown> | undefined;
  const isBlock = (c: PhrasingContent) => dataOf(c)?.['atlasEmbed'] !== undefined || dataOf(c)?.['atlasMedia'] === true;
  walk<Nodes & WalkNode>(tree, (node, index, parent) => {
    if (node.type === 'paragraph') {
      const meaningful = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
      if (meaningful.length === 1 && isBlock(meaningful[0]!)) {
        const block = meaningful[0]! as unknown as Paragraph;
        const id = (dataOf(node)?.['hProperties'] as Record<string, unknown> | undefined)?.['id'];
        if (id !== undefined) {
          const blockData = (block.data ??= {}) as Record<string, unknown>;
          blockData['hProperties'] = { ...((blockData['hProperties'] as object | undefined) ?? {}), id };
        }
        (parent as Parent).children.splice(index, 1, block as never);
        return index + 1;
      }
      // A transclusion cannot sit inside running text: there it reads as a link to its source.
      for (const child of node.children) {
        const d = dataOf(child);
        if (d?.['atlasEmbed'] === undefined) continue;
        Object.assign(child, { type: 'link', url: d['atlasUrl'], children: [{ type: 'text', value: d['atlasText'] }] });
        child.data = { hProperties: { className: ['wikilink'] }, atlasLink: d['atlasEmbed'], atlasInline: true, atlasWikilink: true } as PhrasingContent['data'];
      }
    } else if (node.type !== 'heading' && node.type !== 'tableCell') {
      return undefined;
    }
    fillSentences(node, links, segmenter);
    return 'skip';
  });
}

/** Fills the `sentence` of every link record marked inside one block. */
function fillSentences(block: Nodes, links: LinkRecord[], segmenter: Intl.Segmenter): void {
  const marks: Array<{ index: number; offset: number }> = [];
  // The block's text with each run of white space read as one space (across nodes too), and each
  // link marked at its offset in that text: sentences are split from it.
  let flat = '';
  // Kept aside: asking the growing string how it ends made V8 flatten it at every node, which cost
  // the square of the block's length (a paragraph of 20,000 links took 7 s).
  let endsWithSpace = false;
  const collect = (n: Nodes) => {
    const data = n.data as Record<string, unknown> | undefined;
    if (typeof data?.['atlasLink'] === 'number') marks.push({ index: data['atlasLink'], offset: flat.length });
    if ('value' in n && typeof n.value === 'string' && n.type !== 'html') {
      const collapsed = n.value.replace(/\s+/g, ' ');
      const piece = endsWithSpace && collapsed.startsWith(' ') ? collapsed.slice(1) : collapsed;
      if (piece.length > 0) {
        flat += piece;
        endsWithSpace = piece.endsWith(' ');
      }
    } else if ('children' in n) for (const child of n.children) collect(child as Nodes);
  };
  collect(block);
  if (!marks.length) return;
  // Marks come in document order, so one lazy pass over the sentences serves them all and stops at
  // the last marked one; links in the same sentence share one string.
  const sentences = segmenter.segment(flat)[Symbol.iterator]();
  let current = sentences.next();
  let sentence: string | undefined;
  for (const mark of marks) {
    const offset = Math.min(mark.offset, flat.length - 1);
    while (!current.done && offset >= current.value.index + current.value.segment.length) {
      current = sentences.next();
      sentence = undefined;
    }
    sentence ??= clip((current.done ? flat : current.value.segment).trim(), 300);
    links[mark.index]!.sentence = sentence;
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionOf(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

function splitFragment(url: string): [string, string | undefined] {
  const hash = url.indexOf('#');
  return hash === -1 ? [url, undefined] : [url.slice(0, hash), safeDecode(url.slice(hash + 1))];
}
