// The build cache must never change what a build produces: after any edit, a warm build (reusing
// the last build's records) gives exactly what a cold build of the edited vault gives, while
// redoing only the notes the edit touches.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readDeployConfig } from '../../../src/config/deployConfig.ts';
import { demoRegistry } from '../../../src/lib/site.ts';
import { BuildCache, openBuildCache } from '../../../src/pipeline/buildCache.ts';
import { loadContent, type LoadedContent } from '../../../src/pipeline/loadContent.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The content once its layout, computed on a worker thread, is there too (the cache records it). */
async function laidOut(...args: Parameters<typeof loadContent>): Promise<LoadedContent> {
  const content = await loadContent(...args);
  await content.laidOut;
  return content;
}

/** Everything the pages are made from, as one comparable string. */
const everything = (c: LoadedContent) =>
  JSON.stringify({ topics: c.topics, links: c.links, relations: c.relations, graph: c.graph.export(), diagnostics: c.diagnostics, redirects: c.redirects, header: c.header, footer: c.footerHtml });

let runs = 0;
/** A copy of a fixture, a cold build of it that fills a cache, then `edit`; returns both builds after. */
async function afterEdit(fixture: string, edit: (dir: string) => void) {
  const dir = join(scratch, `${fixture}-${runs++}`);
  cpSync(join('tests/fixtures', fixture), dir, { recursive: true });
  const deploy = readDeployConfig({ ATLAS_CONTENT: dir, ATLAS_LINKS: 'warn', ATLAS_OUT: join(dir, '.out') });
  const location = { dir: join(dir, '.cache'), contentDir: deploy.contentDir, outDir: deploy.outDir };
  const first = openBuildCache(location, { deploy });
  expect(first.warm).toBe(false);
  await laidOut(deploy, demoRegistry, { cache: first, throwOnError: false });
  first.save();
  edit(dir);
  const cache = openBuildCache(location, { deploy });
  expect(cache.warm).toBe(true);
  const warm = await laidOut(deploy, demoRegistry, { cache, throwOnError: false });
  const cold = await laidOut(deploy, demoRegistry, { cache: new BuildCache('', undefined), throwOnError: false });
  return { warm, cold };
}

const replace = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  expect(next, `edit of ${file} changes it`).not.toBe(text);
  writeFileSync(file, next);
};

