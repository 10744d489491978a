// Stage: rendering a transformed note to HTML. mdast → hast, raw HTML parsed, everything passed
// through the allowlist sanitizer (src/pipeline/sanitize.ts, which also makes ids unique and adds
// heading permalinks), then the generator's own trusted steps: demo fallbacks, KaTeX math and
// Shiki-highlighted code (light and dark colours as CSS variables). Each step runs only on pages
// that need it (the transform says which: raw HTML, math, code), because every rehype plugin walks
// the whole tree.
import rehypeShikiFromHighlighter from '@shikijs/rehype/core';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Root } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import rehypeKatex from 'rehype-katex';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { createHighlighter, type HighlighterGeneric } from 'shiki';
import { unified, type Processor } from 'unified';
import { LAYOUT_IDS } from './anchors.ts';
import { sanitizeTree, trusted, type Removal } from './sanitize.ts';
import type { RenderFeatures } from './transformNote.ts';
import { walk, type WalkNode } from './walk.ts';

export type RenderWarning = Removal;

/** Static HTML for a demo placeholder: generator output, inserted after sanitizing. */
export type DemoFallback = (name: string) => string;

type ToHast = Processor<Root, Root, HastRoot, HastRoot, undefined>;
type Finish = Processor<HastRoot, HastRoot, HastRoot, HastRoot, undefined>;

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

interface Processors {
  toHast: { raw: ToHast; plain: ToHast };
  /** By (math, code): only the trusted plugins a page needs. */
  finish: Map<string, Finish>;
  stringify: Processor<HastRoot, HastRoot, HastRoot, HastRoot, string>;
}
let processorsPromise: Promise<Processors> | undefined;

function getProcessors(): Promise<Processors> {
  processorsPromise ??= (async () => {
    const highlighter = await createHighlighter({ themes: ['github-light', 'github-dark'], langs: [] });
    const toHast = (raw: boolean) => {
      const processor = unified().use(remarkRehype, { allowDangerousHtml: raw, handlers: trustedHandlers as never });
      if (raw) processor.use(rehypeRaw);
      return processor as unknown as ToHast;
    };
    const finish = new Map<string, Finish>();
    for (const math of [false, true]) {
      for (const code of [false, true]) {
        const processor = unified();
        if (math) processor.use(rehypeKatex, { throwOnError: false, strict: false });
        if (code) {
          processor.use(rehypeShikiFromHighlighter, highlighter as unknown as HighlighterGeneric<never, never>, {
            themes: { light: 'github-light', dark: 'github-dark' },
            defaultColor: false,
            lazy: true,
            fallbackLanguage: 'text',
            addLanguageClass: true,
          });
        }
        finish.set(`${math}:${code}`, processor as unknown as Finish);
      }
    }
    return { toHast: { raw: toHast(true), plain: toHast(false) }, finish, stringify: unified().use(rehypeStringify) as never };
  })();
  return processorsPromise;
}

export interface RenderOptions {
  features: RenderFeatures;
  demoFallback?: DemoFallback;
  /** Ids the page layout uses: body ids never repeat them. */
  reservedIds?: readonly string[];
  /** Origins external images may come from (site configuration); raw-HTML images from others become links. */
  imageOrigins?: ReadonlySet<string>;
  /** Prefix for every id, for HTML shown on the page beside the body (an FAQ answer). */
  idPrefix?: string;
}

/** Renders one note; what the sanitizer removed comes back as warnings (lines relative to the parsed text). */
export async function renderToHtml(tree: Root, options: RenderOptions): Promise<{ html: string; warnings: RenderWarning[] }> {
  const processors = await getProcessors();
  const { features } = options;
  const toHast = features.rawHtml ? processors.toHast.raw : processors.toHast.plain;
  const hast = (await toHast.run(tree)) as HastRoot;
  const hasTrusted = hasTrustedNodes(tree);
  const warnings = sanitizeTree(hast, {
    reservedIds: options.reservedIds ?? LAYOUT_IDS,
    rawHtml: features.rawHtml,
    trusted: hasTrusted,
    ...(options.imageOrigins ? { imageOrigins: options.imageOrigins } : {}),
    ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}),
  });
  if (hasTrusted && options.demoFallback) fillDemoFallbacks(hast, options.demoFallback);
  const finish = processors.finish.get(`${features.math}:${features.code}`)!;
  const finished = features.math || features.code ? ((await finish.run(hast)) as HastRoot) : hast;
  return { html: processors.stringify.stringify(finished), warnings };
}

/** Demo placeholders and PDF frames are at the top of a tree or in a list item, quote or callout. */
function hasTrustedNodes(tree: Root): boolean {
  let found = false;
  walk(tree, (node) => {
    if (found) return 'skip';
    if (node.type === 'atlasDemo' || node.type === 'atlasPdf') found = true;
    return undefined;
  });
  return found;
}

const fallbackCache = new Map<string, ElementContent[]>();

function fillDemoFallbacks(tree: HastRoot, fallback: DemoFallback): void {
  walk<WalkNode & { properties?: Record<string, unknown>; data?: Record<string, unknown> }>(tree, (node) => {
    const name = node.properties?.['dataDemo'];
    if (typeof name !== 'string' || !node.data?.['atlasTrusted']) return undefined;
    let children = fallbackCache.get(name);
    if (!children) {
      children = fromHtml(fallback(name), { fragment: true }).children as ElementContent[];
      fallbackCache.set(name, children);
    }
    (node as unknown as Element).children = structuredClone(children);
    return 'skip';
  });
}
