// The pipeline over fixture vaults: what gets recorded, rendered and reported, with exact messages.
import { describe, expect, test } from 'vitest';
import { readDeployConfig } from '../../../src/config/deployConfig.ts';
import { ContentError, formatDiagnostic } from '../../../src/pipeline/diagnostics.ts';
import { layoutKnowledgeGraph } from '../../../graph/index.ts';
import { loadContent, type DemoRegistry } from '../../../src/pipeline/loadContent.ts';

const demos: DemoRegistry = {
  names: ['pruning', 'quantization'],
  isDemoName: (n) => n === 'pruning' || n === 'quantization',
  fallbackHtml: (n) => `<p class="fallback">${n} demo</p>`,
};
const load = (fixture: string, env: Record<string, string> = {}) =>
  loadContent(readDeployConfig({ ATLAS_CONTENT: `tests/fixtures/${fixture}`, ...env }), demos);
const errorsOf = async (fixture: string, env: Record<string, string> = {}) => {
  const error = await load(fixture, env).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ContentError);
  return (error as ContentError).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
};

describe('basic vault', async () => {
  const content = await load('basic', { ATLAS_LINKS: 'warn' });
  const page = (slug: string) => content.topics.find((t) => t.slug === slug)!;

  test('one page per file, URL from the path, title from frontmatter or file name', () => {
    expect(content.topics.map((t) => [t.slug, t.title, t.url]).sort()).toEqual([
      ['notes/efficiency', 'Efficiency', '/notes/efficiency/'],
      ['notes/quantization', 'Quantization', '/notes/quantization/'],
      ['techniques/model-pruning', 'Model pruning', '/techniques/model-pruning/'],
    ]);
  });

  test('links are recorded with position, text and sentence', () => {
    const link = content.links.find((l) => l.from === 'techniques/model-pruning' && l.target === 'quantization')!;
    expect(link).toEqual({
      from: 'techniques/model-pruning',
      to: 'notes/quantization',
      target: 'quantization',
      heading: undefined,
      text: 'quantizing weights',
      kind: 'link',
      file: 'tests/fixtures/basic/techniques/model-pruning.md',
      line: 10,
      column: 85,
      sentence: 'It is described in Efficiency › Measuring and relates to quantizing weights.',
    });
  });

  test('headings and block ids resolve to anchors; code is untouched', () => {
    const html = page('techniques/model-pruning').html;
    expect(html).toContain('<a href="/notes/efficiency/#measuring" class="wikilink">Efficiency › Measuring</a>');
    expect(html).toContain('<code>[[Not a link]]</code>');
    expect(html).toContain('[[Also not a link]]');
    expect(content.links.some((l) => l.target.includes('not a link'))).toBe(false);
    expect(page('notes/quantization').html).toContain('href="/techniques/model-pruning/#%5Eintro"');
    expect(html).toContain('<p id="^intro">A paragraph with an id.</p>');
  });

  test('callouts, inline tags, math and attachments render', () => {
    const html = page('techniques/model-pruning').html;
    expect(html).toMatch(/<div class="callout callout-note" data-callout="note">\s*<p class="callout-title">Remember<\/p>/);
    expect(html).toContain('<a href="/-/tags/sparsity/" class="tag">#sparsity</a>');
    expect(page('techniques/model-pruning').tags).toEqual(['compression', 'sparsity']);
    expect(html).toContain('<img src="/-/attachments/diagram.png" alt="diagram" width="200">');
    expect(content.attachments).toEqual(['diagram.png']);
    expect(page('notes/efficiency').html).toContain('class="katex"');
    expect(page('notes/efficiency').html).toMatch(/<details class="callout callout-tip" data-callout="tip">\s*<summary class="callout-title">Folded tip<\/summary>\s*<div class="callout-content">\s*<p>Hidden until opened.<\/p>/);
  });

  test('a transclusion copies the section and links to its source', () => {
    const html = page('notes/efficiency').html;
    expect(html).toMatch(/<aside class="transclusion"><p class="transclusion-source"><a href="\/notes\/quantization\/#levels">From “Quantization › Levels”<\/a><\/p><h2>Levels/);
    expect(content.links.find((l) => l.kind === 'embed')).toMatchObject({ from: 'notes/efficiency', to: 'notes/quantization', heading: 'Levels', line: 7, column: 1 });
  });

  test('typed relations resolve by title, file name or alias', () => {
    expect(content.relations).toEqual([
      { from: 'techniques/model-pruning', to: 'notes/efficiency', target: 'Efficiency', type: 'technique-for', file: 'tests/fixtures/basic/techniques/model-pruning.md', line: 8, column: 1 },
    ]);
  });

  test('warn mode keeps the unresolved link visible and reports it', () => {
    expect(page('notes/quantization').html).toContain('<a href="/-/search/?q=Modle%20pruning" class="wikilink missing" title="Missing page: “Modle pruning” has not been written yet">Modle pruning</a>');
    expect(content.diagnostics.map(formatDiagnostic)).toContain('tests/fixtures/basic/notes/Quantization.md:9:50 unresolved [[Modle pruning]] — did you mean "Model pruning"?');
    expect(content.links.find((l) => l.to === null)).toMatchObject({ target: 'Modle pruning', line: 9, column: 50 });
  });
});

