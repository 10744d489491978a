// The Obsidian-flavoured transform of one parsed page: wikilinks, embeds, Markdown links to notes,
// attachments, callouts, inline #tags and MDX demo components become ordinary mdast nodes, and every
// link is recorded as data ({from, to, heading, line, column, text, sentence}) for the rest of the
// build. Nothing inside code is touched: only `text` nodes are rewritten, and code is never text.
import type { Blockquote, Link, Nodes, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { LinkRecord, TopicSlug } from '../../graph/types.ts';
import type { PageAnchors } from './anchors.ts';
import { didYouMean, type Diagnostic, type Severity } from './diagnostics.ts';
import { AttachmentIndex, attachmentUrl, normalizePath } from './scanVault.ts';
import { topicUrl } from './slug.ts';
import { tagHref } from '../lib/taxonomy.ts';
import type { TopicIndex } from './topicIndex.ts';
import { WIKILINK_PATTERN, displayText, parseWikilink, type Wikilink } from './wikilink.ts';

/** What the transform needs to know about every other page. */
export interface SiteLookup {
  base: string;
  index: TopicIndex;
  attachments: AttachmentIndex;
  anchorsOf(slug: TopicSlug): PageAnchors | undefined;
  titleOf(slug: TopicSlug): string;
  /** Severity for unresolved links and headings (ATLAS_LINKS). */
  unresolvedSeverity: Severity;
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
  body: string;
}

/** An embed (`![[Note]]`) whose content is filled in once every page is transformed. */
export interface PendingEmbed {
  node: Parent & { data?: Record<string, unknown> };
  target: TopicSlug;
  heading: string | undefined;
  blockId: string | undefined;
}

export interface TransformResult {
  links: LinkRecord[];
  diagnostics: Diagnostic[];
  tags: string[];
  demos: string[];
  embeds: PendingEmbed[];
}

const IMAGE_EXT = /\.(png|jpe?g|gif|svg|webp|avif|bmp)$/i;
const ATTACHMENT_EXT = /\.(png|jpe?g|gif|svg|webp|avif|bmp|pdf|mp3|wav|ogg|m4a|mp4|webm|mov|csv|txt|json|zip)$/i;
const INLINE_TAG = /(^|[\s(])#([\p{L}_][\p{L}\p{N}_/-]*)/gu;
const CALLOUT = /^\[!([\w-]+)\]([+-]?)[ \t]*(.*)$/;

export function transformTopic(tree: Root, page: PageSource, site: SiteLookup): TransformResult {
  const result: TransformResult = { links: [], diagnostics: [], tags: [], demos: [], embeds: [] };
  const lineStarts = computeLineStarts(page.body);
  const folder = page.path.includes('/') ? page.path.slice(0, page.path.lastIndexOf('/')) : '';

  const report: Report = (severity, rule, offset, message) => {
    const { line, column } = positionOf(lineStarts, offset);
    result.diagnostics.push({ severity, rule, file: page.file, line: line + page.bodyLine - 1, column, message });
  };

  const record = (link: Omit<LinkRecord, 'from' | 'file' | 'line' | 'column' | 'sentence'>, offset: number): number => {
    const { line, column } = positionOf(lineStarts, offset);
    result.links.push({ ...link, from: page.slug, file: page.file, line: line + page.bodyLine - 1, column, sentence: '' });
    return result.links.length - 1;
  };

  transformMdx(tree, site, result, report);
  transformCallouts(tree);

  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined || parent.type === 'link' || parent.type === 'linkReference') return;
    if (!node.value.includes('[[') && !node.value.includes('#')) return;
    const start = node.position?.start.offset ?? 0;
    const raw = node.position ? page.body.slice(start, node.position.end.offset) : node.value;
    const replacement: PhrasingContent[] = [];
    let cursor = 0;
    let rawCursor = 0;
    const pushText = (value: string) => {
      for (const piece of splitTags(value, site.base, result.tags)) replacement.push(piece);
    };
    for (const match of node.value.matchAll(WIKILINK_PATTERN)) {
      const [whole, bang, inner] = match;
      pushText(node.value.slice(cursor, match.index));
      cursor = match.index + whole.length;
      const rawIndex = raw.indexOf(`[[${inner}]]`, rawCursor);
      rawCursor = rawIndex >= 0 ? rawIndex + whole.length : rawCursor;
      const offset = start + (rawIndex >= 0 ? rawIndex - (bang ? 1 : 0) : 0);
      const link = parseWikilink(inner!, bang === '!');
      replacement.push(...renderWikilink(link, offset, whole));
    }
    pushText(node.value.slice(cursor));
    if (replacement.length === 1 && replacement[0]!.type === 'text' && replacement[0]!.value === node.value) return;
    parent.children.splice(index, 1, ...(replacement as typeof parent.children));
    return [SKIP, index + replacement.length];
  });

  // Markdown links and images pointing into the vault.
  visit(tree, (node) => {
    if (node.type === 'link' && !(node.data as Record<string, unknown> | undefined)?.['atlasWikilink']) rewriteMarkdownLink(node, node.position?.start.offset ?? 0);
    if (node.type === 'image') rewriteImage(node, node.position?.start.offset ?? 0);
  });

  promoteBlockEmbeds(tree);
  fillSentences(tree, result.links);
  return result;

  function renderWikilink(link: Wikilink, offset: number, written: string): PhrasingContent[] {
    if (link.embed && (IMAGE_EXT.test(link.target) || ATTACHMENT_EXT.test(link.target))) return [renderAttachmentEmbed(link, offset, written)];
    if (!link.target) return [renderSamePageLink(link, offset, written)];

    const resolution = site.index.resolve(link.target, page.path);
    const text = displayText(link);
    if (!resolution) {
      const hint = site.index.suggest(link.target);
      report(site.unresolvedSeverity, 'unresolved-link', offset, `unresolved ${written}${hint ? ` — did you mean "${hint}"?` : ' — create the page or fix the name'}`);
      const i = record({ to: null, target: link.target, heading: link.heading, text, kind: link.embed ? 'embed' : 'link' }, offset);
      return [missingLink(link.target, text, i)];
    }
    if (resolution.alternatives.length) {
      report('warning', 'ambiguous-link', offset, `ambiguous ${written} resolved to ${resolution.slug}; it also matches ${resolution.alternatives.join(', ')} — write the longer path, e.g. [[${resolution.alternatives[0]}]], to link another`);
    }
    const fragment = checkFragment(resolution.slug, link, offset, written);
    const i = record({ to: resolution.slug, target: link.target, heading: link.heading ?? (link.blockId && `^${link.blockId}`), text, kind: link.embed ? 'embed' : 'link' }, offset);
    if (link.embed) {
      const container: Paragraph = {
        type: 'paragraph',
        children: [],
        data: {
          hName: 'aside',
          hProperties: { className: ['transclusion'], dataSource: resolution.slug },
          atlasEmbed: i,
          atlasUrl: topicUrl(site.base, resolution.slug) + fragment,
          atlasText: text,
        } as Record<string, unknown>,
      };
      result.embeds.push({ node: container as PendingEmbed['node'], target: resolution.slug, heading: link.heading, blockId: link.blockId });
      return [container as unknown as PhrasingContent];
    }
    const title = site.titleOf(resolution.slug);
    return [linkNode(topicUrl(site.base, resolution.slug) + fragment, link.alias ?? (link.heading || link.blockId ? text : link.target), ['wikilink'], i, title)];
  }

  function checkFragment(slug: TopicSlug, link: Wikilink, offset: number, written: string): string {
    if (!link.heading && !link.blockId) return '';
    const anchors = site.anchorsOf(slug);
    if (link.blockId) {
      if (anchors?.blockIds.has(link.blockId)) return `#^${link.blockId}`;
      report(site.unresolvedSeverity, 'unresolved-heading', offset, `unresolved block ${written} — "${site.titleOf(slug)}" has no block ^${link.blockId}`);
      return '';
    }
    const id = anchors?.headingIds.get(link.heading!.toLowerCase()) ?? (anchors?.headings.some((h) => h.id === link.heading) ? link.heading : undefined);
    if (id) return `#${id}`;
    const hint = anchors ? didYouMean(link.heading!, anchors.headings.map((h) => h.text)) : undefined;
    report(site.unresolvedSeverity, 'unresolved-heading', offset, `unresolved heading ${written} — "${site.titleOf(slug)}" has no heading "${link.heading}"${hint ? `; did you mean "${hint}"?` : ''}`);
    return '';
  }

  function renderSamePageLink(link: Wikilink, offset: number, written: string): PhrasingContent {
    const fragment = checkFragment(page.slug, link, offset, written);
    return linkNode(fragment || '#', displayText(link), ['wikilink', 'same-page'], undefined, undefined);
  }

  function renderAttachmentEmbed(link: Wikilink, offset: number, written: string): PhrasingContent {
    const found = site.attachments.find(link.target, folder);
    if (!found) {
      report(site.unresolvedSeverity, 'missing-attachment', offset, `missing attachment ${written} — put "${link.target}" anywhere in the content folder`);
      return missingLink(link.target, link.target, undefined);
    }
    const url = attachmentUrl(site.base, found);
    if (!IMAGE_EXT.test(found)) return linkNode(url, link.alias ?? link.target, ['attachment'], undefined, undefined);
    // `![[pic.png|300]]` or `|300x200` sets the size; any other text is the alt text.
    const size = /^(\d+)(?:x(\d+))?$/.exec(link.alias ?? '');
    const props: Record<string, string> = {};
    if (size) {
      props['width'] = size[1]!;
      if (size[2]) props['height'] = size[2];
    }
    return { type: 'image', url, alt: size ? link.target.replace(/\.[^.]+$/, '') : (link.alias ?? link.target.replace(/\.[^.]+$/, '')), data: { hProperties: props } };
  }

  function rewriteMarkdownLink(node: Link, offset: number): void {
    const url = node.url;
    if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return;
    const [pathPart, fragment] = splitFragment(url);
    if (pathPart === '') return; // same-page #anchor
    const decoded = safeDecode(pathPart);
    let slug: TopicSlug | undefined;
    if (/\.(md|mdx)$/i.test(decoded)) {
      const target = normalizePath(decoded.startsWith('/') ? decoded : `${folder}/${decoded}`);
      slug = site.index.resolve(target, page.path)?.slug;
      if (!slug) {
        report(site.unresolvedSeverity, 'unresolved-link', offset, `unresolved link (${url}) — no note at ${target}`);
        const i = record({ to: null, target: decoded, heading: fragment, text: toString(node), kind: 'link' }, offset);
        node.url = missingUrl(decoded);
        markLink(node, ['wikilink', 'missing'], i, undefined);
        return;
      }
    } else {
      // A site-relative or page-relative URL such as `../other-note/`: resolve it against this page's URL.
      const pagePath = `/${page.slug}/`;
      const absolute = decoded.startsWith('/') ? decoded : new URL(decoded, `http://x${pagePath}`).pathname;
      const baseless = absolute.startsWith(site.base) ? absolute.slice(site.base.length) : absolute.slice(1);
      const candidate = baseless.replace(/\/+$/, '').replace(/\/index\.html$/, '');
      const resolved = site.index.resolve(candidate);
      if (resolved && resolved.slug === candidate) slug = resolved.slug;
      else {
        const attachment = site.attachments.find(decoded, folder);
        if (attachment) node.url = attachmentUrl(site.base, attachment);
        return;
      }
    }
    const i = record({ to: slug, target: decoded, heading: fragment, text: toString(node), kind: 'link' }, offset);
    const anchor = fragment ? `#${site.anchorsOf(slug)?.headingIds.get(fragment.toLowerCase()) ?? fragment}` : '';
    node.url = topicUrl(site.base, slug) + anchor;
    markLink(node, ['wikilink'], i, site.titleOf(slug));
  }

  function rewriteImage(node: { url: string }, offset: number): void {
    if (!node.url || /^[a-z][a-z0-9+.-]*:/i.test(node.url) || node.url.startsWith('//') || node.url.startsWith(site.base + 'attachments/')) return;
    const found = site.attachments.find(node.url, folder);
    if (found) node.url = attachmentUrl(site.base, found);
    else report(site.unresolvedSeverity, 'missing-attachment', offset, `missing image ${node.url} — put the file in the content folder`);
  }

  function missingLink(target: string, text: string, recordIndex: number | undefined): PhrasingContent {
    return linkNode(missingUrl(target), text, ['wikilink', 'missing'], recordIndex, `Missing page: “${target}” has not been written yet`);
  }

  function missingUrl(target: string): string {
    return `${site.base}search/?q=${encodeURIComponent(target)}`;
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
function splitTags(value: string, base: string, tags: string[]): PhrasingContent[] {
  if (!value.includes('#')) return value ? [{ type: 'text', value }] : [];
  const out: PhrasingContent[] = [];
  let cursor = 0;
  for (const match of value.matchAll(INLINE_TAG)) {
    const tag = match[2]!;
    const start = match.index + match[1]!.length;
    if (start > cursor) out.push({ type: 'text', value: value.slice(cursor, start) });
    tags.push(tag);
    out.push(linkNode(tagHref(base, tag), `#${tag}`, ['tag'], undefined, undefined));
    cursor = start + 1 + tag.length;
  }
  if (cursor < value.length) out.push({ type: 'text', value: value.slice(cursor) });
  return out;
}


/** `> [!note] Title` blockquotes become callouts; `+`/`-` make them foldable (`<details>`). */
function transformCallouts(tree: Root): void {
  visit(tree, 'blockquote', (node: Blockquote) => {
    const first = node.children[0];
    if (first?.type !== 'paragraph' || first.children[0]?.type !== 'text') return;
    const firstText = first.children[0];
    const newline = firstText.value.indexOf('\n');
    const header = newline === -1 ? firstText.value : firstText.value.slice(0, newline);
    const match = CALLOUT.exec(header);
    if (!match) return;
    const kind = match[1]!.toLowerCase();
    const fold = match[2];
    const rest = newline === -1 ? '' : firstText.value.slice(newline + 1);
    const titleChildren: PhrasingContent[] = match[3] ? [{ type: 'text', value: match[3] }] : [{ type: 'text', value: kind.charAt(0).toUpperCase() + kind.slice(1) }];
    // Inline content after the title on the first line (e.g. `**bold**`) stays in the title.
    if (newline === -1) {
      titleChildren.push(...first.children.slice(1));
      first.children = [];
    } else {
      firstText.value = rest;
    }
    const titleNode: Paragraph = {
      type: 'paragraph',
      children: titleChildren,
      data: { hName: fold ? 'summary' : 'p', hProperties: { className: ['callout-title'] } } as Paragraph['data'],
    };
    const body = first.children.length ? node.children : node.children.slice(1);
    const content: Blockquote = { type: 'blockquote', children: body, data: { hName: 'div', hProperties: { className: ['callout-content'] } } as Blockquote['data'] };
    node.children = [titleNode, content] as Blockquote['children'];
    const props: Record<string, unknown> = { className: ['callout', `callout-${kind}`], dataCallout: kind };
    if (fold === '+') props['open'] = true;
    node.data = { hName: fold ? 'details' : 'div', hProperties: props } as Blockquote['data'];
  });
}

type Report = (severity: Severity, rule: string, offset: number, message: string) => void;

/** MDX nodes: `<Demo name="x" />` becomes a demo placeholder; anything that would need JavaScript evaluation is an error. */
function transformMdx(tree: Root, site: SiteLookup, result: TransformResult, report: Report): void {
  visit(tree, (node, index, parent) => {
    const type = (node as { type: string }).type;
    if (!type.startsWith('mdx') || !parent || index === undefined) return;
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
          return [SKIP, index + 1];
        }
      } else {
        report('error', 'syntax', offset, `unknown component <${element.name ?? ''}> — content files may use <Demo name="…" /> only`);
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
      return;
    }
    (parent.children as unknown[]).splice(index, 1);
    return [SKIP, index];
  });
}

