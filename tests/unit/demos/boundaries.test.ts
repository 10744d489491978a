// What the page-side demo code really pulls in: the loader is bundled by Vite (the bundler the site is
// built with, import.meta.glob and the worker URL included) and the output is inspected. tfjs must
// live only in the worker bundle, every demo must get its own lazily loaded ui chunk, and the loader
// itself must stay small: no demo's ui, no registry metadata, no tfjs.
// (tests/e2e/demos.test.ts checks the same boundary on the network: no tfjs request before Run.)
import { resolve } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { build, type Rollup } from 'vite';
import { DEMO_NAMES } from '../../../src/demos/registry.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
let chunks: Rollup.OutputChunk[] = [];
let assets: Rollup.OutputAsset[] = [];

beforeAll(async () => {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: { write: false, minify: false, assetsInlineLimit: 0, rollupOptions: { input: { loader: resolve(ROOT, 'src/demos/loader.ts') } } },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  chunks = outputs.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  assets = outputs.filter((o): o is Rollup.OutputAsset => o.type === 'asset');
}, 60_000);

const local = (id: string): string => id.replace(ROOT, '').replaceAll('\\', '/');
const TFJS = (id: string): boolean => id.includes('@tensorflow') || /\/src\/demos\/(worker|shared\/(backend|mlp|cost))\.ts$/.test(local(id)) || /\/model\.ts$/.test(id);

test('no page-side chunk contains tfjs, a model or the worker module', () => {
  expect(chunks.length).toBeGreaterThan(DEMO_NAMES.length);
  for (const chunk of chunks) expect(chunk.moduleIds.filter(TFJS).map(local), chunk.fileName).toEqual([]);
});

test.each(DEMO_NAMES.map((n) => [n]))('%s has its own lazily loaded ui chunk', (name) => {
  const own = chunks.filter((c) => c.facadeModuleId !== null && local(c.facadeModuleId) === `/src/demos/${name}/ui.ts`);
  expect(own).toHaveLength(1);
  expect(own[0]!.isDynamicEntry).toBe(true);
  expect(own[0]!.isEntry).toBe(false);
});

test('the loader chunk holds the loader and the demo names only', () => {
  const loader = chunks.find((c) => c.isEntry)!;
  expect(local(loader.facadeModuleId!)).toBe('/src/demos/loader.ts');
  // Virtual helper modules (ids starting with NUL, e.g. Vite's preload helper) are not ours.
  expect(loader.moduleIds.filter((id) => !id.startsWith('\0')).map(local).sort()).toEqual(['/src/demos/loader.ts', '/src/demos/names.ts']);
  // The ui chunks are loaded on demand, one dynamic import each.
  expect(loader.dynamicImports).toHaveLength(DEMO_NAMES.length);
});

test('the worker is a separate bundle that carries tfjs and its wasm binaries', () => {
  const workers = assets.filter((a) => /^assets\/worker-[\w-]+\.js$/.test(a.fileName));
  expect(workers).toHaveLength(1);
  const code = String(workers[0]!.source);
  // tfjs-core's environment flag and the wasm backend's registration, by their string names.
  expect(code).toContain('WASM_HAS_MULTITHREAD_SUPPORT');
  expect(code).toContain("'wasm'");
  expect(assets.filter((a) => a.fileName.endsWith('.wasm')).map((a) => a.fileName.replace(/-[\w-]{8}\.wasm$/, '.wasm')).sort()).toEqual([
    'assets/tfjs-backend-wasm-simd.wasm',
    'assets/tfjs-backend-wasm.wasm',
  ]);
  // And no page chunk contains that code.
  for (const chunk of chunks) expect(chunk.code).not.toContain('WASM_HAS_MULTITHREAD_SUPPORT');
});
