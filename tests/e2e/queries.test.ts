// Queries in pages, read in Chromium: the table a query renders, its links and their previews,
// "listed by a query" on the listed pages, query edges in the graph explorer, and page dates.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildSiteOrThrow, launchChromium, serve, type Served } from './harness.ts';

const STEP = { timeout: 10_000 };

describe('a vault whose pages ask questions', () => {
  let site: Served;
  let browser: Browser;

  beforeAll(async () => {
    const build = await buildSiteOrThrow({ name: 'queries', content: 'tests/fixtures/queries', links: 'warn' });
    site = await serve(build);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('a query table lists topics as links with their values; an empty query says so', async () => {
    const page = await browser.newPage();
    await page.goto(site.url, STEP);
    const table = page.locator('.query-result table');
    expect(await table.locator('th').allTextContents()).toEqual(['Topic', 'Category', 'Introduced', 'PageRank']);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['Pruning', 'Technique', '1989'],
      ['Quantization', 'Technique', '1990'],
    ]);
    expect(await page.locator('.query-result ul li a').allTextContents()).toEqual(['Classification metric', 'F1 score', 'Precision']);
    expect(await page.locator('.query-result p').allTextContents()).toEqual(['3 topics', 'No topics match this query.']);
    // The links are ordinary links: following one works without JavaScript too.
    await Promise.all([page.waitForURL(`${site.url}pruning/`, STEP), table.getByRole('link', { name: 'Pruning' }).click(STEP)]);
    await page.close();
  });

  test('hovering a query link shows the preview of its topic', async () => {
    const page = await browser.newPage();
    await page.goto(site.url, STEP);
    await page.locator('.query-result ul').getByRole('link', { name: 'F1 score' }).hover(STEP);
    const preview = page.getByRole('tooltip');
    await preview.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await preview.textContent()).toContain('The harmonic mean of precision and recall.');
    await page.close();
  });

  test('a listed page says which page lists it, apart from the links authors wrote', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}pruning/`, STEP);
    const backlinks = page.locator('section.backlinks');
    expect(await backlinks.locator('.listed-by').textContent()).toBe('Listed by a query on Index.');
    expect(await backlinks.locator('ul > li > a').allTextContents()).toEqual(['Quantization']);
    expect(await page.locator('.page-dates time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.close();
  });

  test('the graph explorer can hide what queries list', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}-/graph/`, STEP);
    const filter = page.getByRole('checkbox', { name: /lists \(by query\)/ });
    expect(await filter.isChecked(STEP)).toBe(true);
    expect(await page.getByText(/lists \(by query\) \(5\)/).count()).toBe(1);
    await page.close();
  });
});
