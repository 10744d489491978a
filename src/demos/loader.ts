// Mounts the demos on a page. Finds every `.atlas-demo[data-demo]` placeholder and, when one comes
// within reach of the viewport, loads that demo's ui module and mounts it over the static fallback.
// Nothing else is imported up front, so a page pays for a demo's code (and the worker, with tfjs,
// only when Run is pressed) only when the reader gets there. Include on pages that have a demo:
//   <script>import '../demos/loader.ts';</script>
import { whenVisible } from '../client/whenVisible.ts';
import { isDemoName, type DemoName } from './registry.ts';

type Mount = (root: HTMLElement) => () => void;

// Every demo folder's ui module, discovered at build time: each becomes its own lazily loaded chunk.
const MODULES = import.meta.glob<{ mount: Mount }>('./*/ui.ts');

function loadDemo(name: DemoName): Promise<{ mount: Mount }> {
  const load = MODULES[`./${name}/ui.ts`];
  return load ? load() : Promise.reject(new Error(`the "${name}" demo is not part of this build`));
}

async function mountPlaceholder(root: HTMLElement): Promise<void> {
  const name = root.dataset['demo'];
  if (!isDemoName(name) || root.dataset['state'] !== undefined) return;
  root.dataset['state'] = 'loading';
  try {
    const { mount } = await loadDemo(name);
    delete root.dataset['state'];
    mount(root);
  } catch (error) {
    root.dataset['state'] = 'error';
    const message = document.createElement('p');
    message.className = 'atlas-demo__note';
    message.textContent = `This demo could not load (${error instanceof Error ? error.message : String(error)}). The figure above shows typical results.`;
    root.append(message);
  }
}

function start(): void {
  const placeholders = [...document.querySelectorAll<HTMLElement>('.atlas-demo[data-demo]')];
  if (placeholders.length === 0) return;
  whenVisible(placeholders, (root) => void mountPlaceholder(root));
}

start();
