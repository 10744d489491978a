// Page dates from real, throw-away git repositories with fixed commit dates.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { frontmatterDates, parseStatus, readPageHistory, replayLog, shallowCloneWarning, type FileDates } from '../../../src/pipeline/gitHistory.ts';

const root = mkdtempSync(join(tmpdir(), 'atlas-git-history-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Isolated from the machine's git configuration, and never finding a repository above `root`.
const gitEnv = {
  ...process.env,
  HOME: root,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: join(root, 'gitconfig'),
  GIT_CEILING_DIRECTORIES: root,
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.org',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.org',
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' });
/** A commit authored at `day` (UTC noon) and committed a day later, to tell the two apart. */
const commit = (cwd: string, day: string, message: string) => {
  const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString();
  execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
    cwd,
    env: { ...gitEnv, GIT_AUTHOR_DATE: `${day}T12:00:00Z`, GIT_COMMITTER_DATE: next },
  });
};
const write = (file: string, text: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};
const noon = (day: string) => new Date(`${day}T12:00:00Z`);
const dates = (created: string, updated: string): FileDates => ({ created: noon(created), updated: noon(updated) });
const MTIME = new Date('2030-01-02T03:04:05Z');
const OLD_MTIME = new Date('2001-01-01T00:00:00Z');
const touch = (file: string, when = MTIME) => utimesSync(file, when, when);
const paragraph = (n: number) => Array.from({ length: 20 }, (_, i) => `line ${i} of page ${n}`).join('\n') + '\n';

let repo: string;
let content: string;

beforeAll(() => {
  repo = join(root, 'wiki');
  content = join(repo, 'content');
  mkdirSync(content, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  write(join(content, 'a.md'), paragraph(1));
  write(join(content, 'pure-old.md'), paragraph(2));
  write(join(content, 'sub', 'b é.md'), paragraph(3));
  write(join(content, 'keep.md'), paragraph(4));
  write(join(content, 'dirty.md'), paragraph(5));
  write(join(content, 'gone.md'), paragraph(6));
  write(join(content, 'staged-old.md'), paragraph(7));
  write(join(repo, 'outside.md'), paragraph(8));
  git(repo, 'add', '-A');
  commit(repo, '2024-01-01', 'first');

  // A pure rename keeps both dates.
  git(repo, 'mv', 'content/pure-old.md', 'content/pure.md');
  git(repo, 'mv', 'content/a.md', 'content/renamed.md');
  commit(repo, '2024-02-01', 'renames');

  write(join(content, 'sub', 'b é.md'), paragraph(3) + 'more\n');
  write(join(repo, 'outside.md'), paragraph(8) + 'more\n');
  git(repo, 'add', '-A');
  commit(repo, '2024-03-01', 'edit b and a file outside the folder');

  write(join(content, 'renamed.md'), paragraph(1) + 'edited after the rename\n');
  git(repo, 'add', '-A');
  commit(repo, '2024-04-01', 'edit after rename');

  // Rename and edit in one commit: still the same page.
  renameSync(join(content, 'keep.md'), join(content, 'sub', 'kept.md'));
  write(join(content, 'sub', 'kept.md'), paragraph(4) + 'a small edit\n');
  git(repo, 'rm', '-q', 'content/gone.md');
  git(repo, 'add', '-A');
  commit(repo, '2024-05-01', 'rename with edit; delete');

  // A branch merged later: first-parent history dates the change at the merge.
  git(repo, 'checkout', '-q', '-b', 'side');
  write(join(content, 'sub', 'b é.md'), paragraph(3) + 'more\nfrom the branch\n');
  git(repo, 'add', '-A');
  commit(repo, '2024-06-01', 'on a branch');
  git(repo, 'checkout', '-q', 'main');
  execFileSync('git', ['merge', '-q', '--no-ff', '-m', 'merge side', 'side'], {
    cwd: repo,
    env: { ...gitEnv, GIT_AUTHOR_DATE: '2024-06-15T12:00:00Z', GIT_COMMITTER_DATE: '2024-06-16T12:00:00Z' },
  });

  // Uncommitted work: an edit, an untracked page, a staged rename.
  write(join(content, 'dirty.md'), paragraph(5) + 'not committed yet\n');
  touch(join(content, 'dirty.md'));
  write(join(content, 'new.md'), 'brand new\n');
  touch(join(content, 'new.md'));
  git(repo, 'mv', 'content/staged-old.md', 'content/sub/staged.md');
  touch(join(content, 'sub', 'staged.md'));
  // Ignored files are not in git at all.
  write(join(repo, '.gitignore'), 'content/ignored.md\n');
  write(join(content, 'ignored.md'), 'ignored\n');
  touch(join(content, 'ignored.md'), OLD_MTIME);
});

describe('readPageHistory in a git repository', () => {
  test('every file of the folder, with dates that follow renames, edits and merges', async () => {
    const history = await readPageHistory(content);
    expect(history.source).toBe('git');
    expect(history.shallow).toBe(false);
    expect(Object.fromEntries(history.dates)).toEqual({
      'dirty.md': { created: noon('2024-01-01'), updated: MTIME },
      'ignored.md': { created: OLD_MTIME, updated: OLD_MTIME },
      'new.md': { created: MTIME, updated: MTIME },
      'pure.md': dates('2024-01-01', '2024-01-01'),
      'renamed.md': dates('2024-01-01', '2024-04-01'),
      'sub/b é.md': dates('2024-01-01', '2024-06-15'),
      'sub/kept.md': dates('2024-01-01', '2024-05-01'),
      'sub/staged.md': { created: noon('2024-01-01'), updated: MTIME },
    });
  });

  test('only the files asked for; a missing file is left out', async () => {
    const history = await readPageHistory(content, { files: ['renamed.md', 'sub/kept.md', 'no-such-file.md'] });
    expect(Object.fromEntries(history.dates)).toEqual({
      'renamed.md': dates('2024-01-01', '2024-04-01'),
      'sub/kept.md': dates('2024-01-01', '2024-05-01'),
    });
  });

  test('a content folder at the repository root', async () => {
    const history = await readPageHistory(repo, { files: ['outside.md', 'content/renamed.md'] });
    expect(Object.fromEntries(history.dates)).toEqual({
      'outside.md': dates('2024-01-01', '2024-03-01'),
      'content/renamed.md': dates('2024-01-01', '2024-04-01'),
    });
  });

  test('a shallow clone is flagged, and its dates are those of the cut-off', async () => {
    const clone = join(root, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, clone], { env: gitEnv });
    const history = await readPageHistory(join(clone, 'content'), { files: ['renamed.md', 'sub/b é.md'] });
    expect(history.shallow).toBe(true);
    expect(Object.fromEntries(history.dates)).toEqual({
      'renamed.md': dates('2024-06-15', '2024-06-15'),
      'sub/b é.md': dates('2024-06-15', '2024-06-15'),
    });
    expect(shallowCloneWarning()).toBe(
      'page dates may be wrong: the content is in a shallow git clone, so history before the clone is missing — run `git fetch --unshallow`, or in GitHub Actions give actions/checkout `fetch-depth: 0`',
    );
  });

  test('a repository without commits: every file is new', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    git(empty, 'init', '-q');
    write(join(empty, 'page.md'), 'x\n');
    touch(join(empty, 'page.md'));
    expect(await readPageHistory(empty)).toEqual({ source: 'git', shallow: false, dates: new Map([['page.md', { created: MTIME, updated: MTIME }]]) });
  });
});

