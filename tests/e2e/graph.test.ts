// The knowledge-graph views in Chromium: the explorer draws, hovers, searches, navigates and
// finds paths; the local graph loads on scroll; without WebGL (or JavaScript) the fallbacks show
// and nothing throws. Built from tests/fixtures/graph under a sub-path base, so URLs are checked too.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readGraphJson } from '../../graph/index.ts';
import { buildSiteOrThrow, launchChromium, serve, type Served } from './harness.ts';

const BASE = '/atlas/';
let site: Served;
let browser: Browser;
let noWebgl: Browser;

beforeAll(async () => {
  const build = await buildSiteOrThrow({ name: 'graph', content: 'tests/fixtures/graph', base: BASE });
  site = await serve(build);
  [browser, noWebgl] = await Promise.all([launchChromium(), launchChromium({ webgl: false })]);
});

afterAll(async () => {
  await browser?.close();
  await noWebgl?.close();
  await site?.close();
});

/** A page that records uncaught errors and console errors. */
async function open(b: Browser, path: string, options: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await b.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${site.url}${path}`, { timeout: 15_000 });
  return { page, errors };
}

/** Distinct RGB colours in a PNG, decoded by the browser itself (no image library needed). */
function distinctColours(page: Page, png: Buffer): Promise<{ colours: number; inked: number }> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const background = Math.max(...counts.values());
    return { colours: counts.size, inked: 1 - background / (data.length / 4) };
  }, png.toString('base64'));
}

const explorer = '[data-graph-explorer]';

async function readyExplorer(b: Browser, path = '-/graph/') {
  const opened = await open(b, path);
  await opened.page.waitForSelector(`${explorer}[data-ready="true"]`, { timeout: 15_000 });
  return opened;
}

async function searchFor(page: Page, title: string, id: string) {
  await page.getByLabel('Find a topic').fill(title, { timeout: 5_000 });
  await page.getByRole('button', { name: 'Show', exact: true }).click({ timeout: 5_000 });
  await page.waitForSelector(`${explorer}[data-focused="${id}"]`, { timeout: 5_000 });
}

async function canvasCentre(page: Page) {
  const box = (await page.locator('[data-graph-canvas]').boundingBox({ timeout: 5_000 }))!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('exports', () => {
  test('graph.json, graph.gexf and graph.jsonld are served and linked from the graph page', async () => {
    const json = await (await fetch(`${site.url}-/graph.json`)).json();
    const decoded = readGraphJson(json);
    expect(decoded.nodes).toHaveLength(10);
    expect(decoded.nodes.find((n) => n.id === 'model-pruning')!.url).toBe(`${BASE}model-pruning/`);
    expect(decoded.edges.some((e) => e.source === 'model-pruning' && e.target === 'computational-efficiency' && e.type === 'technique-for')).toBe(true);
    const gexf = await (await fetch(`${site.url}-/graph.gexf`)).text();
    expect(gexf).toContain('label="Benchmarks &amp; datasets"');
    const jsonld = await (await fetch(`${site.url}-/graph.jsonld`)).json();
    expect(jsonld['@type']).toBe('DefinedTermSet');
    expect(jsonld.hasDefinedTerm).toHaveLength(10);

    const { page } = await open(browser, '-/graph/');
    for (const name of ['graph.json', 'graph.gexf', 'graph.jsonld']) {
      await expect(page.getByRole('link', { name, exact: true }).getAttribute('href', { timeout: 5_000 })).resolves.toBe(`${BASE}-/${name}`);
    }
    await page.context().close();
  });
});

describe('explorer with WebGL', () => {
  test('the canvas is drawn, not blank', async () => {
    const { page, errors } = await readyExplorer(browser);
    const png = await page.locator('[data-graph-canvas]').screenshot({ timeout: 10_000 });
    const { colours, inked } = await distinctColours(page, png);
    expect(colours).toBeGreaterThan(20);
    expect(inked).toBeGreaterThan(0.002);
    expect(await page.locator('[data-graph-fallback]').getAttribute('class', { timeout: 5_000 })).toContain('visually-hidden');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('search focuses a node, hovering it dims non-neighbours, clicking opens it', async () => {
    const { page, errors } = await readyExplorer(browser);
    const total = Number(await page.locator(explorer).getAttribute('data-node-count', { timeout: 5_000 }));
    expect(total).toBe(10);
    await searchFor(page, 'Model pruning', 'model-pruning');
    expect(await page.locator(explorer).getAttribute('data-selected', { timeout: 5_000 })).toBe('model-pruning');

    // sigma picks hovered nodes from its last rendered frame: nudge the pointer until a frame
    // with the focused node under it has been drawn.
    const centre = await canvasCentre(page);
    let nudge = 0;
    await expect
      .poll(async () => {
        nudge = (nudge + 1) % 3;
        await page.mouse.move(centre.x + nudge, centre.y, { steps: 2 });
        return page.locator(explorer).getAttribute('data-hovered');
      }, { timeout: 5_000, interval: 100 })
      .toBe('model-pruning');
    // Model pruning + its neighbours: Computational efficiency, Sparsity, Model accuracy.
    expect(await page.locator(explorer).getAttribute('data-highlighted-count', { timeout: 5_000 })).toBe('4');
    await expect(page.locator('[data-graph-status]').textContent({ timeout: 5_000 })).resolves.toContain('Model pruning: 3 linked topics');

    await page.mouse.click(centre.x, centre.y);
    await page.waitForURL(`${site.url}model-pruning/`, { timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the topic search is a combobox: part of an alias, then ↓ and Enter, picks and shows a topic', async () => {
    const { page, errors } = await readyExplorer(browser);
    expect(await page.locator('datalist').count()).toBe(0);
    const input = page.getByRole('combobox', { name: 'Find a topic' });
    // Part of GPU's alias "Graphics processing unit", typed key by key.
    await input.pressSequentially('processing', { timeout: 5_000 });
    const listbox = page.getByRole('listbox', { name: 'Matching topics' });
    await expect.poll(() => listbox.isVisible(), { timeout: 5_000 }).toBe(true);
    const options = listbox.getByRole('option');
    await expect(options.allTextContents()).resolves.toEqual(['GPU (Graphics processing unit)']);
    expect(await input.getAttribute('aria-expanded', { timeout: 5_000 })).toBe('true');
    expect(await input.getAttribute('aria-controls', { timeout: 5_000 })).toBe(await listbox.getAttribute('id', { timeout: 5_000 }));

    await input.press('ArrowDown', { timeout: 5_000 });
    expect(await input.getAttribute('aria-activedescendant', { timeout: 5_000 })).toBe(await options.first().getAttribute('id', { timeout: 5_000 }));
    expect(await options.first().getAttribute('aria-selected', { timeout: 5_000 })).toBe('true');
    await input.press('Enter', { timeout: 5_000 });
    await page.waitForSelector(`${explorer}[data-focused="gpu"]`, { timeout: 5_000 });
    expect(await input.inputValue({ timeout: 5_000 })).toBe('GPU');
    expect(await input.getAttribute('aria-expanded', { timeout: 5_000 })).toBe('false');
    expect(await listbox.isHidden({ timeout: 5_000 })).toBe(true);

    // Prefix matches by importance; ↑ wraps to the last option; Escape closes, then clears.
    await input.fill('model', { timeout: 5_000 });
    await expect.poll(() => options.allTextContents(), { timeout: 5_000 }).toEqual(['Model accuracy', 'Model pruning']);
    await input.press('ArrowUp', { timeout: 5_000 });
    expect(await options.nth(1).getAttribute('aria-selected', { timeout: 5_000 })).toBe('true');
    await input.press('Escape', { timeout: 5_000 });
    expect(await input.getAttribute('aria-expanded', { timeout: 5_000 })).toBe('false');
    expect(await input.inputValue({ timeout: 5_000 })).toBe('model');
    await input.press('Escape', { timeout: 5_000 });
    expect(await input.inputValue({ timeout: 5_000 })).toBe('');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the path tool writes the path in words and highlights it', async () => {
    const { page, errors } = await readyExplorer(browser);
    await page.getByRole('combobox', { name: 'From', exact: true }).fill('Model pruning', { timeout: 5_000 });
    await page.getByRole('combobox', { name: 'To', exact: true }).fill('flops', { timeout: 5_000 });
    await page.getByRole('button', { name: 'Find the path' }).click({ timeout: 5_000 });
    const items = page.locator('[data-path-result] li');
    await expect.poll(() => items.allTextContents(), { timeout: 5_000 }).toEqual([
      'Model pruning is a technique for Computational efficiency',
      'Computational efficiency is measured by FLOPs',
    ]);
    await expect(items.first().getByRole('link', { name: 'Model pruning' }).getAttribute('href', { timeout: 5_000 })).resolves.toBe(`${BASE}model-pruning/`);
    expect(await page.locator(explorer).getAttribute('data-path-length', { timeout: 5_000 })).toBe('2');
    expect(await page.locator(explorer).getAttribute('data-highlighted-count', { timeout: 5_000 })).toBe('3');
    expect(new URL(page.url()).searchParams.get('to')).toBe('flops');

    // Backwards, with the inverse wording; and an unconnected topic.
    await page.getByRole('combobox', { name: 'From', exact: true }).fill('Sparsity', { timeout: 5_000 });
    await page.getByRole('combobox', { name: 'To', exact: true }).fill('Quantization', { timeout: 5_000 });
    await page.getByRole('button', { name: 'Find the path' }).click({ timeout: 5_000 });
    await expect.poll(() => items.allTextContents(), { timeout: 5_000 }).toEqual([
      'Sparsity is part of Model pruning',
      'Model pruning is a technique for Computational efficiency',
      'Computational efficiency is served by technique Quantization',
    ]);
    await page.getByRole('combobox', { name: 'To', exact: true }).fill('Island', { timeout: 5_000 });
    await page.getByRole('button', { name: 'Find the path' }).click({ timeout: 5_000 });
    await expect.poll(() => page.locator('[data-path-message]').textContent(), { timeout: 5_000 }).toBe('Sparsity and Island are not connected.');
    expect(await items.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a shared path URL answers on load', async () => {
    const { page } = await readyExplorer(browser, '-/graph/?from=GPU&to=Model%20accuracy');
    await expect.poll(() => page.locator('[data-path-result] li').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    await expect(page.locator('[data-path-message]').textContent({ timeout: 5_000 })).resolves.toMatch(/^GPU and Model accuracy are \d steps? apart/);
    await page.context().close();
  });
});

describe('local graph on a topic page (needs <LocalGraph> in src/pages/[...slug].astro)', () => {
  const section = '[data-local-graph]';

  test('loads only when scrolled into view, draws the neighbourhood, toggles depth 2', async () => {
    // A short viewport puts the section well below the fold.
    const context = await browser.newContext({ viewport: { width: 1280, height: 360 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The page loads its own neighbourhood file, never the whole graph.
    const graphRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/graph\.json$|\/-\/local\//.test(request.url())) graphRequests.push(new URL(request.url()).pathname);
    });
    await page.goto(`${site.url}model-pruning/`, { timeout: 15_000 });
    const root = page.locator(section);
    expect(await root.count()).toBe(1);
    const top = (await root.boundingBox({ timeout: 5_000 }))!.y;
    expect(top).toBeGreaterThan(360 + 200); // precondition: below the fold and the observer's margin
    await page.waitForTimeout(500);
    expect(graphRequests).toEqual([]);
    expect(await root.getAttribute('data-ready', { timeout: 5_000 })).toBeNull();

    await root.scrollIntoViewIfNeeded({ timeout: 5_000 });
    await page.waitForSelector(`${section}[data-ready="true"]`, { timeout: 15_000 });
    expect(graphRequests).toEqual([`${BASE}-/local/model-pruning.json`]);
    // Model pruning, Computational efficiency, Sparsity, Model accuracy.
    expect(await root.getAttribute('data-node-count', { timeout: 5_000 })).toBe('4');
    const png = await root.locator('[data-graph-canvas]').screenshot({ timeout: 10_000 });
    expect((await distinctColours(page, png)).colours).toBeGreaterThan(20);

    await root.getByLabel('Show topics two steps away').check({ timeout: 5_000 });
    // + FLOPs, Inference latency, Quantization, Benchmarks & datasets.
    await expect.poll(() => root.getAttribute('data-node-count'), { timeout: 5_000 }).toBe('8');
    expect(await root.getAttribute('data-depth', { timeout: 5_000 })).toBe('2');
    // The neighbour links stay in the page for screen readers.
    await expect(root.locator('[data-graph-fallback] a').allTextContents()).resolves.toEqual(['Computational efficiency', 'Model accuracy', 'Sparsity']);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('without WebGL the neighbours are listed as links with a note', async () => {
    const { page, errors } = await open(noWebgl, 'model-pruning/');
    const root = page.locator(section);
    await root.scrollIntoViewIfNeeded({ timeout: 5_000 });
    const note = root.locator('[data-graph-note]');
    await expect.poll(() => note.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect(note.textContent({ timeout: 5_000 })).resolves.toContain('WebGL');
    expect(await root.locator('[data-graph-canvas]').isHidden({ timeout: 5_000 })).toBe(true);
    const sparsity = root.getByRole('link', { name: 'Sparsity' });
    expect(await sparsity.isVisible({ timeout: 5_000 })).toBe(true);
    expect(await sparsity.getAttribute('href', { timeout: 5_000 })).toBe(`${BASE}sparsity/`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('without WebGL', () => {
  test('the explorer shows its fallback and a note, the path tool still answers, nothing throws', async () => {
    const { page, errors } = await open(noWebgl, '-/graph/');
    const note = page.locator(`${explorer} [data-graph-note]`);
    await expect.poll(() => note.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect(note.textContent({ timeout: 5_000 })).resolves.toContain('WebGL');
    await expect(page.getByRole('heading', { name: 'Most central topics' }).isVisible({ timeout: 5_000 })).resolves.toBe(true);
    expect(await page.locator('[data-graph-canvas]').isHidden({ timeout: 5_000 })).toBe(true);
    await expect(page.locator('.central li').count()).resolves.toBe(10);

    await page.waitForSelector('[data-path-tool][data-ready="true"]', { timeout: 10_000 });
    await page.getByRole('combobox', { name: 'From', exact: true }).fill('Model pruning', { timeout: 5_000 });
    await page.getByRole('combobox', { name: 'To', exact: true }).fill('FLOPs', { timeout: 5_000 });
    await page.getByRole('button', { name: 'Find the path' }).click({ timeout: 5_000 });
    await expect.poll(() => page.locator('[data-path-result] li').count(), { timeout: 5_000 }).toBe(2);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('without JavaScript the explorer page lists topics and explains the path form', async () => {
    const { page } = await open(browser, '-/graph/', { javaScriptEnabled: false });
    await expect(page.locator('.central li a').first().getAttribute('href', { timeout: 5_000 })).resolves.toMatch(new RegExp(`^${BASE}`));
    // Playwright's text engine skips <noscript>, so locate it by structure.
    const note = page.locator('[data-path-tool] noscript p');
    expect(await note.isVisible({ timeout: 5_000 })).toBe(true);
    await expect(note.textContent({ timeout: 5_000 })).resolves.toContain('Finding a path needs JavaScript');
    expect(await page.locator('[data-graph-canvas]').isHidden({ timeout: 5_000 })).toBe(true);
    expect(await page.getByLabel('Find a topic').isVisible({ timeout: 5_000 })).toBe(false);
    await page.context().close();
  });
});
