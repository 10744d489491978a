// When each page was created and last updated, from git history: three git invocations for the
// whole content folder, however many files it has (rev-parse, one log, one status), parsed in one
// pass from the oldest commit to the newest so renames carry a page's creation date along.
//
// Rules (docs for authors are in the README's frontmatter section once integrated):
// - Dates are author dates. History is read along the first-parent chain (`-m --first-parent`),
//   so a change merged from a branch counts from the merge, and merges cannot reorder renames.
// - A rename (R) keeps the creation date; it updates the page only if the content changed too
//   (similarity below 100%). Deleting and re-adding a path starts a new page.
// - A file moved into the folder from outside it counts as added then (git pairs renames only
//   inside the pathspec).
// - Files with uncommitted changes: updated is the file's mtime; untracked or newly added files
//   take the mtime for both dates; a staged rename keeps the history of its old path.
// - Outside a git work tree, or without git, every file takes its mtime for both dates.
// - In a shallow clone history is cut off, so dates are wrong; the caller prints
//   shallowCloneWarning() once.
// Frontmatter `created:` / `updated:` override all of this (frontmatterDates below).
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { formatIsoDate, parseIsoDate } from '../../graph/query/parseIsoDate.ts';

export interface FileDates {
  created: Date;
  updated: Date;
}

export interface PageHistory {
  /** Dates by vault-relative POSIX path (`techniques/model-pruning.md`), for every file asked about. */
  dates: Map<string, FileDates>;
  /** 'git' when the folder is inside a git work tree, 'mtime' when dates come from the file system. */
  source: 'git' | 'mtime';
  /** Read from a shallow clone: creation dates (and some updates) are those of the clone's cut-off. */
  shallow: boolean;
}

export interface PageHistoryOptions {
  /** Vault-relative POSIX paths to date; default: every file under the folder, dot entries skipped. */
  files?: readonly string[];
  /** Modification times already known, by path (the dev server stats every note anyway). */
  mtimes?: ReadonlyMap<string, Date>;
  /** The git executable; default `git` from PATH. */
  git?: string;
}

/** The one warning a build prints when `shallow` is true. */
export function shallowCloneWarning(): string {
  return (
    'page dates may be wrong: the content is in a shallow git clone, so history before the clone is missing — ' +
    'run `git fetch --unshallow`, or in GitHub Actions give actions/checkout `fetch-depth: 0`'
  );
}

interface GitOutput {
  ok: boolean;
  stdout: string;
}

/** Runs git and collects its whole output; never rejects (a missing git is `ok: false`). */
function runGit(git: string, args: readonly string[], cwd: string): Promise<GitOutput> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    // GIT_OPTIONAL_LOCKS=0: reading must not take the index lock from an author's running git.
    const child = spawn(git, args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' } });
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => resolve({ ok: false, stdout: '' }));
    child.on('close', (code) => resolve({ ok: code === 0, stdout: Buffer.concat(chunks).toString('utf8') }));
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((path) => !path.split('/').some((segment) => segment.startsWith('.')))
    .sort();
}

async function mtimeOf(contentDir: string, path: string): Promise<Date | undefined> {
  try {
    return (await stat(join(contentDir, ...path.split('/')))).mtime;
  } catch {
    return undefined;
  }
}

const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);

/**
 * Replays `git log --name-status -z` output, oldest commit first, into the history of each path
 * that exists at the end. Paths are relative to the repository root.
 */
export function replayLog(output: string): Map<string, FileDates> {
  const live = new Map<string, FileDates>();
  const tokens = output.split('\0');
  let i = 0;
  while (i < tokens.length) {
    const header = tokens[i++]!;
    if (!header.startsWith('\x1e')) continue;
    const when = new Date(Number(header.slice(1)) * 1000);
    // One commit's changes, applied together: a rename's source is read before any change of
    // the commit lands, so swaps (a→b and b→a at once) keep each page's own history.
    const changes: { status: string; from: string; to: string }[] = [];
    while (i < tokens.length && !tokens[i]!.startsWith('\x1e')) {
      const status = tokens[i++]!.replace(/^\n/, '');
      if (status === '') continue;
      const paired = status[0] === 'R' || status[0] === 'C';
      const from = tokens[i++] ?? '';
      changes.push({ status, from, to: paired ? (tokens[i++] ?? '') : from });
    }
    const sources = new Map(changes.filter((c) => c.status[0] === 'R' || c.status[0] === 'C').map((c) => [c.from, live.get(c.from)]));
    for (const c of changes) if (c.status[0] === 'R' || c.status[0] === 'D') live.delete(c.from);
    for (const { status, from, to } of changes) {
      const kind = status[0];
      if (kind === 'D') continue;
      if (kind === 'R' || kind === 'C') {
        const before = sources.get(from);
        const edited = status !== 'R100' && status !== 'C100';
        live.set(to, before === undefined ? { created: when, updated: when } : { created: before.created, updated: edited ? when : before.updated });
      } else if (kind === 'A' || !live.has(to)) {
        live.set(to, { created: when, updated: when });
      } else {
        live.set(to, { created: live.get(to)!.created, updated: when });
      }
    }
  }
  return live;
}

interface StatusEntry {
  /** Untracked or newly added: no history of its own. */
  fresh: boolean;
  /** For a staged rename, the path it had before. */
  renamedFrom?: string;
}

