// The allowlist sanitizer every page body passes through: hast-util-sanitize (the engine of
// rehype-sanitize) with GitHub's schema, extended only for what our own Markdown output needs —
// callouts, transclusions, heading and block ids, footnotes, task lists, highlights, audio and
// video embeds, Mermaid source — and narrowed where GitHub's is wider than we want (no `action`,
// no `srcset`, links limited to http(s), mailto and relative URLs).
//
// Three things around the library call:
//  - `explainRemovals` says, for the author, what the schema is about to remove and why (with the
//    line of the raw HTML it came from), so nothing disappears silently;
//  - elements the generator itself makes that no author may write (the PDF viewer frame, demo
//    placeholders) are set aside before sanitizing and put back after. They are recognised by
//    hast `data`, which raw HTML cannot set;
//  - ids are made unique on the page, after the ids the layout itself uses.
import type { Element, ElementContent, Nodes, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';

/** One allowed attribute: its name, optionally followed by the values (or patterns) it may take. */
type PropertyDefinition = NonNullable<Schema['attributes']>[string][number];
import { find, html } from 'property-information';
import { visit } from 'unist-util-visit';
import { walk, type WalkNode } from './walk.ts';
import { foreignOrigin, isSafeUrl } from '../urlPolicy.ts';

/** Elements removed together with everything inside them (the rest are unwrapped: their text stays). */
const STRIP_WITH_CONTENT = ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript', 'noembed', 'noframes', 'template', 'title', 'textarea', 'select', 'xmp', 'plaintext', 'base', 'meta', 'link', 'head'];

const URL_PROTOCOLS = ['http', 'https'];

/**
 * GitHub's per-element attribute lists, minus their class restrictions: we allow `class` on every
 * element (a class can style, never run anything), and hast-util-sanitize applies an element's own
 * definition instead of the one for all elements, so a narrower class rule would win.
 */
function defaultAttributes(tag: string): PropertyDefinition[] {
  return (defaultSchema.attributes?.[tag] ?? []).filter((d) => (typeof d === 'string' ? d : d[0]) !== 'className');
}

export const SANITIZE_SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    'mark', 'figure', 'figcaption', 'aside', 'audio', 'video', 'track', 'abbr', 'cite', 'dfn', 'small', 'u', 'caption', 'colgroup', 'col', 'wbr', 'time', 'bdi',
  ],
  strip: STRIP_WITH_CONTENT,
  // `name` would let content clobber document properties (named access overrides built-ins on
  // Document); ids are kept for heading and block links, and made unique separately.
  clobber: ['name'],
  clobberPrefix: 'user-content-',
  attributes: {
    ...Object.fromEntries(Object.keys(defaultSchema.attributes ?? {}).map((tag) => [tag, defaultAttributes(tag)])),
    // No forms, so no form attributes. `name` only on links (old-style anchors): on an <img> it
    // puts the image, by its name and its id, on `document` (`document.querySelector` would become
    // the image), whatever prefix the name is given.
    '*': [...defaultAttributes('*').filter((a) => !['action', 'method', 'encType', 'acceptCharset', 'accept', 'name'].includes(typeof a === 'string' ? a : a[0])), 'className'],
    a: [...defaultAttributes('a'), 'title', 'hrefLang', 'name'],
    img: ['alt', 'src', 'width', 'height', 'title', 'loading', 'ariaLabel', 'ariaDescribedBy', 'ariaLabelledBy'],
    audio: ['src', 'controls', 'preload', 'loop', 'muted'],
    video: ['src', 'controls', 'preload', 'loop', 'muted', 'poster', 'width', 'height', 'playsInline'],
    source: ['src', 'type', 'media'],
    track: ['src', 'kind', 'srcLang', 'label', 'default'],
    div: [...defaultAttributes('div'), 'dataCallout'],
    details: ['dataCallout', 'open'],
    section: [...defaultAttributes('section'), 'dataFootnotes'],
    time: ['dateTime'],
    ol: [...defaultAttributes('ol'), 'start', 'reversed'],
    td: ['align', 'colSpan', 'rowSpan', 'headers'],
    th: ['align', 'colSpan', 'rowSpan', 'headers', 'scope'],
  },
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: URL_PROTOCOLS,
    cite: URL_PROTOCOLS,
    longDesc: URL_PROTOCOLS,
    poster: URL_PROTOCOLS,
  },
};

