// Search benchmark: index size on disk, bytes a reader downloads for one query (target ≤ 150 KB),
// and time from the keypress that completes a query to its results on screen once the index is
// loaded (target ≤ 150 ms). Measured on the 5,000-page synthetic wiki (../shared/gen-corpus.mjs)
// and, for comparison, on the shipped wiki in content/.
//
// Set ATLAS_BENCH_5K_DIST to a built 5k dist (with its search index) to measure it instead of building;
// otherwise the corpus is generated and built into bench/.out/search-5000 (about a minute).
// Bytes are what a static host with gzip sends: text files (JS, JSON) gzipped here, pagefind's
// .pagefind/.pf_* files counted as they are (pagefind writes them gzip-compressed already).
//
// usage: node bench/search.mjs [--pages 5000] [--runs 15] [--no-wiki]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, serve } from '../tests/e2e/harness.ts';
import { siteRoutes } from '../src/routes.ts';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const PAGES = Number(opt('pages', 5000));
const RUNS = Number(opt('runs', 15));
const WIKI = !args.includes('--no-wiki');
const GEN = process.env.GEN_CORPUS ?? resolve(ROOT, '../shared/gen-corpus.mjs');
const TARGET_BYTES = 150 * 1024;
const TARGET_MS = 150;
/** Fresh browsers measuring the first query, each with a different kind of query. */
const FIRST_QUERIES = 5;
const STEP = { timeout: 30_000 };

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (rows) => rows.reduce((n, r) => n + r.bytes, 0);
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

// Where the site serves its search index (src/routes.ts), as a folder of a dist built at base /.
const PAGEFIND = siteRoutes('/').pagefind();
const pagefindDir = (dist) => join(dist, ...PAGEFIND.split('/').filter(Boolean));
/** A topic page (src/components/TopicPage.astro): the pages a reader searches for. */
const isTopicPage = (html) => html.includes('<article class="topic"');