test('broken links fail the build listing every one, with suggestions', async () => {
  expect(await errorsOf('broken-links')).toEqual([
    'tests/fixtures/broken-links/Home.md:4:40 unresolved [[Foo]] — did you mean "Food"?',
    'tests/fixtures/broken-links/Home.md:6:35 unresolved heading [[Food#Desserts]] — "Food" has no heading "Desserts"',
    'tests/fixtures/broken-links/Home.md:6:65 unresolved [[Nothing At All]] — create the page or fix the name',
  ]);
});

test('broken links in warn mode build every page', async () => {
  const content = await load('broken-links', { ATLAS_LINKS: 'warn' });
  expect(content.topics.map((t) => t.title).sort()).toEqual(['Food', 'Home']);
  expect(content.diagnostics.filter((d) => d.severity === 'warning')).toHaveLength(3);
  expect(content.topics.find((t) => t.title === 'Home')!.html).toContain('class="wikilink missing"');
});

test('duplicate file names: the path or the linking folder decides, the rest is a warning', async () => {
  const content = await load('duplicate-names');
  const to = (from: string) => content.links.filter((l) => l.from === from).map((l) => l.to);
  expect(to('a/note')).toEqual(['a/note', 'b/note', 'index']);
  expect(to('b/note')).toEqual(['b/note', 'a/note']);
  expect(to('index')).toEqual(['a/note']);
  expect(content.diagnostics.map(formatDiagnostic)).toEqual([
    'tests/fixtures/duplicate-names/Index.md:1:20 ambiguous [[note]] resolved to a/note; it also matches b/note — write the longer path, e.g. [[b/note]], to link another',
  ]);
});

test('slug collisions name both files; a note named like a site page keeps its URL', async () => {
  expect(await errorsOf('slug-collision')).toEqual([
    'tests/fixtures/slug-collision/foo-bar.md:1:1 URL /foo-bar/ is also the URL of tests/fixtures/slug-collision/Foo Bar.md — rename one of the files or set a permalink',
  ]);
});

test('bad frontmatter is reported at its line, and only there: links to the page still resolve; any category is the vault\'s own', async () => {
  expect(await errorsOf('bad-frontmatter')).toEqual([
    'tests/fixtures/bad-frontmatter/bad-date.md:3:1 frontmatter "created": "2024-02-30": write an ISO date, e.g. 2024-05-01',
    'tests/fixtures/bad-frontmatter/bad-values.md:6:1 unknown relation type "inspired-by" — use one of: is-a, part-of, technique-for, measured-by, evaluated-on, runs-on, trades-off-with, improves, related, or define it under "relations" in atlas.yaml',
    'tests/fixtures/bad-frontmatter/bad-values.md:7:1 relation related → unknown topic "Missing topic" — use a title or alias of an existing page',
    'tests/fixtures/bad-frontmatter/yaml-error.md:3:23 invalid frontmatter YAML: Missing closing "quote — fix the YAML between the --- lines',
  ]);
});

test('a relation to a missing topic is an error at its line', async () => {
  const content = await loadContent(readDeployConfig({ ATLAS_CONTENT: 'tests/fixtures/relations' }), demos).catch((e: ContentError) => e);
  expect(content).toBeInstanceOf(ContentError);
  expect((content as ContentError).diagnostics.map(formatDiagnostic)).toEqual([
    'tests/fixtures/relations/a.md:5:1 relation related → unknown topic "Missing topic" — use a title or alias of an existing page',
    'tests/fixtures/relations/a.md:6:1 relation improves → unknown topic "Bee" — did you mean "B"?',
  ]);
  // What the dev server prints and shows for it: the list, without the generator's stack frames.
  expect((content as ContentError).stack).toBe(`ContentError: 2 content errors:\n${(content as ContentError).diagnostics.map(formatDiagnostic).join('\n')}`);
});

test('unicode and CJK titles, aliases and tags', async () => {
  const content = await load('unicode');
  expect(content.topics.map((t) => t.url).sort()).toEqual(['/%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0/', '/%E6%B7%B1%E5%BA%A6%E5%AD%A6%E4%B9%A0/', '/caf%C3%A9-au-lait/']);
  expect(content.links.map((l) => [l.from, l.to, l.text])).toEqual([
    ['café-au-lait', '机器学习', 'ML 中文'],
    ['机器学习', '深度学习', '深度学习'],
    ['机器学习', 'café-au-lait', '咖啡'],
    ['深度学习', '机器学习', '机器学习'],
  ]);
  expect(content.topics.find((t) => t.title === '机器学习')!.wordCount).toBeGreaterThan(10);
});