describe('readPageHistory without git history', () => {
  test('outside a repository: file modification times, no error', async () => {
    const plain = join(root, 'plain');
    write(join(plain, 'x.md'), 'x\n');
    write(join(plain, 'deep', 'y.md'), 'y\n');
    write(join(plain, '.obsidian', 'workspace.json'), '{}\n');
    touch(join(plain, 'x.md'));
    touch(join(plain, 'deep', 'y.md'), OLD_MTIME);
    expect(await readPageHistory(plain)).toEqual({
      source: 'mtime',
      shallow: false,
      dates: new Map([
        ['deep/y.md', { created: OLD_MTIME, updated: OLD_MTIME }],
        ['x.md', { created: MTIME, updated: MTIME }],
      ]),
    });
  });

  test('modification times the caller already knows are used as they are; the rest are read', async () => {
    const plain = join(root, 'known-times');
    write(join(plain, 'known.md'), 'k\n');
    write(join(plain, 'unknown.md'), 'u\n');
    touch(join(plain, 'known.md'));
    touch(join(plain, 'unknown.md'), OLD_MTIME);
    const known = new Date('2040-05-06T07:08:09Z');
    const history = await readPageHistory(plain, { files: ['known.md', 'unknown.md'], mtimes: new Map([['known.md', known]]) });
    expect(history.dates.get('known.md')).toEqual({ created: known, updated: known });
    expect(history.dates.get('unknown.md')).toEqual({ created: OLD_MTIME, updated: OLD_MTIME });
  });

  test('without a git executable: the same fallback', async () => {
    const history = await readPageHistory(content, { git: join(root, 'no-such-git'), files: ['new.md', 'renamed.md'] });
    expect(history.source).toBe('mtime');
    expect(history.dates.get('new.md')).toEqual({ created: MTIME, updated: MTIME });
    expect(history.dates.get('renamed.md')!.created.getTime()).toBe(history.dates.get('renamed.md')!.updated.getTime());
  });
});

