// Knowledge-graph benchmark: build + analytics + layout + related topics for every page, at 1k and
// 5k pages; graph.json size gzipped per node (target ≤ 80 bytes); and the /graph/ explorer's time
// to first drawn frame in headless Chromium with the 5k-node graph.json (target ≤ 1.5 s).
//
// Input records come from synthetic wikis made by /work/shared/gen-corpus.mjs (preferential
// attachment, so degrees are skewed like a real wiki), read with a simple regex for [[...]]: this
// measures the graph library, not the Markdown pipeline. Each page also declares one typed
// relation to one of its link targets, so typed edges are exercised too.
//
// The first-frame figure builds the small tests/fixtures/graph site once and serves it with the
// largest synthetic graph.json in place of its own: the page, scripts and styles are the real
// ones, the graph is the 5k one, and no 5k-page Astro build is needed for it.
//
// usage: node bench/graph.mjs [--sizes 1000,5000] [--runs 3] [--no-browser]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildKnowledgeGraph, relatedTopicsForAll, toGraphJson, RELATION_TYPES } from '../graph/index.ts';
import { siteRoutes } from '../src/routes.ts';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SIZES = opt('sizes', '1000,5000').split(',').map(Number);
const RUNS = Number(opt('runs', 3));
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'bench', '.out');
const generator = process.env.GEN_CORPUS ?? fileURLToPath(new URL('../../shared/gen-corpus.mjs', import.meta.url));

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, '');
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));

function readCorpus(dir) {
  const pages = walk(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((path) => {
      const text = readFileSync(path, 'utf8');
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
      const field = (name) => new RegExp(`^${name}: (.*)$`, 'm').exec(fm[1])?.[1]?.replace(/^"|"$/g, '');
      const title = field('title');
      const category = field('category');
      const aliases = (field('aliases') ?? '').replace(/^\[|\]$/g, '').split(',').map((a) => a.trim().replace(/^"|"$/g, '')).filter(Boolean);
      return { path, text, title, category, aliases, summary: field('summary') };
    });
  const byName = new Map();
  const topics = pages.map((p) => {
    const id = `${slug(p.category ?? 'misc')}/${slug(p.title)}`;
    for (const name of [p.title, ...p.aliases]) byName.set(name.toLowerCase(), id);
    const body = p.text.slice(p.text.indexOf('\n---\n', 4) + 5);
    return {
      id,
      title: p.title,
      url: `/${id}/`,
      category: p.category,
      tags: [],
      aliases: p.aliases,
      summary: p.summary,
      wordCount: body.split(/\s+/).filter(Boolean).length,
      file: relative(dir, p.path),
    };
  });
  const links = [];
  const relations = [];
  pages.forEach((p, i) => {
    const from = topics[i].id;
    const lines = p.text.split('\n');
    const targets = [];
    lines.forEach((line, l) => {
      for (const m of line.matchAll(/\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]/g)) {
        const to = byName.get(m[1].toLowerCase()) ?? null;
        links.push({ from, to, target: m[1], heading: undefined, text: m[2] ?? m[1], sentence: '', kind: 'link', file: topics[i].file, line: l + 1, column: m.index + 1 });
        if (to !== null) targets.push([to, m[1]]);
      }
    });
    if (targets.length > 0) {
      const [to, target] = targets[i % targets.length];
      relations.push({ from, to, target, type: RELATION_TYPES[i % RELATION_TYPES.length], file: topics[i].file, line: 2, column: 1 });
    }
  });
  return { topics, links, relations };
}

let largest = null;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t) => `${t.toFixed(0)} ms`;

console.log(`graph bench: median of ${RUNS} runs, Node ${process.version}`);
console.log('pages  edges   build+analytics+layout  relatedTopicsForAll  total     graph.json  gzip    gzip/node');
for (const size of SIZES) {
  const dir = join(outDir, `corpus-${size}`);
  if (!existsSync(generator)) throw new Error(`bench/graph: corpus generator not found at ${generator} (set GEN_CORPUS)`);
  execFileSync(process.execPath, [generator, dir, '--pages', String(size)], { stdio: 'ignore' });
  const input = readCorpus(dir);
  const builds = [], related = [];
  let graph;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    graph = buildKnowledgeGraph(input);
    const t1 = performance.now();
    relatedTopicsForAll(graph, 8);
    const t2 = performance.now();
    builds.push(t1 - t0);
    related.push(t2 - t1);
  }
  const json = JSON.stringify(toGraphJson(graph));
  if (largest === null || graph.order > largest.order) largest = { order: graph.order, json };
  const gz = gzipSync(json, { level: 9 }).length;
  const b = median(builds), r = median(related);
  console.log(
    `${String(size).padEnd(6)} ${String(graph.size).padEnd(7)} ${ms(b).padEnd(23)} ${ms(r).padEnd(20)} ${ms(b + r).padEnd(9)} ${String(json.length).padEnd(11)} ${String(gz).padEnd(7)} ${(gz / graph.order).toFixed(1)} B`,
  );
}

if (!args.includes('--no-browser') && largest !== null) {
  const { buildSiteOrThrow, serve, launchChromium } = await import('../tests/e2e/harness.ts');
  const { writeFileSync } = await import('node:fs');
  // A real 5k-page build (bench/build.mjs leaves one) is measured as is when ATLAS_BENCH_5K_DIST names it.
  const real = process.env.ATLAS_BENCH_5K_DIST;
  let build;
  if (real) {
    build = { dist: real, base: '/' };
  } else {
    build = await buildSiteOrThrow({ name: 'bench-graph-view', content: 'tests/fixtures/graph' });
    writeFileSync(join(build.dist, siteRoutes(build.base).graphJson().slice(build.base.length)), largest.json);
  }
  const explorer = siteRoutes(build.base).graph();
  const site = await serve(build);
  const browser = await launchChromium();
  const frames = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${site.origin}${explorer}`, { timeout: 30_000 });
      await page.waitForSelector('[data-graph-explorer][data-ready="true"]', { timeout: 30_000 });
      // Milliseconds from navigation start to sigma's first frame (set by src/client/graph/explorer.ts).
      frames.push(Number(await page.locator('[data-graph-explorer]').getAttribute('data-first-frame-ms')));
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  console.log(`${explorer} first drawn frame, ${real ? 'real 5,000-page build' : `${largest.order} nodes`}, headless Chromium: median ${median(frames)} ms (runs: ${frames.join(', ')} ms)`);
}
