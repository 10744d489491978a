// Listing a content folder: the Markdown topics and every other file (attachments such as images),
// skipping what Obsidian and tooling keep beside notes (.obsidian/, .trash/, dot files, node_modules).
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface VaultFiles {
  /** Vault-relative, `/`-separated paths of `.md` / `.mdx` files, sorted. */
  topics: string[];
  /** Vault-relative paths of all other files, sorted. */
  attachments: string[];
}

const SKIP_DIRS = new Set(['node_modules', '.obsidian', '.trash', '.git']);

export function scanVault(root: string): VaultFiles {
  const topics: string[] = [];
  const attachments: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const rel = relative(root, full).split(sep).join('/');
        (/\.(md|mdx)$/i.test(entry.name) ? topics : attachments).push(rel);
      }
    }
  };
  walk(root);
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { topics: topics.sort(byPath), attachments: attachments.sort(byPath) };
}

/** Finds attachments the way Obsidian does: by vault path, by path relative to the note, or by file name anywhere. */
export class AttachmentIndex {
  readonly #byPath = new Map<string, string>();
  readonly #byName = new Map<string, string[]>();

  constructor(paths: readonly string[]) {
    for (const path of paths) {
      this.#byPath.set(path.toLowerCase(), path);
      const name = path.split('/').pop()!.toLowerCase();
      this.#byName.set(name, [...(this.#byName.get(name) ?? []), path]);
    }
  }

  get paths(): string[] {
    return [...this.#byPath.values()];
  }

  /** The vault-relative path `target` refers to from a note in `fromFolder`, or undefined. */
  find(target: string, fromFolder: string): string | undefined {
    const clean = safeDecode(target).replace(/^\.\//, '').replace(/^\/+/, '');
    const relativeToNote = normalizePath(fromFolder ? `${fromFolder}/${clean}` : clean);
    return (
      this.#byPath.get(relativeToNote.toLowerCase()) ??
      this.#byPath.get(normalizePath(clean).toLowerCase()) ??
      this.#byName.get(clean.split('/').pop()!.toLowerCase())?.[0]
    );
  }
}

/** URL of an attachment on the built site. */
export function attachmentUrl(base: string, path: string): string {
  return `${base}attachments/${path.split('/').map(encodeURIComponent).join('/')}`;
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

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