/** `git status --porcelain=v1 -z` → the paths with uncommitted changes (repository-relative). */
export function parseStatus(output: string): Map<string, StatusEntry> {
  const entries = new Map<string, StatusEntry>();
  const tokens = output.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.length < 4) continue;
    const x = token[0];
    const y = token[1];
    const path = token.slice(3);
    if (x === 'R' || x === 'C') {
      entries.set(path, { fresh: false, renamedFrom: tokens[++i]! });
      continue;
    }
    if (x === 'D' || y === 'D') continue;
    entries.set(path, { fresh: x === '?' || x === 'A' });
  }
  return entries;
}

/** Created and updated dates of the files of a content folder; see the rules at the top. */
export async function readPageHistory(contentDir: string, options: PageHistoryOptions = {}): Promise<PageHistory> {
  const git = options.git ?? 'git';
  const files = options.files ?? (await listFiles(contentDir));
  const dates = new Map<string, FileDates>();
  const modified = (path: string) => options.mtimes?.get(path) ?? mtimeOf(contentDir, path);
  const fromMtime = async (path: string) => {
    const mtime = await modified(path);
    if (mtime !== undefined) dates.set(path, { created: mtime, updated: mtime });
  };

  const repo = await runGit(git, ['rev-parse', '--is-inside-work-tree', '--show-prefix', '--is-shallow-repository'], contentDir);
  const [inside, prefix = '', shallowFlag] = repo.stdout.split('\n');
  if (!repo.ok || inside !== 'true') {
    await Promise.all(files.map(fromMtime));
    return { dates, source: 'mtime', shallow: false };
  }

  const [log, status] = await Promise.all([
    runGit(git, ['log', '-m', '--first-parent', '--reverse', '--name-status', '-M', '-z', '--format=%x1e%at', '--', '.'], contentDir),
    runGit(git, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.'], contentDir),
  ]);
  // A repository without commits has no log: every file is then new.
  const history = log.ok ? replayLog(log.stdout) : new Map<string, FileDates>();
  const changes = status.ok ? parseStatus(status.stdout) : new Map<string, StatusEntry>();

  await Promise.all(
    files.map(async (path) => {
      const full = prefix + path;
      const change = changes.get(full);
      const committed = history.get(full) ?? (change?.renamedFrom === undefined ? undefined : history.get(change.renamedFrom));
      if (change === undefined && committed !== undefined) {
        dates.set(path, { created: committed.created, updated: committed.updated });
        return;
      }
      if (committed === undefined || change?.fresh === true) {
        await fromMtime(path);
        return;
      }
      const mtime = (await modified(path)) ?? committed.updated;
      dates.set(path, { created: committed.created, updated: later(mtime, committed.created) });
    }),
  );
  return { dates, source: 'git', shallow: shallowFlag === 'true' };
}

// ---- frontmatter overrides -------------------------------------------------------------------

export type DateField = 'created' | 'updated';

/** A problem with a `created:` / `updated:` value; the build adds the file and the field's line. */
export interface DateFieldError {
  severity: 'error';
  rule: 'frontmatter';
  field: DateField;
  message: string;
}

export interface PageDates {
  created: Date | undefined;
  updated: Date | undefined;
  errors: DateFieldError[];
}

function readDateField(fields: Readonly<Record<string, unknown>>, field: DateField): { date?: Date; error?: DateFieldError } {
  if (!Object.hasOwn(fields, field)) return {};
  const value = fields[field];
  if (value === null || value === undefined) return {};
  const date = value instanceof Date ? (Number.isNaN(value.getTime()) ? undefined : value) : typeof value === 'string' ? parseIsoDate(value) : undefined;
  if (date !== undefined) return { date };
  const shown = value instanceof Date ? 'an invalid date' : typeof value === 'object' || typeof value === 'string' ? safeJson(value) : String(value);
  const hint = typeof value === 'number' ? 'write the full date' : 'write an ISO date';
  return { error: { severity: 'error', rule: 'frontmatter', field, message: `frontmatter "${field}": ${shown} is not a date — ${hint}, e.g. ${field}: 2024-03-01` } };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The dates a page shows: frontmatter `created` / `updated` (YAML dates or ISO text) win over the
 * history. Dates never run backwards: with one date from frontmatter and the other from history,
 * the history date moves to meet it; both from frontmatter with `updated` first is an error.
 */
export function frontmatterDates(fields: Readonly<Record<string, unknown>>, history: FileDates | undefined): PageDates {
  const created = readDateField(fields, 'created');
  const updated = readDateField(fields, 'updated');
  const errors = [created.error, updated.error].filter((e): e is DateFieldError => e !== undefined);
  let first = created.date ?? history?.created;
  let last = updated.date ?? history?.updated;
  if (first !== undefined && last !== undefined && last.getTime() < first.getTime()) {
    if (created.date !== undefined && updated.date !== undefined) {
      errors.push({
        severity: 'error',
        rule: 'frontmatter',
        field: 'updated',
        message: `frontmatter "updated" (${formatIsoDate(last)}) is before "created" (${formatIsoDate(first)}) — swap them or fix one`,
      });
    } else if (created.date !== undefined) {
      last = first;
    } else {
      first = last;
    }
  }
  return { created: first, updated: last, errors };
}
