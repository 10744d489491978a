// The in-page demos in Chromium, built from tests/fixtures/demos under a sub-path base and served with
// a strict Content-Security-Policy (no eval; 'wasm-unsafe-eval' only): every demo trains in its worker
// on the wasm backend and shows numbers and drawn charts; nothing of tfjs loads before Run, and never
// on a page without a demo; a forced backend failure falls back with a visible note; runs can be
// cancelled, reset and repeated with identical numbers; without JavaScript the static figure shows.
// Settings live in the URL (restored from a link, bad values noted, Copy link with a fallback field);
// each demo asks a question before its run and compares afterwards, without animation when the reader
// prefers reduced motion; mounting and unmounting islands leaves no workers, observers or canvases.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
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
  'batch-size': 60_000,
  'early-exit': 60_000,
  'low-rank': 90_000,
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

interface OpenOptions extends Pick<BrowserContextOptions, 'javaScriptEnabled' | 'reducedMotion' | 'permissions'> {
  /** Runs in the page before any of its own scripts. */
  init?: () => void;
}

async function open(path: string, options: OpenOptions = {}): Promise<Opened> {
  const { init, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
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
  await root.getByRole('button', { name: 'Run', exact: true }).click({ timeout: 10_000 });
  await expect.poll(() => root.getAttribute('data-state', { timeout: 5_000 }), { timeout: RUN_TIMEOUT[name], interval: 250 }).toMatch(/^(done|error)$/);
  const status = await root.locator('.atlas-demo__status').textContent({ timeout: 5_000 });
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
    // The question still asks first; its answer is folded away until the reader opens it.
    expect(await root.locator('.atlas-demo__quiz-prompt').textContent({ timeout: 5_000 })).toMatch(/^Guess first\. Of all the networks trained/);
    expect(await root.locator('.atlas-demo__quiz-choices li').count()).toBe(4);
    const answer = root.locator('.atlas-demo__quiz-answer');
    expect(await answer.locator('p').isVisible()).toBe(false);
    await answer.locator('summary').click({ timeout: 5_000 });
    expect(await answer.locator('p').textContent({ timeout: 5_000 })).toBe('Typically: 3 to 10× fewer (3.6× fewer parameters), as the figure below shows.');
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

describe('settings in the URL', () => {
  test('a link restores every setting; a change is written back without a reload; Reset clears them', async () => {
    const { page, errors } = await open('demo-pruning/?pruning.shape=moons&pruning.mode=neurons&pruning.fineTuneEpochs=3&pruning.seed=42&pruning.backend=cpu&q=kept');
    const root = await mounted(page, 'pruning');
    expect(await root.getByLabel('Dataset').inputValue({ timeout: 5_000 })).toBe('moons');
    expect(await root.getByLabel('Prune').inputValue({ timeout: 5_000 })).toBe('neurons');
    expect(await root.getByLabel('Fine-tuning after pruning').inputValue({ timeout: 5_000 })).toBe('3');
    expect(await root.getByLabel('Seed').inputValue({ timeout: 5_000 })).toBe('42');
    expect(await root.getByLabel('Backend').inputValue({ timeout: 5_000 })).toBe('cpu');
    expect(await root.locator('.atlas-demo__url-note').isHidden({ timeout: 5_000 })).toBe(true);

    const historyLength = await page.evaluate(() => history.length);
    await root.getByLabel('Seed').fill('43', { timeout: 5_000 });
    await root.getByLabel('Seed').press('Tab', { timeout: 5_000 });
    await expect.poll(() => new URL(page.url()).searchParams.get('pruning.seed'), { timeout: 5_000 }).toBe('43');
    const params = new URL(page.url()).searchParams;
    expect([params.get('pruning.shape'), params.get('pruning.mode'), params.get('pruning.fineTuneEpochs'), params.get('pruning.backend'), params.get('q')]).toEqual(['moons', 'neurons', '3', 'cpu', 'kept']);
    expect(await page.evaluate(() => history.length)).toBe(historyLength);

    await root.getByRole('button', { name: 'Reset' }).click({ timeout: 5_000 });
    expect(await root.getByLabel('Dataset').inputValue({ timeout: 5_000 })).toBe('spirals');
    expect(await root.getByLabel('Seed').inputValue({ timeout: 5_000 })).toBe('1');
    expect([...new URL(page.url()).searchParams.keys()]).toEqual(['q']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('bad values fall back to the defaults with a note naming each parameter; markup stays text', async () => {
    const query = new URLSearchParams([
      ['pruning.fineTuneEpochs', 'abc'],
      ['pruning.shape', '<img src=x onerror="document.title=1">'],
      ['pruning.seed', '-5'],
      ['pruning.mode', 'neurons'],
      ['pruning.mode', 'weights'],
      ['pruning.sparsity', '50'],
    ]);
    const { page, errors } = await open(`demo-pruning/?${query}`);
    const root = await mounted(page, 'pruning');
    const note = root.locator('.atlas-demo__url-note');
    expect(await note.isVisible({ timeout: 5_000 })).toBe(true);
    expect(await note.locator('li').allTextContents()).toEqual([
      'pruning.shape=<img src=x onerror="document.title=1"> is not one of spirals, moons; using spirals',
      'pruning.mode is given 2 different values (neurons, weights); using weights',
      'pruning.fineTuneEpochs=abc is not a number; using 0',
      'pruning.seed=-5 is out of range (a whole number from 0 to 999999); using 1',
      'pruning.sparsity is not a setting of this demo; ignored',
    ]);
    expect(await note.locator('img').count()).toBe(0);
    expect(await page.title()).not.toBe('1');
    expect(await root.getByLabel('Dataset').inputValue({ timeout: 5_000 })).toBe('spirals');
    expect(await root.getByLabel('Prune').inputValue({ timeout: 5_000 })).toBe('weights');
    expect(await root.getByLabel('Fine-tuning after pruning').inputValue({ timeout: 5_000 })).toBe('0');
    expect(await root.getByLabel('Seed').inputValue({ timeout: 5_000 })).toBe('1');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('Copy link puts the settings link on the clipboard', async () => {
    const { page } = await open('demo-fairness/?fairness.baseRateA=0.7', { permissions: ['clipboard-read', 'clipboard-write'] });
    const root = await mounted(page, 'fairness');
    expect(await root.getByLabel('Base rate, group A').inputValue({ timeout: 5_000 })).toBe('0.7');
    await root.getByRole('button', { name: 'Copy link' }).click({ timeout: 5_000 });
    await expect.poll(() => root.locator('.atlas-demo__copy-status').textContent({ timeout: 5_000 })).toBe('Link copied.');
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied.href).toBe(page.url());
    expect(Object.fromEntries([...copied.searchParams].filter(([k]) => k.startsWith('fairness.')))).toEqual({
      'fairness.baseRateA': '0.7',
      'fairness.baseRateB': '0.2',
      'fairness.seed': '1',
      'fairness.backend': 'wasm',
    });
    expect(await root.locator('.atlas-demo__link').isHidden({ timeout: 5_000 })).toBe(true);
    await page.context().close();
  });

  test('without a usable Clipboard API the link is offered, selected, in a text field', async () => {
    const { page } = await open('demo-fairness/?fairness.seed=9', {
      init: () => {
        Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
      },
    });
    const root = await mounted(page, 'fairness');
    await root.getByRole('button', { name: 'Copy link' }).click({ timeout: 5_000 });
    const field = root.getByLabel('Link to these settings');
    await expect.poll(() => field.isVisible({ timeout: 5_000 })).toBe(true);
    const value = await field.inputValue({ timeout: 5_000 });
    expect(new URL(value).searchParams.get('fairness.seed')).toBe('9');
    expect(await field.evaluate((el) => [document.activeElement === el, (el as HTMLInputElement).selectionStart, (el as HTMLInputElement).selectionEnd])).toEqual([true, 0, value.length]);
    expect(await root.locator('.atlas-demo__copy-status').textContent({ timeout: 5_000 })).toBe('Copy the link from the field below.');
    await page.context().close();
  });

  test('two copies of a demo and another demo on one page keep their own settings', async () => {
    const { page, errors } = await open('two-demos/?precision-recall.positiveRate=0.2&precision-recall-2.positiveRate=0.3&fairness.baseRateA=0.7');
    const roots = page.locator('.atlas-demo[data-demo="precision-recall"]');
    const [first, second] = [roots.nth(0), roots.nth(1)];
    for (const root of [first, second]) {
      await root.scrollIntoViewIfNeeded({ timeout: 5_000 });
      await expect.poll(() => root.getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    }
    const fairness = await mounted(page, 'fairness');
    expect(await first.getByLabel('Share of positives').inputValue({ timeout: 5_000 })).toBe('0.2');
    expect(await second.getByLabel('Share of positives').inputValue({ timeout: 5_000 })).toBe('0.3');
    expect(await fairness.getByLabel('Base rate, group A').inputValue({ timeout: 5_000 })).toBe('0.7');
    // Labels pair with their own controls: ids are unique on the page.
    const ids = await page.locator('.atlas-demo [id]').evaluateAll((els) => els.map((el) => el.id));
    expect(new Set(ids).size).toBe(ids.length);
    await second.getByLabel('Class separation').fill('3', { timeout: 5_000 });
    await second.getByLabel('Class separation').dispatchEvent('change', {}, { timeout: 5_000 });
    await expect.poll(() => new URL(page.url()).searchParams.get('precision-recall-2.separation'), { timeout: 5_000 }).toBe('3');
    const params = new URL(page.url()).searchParams;
    expect(params.get('precision-recall.positiveRate')).toBe('0.2');
    expect(params.get('precision-recall.separation')).toBeNull();
    expect(params.get('fairness.baseRateA')).toBe('0.7');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('guess first', () => {
  test('the reader guesses, the typical answer is revealed, and after Run compared with this device', async () => {
    const { page, errors } = await open('demo-pruning/');
    const root = await mounted(page, 'pruning');
    const figure = root.locator('.atlas-demo__results .atlas-demo__figure');
    expect(await figure.isHidden({ timeout: 5_000 })).toBe(true);
    const quiz = root.getByRole('group', { name: /^Guess first: How much of the network can you prune/ });
    expect(await quiz.getByRole('radio').count()).toBe(4);
    await quiz.getByRole('radio', { name: '40 to 70 %' }).check({ timeout: 5_000 });
    const reveal = root.locator('.atlas-demo__reveal');
    expect(await reveal.getAttribute('aria-live', { timeout: 5_000 })).toBe('polite');
    await root.getByRole('button', { name: 'Reveal the typical answer' }).click({ timeout: 5_000 });
    expect(await reveal.textContent({ timeout: 5_000 })).toBe(
      'You guessed “40 to 70 %”. Typically: “90 % or more” (90 % pruned, measured when the site was built). Press Run to measure on this device.',
    );
    expect(await figure.isVisible({ timeout: 5_000 })).toBe(true);
    expect(await root.getByRole('button', { name: 'Reveal the typical answer' }).isDisabled({ timeout: 5_000 })).toBe(true);
    await runToCompletion(root, 'pruning');
    expect(await reveal.textContent({ timeout: 5_000 })).toMatch(/^On this device: “[^”]+” \(\d+ % pruned\), (the same as|unlike) the typical “90 % or more” \(90 % pruned\)\. You guessed “40 to 70 %”\.$/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('without a guess the answer still comes, and the static question has no live form', async () => {
    const { page } = await open('demo-low-rank/');
    const root = await mounted(page, 'low-rank');
    // The static question is hidden behind the live one, not duplicated.
    expect(await root.locator('.atlas-demo__fallback .atlas-demo__quiz').isHidden({ timeout: 5_000 })).toBe(true);
    await root.getByRole('button', { name: 'Reveal the typical answer' }).click({ timeout: 5_000 });
    expect(await root.locator('.atlas-demo__reveal').textContent({ timeout: 5_000 })).toMatch(/^You did not guess\. Typically: “4 to 8” \(rank 8, measured when the site was built\)\./);
    await page.context().close();
  });

  test.each([
    ['no-preference', 'atlas-demo-reveal'],
    ['reduce', 'none'],
  ] as const)('reveal animation with prefers-reduced-motion: %s → %s', async (reducedMotion, animation) => {
    const { page } = await open('demo-quantization/', { reducedMotion });
    const root = await mounted(page, 'quantization');
    await root.getByRole('button', { name: 'Reveal the typical answer' }).click({ timeout: 5_000 });
    const reveal = root.locator('.atlas-demo__reveal');
    expect(await reveal.evaluate((el) => getComputedStyle(el).animationName)).toBe(animation);
    expect(await root.locator('.atlas-demo__results .atlas-demo__figure').evaluate((el) => getComputedStyle(el).animationName)).toBe(animation);
    // Nothing in the widget transitions either when motion is reduced.
    if (reducedMotion === 'reduce') {
      const moving = await root.evaluate((el) => [...el.querySelectorAll('*')].filter((e) => parseFloat(getComputedStyle(e).transitionDuration) > 0 || getComputedStyle(e).animationName !== 'none').length);
      expect(moving).toBe(0);
    }
    await page.context().close();
  });
});

/** Counts live Worker and ResizeObserver instances (created minus terminated / disconnected). */
function countLiveObjects(): void {
  const live = { workers: 0, workersCreated: 0, observers: 0 };
  (window as unknown as { __atlasLive: typeof live }).__atlasLive = live;
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    #ended = false;
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      live.workers++;
      live.workersCreated++;
    }
    override terminate(): void {
      if (!this.#ended) live.workers--;
      this.#ended = true;
      super.terminate();
    }
  };
  const NativeObserver = window.ResizeObserver;
  window.ResizeObserver = class extends NativeObserver {
    #connected = true;
    constructor(callback: ResizeObserverCallback) {
      super(callback);
      live.observers++;
    }
    override disconnect(): void {
      if (this.#connected) live.observers--;
      this.#connected = false;
      super.disconnect();
    }
  };
}

interface Live {
  workers: number;
  workersCreated: number;
  observers: number;
  canvases: number;
}

function liveObjects(page: Page, name: DemoName): Promise<Live> {
  return page.evaluate((demoName) => {
    const live = (window as unknown as { __atlasLive: Omit<Live, 'canvases'> }).__atlasLive;
    const root = document.querySelector(`.atlas-demo[data-demo="${demoName}"]`);
    return { ...live, canvases: root?.querySelectorAll('canvas').length ?? -1 };
  }, name);
}

describe('island lifecycle', () => {
  test('mounting, running and unmounting many times leaves no worker, observer or canvas behind', async () => {
    const { page, errors } = await open('demo-precision-recall/', { init: countLiveObjects });
    let root = await mounted(page, 'precision-recall');
    const baseline = await liveObjects(page, 'precision-recall');
    expect(baseline).toMatchObject({ workers: 0, workersCreated: 0, canvases: 0 });
    const cycles = 4;
    for (let cycle = 1; cycle <= cycles; cycle++) {
      await runToCompletion(root, 'precision-recall');
      const running = await liveObjects(page, 'precision-recall');
      expect(running.workers).toBe(1);
      expect(running.workersCreated).toBe(cycle);
      expect(running.canvases).toBeGreaterThan(0);
      expect(running.observers).toBeGreaterThan(baseline.observers);
      // Unmount: the placeholder leaves the page (as a client-side router would take it away).
      await root.evaluate((el) => {
        (window as unknown as { __parked: [Element, Node, Node | null] }).__parked = [el, el.parentNode!, el.nextSibling];
        el.remove();
      });
      const parked = (): Promise<[string | null, number, number]> =>
        page.evaluate(() => {
          const [el] = (window as unknown as { __parked: [Element] }).__parked;
          return [el.getAttribute('data-state'), el.querySelectorAll('.atlas-demo__widget').length, el.querySelectorAll('.atlas-demo__fallback .atlas-demo__figure:not([hidden])').length];
        });
      // The island is unmounted: no state, no widget, the static figure back in the fallback.
      await expect.poll(parked, { timeout: 5_000 }).toEqual([null, 0, 1]);
      expect(await liveObjects(page, 'precision-recall')).toMatchObject({ workers: baseline.workers, observers: baseline.observers, workersCreated: cycle });
      // Mount again: put the same placeholder back.
      await page.evaluate(() => {
        const [el, parent, next] = (window as unknown as { __parked: [Element, Node, Node | null] }).__parked;
        parent.insertBefore(el, next);
      });
      root = await mounted(page, 'precision-recall');
      expect(await root.locator('.atlas-demo__widget').count()).toBe(1);
    }
    expect(await liveObjects(page, 'precision-recall')).toEqual({ ...baseline, workersCreated: cycles });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('Cancel then Reset destroys the live chart and its observer; the next run starts a fresh worker', async () => {
    const { page, errors } = await open('demo-tradeoff/', { init: countLiveObjects });
    const root = await mounted(page, 'tradeoff');
    const baseline = await liveObjects(page, 'tradeoff');
    await root.getByRole('button', { name: 'Run', exact: true }).click({ timeout: 5_000 });
    // The live view: charts that grow as models finish.
    await expect.poll(() => root.locator('.atlas-demo__plot canvas').count(), { timeout: RUN_TIMEOUT.tradeoff }).toBeGreaterThan(0);
    expect(await root.getAttribute('data-state', { timeout: 5_000 })).toBe('running');
    expect((await liveObjects(page, 'tradeoff')).observers).toBeGreaterThan(baseline.observers);
    await root.getByRole('button', { name: 'Cancel' }).click({ timeout: 5_000 });
    await expect.poll(() => root.getAttribute('data-state', { timeout: 5_000 })).toBe('cancelled');
    // A cancelled run's worker is gone at once.
    expect((await liveObjects(page, 'tradeoff')).workers).toBe(0);
    await root.getByRole('button', { name: 'Reset' }).click({ timeout: 5_000 });
    expect(await liveObjects(page, 'tradeoff')).toEqual({ ...baseline, workersCreated: 1 });
    expect(await root.locator('.atlas-demo__results .atlas-demo__figure').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('Reset keeps an idle worker: the next run reuses it instead of starting tfjs again', async () => {
    const { page, errors } = await open('demo-fairness/', { init: countLiveObjects });
    const root = await mounted(page, 'fairness');
    await runToCompletion(root, 'fairness');
    expect(await liveObjects(page, 'fairness')).toMatchObject({ workers: 1, workersCreated: 1 });
    await root.getByRole('button', { name: 'Reset' }).click({ timeout: 5_000 });
    expect(await liveObjects(page, 'fairness')).toMatchObject({ workers: 1, workersCreated: 1, canvases: 0 });
    await runToCompletion(root, 'fairness');
    expect(await liveObjects(page, 'fairness')).toMatchObject({ workers: 1, workersCreated: 1 });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('Reset during a run stops it and the widget stays reset', async () => {
    const { page, errors } = await open('demo-tradeoff/', { init: countLiveObjects });
    const root = await mounted(page, 'tradeoff');
    await root.getByRole('button', { name: 'Run', exact: true }).click({ timeout: 5_000 });
    await expect.poll(() => root.locator('.atlas-demo__plot canvas').count(), { timeout: RUN_TIMEOUT.tradeoff }).toBeGreaterThan(0);
    await root.getByRole('button', { name: 'Reset' }).click({ timeout: 5_000 });
    // The interrupted run's rejection arrives after the reset: it must not turn the widget to "cancelled".
    await page.waitForTimeout(300);
    expect(await root.getAttribute('data-state', { timeout: 5_000 })).toBe('ready');
    expect(await root.locator('.atlas-demo__status').textContent({ timeout: 5_000 })).toBe('Reset.');
    expect(await liveObjects(page, 'tradeoff')).toMatchObject({ workers: 0, canvases: 0 });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
