// Search end to end: the fixture vault tests/fixtures/search (pages named by a concept plus pages that
// merely repeat that concept's name, a CJK page, a unicode page, markup in text) is built with its
// pagefind index, served under a strict Content-Security-Policy, and searched in Chromium the way a
// reader does: shortcut, typing, arrows, Enter, chips, the /search/ URL, no JavaScript, a base path.
// A second part runs concept queries against the shipped wiki once all its pages exist.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { THEME_INIT_SCRIPT } from '../../src/lib/security.ts';
import { buildSiteOrThrow, launchChromium, ROOT, serve, type Served } from './harness.ts';

/** Every browser step waits at most this long. */
const STEP = { timeout: 15_000 };
/**
 * The policy search must work under, sent as a header on top of the site's own <meta> policy:
 * pagefind compiles WebAssembly, nothing may eval or run inline. The site's one inline script, the
 * theme initialiser (src/lib/security.ts), is allowed by its hash.
 */
const CSP = {
  'content-security-policy': `script-src 'self' 'wasm-unsafe-eval' 'sha256-${createHash('sha256').update(THEME_INIT_SCRIPT).digest('base64')}'`,
};
/** vitest runs with NODE_ENV=test, which child builds inherit and Vite turns into a dev bundle. */
const PRODUCTION = { NODE_ENV: 'production' };

/**
 * Concept queries and the page that must come first. Each has competitors in the vault that repeat
 * the query's words in their body more often than the right page does (noted per line).
 */
const CONCEPT_QUERIES: Array<[query: string, first: string]> = [
  ['distillation', 'Knowledge distillation'], // alias; "Model compression" says distillation 15 times
  ['TPU', 'TPU acceleration'], // alias; "GPU acceleration" and "Google" repeat TPU
  ['F1', 'F1 score'], // alias; "Precision (metric)" and "Recall (metric)" repeat F1
  ['precision', 'Precision (metric)'], // alias; "Mean average precision" has the word in its title
  ['transformer', 'Transformer architecture'], // alias; "BERT" and "Attention mechanism" repeat it
  ['ILSVRC', 'ImageNet'], // alias; "Image recognition" repeats it five times
  ['seq2seq', 'Sequence-to-sequence models'], // alias only, never in a body
  ['early stopping', 'Early stopping'], // title; "Regularization techniques" repeats the phrase
  ['weight decay', 'Regularization techniques'], // alias; "Model pruning" mentions weight decay
  ['mAP', 'Mean average precision'], // alias; a prefix of "mapping", "maps"
  ['naive bayes', 'Naïve Bayes'], // unicode title typed without the diaeresis
  ['机器学习', '机器学习'], // CJK title; "深度学习" mentions it
];

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(site: Served): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|pagefind|search/i.test(message.text())) problems.push(message.text());
  });
  await page.goto(`${site.url}techniques/model-pruning/`, STEP);
  return { page, problems };
}

function dialog(page: Page) {
  return page.getByRole('dialog', { name: 'Search topics' });
}

/** Types a query into the open dialog and waits for the results of exactly that query. */
async function searchInDialog(page: Page, query: string): Promise<void> {
  await dialog(page).getByRole('combobox').fill(query, STEP);
  await page.waitForFunction((q) => document.getElementById('search-dialog-results')?.dataset['query'] === q, query, STEP);
}

async function resultTitles(page: Page): Promise<string[]> {
  return dialog(page).getByRole('option').locator('.search-hit-title').allTextContents();
}

