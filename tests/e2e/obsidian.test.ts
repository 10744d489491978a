// Any vault as its own site. Two fixture vaults built by the real CLI, served, read in Chromium:
//  - tests/fixtures/obsidian: Obsidian's own Markdown item by item, notes named like site pages, a
//    home note at /, and no site configuration at all (so nothing of our wiki may appear);
//  - tests/fixtures/site-config: a vault whose atlas.yaml sets every part of the site's identity.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildSiteOrThrow, launchChromium, serve, type BuildResult, type Served } from './harness.ts';
import { findBrokenReferences } from './linkChecker.ts';

const STEP = { timeout: 10_000 };

/** Every file of the build as text; gzip-compressed files (the search index) are unpacked first. */
function everyFileAsText(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = join(entry.parentPath, entry.name);
      let bytes = readFileSync(file);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      return { file, text: bytes.toString('utf8') };
    });
}

async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url, { timeout: 15_000 });
  return { page, errors };
}

describe('an Obsidian vault with no configuration', () => {
  let build: BuildResult;
  let site: Served;
  let browser: Browser;

  beforeAll(async () => {
    build = await buildSiteOrThrow({ name: 'obsidian', content: 'tests/fixtures/obsidian' });
    site = await serve(build);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('builds in error mode, reporting only the links to unpublished notes', () => {
    expect(build.output).toContain('[[Private note]] points to a note that is not published');
    expect(build.output).toContain('[[Draft note]] points to a note that is not published');
    expect(build.output).not.toMatch(/ERROR|unresolved/);
  });

  test('no trace of the Efficiency Atlas wiki anywhere in the output', () => {
    for (const { file, text } of everyFileAsText(build.dist)) {
      for (const trace of ['Efficiency Atlas', 'efficiency and model accuracy', 'About Efficiency', 'Balancing Computational']) {
        expect(text.includes(trace), `${file} mentions "${trace}"`).toBe(false);
      }
    }
    const home = readFileSync(join(build.dist, 'index.html'), 'utf8');
    expect(home).toContain('<title>Home — obsidian</title>');
  });

  test('comments, unpublished notes and their text appear in no file at all (HTML, search index, previews, feeds, graph)', () => {
    const files = everyFileAsText(build.dist);
    expect(files.some(({ file }) => file.includes('pagefind'))).toBe(true);
    for (const { file, text } of files) {
      for (const secret of ['HOME-COMMENT-7f3a', 'FORMAT-COMMENT-inline-2b91', 'FORMAT-COMMENT-block-5c07', 'Link inside a comment', 'PRIVATE-NOTE-BODY-91d2', 'DRAFT-NOTE-BODY-3e44']) {
        expect(text.includes(secret), `${file} contains "${secret}"`).toBe(false);
      }
    }
  });

  test('every internal link and fragment resolves, and no page repeats an id', () => {
    const report = findBrokenReferences(build.dist, build.base);
    expect(report.broken).toEqual([]);
    expect(report.duplicateIds).toEqual([]);
    expect(report.checked).toBeGreaterThan(200);
  });

  test('the home note is the home page, its title shown once', async () => {
    const { page } = await openPage(browser, site.url);
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Home']);
    expect(await page.locator('main').getByText('This vault has a home note').count()).toBe(1);
    await page.close();
  });

  test.each([
    ['Tags', 'tags/'],
    ['Attachments', 'attachments/'],
    ['Graph', 'graph/'],
    ['Search', 'search/'],
    ['Topics', 'topics/'],
    ['Categories', 'categories/'],
    ['About', 'about/'],
    ['404', '404/'],
    ['Constructor', 'constructor/'],
    ['__proto__', 'proto/'],
  ])('the note %j lives at /%s and the site pages still work', async (title, path) => {
    const { page, errors } = await openPage(browser, site.url);
    await Promise.all([page.waitForURL(`${site.url}${path}`, STEP), page.locator('main').getByRole('link', { name: title, exact: true }).first().click(STEP)]);
    expect(await page.getByRole('heading', { level: 1 }).textContent(STEP)).toBe(title);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the generator pages live under /-/ beside those notes', async () => {
    for (const [path, heading] of [['-/tags/', 'Tags'], ['-/topics/', 'All topics'], ['-/categories/', 'Categories'], ['-/graph/', 'Knowledge graph'], ['-/search/', 'Search']] as const) {
      const { page } = await openPage(browser, `${site.url}${path}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent(STEP)).toBe(heading);
      await page.close();
    }
    const notFound = await (await fetch(`${site.url}no-such-note/`)).text();
    expect(notFound).toContain('Page not found');
  });

  test('formatting: highlights, escaped brackets, links with emphasis characters, tasks, footnotes, callouts, math', async () => {
    const { page } = await openPage(browser, `${site.url}formatting/`);
    const prose = page.locator('.prose');
    expect((await prose.locator('mark').allTextContents()).map((t) => t.replace(/\s+/g, ' '))).toEqual(['Highlighted text', 'a highlight with bold and a link inside']);
    expect(await prose.locator('mark strong').textContent()).toBe('bold');
    expect(await prose.textContent()).toContain('a == b');
    expect(await prose.textContent()).toContain('Escaped brackets stay text: [[Not a link]].');
    expect(await prose.getByRole('link', { name: '__init__' }).getAttribute('href')).toBe('/init/');
    expect(await prose.getByRole('link', { name: '*args' }).getAttribute('href')).toBe('/args/');
    expect(await prose.locator('code').allTextContents()).toEqual(['[[Also not a link]]', '%%not a comment%%']);
    expect(await prose.getByRole('checkbox').count()).toBe(2);
    expect(await prose.locator('.callout-warning .callout-title').textContent()).toBe('Careful');
    const folded = prose.locator('details.callout-tip');
    expect(await folded.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await prose.locator('.katex').count()).toBe(1);
    expect(await prose.locator('section[data-footnotes] li').count()).toBe(1);
    await page.close();
  });

  test('a Mermaid diagram is drawn under the site CSP, following the theme, with its source kept for no-JS readers', async () => {
    const { page, errors } = await openPage(browser, site.url);
    const figure = page.locator('figure.mermaid');
    await figure.locator('svg').waitFor(STEP);
    expect(await figure.locator('svg text, svg tspan').allTextContents()).toEqual(expect.arrayContaining(['Home', 'Formatting', 'Links']));
    expect(await figure.locator('.mermaid-source').textContent()).toContain('graph LR');
    const fill = () => figure.locator('svg g.node rect, svg g.node polygon').first().evaluate((el) => getComputedStyle(el).fill);
    const light = await fill();
    await page.getByRole('button', { name: 'Dark theme' }).click(STEP);
    await expect.poll(fill, { timeout: 10_000 }).not.toBe(light);
    expect(errors).toEqual([]);
    // Pages without a diagram never load Mermaid.
    const requests: string[] = [];
    const other = await browser.newPage();
    other.on('request', (r) => requests.push(r.url()));
    await other.goto(`${site.url}headings/`, STEP);
    await other.waitForLoadState('networkidle', STEP);
    expect(requests.filter((u) => /mermaid/i.test(u))).toEqual([]);
    await other.close();
    await page.close();
  });

  test('headings: chains and punctuation-insensitive links find their heading; body headings never clash with the page\'s own sections', async () => {
    const { page } = await openPage(browser, `${site.url}reference/links-and-embeds/`);
    const prose = page.locator('.prose');
    expect(await prose.getByRole('link', { name: 'a chain' }).getAttribute('href')).toBe('/headings/#subsection');
    expect(await prose.getByRole('link', { name: 'Headings › How large can a vault be' }).getAttribute('href')).toBe('/headings/#how-large-can-a-vault-be');
    expect(await prose.getByRole('link', { name: 'case does not matter' }).getAttribute('href')).toBe('/headings/#subsection-1');
    await page.goto(`${site.url}headings/`, STEP);
    const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await page.locator('#references').count()).toBe(0);
    expect(await page.locator('#backlinks-heading').textContent()).toBe('What links here');
    expect(await page.locator('.prose h2', { hasText: 'References' }).getAttribute('id')).toBe('references-1');
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Headings']);
    await page.close();
  });

  test('block ids on paragraphs, list items, tables and embeds are link targets', async () => {
    const { page } = await openPage(browser, `${site.url}reference/links-and-embeds/`);
    expect(await page.locator('[id="^para-block"]').textContent()).toContain('A paragraph with a block id.');
    expect(await page.locator('[id="^list-block"]').textContent()).toContain('second item');
    expect(await page.locator('[id="^table-block"]').evaluate((e) => e.tagName)).toBe('TABLE');
    expect(await page.locator('[id="^image-block"] img, img[id="^image-block"]').count()).toBe(1);
    expect(await page.locator('[id="^callout-block"]').getAttribute('class')).toBe('callout callout-note');
    await page.close();
  });

  test('attachments: links, PDF, audio, video and sized images embed the right element', async () => {
    const { page } = await openPage(browser, `${site.url}reference/links-and-embeds/`);
    const prose = page.locator('.prose');
    expect(await prose.getByRole('link', { name: 'the report' }).getAttribute('href')).toBe('/-/attachments/Media/report.pdf');
    expect(await prose.locator('figure.embed-pdf iframe').getAttribute('src')).toBe('/-/attachments/Media/report.pdf');
    expect(await prose.locator('audio').evaluateAll((els) => els.map((e) => e.getAttribute('src')))).toEqual(['/-/attachments/Media/clip.mp3', '/-/attachments/Media/sound.ogg', '/-/attachments/Media/tone.wav']);
    expect(await prose.locator('video').evaluateAll((els) => els.map((e) => e.getAttribute('src')))).toEqual(['/-/attachments/Media/movie.mp4', '/-/attachments/Media/movie.webm']);
    const sized = await prose.locator('img').evaluateAll((els) => els.map((e) => [e.getAttribute('width'), e.getAttribute('height')]));
    expect(sized).toEqual([[null, null], ['300', null], ['300', '200']]);
    expect(await prose.locator('img').first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(32);
    const pdf = await page.request.get(`${site.url}-/attachments/Media/report.pdf`);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // An embedded section, and unpublished notes as plain text.
    expect(await prose.locator('aside.transclusion h3').textContent()).toBe('Subsection');
    expect(await prose.getByText('A link to an unpublished note: Private note; and to a draft: Draft note.').count()).toBe(1);
    expect(await prose.getByRole('link', { name: 'Private note' }).count()).toBe(0);
    await page.close();
  });

  test('frontmatter in every form Obsidian accepts: string lists, singular keys, nested tags, cssclasses', async () => {
    const { page } = await openPage(browser, `${site.url}frontmatter/frontmatter-forms/`);
    expect(await page.locator('.tags a.tag').allTextContents()).toEqual(['#alpha', '#beta']);
    expect(await page.locator('.infobox').getByText('First alias, Second alias').count()).toBe(1);
    expect(await page.locator('article.topic').getAttribute('class')).toBe('topic wide cards legacy');
    await page.goto(`${site.url}frontmatter/singular-keys/`, STEP);
    expect(await page.locator('.tags a.tag').allTextContents()).toEqual(['#from-tag-key', '#area/sub/leaf']);
    // Aliases get redirect pages; every level of a nested tag has its page.
    await page.goto(`${site.url}single-key-alias/`, STEP);
    await page.waitForURL(`${site.url}frontmatter/singular-keys/`, STEP);
    await page.goto(`${site.url}-/tags/area/`, STEP);
    expect(await page.locator('.topic-list a').allTextContents()).toEqual(['Formatting', 'Singular keys']);
    expect(await page.getByRole('list', { name: 'Tags below this one' }).getByRole('link').allTextContents()).toEqual(['#area/sub']);
    await page.goto(`${site.url}-/tags/area/sub/leaf/`, STEP);
    expect(await page.locator('.topic-list a').allTextContents()).toEqual(['Singular keys']);
    await page.goto(`${site.url}-/categories/`, STEP);
    expect(await page.locator('.topic-list a').allTextContents()).toEqual(['Recipe']);
    await page.close();
  });
});

describe('a vault with its own site configuration', () => {
  let build: BuildResult;
  let site: Served;
  let browser: Browser;

  beforeAll(async () => {
    build = await buildSiteOrThrow({ name: 'site-config', content: 'tests/fixtures/site-config' });
    site = await serve(build);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('name, language, logo, favicon, accent, header and footer come from atlas.yaml', async () => {
    const { page, errors } = await openPage(browser, site.url);
    expect(await page.title()).toBe('Welcome — Field Notes');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    const brand = page.locator('header .brand');
    expect(await brand.textContent()).toBe('Field Notes');
    expect(await brand.locator('img').getAttribute('src')).toBe('/-/attachments/assets/logo.svg');
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/-/attachments/assets/logo.svg');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent-base').trim())).toBe('#8b2fc9');
    const nav = page.getByRole('navigation', { name: 'Site' });
    expect(await nav.getByRole('link', { name: 'Guide' }).getAttribute('href')).toBe('/guide/');
    expect(await nav.getByRole('link', { name: 'Project home' }).getAttribute('href')).toBe('https://example.org/project');
    const footer = page.locator('footer');
    expect(await footer.locator('em').textContent()).toBe('no rights reserved');
    expect(await footer.getByRole('link', { name: 'Guide' }).getAttribute('href')).toBe('/guide/');
    expect(await footer.getByRole('link', { name: 'Contact' }).getAttribute('href')).toBe('mailto:team@example.org');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the configured home note is the home page; its own path redirects there', async () => {
    const { page } = await openPage(browser, `${site.url}welcome/`);
    await page.waitForURL(site.url, STEP);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome');
    await page.close();
  });

  test('categories come in the configured order; a vault relation type reads in its own words', async () => {
    const { page } = await openPage(browser, `${site.url}-/categories/`);
    expect(await page.locator('.topic-list a').allTextContents()).toEqual(['Recipe', 'Technique']);
    await page.goto(`${site.url}guide/`, STEP);
    expect(await page.locator('section.relations li').textContent()).toBe('Guide cites Paper');
    await page.goto(`${site.url}paper/`, STEP);
    expect(await page.locator('section.relations li').textContent()).toBe('Paper is cited by Guide');
    await page.close();
  });

  test('external images: an allowed origin is shown and in the CSP; any other becomes a link', async () => {
    const { page } = await openPage(browser, `${site.url}guide/`);
    expect(await page.locator('.prose img').getAttribute('src')).toBe('https://images.example.org/figure.png');
    expect(await page.locator('.prose a.external-image').getAttribute('href')).toBe('https://tracker.example.net/pixel.png');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("img-src 'self' data: blob: https://images.example.org;");
    expect(build.output).toContain('image from https://tracker.example.net is shown as a link');
    await page.close();
  });

  test('feeds and structured data carry the site\'s name', async () => {
    const rss = readFileSync(join(build.dist, 'rss.xml'), 'utf8');
    expect(rss).toContain('<title>Field Notes</title>');
    expect(rss).toContain('<language>de</language>');
    const jsonld = JSON.parse(readFileSync(join(build.dist, '-/graph.jsonld'), 'utf8'));
    expect(jsonld.name).toBe('Field Notes');
    const page = readFileSync(join(build.dist, 'guide/index.html'), 'utf8');
    const term = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(page)![1]!);
    expect(term.inDefinedTermSet).toBe(jsonld['@id']);
  });
});
