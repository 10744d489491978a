// Stage: rendering a transformed note to HTML. mdast → hast, raw HTML parsed, everything passed
// through the allowlist sanitizer (src/pipeline/sanitize.ts, which also makes ids unique and adds
// heading permalinks), then the generator's own trusted steps: demo fallbacks, KaTeX math and
// Shiki-highlighted code (light and dark colours as CSS variables). Each step runs only on pages
// that need it (the transform says which: raw HTML, math, code), because every rehype plugin walks
// the whole tree.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Definition, FootnoteDefinition, Root } from 'mdast';
import { defaultHandlers, toHast, type State } from 'mdast-util-to-hast';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import type { HighlighterGeneric } from 'shiki';
import { unified, type Processor } from 'unified';
import { LAYOUT_IDS } from './anchors.ts';
import { sanitizeTree, trusted, type Removal } from './sanitize.ts';
import type { RenderFeatures } from './transformNote.ts';
import { walk, type WalkNode } from './walk.ts';

export type RenderWarning = Removal;

/** Static HTML for a demo placeholder: generator output, inserted after sanitizing. */
export type DemoFallback = (name: string) => string;

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
  /** Raw HTML in the tree, parsed into it. */
  raw: Finish;
  stringify: Processor<HastRoot, HastRoot, HastRoot, HastRoot, string>;
}
let processors: Processors | undefined;

function getProcessors(): Processors {
  processors ??= { raw: unified().use(rehypeRaw) as unknown as Finish, stringify: unified().use(rehypeStringify) as never };
  return processors;
}

/**
 * By (math, code): only the trusted plugins a page needs, each loaded the first time a page needs
 * it. Shiki (with its regex engine and themes) and KaTeX are most of this stage's start-up, paid
 * once per thread that renders notes: a vault without code or math never loads them.
 */
const finishers = new Map<string, Promise<Finish>>();

function finisher(math: boolean, code: boolean): Promise<Finish> {
  const key = `${math}:${code}`;
  let made = finishers.get(key);
  if (!made) finishers.set(key, (made = makeFinisher(math, code)));
  return made;
}

async function makeFinisher(math: boolean, code: boolean): Promise<Finish> {
  const processor = unified();
  if (math) {
    const { default: rehypeKatex } = await import('rehype-katex');
    processor.use(rehypeKatex, { throwOnError: false, strict: false });
  }
  if (code) {
    const [{ default: rehypeShikiFromHighlighter }, highlighter] = await Promise.all([import('@shikijs/rehype/core'), codeHighlighter()]);
    processor.use(rehypeShikiFromHighlighter, highlighter as unknown as HighlighterGeneric<never, never>, {
      themes: { light: 'github-light', dark: 'github-dark' },
      defaultColor: false,
      lazy: true,
      fallbackLanguage: 'text',
      addLanguageClass: true,
    });
  }
  return processor as unknown as Finish;
}

let highlighterPromise: Promise<unknown> | undefined;

/** One Shiki highlighter per thread; languages load as pages use them (`lazy` above). */
function codeHighlighter(): Promise<unknown> {
  highlighterPromise ??= import('shiki').then(({ createHighlighter }) => createHighlighter({ themes: ['github-light', 'github-dark'], langs: [] }));
  return highlighterPromise;
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
  const processors = getProcessors();
  const { features } = options;
  const survey = surveyTree(tree);
  const converted = mdastToHast(tree, survey, features.rawHtml);
  const hast = features.rawHtml ? ((await processors.raw.run(converted)) as HastRoot) : converted;
  const hasTrusted = survey.trusted;
  const warnings = sanitizeTree(hast, {
    reservedIds: options.reservedIds ?? LAYOUT_IDS,
    rawHtml: features.rawHtml,
    trusted: hasTrusted,
    ...(options.imageOrigins ? { imageOrigins: options.imageOrigins } : {}),
    ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}),
  });
  if (hasTrusted && options.demoFallback) fillDemoFallbacks(hast, options.demoFallback);
  const finished = features.math || features.code ? ((await (await finisher(features.math, features.code)).run(hast)) as HastRoot) : hast;
  return { html: processors.stringify.stringify(finished), warnings };
}

/** What this stage needs to know of a tree before converting it, from one walk. */
export interface TreeSurvey {
  /** Demo placeholders or PDF frames (at the top of a tree or in a list item, quote or callout). */
  trusted: boolean;
  /** Link and footnote definitions, in document order. */
  definitions: Array<Definition | FootnoteDefinition>;
}

export function surveyTree(tree: Root): TreeSurvey {
  const survey: TreeSurvey = { trusted: false, definitions: [] };
  walk(tree, (node) => {
    if (node.type === 'atlasDemo' || node.type === 'atlasPdf') survey.trusted = true;
    else if (node.type === 'definition' || node.type === 'footnoteDefinition') survey.definitions.push(node as unknown as Definition | FootnoteDefinition);
  });
  return survey;
}

/**
 * mdast → hast, as mdast-util-to-hast's toHast (remark-rehype) converts it, without its first walk
 * over the whole tree to find the definitions: unist-util-visit names a new function for every node
 * (for its stack traces), which cost more than the conversion itself (0.75 CPU-s at 5,000 pages).
 * toHast is given an empty root, so its walk is one node long; the root handler then files the
 * definitions this stage's own walk found, as toHast would (the first of an identifier wins, case
 * folded), and converts the real tree with the default handler.
 */
export function mdastToHast(tree: Root, survey: TreeSurvey, allowDangerousHtml: boolean): HastRoot {
  const root = (state: State): HastRoot => {
    for (const definition of survey.definitions) {
      const id = String(definition.identifier).toUpperCase();
      const filed: Map<string, Definition | FootnoteDefinition> = definition.type === 'definition' ? state.definitionById : state.footnoteById;
      if (!filed.has(id)) filed.set(id, definition);
    }
    return defaultHandlers.root(state, tree) as HastRoot;
  };
  return toHast({ type: 'root', children: [] }, { allowDangerousHtml, handlers: { ...trustedHandlers, root } as never }) as HastRoot;
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
