// Mermaid diagrams (```mermaid blocks): drawn in the browser when they scroll into view, with the
// library loaded only on pages that have a diagram and only then. The diagram source stays in the
// page as the figure for readers without JavaScript (and if drawing fails). Mermaid runs with its
// strict security level and plain-SVG labels (no HTML inside the SVG); its output is parsed as
// SVG, not HTML, and scrubbed of scripts and event handlers before it joins the page. Diagrams are
// redrawn when the reader switches between light and dark themes.
import { siteRoutes } from '../routes.ts';
import { whenVisible } from './whenVisible.ts';

type MermaidApi = typeof import('mermaid').default;

let mermaidPromise: Promise<MermaidApi> | undefined;
let counter = 0;

function isDark(): boolean {
  const chosen = document.documentElement.dataset['theme'];
  return chosen ? chosen === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
}

async function loadMermaid(): Promise<MermaidApi> {
  // Mermaid's own prebuilt module (src/pages/-/mermaid/), not part of the site's bundle.
  const url = siteRoutes(document.documentElement.dataset['base'] ?? '/').mermaidModule();
  mermaidPromise ??= (import(/* @vite-ignore */ url) as Promise<{ default: MermaidApi }>).then(({ default: mermaid }) => mermaid);
  return mermaidPromise;
}

/** Parses Mermaid's SVG as SVG and removes anything that could run code. */
function safeSvg(markup: string): SVGSVGElement | undefined {
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const svg = parsed.documentElement;
  if (svg.nodeName !== 'svg' || parsed.querySelector('parsererror')) return undefined;
  for (const node of [svg, ...svg.querySelectorAll('*')]) {
    if (/^(script|foreignObject|iframe|embed|object)$/i.test(node.localName)) {
      node.remove();
      continue;
    }
    for (const attribute of [...node.attributes]) {
      if (/^on/i.test(attribute.name) || (/href$/i.test(attribute.name) && !attribute.value.startsWith('#'))) node.removeAttribute(attribute.name);
    }
  }
  return document.importNode(svg, true) as unknown as SVGSVGElement;
}

async function draw(figure: HTMLElement): Promise<void> {
  const source = figure.querySelector('.mermaid-source')?.textContent ?? '';
  if (!source.trim()) return;
  const mermaid = await loadMermaid();
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: isDark() ? 'dark' : 'default', htmlLabels: false });
  try {
    const { svg } = await mermaid.render(`mermaid-diagram-${++counter}`, source);
    const element = safeSvg(svg);
    if (!element) throw new Error('the diagram could not be drawn');
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', `Diagram: ${source.trim().split('\n')[0]!.slice(0, 80)}`);
    figure.querySelector('svg')?.remove();
    figure.prepend(element);
    figure.dataset['rendered'] = '';
    delete figure.dataset['error'];
  } catch (error) {
    figure.dataset['error'] = error instanceof Error ? error.message : String(error);
  }
}

function start(): void {
  const figures = [...document.querySelectorAll<HTMLElement>('figure.mermaid')];
  if (figures.length === 0) return;
  whenVisible(figures, (figure) => void draw(figure));
  // Follow the theme: the toggle sets data-theme; the system setting may change too.
  const redraw = () => {
    for (const figure of figures) if (figure.dataset['rendered'] !== undefined) void draw(figure);
  };
  new MutationObserver(redraw).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redraw);
}

start();
