// Build speed: synthetic wikis of 1,000 and 5,000 pages (../shared/gen-corpus.mjs), built by the
// Efficiency Atlas pipeline and by a bare Astro content-collection build of the same files, in the
// same run. Prints median ms/page and peak RSS for each, and the ratio. BENCH_RUNS sets the runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench/.out');
const GEN = resolve(ROOT, '../shared/gen-corpus.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map(Number);
const astroBin = join(ROOT, 'node_modules/astro/bin/astro.mjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!existsSync(GEN)) {
  console.error(`bench/build: ${GEN} not found (the shared corpus generator lives beside the repository)`);
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });

function timedBuild(cwd, env) {
  const rssFile = join(OUT, 'rss.txt');
  rmSync(rssFile, { force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', join(ROOT, 'bench/report-rss.mjs'), astroBin, 'build'], {
    cwd,
    env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1', BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`build failed in ${cwd}:\n${(result.stdout + result.stderr).slice(-3000)}`);
  return { ms, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

for (const pages of SIZES) {
  const corpus = join(OUT, `corpus-${pages}`);
  spawnSync(process.execPath, [GEN, corpus, '--pages', String(pages)], { stdio: 'ignore' });
  const atlas = [];
  const bare = [];
  for (let run = 0; run < RUNS; run++) {
    // Alternate the two so machine noise hits both alike.
    atlas.push(timedBuild(ROOT, { ATLAS_CONTENT: corpus, ATLAS_LINKS: 'warn', ATLAS_OUT: join(OUT, `atlas-${pages}`) }));
    bare.push(timedBuild(join(ROOT, 'bench/bare-astro'), { BARE_CONTENT: corpus, BARE_OUT: join(OUT, `bare-${pages}`) }));
  }
  const a = { ms: median(atlas.map((r) => r.ms)), rss: median(atlas.map((r) => r.rssMiB)) };
  const b = { ms: median(bare.map((r) => r.ms)), rss: median(bare.map((r) => r.rssMiB)) };
  console.log(`build ${pages} pages (median of ${RUNS}): atlas ${(a.ms / pages).toFixed(2)} ms/page, peak RSS ${a.rss.toFixed(0)} MiB | bare Astro ${(b.ms / pages).toFixed(2)} ms/page, peak RSS ${b.rss.toFixed(0)} MiB | ratio ${(a.ms / b.ms).toFixed(2)}x time, ${(a.rss / b.rss).toFixed(2)}x RSS`);
}
