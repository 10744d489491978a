// Reading-page weight: gzipped JavaScript a topic page without a demo ships before any interaction
// (every script response until the network is idle, gzipped here at level 9), measured in headless
// Chromium on the shipped wiki, plus the same figure for a page with a demo and for the home page.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, serve } from '../tests/e2e/harness.ts';

const ROOT = resolve(import.meta.dirname, '..');
const dist = join(ROOT, 'bench/.out/wiki');
const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
  cwd: ROOT,
  env: { ...process.env, ATLAS_OUT: dist, ASTRO_TELEMETRY_DISABLED: '1' },
  encoding: 'utf8',
});
if (build.status !== 0) {
  console.error(build.stdout + build.stderr);
  process.exit(1);
}
const site = await serve({ dist, base: '/' });
const browser = await launchChromium();

async function scriptWeight(path) {
  const page = await browser.newPage();
  const scripts = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.body().then((b) => ({ url: response.url(), gz: gzipSync(b, { level: 9 }).length })));
  });
  await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle', timeout: 30_000 });
  const files = await Promise.all(scripts);
  await page.close();
  return { kb: files.reduce((n, f) => n + f.gz, 0) / 1024, files: files.length };
}

for (const [label, path] of [
  ['topic page without a demo (Transformer architecture)', 'concepts/transformer-architecture/'],
  ['topic page with a demo (Model pruning), before it scrolls into view', 'techniques/model-pruning/'],
  ['home page', ''],
]) {
  const { kb, files } = await scriptWeight(path);
  console.log(`JS before interaction, ${label}: ${kb.toFixed(1)} KB gzipped in ${files} file${files === 1 ? '' : 's'} (budget 30 KB for topic pages without a demo)`);
}
await browser.close();
await site.close();