describe('search on the fixture vault', () => {
  let site: Served;
  let dist: string;

  beforeAll(async () => {
    const build = await buildSiteOrThrow({ name: 'search', content: 'tests/fixtures/search', env: PRODUCTION });
    dist = build.dist;
    site = await serve(build, CSP);
  });
  afterAll(async () => {
    await site?.close();
  });

  test('pages ship only the opener: dialog code and index load when search is first opened', async () => {
    const { page, problems } = await newPage(site);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.reload(STEP);
    await page.waitForLoadState('networkidle', STEP);
    expect(requests.filter((url) => /pagefind|\/dialog\./.test(url))).toEqual([]);

    await page.keyboard.press('Control+k');
    await expect.poll(() => dialog(page).isVisible(), STEP).toBe(true);
    await searchInDialog(page, 'distillation');
    expect(requests.some((url) => url.endsWith('/-/pagefind/pagefind.js'))).toBe(true);
    expect(requests.some((url) => /\/_astro\/dialog\.[\w-]+\.js$/.test(url))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  describe('concept-first ranking', () => {
    let page: Page;
    let problems: string[];

    beforeAll(async () => {
      ({ page, problems } = await newPage(site));
      await page.keyboard.press('Control+k');
    });
    afterAll(async () => {
      expect(problems).toEqual([]);
      await page.close();
    });

    test.each(CONCEPT_QUERIES)('"%s" → %s first', async (query, first) => {
      await searchInDialog(page, query);
      const titles = await resultTitles(page);
      expect(titles[0], `results for "${query}": ${titles.join(' | ')}`).toBe(first);
    });

    test('the competitors are found too: ranking, not filtering, puts the concept first', async () => {
      await searchInDialog(page, 'distillation');
      expect(await resultTitles(page)).toEqual(expect.arrayContaining(['Knowledge distillation', 'Model compression', 'Model pruning', 'BERT']));
      await searchInDialog(page, 'TPU');
      expect(await resultTitles(page)).toEqual(expect.arrayContaining(['TPU acceleration', 'GPU acceleration', 'Google']));
    });
  });

  test('a result shows category, summary and a highlighted excerpt; markup in content stays text', async () => {
    const { page, problems } = await newPage(site);
    const title = await page.title();
    await page.keyboard.press('/');
    await searchInDialog(page, 'sanitizer');
    const hit = dialog(page).getByRole('option').first();
    await expect.poll(() => hit.locator('.search-hit-title').textContent(STEP), STEP).toBe('Markup in search excerpts');
    expect(await hit.locator('.search-hit-category').textContent(STEP)).toBe('Concept');
    expect(await hit.locator('.search-hit-summary').textContent(STEP)).toBe('A page whose text contains markup-like strings such as <mark> and <img onerror>.');
    const excerpt = hit.locator('.search-hit-excerpt');
    expect(await excerpt.locator('mark').first().textContent(STEP)).toMatch(/^sanitizer/i);
    expect(await excerpt.textContent(STEP)).toContain('<mark>not a highlight</mark>');
    // Nothing from the index became markup: one <mark> per matched word, no <img>, no script ran.
    expect(await excerpt.locator('mark').allTextContents()).not.toContain('not a highlight');
    expect(await dialog(page).locator('img').count()).toBe(0);
    expect(await page.title()).toBe(title);

    await searchInDialog(page, 'distillation');
    const first = dialog(page).getByRole('option').first();
    expect(await first.locator('.search-hit-category').textContent(STEP)).toBe('Technique');
    expect(await first.locator('.search-hit-summary').textContent(STEP)).toBe('Training a small student network to reproduce the outputs of a large teacher.');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('filter chips show counts and narrow the results', async () => {
    const { page, problems } = await newPage(site);
    await page.keyboard.press('Control+k');
    await searchInDialog(page, 'distillation');
    const all = await resultTitles(page);
    expect(all.length).toBe(5);
    // Chips (and pagefind's filter index) come when the reader asks for them.
    expect(await dialog(page).getByRole('group', { name: 'Category' }).count()).toBe(0);
    const toggle = dialog(page).getByRole('button', { name: 'Filters' });
    await toggle.click(STEP);
    expect(await toggle.getAttribute('aria-expanded', STEP)).toBe('true');

    const categories = dialog(page).getByRole('group', { name: 'Category' });
    const technique = categories.getByRole('button', { name: /^Technique \d+$/ });
    expect(await technique.textContent(STEP)).toBe('Technique 3');
    expect(await categories.getByRole('button', { name: /^Model \d+$/ }).textContent(STEP)).toBe('Model 1');
    await technique.click(STEP);
    await expect.poll(() => resultTitles(page), STEP).toHaveLength(3);
    expect((await resultTitles(page)).sort()).toEqual(['Knowledge distillation', 'Model pruning', 'Quantization']);
    expect(await technique.getAttribute('aria-pressed', STEP)).toBe('true');
    // Focus stays on the chip that was pressed, so a keyboard user can press it again.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['value'])).toBe('Technique');

    // Tags narrow further, with counts within the current results.
    const sparsity = dialog(page).getByRole('group', { name: 'Tags' }).getByRole('button', { name: /^#sparsity 1$/ });
    await sparsity.click(STEP);
    await expect.poll(() => resultTitles(page), STEP).toEqual(['Model pruning']);
    expect(await dialog(page).getByRole('status').textContent(STEP)).toBe('1 result');

    await sparsity.click(STEP);
    await technique.click(STEP);
    await expect.poll(() => resultTitles(page), STEP).toHaveLength(5);

    // Hiding the filters drops the selection with them.
    await dialog(page).getByRole('group', { name: 'Category' }).getByRole('button', { name: /^Model \d+$/ }).click(STEP);
    await expect.poll(() => resultTitles(page), STEP).toEqual(['BERT']);
    await toggle.click(STEP);
    await expect.poll(() => resultTitles(page), STEP).toHaveLength(5);
    expect(await dialog(page).getByRole('group', { name: 'Category' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('keyboard: shortcut opens with focus in the box, arrows choose, Enter opens the result', async () => {
    const { page, problems } = await newPage(site);
    await page.keyboard.press('Control+k');
    const box = dialog(page).getByRole('combobox');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement), STEP).toBe(true);
    await page.keyboard.type('TPU', { delay: 30 });
    await page.waitForFunction(() => document.getElementById('search-dialog-results')?.dataset['query'] === 'TPU', null, STEP);
    const titles = await resultTitles(page);
    expect(titles.length).toBeGreaterThan(2);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const selected = dialog(page).getByRole('option', { selected: true });
    expect(await selected.locator('.search-hit-title').textContent(STEP)).toBe(titles[1]);
    expect(await box.getAttribute('aria-activedescendant', STEP)).toBe(await selected.getAttribute('id', STEP));
    await page.keyboard.press('ArrowUp');
    expect(await selected.locator('.search-hit-title').textContent(STEP)).toBe('TPU acceleration');

    await Promise.all([page.waitForURL(`${site.url}hardware/tpu-acceleration/`, STEP), page.keyboard.press('Enter')]);
    expect(await page.getByRole('heading', { level: 1 }).textContent(STEP)).toBe('TPU acceleration');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('focus is trapped in the dialog, Escape closes it and focus returns where it was', async () => {
    const { page, problems } = await newPage(site);
    const trigger = page.getByRole('link', { name: 'All topics' }).first();
    await trigger.focus(STEP);
    await page.keyboard.press('/');
    await searchInDialog(page, 'precision');
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 3 === 0 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).isVisible(), STEP).toBe(false);
    expect(await trigger.evaluate((el) => el === document.activeElement)).toBe(true);

    // Typing in the header box opens the dialog with what was typed, and Escape returns to the box.
    const header = page.getByRole('search').first().getByRole('searchbox');
    await header.click(STEP);
    await page.keyboard.type('F1', { delay: 30 });
    await page.waitForFunction(() => document.getElementById('search-dialog-results')?.dataset['query'] === 'F1', null, STEP);
    expect((await resultTitles(page))[0]).toBe('F1 score');
    await page.keyboard.press('Escape');
    expect(await header.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('CJK queries find CJK pages, by title and by a word inside the text', async () => {
    const { page, problems } = await newPage(site);
    await page.keyboard.press('Control+k');
    await searchInDialog(page, '学习');
    expect((await resultTitles(page)).sort()).toEqual(['机器学习', '深度学习']);
    // 监督学习 (supervised learning) appears only inside a sentence of 机器学习.
    await searchInDialog(page, '监督学习');
    expect(await resultTitles(page)).toEqual(['机器学习']);
    const excerpt = await dialog(page).getByRole('option').first().locator('.search-hit-excerpt').textContent(STEP);
    // The spaces the indexer put between CJK characters are gone from what the reader sees.
    expect(excerpt).toContain('常见的方法包括监督学习和无监督学习');
    expect(await dialog(page).getByRole('option').first().locator('.search-hit-summary').textContent(STEP)).toBe('让计算机从数据中学习规律的方法。');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the /search/ page works from a pasted URL and keeps the URL shareable', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}-/search/?q=F1&category=Metric`, STEP);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-results]')?.dataset['query'] === 'F1', null, STEP);
    const main = page.getByRole('main');
    expect(await main.getByRole('searchbox').inputValue(STEP)).toBe('F1');
    const titles = await main.locator('.search-hit-title').allTextContents();
    expect(titles[0]).toBe('F1 score');
    expect(titles).not.toContain('Naïve Bayes'); // mentions F1 but is a Technique
    expect(await main.getByRole('button', { name: /^Metric \d+$/ }).getAttribute('aria-pressed', STEP)).toBe('true');
    expect(await main.locator('.search-hit-title').first().getAttribute('href', STEP)).toBe('/metrics/f1-score/');

    await main.getByRole('searchbox').fill('distillation', STEP);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-results]')?.dataset['query'] === 'distillation', null, STEP);
    expect(new URL(page.url()).search).toBe('?q=distillation&category=Metric');
    expect(await main.getByRole('status').textContent(STEP)).toMatch(/^No topic matches “distillation”/);
    await main.getByRole('button', { name: /^Metric/ }).click(STEP);
    await page.waitForFunction(() => new URL(location.href).search === '?q=distillation', null, STEP);
    await expect.poll(() => main.locator('.search-hit-title').first().textContent(STEP), STEP).toBe('Knowledge distillation');
    await page.close();
  });

  test('without JavaScript the header form submits to /search/, which says search needs JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}techniques/model-pruning/`, STEP);
    await page.getByRole('search').first().getByRole('searchbox').fill('pruning', STEP);
    await Promise.all([page.waitForURL(`${site.url}-/search/?q=pruning`, STEP), page.keyboard.press('Enter')]);
    // Playwright's text engine skips <noscript>, so the notice is located by structure.
    const notice = page.locator('noscript .search-noscript');
    expect(await notice.isVisible(STEP)).toBe(true);
    expect(await notice.textContent(STEP)).toBe('Search needs JavaScript. Browse the A–Z index of all topics instead.');
    expect(await notice.locator('a').getAttribute('href', STEP)).toBe('/-/topics/');
    await context.close();
  });

  test('a broken index is reported, with the A–Z index as the way on', async () => {
    // Served from the same build but with pagefind/ unreachable.
    const broken = await serve({ dist, base: '/' }, CSP);
    const page = await browser.newPage();
    await page.route('**/-/pagefind/**', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(`${broken.url}-/search/?q=pruning`, STEP);
    const status = page.getByRole('main').getByRole('status');
    await expect.poll(() => status.textContent(STEP), STEP).toBe('The search index could not be loaded. Browse the A–Z index.');
    expect(await status.getByRole('link').getAttribute('href', STEP)).toBe('/-/topics/');
    await page.close();
    await broken.close();
  });
});

describe('search under a base path', () => {
  let site: Served;

  beforeAll(async () => {
    site = await serve(await buildSiteOrThrow({ name: 'search-wiki-base', content: 'tests/fixtures/search', base: '/wiki/', env: PRODUCTION }), CSP);
  });
  afterAll(async () => {
    await site?.close();
  });

  test('the dialog loads the index from /wiki/-/pagefind/ and result links carry the base', async () => {
    const { page, problems } = await newPage(site);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.keyboard.press('Control+k');
    await searchInDialog(page, 'distillation');
    expect((await resultTitles(page))[0]).toBe('Knowledge distillation');
    expect(await dialog(page).locator('.search-hit-title').first().getAttribute('href', STEP)).toBe('/wiki/techniques/knowledge-distillation/');
    expect(requests.filter((path) => path.includes('pagefind')).every((path) => path.startsWith('/wiki/-/pagefind/'))).toBe(true);
    await Promise.all([page.waitForURL(`${site.url}techniques/knowledge-distillation/`, STEP), page.keyboard.press('Enter')]);
    expect(await page.getByRole('heading', { level: 1 }).textContent(STEP)).toBe('Knowledge distillation');

    await page.goto(`${site.url}-/search/?q=${encodeURIComponent('机器学习')}`, STEP);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-search-results]')?.dataset['query'] === '机器学习', null, STEP);
    expect(await page.getByRole('main').locator('.search-hit-title').first().getAttribute('href', STEP)).toBe(`/wiki/multilingual/${encodeURIComponent('机器学习')}/`);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('search in the dev server', () => {
  let server: ChildProcess | undefined;
  let url = '';
  /** Astro allows one dev server per project: one a developer has running is left alone. */
  let busy = '';

  beforeAll(async () => {
    const port = await freePort();
    server = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: { ...withoutVitest(process.env), ATLAS_CONTENT: join(ROOT, 'tests/fixtures/search'), ATLAS_BASE: '/', ATLAS_LINKS: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = `http://127.0.0.1:${port}/`;
    let output = '';
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // The first request waits for Vite's dependency optimiser: slow on a busy machine.
    const deadline = Date.now() + 180_000;
    while (!(await fetch(url, { signal: AbortSignal.timeout(30_000) }).then((r) => r.ok, () => false))) {
      if (/Another astro dev server is already running/.test(output)) {
        busy = output.match(/URL:\s+(\S+)/)?.[1] ?? 'unknown URL';
        return;
      }
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`astro dev did not start:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  afterAll(() => {
    server?.kill();
  });

  test('the dialog says the index appears after a build instead of failing', async (context) => {
    if (busy) {
      console.warn(`search.test.ts: skipping the dev-server test: another astro dev server of this project is running (${busy})`);
      return context.skip();
    }
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}techniques/model-pruning/`, { timeout: 60_000 });
    await page.keyboard.press('Control+k');
    await dialog(page).getByRole('combobox').fill('pruning', { timeout: 30_000 });
    const status = dialog(page).getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/index appears after `npm run build`/);
    expect(await status.getByRole('link').getAttribute('href')).toBe('/-/topics/');
    expect(errors).toEqual([]);
    await page.close();
  });
});

/**
 * The shipped wiki: concept queries against content/ once every page of docs/wiki-topics.md exists
 * (the wiki is written alongside the code; until then this part is skipped and says why).
 */
const WIKI_QUERIES: Array<[query: string, first: string]> = [
  ['distillation', 'Knowledge distillation'],
  ['TPU', 'TPU acceleration'],
  ['F1', 'F1 score'],
  ['pruning', 'Model pruning'],
  ['NLP', 'Natural language processing'],
  ['transformer', 'Transformer architecture'],
  ['ILSVRC', 'ImageNet'],
  ['SQuAD', 'Stanford Question Answering Dataset'],
  ['precision', 'Precision (metric)'],
  ['XAI', 'Explainable AI'],
  ['GPU', 'GPU acceleration'],
  ['mAP', 'Mean average precision'],
];

const missingWikiPages = (() => {
  const table = readFileSync(join(ROOT, 'docs/wiki-topics.md'), 'utf8');
  const paths = [...table.matchAll(/^\| ([\w./-]+\.mdx?) \|/gm)].map((m) => m[1]!);
  return paths.length ? paths.filter((path) => !existsSync(join(ROOT, 'content', path))) : ['(no page list found in docs/wiki-topics.md)'];
})();
if (missingWikiPages.length) {
  console.warn(`search.test.ts: skipping the shipped-wiki concept queries: ${missingWikiPages.length} pages of docs/wiki-topics.md are not in content/ yet (${missingWikiPages.slice(0, 5).join(', ')}${missingWikiPages.length > 5 ? ', …' : ''})`);
}

describe.skipIf(missingWikiPages.length > 0)('concept queries on the shipped wiki', () => {
  let site: Served;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    site = await serve(await buildSiteOrThrow({ name: 'search-shipped-wiki', content: 'content', links: 'warn', env: PRODUCTION }), CSP);
    ({ page, problems } = await newPage(site));
    await page.keyboard.press('Control+k');
  });
  afterAll(async () => {
    await page?.close();
    await site?.close();
  });

  test.each(WIKI_QUERIES)('"%s" → %s first', async (query, first) => {
    await searchInDialog(page, query);
    const titles = await resultTitles(page);
    expect(titles[0], `results for "${query}": ${titles.join(' | ')}`).toBe(first);
    expect(problems).toEqual([]);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Astro's dev server serves nothing (404) when it sees vitest's variables, so they are removed. */
function withoutVitest(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(key)));
}