function build(content, dist, label) {
  console.log(`search: building ${label}…`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ATLAS_CONTENT: content, ATLAS_OUT: dist, ATLAS_LINKS: 'warn', ATLAS_BASE: '/', ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const output = result.stdout + result.stderr;
  if (result.status !== 0) throw new Error(`search: build of ${label} failed:\n${output.slice(-3000)}`);
  const index = /search index: (\d+) pages indexed in ([\d.]+) s/.exec(output);
  return { dist, buildSeconds: (performance.now() - started) / 1000, indexSeconds: index ? Number(index[2]) : undefined, indexedPages: index ? Number(index[1]) : undefined };
}

function synthetic() {
  const reuse = process.env.ATLAS_BENCH_5K_DIST;
  if (reuse) {
    if (!existsSync(join(pagefindDir(reuse), 'pagefind-entry.json'))) throw new Error(`ATLAS_BENCH_5K_DIST=${reuse} has no pagefind index (${PAGEFIND}pagefind-entry.json)`);
    console.log(`search: measuring the built site in ATLAS_BENCH_5K_DIST=${reuse}`);
    return { dist: resolve(reuse) };
  }
  if (!existsSync(GEN)) throw new Error(`search: ${GEN} not found (the shared corpus generator lives beside the repository), or set ATLAS_BENCH_5K_DIST`);
  const corpus = join(ROOT, `bench/.out/search-corpus-${PAGES}`);
  spawnSync(process.execPath, [GEN, corpus, '--pages', String(PAGES)], { stdio: 'ignore' });
  return build(corpus, join(ROOT, `bench/.out/search-${PAGES}`), `the ${PAGES}-page synthetic wiki`);
}

function indexOnDisk(dist) {
  const dir = pagefindDir(dist);
  const groups = new Map();
  let total = 0;
  let files = 0;
  for (const file of walk(dir)) {
    const size = statSync(file).size;
    const rel = relative(dir, file);
    const group = rel.includes('/') ? rel.split('/')[0] : rel.endsWith('.js') ? 'runtime JS' : rel.includes('wasm') ? 'wasm' : 'metadata';
    groups.set(group, (groups.get(group) ?? 0) + size);
    total += size;
    files++;
  }
  const pages = Object.values(JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')).languages).reduce((n, l) => n + l.page_count, 0);
  return { total, files, groups, pages };
}

/** Titles of topic pages spread over the site, turned into queries of the kinds readers type. */
function queriesFrom(dist, count) {
  const pages = walk(dist)
    .filter((file) => file.endsWith('/index.html') && !file.includes('/pagefind/'))
    .sort();
  const titles = [];
  const stride = Math.max(1, Math.floor(pages.length / (count * 2)));
  for (let i = 0; i < pages.length && titles.length < count; i += stride) {
    const html = readFileSync(pages[i], 'utf8');
    const title = isTopicPage(html) && /<h1[^>]*>([^<]+)<\/h1>/.exec(html)?.[1];
    if (title) titles.push(title);
  }
  const kinds = [(t) => t.split(' ').at(-1), (t) => t, (t) => t.split(' ').slice(0, 2).join(' '), (t) => t.split(' ')[0]];
  return titles.map((title, i) => kinds[i % kinds.length](title).toLowerCase());
}

const compressible = (url) => /\.(js|mjs|json|css|html)$/.test(new URL(url).pathname);

/** What a kind of search file is: runtime, metadata, wasm, index chunk, fragment or filter. */
function kindOf(url) {
  const path = new URL(url).pathname.replace(/^.*\/pagefind\//, '');
  if (path.startsWith('index/')) return 'index chunks';
  if (path.startsWith('fragment/')) return 'fragments';
  if (path.startsWith('filter/')) return 'filters';
  if (path.startsWith('wasm.')) return 'wasm';
  if (path.endsWith('.pf_meta')) return 'page list';
  if (path.endsWith('.js')) return 'runtime JS';
  return 'entry';
}

async function openSite(browser, site, dist) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const topic = walk(dist).find((file) => file.endsWith('/index.html') && isTopicPage(readFileSync(file, 'utf8')));
  await page.goto(`${site.url}${relative(dist, topic).replace(/index\.html$/, '')}`, STEP);
  await page.waitForLoadState('networkidle', STEP);
  // Everything fetched from here on belongs to search; the dedicated worker's requests included.
  const responses = [];
  context.on('response', async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    responses.push({ url: response.url(), bytes: compressible(response.url()) ? gzipSync(body).length : body.length });
  });
  const results = (query) => page.waitForFunction((q) => document.getElementById('search-dialog-results')?.dataset['query'] === q, query, STEP);
  return { context, page, responses, results };
}

async function measure(dist, label) {
  const disk = indexOnDisk(dist);
  const queries = queriesFrom(dist, Math.max(RUNS, FIRST_QUERIES) + 1);
  const site = await serve({ dist, base: '/' });
  const browser = await launchChromium();
  try {
    // One query in a fresh browser: everything search downloads until its results are complete.
    const firsts = [];
    for (const query of queries.slice(0, FIRST_QUERIES)) {
      const { context, page, responses, results } = await openSite(browser, site, dist);
      await page.keyboard.press('Control+k');
      await page.getByRole('combobox').fill(query, STEP);
      await results(query);
      await page.waitForLoadState('networkidle', STEP);
      const search = responses.filter((r) => r.url.includes('/pagefind/'));
      const byKind = new Map();
      for (const r of search) byKind.set(kindOf(r.url), (byKind.get(kindOf(r.url)) ?? 0) + r.bytes);
      firsts.push({ query, total: sum(search), requests: search.length, byKind, ui: sum(responses.filter((r) => r.url.includes('/_astro/'))) });
      await context.close();
    }

    // Keypress → results with the index loaded: type all but the last character, wait, then time
    // the last keypress until the results for the whole query are rendered.
    const { context, page, responses, results } = await openSite(browser, site, dist);
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox').fill(queries[0], STEP);
    await results(queries[0]);
    await page.waitForLoadState('networkidle', STEP);
    const latencies = [];
    const laterBytes = [];
    const timed = queries.slice(1, Math.min(RUNS + 1, queries.length - 1));
    for (const query of timed) {
      responses.splice(0);
      await page.getByRole('combobox').fill(query.slice(0, -1), STEP);
      await results(query.slice(0, -1));
      await page.waitForLoadState('networkidle', STEP);
      // Both listeners are installed (and awaited) before the key is pressed.
      await page.evaluate((q) => {
        window.__benchKey = undefined;
        window.__benchResults = undefined;
        document.addEventListener('keydown', () => (window.__benchKey = performance.now()), { capture: true, once: true });
        const dialog = document.querySelector('dialog.search-dialog');
        dialog?.addEventListener('atlas-search:results', function listener(event) {
          if (event.detail.query !== q) return;
          dialog.removeEventListener('atlas-search:results', listener);
          window.__benchResults = performance.now();
        });
      }, query);
      await page.keyboard.press(query.slice(-1), STEP);
      await page.waitForFunction(() => window.__benchResults !== undefined, null, STEP);
      latencies.push(await page.evaluate(() => window.__benchResults - window.__benchKey));
      await page.waitForLoadState('networkidle', STEP);
      laterBytes.push(sum(responses.filter((r) => r.url.includes('/pagefind/'))));
    }
    const sample = { query: queries[queries.length - 1], titles: [] };
    await page.getByRole('combobox').fill(sample.query, STEP);
    await results(sample.query);
    sample.titles = (await page.locator('#search-dialog-results .search-hit-title').allTextContents()).slice(0, 3);
    await context.close();
    return { label, disk, firsts, latencies, laterBytes, sample };
  } finally {
    await browser.close();
    await site.close();
  }
}

function report({ label, disk, firsts, latencies, laterBytes, sample }, built) {
  console.log(`\n${label}: ${disk.pages} pages indexed${built?.buildSeconds ? `; build ${built.buildSeconds.toFixed(0)} s, of which pagefind ${built.indexSeconds} s` : ''}`);
  console.log(`  index on disk: ${kb(disk.total)} in ${disk.files} files (${[...disk.groups].map(([g, s]) => `${g} ${kb(s)}`).join(', ')})`);
  const totals = firsts.map((f) => f.total);
  const mid = firsts.find((f) => f.total === median(totals));
  console.log(
    `  one query, fresh browser (${firsts.length} queries): median ${kb(median(totals))}, range ${kb(Math.min(...totals))}–${kb(Math.max(...totals))} — target ≤ ${kb(TARGET_BYTES)}: ${median(totals) <= TARGET_BYTES ? 'met' : 'MISSED'}`,
  );
  console.log(`    median query "${mid.query}", ${mid.requests} requests: ${[...mid.byKind].map(([k, s]) => `${k} ${kb(s)}`).join(', ')}; plus search UI code ${kb(mid.ui)}`);
  for (const f of firsts) console.log(`    "${f.query}": ${kb(f.total)}`);
  console.log(`  each later query (runtime loaded): median ${kb(median(laterBytes))}, max ${kb(Math.max(...laterBytes))}`);
  console.log(
    `  keypress → results, index loaded (${latencies.length} queries): median ${median(latencies).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms — target ≤ ${TARGET_MS} ms: ${median(latencies) <= TARGET_MS ? 'met' : 'MISSED'}`,
  );
  console.log(`  sanity: "${sample.query}" → ${sample.titles.join(' | ')}`);
}

const big = synthetic();
report(await measure(big.dist, `synthetic wiki (${PAGES} pages)`), big);
if (WIKI) {
  const wiki = build(join(ROOT, 'content'), join(ROOT, 'bench/.out/search-wiki'), 'the shipped wiki');
  report(await measure(wiki.dist, 'shipped wiki (content/)'), wiki);
}