/** URL-bearing properties, checked against the one URL policy after sanitizing (defence in depth). */
const URL_PROPERTIES = ['href', 'src', 'cite', 'longDesc', 'poster', 'action', 'formAction', 'data', 'xLinkHref', 'srcSet', 'background', 'manifest', 'codeBase', 'archive', 'ping'];

export interface Removal {
  /** Line in the parsed text the removed HTML started on (1-based), when known. */
  line: number | undefined;
  message: string;
}

/** Marks a hast element made by the generator (never by content): kept as is by `sanitizeTree`. */
export function trusted(element: Element): Element {
  element.data = { ...(element.data ?? {}), atlasTrusted: true } as Element['data'];
  return element;
}

export interface SanitizeOptions {
  /** Ids the page layout uses: body ids never repeat them. */
  reservedIds: readonly string[];
  /** The tree holds raw HTML from the author, so there may be something to explain. */
  rawHtml: boolean;
  /** The tree holds generator-made elements marked with `trusted()`. */
  trusted: boolean;
  /** Origins images may come from (atlas.yaml images.allowedOrigins); other media become links. */
  imageOrigins?: ReadonlySet<string>;
  /** A prefix for every id (HTML rendered apart from the page body, such as an FAQ answer). */
  idPrefix?: string;
}

/**
 * Sanitizes `tree` in place and finishes it: generator elements put back, URLs checked against the
 * one policy, ids made unique, a `#` permalink added to every heading. Returns what was removed,
 * for the author.
 */
export function sanitizeTree(tree: Root, options: SanitizeOptions): Removal[] {
  // 1. Set generator-made elements aside; a span with a slot number (in `data`) holds their place.
  const saved: Element[] = [];
  if (options.trusted) {
    walk<Nodes & WalkNode>(tree, (node, index, parent) => {
      if (node.type !== 'element' || !(node.data as Record<string, unknown> | undefined)?.['atlasTrusted']) return undefined;
      saved.push(node);
      (parent as Element).children[index] = { type: 'element', tagName: 'span', properties: {}, children: [], data: { atlasSlot: saved.length - 1 } as unknown as Element['data'] };
      return 'skip';
    });
  }

  // 2. Explain (only raw HTML can hold anything the schema removes), then sanitize.
  const removals = options.rawHtml ? explainRemovals(tree) : [];
  const clean = sanitize(tree, SANITIZE_SCHEMA) as Root;

  // 3. One walk over what is left: the generator's elements back, the URL policy, unique ids
  //    (the layout's first, then first come first served), heading permalinks.
  const seen = new Set(options.reservedIds);
  const reserved = new Set(options.reservedIds);
  /** Ids the layout took → what this tree's element with that id is called now. */
  const moved = new Map<string, string>();
  walk<Nodes & WalkNode>(clean, (node, index, parent) => {
    if (node.type !== 'element') return undefined;
    const slot = (node.data as Record<string, unknown> | undefined)?.['atlasSlot'];
    if (typeof slot === 'number') {
      (parent as Element).children[index] = saved[slot]!;
      return 'skip';
    }
    for (const key of URL_PROPERTIES) {
      const value = node.properties[key];
      if (typeof value === 'string' && !isSafeUrl(value)) {
        removals.push({ line: node.position?.start.line, message: `removed ${attributeName(key)}="${shorten(value)}" from <${node.tagName}> — URLs may only be http(s), mailto or relative` });
        delete node.properties[key];
      }
    }
    const id = node.properties['id'];
    if (typeof id === 'string') {
      let unique = id;
      for (let n = 1; seen.has(unique); n++) unique = `${id}-${n}`;
      seen.add(unique);
      node.properties['id'] = unique;
      if (unique !== id && reserved.has(id) && !moved.has(id)) moved.set(id, unique);
      if (/^h[2-6]$/.test(node.tagName)) node.children.push(headingAnchor(unique, toString(node)));
    }
    return undefined;
  });
  tree.children = clean.children;
  removals.push(...foreignMediaToLinks(tree, options.imageOrigins ?? new Set()));
  // What in this tree referred to an id the layout took (a footnote's
  // aria-describedby="footnote-label", a raw href="#main") follows it to its new name.
  if (moved.size) renameIdReferences(tree, (id) => moved.get(id));
  if (options.idPrefix) prefixIds(tree, options.idPrefix);
  return removals;
}

