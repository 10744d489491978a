// The search indexing step with a mocked pagefind: what it hands to pagefind, where the index goes,
// and that every kind of pagefind failure is reported through the logger and fails the build.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { buildSearchIndex, htmlForIndex, SearchIndexError, UNUSED_BUNDLE_FILES, urlOf, type SearchIndexArgs } from '../../src/integration/pagefind.ts';

let dist: string;

beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), 'atlas-pagefind-'));
  const page = (rel: string, html: string) => {
    mkdirSync(join(dist, rel, '..'), { recursive: true });
    writeFileSync(join(dist, rel), html);
  };
  page('index.html', '<html><body><h1>Home</h1></body></html>');
  page('techniques/model-pruning/index.html', '<html><body><article data-pagefind-body><h1>Model pruning</h1></article></body></html>');
  page('multilingual/机器学习/index.html', '<html><body><article data-pagefind-body><h1>机器学习</h1><p>机器学习是人工智能的一个分支。</p></article></body></html>');
  page('404.html', '<html><body>Not found</body></html>');
  page('_astro/app.js', 'console.log(1)');
  // A stale index from an earlier build must not be indexed as content.
  page('-/pagefind/old/index.html', '<html><body>stale</body></html>');
});

afterEach(() => rmSync(dist, { recursive: true, force: true }));

function mockPagefind(failures: { create?: string; add?: string; write?: string; reject?: unknown } = {}) {
  const index = {
    addHTMLFile: vi.fn(async (file: { url?: string; content: string }) => {
      if (failures.reject !== undefined) throw failures.reject;
      const errors = failures.add && file.url?.includes('pruning') ? [failures.add] : [];
      return { errors, file: { uniqueWords: 1, url: file.url ?? '', meta: {} } };
    }),
    writeFiles: vi.fn(async ({ outputPath }: { outputPath: string }) => {
      mkdirSync(outputPath, { recursive: true });
      for (const name of ['pagefind.js', 'pagefind-entry.json', ...UNUSED_BUNDLE_FILES]) writeFileSync(join(outputPath, name), '');
      return { errors: failures.write ? [failures.write] : [], outputPath };
    }),
  };
  const pagefind = {
    createIndex: vi.fn(async () => (failures.create ? { errors: [failures.create] } : { errors: [], index })),
    close: vi.fn(async () => null),
  };
  return { pagefind, index, args: pagefind as unknown as SearchIndexArgs['pagefind'] };
}

const makeLogger = () => ({ info: vi.fn(), error: vi.fn() });

describe('buildSearchIndex', () => {
  test('indexes every built topic page by URL, writes the bundle into <dist>/-/pagefind and closes pagefind', async () => {
    const { pagefind, index, args } = mockPagefind();
    const logger = makeLogger();
    const result = await buildSearchIndex({ dir: pathToFileURL(dist + '/'), indexPath: '-/pagefind', pagefind: args, logger });

    expect(pagefind.createIndex).toHaveBeenCalledTimes(1);
    // Pages without an indexable body (home, 404, lists, alias redirects) are not sent.
    const urls = index.addHTMLFile.mock.calls.map(([file]) => file.url).sort();
    expect(urls).toEqual(['/multilingual/%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0/', '/techniques/model-pruning/']);
    const pruning = index.addHTMLFile.mock.calls.find(([file]) => file.url === '/techniques/model-pruning/')![0];
    expect(pruning.content).toBe('<html><body><article data-pagefind-body><h1>Model pruning</h1></article></body></html>');
    expect(index.writeFiles).toHaveBeenCalledWith({ outputPath: join(dist, '-/pagefind') });
    expect(result).toEqual({ files: 2, outputPath: join(dist, '-/pagefind') });
    expect(pagefind.close).toHaveBeenCalledTimes(1);
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/^search index: 2 of 4 HTML files indexed in [\d.]+ s into /));
  });

  test("deletes pagefind's own UI bundles (the site has its own UI) and keeps the search runtime", async () => {
    const { args } = mockPagefind();
    await buildSearchIndex({ dir: dist, indexPath: '-/pagefind', pagefind: args, logger: makeLogger() });
    const files = readdirSync(join(dist, '-/pagefind'));
    expect(files).toContain('pagefind.js');
    expect(files).toContain('pagefind-entry.json');
    for (const name of UNUSED_BUNDLE_FILES) expect(files).not.toContain(name);
  });

  test('hands CJK pages to pagefind with word boundaries, without touching the file on disk', async () => {
    const { index, args } = mockPagefind();
    await buildSearchIndex({ dir: dist, indexPath: '-/pagefind', pagefind: args, logger: makeLogger() });
    const cjk = index.addHTMLFile.mock.calls.find(([file]) => file.url?.startsWith('/multilingual/'))![0];
    expect(cjk.content).toContain('<h1>机 器 学 习</h1>');
    expect(cjk.content).toContain('<p>机 器 学 习 是 人 工 智 能 的 一 个 分 支 。</p>');
  });

  test.each([
    ['createIndex returns errors', { create: 'bad config' }, /could not create an index: bad config/],
    ['a page cannot be indexed', { add: 'parse error' }, /could not index techniques\/model-pruning\/index\.html: parse error/],
    ['the bundle cannot be written', { write: 'disk full' }, /could not write .*pagefind: disk full/],
    ['pagefind rejects with a string', { reject: 'binary crashed' }, /pagefind failed: binary crashed/],
    ['pagefind rejects with an Error', { reject: new Error('spawn ENOENT') }, /pagefind failed: spawn ENOENT/],
  ])('fails the build and reports it when %s', async (_name, failure, message) => {
    const { pagefind, args } = mockPagefind(failure);
    const logger = makeLogger();
    const run = buildSearchIndex({ dir: dist, indexPath: '-/pagefind', pagefind: args, logger });
    await expect(run).rejects.toBeInstanceOf(SearchIndexError);
    await expect(run).rejects.toThrow(message);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]![0]).toMatch(message);
    expect(pagefind.close).toHaveBeenCalledTimes(1);
  });
});

describe('urlOf', () => {
  test.each([
    ['index.html', '/'],
    ['404.html', '/404.html'],
    ['techniques/model-pruning/index.html', '/techniques/model-pruning/'],
    ['café-au-lait/index.html', '/caf%C3%A9-au-lait/'],
    ['multilingual/深度学习/index.html', '/multilingual/%E6%B7%B1%E5%BA%A6%E5%AD%A6%E4%B9%A0/'],
  ])('%s → %s', (path, url) => expect(urlOf(path)).toBe(url));
});

describe('htmlForIndex', () => {
  test.each([
    ['leaves pages without CJK untouched', '<p>Model pruning &amp; quantization</p>', '<p>Model pruning &amp; quantization</p>'],
    ['segments CJK text between tags', '<h1>机器学习</h1><p>深度学习 GPU</p>', '<h1>机 器 学 习</h1><p>深 度 学 习 GPU</p>'],
    ['never changes tags or attributes', '<a href="/机器学习/" title="机器学习">机器学习</a>', '<a href="/机器学习/" title="机器学习">机 器 学 习</a>'],
    ['skips scripts and styles', '<script>var t="机器学习"</script><p>机器学习</p>', '<script>var t="机器学习"</script><p>机 器 学 习</p>'],
    ['keeps filter values exact', '<span data-pagefind-filter="tag">多语言</span><p>多语言</p>', '<span data-pagefind-filter="tag">多语言</span><p>多 语 言</p>'],
  ])('%s', (_name, html, expected) => expect(htmlForIndex(html)).toBe(expected));
});
