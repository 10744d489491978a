// Broken input never crashes the build and never loses a page silently. Each fixture under
// tests/fixtures/bad-input/<case> (and the few generated below: too big to commit, or needing a
// symbolic link or file permissions) goes through the pipeline the build uses, and either renders
// correctly or fails with exact messages naming file, line and column — the full list of
// diagnostics is compared, so nothing else may be reported either, and none is a stack trace.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readDeployConfig } from '../../src/config/deployConfig.ts';
import { ContentError, formatDiagnostic, type Diagnostic } from '../../src/pipeline/diagnostics.ts';
import { loadContent, type DemoRegistry, type LoadedContent } from '../../src/pipeline/loadContent.ts';

const demos: DemoRegistry = {
  names: ['pruning', 'quantization'],
  isDemoName: (n) => n === 'pruning' || n === 'quantization',
  fallbackHtml: (n) => `<p class="fallback">${n} demo</p>`,
};

interface Loaded {
  /** The content when the build would go on; undefined when it stops with errors. */
  content: LoadedContent | undefined;
  /** Every diagnostic, formatted as the build prints it, with its severity. */
  messages: string[];
}

async function load(contentDir: string, options: { links?: 'warn'; cwd?: string } = {}): Promise<Loaded> {
  const deploy = readDeployConfig({ ATLAS_CONTENT: contentDir, ...(options.links ? { ATLAS_LINKS: options.links } : {}) }, options.cwd);
  const describe = (list: Diagnostic[]) => list.map((d) => `${d.severity} ${formatDiagnostic(d)}`);
  try {
    const content = await loadContent(deploy, demos, options.cwd ? { cwd: options.cwd } : {});
    return { content, messages: describe(content.diagnostics) };
  } catch (error) {
    // Only a ContentError (every problem, with its place) may come out: anything else is a crash.
    if (!(error instanceof ContentError)) throw error;
    return { content: undefined, messages: describe(error.diagnostics) };
  }
}

const F = 'tests/fixtures/bad-input';
const page = (content: LoadedContent | undefined, slug: string) => {
  const topic = content?.topics.find((t) => t.slug === slug);
  if (!topic) throw new Error(`no page ${slug} among ${content?.topics.map((t) => t.slug).join(', ')}`);
  return topic;
};

type Case = [name: string, options: { links?: 'warn' }, messages: string[], renders?: (content: LoadedContent | undefined) => void];

