// The local-graph step of a static build (src/integration/localGraphs.ts): begun with the build, it
// writes every topic's file where the page's local graph asks for it, each what the dev server serves
// for that topic; the step after the pages finishes what the worker has not; a warm build that kept
// the last build's files writes none.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { writeLocalGraphs } from '../../src/integration/localGraphs.ts';
import { localGraphData } from '../../src/lib/localGraphData.ts';
import { outputFile, setPagePlan, type PagePlan } from '../../src/lib/pagePlan.ts';
import type { Site } from '../../src/lib/site.ts';
import { siteWithoutCache } from './siteWithoutCache.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-local-graph-step-'));
let site: Site;

beforeAll(async () => {
  site = await siteWithoutCache({ ATLAS_CONTENT: 'tests/fixtures/graph', ATLAS_LINKS: 'warn', ATLAS_OUT: join(scratch, 'unused') });
}, 60_000);

afterEach(() => setPagePlan(undefined));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fileOf = (outDir: string, slug: Site['topics'][number]['slug']) => outputFile(outDir, site, site.routes.neighbourhood(slug));

test('every topic gets the file its page asks for, as the dev server serves it', { timeout: 30_000 }, async () => {
  const outDir = join(scratch, 'cold');
  const started = writeLocalGraphs.start({ outDir, site });
  expect(started).toBeDefined();
  await writeLocalGraphs({ site, started });
  expect(site.topics.length).toBeGreaterThan(1);
  for (const topic of site.topics) {
    expect(readFileSync(fileOf(outDir, topic.slug), 'utf8'), topic.slug).toBe(localGraphData(site, topic.slug));
  }
});

test('a warm build that kept the last build’s files writes none', async () => {
  const outDir = join(scratch, 'warm');
  setPagePlan({ localGraphsKept: true } as PagePlan);
  const started = writeLocalGraphs.start({ outDir, site });
  expect(started).toBeUndefined();
  await writeLocalGraphs({ site, started });
  expect(existsSync(outDir)).toBe(false);
});