describe('parsing git output', () => {
  const log = (...commits: [number, ...string[]][]) => commits.map(([t, ...changes]) => `\x1e${t}\0\n${changes.join('\0')}\0`).join('');
  const at = (t: number) => new Date(t * 1000);

  test.each([
    ['add then modify', log([10, 'A', 'x.md'], [20, 'M', 'x.md']), { 'x.md': { created: at(10), updated: at(20) } }],
    ['pure rename keeps dates', log([10, 'A', 'x.md'], [20, 'R100', 'x.md', 'y.md']), { 'y.md': { created: at(10), updated: at(10) } }],
    ['rename with edit updates', log([10, 'A', 'x.md'], [20, 'R087', 'x.md', 'y.md']), { 'y.md': { created: at(10), updated: at(20) } }],
    ['swap in one commit', log([10, 'A', 'a', 'A', 'b'], [20, 'M', 'b'], [30, 'R100', 'a', 'b', 'R100', 'b', 'a']), { a: { created: at(10), updated: at(20) }, b: { created: at(10), updated: at(10) } }],
    ['delete and re-add starts over', log([10, 'A', 'x.md'], [20, 'D', 'x.md'], [30, 'A', 'x.md']), { 'x.md': { created: at(30), updated: at(30) } }],
    ['a commit without changes', `\x1e5\0${log([10, 'A', 'x.md'])}`, { 'x.md': { created: at(10), updated: at(10) } }],
    ['paths with spaces, tabs and newlines', log([10, 'A', 'a b\tc\nd.md']), { 'a b\tc\nd.md': { created: at(10), updated: at(10) } }],
    ['type change counts as an update', log([10, 'A', 'x'], [20, 'T', 'x']), { x: { created: at(10), updated: at(20) } }],
    ['empty output', '', {}],
  ])('%s', (_, output, expected) => {
    expect(Object.fromEntries(replayLog(output))).toEqual(expected);
  });

  test('status entries', () => {
    expect(Object.fromEntries(parseStatus(' M a.md\0?? new.md\0A  added.md\0R  to.md\0from.md\0 D gone.md\0MM both.md\0'))).toEqual({
      'a.md': { fresh: false },
      'new.md': { fresh: true },
      'added.md': { fresh: true },
      'to.md': { fresh: false, renamedFrom: 'from.md' },
      'both.md': { fresh: false },
    });
  });
});

describe('frontmatterDates', () => {
  const history = dates('2024-01-01', '2024-04-01');
  const d = (iso: string) => new Date(iso);

  test.each([
    ['no frontmatter dates: history', {}, history, d('2024-01-01T12:00:00Z'), d('2024-04-01T12:00:00Z')],
    ['ISO text wins', { created: '2020-05-06' }, history, d('2020-05-06T00:00:00Z'), d('2024-04-01T12:00:00Z')],
    ['YAML dates win', { created: d('2020-05-06T00:00:00Z'), updated: d('2025-01-01T00:00:00Z') }, history, d('2020-05-06T00:00:00Z'), d('2025-01-01T00:00:00Z')],
    ['a time and zone', { updated: '2024-04-02T10:00:00+02:00' }, history, d('2024-01-01T12:00:00Z'), d('2024-04-02T08:00:00Z')],
    ['null means not given', { created: null }, history, d('2024-01-01T12:00:00Z'), d('2024-04-01T12:00:00Z')],
    ['created after the last update moves updated up', { created: '2024-05-01' }, history, d('2024-05-01T00:00:00Z'), d('2024-05-01T00:00:00Z')],
    ['updated before creation moves created back', { updated: '2023-12-01' }, history, d('2023-12-01T00:00:00Z'), d('2023-12-01T00:00:00Z')],
    ['no history', { created: '2024-02-02' }, undefined, d('2024-02-02T00:00:00Z'), undefined],
  ])('%s', (_, fields, fromHistory, created, updated) => {
    expect(frontmatterDates(fields, fromHistory)).toEqual({ created, updated, errors: [] });
  });

  test.each([
    ['created', '2024-13-01', 'frontmatter "created": "2024-13-01" is not a date — write an ISO date, e.g. created: 2024-03-01'],
    ['created', '2024-02-30', 'frontmatter "created": "2024-02-30" is not a date — write an ISO date, e.g. created: 2024-03-01'],
    ['updated', 'last week', 'frontmatter "updated": "last week" is not a date — write an ISO date, e.g. updated: 2024-03-01'],
    ['updated', 2024, 'frontmatter "updated": 2024 is not a date — write the full date, e.g. updated: 2024-03-01'],
    ['created', true, 'frontmatter "created": true is not a date — write an ISO date, e.g. created: 2024-03-01'],
    ['created', ['2024-01-01'], 'frontmatter "created": ["2024-01-01"] is not a date — write an ISO date, e.g. created: 2024-03-01'],
    ['updated', new Date(Number.NaN), 'frontmatter "updated": an invalid date is not a date — write an ISO date, e.g. updated: 2024-03-01'],
  ])('%s: %j is an error naming the field; history stands', (field, value, message) => {
    const result = frontmatterDates({ [field]: value }, history);
    expect(result.errors).toEqual([{ severity: 'error', rule: 'frontmatter', field, message }]);
    expect(result.created).toEqual(history.created);
    expect(result.updated).toEqual(history.updated);
  });

  test('both given, updated before created: an error on updated', () => {
    expect(frontmatterDates({ created: '2024-03-01', updated: '2024-01-01' }, history).errors).toEqual([
      { severity: 'error', rule: 'frontmatter', field: 'updated', message: 'frontmatter "updated" (2024-01-01) is before "created" (2024-03-01) — swap them or fix one' },
    ]);
  });
});
