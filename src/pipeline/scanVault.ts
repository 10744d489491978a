// Listing a content folder: the Markdown notes and every other file (attachments such as images),
// skipping what Obsidian and tooling keep beside notes (.obsidian/, .trash/, dot files,
// node_modules) and the site configuration. Symbolic links are followed as Obsidian follows them;
// a link that leads back into a folder already being listed (a loop) or a folder that cannot be
// read is reported and skipped, never a crash.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SITE_CONFIG_FILE } from '../config/siteConfig.ts';

export interface VaultFiles {
  /** Vault-relative, `/`-separated paths of `.md` / `.mdx` files, sorted. */
  topics: string[];
  /** Vault-relative paths of all other files, sorted. */
  attachments: string[];
  /** Folders and links that could not be listed, vault-relative, with the reason. */
  skipped: Array<{ path: string; reason: string }>;
}

const SKIP_DIRS = new Set(['node_modules', '.obsidian', '.trash', '.git']);

export function scanVault(root: string): VaultFiles {
  const topics: string[] = [];
  const attachments: string[] = [];
  const skipped: VaultFiles['skipped'] = [];
  const rel = (full: string) => relative(root, full).split(sep).join('/');
  const walk = (dir: string, ancestors: ReadonlySet<string>) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: rel(dir) || '.', reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
      if (dir === root && entry.name === SITE_CONFIG_FILE) continue;
      const full = join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stats = statSync(full);
          isDirectory = stats.isDirectory();
          isFile = stats.isFile();
        } catch {
          skipped.push({ path: rel(full), reason: 'is a symbolic link to nothing' });
          continue;
        }
      }
      if (isDirectory) {
        const real = realpathSafe(full);
        if (real === undefined || ancestors.has(real)) {
          skipped.push({ path: rel(full), reason: 'is a symbolic link back into a folder it is in (a loop)' });
          continue;
        }
        walk(full, new Set([...ancestors, real]));
      } else if (isFile) {
        (/\.(md|mdx)$/i.test(entry.name) ? topics : attachments).push(rel(full));
      }
    }
  };
  walk(root, new Set([realpathSafe(root) ?? root]));
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { topics: topics.sort(byPath), attachments: attachments.sort(byPath), skipped };
}

function realpathSafe(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Finds attachments the way Obsidian does: by vault path, by path relative to the note, or by file name anywhere. */
export class AttachmentIndex {
  readonly #byPath = new Map<string, string>();
  readonly #byName = new Map<string, string[]>();

  constructor(paths: readonly string[]) {
    for (const path of paths) {
      this.#byPath.set(path.normalize('NFC').toLowerCase(), path);
      const name = path.split('/').pop()!.normalize('NFC').toLowerCase();
      const list = this.#byName.get(name);
      if (list) list.push(path);
      else this.#byName.set(name, [path]);
    }
  }

  get paths(): string[] {
    return [...this.#byPath.values()];
  }

  /** The vault-relative path `target` refers to from a note in `fromFolder`, or undefined. */
  find(target: string, fromFolder: string): string | undefined {
    const clean = safeDecode(target).replace(/^\.\//, '').replace(/^\/+/, '').normalize('NFC');
    const relativeToNote = normalizePath(fromFolder ? `${fromFolder}/${clean}` : clean);
    return (
      this.#byPath.get(relativeToNote.toLowerCase()) ??
      this.#byPath.get(normalizePath(clean).toLowerCase()) ??
      this.#byName.get(clean.split('/').pop()!.toLowerCase())?.[0]
    );
  }
}

export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
