// Page-history benchmark: time to read created/updated dates for a 5,000-page vault with a few
// hundred commits (adds, edits, renames), with the three git invocations readPageHistory makes,
// beside an estimate of the one-`git log`-per-file approach it replaces.
//
// The repository is built once under bench/.out/git-history (pages from ../shared/gen-corpus.mjs,
// commits with fixed dates) and reused by later runs; delete that folder to rebuild it.
//
// usage: node bench/git-history.mjs [--pages 5000] [--commits 300] [--runs 3]
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readPageHistory } from '../src/pipeline/gitHistory.ts';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const PAGES = opt('pages', 5000);
const COMMITS = opt('commits', 300);
const RUNS = opt('runs', 3);
const root = fileURLToPath(new URL('..', import.meta.url));
const generator = process.env.GEN_CORPUS ?? fileURLToPath(new URL('../../shared/gen-corpus.mjs', import.meta.url));
const out = join(root, 'bench', '.out', 'git-history');
const repo = join(out, `repo-${PAGES}-${COMMITS}`);
const content = join(repo, 'content');

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.org' };
const git = (...gitArgs) => execFileSync('git', gitArgs, { cwd: repo, env, maxBuffer: 1 << 30, encoding: 'utf8' });
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

function buildRepository() {
  rmSync(out, { recursive: true, force: true });
  const staging = join(out, 'pages');
  execFileSync(process.execPath, [generator, staging, '--pages', String(PAGES)], { stdio: 'ignore' });
  const pages = walk(staging).sort().map((f) => relative(staging, f));
  mkdirSync(content, { recursive: true });
  git('init', '-q');

  const committed = [];
  let pending = [];
  const add = (n) => {
    for (const page of pending.splice(0, n)) {
      mkdirSync(join(content, page, '..'), { recursive: true });
      renameSync(join(staging, page), join(content, page));
      committed.push(page);
    }
  };
  const commit = (i, message) => {
    const day = new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString();
    execFileSync('git', ['add', '-A', 'content'], { cwd: repo, env });
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: repo, env: { ...env, GIT_AUTHOR_DATE: day, GIT_COMMITTER_DATE: day } });
  };
  pending = [...pages];
  const first = Math.floor(PAGES / 5);
  const perCommit = Math.ceil((PAGES - first) / Math.floor(COMMITS * 2 / 3));
  add(first);
  commit(0, 'import');
  for (let i = 1; i < COMMITS; i++) {
    add(perCommit);
    // Edit a few pages; in the last third also rename some, as reorganising a wiki does.
    for (let k = 0; k < 10; k++) appendFileSync(join(content, committed[Math.floor(random() * committed.length)]), `\nEdit ${i}.${k}.\n`);
    if (i > (COMMITS * 2) / 3) {
      for (let k = 0; k < 3; k++) {
        const j = Math.floor(random() * committed.length);
        const renamed = committed[j].replace(/\.md$/, ` (r${i}${k}).md`);
        renameSync(join(content, committed[j]), join(content, renamed));
        committed[j] = renamed;
      }
    }
    commit(i, `change ${i}`);
  }
  add(pending.length);
  if (committed.length < PAGES) throw new Error('bench: not every page was committed');
  commit(COMMITS, 'the rest');
  rmSync(staging, { recursive: true, force: true });
  writeFileSync(join(out, 'built'), `${PAGES} ${COMMITS}\n`);
}

if (!existsSync(join(out, 'built')) || !existsSync(repo)) {
  const start = performance.now();
  buildRepository();
  console.log(`built a ${PAGES}-page repository with ${COMMITS + 1} commits in ${((performance.now() - start) / 1000).toFixed(1)} s (${relative(root, repo)})`);
}

const files = walk(content).map((f) => relative(content, f).split(sep).join('/'));
const renames = Number(git('log', '--oneline', '-M', '--diff-filter=R', '--', 'content').split('\n').filter(Boolean).length);
console.log(`repository: ${files.length} files, ${git('rev-list', '--count', 'HEAD').trim()} commits (${renames} with renames)`);

let best = Infinity;
let history;
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  history = await readPageHistory(content);
  best = Math.min(best, performance.now() - start);
}
const distinctCreated = new Set([...history.dates.values()].map((d) => d.created.getTime())).size;
console.log(`readPageHistory: ${best.toFixed(0)} ms for ${history.dates.size} files, 3 git processes (best of ${RUNS}); ${distinctCreated} distinct creation days, source ${history.source}`);

// The approach it replaces: one `git log --follow` per file. Timed on a sample, extrapolated.
const sample = files.filter((_, i) => i % Math.ceil(files.length / 40) === 0);
const start = performance.now();
for (const file of sample) execFileSync('git', ['log', '--follow', '--format=%at', '--', file], { cwd: content, env, maxBuffer: 1 << 26 });
const perFile = (performance.now() - start) / sample.length;
console.log(`one git log --follow per file: ${perFile.toFixed(0)} ms each → about ${((perFile * files.length) / 1000).toFixed(0)} s for ${files.length} files`);
