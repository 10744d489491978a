// Hostile content in a real browser. The payload vault (tests/fixtures/payloads, listed in its
// README) is built by the real CLI and every page of it is opened in Chromium with the
// Content-Security-Policy stripped from the HTML on its way to the browser, so what is tested is
// the sanitizer and the templates, not the CSP: every link is hovered and focused, Mermaid
// diagrams are drawn, and no dialog may open, no frame may leave http(s), no request may leave for
// an origin the site does not allow, no style of the content's may apply, and no page script may
// fail. The feeds and exports of the same build must parse with strict parsers. Then, with the CSP
// in place, every page of the shipped wiki is opened and no page may report a CSP violation.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Element as HastElement } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import sax from 'sax';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { THEME_INIT_SCRIPT } from '../../src/lib/security.ts';
import { buildSiteOrThrow, launchChromium, serve, type BuildResult, type Served } from './harness.ts';
import { htmlFiles } from './linkChecker.ts';
import { headersFor, parseHeadersFile } from '../hostHeaders.ts';

const PAYLOADS = 'tests/fixtures/payloads';
const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>/i;
/** The allowed image origin of the payload vault's atlas.yaml: its requests are answered with a tiny PNG. */
const ALLOWED_IMAGE_ORIGIN = 'https://images.example.org';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const STEP = { timeout: 10_000 };

/** The site URL of a built HTML file: `a/index.html` → `<base>a/`. */
function pageUrl(site: Served, build: BuildResult, file: string): string {
  return site.url + relative(build.dist, file).split('\\').join('/').replace(/(^|\/)index\.html$/, '$1');
}

/** What one page did that it must not do. */
interface Findings {
  dialogs: string[];
  navigations: string[];
  popups: string[];
  scriptErrors: string[];
}

/** The styles a page of the site's own is drawn with, for the elements content would like to restyle. */
const STYLED = ['html', 'body', 'main', 'header.site-header', 'footer.site-footer', 'main .prose'] as const;
const PROPERTIES = ['display', 'visibility', 'opacity', 'position', 'background-color', 'background-image', 'color', 'font-family', 'font-size', 'transform', 'filter'] as const;

/** Computed styles of the elements in STYLED that the page has. */
function computedStyles(page: Page): Promise<Record<string, Record<string, string> | undefined>> {
  return page.evaluate(
    ({ selectors, properties }) =>
      Object.fromEntries(
        selectors.map((selector) => {
          // Called through the prototype: content that clobbers `document.querySelector` must not blind the test.
          const element = Document.prototype.querySelector.call(document, selector);
          const style = element ? getComputedStyle(element) : undefined;
          return [selector, style ? Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)])) : undefined];
        }),
      ),
    { selectors: [...STYLED], properties: [...PROPERTIES] },
  );
}

/**
 * Everything in the live DOM (after the page's own scripts ran) that could run code, leave the
 * site or restyle it, read the way the browser reads it: URLs are resolved by the browser itself.
 */
