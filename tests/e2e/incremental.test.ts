// Warm rebuilds: after edits, a build that reuses the last build (its cache and the pages it
// wrote) leaves exactly the files a cold build of the edited vault writes, byte for byte, and
// writes again only the pages the edits changed.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildEnv, ROOT, run } from './harness.ts';

const DIR = join(ROOT, 'tests/.out/incremental');
const VAULT = join(DIR, 'vault');

async function build(out: string, cache: string) {
  const env = buildEnv({ ATLAS_CONTENT: VAULT, ATLAS_LINKS: 'warn', ATLAS_OUT: out, ATLAS_CACHE: cache, ATLAS_BASE: '/wiki/' });
  const result = await run(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], env);
  if (result.code !== 0) throw new Error(`build failed:\n${result.output.slice(-3000)}`);
  return result.output;
}

/** Every file under `dir`, by relative path, with its bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

function expectSameFiles(actual: string, expected: string) {
  const a = files(actual);
  const e = files(expected);
  expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
  const differing = [...e].filter(([path, bytes]) => !a.get(path)!.equals(bytes)).map(([path]) => path);
  expect(differing).toEqual([]);
}

const mtime = (path: string) => statSync(path).mtimeMs;

describe('warm rebuilds', () => {
  let warmLog = '';
  const warm = join(DIR, 'warm');
  beforeAll(async () => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    cpSync(join(ROOT, 'tests/fixtures/obsidian'), VAULT, { recursive: true });
    await build(warm, join(DIR, 'cache'));
  }, 120_000);

  test('with no edit every topic page is kept and the output is unchanged', async () => {
    const before = files(warm);
    const page = join(warm, 'headings/index.html');
    const written = mtime(page);
    const localGraph = join(warm, '-/local/headings.json');
    const localGraphWritten = mtime(localGraph);
    const redirect = join(warm, 'first-alias/index.html');
    expect(readFileSync(redirect, 'utf8')).toContain('Redirecting to');
    const redirectWritten = mtime(redirect);
    warmLog = await build(warm, join(DIR, 'cache'));
    // Every topic page but the home page (which lists the whole site) is left as it was.
    const [, kept, total] = /(\d+) of (\d+) topic pages unchanged/.exec(warmLog) ?? [];
    expect(Number(kept)).toBe(Number(total) - 1);
    expect(mtime(page)).toBe(written);
    // The graph did not change, so neither did any topic's local-graph file.
    expect(mtime(localGraph)).toBe(localGraphWritten);
    // Nor did the redirects: their pages stay too.
    expect(mtime(redirect)).toBe(redirectWritten);
    const after = files(warm);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  }, 120_000);

  test('after edits, deletions and additions the output equals a cold build of the edited vault', async () => {
    const headings = join(warm, 'headings/index.html');
    writeFileSync(join(VAULT, 'Headings.md'), readFileSync(join(VAULT, 'Headings.md'), 'utf8').replace('## Section\n', '## Section\n\nA sentence added under Section.\n'));
    unlinkSync(join(VAULT, 'Categories.md'));
    writeFileSync(join(VAULT, 'Added later.md'), 'A new note linking to [[Headings]].\n');
    warmLog = await build(warm, join(DIR, 'cache'));
    expect(warmLog).toMatch(/\d+ of \d+ topic pages unchanged/);
    await build(join(DIR, 'cold'), 'off');
    expectSameFiles(warm, join(DIR, 'cold'));
    // The edited page was written again and shows the edit; the deleted note's page is gone.
    expect(readFileSync(headings, 'utf8')).toContain('A sentence added under Section.');
    expect(readdirSync(warm)).not.toContain('categories');
    expect(readdirSync(warm)).toContain('added-later');
  }, 240_000);

  test('a build without the cache over an older output leaves exactly a cold build\'s files, overwriting pages in place', async () => {
    cpSync(join(ROOT, 'tests/fixtures/obsidian/Categories.md'), join(VAULT, 'Categories.md'));
    unlinkSync(join(VAULT, 'Added later.md'));
    const headings = join(warm, 'headings/index.html');
    const inode = statSync(headings).ino;
    await build(warm, 'off');
    rmSync(join(DIR, 'cold'), { recursive: true, force: true });
    await build(join(DIR, 'cold'), 'off');
    expectSameFiles(warm, join(DIR, 'cold'));
    expect(readdirSync(warm)).not.toContain('added-later');
    expect(readdirSync(warm)).toContain('categories');
    // Written again into the same file, not deleted and created anew.
    expect(statSync(headings).ino).toBe(inode);
  }, 240_000);
});
