// The search indexing step with the real pagefind: what it indexes, where the index goes, and that
// a failing pagefind is reported through the logger and fails the build. And
// the search document a topic becomes: the article's text, its names as metadata, its filters.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { htmlForIndex, scratchFolder, SearchIndexError, searchWorkDir, startSearchIndex, UNUSED_BUNDLE_FILES } from '../../src/integration/pagefind.ts';
import { searchDocument } from '../../src/lib/searchDocument.ts';
import type { Topic } from '../../src/pipeline/loadContent.ts';

let dist: string;
const documents = [
  { url: '/techniques/model-pruning/', html: '<html lang="en"><body><article data-pagefind-body><h1>Model pruning</h1><p>Removing weights.</p></article></body></html>' },
  { url: '/multilingual/%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0/', html: '<html lang="en"><body><article data-pagefind-body><h1>机器学习</h1><p>机器学习是人工智能的一个分支。</p></article></body></html>' },
];

beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), 'atlas-pagefind-'));
});

afterEach(() => rmSync(dist, { recursive: true, force: true }));

const makeLogger = () => ({ info: vi.fn(), error: vi.fn() });

/** Every file under `folder` (relative path → bytes as base64). */
function contents(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(folder, path)] = readFileSync(path).toString('base64');
  }
  return out;
}

/** Every file under `folder` (relative path → inode number). */
function inodes(folder: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(relative(folder, join(entry.parentPath, entry.name)), statSync(join(entry.parentPath, entry.name)).ino);
  }
  return out;
}

/** The pages pagefind indexed, read back from its fragment files: URL → text. */
function indexedPages(output: string): Map<string, string> {
  const pages = new Map<string, string>();
  for (const name of readdirSync(join(output, 'fragment'))) {
    const text = gunzipSync(readFileSync(join(output, 'fragment', name))).toString('utf8');
    const fragment = JSON.parse(text.slice(text.indexOf('{'))) as { url: string; content: string };
    pages.set(fragment.url, fragment.content);
  }
  return pages;
}

describe('startSearchIndex', () => {
  test('indexes every document at its URL with pagefind, into the output folder, without anyone waiting', { timeout: 30_000 }, async () => {
    const logger = makeLogger();
    const output = join(dist, '-/pagefind');
    const workDir = join(dist, 'work');
    const job = startSearchIndex({ documents, outputPath: output, workDir, logger });
    // It runs on its own: the bundle appears before anyone asks for it.
    await vi.waitFor(() => expect(existsSync(join(output, 'pagefind-entry.json'))).toBe(true), { timeout: 20_000 });
    const result = await job.done();
    expect(result).toEqual({ files: 2, outputPath: output });
    const pages = indexedPages(output);
    expect([...pages.keys()].sort()).toEqual(documents.map((d) => d.url).sort());
    expect(pages.get('/techniques/model-pruning/')).toContain('Removing weights.');
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/^search index: 2 pages indexed in [\d.]+ s/));
    // The scratch documents are gone.
    expect(existsSync(workDir)).toBe(false);
  });

  test("deletes pagefind's own UI bundles (the site has its own UI) and keeps the search runtime", { timeout: 30_000 }, async () => {
    const output = join(dist, '-/pagefind');
    await startSearchIndex({ documents, outputPath: output, workDir: join(dist, 'work'), logger: makeLogger() }).done();
    const files = readdirSync(output);
    expect(files).toContain('pagefind.js');
    expect(files).toContain('pagefind-entry.json');
    for (const name of UNUSED_BUNDLE_FILES) expect(files).not.toContain(name);
  });

  test('brings the last build\'s index up to date in place: same files as a fresh index, unchanged ones left alone', { timeout: 60_000 }, async () => {
    const output = join(dist, '-/pagefind');
    const fresh = join(dist, 'fresh');
    await startSearchIndex({ documents, outputPath: output, workDir: join(dist, 'work'), logger: makeLogger() }).done();
    writeFileSync(join(output, 'stale.pf_fragment'), 'left by an older build');
    const edited = [{ ...documents[0]!, html: documents[0]!.html.replace('Removing weights.', 'Removing weights and neurons.') }, documents[1]!];
    const before = inodes(output);
    await startSearchIndex({ documents: edited, outputPath: output, workDir: join(dist, 'work'), logger: makeLogger() }).done();
    await startSearchIndex({ documents: edited, outputPath: fresh, workDir: join(dist, 'work'), logger: makeLogger() }).done();
    // Exactly what a fresh index holds, byte for byte: the edit is in, the stale file is gone.
    expect(contents(output)).toEqual(contents(fresh));
    expect(indexedPages(output).get('/techniques/model-pruning/')).toContain('Removing weights and neurons.');
    // The unchanged page's fragment was not written again.
    const after = inodes(output);
    const kept = [...after].filter(([path, inode]) => before.get(path) === inode && path.includes('fragment'));
    expect(kept.length).toBeGreaterThan(0);
    // No scratch bundle is left behind.
    expect(readdirSync(dist).filter((name) => name.startsWith('work'))).toEqual([]);
  });

  test('indexes CJK pages with word boundaries', { timeout: 30_000 }, async () => {
    const output = join(dist, '-/pagefind');
    await startSearchIndex({ documents, outputPath: output, workDir: join(dist, 'work'), logger: makeLogger() }).done();
    expect(indexedPages(output).get(documents[1]!.url)).toContain('机 器 学 习 是 人 工 智 能');
  });

  test.each([
    ['pagefind exits with an error', [process.execPath, '-e', 'console.error("Error: cannot read the site"); process.exit(3)', '--'], /pagefind failed \(exit 3\): Error: cannot read the site/],
    ['pagefind cannot be started', ['/nonexistent/pagefind-binary'], /pagefind failed: spawn \/nonexistent\/pagefind-binary ENOENT/],
  ])('fails the build and reports it once when %s', async (_name, command, message) => {
    const logger = makeLogger();
    const run = startSearchIndex({ documents, outputPath: join(dist, '-/pagefind'), workDir: join(dist, 'work'), logger, command }).done();
    await expect(run).rejects.toBeInstanceOf(SearchIndexError);
    await expect(run).rejects.toThrow(message);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]![0]).toMatch(message);
    expect(existsSync(join(dist, 'work'))).toBe(false);
  });
});

