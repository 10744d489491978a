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
import { bundledLanguages, createHighlighter, type HighlighterGeneric } from 'shiki';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';

export interface RenderWarning {
  line: number;
  message: string;
}

let processorPromise: Promise<Processor<undefined, Root, HastRoot, HastRoot, string>> | undefined;

function getProcessor() {
  processorPromise ??= (async () => {
    const highlighter = await createHighlighter({ themes: ['github-light', 'github-dark'], langs: [] });
    return unified()
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeRaw)
      .use(rehypeKatex, { throwOnError: false, strict: false })
      .use(rehypeShikiFromHighlighter, highlighter as unknown as HighlighterGeneric<never, never>, {
        themes: { light: 'github-light', dark: 'github-dark' },
        defaultColor: false,
        lazy: true,
        fallbackLanguage: 'text',
        addLanguageClass: true,
      })
      .use(rehypeHeadingAnchors)
      .use(rehypeStringify) as unknown as Processor<undefined, Root, HastRoot, HastRoot, string>;
  })();
  return processorPromise;
}

/** Renders one page; unsafe raw HTML (scripts, event handlers, javascript: URLs) is removed and reported. */
export async function renderToHtml(tree: Root): Promise<{ html: string; warnings: RenderWarning[] }> {
  const processor = await getProcessor();
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

/** Languages Shiki knows; others are rendered as plain text. */
export const knownLanguages = new Set(Object.keys(bundledLanguages));
