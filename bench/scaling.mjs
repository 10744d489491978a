// Doubling bench: builds synthetic wikis (../shared/gen-corpus.mjs) of 1k, 2k, 4k and 8k pages and
// prints, per size, the wall time of the build, of each stage of the site model and of each phase
// after it, with the growth factor of each from the previous size. Doubling the content should at
// most double a stage (2.0 = linear); a factor above 2.3 is flagged as growing faster than the
// content. BENCH_SCALING_SIZES=1000,2000 sets the sizes; BENCH_SCALING_RUNS=3 builds each size three
// times and keeps each stage's fastest time (the machine is shared: the minimum is the least noisy).
//
// The build reports its stages through ATLAS_TIMINGS_FILE (src/integration/buildTimings.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench/.out');
const GEN = resolve(ROOT, '../shared/gen-corpus.mjs');
const SIZES = (process.env.BENCH_SCALING_SIZES ?? '1000,2000,4000,8000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_SCALING_RUNS ?? 1);
/** A stage is flagged when doubling the pages multiplies its time by more than this. */
const FLAG = 2.3;
/** Stages shorter than this at the larger size are noise, not a trend: never flagged. */
const NOISE_MS = 150;
const astroBin = join(ROOT, 'node_modules/astro/bin/astro.mjs');

if (!existsSync(GEN)) {
  console.error(`bench/scaling: ${GEN} not found (the shared corpus generator lives beside the repository)`);
  process.exit(1);
}
if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(`bench/scaling: BENCH_SCALING_SIZES must be positive integers, got "${process.env.BENCH_SCALING_SIZES}"`);
  process.exit(1);
}
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`bench/scaling: BENCH_SCALING_RUNS must be a positive integer, got "${process.env.BENCH_SCALING_RUNS}"`);
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });

function build(pages) {
  const corpus = join(OUT, `scaling-corpus-${pages}`);
  const site = join(OUT, `scaling-site-${pages}`);
  const timingsFile = join(OUT, `scaling-timings-${pages}.json`);
  const rssFile = join(OUT, `scaling-rss-${pages}.txt`);
  const gen = spawnSync(process.execPath, [GEN, corpus, '--pages', String(pages)], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`bench/scaling: gen-corpus failed:\n${gen.stderr}`);
  for (const file of [timingsFile, rssFile]) rmSync(file, { force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', join(ROOT, 'bench/report-rss.mjs'), astroBin, 'build'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      // Cold builds: every stage does its full work at every size.
      ATLAS_CACHE: 'off',
      ATLAS_CONTENT: corpus,
      ATLAS_LINKS: 'warn',
      ATLAS_OUT: site,
      ATLAS_TIMINGS_FILE: timingsFile,
      BENCH_RSS_FILE: rssFile,
    },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const total = performance.now() - start;
  if (result.status !== 0) throw new Error(`bench/scaling: build of ${pages} pages failed:\n${(result.stdout + result.stderr).slice(-3000)}`);
  if (!existsSync(timingsFile)) throw new Error(`bench/scaling: the build wrote no ${timingsFile} (is ATLAS_TIMINGS_FILE wired in src/integration/atlas.ts?)`);
  const { model, phases, background = {} } = JSON.parse(readFileSync(timingsFile, 'utf8'));
  rmSync(site, { recursive: true, force: true });
  const modelSum = Object.values(model).reduce((a, b) => a + b, 0);
  const rows = new Map();
  for (const [stage, ms] of Object.entries(model)) rows.set(`model: ${stage}`, ms);
  rows.set('model (sum)', modelSum);
  for (const [phase, ms] of Object.entries(phases)) {
    // The first phase also holds Astro's own start-up: show that part on its own.
    if (phase === 'startup and site model') rows.set('astro startup', Math.max(0, ms - modelSum));
    else rows.set(phase, ms);
  }
  // Work on other threads while the pages render: it adds to no phase, but must not grow faster either.
  for (const [work, ms] of Object.entries(background)) rows.set(`meanwhile: ${work}`, ms);
  rows.set('render+write (total − model)', total - modelSum);
  rows.set('total', total);
  return { pages, rows, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

const runs = [];
for (const pages of SIZES) {
  let best;
  for (let run = 1; run <= RUNS; run++) {
    process.stderr.write(`bench/scaling: building ${pages} pages${RUNS > 1 ? ` (run ${run} of ${RUNS})` : ''}…\n`);
    const result = build(pages);
    if (!best) best = result;
    else {
      for (const [name, ms] of result.rows) best.rows.set(name, Math.min(best.rows.get(name) ?? Infinity, ms));
      best.rssMiB = Math.min(best.rssMiB, result.rssMiB);
    }
  }
  runs.push(best);
}

const names = [...new Set(runs.flatMap((r) => [...r.rows.keys()]))];
const width = Math.max(...names.map((n) => n.length), 'stage'.length);
const cell = 17;
const header = ['stage'.padEnd(width), ...runs.map((r) => `${r.pages} pages`.padStart(cell))].join(' ');
console.log(`Build time by stage as the vault doubles (ms${RUNS > 1 ? `, fastest of ${RUNS} runs` : ''}; ×growth from the previous size, ! above ${FLAG}):`);
console.log(header);
let flagged = 0;
const line = (name, value) => {
  const cells = runs.map((run, i) => {
    const ms = value(run);
    if (ms === undefined) return '—'.padStart(cell);
    const previous = i > 0 ? value(runs[i - 1]) : undefined;
    let growth = '';
    if (previous !== undefined && previous > 0) {
      // Per doubling, so sizes that are not exact doublings still read as 2.0 = linear.
      const factor = (ms / previous) ** (Math.log(2) / Math.log(run.pages / runs[i - 1].pages));
      const flag = factor > FLAG && ms >= NOISE_MS;
      if (flag) flagged++;
      growth = ` ×${factor.toFixed(2)}${flag ? '!' : ' '}`;
    } else growth = '       ';
    return `${Math.round(ms)}${growth}`.padStart(cell);
  });
  console.log([name.padEnd(width), ...cells].join(' '));
};
for (const name of names) line(name, (run) => run.rows.get(name));
line('peak RSS (MiB)', (run) => run.rssMiB);
console.log(`ms per page: ${runs.map((r) => `${r.pages}: ${(r.rows.get('total') / r.pages).toFixed(2)}`).join(', ')}`);
console.log(flagged ? `${flagged} stage growth${flagged === 1 ? '' : 's'} above ×${FLAG} per doubling (!).` : `No stage grew faster than ×${FLAG} per doubling.`);
