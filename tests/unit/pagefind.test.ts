// The search indexing step with a mocked pagefind: what it hands to pagefind, where the index goes,
// and that every kind of pagefind failure is reported through the logger and fails the build. And
// the search document a topic becomes: the article's text, its names as metadata, its filters.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { htmlForIndex, SearchIndexError, startSearchIndex, UNUSED_BUNDLE_FILES, type SearchIndexArgs } from '../../src/integration/pagefind.ts';
import { searchDocument } from '../../src/lib/searchDocument.ts';
import type { Topic } from '../../src/pipeline/loadContent.ts';

let dist: string;
const documents = [
  { url: '/techniques/model-pruning/', html: '<html><body><article data-pagefind-body><h1>Model pruning</h1></article></body></html>' },
  { url: '/multilingual/%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0/', html: '<html><body><article data-pagefind-body><h1>机器学习</h1><p>机器学习是人工智能的一个分支。</p></article></body></html>' },
];

beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), 'atlas-pagefind-'));
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

describe('startSearchIndex', () => {
  test('indexes every document by URL while nothing waits, then writes the bundle into <dist>/-/pagefind and closes pagefind', async () => {
    const { pagefind, index, args } = mockPagefind();
    const logger = makeLogger();
    const job = startSearchIndex({ documents, pagefind: args, logger });
    // Indexing starts at once, before anyone asks for the index.
    await vi.waitFor(() => expect(index.addHTMLFile).toHaveBeenCalledTimes(2));
    expect(index.writeFiles).not.toHaveBeenCalled();
    const output = join(dist, '-/pagefind');
    const result = await job.write(output);
    expect(pagefind.createIndex).toHaveBeenCalledTimes(1);
    const pruning = index.addHTMLFile.mock.calls.find(([file]) => file.url === '/techniques/model-pruning/')![0];
    expect(pruning.content).toBe(documents[0]!.html);
    expect(index.writeFiles).toHaveBeenCalledWith({ outputPath: output });
    expect(result).toEqual({ files: 2, outputPath: output });
    expect(pagefind.close).toHaveBeenCalledTimes(1);
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/^search index: 2 pages indexed in [\d.]+ s/));
  });

  test("deletes pagefind's own UI bundles (the site has its own UI) and keeps the search runtime", async () => {
    const { args } = mockPagefind();
    await startSearchIndex({ documents, pagefind: args, logger: makeLogger() }).write(join(dist, '-/pagefind'));
    const files = readdirSync(join(dist, '-/pagefind'));
    expect(files).toContain('pagefind.js');
    expect(files).toContain('pagefind-entry.json');
    for (const name of UNUSED_BUNDLE_FILES) expect(files).not.toContain(name);
  });

  test('hands CJK pages to pagefind with word boundaries', async () => {
    const { index, args } = mockPagefind();
    await startSearchIndex({ documents, pagefind: args, logger: makeLogger() }).write(join(dist, '-/pagefind'));
    const cjk = index.addHTMLFile.mock.calls.find(([file]) => file.url?.startsWith('/multilingual/'))![0];
    expect(cjk.content).toContain('<h1>机 器 学 习</h1>');
    expect(cjk.content).toContain('<p>机 器 学 习 是 人 工 智 能 的 一 个 分 支 。</p>');
  });

  test.each([
    ['createIndex returns errors', { create: 'bad config' }, /could not create an index: bad config/],
    ['a page cannot be indexed', { add: 'parse error' }, /could not index \/techniques\/model-pruning\/: parse error/],
    ['the bundle cannot be written', { write: 'disk full' }, /could not write .*pagefind: disk full/],
    ['pagefind rejects with a string', { reject: 'binary crashed' }, /pagefind failed: binary crashed/],
    ['pagefind rejects with an Error', { reject: new Error('spawn ENOENT') }, /pagefind failed: spawn ENOENT/],
  ])('fails the build and reports it once when %s', async (_name, failure, message) => {
    const { pagefind, args } = mockPagefind(failure);
    const logger = makeLogger();
    const run = startSearchIndex({ documents, pagefind: args, logger }).write(join(dist, '-/pagefind'));
    await expect(run).rejects.toBeInstanceOf(SearchIndexError);
    await expect(run).rejects.toThrow(message);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]![0]).toMatch(message);
    expect(pagefind.close).toHaveBeenCalledTimes(1);
  });
});

describe('searchDocument', () => {
  const topic = {
    slug: 'techniques/model-pruning',
    url: '/wiki/techniques/model-pruning/',
    title: 'Model <pruning>',
    summary: 'Removing "weights".',
    category: 'Technique',
    aliases: ['pruning', 'weight pruning'],
    tags: ['compression', 'area/sub'],
    html: '<p>Prose with <a href="/wiki/x/">a link</a>.</p><div class="atlas-demo" data-pagefind-ignore="all">figure</div>',
    faq: [{ q: 'Does it <help>?', html: '<p>Yes.</p>', text: 'Yes.' }],
    data: { facts: { Introduced: '1989 & later' }, references: [{ title: 'Optimal Brain Damage', authors: 'LeCun, Y.', year: 1989, venue: 'NeurIPS' }] },
  } as unknown as Topic;
  const doc = searchDocument(topic, '/wiki/', 'en');

  test('is the article: facts, prose, FAQ and references, with the URL after the base', () => {
    expect(doc.url).toBe('/techniques/model-pruning/');
    expect(doc.html).toContain('<article data-pagefind-body>');
    expect(doc.html).toContain('<tr><th>Introduced</th> <td>1989 &amp; later</td></tr>');
    expect(doc.html).toContain('<p>Prose with <a href="/wiki/x/">a link</a>.</p>');
    expect(doc.html).toContain('<dt>Does it &lt;help&gt;?</dt><dd><p>Yes.</p></dd>');
    expect(doc.html).toContain('<li>LeCun, Y. (1989). Optimal Brain Damage. NeurIPS.</li>');
  });

  test('carries the names as metadata and the filters, escaped', () => {
    expect(doc.html).toContain('<span data-pagefind-meta="title">Model &lt;pruning&gt;</span>');
    expect(doc.html).toContain('<span data-pagefind-meta="summary">Removing &quot;weights&quot;.</span>');
    expect(doc.html).toContain('<span data-pagefind-meta="aliases">pruning · weight pruning</span>');
    expect(doc.html).toContain('<span data-pagefind-meta="category" data-pagefind-filter="category">Technique</span>');
    expect(doc.html).toContain('<span data-pagefind-filter="tag">area/sub</span>');
  });
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
