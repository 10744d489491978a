// Mounts the demos on a page. Finds every `.atlas-demo[data-demo]` placeholder and, when one comes
// within reach of the viewport, loads that demo's ui module and mounts it over the static fallback.
// Nothing else is imported up front, so a page pays for a demo's code (and the worker, with tfjs,
// only when Run is pressed) only when the reader gets there. Include on pages that have a demo:
//   <script>import '../demos/loader.ts';</script>
// Islands follow their placeholder: one added to the page later is mounted when it comes into view,
// and one removed from the page is unmounted through the cleanup its `mount` returned (worker, charts,
// observers and listeners released), as a client-side router swapping the page would need.
import { isDemoName, type DemoName } from './names.ts';

type Mount = (root: HTMLElement) => () => void;

const SELECTOR = '.atlas-demo[data-demo]';
/** Mount a little before the placeholder scrolls into view, so the widget is ready when seen. */
const ROOT_MARGIN = '200px 0px';

// Every demo folder's ui module, discovered at build time: each becomes its own lazily loaded chunk.
const MODULES = import.meta.glob<{ mount: Mount }>('./*/ui.ts');

function loadDemo(name: DemoName): Promise<{ mount: Mount }> {
  const load = MODULES[`./${name}/ui.ts`];
  return load ? load() : Promise.reject(new Error(`the "${name}" demo is not part of this build`));
}

/** Placeholders being loaded (null) or mounted (their cleanup). */
const islands = new Map<HTMLElement, (() => void) | null>();

async function mountPlaceholder(root: HTMLElement): Promise<void> {
  const name = root.dataset['demo'];
  if (!isDemoName(name) || islands.has(root)) return;
  islands.set(root, null);
  root.dataset['state'] = 'loading';
  try {
    const { mount } = await loadDemo(name);
    // Removed from the page while its code was loading: nothing to mount any more.
    if (!root.isConnected || !islands.has(root)) {
      islands.delete(root);
      delete root.dataset['state'];
      return;
    }
    delete root.dataset['state'];
    islands.set(root, mount(root));
  } catch (error) {
    islands.delete(root);
    root.dataset['state'] = 'error';
    const message = document.createElement('p');
    message.className = 'atlas-demo__note';
    message.textContent = `This demo could not load (${error instanceof Error ? error.message : String(error)}). The figure above shows typical results.`;
    root.append(message);
  }
}

/** Unmounts one island (its placeholder keeps the static fallback). */
function unmount(root: HTMLElement): void {
  const cleanup = islands.get(root);
  islands.delete(root);
  visibility?.unobserve(root);
  cleanup?.();
}

let visibility: IntersectionObserver | null = null;

function watch(root: HTMLElement): void {
  if (islands.has(root) || root.dataset['state'] === 'error') return;
  if (!visibility) {
    void mountPlaceholder(root);
    return;
  }
  visibility.observe(root);
}

function placeholdersIn(node: Node): HTMLElement[] {
  if (!(node instanceof HTMLElement)) return [];
  return [...(node.matches(SELECTOR) ? [node] : []), ...node.querySelectorAll<HTMLElement>(SELECTOR)];
}

function start(): void {
  if ('IntersectionObserver' in window) {
    visibility = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          visibility?.unobserve(entry.target);
          void mountPlaceholder(entry.target as HTMLElement);
        }
      },
      { rootMargin: ROOT_MARGIN },
    );
  }
  for (const root of document.querySelectorAll<HTMLElement>(SELECTOR)) watch(root);
  // Cheap per mutation batch: removals check only the islands this page has; additions look for
  // placeholders inside added elements (a widget's own results never contain one).
  const mutations = new MutationObserver((records) => {
    for (const root of [...islands.keys()]) if (!root.isConnected) unmount(root);
    for (const record of records) {
      for (const node of record.removedNodes) for (const root of placeholdersIn(node)) if (!root.isConnected) visibility?.unobserve(root);
      for (const node of record.addedNodes) for (const root of placeholdersIn(node)) if (root.isConnected) watch(root);
    }
  });
  mutations.observe(document.body, { childList: true, subtree: true });
}

start();
