// Writes many small files, folders made once each. On the main thread, several writes are in flight
// (writeFiles): awaited one at a time, each leaves the thread idle while Node's thread pool does it
// (thousands of local-graph files took 9.5 s in turn, about a fifth of that with a few in flight).
// A thread with nothing else to do (a worker, or the main thread once the pages are written) writes
// them in turn, synchronously (writeFilesSync): the page cache takes each at once, and no
// thread-pool thread is woken three times per file, on a core the main thread needs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const DEFAULTS = {
  /** Writes in flight at once. */
  concurrency: 16,
};

/** Writes each `[path, content]` the iterable yields; content is made only when its turn comes. */
export async function writeFiles(files: Iterable<[path: string, content: () => string]>, concurrency = DEFAULTS.concurrency): Promise<number> {
  const folders = new Map<string, Promise<unknown>>();
  const iterator = files[Symbol.iterator]();
  let written = 0;
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const [path, content] = next.value;
      const folder = dirname(path);
      let made = folders.get(folder);
      if (!made) folders.set(folder, (made = mkdir(folder, { recursive: true })));
      await made;
      await writeFile(path, content());
      written++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return written;
}

/** As writeFiles, one file at a time on this thread: for a thread that has nothing else to do. */
export function writeFilesSync(files: Iterable<[path: string, content: () => string]>): number {
  const folders = new Set<string>();
  let written = 0;
  for (const [path, content] of files) {
    const folder = dirname(path);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(path, content());
    written++;
  }
  return written;
}