/** Properties whose value names other elements of the page by id. */
const ID_REFERENCES = ['ariaDescribedBy', 'ariaLabelledBy', 'ariaControls', 'ariaOwns', 'ariaFlowTo', 'ariaDetails', 'ariaErrorMessage', 'ariaActiveDescendant', 'htmlFor', 'headers'];

/** Renames the ids that `rename` maps in references to them: IDREF attributes and `#fragment` hrefs. */
function renameIdReferences(tree: Root, rename: (id: string) => string | undefined): void {
  visit(tree, 'element', (node: Element) => {
    for (const key of ID_REFERENCES) {
      const value = node.properties[key];
      if (Array.isArray(value)) node.properties[key] = value.map((v) => rename(String(v)) ?? v);
      else if (typeof value === 'string') node.properties[key] = value.split(/\s+/).map((v) => rename(v) ?? v).join(' ');
    }
    const href = node.properties['href'];
    if (typeof href === 'string' && href.startsWith('#')) {
      const renamed = rename(href.slice(1)) ?? rename(decodeFragment(href.slice(1)));
      if (renamed !== undefined) node.properties['href'] = `#${renamed}`;
    }
  });
}

/**
 * Gives every id in the tree a prefix, and every reference to one of them the same: for HTML
 * rendered apart from the page body (an FAQ answer), whose footnotes and headings would
 * otherwise repeat the body's ids.
 */
export function prefixIds(tree: Root, prefix: string): void {
  const ids = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    const id = node.properties['id'];
    if (typeof id !== 'string') return;
    ids.add(id);
    node.properties['id'] = `${prefix}${id}`;
  });
  renameIdReferences(tree, (id) => (ids.has(id) ? `${prefix}${id}` : undefined));
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Elements that load what their `src` (or `poster`) names as soon as the page is shown. */
const MEDIA = new Set(['img', 'video', 'audio', 'source', 'track']);

/**
 * Media from another origin, however the URL is written (`//host`, `\\host`): the CSP would block
 * it, leaving a broken image or an empty player, and without the CSP every reader would be
 * announced to that site. Images from the origins the site allows stay; others become links to
 * them, as Markdown images do (src/pipeline/transformNote.ts) — inside a link, only their text
 * stays. Audio and video come from the site's own files only: a player becomes a link, a
 * `<source>` or `<track>` is removed, a `poster` attribute too.
 */
function foreignMediaToLinks(tree: Root, imageOrigins: ReadonlySet<string>): Removal[] {
  const removals: Removal[] = [];
  const walk = (parent: Root | Element, insideLink: boolean) => {
    for (let i = 0; i < parent.children.length; i++) {
      const child = parent.children[i]!;
      if (child.type !== 'element') continue;
      const line = child.position?.start.line;
      if (MEDIA.has(child.tagName)) {
        const poster = child.properties['poster'];
        if (typeof poster === 'string' && foreignOrigin(poster) !== undefined) {
          removals.push({ line, message: `removed poster="${shorten(poster)}" from <${child.tagName}> — audio and video come from the site's own files only` });
          delete child.properties['poster'];
        }
        const src = child.properties['src'];
        const origin = typeof src === 'string' ? foreignOrigin(src) : undefined;
        if (typeof src === 'string' && origin !== undefined && !(child.tagName === 'img' && imageOrigins.has(origin))) {
          if (child.tagName === 'source' || child.tagName === 'track') {
            removals.push({ line, message: `removed <${child.tagName} src="${shorten(src)}"> — audio and video come from the site's own files only` });
            parent.children.splice(i--, 1);
            continue;
          }
          const alt = child.properties['alt'];
          const text: ElementContent = { type: 'text', value: typeof alt === 'string' && alt !== '' ? alt : src };
          removals.push({
            line,
            message: child.tagName === 'img' ? `image from ${origin} is shown as a link — add "${origin}" to images.allowedOrigins in atlas.yaml to show it` : `<${child.tagName}> from ${origin} is shown as a link — audio and video come from the site's own files only`,
          });
          parent.children[i] = insideLink ? text : { type: 'element', tagName: 'a', properties: { href: src, className: ['external-image'] }, children: [text], position: child.position };
          continue;
        }
      }
      walk(child, insideLink || child.tagName === 'a');
    }
  };
  walk(tree, false);
  return removals;
}

/** The visible `#` permalink after a heading's text. */
function headingAnchor(id: string, text: string): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: `Link to section: ${text}` },
    children: [{ type: 'text', value: '#' }],
  };
}