describe('scratchFolder', () => {
  test('is the memory-backed folder when it has room, the temporary folder when it has not or is missing', () => {
    expect(scratchFolder(1000, dist)).toBe(dist);
    expect(scratchFolder(Number.MAX_SAFE_INTEGER, dist)).toBe(tmpdir());
    expect(scratchFolder(1000, join(dist, 'missing'))).toBe(tmpdir());
  });
});

describe('searchWorkDir', () => {
  test("is this process's folder, after deleting the folders of builds that are gone, and no others", () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const folders = [`efficiency-atlas-search-${gone}`, `efficiency-atlas-search-${gone}-bundle`, `efficiency-atlas-search-${process.ppid}`, 'efficiency-atlas-search-notes', 'other'];
    for (const name of folders) {
      mkdirSync(join(dist, name, 'page'), { recursive: true });
      writeFileSync(join(dist, name, 'page', 'index.html'), '<p>document</p>');
    }
    expect(searchWorkDir(1000, dist)).toBe(join(dist, `efficiency-atlas-search-${process.pid}`));
    expect(readdirSync(dist).sort()).toEqual([`efficiency-atlas-search-${process.ppid}`, 'efficiency-atlas-search-notes', 'other'].sort());
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

  test("a page whose body has no words is indexed by its title (pagefind would leave it out); a page with words is not given it", () => {
    for (const html of ['', '<p><img src="/x.png" alt="x"></p>', '<p> &nbsp; </p>']) {
      const stub = searchDocument({ ...topic, html, faq: [], data: { facts: {}, references: [] } } as unknown as Topic, '/wiki/', 'en');
      expect(stub.html).toContain('<div>' + html + '</div><p>Model &lt;pruning&gt;</p>');
    }
    expect(searchDocument({ ...topic, html: '', faq: [] } as unknown as Topic, '/wiki/', 'en').html).not.toContain('<p>Model &lt;pruning&gt;</p>');
    expect(doc.html).not.toContain('<p>Model &lt;pruning&gt;</p>');
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
