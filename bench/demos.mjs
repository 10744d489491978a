// In-page demo benchmark: builds the tests/fixtures/demos site, serves it, and in headless Chromium
// times the pruning sweep (target ≤ 5 s) and the trade-off demo on the wasm backend, median of 3
// runs each in a fresh page; then prints the gzipped size of the code each demo page loads, split into
// what loads with the page, what loads when the demo scrolls into view (its ui chunk, uPlot, widget)
// and what loads on Run (the shared worker with tfjs, and the wasm binary).
//
// Two times per run: "compute" is the worker's own measurement from receiving the run to sending the
// result (training, sweeps, latency measurements); "wall" is from the Run click to the numbers on
// screen, including worker start-up and wasm compilation, which the first run on a page pays.
//
// `--typical` instead runs every demo's model code in Node on the tfjs cpu backend with the default
// settings and prints the series and question answers src/demos/registry.ts records for the
// no-JavaScript figures (Node ≥ 23.6: it imports the TypeScript sources directly).
//
// usage: node bench/demos.mjs [--runs 3] [--no-build] [--backend wasm] [--only a,b]
//        node bench/demos.mjs --typical [--only a,b]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(opt('runs', 3));
const BACKEND = opt('backend', 'wasm');
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'bench', '.out', 'demos');
const dist = join(outDir, 'dist');
const ALL_DEMOS = ['pruning', 'quantization', 'distillation', 'early-stopping', 'precision-recall', 'fairness', 'tradeoff', 'batch-size', 'early-exit', 'low-rank'];
const only = opt('only', null)?.split(',');
const DEMOS = ALL_DEMOS.filter((d) => !only || only.includes(d));
const TIMED = ['pruning', 'tradeoff', 'batch-size', 'early-exit', 'low-rank'].filter((d) => DEMOS.includes(d));
const PRUNING_TARGET_MS = 5000;

function build() {
  if (args.includes('--no-build') && existsSync(join(dist, 'index.html'))) return;
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ATLAS_CONTENT: join(root, 'tests/fixtures/demos'), ATLAS_OUT: dist, ATLAS_BASE: '/', ATLAS_LINKS: 'error' },
  });
  if (result.status !== 0) {
    console.error(result.stdout.slice(-3000), result.stderr.slice(-3000));
    throw new Error(`bench/demos: building the demos fixture failed (exit ${result.status})`);
  }
  console.log(`built tests/fixtures/demos in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json' };

function serve() {
  const server = createServer((req, res) => {
    let file = resolve(dist, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)}`);
    if (!file.startsWith(dist)) return res.writeHead(403), res.end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return res.writeHead(404), res.end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fileOf = (url) => join(dist, decodeURIComponent(new URL(url).pathname));
const gz = (url) => (existsSync(fileOf(url)) ? gzipSync(readFileSync(fileOf(url)), { level: 9 }).length : 0);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const isCode = (url) => /\.(js|css|wasm)$/.test(new URL(url).pathname);

async function runDemo(browser, origin, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const phases = { page: new Set(), mount: new Set(), run: new Set() };
  let phase = 'page';
  const record = (url) => {
    if (isCode(url)) phases[phase].add(url);
  };
  page.on('request', (r) => record(r.url()));
  page.on('worker', (w) => record(w.url()));
  // Hold IntersectionObserver callbacks until we "scroll", so page code and demo code separate even
  // though the fixture's demos start inside the first screen.
  await page.addInitScript(() => {
    const Native = window.IntersectionObserver;
    const held = [];
    window.__benchReveal = () => held.splice(0).forEach((run) => run());
    window.IntersectionObserver = class extends Native {
      constructor(callback, options) {
        super((entries, observer) => held.push(() => callback(entries, observer)), options);
      }
    };
  });
  await page.goto(`${origin}/demo-${name}/?demo-backend=${BACKEND}`);
  await page.waitForLoadState('networkidle');
  const demo = page.locator(`.atlas-demo[data-demo="${name}"]`);
  if ((await demo.getAttribute('data-state')) !== null) console.warn(`warning: the ${name} demo mounted before it was revealed; its code counts as page code`);
  phase = 'mount';
  await demo.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.__benchReveal());
  await page.waitForSelector(`.atlas-demo[data-demo="${name}"][data-state="ready"]`, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  phase = 'run';
  const started = Date.now();
  await demo.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForSelector(`.atlas-demo[data-demo="${name}"][data-state="done"], .atlas-demo[data-demo="${name}"][data-state="error"]`, { timeout: 180_000 });
  const wall = Date.now() - started;
  const state = await demo.getAttribute('data-state');
  if (state !== 'done') throw new Error(`bench/demos: ${name} failed: ${await demo.locator('.atlas-demo__status').textContent()}`);
  const compute = Number(await demo.getAttribute('data-elapsed-ms'));
  const backend = await demo.getAttribute('data-backend');
  await context.close();
  return { wall, compute, backend, phases };
}