test('MDX: <Demo> becomes a placeholder with its fallback; frontmatter demo goes after the body', async () => {
  const content = await load('mdx');
  const mdx = content.topics.find((t) => t.title === 'With demo')!;
  expect(mdx.demos).toEqual(['pruning']);
  expect(mdx.html).toContain('<div class="atlas-demo" data-demo="pruning" data-pagefind-ignore="all"><p class="fallback">pruning demo</p></div>');
  expect(mdx.html).not.toContain('comment');
  const md = content.topics.find((t) => t.title === 'Plain MD')!;
  expect(md.demos).toEqual(['quantization']);
  expect(md.html.trim().endsWith('<div class="atlas-demo" data-demo="quantization" data-pagefind-ignore="all"><p class="fallback">quantization demo</p></div>')).toBe(true);
});

test('MDX: unknown demos and components are errors at their line', async () => {
  expect(await errorsOf('mdx-errors')).toEqual([
    'tests/fixtures/mdx-errors/bad.mdx:3:1 unknown demo <Demo name="nope" /> — use one of: pruning, quantization',
    'tests/fixtures/mdx-errors/bad.mdx:5:1 unknown component <Chart> — content files may use <Demo name="…" /> and <Query query="…" /> only',
  ]);
});

test('raw HTML cannot run code: scripts, handlers and javascript: URLs are removed and reported', async () => {
  const content = await load('xss');
  const evil = content.topics.find((t) => t.slug === 'evil')!;
  expect(evil.html).not.toMatch(/<script|onclick|javascript:/i);
  expect(evil.html).toContain('<b>bold</b>');
  expect(content.diagnostics.map((d) => d.message)).toEqual(
    expect.arrayContaining([
      'removed onclick="alert(1)" from <b> — content cannot run code',
      'removed <script> and its content — content cannot run code',
      'removed a link to "javascript:alert(1)", keeping its text — links may only use http(s), mailto or relative URLs (javascript: is not allowed)',
    ]),
  );
});

test('a frontmatter permalink overrides the URL from the path; links still resolve by name', async () => {
  const content = await load('permalink');
  const page = content.topics.find((t) => t.title === 'A Long Note Name')!;
  expect(page.url).toBe('/short-link/');
  const other = content.topics.find((t) => t.slug === 'other')!;
  expect(other.html).toContain('<a href="/short-link/" class="wikilink">A Long Note Name</a>');
  // Keys the schema does not know (Obsidian's own, plugins') are kept, not rejected.
  expect(other.data).toMatchObject({ publish: true, cssclasses: ['wide'] });
});

test('plain Markdown links to notes are resolved, recorded and rewritten; external links are left alone', async () => {
  const content = await load('markdown-links', { ATLAS_LINKS: 'warn' });
  expect(content.links.map((l) => [l.from, l.to, l.heading, l.text])).toEqual([
    ['a', 'b', undefined, 'the b page'],
    ['a', 'b', 'part', 'b again'],
    ['a', null, undefined, 'missing'],
    ['b', 'a', undefined, 'a'],
  ]);
  const html = content.topics.find((t) => t.slug === 'a')!.html;
  expect(html).toContain('<a href="/b/#part" class="wikilink">b again</a>');
  expect(html).toContain('<a href="https://example.org/">external</a>');
  expect(content.diagnostics.map(formatDiagnostic)).toEqual(['tests/fixtures/markdown-links/a.md:1:91 unresolved link (nope.md) — no note at nope.md']);
});

test('queries: mistakes are errors at the query\'s own line and column, with did-you-mean', async () => {
  expect(await errorsOf('query-errors')).toEqual([
    'tests/fixtures/query-errors/Page.md:7:7 query: unknown field "summry" — did you mean "summary"?',
    'tests/fixtures/query-errors/Page.md:12:18 query: no topic is called "Metrc" — did you mean "Metric"?',
    'tests/fixtures/query-errors/Page.md:16:20 query: expected a value after =, found the end of the query — e.g. title = "…"',
  ]);
});