function unsafeDom(page: Page, themeScript: string): Promise<string[]> {
  return page.evaluate((theme) => {
    const problems: string[] = [];
    // Through the prototype, so that a clobbered `document.querySelectorAll` cannot hide anything.
    const all = (selector: string) => [...Document.prototype.querySelectorAll.call(document, selector)];
    const own = <T,>(name: string) => Object.getOwnPropertyDescriptor(Document.prototype, name)!.get!.call(document) as T;
    const root = own<HTMLElement>('documentElement');
    const describe = (el: Element) => `<${el.localName}${el.id ? `#${el.id}` : ''}> in ${el.parentElement?.closest('[class]')?.className ?? 'document'}`;
    const URL_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'poster', 'data', 'background', 'ping', 'cite', 'longdesc', 'codebase', 'archive', 'manifest', 'lowsrc', 'dynsrc', 'usemap']);
    const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
    // Where the generator itself writes inline styles: KaTeX layout, Shiki colours, Mermaid's SVG,
    // the preview popover, the graph canvases and the accent colour on <html>.
    const trustedStyle = (el: Element) => el === root || !!el.closest('.katex, pre.shiki, figure.mermaid svg, .link-preview, [data-graph-canvas], [data-local-graph] .canvas, .graph-explorer');
    for (const el of all('*')) {
      for (const attribute of el.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`${describe(el)} has the event handler ${name}="${attribute.value}"`);
        if (name === 'srcdoc' || name === 'srcset' || name === 'formaction' || name === 'action' && el.localName !== 'form') problems.push(`${describe(el)} has ${name}="${attribute.value}"`);
        if (name === 'style' && !trustedStyle(el)) problems.push(`${describe(el)} has style="${attribute.value}"`);
        if (URL_ATTRIBUTES.has(name)) {
          let scheme: string;
          try {
            scheme = new URL(attribute.value, location.href).protocol;
          } catch {
            continue; // not a URL the browser could follow
          }
          if (!SAFE_SCHEMES.has(scheme)) problems.push(`${describe(el)} has ${name}="${attribute.value}" (${scheme})`);
        }
      }
    }
    // Anywhere on the page: what only the generator may add (the PDF viewer's frame, its own links).
    const forbidden = ['iframe:not(figure.embed-pdf > iframe)', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta[http-equiv]:not([http-equiv="Content-Security-Policy"])', 'svg set', 'svg animate', 'svg animateMotion', 'svg animateTransform', 'svg use:not(figure.mermaid use)', 'math:not(.katex math)', 'template'];
    for (const selector of forbidden) for (const el of all(selector)) problems.push(`${describe(el)} is present (${selector})`);
    for (const link of all('link[href]:not([rel="canonical"])') as HTMLLinkElement[]) if (new URL(link.href).origin !== location.origin) problems.push(`a <link rel="${link.rel}"> to ${link.href}`);
    // Where content is rendered: no form controls but the task-list checkboxes Markdown makes.
    const content = '.prose, .faq, .site-footer, .infobox, .references, .topic-header';
    for (const selector of ['form', 'button', 'textarea', 'select', 'input:not([type="checkbox"][disabled])']) {
      for (const el of all(`:is(${content}) ${selector}`)) problems.push(`${describe(el)} is present in content (${selector})`);
    }
    for (const script of all('script') as HTMLScriptElement[]) {
      const ours = script.src ? new URL(script.src).origin === location.origin : script.type === 'application/ld+json' || script.textContent === theme;
      if (!ours) problems.push(`a script that is not the site's own: ${script.outerHTML.slice(0, 120)}`);
    }
    for (const style of all('style')) if (!style.closest('figure.mermaid svg')) problems.push(`a <style> element: ${style.textContent?.slice(0, 80)}`);
    for (const sheet of own<StyleSheetList>('styleSheets')) {
      const owner = sheet.ownerNode as Element | null;
      const ours = sheet.href ? new URL(sheet.href).origin === location.origin : !!owner?.closest('figure.mermaid svg');
      if (!ours) problems.push(`a style sheet that is not the site's own: ${sheet.href ?? owner?.outerHTML.slice(0, 80)}`);
    }
    // Named access on document: an element named like a document property would replace it.
    for (const name of ['getElementById', 'querySelector', 'querySelectorAll', 'body', 'cookie', 'location', 'defaultView', 'currentScript', 'forms', 'images', 'documentElement', 'createElement']) {
      const value = (document as unknown as Record<string, unknown>)[name];
      if (value instanceof Element && !(name === 'body' && value === own<HTMLElement>('body')) && !(name === 'documentElement' && value === root)) problems.push(`document.${name} is clobbered by ${describe(value)}`);
    }
    return problems;
  }, themeScript);
}

