// Entry points the components' <script>s call. Kept tiny: it only reveals the JS-only controls,
// checks for WebGL and imports the views (and with them sigma and graphology) on demand: the
// explorer at once, each local graph when it scrolls into view. Failures end in the view's
// fallback and a note, never in an uncaught error.
import { whenVisible } from '../whenVisible.ts';
import { showNote } from './fallback.ts';
import { hasWebGL } from './webgl.ts';

type Cleanup = () => void;
const cleanups = new Set<Cleanup>();
let listening = false;

function keep(cleanup: Cleanup): void {
  cleanups.add(cleanup);
  if (listening) return;
  listening = true;
  // Kill renderers when the page is really unloaded (not when it goes into the back/forward cache).
  addEventListener('pagehide', (event) => {
    if (event.persisted) return;
    for (const fn of cleanups) fn();
    cleanups.clear();
  });
}

function reveal(root: HTMLElement, webgl: boolean): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-needs-js]')) element.hidden = false;
  if (webgl) for (const element of root.querySelectorAll<HTMLElement>('[data-needs-webgl]')) element.hidden = false;
}

const NO_WEBGL = 'Your browser cannot draw the graph here (WebGL is unavailable), so the topics are listed instead.';

function failed(root: HTMLElement, error: unknown): void {
  root.dataset['error'] = error instanceof Error ? error.message : String(error);
  showNote(root, `The graph could not be loaded (${root.dataset['error']}). The list below still works.`);
}

export function setupGraphExplorers(doc: Document = document): void {
  for (const root of doc.querySelectorAll<HTMLElement>('[data-graph-explorer]')) {
    const webgl = hasWebGL(doc);
    root.dataset['webgl'] = String(webgl);
    reveal(root, webgl);
    if (!webgl) showNote(root, `${NO_WEBGL} The search and the path finder still work.`);
    import('./explorer.ts')
      .then(({ mountExplorer }) => mountExplorer(root, { webgl }))
      .then(keep)
      .catch((error: unknown) => failed(root, error));
  }
}

export function setupLocalGraphs(doc: Document = document): void {
  const roots = [...doc.querySelectorAll<HTMLElement>('[data-local-graph]')];
  if (roots.length === 0) return;
  const webgl = hasWebGL(doc);
  const start = (root: HTMLElement) => {
    root.dataset['webgl'] = String(webgl);
    reveal(root, webgl);
    if (!webgl) {
      showNote(root, NO_WEBGL);
      return;
    }
    root.dataset['loading'] = 'true';
    import('./localGraph.ts')
      .then(({ mountLocalGraph }) => mountLocalGraph(root))
      .then(keep)
      .catch((error: unknown) => failed(root, error))
      .finally(() => delete root.dataset['loading']);
  };
  whenVisible(roots, start);
}