/** The models in Node on the cpu backend, default settings: the build-time typical results. */
async function typical() {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs');
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const src = (path) => import(new URL(`../src/demos/${path}`, import.meta.url).href);
  const { answer } = await src('shared/typical.ts');
  const quiet = () => {};
  const runs = {
    pruning: async () => {
      const [{ runPruning }, c, t] = await Promise.all([src('pruning/model.ts'), src('pruning/config.ts'), src('pruning/typical.ts')]);
      return [t.pruningSeries(await runPruning(c.DEFAULT_PRUNING_SETTINGS, quiet)), t.PRUNING_QUESTION];
    },
    quantization: async () => {
      const [{ runQuantization }, c, t] = await Promise.all([src('quantization/model.ts'), src('quantization/config.ts'), src('quantization/typical.ts')]);
      return [t.quantizationSeries(await runQuantization(c.DEFAULT_QUANTIZATION_SETTINGS, quiet)), t.QUANTIZATION_QUESTION];
    },
    distillation: async () => {
      const [{ runDistillation }, c, t] = await Promise.all([src('distillation/model.ts'), src('distillation/config.ts'), src('distillation/typical.ts')]);
      return [t.distillationSeries(await runDistillation(c.DEFAULT_DISTILLATION_SETTINGS, quiet)), t.DISTILLATION_QUESTION];
    },
    'early-stopping': async () => {
      const [{ runEarlyStopping }, c, t] = await Promise.all([src('early-stopping/model.ts'), src('early-stopping/config.ts'), src('early-stopping/typical.ts')]);
      const result = await runEarlyStopping(c.DEFAULT_EARLY_STOPPING_SETTINGS, quiet);
      console.log(`  early-stopping: best epoch ${result.bestEpoch}, stops at ${result.stopEpoch}`);
      return [t.earlyStoppingSeries(result), t.EARLY_STOPPING_QUESTION];
    },
    'precision-recall': async () => {
      const [{ runPrecisionRecall }, c, t] = await Promise.all([src('precision-recall/model.ts'), src('precision-recall/config.ts'), src('precision-recall/typical.ts')]);
      const result = await runPrecisionRecall(c.DEFAULT_PRECISION_RECALL_SETTINGS, quiet);
      return [t.precisionRecallSeries(result.scores, result.labels), t.PRECISION_RECALL_QUESTION];
    },
    fairness: async () => {
      const [{ runFairness }, c, t] = await Promise.all([src('fairness/model.ts'), src('fairness/config.ts'), src('fairness/typical.ts')]);
      return [t.fairnessSeries(await runFairness(c.DEFAULT_FAIRNESS_SETTINGS, quiet)), t.FAIRNESS_QUESTION];
    },
    tradeoff: async () => {
      const [{ runTradeoff }, c, t] = await Promise.all([src('tradeoff/model.ts'), src('tradeoff/config.ts'), src('tradeoff/typical.ts')]);
      return [t.tradeoffSeries(await runTradeoff(c.DEFAULT_TRADEOFF_SETTINGS, quiet)), t.TRADEOFF_QUESTION];
    },
    'batch-size': async () => {
      const [{ runBatchSize }, c, t] = await Promise.all([src('batch-size/model.ts'), src('batch-size/config.ts'), src('batch-size/typical.ts')]);
      const result = await runBatchSize(c.DEFAULT_BATCH_SIZE_SETTINGS, quiet);
      for (const r of result.rows) console.log(`  batch ${r.batch}: ${r.batchLatencyMs.toFixed(3)} ms per batch, ${r.itemLatencyMs.toFixed(4)} ms per input, ${Math.round(r.throughput)} inputs/s, accuracy ${(r.accuracy * 100).toFixed(1)} %`);
      return [t.batchSizeSeries(result.rows), t.BATCH_SIZE_QUESTION];
    },
    'early-exit': async () => {
      const [{ runEarlyExit }, c, t] = await Promise.all([src('early-exit/model.ts'), src('early-exit/config.ts'), src('early-exit/typical.ts')]);
      const result = await runEarlyExit(c.DEFAULT_EARLY_EXIT_SETTINGS, quiet);
      console.log(`  plain network: ${(result.plain.accuracy * 100).toFixed(1)} %, ${result.plain.latencyMs.toFixed(2)} ms; exit head alone ${(result.exitOnlyAccuracy * 100).toFixed(1)} %`);
      for (const r of result.rows) console.log(`  threshold ${r.threshold ?? 'never'}: ${(r.accuracy * 100).toFixed(1)} %, ${(r.exitRate * 100).toFixed(1)} % exit, compute ${(r.compute * 100).toFixed(1)} %, ${r.latencyMs.toFixed(2)} ms`);
      return [t.earlyExitSeries(result.rows), t.EARLY_EXIT_QUESTION];
    },
    'low-rank': async () => {
      const [{ runLowRank }, c, t] = await Promise.all([src('low-rank/model.ts'), src('low-rank/config.ts'), src('low-rank/typical.ts')]);
      const result = await runLowRank(c.DEFAULT_LOW_RANK_SETTINGS, quiet);
      for (const r of result.rows) console.log(`  rank ${r.rank ?? 'dense'}: ${(r.accuracy * 100).toFixed(1)} %, ${r.params} params, ${r.latencyMs.toFixed(2)} ms, energy ${(r.energy * 100).toFixed(1)} %`);
      return [t.lowRankSeries(result.rows), t.LOW_RANK_QUESTION];
    },
  };
  for (const name of DEMOS) {
    const started = performance.now();
    const [series, question] = await runs[name]();
    const a = answer(question, series);
    console.log(`${name} (${((performance.now() - started) / 1000).toFixed(1)} s in Node, cpu backend):`);
    for (const s of series) console.log(`  { label: ${JSON.stringify(s.label)}, points: ${JSON.stringify(s.points)} },`);
    console.log(`  answer: ${a.text} → "${question.choices[a.index].label}"`);
  }
}

