// The in-page demos in Chromium, built from tests/fixtures/demos under a sub-path base and served with
// a strict Content-Security-Policy (no eval; 'wasm-unsafe-eval' only): every demo trains in its worker
// on the wasm backend and shows numbers and drawn charts; nothing of tfjs loads before Run, and never
// on a page without a demo; a forced backend failure falls back with a visible note; runs can be
// cancelled, reset and repeated with identical numbers; without JavaScript the static figure shows.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_NAMES, type DemoName } from '../../src/demos/registry.ts';
import { buildSiteOrThrow, launchChromium, serve, type Served } from './harness.ts';

const BASE = '/wiki/';
/** Strict policy the wiki is meant to run under; tfjs needs only 'wasm-unsafe-eval'. */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "style-src 'self'",
].join('; ');
/** Generous per-demo limits for a loaded 2-core machine; each demo takes a few seconds when idle. */
const RUN_TIMEOUT: Record<DemoName, number> = {
  pruning: 60_000,
  quantization: 60_000,
  distillation: 60_000,
  'early-stopping': 60_000,
  'precision-recall': 30_000,
  fairness: 30_000,
  tradeoff: 90_000,
};
const TFJS_REQUEST = /worker[^/]*\.js|\.wasm|tfjs/i;

let site: Served;
let browser: Browser;

beforeAll(async () => {
  const build = await buildSiteOrThrow({ name: 'demos', content: 'tests/fixtures/demos', base: BASE });
  site = await serve(build, { 'content-security-policy': CSP });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  violations: { directive: string; blocked: string }[];
}

async function open(path: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const opened: Opened = { page, errors: [], requests: [], violations: [] };
  page.on('pageerror', (error) => opened.errors.push(error.message));
  page.on('request', (request) => opened.requests.push(request.url()));
  // Worker requests are reported on the worker, not the page.
  page.on('worker', (worker) => opened.requests.push(worker.url()));
  await page.exposeFunction('__atlasCspViolation', (directive: string, blocked: string) => opened.violations.push({ directive, blocked }));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __atlasCspViolation(d: string, b: string): void }).__atlasCspViolation(e.effectiveDirective, e.blockedURI);
    });
  });
  await page.goto(`${site.url}${path}`, { timeout: 15_000 });
  return opened;
}

function demo(page: Page, name: DemoName): Locator {
  return page.locator(`.atlas-demo[data-demo="${name}"]`).first();
}

async function mounted(page: Page, name: DemoName): Promise<Locator> {
  const root = demo(page, name);
  await root.scrollIntoViewIfNeeded();
  await root.locator('.atlas-demo__widget').waitFor({ timeout: 20_000 });
  await expect.poll(() => root.getAttribute('data-state')).toBe('ready');
  return root;
}

async function runToCompletion(root: Locator, name: DemoName): Promise<void> {
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => root.getAttribute('data-state'), { timeout: RUN_TIMEOUT[name], interval: 250 }).toMatch(/^(done|error)$/);
  const status = await root.locator('.atlas-demo__status').textContent();
  expect(await root.getAttribute('data-state'), status ?? '').toBe('done');
}

/** Share of pixels that are not transparent, for every uPlot canvas and boundary image in the widget. */
function inkedShares(root: Locator): Promise<number[]> {
  return root.evaluate((el) =>
    [...el.querySelectorAll<HTMLCanvasElement>('.atlas-demo__plot canvas, canvas.atlas-demo__boundary')].map((canvas) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
      return inked / (data.length / 4);
    }),
  );
}

/** Violations that would come from demo code: eval, blocked workers, blocked fetches of the wasm binaries. */
function demoViolations(opened: Opened): Opened['violations'] {
  return opened.violations.filter((v) => v.blocked === 'eval' || v.blocked === 'wasm-eval' || /worker-src|connect-src/.test(v.directive) || TFJS_REQUEST.test(v.blocked));
}

describe.each(DEMO_NAMES.map((name) => [name]))('%s demo', (name) => {
  test('runs to completion on wasm and shows numbers, a table and drawn charts', async () => {
    const opened = await open(`demo-${name}/`);
    const { page } = opened;
    const root = await mounted(page, name);
    // The island is mounted but nothing of tfjs has been fetched: that waits for Run.
    expect(opened.requests.filter((u) => TFJS_REQUEST.test(u))).toEqual([]);
    await runToCompletion(root, name);
    expect(await root.getAttribute('data-backend')).toBe('wasm');
    await expect.poll(() => root.locator('.atlas-demo__backend').textContent()).toMatch(/^Backend: wasm \(SIMD\)/);
    expect(await root.locator('.atlas-demo__note').isHidden()).toBe(true);
    expect(opened.requests.some((u) => /\.wasm$/.test(u))).toBe(true);
    // Numbers: a percentage and a latency in the results, and a data table with rows.
    const text = (await root.locator('.atlas-demo__results').textContent()) ?? '';
    expect(text).toMatch(/\d+(\.\d+)? %/);
    expect(text).toMatch(/\d+(\.\d+)? ms/);
    expect(await root.locator('.atlas-demo__results table tbody tr').count()).toBeGreaterThan(1);
    // Charts: at least one uPlot canvas, none blank; the typical-results figure is gone.
    expect(await root.locator('.atlas-demo__plot canvas').count()).toBeGreaterThan(0);
    for (const share of await inkedShares(root)) expect(share).toBeGreaterThan(0.005);
    expect(await root.locator('.atlas-demo__figure').count()).toBe(0);
    expect(opened.errors).toEqual([]);
    expect(demoViolations(opened)).toEqual([]);
    await page.context().close();
  });
});