/** Placeholder a demo's island mounts into; the fallback HTML is filled in at render time. */
export function demoPlaceholder(name: string): RootContent {
  return {
    type: 'paragraph',
    children: [],
    // The static figure inside is not article text: keep it out of search excerpts.
    data: { hName: 'div', hProperties: { className: ['atlas-demo'], dataDemo: name, dataPagefindIgnore: 'all' }, atlasDemo: name } as Paragraph['data'],
  } as RootContent;
}

/** An embed alone in its paragraph replaces the paragraph (a block); embeds among text stay inline links. */
function promoteBlockEmbeds(tree: Root): void {
  visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
    if (!parent || index === undefined) return;
    const meaningful = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    const isEmbed = (c: PhrasingContent) => (c.data as Record<string, unknown> | undefined)?.['atlasEmbed'] !== undefined;
    if (meaningful.length === 1 && isEmbed(meaningful[0]!)) {
      parent.children.splice(index, 1, meaningful[0] as unknown as Paragraph);
      return;
    }
    // A transclusion cannot sit inside running text: there it reads as a link to its source.
    for (const child of node.children) {
      if (!isEmbed(child)) continue;
      const data = child.data as Record<string, unknown>;
      Object.assign(child, { type: 'link', url: data['atlasUrl'], children: [{ type: 'text', value: data['atlasText'] }] });
      child.data = { hProperties: { className: ['wikilink'] }, atlasLink: data['atlasEmbed'], atlasInline: true, atlasWikilink: true } as PhrasingContent['data'];
    }
  });
}

/** Fills each link record's `sentence`: the sentence of its block (paragraph, heading, cell) that contains it. */
function fillSentences(tree: Root, links: LinkRecord[]): void {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  visit(tree, (node) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return;
    const marks: Array<{ index: number; offset: number }> = [];
    let text = '';
    const walk = (n: Nodes) => {
      const data = n.data as Record<string, unknown> | undefined;
      if (typeof data?.['atlasLink'] === 'number') marks.push({ index: data['atlasLink'], offset: text.length });
      if ('value' in n && typeof n.value === 'string' && n.type !== 'html') text += n.value;
      else if ('children' in n) for (const child of n.children) walk(child as Nodes);
    };
    walk(node as Nodes);
    if (!marks.length) return;
    const flat = text.replace(/\s+/g, ' ');
    const segments = [...segmenter.segment(flat)];
    for (const mark of marks) {
      const offset = Math.min(mark.offset, flat.length - 1);
      const segment = segments.find((s) => offset >= s.index && offset < s.index + s.segment.length) ?? segments[0];
      links[mark.index]!.sentence = clip(segment?.segment.trim() ?? flat.trim(), 300);
    }
  });
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

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
