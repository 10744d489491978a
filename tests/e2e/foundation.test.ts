// The foundation end to end: fixture vaults built by the real CLI, served, read in Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildSite, buildSiteOrThrow, launchChromium, serve, type Served } from './harness.ts';
import { findBrokenReferences } from './linkChecker.ts';

describe('build exit codes and messages', () => {
  test('unresolved links fail the build with every location listed and no stack trace', async () => {
    const result = await buildSite({ name: 'broken-error', content: 'tests/fixtures/broken-links' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('tests/fixtures/broken-links/Home.md:4:40 unresolved [[Foo]] — did you mean "Food"?');
    expect(result.output).toContain('tests/fixtures/broken-links/Home.md:6:35 unresolved heading [[Food#Desserts]] — "Food" has no heading "Desserts"');
    expect(result.output).toContain('tests/fixtures/broken-links/Home.md:6:65 unresolved [[Nothing At All]] — create the page or fix the name');
    expect(result.output).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  test('warn mode builds, prints the same list and renders missing-page links', async () => {
    const result = await buildSiteOrThrow({ name: 'broken-warn', content: 'tests/fixtures/broken-links', links: 'warn' });
    expect(result.output).toContain('tests/fixtures/broken-links/Home.md:4:40 unresolved [[Foo]] — did you mean "Food"?');
    const { broken } = findBrokenReferences(result.dist, result.base);
    expect(broken).toEqual([]);
  });

  test('slug collisions fail the build naming both files', async () => {
    const result = await buildSite({ name: 'slug-collision', content: 'tests/fixtures/slug-collision' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('tests/fixtures/slug-collision/foo-bar.md:1:1 URL /foo-bar/ is also the URL of tests/fixtures/slug-collision/Foo Bar.md');
  });
});

describe.each([
  ['root', '/'],
  ['sub-path', '/wiki/'],
])('basic vault served at %s', (name, base) => {
  let browser: Browser;
  let site: Served;
  let dist: string;

  beforeAll(async () => {
    const build = await buildSiteOrThrow({ name: `basic-${name}`, content: 'tests/fixtures/basic', links: 'warn', base });
    dist = build.dist;
    site = await serve(build);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('every internal href and src resolves', () => {
    const { checked, broken } = findBrokenReferences(dist, base);
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  test('a reader follows a wikilink, a heading link and sees backlinks with their sentence', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.url}techniques/model-pruning/`, { timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 1 }).textContent({ timeout: 5_000 })).resolves.toBe('Model pruning');

    await page.getByRole('link', { name: 'quantizing weights' }).click({ timeout: 5_000 });
    await page.waitForURL(`${site.url}notes/quantization/`, { timeout: 5_000 });
    const backlinks = page.getByRole('region', { name: 'What links here' });
    await expect(backlinks.getByRole('link', { name: 'Model pruning' }).count()).resolves.toBe(1);
    await expect(backlinks.textContent({ timeout: 5_000 })).resolves.toContain('It is described in Efficiency › Measuring and relates to quantizing weights.');

    await page.getByRole('link', { name: 'Model pruning › Details' }).click({ timeout: 5_000 });
    await page.waitForURL(`${site.url}techniques/model-pruning/#details`, { timeout: 5_000 });
    expect(await page.locator('#details').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the A–Z index lists every page and the image attachment loads', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}-/topics/`, { timeout: 15_000 });
    const titles = await page.locator('.topic-list a').allTextContents();
    expect(titles).toEqual(['Efficiency', 'Model pruning', 'Quantization']);
    const response = await page.request.get(`${site.url}-/attachments/diagram.png`, { timeout: 5_000 });
    expect(response.status()).toBe(200);
    await page.close();
  });

  test('_headers carries caching and the same Content-Security-Policy as the pages', async () => {
    const headers = readFileSync(join(dist, '_headers'), 'utf8');
    expect(headers).toContain(`${base}_astro/*\n  Cache-Control: public, max-age=31536000, immutable`);
    const html = readFileSync(join(dist, 'techniques/model-pruning/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toContain("script-src 'self' 'sha256-");
    expect(headers).toContain(`Content-Security-Policy: ${meta!.replace(/&#39;/g, "'")}; frame-ancestors 'self'`);
  });

  test('unknown URLs get the 404 page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${site.url}no-such-page/`, { timeout: 15_000 });
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page not found');
    await page.close();
  });
});
