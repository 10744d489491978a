// Dev-server edit latency: `astro dev` on a 5,000-page synthetic vault (BENCH_DEV_PAGES), then
// the time from saving a file to the change being served — an edited page showing the edit, a new
// page appearing, a renamed page at its new URL (and gone from the old one), a deleted page gone.
// The browser's live reload asks for the page as soon as a file changes, so what the server
// answers is what the reader sees. Prints the median of BENCH_RUNS edits.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench/.out');
const GEN = resolve(ROOT, '../shared/gen-corpus.mjs');
const PAGES = Number(process.env.BENCH_DEV_PAGES ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PORT = 4399;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const corpus = join(OUT, `corpus-${PAGES}`);
if (!existsSync(corpus)) spawnSync(process.execPath, [GEN, corpus, '--pages', String(PAGES)], { stdio: 'ignore' });
// Outside the repository: the dev server's file watcher ignores bench/.out.
const vault = join(tmpdir(), `atlas-dev-vault-${PAGES}`);
rmSync(vault, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
cpSync(corpus, vault, { recursive: true });

const server = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(PORT)], {
  cwd: ROOT,
  env: { ...process.env, ATLAS_CONTENT: vault, ATLAS_LINKS: 'warn', ASTRO_TELEMETRY_DISABLED: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
server.stdout.on('data', (c) => (log += c));
server.stderr.on('data', (c) => (log += c));
const base = `http://127.0.0.1:${PORT}`;
const get = (path) => fetch(base + path, { signal: AbortSignal.timeout(60_000) }).then(async (r) => ({ status: r.status, body: await r.text() }), () => ({ status: 0, body: '' }));

/** Milliseconds until `check` passes, polling the server. */
async function until(check, limit = 120_000) {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > limit) throw new Error(`bench/dev: gave up after ${limit} ms\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

try {
  const startup = await until(async () => (await get('/')).status === 200, 600_000);
  const file = join(vault, 'Application/Federated decoder e5mv.md');
  const url = '/application/federated-decoder-e5mv/';
  await until(async () => (await get(url)).status === 200);
  const edits = [];
  for (let i = 0; i < RUNS; i++) {
    const marker = `Bench edit ${i} ${Date.now()}`;
    appendFileSync(file, `\n${marker}\n`);
    edits.push(await until(async () => (await get(url)).body.includes(marker)));
    await new Promise((r) => setTimeout(r, 2500)); // let the background graph work finish
  }
  writeFileSync(join(vault, 'Bench added page.md'), 'A page added while the server runs, linking to [[Federated decoder e5mv]].\n');
  const added = await until(async () => (await get('/bench-added-page/')).status === 200);
  await new Promise((r) => setTimeout(r, 2500));
  renameSync(join(vault, 'Bench added page.md'), join(vault, 'Bench renamed page.md'));
  const renamed = await until(async () => (await get('/bench-renamed-page/')).status === 200);
  const renamedGone = renamed + (await until(async () => (await get('/bench-added-page/')).status === 404));
  await new Promise((r) => setTimeout(r, 2500));
  unlinkSync(join(vault, 'Bench renamed page.md'));
  const deleted = await until(async () => (await get('/bench-renamed-page/')).status === 404);
  console.log(
    `dev server, ${PAGES} pages: startup ${(startup / 1000).toFixed(1)} s | edit → visible median ${median(edits).toFixed(0)} ms (runs ${edits.map((e) => e.toFixed(0)).join(', ')}) | add ${added.toFixed(0)} ms | rename ${renamed.toFixed(0)} ms (old URL gone at ${renamedGone.toFixed(0)} ms) | delete ${deleted.toFixed(0)} ms`,
  );
} finally {
  if (process.env.BENCH_DEBUG) console.log(log);
  server.kill();
  rmSync(vault, { recursive: true, force: true });
}
