// The redirect pages of a static build (src/integration/redirects.ts): one file per alias and per
// moved home note, each sending the reader to its topic; never over a topic's own page; none written
// when a warm build kept the last build's.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { writeRedirectPages } from '../../src/integration/redirects.ts';
import { redirects } from '../../src/lib/aliases.ts';
import { outputFile, setPagePlan, type PagePlan } from '../../src/lib/pagePlan.ts';
import type { Site } from '../../src/lib/site.ts';
import { siteWithoutCache } from './siteWithoutCache.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-redirects-'));
let site: Site;

beforeAll(async () => {
  site = await siteWithoutCache({ ATLAS_CONTENT: 'tests/fixtures/basic', ATLAS_LINKS: 'warn', ATLAS_OUT: join(scratch, 'unused') });
}, 60_000);

afterEach(() => setPagePlan(undefined));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('each alias gets a page that sends the reader to its topic, and no topic page is written over', async () => {
  const outDir = join(scratch, 'cold');
  await writeRedirectPages.start!({ outDir, site });
  const expected = redirects(site);
  // The fixture's aliases ("pruning" for Model pruning, "quantization") are there to be redirected.
  expect(expected.length).toBeGreaterThan(0);
  for (const { path, to } of expected) {
    const topic = site.bySlug.get(to)!;
    const html = readFileSync(join(outDir, path, 'index.html'), 'utf8');
    expect(html, path).toContain(`<meta http-equiv="refresh" content="0; url=${topic.url}">`);
    expect(html, path).toContain(`<link rel="canonical" href="${new URL(topic.url, `${site.origin}/`).href}">`);
  }
  for (const topic of site.topics) expect(existsSync(outputFile(outDir, site, topic.url)), topic.url).toBe(false);
});

test('a warm build that kept the last build’s redirect pages writes none', async () => {
  const outDir = join(scratch, 'warm');
  setPagePlan({ redirectsKept: true } as PagePlan);
  await writeRedirectPages.start!({ outDir, site });
  expect(existsSync(outDir)).toBe(false);
});
