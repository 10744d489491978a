// Build speed against the floor, in one run on this machine: synthetic wikis (../shared/gen-corpus.mjs)
// of BENCH_SIZES pages (default 1,000, 5,000 and 10,000; BENCH_100K=1 adds one 100,000-page build),
// each built
//   cold   by this generator with every feature on and no build cache (ATLAS_CACHE=off),
//   floor  by a bare Astro content-collection build of the same files, then `pagefind --site`, with
//          Astro's content cache deleted first (see floorBuild),
//   warm   by this generator again after editing one page, reusing the last build (5,000 pages),
// alternating so machine noise hits them alike, cold and floor each from an empty output folder
// (see fresh). Prints medians of BENCH_RUNS runs (default 3),
// ms/page, peak RSS, CPU time (every thread and child process: on few cores, what bounds the wall
// time), the ratios, and whether the 100k build is within 1.3× of the straight line
// through the 1k and 10k figures. A floor that cannot build (bare Astro fails at 100,000 pages) is
// reported with its reason, and our figures still print.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench/.out');
const GEN = resolve(ROOT, '../shared/gen-corpus.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number);
const HUGE = process.env.BENCH_100K === '1';
const WARM_SIZE = Number(process.env.BENCH_WARM_SIZE ?? 5000);
const astroBin = join(ROOT, 'node_modules/astro/bin/astro.mjs');
const pagefindBin = join(ROOT, 'node_modules/pagefind/lib/runner/bin.cjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

if (!existsSync(GEN)) {
  console.error(`bench/build: ${GEN} not found (the shared corpus generator lives beside the repository)`);
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });

class BuildFailed extends Error {
  constructor(message, output) {
    super(message);
    this.output = output;
  }
  /** Why, in a line: Astro prints the error's name, "Location:" and "Caused by:", each above a line. */
  get reason() {
    const lines = this.output.split('\n').map((l) => l.trim()).filter(Boolean);
    const after = (label) => lines[lines.indexOf(label) + 1] ?? '';
    const name = lines.find((l) => /error/i.test(l)) ?? lines.at(-1) ?? 'no output';
    const where = lines.includes('Location:') ? ` at ${after('Location:').replace(`${ROOT}/`, '')}` : '';
    return lines.includes('Caused by:') ? `${name} ${after('Caused by:')}${where}` : `${name}${where}`;
  }
}

/**
 * CPU seconds used so far by this process's finished children: every thread of each, and the
 * processes they waited for in turn (Astro's pagefind). Linux only (undefined elsewhere).
 */
function childrenCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After the command name in parentheses, from the third field on; cutime and cstime are the
    // 16th and 17th, in clock ticks (USER_HZ, 100 a second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

/** Runs a command, timing it; the RSS preload reports the Node process's peak memory. */
function timed(args, cwd, env) {
  const rssFile = join(OUT, 'rss.txt');
  rmSync(rssFile, { force: true });
  const cpuBefore = childrenCpuSeconds();
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', join(ROOT, 'bench/report-rss.mjs'), ...args], {
    cwd,
    env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1', BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new BuildFailed(`bench/build: ${args.join(' ')} failed in ${cwd}:\n${(result.stdout + result.stderr).slice(-3000)}`, result.stdout + result.stderr);
  const rssMiB = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : 0;
  const cpuAfter = childrenCpuSeconds();
  const cpuS = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { ms, rssMiB, cpuS, output: result.stdout + result.stderr };
}

function atlasBuild(corpus, out, cache) {
  return timed([astroBin, 'build'], ROOT, { ATLAS_CONTENT: corpus, ATLAS_LINKS: 'warn', ATLAS_OUT: out, ATLAS_CACHE: cache });
}

/**
 * The floor: Astro's own Markdown collection build of the same pages, then pagefind over its output.
 * Cold, like ours (ATLAS_CACHE=off): Astro's content layer keeps every rendered entry in its data
 * store (node_modules/.astro/data-store.json) and skips re-rendering unchanged ones, so the store is
 * deleted first, outside the timing. (Kept, it made the floor a warm build: 10.1 s instead of 12.4 s
 * at 5,000 pages.)
 */
function floorBuild(corpus, out, { keepCache = false } = {}) {
  const bare = join(ROOT, 'bench/bare-astro');
  if (!keepCache) for (const cache of ['node_modules/.astro', '.astro']) rmSync(join(bare, cache), { recursive: true, force: true });
  const build = timed([astroBin, 'build'], bare, { BARE_CONTENT: corpus, BARE_OUT: out });
  const search = timed([pagefindBin, '--site', out, '--quiet'], ROOT, {});
  return { ms: build.ms + search.ms, rssMiB: build.rssMiB, cpuS: build.cpuS === undefined || search.cpuS === undefined ? undefined : build.cpuS + search.cpuS };
}

/**
 * A cold build starts from no output: the last run's is moved into a trash folder first, outside the
 * timing, and deleted when the bench ends. Deleting it here instead would slow the build that
 * follows: this machine's disk (ext4 without a journal) skips inodes freed in the last 60 s when it
 * allocates new ones, or 300 s while their inode table is not yet written back (RECENTCY_MIN and
 * RECENTCY_DIRTY in the kernel's fs/ext4/ialloc.c), scanning past each of them. A build creating
 * 25,000 files right after 25,000 were deleted spends seconds of system time in that scan (measured
 * with perf: 12% of all CPU samples): a cost of the bench's clean-up, not of the build, and a noisy
 * one.
 */
const TRASH = join(OUT, '.trash');
let trashed = 0;
function fresh(out) {
  if (existsSync(out)) {
    mkdirSync(TRASH, { recursive: true });
    renameSync(out, join(TRASH, `${trashed++}`));
  }
  spawnSync('sync');
  return out;
}
if (existsSync(TRASH)) {
  // Left by an interrupted run: deleted, then the disk is let forget it (see fresh).
  rmSync(TRASH, { recursive: true, force: true });
  spawnSync('sync');
  spawnSync('sleep', ['65']);
}
process.on('exit', () => {
  rmSync(TRASH, { recursive: true, force: true });
  // Written back, the freed inodes are skipped for a minute rather than five (see fresh).
  spawnSync('sync');
});

function corpusOf(pages) {
  const corpus = join(OUT, `corpus-${pages}`);
  if (!existsSync(corpus)) spawnSync(process.execPath, [GEN, corpus, '--pages', String(pages)], { stdio: 'ignore' });
  return corpus;
}

/** The first Markdown file of the corpus, for the warm build's one-page edit. */
function firstNote(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = firstNote(path);
      if (found) return found;
    } else if (entry.name.endsWith('.md')) return path;
  }
  return undefined;
}