const CASES: Case[] = [
  ['malformed-yaml', {}, [`error ${F}/malformed-yaml/Note.md:3:14 invalid frontmatter YAML: Missing closing "quote — fix the YAML between the --- lines`]],
  ['yaml-tabs', {}, [`error ${F}/yaml-tabs/Note.md:4:1 invalid frontmatter YAML: Tabs are not allowed as indentation — fix the YAML between the --- lines`]],
  ['duplicate-keys', {}, [`error ${F}/duplicate-keys/Note.md:3:1 invalid frontmatter YAML: Map keys must be unique — fix the YAML between the --- lines`]],
  ['alias-bomb', {}, [`error ${F}/alias-bomb/Note.md:2:1 invalid frontmatter YAML: Excessive alias count indicates a resource exhaustion attack — fix the YAML between the --- lines`]],
  ['frontmatter-list', {}, [`error ${F}/frontmatter-list/Note.md:2:1 frontmatter must be a YAML map of key: value lines`]],
  [
    'wrong-types',
    {},
    [
      `error ${F}/wrong-types/Note.md:3:1 frontmatter "aliases": {"a":1}: Invalid input: expected array, received object`,
      `error ${F}/wrong-types/Note.md:7:1 frontmatter "references.0.year": "next year": Invalid input: expected number, received NaN`,
      `error ${F}/wrong-types/Note.md:8:1 frontmatter "faq": "not a list": Invalid input: expected array, received string`,
    ],
  ],
  [
    'wrong-types',
    { links: 'warn' },
    [
      `warning ${F}/wrong-types/Note.md:3:1 frontmatter "aliases": {"a":1}: Invalid input: expected array, received object — ignored aliases`,
      `warning ${F}/wrong-types/Note.md:7:1 frontmatter "references.0.year": "next year": Invalid input: expected number, received NaN — ignored references.0 ("year" is required)`,
      `warning ${F}/wrong-types/Note.md:8:1 frontmatter "faq": "not a list": Invalid input: expected array, received string — ignored faq`,
    ],
    // Only the bad values are dropped: the page keeps its title (it once lost all its frontmatter here).
    (content) => expect(page(content, 'note')).toMatchObject({ title: 'Wrong types', aliases: [], data: { references: [], faq: [] } }),
  ],
  [
    'unclosed-frontmatter',
    {},
    [`warning ${F}/unclosed-frontmatter/Note.md:1:1 the file starts with --- but no --- line closes the frontmatter, so all of it is read as Markdown — add the closing --- line`],
    (content) => {
      expect(page(content, 'note').title).toBe('Note');
      expect(page(content, 'note').html).toContain('<a href="/other/" class="wikilink">Other</a>');
    },
  ],
  [
    'bom',
    {},
    [],
    (content) => {
      expect(page(content, 'note').title).toBe('With a byte-order mark');
      expect(page(content, 'note').html).toBe('<p>Body links to <a href="/other/" class="wikilink">Other</a>.</p>');
    },
  ],
  [
    'crlf',
    { links: 'warn' },
    [`warning ${F}/crlf/Note.md:7:27 unresolved [[Missing page]] — create the page or fix the name`],
    (content) => {
      const note = page(content, 'note');
      expect([note.title, note.summary]).toEqual(['Windows line endings', 'Written on Windows.']);
      expect(note.html).not.toContain('\r');
      expect(content!.links[0]).toMatchObject({ line: 7, column: 27, sentence: 'Second paragraph links to Missing page.' });
    },
  ],
  [
    'empty-file',
    {},
    [],
    (content) => {
      expect(page(content, 'empty')).toMatchObject({ title: 'Empty', html: '', wordCount: 0 });
      expect(page(content, 'linker').html).toContain('<a href="/empty/" class="wikilink">Empty</a>');
    },
  ],
  [
    'binary-md',
    {},
    [`error ${F}/binary-md/Picture.md:1:1 is not a text file (it contains NUL bytes) — a .md file must be Markdown text; rename or remove it`],
  ],
  [
    'latin1',
    {},
    [`warning ${F}/latin1/Note.md:1:1 is not valid UTF-8; unreadable characters are shown as \uFFFD — save the file as UTF-8`],
    (content) => expect(page(content, 'note').html).toBe('<p>Caf\uFFFD au lait, written in Latin-1.</p>'),
  ],
  [
    'transclusion-cycle',
    {},
    [],
    (content) => {
      // Each note shows the other once; inside it, the embed that would start the cycle again is a link.
      expect(page(content, 'a').html).toBe('<p>A embeds B:</p>\n<aside class="transclusion"><p class="transclusion-source"><a href="/b/">From “B”</a></p><p>B embeds A:</p><p><a href="/a/">A</a></p></aside>');
      expect(page(content, 'b').html).toBe('<p>B embeds A:</p>\n<aside class="transclusion"><p class="transclusion-source"><a href="/a/">From “A”</a></p><p>A embeds B:</p><p><a href="/b/">B</a></p></aside>');
    },
  ],
  [
    'self-transclusion',
    {},
    [],
    (content) => expect(page(content, 'self').html).toBe('<p>This note embeds itself:</p>\n<aside class="transclusion"><p class="transclusion-source"><a href="/self/">From “Self”</a></p><p>This note embeds itself:</p><p><a href="/self/">Self</a></p></aside>'),
  ],
  [
    'missing-embed',
    {},
    [
      `error ${F}/missing-embed/Note.md:3:1 unresolved ![[Nowhere]] — create the page or fix the name`,
      `error ${F}/missing-embed/Note.md:5:15 missing attachment ![[nowhere.png]] — put "nowhere.png" anywhere in the content folder`,
    ],
  ],
  ['unknown-demo', {}, [`error ${F}/unknown-demo/Note.md:3:1 unknown demo "levitation" — use one of: pruning, quantization`]],
  [
    'proto-keys',
    {},
    // A key JavaScript reserves is left out with a warning (it used to vanish silently); every other key is data.
    [`warning ${F}/proto-keys/Note.md:3:1 frontmatter "__proto__": "__proto__" cannot be a key, rename it — ignored __proto__`],
    (content) => {
      const note = page(content, 'note');
      expect(Object.entries(note.data.facts)).toEqual([['constructor', 'a fact'], ['toString', 'another']]);
      expect((note.data as Record<string, unknown>)['constructor']).toBe('kept');
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  ],
  [
    'proto-titles',
    {},
    [],
    (content) => {
      expect(content!.topics.map((t) => [t.title, t.url]).sort()).toEqual([['__proto__', '/proto/'], ['constructor', '/constructor/'], ['toString', '/hasownproperty/']]);
      expect(content!.links.map((l) => `${l.from} → ${l.to}`)).toEqual(['proto → constructor-', 'proto → hasownproperty', 'constructor- → proto']);
    },
  ],
  [
    'duplicate-permalinks',
    {},
    [`error ${F}/duplicate-permalinks/Second.md:2:1 URL /shared/ is also the URL of ${F}/duplicate-permalinks/First.md — rename one of the files or set a permalink`],
  ],
  [
    'two-homes',
    {},
    [`error ${F}/two-homes/Two.md:2:1 permalink "/" asks for the home page, which is ${F}/two-homes/One.md — remove the permalink or change the home note`],
  ],
  ['empty-permalink', {}, [`error ${F}/empty-permalink/Note.md:2:1 permalink "?!" has no usable characters — use a path such as /my-topic/, or / for the home page`]],
  [
    'unicode-normalisation',
    {},
    [`error ${F}/unicode-normalisation/Caf\u00e9.md:1:1 URL /caf\u00e9/ is also the URL of ${F}/unicode-normalisation/Cafe\u0301.md (the two names differ only in how accented letters are encoded: NFC and NFD) — rename one of the files or set a permalink`],
  ],
  [
    'case-only',
    {},
    [`error ${F}/case-only/note.md:1:1 URL /note/ is also the URL of ${F}/case-only/Note.md (the two names differ only in letter case) — rename one of the files or set a permalink`],
  ],
  [
    'scripts',
    {},
    [],
    (content) => {
      // Combining marks (Devanagari vowel signs and virama, Thai vowels, Arabic harakat) stay in
      // URLs and heading ids alike, so the links between them resolve.
      expect(content!.topics.map((t) => t.slug).sort()).toEqual(['العربية', 'हिन्दी-विकि', 'ภาษาไทย']);
      expect(page(content, 'العربية').headings.map((h) => h.id)).toEqual(['مَرْحَبًا-بِكُم']);
      expect(page(content, 'हिन्दी-विकि').headings.map((h) => h.id)).toEqual(['नमस्ते-दुनिया']);
      expect(content!.links.map((l) => [l.from, l.to, l.heading])).toEqual([
        ['العربية', 'हिन्दी-विकि', undefined],
        ['हिन्दी-विकि', 'ภาษาไทย', undefined],
        ['हिन्दी-विकि', 'العربية', 'مَرْحَبًا بِكُم'],
        ['ภาษาไทย', 'हिन्दी-विकि', 'नमस्ते दुनिया'],
      ]);
      expect(page(content, 'ภาษาไทย').html).toContain(`href="${encodeURI('/हिन्दी-विकि/#नमस्ते-दुनिया')}"`);
    },
  ],
  [
    'emoji-titles',
    {},
    [],
    (content) => {
      // `⚠️` is an emoji and a variation selector (a mark): neither may begin the URL.
      expect(content!.topics.map((t) => [t.title, t.url]).sort()).toEqual([['⚠️ Warnings', '/warnings/'], ['🚀 Rockets', '/rockets/'], ['🚀', '/rocket-emoji/'], ['🧪 Lab notes', '/lab-notes/']]);
      expect(page(content, 'rockets').html).toBe('<p>Rockets, with an emoji in the name. Links to <a href="/rocket-emoji/" class="wikilink">🚀</a> and <a href="/lab-notes/" class="wikilink">🧪 Lab notes</a>.</p>');
    },
  ],
  // A name with nothing but emoji has no letters for a URL: such a note lives at /untitled/, and a second one says so.
  ['emoji-only', {}, [`error ${F}/emoji-only/🚀.md:1:1 URL /untitled/ is also the URL of ${F}/emoji-only/🎉.md — rename one of the files or set a permalink`]],
  [
    'unclosed-comment',
    {},
    [`warning ${F}/unclosed-comment/Note.md:3:1 this %% comment is never closed, so the rest of the note is hidden (as in Obsidian) — close it with %%`],
    (content) => expect(page(content, 'note').html).toBe('<p>Visible text.</p>'),
  ],
  [
    'mdx-syntax',
    {},
    [`error ${F}/mdx-syntax/Page.mdx:8:10 cannot parse MDX: Unexpected character \`.\` (U+002E) in attribute name, expected an attribute name character such as letters, digits, \`$\`, or \`_\`; \`=\` to initialize a value; whitespace before attributes; or the end of the tag`],
  ],
];

describe('bad input: every fixture renders or fails with exact messages', () => {
  test('every fixture folder is in the table', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(F).sort()).toEqual([...new Set(CASES.map(([name]) => name))].sort());
  });

  test.each(CASES)('%s %o', async (name, options, messages, renders) => {
    const loaded = await load(`${F}/${name}`, options);
    expect(loaded.messages).toEqual(messages);
    for (const message of loaded.messages) expect(message).not.toMatch(/\n\s+at /);
    const fails = messages.some((m) => m.startsWith('error'));
    expect(loaded.content === undefined).toBe(fails);
    renders?.(loaded.content);
  });
});