/** What `sanitize(tree, SANITIZE_SCHEMA)` will remove, in words an author can act on. */
export function explainRemovals(tree: Root): Removal[] {
  const removals: Removal[] = [];
  const schema = SANITIZE_SCHEMA;
  const allowedTags = new Set(schema.tagNames ?? []);
  const strip = new Set(schema.strip ?? []);
  const walk = (node: Nodes, ancestors: string[]) => {
    if (node.type === 'comment' || node.type === 'doctype') return;
    if (node.type !== 'element' && node.type !== 'root') return;
    if (node.type === 'element') {
      const line = node.position?.start.line;
      const tag = node.tagName;
      const required = schema.ancestors?.[tag];
      const allowed = allowedTags.has(tag) && (!required || required.some((a) => ancestors.includes(a)));
      if (!allowed) {
        if (strip.has(tag)) {
          removals.push({ line, message: `removed <${tag}> and its content — ${whyRemoved(tag)}` });
          return;
        }
        removals.push({ line, message: `removed the <${tag}> tag (its text is kept) — ${whyRemoved(tag)}` });
      } else {
        for (const [key, value] of Object.entries(node.properties)) {
          const reason = attributeProblem(tag, key, value);
          if (reason) removals.push({ line, message: `removed ${attributeName(key)}="${shorten(String(Array.isArray(value) ? value.join(' ') : value))}" from <${tag}> — ${reason}` });
        }
      }
      ancestors = [...ancestors, tag];
    }
    for (const child of node.children as ElementContent[]) walk(child, ancestors);
  };
  walk(tree, []);
  return removals;
}

function whyRemoved(tag: string): string {
  if (tag === 'script' || tag === 'noscript' || tag === 'template') return 'content cannot run code';
  if (tag === 'style' || tag === 'link') return 'content cannot restyle the site';
  if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet'].includes(tag)) return 'content cannot embed other pages or plugins; link to them instead';
  if (tag === 'form' || tag === 'input' || tag === 'button' || tag === 'textarea' || tag === 'select') return 'content cannot contain forms';
  if (tag === 'base' || tag === 'meta' || tag === 'head' || tag === 'title') return 'content cannot change the page’s metadata';
  if (tag === 'svg' || tag === 'math') return `inline <${tag}> is not allowed; use an image file or $math$ instead`;
  return 'it is not on the list of allowed HTML elements';
}

function attributeProblem(tag: string, key: string, value: unknown): string | undefined {
  if (/^on/i.test(key)) return 'content cannot run code';
  if (key === 'style') return 'content cannot restyle the site';
  if (key === 'name' && tag !== 'a') return 'names are kept on links only: on other elements a name can replace a property of the page’s document';
  const attributes = SANITIZE_SCHEMA.attributes ?? {};
  const find = (list: readonly PropertyDefinition[] | undefined) => list?.find((d) => (typeof d === 'string' ? d : d[0]) === key);
  // As the sanitizer does: the element's own definition first, then the one for every element.
  const definitions = [find(attributes[tag]), find(attributes['*'])].filter((d) => d !== undefined);
  if (definitions.length === 0) return 'the attribute is not allowed here';
  const protocols = SANITIZE_SCHEMA.protocols?.[key];
  const values = Array.isArray(value) ? value : [value];
  if (protocols && values.some((v) => typeof v === 'string' && !protocolAllowed(v, protocols))) return 'URLs may only be http(s), mailto or relative';
  const accepts = (definition: PropertyDefinition, v: unknown) =>
    typeof definition === 'string' || definition.length <= 1 || definition.slice(1).some((a: unknown) => (a instanceof RegExp ? a.test(String(v)) : a === v));
  if (!values.every((v) => definitions.some((d) => accepts(d, v)))) return 'the value is not allowed here';
  return undefined;
}

/** hast-util-sanitize's protocol rule: a scheme before any / ? # must be on the list, exactly. */
function protocolAllowed(url: string, protocols: readonly string[]): boolean {
  const colon = url.indexOf(':');
  const firstBreak = Math.min(...['/', '?', '#'].map((c) => (url.indexOf(c) === -1 ? Infinity : url.indexOf(c))));
  if (colon < 0 || colon > firstBreak) return true;
  return protocols.some((p) => colon === p.length && url.slice(0, p.length) === p);
}

/** The attribute as the author wrote it (`onclick`, `xlink:href`), from hast's property name. */
function attributeName(key: string): string {
  return find(html, key).attribute;
}

function shorten(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}