/** Listens for what a page must never do while it is open. */
function watch(page: Page, origin: string): Findings {
  const findings: Findings = { dialogs: [], navigations: [], popups: [], scriptErrors: [] };
  page.on('dialog', (dialog) => {
    findings.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('framenavigated', (frame) => {
    if (!frame.url().startsWith(origin)) findings.navigations.push(frame.url());
  });
  page.on('popup', (popup) => findings.popups.push(popup.url()));
  page.on('pageerror', (error) => findings.scriptErrors.push(error.message));
  page.on('console', (message) => {
    // Failed image loads (`<img src=x>`) are the network's, not a script's.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) findings.scriptErrors.push(message.text());
  });
  return findings;
}

interface Inspection {
  dom: string[];
  styles: string[];
}

/** What the page's DOM holds that it must not, and which of the site's styles content changed. */
async function inspect(page: Page, baseline: Awaited<ReturnType<typeof computedStyles>>): Promise<Inspection> {
  const styles = await computedStyles(page);
  const changed = Object.entries(styles).flatMap(([selector, values]) =>
    Object.entries(values ?? {})
      .filter(([property, value]) => baseline[selector]?.[property] !== value)
      .map(([property, value]) => `${selector} ${property}: ${value} (site: ${baseline[selector]?.[property]})`),
  );
  return { dom: await unsafeDom(page, THEME_INIT_SCRIPT), styles: changed };
}

describe('the payload vault in Chromium, with its Content-Security-Policy removed', () => {
  let build: BuildResult;
  let site: Served;
  let browser: Browser;
  let context: BrowserContext;
  const stripped = new Set<string>();
  const external: string[] = [];

  beforeAll(async () => {
    build = await buildSiteOrThrow({ name: 'payloads', content: PAYLOADS, links: 'warn' });
    site = await serve(build);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(5_000);
    // Every response passes through here: HTML loses its CSP meta tag; requests to any other
    // origin are never sent (the allowed image origin gets a tiny PNG, everything else is noted).
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === site.origin) {
        const response = await route.fetch();
        if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) return route.fulfill({ response });
        const html = await response.text();
        if (CSP_META.test(html)) stripped.add(decodeURIComponent(url.pathname));
        return route.fulfill({ response, body: html.replace(CSP_META, '') });
      }
      if (url.origin === ALLOWED_IMAGE_ORIGIN) return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
      external.push(`${route.request().resourceType()} ${url.href}`);
      return route.fulfill({ status: 204, body: '' });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('the build names each removal with file and line, and prints no stack trace', () => {
    for (const line of [
      `${PAYLOADS}/Raw HTML schemes.md:6:1 removed href="java\\u0009script:alert('P02')" from <a> — URLs may only be http(s), mailto or relative`,
      `${PAYLOADS}/SVG and MathML.md:4:1 removed xlink:href="javascript:alert('V01')" from <a> — the attribute is not allowed here`,
      `${PAYLOADS}/CSS injection.md:4:1 removed <style> and its content — content cannot restyle the site`,
      `${PAYLOADS}/Dangerous elements.md:6:1 removed <iframe> and its content — content cannot embed other pages or plugins; link to them instead`,
      `${PAYLOADS}/Frontmatter payloads.md:18:1 frontmatter "facts.__proto__": "__proto__" cannot be a key, rename it — ignored facts.__proto__`,
      `${PAYLOADS}/DOM clobbering.md:18:1 removed name="y" from <img> — names are kept on links only: on other elements a name can replace a property of the page’s document`,
      `${PAYLOADS}/Raw HTML schemes.md:32:1 image from https://evil.example is shown as a link — add "https://evil.example" to images.allowedOrigins in atlas.yaml to show it`,
      `${PAYLOADS}/Frontmatter payloads.md:27:1 frontmatter "references.0.url": "javascript:alert('F10')": "javascript:alert('F10')" is not an http(s) or doi: URL — references link only to web pages — ignored references.0.url`,
    ]) {
      expect(build.output).toContain(line);
    }
    expect(build.output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });

  test('the detectors see what payloads would do: a dialog, a foreign style, a handler, a javascript: link', async () => {
    const page = await context.newPage();
    const findings = watch(page, site.origin);
    await page.goto(`${site.url}plain/`, STEP);
    const baseline = await computedStyles(page);
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<style>body{background:red}</style><a href="javascript:void 0">x</a><img src="/x.png" onerror="alert(1)">');
    });
    await expect.poll(() => findings.dialogs, STEP).toEqual(['1']);
    const { dom, styles } = await inspect(page, baseline);
    expect(styles).toEqual([`body background-color: rgb(255, 0, 0) (site: ${baseline['body']!['background-color']})`]);
    expect(dom).toEqual(expect.arrayContaining([expect.stringContaining('onerror'), expect.stringContaining('(javascript:)'), expect.stringContaining('a <style> element')]));
    await page.close();
  });

  test('no page opens a dialog, leaves http(s), reaches another origin, takes the content\'s styles or fails a script', async () => {
    const files = htmlFiles(build.dist).sort();
    expect(files.length).toBeGreaterThan(40);
    const baseline = await (async () => {
      const page = await context.newPage();
      await page.goto(`${site.url}plain/`, STEP);
      const styles = await computedStyles(page);
      await page.close();
      return styles;
    })();
    const report: Record<string, Findings & Inspection> = {};
    let hovered = 0;
    let diagrams = 0;
    let redirects = 0;
    for (const file of files) {
      const url = pageUrl(site, build, file);
      const page = await context.newPage();
      const findings = watch(page, site.origin);
      await page.goto(url, STEP);
      if (readFileSync(file, 'utf8').includes('http-equiv="refresh"')) {
        // An alias page: it must send the reader on to the topic, on this site (checked above);
        // the topic page is opened on its own.
        await page.waitForURL((next) => next.href !== url, STEP);
        await page.waitForLoadState('load', STEP);
        redirects++;
        if (Object.values(findings).some((list) => list.length > 0)) report[relative(build.dist, file)] = { ...findings, dom: [], styles: [] };
        await page.close();
        continue;
      }
      // Every link, in page order: focused (which shows its preview at once) and hovered with the
      // real mouse when it can be seen. One round trip per link keeps ~50 pages within a minute.
      const count = await page.evaluate(() => {
        (window as unknown as { __links: Element[] }).__links = [...Document.prototype.querySelectorAll.call(document, 'a[href], area[href]')];
        return (window as unknown as { __links: Element[] }).__links.length;
      });
      for (let i = 0; i < count; i++) {
        const point = await page.evaluate((index) => {
          const link = (window as unknown as { __links: HTMLElement[] }).__links[index]!;
          link.focus();
          link.scrollIntoView({ block: 'center' });
          const box = link.getBoundingClientRect();
          return box.width > 0 && box.height > 0 && link.checkVisibility() ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : undefined;
        }, i);
        if (point) {
          await page.mouse.move(point.x, point.y);
          hovered++;
        }
      }
      // Mermaid diagrams are drawn when seen: draw each and wait until it is done or has failed.
      const figures = page.locator('figure.mermaid');
      for (let i = 0; i < (await figures.count()); i++) {
        await figures.nth(i).scrollIntoViewIfNeeded();
        await expect.poll(() => figures.nth(i).evaluate((f) => 'rendered' in (f as HTMLElement).dataset || 'error' in (f as HTMLElement).dataset), STEP).toBe(true);
        diagrams++;
      }
      await page.waitForTimeout(350); // a preview's show delay
      const problems = { ...findings, ...(await inspect(page, baseline)) };
      if (Object.values(problems).some((list) => list.length > 0)) report[relative(build.dist, file)] = problems;
      await page.close();
    }
    // Files a browser shows as documents of their own (SVG, XML, any attachment that got through):
    // opened too, since they run with the site's origin.
    const documents = readdirSync(build.dist, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(svg|xml|xhtml|xht|xsl)$/i.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name));
    for (const file of documents) {
      const page = await context.newPage();
      const findings = watch(page, site.origin);
      await page.goto(`${site.url}${relative(build.dist, file).split('\\').join('/')}`, STEP);
      await page.waitForTimeout(200);
      if (Object.values(findings).some((list) => list.length > 0)) report[relative(build.dist, file)] = { ...findings, dom: [], styles: [] };
      await page.close();
    }
    expect(report).toEqual({});
    expect(external).toEqual([]);
    expect(documents.map((file) => relative(build.dist, file)).sort()).toEqual(['-/attachments/files/diagram.svg', 'favicon.svg', 'rss.xml', 'sitemap.xml']);
    // The test exercised what it claims to: the CSP was stripped everywhere, links were hovered,
    // diagrams were drawn, the allowed origin's image was shown.
    const withCsp = files.filter((file) => CSP_META.test(readFileSync(file, 'utf8'))).map((file) => new URL(pageUrl(site, build, file)).pathname);
    expect(withCsp.length).toBeGreaterThan(35);
    expect(withCsp.filter((path) => !stripped.has(decodeURIComponent(path)))).toEqual([]);
    expect(hovered).toBeGreaterThan(500);
    expect(diagrams).toBe(2);
    expect(redirects).toBeGreaterThan(3);
  }, 300_000);

  test('search results for payload words, and payloads in the query strings the site reads back, stay text', async () => {
    const probes = [
      `-/search/?q=${encodeURIComponent("<img src=x onerror=alert('Q1')>")}`,
      `-/search/?q=${encodeURIComponent('"><svg onload=alert(`Q2`)>')}&category=${encodeURIComponent('<b onmouseover=alert(1)>')}&tag=${encodeURIComponent('"><script>alert(1)</script>')}`,
      '-/search/?q=alert',
      `-/graph/?focus=${encodeURIComponent("<img src=x onerror=alert('Q3')>")}`,
      `-/graph/?from=${encodeURIComponent('<script>alert(1)</script>')}&to=${encodeURIComponent("javascript:alert('Q4')")}`,
      `-/graph/?focus=frontmatter-payloads`,
    ];
    const problems: Record<string, Findings & Inspection> = {};
    const baseline = await (async () => {
      const page = await context.newPage();
      await page.goto(`${site.url}-/search/`, STEP);
      const styles = await computedStyles(page);
      await page.close();
      return styles;
    })();
    for (const probe of probes) {
      const page = await context.newPage();
      const findings = watch(page, site.origin);
      await page.goto(`${site.url}${probe}`, STEP);
      await page.waitForLoadState('networkidle', STEP);
      if (probe === '-/search/?q=alert') await expect.poll(() => page.locator('.search-hit-title').count(), STEP).toBeGreaterThan(3);
      const inspection = await inspect(page, baseline);
      if (Object.values({ ...findings, ...inspection }).some((list) => list.length > 0)) problems[probe] = { ...findings, ...inspection };
      await page.close();
    }
    // The search dialog, with results whose titles, summaries and excerpts are payloads.
    const page = await context.newPage();
    const findings = watch(page, site.origin);
    await page.goto(`${site.url}plain/`, STEP);
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search topics' });
    for (const query of ['alert', 'script', 'onerror', 'payloads']) {
      await dialog.getByRole('combobox').fill(query, STEP);
      await page.waitForFunction((q) => document.getElementById('search-dialog-results')?.dataset['query'] === q, query, STEP);
    }
    expect(await dialog.getByRole('option').count()).toBeGreaterThan(3);
    const inspection = await inspect(page, await computedStyles(page));
    if (Object.values({ ...findings, ...inspection }).some((list) => list.length > 0)) problems['search dialog'] = { ...findings, ...inspection };
    await page.close();
    expect(problems).toEqual({});
  });

  test('an image from an allowed origin is shown; from any other, it is a link', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}raw-html-schemes/`, STEP);
    expect(await page.locator('img[alt="P15b image from an allowed origin"]').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
    expect(await page.getByRole('link', { name: 'P15 image from an origin that is not allowed' }).getAttribute('href')).toBe('https://evil.example/track.png');
    await page.goto(`${site.url}markdown-syntax/`, STEP);
    expect(await page.getByRole('link', { name: 'tracking reference image' }).getAttribute('href')).toBe('https://evil.example/pixel.png');
    // (`/\evil.example/…` stays on the site: Markdown percent-encodes the backslash.)
    expect(await page.locator('.prose img[src]').evaluateAll((images) => images.map((img) => new URL((img as HTMLImageElement).src).host).filter((host) => host !== location.host))).toEqual(['images.example.org']);
    await page.close();
  });

  test('vault files a browser would run on the site are not published; an SVG that only draws is, and is shown', async () => {
    for (const file of ['page.html', 'app.js', 'feed.xml', 'scripted.svg', 'handler.svg', 'linked.svg']) {
      expect(existsSync(join(build.dist, '-/attachments/files', file)), file).toBe(false);
      expect(build.output).toMatch(new RegExp(`${PAYLOADS}/files/${file.replace('.', '\\.')}:\\d+:1 not published: `));
    }
    const page = await context.newPage();
    await page.goto(`${site.url}attachments/`, STEP);
    expect(await page.locator('img[alt="diagram"]').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.close();
  });

  test('payload text is shown as text: titles, summaries, facts, FAQ and references keep every character', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}frontmatter-payloads/`, STEP);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("Frontmatter payloads </script><script>alert('F01')</script>");
    expect(await page.locator('.summary').textContent()).toBe("<img src=x onerror=alert('F02')> </script><!-- ]]> summary");
    expect(await page.locator('.infobox th').allTextContents()).toEqual(['Category', 'Also known as', "<img src=x onerror=alert('F06')>", 'Homepage']);
    expect(await page.locator('.faq dt').textContent()).toBe("</script><script>alert('F07')</script> question?");
    expect(await page.locator('.references a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).protocol))).toEqual(['https:', 'https:']);
    expect(await page.locator('article').getAttribute('class')).toBe('topic xonmouseoveralertF16 bodybackgroundred');
    await page.goto(`${site.url}xml-and-json-breakouts/`, STEP);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('XML and JSON breakouts ]]> <?xml version="1.0"?> <!DOCTYPE x [<!ENTITY e "boom">]> &e; &amp;  nul  vt-esc  \u202E desrever');
    await page.close();
  });

  test('RSS, sitemap and GEXF are well-formed XML (strict sax) with every title intact and no markup from content', () => {
    for (const file of ['rss.xml', 'sitemap.xml', '-/graph.gexf']) {
      const xml = readFileSync(join(build.dist, file), 'utf8');
      const { texts, attributes } = parseStrictXml(xml);
      expect(xml, file).not.toMatch(/<script|<!\[CDATA\[|<\?xml(?![^?]*\?>\n<(rss|urlset|gexf))/i);
      // Characters XML 1.0 cannot carry are gone; everything else arrived.
      expect(xml, file).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      if (file === 'rss.xml') {
        expect(texts).toContain(`"><img src=x onerror=alert('N1')>`);
        expect(texts).toContain("]]><?xml version='1.0'?><!--");
        expect(texts).toContain("Frontmatter payloads </script><script>alert('F01')</script>");
      }
      if (file === '-/graph.gexf') expect(attributes).toContain("Frontmatter payloads </script><script>alert('F01')</script>");
    }
  });

  test('JSON-LD in every page and in graph.jsonld parses, carries the payload titles as data, and cannot close its script element', () => {
    let blocks = 0;
    for (const file of htmlFiles(build.dist)) {
      const html = readFileSync(file, 'utf8');
      const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
      for (const [, json] of scripts) {
        expect(json, file).not.toMatch(/<\/?script|<!--/i);
        expect(() => JSON.parse(json!), file).not.toThrow();
        blocks++;
      }
      // Parsed as a browser parses it, the page has only the site's own scripts.
      const foreign: string[] = [];
      visit(fromHtml(html), 'element', (node: HastElement) => {
        if (node.tagName !== 'script') return;
        const src = node.properties['src'];
        const own = typeof src === 'string' ? src.startsWith(`${build.base}_astro/`) : node.properties['type'] === 'application/ld+json' || toString(node) === THEME_INIT_SCRIPT;
        if (!own) foreign.push(toString(node).slice(0, 80) || String(src));
      });
      expect(foreign, file).toEqual([]);
    }
    expect(blocks).toBeGreaterThan(20);
    const faq = readFileSync(join(build.dist, 'frontmatter-payloads/index.html'), 'utf8');
    const data = [...faq.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(([, json]) => JSON.parse(json!) as Record<string, unknown>);
    expect(data.map((d) => d['@type'])).toEqual(['DefinedTerm', 'WebPage', 'FAQPage']);
    expect(data[0]!['name']).toBe("Frontmatter payloads </script><script>alert('F01')</script>");
    expect(data[1]!['name']).toBe(data[0]!['name']);
    expect(JSON.stringify(data[2])).toContain("</script><script>alert('F07')</script> question?");
    const graph = JSON.parse(readFileSync(join(build.dist, '-/graph.jsonld'), 'utf8')) as unknown;
    expect(JSON.stringify(graph)).toContain("Frontmatter payloads </script><script>alert('F01')</script>");
  });
});

describe('the shipped wiki in Chromium, under its Content-Security-Policy', () => {
  let build: BuildResult;
  let site: Served;
  let browser: Browser;

  beforeAll(async () => {
    // The same build (name and options) as the search tests', so one test run builds the wiki once.
    build = await buildSiteOrThrow({ name: 'search-shipped-wiki', content: 'content', links: 'warn', env: { NODE_ENV: 'production' } });
    // The policy as the deploy headers give it to a page (meta and header, as a host would serve).
    const headers = headersFor(parseHeadersFile(readFileSync(join(build.dist, '_headers'), 'utf8')), build.base);
    site = await serve(build, { 'content-security-policy': headers['content-security-policy']! });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('no page reports a CSP violation or a script error', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const violations: string[] = [];
    await context.exposeFunction('__atlasCspViolation', (page: string, directive: string, blocked: string, source: string) => violations.push(`${page}: ${directive} blocked ${blocked} (${source})`));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __atlasCspViolation(...a: string[]): void }).__atlasCspViolation(location.pathname, e.effectiveDirective, e.blockedURI, `${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const errors: string[] = [];
    // Alias pages only redirect (their topic is opened on its own); everything else is opened.
    const files = htmlFiles(build.dist)
      .filter((file) => !readFileSync(file, 'utf8').includes('http-equiv="refresh"'))
      .sort();
    expect(files.length).toBeGreaterThan(100);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) errors.push(`${page.url()}: ${message.text()}`);
    });
    for (const file of files) {
      await page.goto(pageUrl(site, build, file), STEP);
      await page.waitForLoadState('load', STEP);
      // Islands (local graph, demos, Mermaid) start when seen: bring the whole page into view.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForTimeout(50);
    }
    // Pages with Mermaid, the graph explorer and the search dialog run the most code: exercise them.
    await page.goto(`${site.url}-/graph/`, STEP);
    await page.locator('canvas').first().waitFor(STEP);
    await page.keyboard.press('Control+k');
    const search = page.getByRole('dialog', { name: 'Search topics' });
    await search.getByRole('combobox').fill('pruning', STEP);
    await search.getByRole('option').first().waitFor(STEP);
    await page.waitForTimeout(300);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    // And the listener does hear a violation: an inline script added now is one.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('script'), { textContent: 'void 0' })));
    // (reported once for the meta policy and once for the header's).
    await expect.poll(() => violations.length, STEP).toBeGreaterThan(0);
    expect(violations.every((v) => v.includes('script-src-elem blocked inline'))).toBe(true);
    await context.close();
  }, 240_000);
});

/** Strict XML parse (sax): throws on anything that is not well-formed; returns text and attribute values. */
function parseStrictXml(xml: string): { texts: string[]; attributes: string[] } {
  const parser = sax.parser(true);
  const texts: string[] = [];
  const attributes: string[] = [];
  parser.onerror = (error) => {
    throw error;
  };
  parser.ontext = (text) => texts.push(text);
  parser.onopentag = (tag) => attributes.push(...Object.values(tag.attributes));
  parser.write(xml).close();
  return { texts, attributes };
}