describe('bad input generated at test time', () => {
  const dirs: string[] = [];
  const vault = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bad-input-'));
    dirs.push(dir);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) {
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a 5 MB page renders whole, with every heading and link', async () => {
    // Prose as a long page has it: sections of paragraphs, some emphasis, a link per section.
    const paragraph = `${'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. '.repeat(5)}**Et dolore** magna aliqua.\n\n`;
    let text = '';
    let sections = 0;
    while (text.length < 5 * 1024 * 1024) text += `## Section ${++sections}\n\n${paragraph.repeat(20)}See [[Target]] for \`more\`.\n\n`;
    const dir = vault({ 'Huge.md': text, 'Target.md': 'Target.\n' });
    const { content, messages } = await load(dir, { cwd: dir });
    expect(messages).toEqual([]);
    const huge = page(content, 'huge');
    expect(huge.headings).toHaveLength(sections);
    expect(content!.links.filter((l) => l.from === 'huge')).toHaveLength(sections);
    expect(huge.html.match(/<p>/g)).toHaveLength(sections * 21);
    expect(huge.html.endsWith(`<p>See <a href="/target/" class="wikilink">Target</a> for <code>more</code>.</p>`)).toBe(true);
  }, 120_000);

  test('10,000 links on one page are all recorded and rendered', async () => {
    const targets = Array.from({ length: 10 }, (_, i) => [`Target ${i}.md`, `Target ${i}.\n`]);
    const dir = vault({ 'Many.md': `${Array.from({ length: 10_000 }, (_, i) => `[[Target ${i % 10}]]`).join(' ')}\n`, ...Object.fromEntries(targets) });
    const { content, messages } = await load(dir, { cwd: dir });
    expect(messages).toEqual([]);
    expect(content!.links.filter((l) => l.from === 'many')).toHaveLength(10_000);
    expect(page(content, 'many').html.match(/class="wikilink"/g)).toHaveLength(10_000);
  }, 60_000);

  test('a paragraph of 40,000 web addresses is read in linear time, and a link among them gets its sentence', async () => {
    // Finding each link's sentence cost the square of the paragraph's length: 20,000 took 7 s.
    const dir = vault({ 'Urls.md': `${Array.from({ length: 40_000 }, (_, i) => `https://example.com/${i}`).join(' ')} and [[Target]].\n`, 'Target.md': 'Target.\n' });
    const started = performance.now();
    const { content, messages } = await load(dir, { cwd: dir });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(messages).toEqual([]);
    expect(page(content, 'urls').html.match(/<a href="https:\/\/example\.com\//g)).toHaveLength(40_000);
    const [link] = content!.links.filter((l) => l.from === 'urls');
    expect(link!.sentence).toMatch(/^https:\/\/example\.com\/0 https:\/\/example\.com\/1 .{200,}…$/);
  }, 120_000);

  test('lists nested 500 levels deep render as 500 nested lists', async () => {
    const dir = vault({ 'Deep.md': `${Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n` });
    const { content, messages } = await load(dir, { cwd: dir });
    expect(messages).toEqual([]);
    const html = page(content, 'deep').html;
    expect(html.match(/<ul>/g)).toHaveLength(500);
    expect(html).toContain('<li>level 500</li>');
  }, 60_000);

  test('block quotes nested 500 levels deep render', async () => {
    const dir = vault({ 'Deep.md': `${'>'.repeat(500)} deep\n` });
    const { content, messages } = await load(dir, { cwd: dir });
    expect(messages).toEqual([]);
    expect(page(content, 'deep').html.match(/<blockquote>/g)).toHaveLength(500);
  });

  test('block quotes nested 3,000 levels deep are one error at their line, not a stack overflow', async () => {
    const dir = vault({ 'Deep.md': `Intro.\n\n${'>'.repeat(3_000)} deep\n`, 'Fine.md': 'Links to [[Deep]].\n' });
    const { content, messages } = await load(dir, { cwd: dir });
    expect(messages).toEqual([
      'error Deep.md:3:1201 cannot parse Markdown: content nested more than 1,200 levels deep (quotes, lists and list items, emphasis inside each other) — flatten it: deeper nesting cannot be built',
    ]);
    // The note keeps its place: the link to it is not reported as unresolved.
    expect(content).toBeUndefined();
  });

  test('a callout whose lines begin with [!type] is one callout, as in Obsidian (> > [!type] nests); 5,000 such lines build', async () => {
    const dir = vault({
      'Callouts.md': '> [!note] Title\n> [!tip] not a callout\n> > [!warning] Nested\n> > inside\n',
      'Many.md': `> [!note] Many\n${'> [!tip]\n'.repeat(5_000)}`,
    });
    const { content, messages } = await load(dir, { cwd: dir });
    expect(messages).toEqual([]);
    const html = page(content, 'callouts').html;
    expect(html.match(/class="callout /g)).toHaveLength(2);
    expect(html).toMatch(/<div class="callout-content">\s*<p>\[!tip\] not a callout<\/p>\s*<div class="callout callout-warning" data-callout="warning">\s*<p class="callout-title">Nested<\/p>/);
    expect(page(content, 'many').html.match(/class="callout /g)).toHaveLength(1);
  });

  test('a vault with nothing to build says why: no such folder, no notes, every note unpublished', async () => {
    const empty = vault({ 'attachments/pic.png': 'x' });
    expect((await load(empty, { cwd: empty })).messages).toEqual(['error .:1:1 nothing to build: no .md or .mdx notes here — add one, or set ATLAS_CONTENT to the folder of your notes']);
    const hidden = vault({ 'A.md': '---\npublish: false\n---\nA.\n', 'B.md': '---\ndraft: true\n---\nB.\n' });
    expect((await load(hidden, { cwd: hidden })).messages).toEqual(['error .:1:1 nothing to build: all 2 notes here are unpublished (publish: false or draft: true)']);
    const missing = join(empty, 'no-such-vault');
    expect((await load(missing, { cwd: empty })).messages).toEqual([
      'warning no-such-vault:1:1 skipped: cannot be read (ENOENT)',
      'error no-such-vault:1:1 no such folder — set ATLAS_CONTENT to the folder of your notes (the vault)',
    ]);
  });

  test('a symbolic link that loops back into the vault is reported and skipped; the rest builds', async () => {
    const dir = vault({ 'sub/Note.md': 'A note beside the loop.\n' });
    symlinkSync('..', join(dir, 'sub', 'loop'));
    symlinkSync('nowhere', join(dir, 'dangling.md'));
    const { content, messages } = await load(dir, { cwd: dir });
    expect(messages).toEqual([
      'warning dangling.md:1:1 skipped: is a symbolic link to nothing',
      'warning sub/loop:1:1 skipped: is a symbolic link back into a folder it is in (a loop)',
    ]);
    expect(content!.topics.map((t) => t.slug)).toEqual(['sub/note']);
  });

  const root = process.getuid?.() === 0;
  test(`an unreadable file is an error naming it; the other notes are still read${root ? ' (as root, who may read anything, the pipeline runs as "nobody")' : ''}`, async () => {
    const dir = vault({ 'Locked.md': 'Secret.\n', 'Open.md': 'Links to [[Locked]].\n' });
    chmodSync(join(dir, 'Locked.md'), 0o000);
    chmodSync(dir, 0o755);
    const expected = [
      'error Locked.md:1:1 cannot read this file (EACCES) — check its permissions',
      'error Open.md:1:10 unresolved [[Locked]] — create the page or fix the name',
    ];
    if (!root) {
      expect((await load(dir, { cwd: dir })).messages).toEqual(expected);
      return;
    }
    // Root ignores file permissions, so the same pipeline runs in a child process as an
    // unprivileged user, where the permission is real.
    const script = resolve('tests/unit/support/printDiagnostics.ts');
    const child = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', script, dir], { uid: 65534, gid: 65534, cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual(expected);
  }, 60_000);
});
