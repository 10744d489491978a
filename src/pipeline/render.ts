// Stage 6: rendering a transformed note to HTML. mdast → hast, raw HTML parsed, everything passed
// through the allowlist sanitizer (src/pipeline/sanitize.ts), then the generator's own trusted
// steps: demo fallbacks, KaTeX math, Shiki-highlighted code (light and dark colours as CSS
// variables), and a permalink anchor on every heading.
import rehypeShikiFromHighlighter from '@shikijs/rehype/core';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import type { Root } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import rehypeKatex from 'rehype-katex';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { createHighlighter, type HighlighterGeneric } from 'shiki';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';
import { LAYOUT_IDS } from './anchors.ts';
import { prefixIds, sanitizeTree, trusted, type Removal } from './sanitize.ts';

export type RenderWarning = Removal;

/** Static HTML for a demo placeholder: generator output, inserted after sanitizing. */
export type DemoFallback = (name: string) => string;

type HtmlProcessor = Processor<Root, Root, HastRoot, HastRoot, string>;
let processorsPromise: Promise<{ withRaw: HtmlProcessor; plain: HtmlProcessor; finish: Processor<HastRoot, HastRoot, HastRoot, HastRoot, string> }> | undefined;

/** mdast nodes the generator makes that must survive sanitizing: marked trusted in hast. */
const trustedHandlers = {
  /** A demo placeholder: `<div class="atlas-demo" data-demo>` holding the static fallback. */
  atlasDemo(_state: State, node: { data?: { name?: string } }): Element {
    return trusted({ type: 'element', tagName: 'div', properties: { className: ['atlas-demo'], dataDemo: node.data?.name ?? '', dataPagefindIgnore: 'all' }, children: [] });
  },
  /** A PDF attachment shown in the browser's viewer, with a link for browsers without one. */
  atlasPdf(_state: State, node: { data?: { src?: string; title?: string } }): Element {
    const src = node.data?.src ?? '';
    const title = node.data?.title ?? 'PDF';
    return trusted({
      type: 'element',
      tagName: 'figure',
      properties: { className: ['embed-pdf'] },
      children: [
        { type: 'element', tagName: 'iframe', properties: { src, title, loading: 'lazy' }, children: [] },
        { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'element', tagName: 'a', properties: { href: src }, children: [{ type: 'text', value: `Open ${title}` }] }] },
      ],
    });
  },
};

function getProcessors() {
  processorsPromise ??= (async () => {
    const highlighter = await createHighlighter({ themes: ['github-light', 'github-dark'], langs: [] });
    // Re-parsing the whole tree through parse5 (rehype-raw) is the costliest render step, so pages
    // without raw HTML skip it.
    const toHast = (raw: boolean) => {
      const processor = unified().use(remarkRehype, { allowDangerousHtml: raw, handlers: trustedHandlers as never });
      if (raw) processor.use(rehypeRaw);
      return processor as unknown as HtmlProcessor;
    };
    const finish = unified()
      .use(rehypeKatex, { throwOnError: false, strict: false })
      .use(rehypeShikiFromHighlighter, highlighter as unknown as HighlighterGeneric<never, never>, {
        themes: { light: 'github-light', dark: 'github-dark' },
        defaultColor: false,
        lazy: true,
        fallbackLanguage: 'text',
        addLanguageClass: true,
      })
      .use(rehypeHeadingAnchors)
      .use(rehypeStringify) as unknown as Processor<HastRoot, HastRoot, HastRoot, HastRoot, string>;
    return { withRaw: toHast(true), plain: toHast(false), finish };
  })();
  return processorsPromise;
}

/** True when the tree holds raw HTML written by the author. */
function hasRawHtml(tree: Root): boolean {
  let found = false;
  visit(tree, 'html', () => {
    found = true;
    return false;
  });
  return found;
}

export interface RenderOptions {
  demoFallback?: DemoFallback;
  /** Ids the page layout uses: body ids never repeat them. */
  reservedIds?: readonly string[];
  /** Origins external images may come from (site configuration); raw-HTML images from others become links. */
  imageOrigins?: ReadonlySet<string>;
  /** Prefix for every id, for HTML shown on the page beside the body (an FAQ answer). */
  idPrefix?: string;
}

/** Renders one note; what the sanitizer removed comes back as warnings (lines relative to the parsed text). */
export async function renderToHtml(tree: Root, options: RenderOptions = {}): Promise<{ html: string; warnings: RenderWarning[] }> {
  const processors = await getProcessors();
  const processor = hasRawHtml(tree) ? processors.withRaw : processors.plain;
  const hast = (await processor.run(tree)) as HastRoot;
  const warnings = sanitizeTree(hast, options.reservedIds ?? LAYOUT_IDS, options.imageOrigins);
  if (options.idPrefix) prefixIds(hast, options.idPrefix);
  if (options.demoFallback) fillDemoFallbacks(hast, options.demoFallback);
  const finished = (await processors.finish.run(hast)) as HastRoot;
  return { html: processors.finish.stringify(finished), warnings };
}

const fallbackCache = new Map<string, ElementContent[]>();

function fillDemoFallbacks(tree: HastRoot, fallback: DemoFallback): void {
  visit(tree, 'element', (node: Element) => {
    const name = node.properties['dataDemo'];
    if (typeof name !== 'string' || !(node.data as Record<string, unknown> | undefined)?.['atlasTrusted']) return;
    let children = fallbackCache.get(name);
    if (!children) {
      children = fromHtml(fallback(name), { fragment: true }).children as ElementContent[];
      fallbackCache.set(name, children);
    }
    node.children = structuredClone(children);
  });
}

/** Adds a visible `#` permalink to every heading that has an id. */
function rehypeHeadingAnchors() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      if (!/^h[2-6]$/.test(node.tagName) || typeof node.properties['id'] !== 'string') return;
      const anchor: ElementContent = {
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${node.properties['id']}`, ariaLabel: `Link to section: ${hastToString(node)}` },
        children: [{ type: 'text', value: '#' }],
      };
      node.children.push(anchor);
    });
  };
}
