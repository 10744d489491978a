// Many small files written with a few in flight, or in turn on a worker (src/pipeline/writeFiles.ts):
// every file lands with its content, folders are made as needed, and a file's content is made only
// when its turn comes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { writeFiles, writeFilesSync } from '../../../src/pipeline/writeFiles.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-write-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('writes every file, in nested folders made once each, and counts them', async () => {
  const files = Array.from({ length: 50 }, (_, i) => join(scratch, 'a', `f${i % 4}`, 'deep', `${i}.json`));
  expect(await writeFiles(files.map((path, i): [string, () => string] => [path, () => `{"i":${i}}`]), 3)).toBe(50);
  files.forEach((path, i) => expect(readFileSync(path, 'utf8')).toBe(`{"i":${i}}`));
});

test('files are taken from the iterable as writers free up, and content is made only when written', async () => {
  let taken = 0;
  let made = 0;
  const files = function* (): Generator<[string, () => string]> {
    for (let i = 0; i < 40; i++) {
      taken++;
      yield [join(scratch, 'lazy', `${i}.txt`), () => (made++, String(i))];
    }
  };
  const done = writeFiles(files(), 4);
  // Before any write has finished: one file per writer taken, none of their contents made yet.
  expect(taken).toBe(4);
  expect(made).toBe(0);
  expect(await done).toBe(40);
  expect([taken, made]).toEqual([40, 40]);
  for (let i = 0; i < 40; i++) expect(readFileSync(join(scratch, 'lazy', `${i}.txt`), 'utf8')).toBe(String(i));
});

test('a write that fails rejects with its error', async () => {
  const blocked = join(scratch, 'blocked');
  await writeFiles([[blocked, () => 'a file where a folder is wanted']]);
  await expect(writeFiles([[join(blocked, 'inside.txt'), () => 'x']])).rejects.toThrow(/EEXIST|ENOTDIR/);
});

test('in turn: every file lands in its folder, each content made just before its file is written', () => {
  const files = Array.from({ length: 30 }, (_, i) => join(scratch, 'sync', `f${i % 3}`, `${i}.json`));
  const made: number[] = [];
  const entries = function* (): Generator<[string, () => string]> {
    for (let i = 0; i < files.length; i++) {
      // The previous file is already on disk when this one is taken.
      if (i > 0) expect(readFileSync(files[i - 1]!, 'utf8')).toBe(`{"i":${i - 1}}`);
      yield [files[i]!, () => (made.push(i), `{"i":${i}}`)];
    }
  };
  expect(writeFilesSync(entries())).toBe(30);
  expect(made).toEqual(files.map((_, i) => i));
  files.forEach((path, i) => expect(readFileSync(path, 'utf8')).toBe(`{"i":${i}}`));
});

test('in turn: a write that fails throws its error', () => {
  const blocked = join(scratch, 'blocked-sync');
  writeFilesSync([[blocked, () => 'a file where a folder is wanted']]);
  expect(() => writeFilesSync([[join(blocked, 'inside.txt'), () => 'x']])).toThrow(/EEXIST|ENOTDIR/);
});
