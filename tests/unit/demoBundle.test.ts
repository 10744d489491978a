import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type Plugin, type Rolldown } from 'vite';
import { DEMO_LOADER, demoBundlePlugin } from '../../src/integration/demoBundle.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-demo-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles a page script that imports the demo loader, as TopicPage.astro does; returns the output files. */
async function bundlePageScript(plugin: Plugin): Promise<Array<Rolldown.OutputChunk | Rolldown.OutputAsset>> {
  const entry = join(dir, 'page-script.ts');
  writeFileSync(entry, `import ${JSON.stringify(DEMO_LOADER)};\n`);
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    plugins: [plugin],
    build: { write: false, minify: false, rolldownOptions: { input: entry } },
  });
  return (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
}

describe('demoBundlePlugin', () => {
  it('leaves the widget, the worker, tfjs and its WebAssembly out of a build with no demo', { timeout: 60_000 }, async () => {
    const without = await bundlePageScript(demoBundlePlugin(async () => false));
    expect(without.map((file) => file.fileName).filter((name) => !name.endsWith('.js'))).toEqual([]);
    const code = without.map((file) => (file.type === 'chunk' ? file.code : '')).join('\n');
    expect(code).not.toMatch(/IntersectionObserver|tfjs|atlas-demo/);

    // The same script for a site with a demo: the demos' code and assets are all there.
    const withDemos = await bundlePageScript(demoBundlePlugin(async () => true));
    const names = withDemos.map((file) => file.fileName);
    expect(names.some((name) => name.endsWith('.wasm'))).toBe(true);
    expect(withDemos.map((file) => (file.type === 'chunk' ? file.code : '')).join('\n')).toMatch(/atlas-demo/);
  });
});