describe('loading', () => {
  test('a page without a demo requests no tfjs file and no demo code', async () => {
    const opened = await open('no-demo/');
    await opened.page.waitForLoadState('networkidle');
    await opened.page.mouse.wheel(0, 5000);
    await opened.page.waitForTimeout(500);
    expect(opened.requests.filter((u) => TFJS_REQUEST.test(u) || /\/ui\.[\w-]+\.js$/.test(u))).toEqual([]);
    expect(await opened.page.locator('.atlas-demo').count()).toBe(0);
    await opened.page.context().close();
  });

  test('an MDX page mounts the demo where the author placed it', async () => {
    const { page, errors } = await open('embedded/');
    const order = await page.locator('.prose > *').evaluateAll((els) => els.map((el) => (el.classList.contains('atlas-demo') ? 'DEMO' : (el.textContent ?? '').trim().slice(0, 16))));
    expect(order.indexOf('DEMO')).toBeGreaterThan(order.findIndex((t) => t.startsWith('Text before')));
    expect(order.indexOf('DEMO')).toBeLessThan(order.findIndex((t) => t.startsWith('Text after')));
    const root = await mounted(page, 'pruning');
    expect(await root.getByLabel('Dataset').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('without JavaScript the description and the typical-results figure show', async () => {
    const { page } = await open('demo-tradeoff/', { javaScriptEnabled: false });
    const root = demo(page, 'tradeoff');
    await expect.poll(() => root.locator('.atlas-demo__description').textContent()).toContain('Pareto frontier');
    expect(await root.locator('svg[role="img"] polyline').count()).toBeGreaterThan(0);
    expect(await root.locator('table td').count()).toBeGreaterThan(5);
    expect(await root.locator('.atlas-demo__widget').count()).toBe(0);
    await page.context().close();
  });
});

describe('widget behaviour', () => {
  test('a forced backend failure falls back to wasm with a visible note', async () => {
    const opened = await open('demo-precision-recall/?demo-backend=broken');
    const root = await mounted(opened.page, 'precision-recall');
    expect(await root.getByLabel('Backend').inputValue()).toBe('broken');
    await runToCompletion(root, 'precision-recall');
    const note = root.locator('.atlas-demo__note');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(/The broken backend could not start here \(.*\); this run used wasm \(SIMD\) instead\./);
    expect(await root.getAttribute('data-backend')).toBe('wasm');
    await opened.page.context().close();
  });

  test('the cpu backend can be chosen and is reported', async () => {
    const { page } = await open('demo-fairness/');
    const root = await mounted(page, 'fairness');
    await root.getByLabel('Backend').selectOption('cpu');
    await runToCompletion(root, 'fairness');
    expect(await root.getAttribute('data-backend')).toBe('cpu');
    expect(await root.locator('.atlas-demo__backend').textContent()).toMatch(/^Backend: cpu/);
    await page.context().close();
  });

  test('same settings give the same numbers; cancel stops a run; reset restores the figure', async () => {
    const { page, errors } = await open('demo-quantization/');
    const root = await mounted(page, 'quantization');
    const accuracies = (): Promise<string[]> => root.locator('.atlas-demo__results tbody tr td:nth-child(2)').allTextContents();
    await runToCompletion(root, 'quantization');
    const first = await accuracies();
    expect(first.length).toBe(9);
    await runToCompletion(root, 'quantization');
    expect(await accuracies()).toEqual(first);

    // A different seed gives different data, so different numbers.
    await root.getByLabel('Seed').fill('7');
    await runToCompletion(root, 'quantization');
    expect(await accuracies()).not.toEqual(first);

    await root.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => root.getAttribute('data-state')).toBe('running');
    expect(await root.getByLabel('Seed').isDisabled()).toBe(true);
    await root.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => root.getAttribute('data-state')).toBe('cancelled');
    expect(await root.locator('.atlas-demo__status').textContent()).toBe('Cancelled.');
    expect(await root.getByLabel('Seed').isEnabled()).toBe(true);

    await root.getByRole('button', { name: 'Reset' }).click();
    expect(await root.getAttribute('data-state')).toBe('ready');
    expect(await root.getByLabel('Seed').inputValue()).toBe('1');
    expect(await root.locator('.atlas-demo__figure svg').count()).toBe(1);
    // After a cancel the next run starts a fresh worker and still gives the first numbers.
    await runToCompletion(root, 'quantization');
    expect(await accuracies()).toEqual(first);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('controls are labelled and work from the keyboard; live sliders update the numbers', async () => {
    const { page } = await open('demo-precision-recall/');
    const root = await mounted(page, 'precision-recall');
    for (const label of ['Share of positives', 'Class separation', 'Seed', 'Backend']) expect(await root.getByLabel(label).count()).toBe(1);
    await root.getByLabel('Seed').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Run');
    await page.keyboard.press('Enter');
    await expect.poll(() => root.getAttribute('data-state'), { timeout: RUN_TIMEOUT['precision-recall'] }).toBe('done');
    const matrix = (): Promise<string[]> => root.locator('table.atlas-demo__matrix td').allTextContents();
    const before = await matrix();
    const slider = root.getByLabel('Decision threshold');
    await slider.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
    expect(await slider.inputValue()).toBe('0.3');
    expect(await matrix()).not.toEqual(before);
    const counts = (await matrix()).map((t) => Number(t.replace(/,/g, '')));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3000);
    await page.context().close();
  });
});
