// One question to a fresh worker thread: start `module` on a thread, send it `message`, resolve
// with its one answer and end the thread. For work done once per build off the main thread (the
// layout, the local-graph files); the module answers with `parentPort.postMessage` once.
import { getPriority, setPriority } from 'node:os';
import { startWorker } from './startWorker.ts';

export function askWorker<T>(module: URL, name: string, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(module);
    worker.once('message', (answer: T) => {
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', reject);
    // After an answer this changes nothing; without one, it is the only word the caller gets.
    worker.once('exit', (code) => reject(new Error(`${name}: the worker thread stopped (exit code ${code}) before it answered`)));
    worker.postMessage(message);
  });
}

/** How many nice steps below the main thread background work runs (nice values go up to 19). */
export const BACKGROUND_NICE_STEPS = 10;

/** The nice value for background work started from a thread at `own`: below it, never above it. */
export function backgroundPriority(own: number): number {
  return Math.min(19, own + BACKGROUND_NICE_STEPS);
}

/**
 * Called by a worker thread whose work nothing waits for soon: the thread gives way whenever it and
 * the main thread both want a core. On two cores, Astro rendering pages on the main thread competed
 * with this and with pagefind for the same cores and finished last; at a lower priority the
 * background work fills the time the main thread leaves, and a 5,000-page build takes about 6% less.
 */
export function runBehindMainThread(): void {
  // Only Linux keeps a nice value per thread; elsewhere this would slow the whole process.
  if (process.platform !== 'linux') return;
  try {
    // A new thread starts at its creator's nice value: a build run with `nice` stays ordered.
    setPriority(0, backgroundPriority(getPriority(0)));
  } catch {
    // Not allowed here: the thread keeps its priority, nothing else changes.
  }
}