if (args.includes('--typical')) {
  await typical();
  process.exit(0);
}

build();
const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!chromiumPath) throw new Error('bench/demos: Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const report = { backend: BACKEND, runs: RUNS, timings: {}, sizes: {} };
try {
  for (const name of TIMED) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await runDemo(browser, origin, name));
    if (runs.some((r) => r.backend !== BACKEND)) console.warn(`warning: ${name} ran on ${runs.map((r) => r.backend).join(', ')}, not ${BACKEND}`);
    report.timings[name] = { computeMs: median(runs.map((r) => r.compute)), wallMs: median(runs.map((r) => r.wall)), all: runs.map(({ compute, wall }) => ({ compute, wall })) };
  }
  for (const name of DEMOS) {
    const { phases } = await runDemo(browser, origin, name);
    const sum = (set) => [...set].reduce((n, url) => n + gz(url), 0);
    report.sizes[name] = {
      pageGz: sum(phases.page),
      demoGz: sum(phases.mount),
      workerGz: sum(new Set([...phases.run].filter((u) => u.endsWith('.js')))),
      wasmGz: sum(new Set([...phases.run].filter((u) => u.endsWith('.wasm')))),
      demoFiles: [...phases.mount].map((u) => new URL(u).pathname),
      runFiles: [...phases.run].map((u) => new URL(u).pathname),
    };
  }
} finally {
  await browser.close();
  server.close();
}

console.log(`\nDemo timings on the ${BACKEND} backend, headless Chromium, median of ${RUNS} fresh pages:`);
for (const [name, t] of Object.entries(report.timings)) {
  const target = name === 'pruning' ? `  (target ≤ ${PRUNING_TARGET_MS / 1000} s: ${t.computeMs <= PRUNING_TARGET_MS ? 'met' : 'MISSED'})` : '';
  console.log(`  ${name.padEnd(16)} compute ${(t.computeMs / 1000).toFixed(2)} s   wall ${(t.wallMs / 1000).toFixed(2)} s${target}`);
}
// A file loaded on scroll by one demo only is that demo's own code; the rest is shared ui code.
const scrollCount = new Map();
for (const s of Object.values(report.sizes)) for (const f of s.demoFiles) scrollCount.set(f, (scrollCount.get(f) ?? 0) + 1);
for (const s of Object.values(report.sizes)) {
  s.ownGz = s.demoFiles.filter((f) => scrollCount.get(f) === 1).reduce((n, f) => n + gz(origin + f), 0);
  s.sharedUiGz = s.demoGz - s.ownGz;
}
console.log('\nGzipped code per demo page (gzip -9):');
console.log(`  ${'demo'.padEnd(18)}${'own ui'.padStart(10)}${'shared ui'.padStart(11)}${'worker'.padStart(11)}${'wasm'.padStart(11)}${'page+loader'.padStart(13)}`);
for (const [name, s] of Object.entries(report.sizes)) {
  console.log(`  ${name.padEnd(18)}${kb(s.ownGz).padStart(10)}${kb(s.sharedUiGz).padStart(11)}${kb(s.workerGz).padStart(11)}${kb(s.wasmGz).padStart(11)}${kb(s.pageGz).padStart(13)}`);
}
console.log('  own ui: the demo\'s ui chunk, loaded when it scrolls into view, with the shared ui (widget, uPlot, CSS).');
console.log('  worker: one tfjs bundle (core, cpu, webgl, wasm backends, all demo models) shared by every demo, loaded on Run, with the wasm binary.');
console.log('  page+loader: everything the page loads before the demo is reached (site scripts included).');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2));
console.log(`\nfull report: ${join('bench', '.out', 'demos', 'report.json')}`);
