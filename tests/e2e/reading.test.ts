// What a reader sees on topic pages and around the site, in Chromium, at the root and under /wiki/.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildSiteOrThrow, launchChromium, serve, type Served } from './harness.ts';
import { findBrokenReferences } from './linkChecker.ts';

describe.each([
  ['root', '/'],
  ['sub-path', '/wiki/'],
])('reading fixture served at %s', (name, base) => {
  let browser: Browser;
  let site: Served;
  let dist: string;

  beforeAll(async () => {
    const build = await buildSiteOrThrow({ name: `reading-${name}`, content: 'tests/fixtures/reading', base });
    dist = build.dist;
    site = await serve(build);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('every internal href and src resolves', () => {
    expect(findBrokenReferences(dist, base).broken).toEqual([]);
  });

  test('a topic page shows infobox, contents, FAQ, references, relations, backlinks, related topics and tags', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.url}topics/alpha/`, { timeout: 15_000 });

    const infobox = page.getByRole('table', { name: 'Alpha method' });
    expect(await infobox.getByRole('row').allInnerTexts()).toEqual(['Category\tTechnique', 'Also known as\talpha, the A method', 'Introduced\t1999', 'Inventor\tA. Author']);

    const toc = page.getByRole('navigation', { name: 'Contents' });
    expect(await toc.getByRole('link').allTextContents()).toEqual(['How it works', 'First step', 'Limitations', 'Frequently asked questions', 'References', 'What links here']);
    await toc.getByRole('link', { name: 'Limitations' }).click({ timeout: 5_000 });
    await page.waitForURL(/#limitations$/, { timeout: 5_000 });

    const faq = page.getByRole('region', { name: 'Frequently asked questions' });
    expect(await faq.locator('dt').allTextContents()).toEqual(['Is Alpha fast?', 'Does Alpha need data?']);
    expect(await faq.getByRole('link', { name: 'the goal' }).getAttribute('href')).toBe(`${base}topics/beta/`);

    const refs = page.getByRole('region', { name: 'References' });
    expect(await refs.locator('li').allInnerTexts()).toEqual(['Author, A.; Writer, B. (1999). The Alpha paper. Journal of Fixtures.', 'Other, C. (2004). Alpha revisited.']);
    expect(await refs.getByRole('link', { name: 'The Alpha paper' }).getAttribute('href')).toBe('https://example.org/alpha');

    const relations = page.getByRole('region', { name: 'Relations' });
    expect(await relations.locator('li').allInnerTexts()).toEqual(['Alpha method is a technique for Beta goal', 'Alpha method is measured by Gamma score']);

    const backlinks = page.getByRole('region', { name: 'What links here' });
    expect(await backlinks.getByRole('link').allTextContents()).toEqual(['Beta goal', 'Gamma score']);
    expect(await backlinks.innerText()).toContain('The classic way to get there is the Alpha method, which is cheap.');

    const related = page.getByRole('region', { name: 'Related topics' });
    expect(await related.getByRole('link').allTextContents()).toContain('Delta');

    expect(await page.getByRole('region', { name: 'Tags' }).getByRole('link').allTextContents()).toEqual(['#fixture', '#compression']);
    const jsonLd = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(jsonLd.map((j) => JSON.parse(j)['@type'])).toEqual(['DefinedTerm', 'WebPage', 'FAQPage']);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the other side of a relation reads in the inverse wording', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}topics/beta/`, { timeout: 15_000 });
    expect(await page.getByRole('region', { name: 'Relations' }).locator('li').allInnerTexts()).toEqual(['Beta goal is served by technique Alpha method']);
    await page.close();
  });

  test('hover previews show the target summary on mouse hover and on keyboard focus; Escape dismisses', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}topics/beta/`, { timeout: 15_000 });
    const link = page.locator('.prose a.wikilink', { hasText: 'the Alpha method' });
    const tooltip = page.getByRole('tooltip');
    await link.hover({ timeout: 5_000 });
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await tooltip.innerText()).toContain('Alpha is a fixture technique for checking topic pages.');
    expect(await tooltip.innerText()).toContain('Technique');
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'hidden', timeout: 5_000 });

    await page.locator('.prose a.wikilink', { hasText: 'Delta' }).focus({ timeout: 5_000 });
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await tooltip.innerText()).toContain('Delta is two links away from Alpha.');
    await page.keyboard.press('Escape');
    await tooltip.waitFor({ state: 'hidden', timeout: 5_000 });
    await page.close();
  });

  test('the theme toggle persists across reloads, with no flash of the other theme', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${site.url}topics/alpha/`, { timeout: 15_000 });
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await background();
    await page.getByRole('button', { name: 'Dark theme' }).click({ timeout: 5_000 });
    expect(await background()).not.toBe(light);
    await page.reload({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');
    await context.close();
  });

  test('the graph page links the downloads, and they are served', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}-/graph/`, { timeout: 15_000 });
    expect(await page.getByRole('navigation', { name: 'Site' }).isVisible()).toBe(true);
    const response = await page.request.get(new URL(await page.getByRole('link', { name: 'graph.json', exact: true }).getAttribute('href') ?? '', page.url()).href);
    expect(response.status()).toBe(200);
    await page.close();
  });

  test('an alias URL lands on the canonical page', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}the-a-method/`, { timeout: 15_000 });
    await page.waitForURL(`${site.url}topics/alpha/`, { timeout: 5_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Alpha method');
    await page.close();
  });

  test('with JavaScript disabled every page reads and navigates', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url, { timeout: 15_000 });
    // No home note in this vault: the home page is the site's own, named after the vault folder.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('reading');
    await page.getByRole('region', { name: 'Most important topics' }).getByRole('link', { name: 'Alpha method' }).click({ timeout: 5_000 });
    await page.waitForURL(`${site.url}topics/alpha/`, { timeout: 5_000 });
    await page.getByRole('link', { name: 'Beta goal' }).first().click({ timeout: 5_000 });
    await page.waitForURL(`${site.url}topics/beta/`, { timeout: 5_000 });
    await page.getByRole('link', { name: 'All topics' }).first().click({ timeout: 5_000 });
    expect(await page.locator('.topic-list a').allTextContents()).toEqual(['Alpha method', 'Beta goal', 'Delta', 'Gamma score']);
    await context.close();
  });

  test.each([
    ['home', ''],
    ['topic', 'topics/alpha/'],
    ['category', '-/categories/technique/'],
  ])('axe finds no serious or critical violations on the %s page, in both themes', async (_, path) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context: BrowserContext = await browser.newContext({ colorScheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${site.url}${path}`, { timeout: 15_000 });
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${colorScheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await context.close();
    }
  });
});

test('a 360 px wide screen does not scroll sideways', async () => {
  const build = await buildSiteOrThrow({ name: 'reading-root', content: 'tests/fixtures/reading' });
  const site = await serve(build);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${site.url}topics/alpha/`, { timeout: 15_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await browser.close();
  await site.close();
});