describe('a warm build equals a cold build', () => {
  test('with no edit, and then nothing is parsed, transformed or rendered again', async () => {
    const { warm, cold } = await afterEdit('obsidian', () => {});
    expect(everything(warm)).toBe(everything(cold));
    expect(warm.work).toEqual({ parsed: 0, transformed: 0, rendered: 0 });
    expect(cold.work.rendered).toBe(cold.topics.length);
  });

  test('after editing a section another page embeds: the embedding page shows the new text', async () => {
    const { warm, cold } = await afterEdit('obsidian', (dir) => replace(join(dir, 'Headings.md'), /## Section\n/, '## Section\n\nA sentence added under Section.\n'));
    expect(everything(warm)).toBe(everything(cold));
    const host = warm.topics.find((t) => t.title === 'Links and embeds')!;
    expect(host.html).toContain('A sentence added under Section.');
    // The edited page, the page embedding it, and nothing else is rendered.
    expect(warm.work.rendered).toBeLessThan(cold.topics.length);
    expect(warm.work.parsed).toBeLessThanOrEqual(3);
  });

  test('after renaming a heading that another page links to: the link is reported broken', async () => {
    const { warm, cold } = await afterEdit('obsidian', (dir) => replace(join(dir, 'Headings.md'), '### How large can a vault be?', '### How big can a vault be?'));
    expect(everything(warm)).toBe(everything(cold));
    expect(warm.diagnostics.some((d) => d.file.endsWith('Links and embeds.md') && /How large can a vault be/.test(d.message))).toBe(true);
    // What every note may look up changed (an anchor), so each cached transform asks its questions
    // again: those whose answers stand are kept, and only the others are transformed again.
    expect(warm.work.transformed).toBeGreaterThan(0);
    expect(warm.work.transformed).toBeLessThan(cold.work.transformed);
  });

  test('after adding, deleting and renaming notes', async () => {
    const { warm, cold } = await afterEdit('obsidian', (dir) => {
      writeFileSync(join(dir, 'Private note.md'), '---\ntitle: Now public\n---\nLinks back to [[Headings]].\n');
      unlinkSync(join(dir, 'Categories.md'));
      cpSync(join(dir, 'Graph.md'), join(dir, 'Graph renamed.md'));
      unlinkSync(join(dir, 'Graph.md'));
    });
    expect(everything(warm)).toBe(everything(cold));
  });

  test('after a change that alters query results: the page with the query is rendered again', async () => {
    const { warm, cold } = await afterEdit('queries', (dir) =>
      writeFileSync(join(dir, 'Distillation.md'), '---\ntags: [technique]\nrelations:\n  is-a: [Metric]\nfacts:\n  Introduced: "2015"\n---\nKnowledge distillation, added later.\n'),
    );
    expect(everything(warm)).toBe(everything(cold));
    expect(warm.topics.find((t) => t.isHome)!.html).toContain('Distillation');
  });

  test('after editing the site configuration the cache is not used', async () => {
    const dir = join(scratch, 'config');
    cpSync('tests/fixtures/site-config', dir, { recursive: true });
    const deploy = readDeployConfig({ ATLAS_CONTENT: dir, ATLAS_LINKS: 'warn' });
    const location = { dir: join(dir, '.cache'), contentDir: deploy.contentDir, outDir: deploy.outDir };
    const settings = (text: string) => ({ deploy, siteConfig: text });
    const first = openBuildCache(location, settings('a'));
    await laidOut(deploy, demoRegistry, { cache: first, throwOnError: false });
    first.save();
    expect(openBuildCache(location, settings('a')).warm).toBe(true);
    expect(openBuildCache(location, settings('b')).warm).toBe(false);
  });

  test('with the cache off a build records nothing per note; the dev server keeps its records in memory', async () => {
    const deploy = readDeployConfig({ ATLAS_CONTENT: 'tests/fixtures/obsidian', ATLAS_LINKS: 'warn' });
    const where = { dir: undefined, contentDir: deploy.contentDir, outDir: deploy.outDir };
    const off = openBuildCache(where, {});
    const content = await laidOut(deploy, demoRegistry, { cache: off, throwOnError: false });
    expect(content.topics.length).toBeGreaterThan(5);
    expect(off.notes.size).toBe(0);
    const dev = openBuildCache({ ...where, inMemory: true }, {});
    await laidOut(deploy, demoRegistry, { cache: dev, devServer: true, throwOnError: false });
    // Every note file, published or not.
    expect(dev.notes.size).toBeGreaterThanOrEqual(content.topics.length);
  });
});

describe('the dev server after an edit that changes the links', () => {
  test('shows the last analytics at once, and after the background work exactly what a cold build shows', async () => {
    const dir = join(scratch, 'dev');
    cpSync('tests/fixtures/obsidian', dir, { recursive: true });
    const deploy = readDeployConfig({ ATLAS_CONTENT: dir, ATLAS_LINKS: 'warn' });
    let cache = new BuildCache('dev', undefined);
    const first = await laidOut(deploy, demoRegistry, { cache, devServer: true, throwOnError: false });
    expect(first.graphPending).toBeUndefined();
    const before = first.graph.getNodeAttributes('headings');

    writeFileSync(join(dir, 'Linked later.md'), 'Links to [[Headings]], [[Graph]] and [[Tags]].\n');
    cache = cache.next();
    const quick = await laidOut(deploy, demoRegistry, { cache, devServer: true, throwOnError: false });
    expect(quick.graphPending).toBeDefined();
    // Existing topics keep their place and PageRank; the new one sits among its neighbours.
    expect(quick.graph.getNodeAttributes('headings')).toMatchObject({ x: before.x, y: before.y, pagerank: before.pagerank });
    expect(quick.graph.getNodeAttribute('linked-later', 'inDegree')).toBe(0);
    expect(quick.graph.getNodeAttribute('linked-later', 'outDegree')).toBe(3);

    const { analyseOnWorker } = await import('../../../src/pipeline/graphWorker.ts');
    cache.learnGraph(await analyseOnWorker(quick.graph));
    const settled = await laidOut(deploy, demoRegistry, { cache: cache.next(), devServer: true, throwOnError: false });
    expect(settled.graphPending).toBeUndefined();
    const cold = await laidOut(deploy, demoRegistry, { cache: new BuildCache('', undefined), throwOnError: false });
    expect(everything(settled)).toBe(everything(cold));
  });
});

describe('the cache file', () => {
  const location = (name: string) => ({ dir: join(scratch, name), contentDir: join(scratch, `${name}-content`), outDir: join(scratch, `${name}-out`) });
  /** A cache holding `count` notes with distinct records, saved. */
  const saved = (name: string, count: number) => {
    const cache = openBuildCache(location(name), { name });
    for (let i = 0; i < count; i++) {
      cache.notes.set(`notes/${i}.md`, { source: `digest ${i}`, read: { rel: `notes/${i}.md`, diagnostics: [] }, render: { key: `key ${i}`, note: { slug: `n-${i}` as never, html: `<p>Note ${i} — ${'é'.repeat(i % 7)}</p>`, faqHtml: [], diagnostics: [] } } });
    }
    cache.lookups = 'lookups digest';
    cache.save();
    return cache;
  };

  test('reads back every note, in order, from a file of many batches', () => {
    const cache = saved('batches', 1234);
    const again = openBuildCache(location('batches'), { name: 'batches' });
    expect(again.warm).toBe(true);
    expect([...again.previous.keys()]).toEqual([...cache.notes.keys()]);
    expect(again.previous.get('notes/1233.md')).toEqual(cache.notes.get('notes/1233.md'));
    expect(again.previousLookups).toBe('lookups digest');
  });

  test('a truncated file, one with bytes after its end, or one in the old single-buffer format makes a cold build, not an error', async () => {
    const { serialize } = await import('node:v8');
    saved('damaged', 1234);
    const path = openBuildCache(location('damaged'), { name: 'damaged' }).file!;
    const whole = readFileSync(path);
    for (const bytes of [whole.subarray(0, whole.length - 100), whole.subarray(0, 3), Buffer.concat([whole, Buffer.from([1, 2, 3])])]) {
      writeFileSync(path, bytes);
      expect(openBuildCache(location('damaged'), { name: 'damaged' }).warm).toBe(false);
    }
    const stale = openBuildCache(location('damaged'), { name: 'damaged' });
    writeFileSync(path, serialize({ format: 1, stamp: stale.stamp, notes: new Map([['a.md', {}]]) }));
    expect(openBuildCache(location('damaged'), { name: 'damaged' }).warm).toBe(false);
    writeFileSync(path, whole);
    expect(openBuildCache(location('damaged'), { name: 'damaged' }).warm).toBe(true);
  });
});
