// Rendering a transformed mdast tree to HTML: mdast → hast, raw HTML parsed and made safe, KaTeX
// math, Shiki-highlighted code (light and dark colours as CSS variables), and a permalink anchor
// on every heading.
import rehypeShikiFromHighlighter from '@shikijs/rehype/core';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import type { Root } from 'mdast';
import rehypeKatex from 'rehype-katex';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { createHighlighter, type HighlighterGeneric } from 'shiki';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';

export interface RenderWarning {
  line: number;
  message: string;
}

type HtmlProcessor = Processor<undefined, Root, HastRoot, HastRoot, string>;
let processorsPromise: Promise<{ withRaw: HtmlProcessor; plain: HtmlProcessor }> | undefined;

function getProcessors() {
  processorsPromise ??= (async () => {
    const highlighter = await createHighlighter({ themes: ['github-light', 'github-dark'], langs: [] });
    // Re-parsing the whole tree through parse5 (rehype-raw) is the costliest render step, so pages
    // without raw HTML skip it.
    const build = (raw: boolean) => {
      const processor = unified().use(remarkRehype, { allowDangerousHtml: raw });
      if (raw) processor.use(rehypeRaw);
      return processor
        .use(rehypeKatex, { throwOnError: false, strict: false })
        .use(rehypeShikiFromHighlighter, highlighter as unknown as HighlighterGeneric<never, never>, {
          themes: { light: 'github-light', dark: 'github-dark' },
          defaultColor: false,
          lazy: true,
          fallbackLanguage: 'text',
          addLanguageClass: true,
        })
        .use(rehypeHeadingAnchors)
        .use(rehypeStringify) as unknown as HtmlProcessor;
    };
    return { withRaw: build(true), plain: build(false) };
  })();
  return processorsPromise;
}

/** True when the tree holds raw HTML: author-written HTML, or raw content attached by the pipeline. */
function hasRawHtml(tree: Root): boolean {
  let found = false;
  visit(tree, (node) => {
    const data = node.data as { hChildren?: Array<{ type: string }> } | undefined;
    if (node.type === 'html' || data?.hChildren?.some((c) => c.type === 'raw')) found = true;
    return found ? false : undefined;
  });
  return found;
}

/** Renders one page; unsafe raw HTML (scripts, event handlers, javascript: URLs) is removed and reported. */
export async function renderToHtml(tree: Root): Promise<{ html: string; warnings: RenderWarning[] }> {
  const processors = await getProcessors();
  const processor = hasRawHtml(tree) ? processors.withRaw : processors.plain;
  const hast = (await processor.run(tree)) as HastRoot;
  const warnings = removeUnsafeHtml(hast);
  return { html: processor.stringify(hast), warnings };
}

const UNSAFE_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'link', 'form']);

function removeUnsafeHtml(tree: HastRoot): RenderWarning[] {
  const warnings: RenderWarning[] = [];
  visit(tree, 'element', (node: Element, index, parent) => {
    const line = node.position?.start.line ?? 0;
    if (UNSAFE_ELEMENTS.has(node.tagName) && parent && index !== undefined) {
      warnings.push({ line, message: `removed <${node.tagName}> from raw HTML — content cannot run code or embed frames` });
      parent.children.splice(index, 1);
      return index;
    }
    for (const [name, value] of Object.entries(node.properties)) {
      const unsafeUrl = (name === 'href' || name === 'src' || name === 'action') && /^\s*(javascript|vbscript|data:text\/html)/i.test(String(value));
      if (/^on/i.test(name) || unsafeUrl) {
        warnings.push({ line, message: `removed ${name.toLowerCase()}="…" from <${node.tagName}> — content cannot run code` });
        delete node.properties[name];
      }
    }
    return undefined;
  });
  return warnings;
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
