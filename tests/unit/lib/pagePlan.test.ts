// The page plan of a build (src/lib/pagePlan.ts): what clearing the output folder keeps and removes,
// which topic pages a second build with the same content leaves as they are, and what makes it
// write a page again.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clearOutputForBuild, outputFile, planPages, savePagePlan } from '../../../src/lib/pagePlan.ts';
import type { Site } from '../../../src/lib/site.ts';
import { topicView } from '../../../src/lib/topicView.ts';
import { siteWithoutCache } from '../siteWithoutCache.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-page-plan-'));
const outDir = join(scratch, 'dist');
const manifest = join(scratch, 'cache', 'pages.json');
let site: Site;

beforeAll(async () => {
  site = await siteWithoutCache({ ATLAS_CONTENT: 'tests/fixtures/basic', ATLAS_LINKS: 'warn', ATLAS_OUT: outDir });
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const write = (path: string, text = 'old') => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
const pageOf = (slug: string) => outputFile(outDir, site, site.bySlug.get(slug as never)!.url);
const searchFile = () => join(outDir, ...site.routes.pagefind().slice(site.base.length).split('/'), 'pagefind-entry.json');

describe('clearing the output folder', () => {
  test('keeps the pages this build writes again, the search index, a git folder and the server bundle Astro is writing; removes the rest and the manifest', () => {
    rmSync(outDir, { recursive: true, force: true });
    for (const topic of site.topics) write(pageOf(topic.slug));
    write(join(outDir, 'deleted-note', 'index.html'));
    write(join(outDir, '_astro', 'old-asset.js'));
    write(join(outDir, '.git', 'HEAD'));
    // Astro bundles the server code here (an output folder inside the project) while the model is built.
    write(join(outDir, '.prerender', 'chunks', 'runtime.mjs'));
    write(searchFile());
    write(manifest, '{}');

    clearOutputForBuild(site, outDir, manifest, 'stamp');

    expect(site.topics.length).toBeGreaterThan(2);
    for (const topic of site.topics) expect(existsSync(pageOf(topic.slug)), topic.slug).toBe(true);
    expect(existsSync(join(outDir, '.git', 'HEAD'))).toBe(true);
    expect(existsSync(join(outDir, '.prerender', 'chunks', 'runtime.mjs'))).toBe(true);
    expect(existsSync(searchFile())).toBe(true);
    expect(existsSync(join(outDir, 'deleted-note'))).toBe(false);
    expect(existsSync(join(outDir, '_astro'))).toBe(false);
    // Until the build finishes and saves a new one, there is no manifest: a build stopped half-way is followed by a cold one.
    expect(existsSync(manifest)).toBe(false);
  });
});

describe('planning the pages', () => {
  const plan = (stamp = 'stamp') => planPages(site, clearOutputForBuild(site, outDir, manifest, stamp));

  test('a first build writes every page; the next, with the same content, none but the home page', () => {
    rmSync(outDir, { recursive: true, force: true });
    const first = plan();
    expect(first.unchanged.size).toBe(0);
    expect(Object.keys(first.digests).sort()).toEqual(site.topics.map((t) => t.slug).sort());
    for (const topic of site.topics) write(pageOf(topic.slug), 'rendered');
    savePagePlan(first, site, manifest, 'stamp');

    const second = plan();
    const notHome = site.topics.filter((t) => !t.isHome).map((t) => t.slug);
    expect([...second.unchanged].sort()).toEqual(notHome.sort());
    expect(second.digests).toEqual(first.digests);
    savePagePlan(second, site, manifest, 'stamp');
  });

  test('keeps the view of a page it writes again for that page, and not that of a page it leaves as it is', () => {
    const [kept, written] = site.topics.filter((t) => !t.isHome);
    const before = [topicView(site, kept!), topicView(site, written!)];
    rmSync(pageOf(written!.slug));
    const next = plan();
    expect(next.unchanged.has(kept!.slug)).toBe(true);
    expect(next.unchanged.has(written!.slug)).toBe(false);
    expect(topicView(site, written!)).toBe(before[1]);
    // Asked for again, the view of the page left as it is is made anew.
    expect(topicView(site, kept!)).not.toBe(before[0]);
    expect(topicView(site, kept!)).toEqual(before[0]);
    write(pageOf(written!.slug), 'rendered');
    savePagePlan(next, site, manifest, 'stamp');
  });

  test('a page whose file is gone is written again, and a different generator stamp writes them all', () => {
    const [gone] = site.topics.filter((t) => !t.isHome);
    rmSync(pageOf(gone!.slug));
    const missing = plan();
    expect(missing.unchanged.has(gone!.slug)).toBe(false);
    expect(missing.unchanged.size).toBe(site.topics.filter((t) => !t.isHome).length - 1);
    write(pageOf(gone!.slug), 'rendered');
    savePagePlan(missing, site, manifest, 'stamp');

    expect(plan('another stamp').unchanged.size).toBe(0);
  });

  test('without a manifest (the cache off) nothing is compared and no digests are taken', () => {
    const off = planPages(site, clearOutputForBuild(site, outDir, undefined, ''));
    expect(off.unchanged.size).toBe(0);
    expect(off.digests).toEqual({});
  });
});
