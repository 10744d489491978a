// A build whose pages have no demo leaves the demos' browser code out of its bundle. Topic pages
// that show a demo load src/demos/loader.ts, and Astro bundles that script for every build, because
// it cannot know which pages will render it: the widget, the demo worker with tfjs and its two
// WebAssembly files. Bundling them took about a CPU-second of every build (measured at 5,000 pages,
// two cores) and shipped 2 MB to `_astro/` that no page of such a vault ever asks for; most vaults
// have no demo. So when the bundler comes to the loader, the build asks the site model whether some
// topic has a demo, and loads an empty module if none has (as mermaid's module is published only
// when some page has a diagram). The dev server bundles nothing ahead and is left alone.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** The demos' entry point, the only module that pages import for them. */
export const DEMO_LOADER = fileURLToPath(new URL('../demos/loader.ts', import.meta.url));

/** A Vite plugin that loads an empty demo loader when `siteHasDemos` says no page needs one. */
export function demoBundlePlugin(siteHasDemos: () => Promise<boolean>): Plugin {
  return {
    name: 'atlas:demos-when-used',
    enforce: 'pre',
    load: {
      // The filter lets the bundler skip calling this hook for every other module.
      filter: { id: new RegExp(`^${escapeRegExp(DEMO_LOADER)}$`) },
      handler: async () => ((await siteHasDemos()) ? null : { code: '// No page of this site has a demo (src/integration/demoBundle.ts).\nexport {};\n', moduleSideEffects: false }),
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