test('queries: results are links of their own kind, in the page and in the graph', async () => {
  const content = await load('queries');
  const index = content.topics.find((t) => t.title === 'Index')!;
  expect(index.html).toContain('<a href="/pruning/" class="wikilink query-link">Pruning</a>');
  expect(index.html).toContain('<p>No topics match this query.</p>');
  const listed = content.links.filter((l) => l.kind === 'query').map((l) => l.to).sort();
  expect(listed).toEqual(['classification-metric', 'f1-score', 'precision', 'pruning', 'quantization']);
  // Authored links and query links are told apart everywhere.
  expect(content.graph.hasEdge('query:index->pruning')).toBe(true);
  expect(content.graph.hasEdge('mentions:index->pruning')).toBe(false);
  // Query results never change the analytics: PageRank is computed before query edges exist.
  const pagerank = content.graph.getNodeAttribute('pruning', 'pagerank');
  expect(pagerank).toBeGreaterThan(0);
});

test('the layout lands after the content, computed on a worker thread, exactly as it is computed in line', async () => {
  // A small vault is laid out in line: this one is sent to the worker as a large one would be.
  const content = await loadContent(readDeployConfig({ ATLAS_CONTENT: 'tests/fixtures/obsidian', ATLAS_LINKS: 'warn' }), demos, { layoutOnWorkerFrom: 0 });
  await content.laidOut;
  const inLine = content.graph.copy();
  layoutKnowledgeGraph(inLine);
  const positions = (graph: typeof inLine) => graph.mapNodes((node, a) => `${node} ${a.x} ${a.y} ${a.size}`);
  expect(positions(content.graph)).toEqual(positions(inLine));
  // Laid out, not left at the origin.
  expect(new Set(content.graph.mapNodes((_node, a) => `${a.x},${a.y}`)).size).toBe(content.graph.order);
});

test.each(['tests/fixtures/obsidian', 'tests/fixtures/queries'])('%s: notes rendered on worker threads — most as soon as they are transformed, in batches of any size — come out as in process', async (vault) => {
  const load = async (workers: string | undefined, batchSize?: number) => {
    const saved = process.env['ATLAS_WORKERS'];
    if (workers === undefined) delete process.env['ATLAS_WORKERS'];
    else process.env['ATLAS_WORKERS'] = workers;
    try {
      return await loadContent(readDeployConfig({ ATLAS_CONTENT: vault, ATLAS_LINKS: 'warn', ATLAS_CACHE: 'off' }), demos, batchSize === undefined ? {} : { batchSize });
    } finally {
      if (saved === undefined) delete process.env['ATLAS_WORKERS'];
      else process.env['ATLAS_WORKERS'] = saved;
    }
  };
  const pages = (content: Awaited<ReturnType<typeof load>>) => content.topics.map((t) => [t.slug, t.html, t.faq.map((f) => f.html)]);
  const inProcess = await load(undefined);
  const onWorkers = await load('2');
  expect(pages(onWorkers)).toEqual(pages(inProcess));
  expect(onWorkers.diagnostics.map(formatDiagnostic)).toEqual(inProcess.diagnostics.map(formatDiagnostic));
  // Every page has its HTML, including those that embed others or list query results.
  for (const topic of onWorkers.topics) expect(topic.html, topic.slug).not.toBe('');
  // Messages of two notes each: every note is still read, transformed and rendered, once.
  for (const small of [await load('2', 2), await load(undefined, 3)]) {
    expect(pages(small)).toEqual(pages(inProcess));
    expect(small.links).toEqual(inProcess.links);
    expect(small.diagnostics.map(formatDiagnostic)).toEqual(inProcess.diagnostics.map(formatDiagnostic));
    expect(small.work).toEqual(inProcess.work);
  }
  expect(inProcess.work.rendered).toBe(inProcess.topics.length);
});

test('each link carries the sentence it sits in, however many sentences and links its paragraph has', async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const vault = mkdtempSync(join(tmpdir(), 'atlas-sentences-'));
  try {
    writeFileSync(join(vault, 'Target.md'), 'The target.\n');
    writeFileSync(
      join(vault, 'Source.md'),
      'First points at [[Target|one]]. Second has no link at all! Third has [[Target|two]] and [[Target|three]]? ' +
        'Fourth is\nsplit over lines and ends with [[Target|four]].\n\n## A heading with [[Target|five]]\n\n' +
        // Two spaces after each full stop, as many typists write: the link still belongs to its own sentence.
        'A.  B.  C.  D.  E.  F.  G.  H.  I.  J.  Then [[Target|six]].  Last.\n',
    );
    const content = await loadContent(readDeployConfig({ ATLAS_CONTENT: vault, ATLAS_LINKS: 'warn', ATLAS_CACHE: 'off' }), demos);
    const sentences = Object.fromEntries(content.links.filter((l) => l.from === 'source').map((l) => [l.text, l.sentence]));
    expect(sentences).toEqual({
      one: 'First points at one.',
      two: 'Third has two and three?',
      three: 'Third has two and three?',
      four: 'Fourth is split over lines and ends with four.',
      five: 'A heading with five',
      six: 'Then six.',
    });
  } finally {
    rmSync(vault, { recursive: true, force: true });
  }
});