const results = new Map();
for (const pages of [...SIZES, ...(HUGE ? [100000] : [])]) {
  const corpus = corpusOf(pages);
  const runs = pages >= 100000 ? 1 : RUNS;
  const cold = [];
  const floor = [];
  let floorFailed;
  for (let run = 0; run < runs; run++) {
    cold.push(atlasBuild(corpus, fresh(join(OUT, `atlas-${pages}`)), 'off'));
    if (floorFailed) continue;
    // The floor may not build at all: bare Astro's content layer fails at 100,000 of these pages
    // (it writes its data store as one string, longer than V8 allows). Our figure still stands.
    try {
      floor.push(floorBuild(corpus, fresh(join(OUT, `bare-${pages}`))));
    } catch (error) {
      if (!(error instanceof BuildFailed)) throw error;
      floorFailed = error.reason;
    }
  }
  const c = { ms: median(cold.map((r) => r.ms)), rss: median(cold.map((r) => r.rssMiB)) };
  results.set(pages, c);
  const ours = `build ${pages} pages (median of ${runs}): cold ${seconds(c.ms)} (${(c.ms / pages).toFixed(2)} ms/page, peak RSS ${c.rss.toFixed(0)} MiB)`;
  if (floorFailed) {
    console.log(`${ours} | floor (bare Astro + pagefind) failed: ${floorFailed}`);
    if (pages === WARM_SIZE) console.log(`warm rebuild ${pages} pages: not measured, as its ratios are to the floor`);
    continue;
  }
  const f = { ms: median(floor.map((r) => r.ms)), rss: median(floor.map((r) => r.rssMiB)) };
  console.log(
    `${ours} | floor (bare Astro + pagefind) ${seconds(f.ms)} (${(f.ms / pages).toFixed(2)} ms/page, peak RSS ${f.rss.toFixed(0)} MiB) | ratio ${(c.ms / f.ms).toFixed(2)}× time, ${(c.rss / f.rss).toFixed(2)}× RSS`,
  );
  // Each run, in order, so the noise behind a median can be seen.
  if (runs > 1) console.log(`  runs: cold ${cold.map((r) => seconds(r.ms)).join(', ')} | floor ${floor.map((r) => seconds(r.ms)).join(', ')}`);
  const cpu = { cold: median(cold.map((r) => r.cpuS)), floor: median(floor.map((r) => r.cpuS)) };
  if (cpu.cold !== undefined && cpu.floor !== undefined) {
    const busy = (cpuS, ms) => ((cpuS * 1000) / ms).toFixed(2);
    console.log(
      `  CPU time (all threads and child processes, median): cold ${cpu.cold.toFixed(1)} s, floor ${cpu.floor.toFixed(1)} s, ratio ${(cpu.cold / cpu.floor).toFixed(2)}× | cores busy on average: cold ${busy(cpu.cold, c.ms)}, floor ${busy(cpu.floor, f.ms)} of ${availableParallelism()}`,
    );
  }

  if (pages === WARM_SIZE) {
    // Warm: a build that fills the cache, then RUNS builds each after editing one page.
    const out = join(OUT, `atlas-warm-${pages}`);
    const cache = join(OUT, `cache-${pages}`);
    rmSync(cache, { recursive: true, force: true });
    atlasBuild(corpus, out, cache);
    const note = firstNote(corpus);
    const original = readFileSync(note, 'utf8');
    const warm = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        appendFileSync(note, `\nAn edit for warm build ${run}.\n`);
        warm.push(atlasBuild(corpus, out, cache));
      }
    } finally {
      writeFileSync(note, original);
    }
    const w = median(warm.map((r) => r.ms));
    // The floor's own rebuild after the same edit, for scale: bare Astro keeping its content cache
    // (it renders only the edited entry again, and writes every page), then pagefind over it all.
    const floorOut = fresh(join(OUT, `bare-warm-${pages}`));
    floorBuild(corpus, floorOut);
    const floorWarm = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        appendFileSync(note, `\nAn edit for warm build ${run}.\n`);
        floorWarm.push(floorBuild(corpus, floorOut, { keepCache: true }));
      }
    } finally {
      writeFileSync(note, original);
    }
    const fw = median(floorWarm.map((r) => r.ms));
    console.log(`warm rebuild ${pages} pages after editing one page (median of ${RUNS}): ${seconds(w)} | warm/cold ${((w / c.ms) * 100).toFixed(1)}% (target ≤ 15%) | cold/floor ${(c.ms / f.ms).toFixed(2)}× (target ≤ 1.25×)`);
    console.log(`  for scale, the floor's rebuild after the same edit (bare Astro keeping its content cache, then pagefind): ${seconds(fw)} = ${((fw / c.ms) * 100).toFixed(1)}% of our cold build, ${((fw / f.ms) * 100).toFixed(1)}% of its own`);
  }
}

const [small, large, huge] = [results.get(1000), results.get(10000), results.get(100000)];
if (small && large && huge) {
  // The straight line through the 1k and 10k figures, at 100k.
  const slope = (large.ms - small.ms) / 9000;
  const predicted = large.ms + slope * 90000;
  console.log(`100,000 pages: ${seconds(huge.ms)}, peak RSS ${(huge.rss / 1024).toFixed(2)} GiB | straight line through 1k and 10k predicts ${seconds(predicted)} | ratio ${(huge.ms / predicted).toFixed(2)} (target ≤ 1.3, RSS ≤ 4 GiB)`);
}
