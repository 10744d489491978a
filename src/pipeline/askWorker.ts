// Questions to a worker thread, for work done once per build off the main thread (the layout, the
// local-graph files). The module answers each message with one `parentPort.postMessage`, in order.
import { getPriority, setPriority } from 'node:os';
import { startWorker } from './startWorker.ts';

/** A worker thread asked in turn: each message gets one answer, in the order asked. */
export interface WorkerSession {
  ask<T>(message: unknown): Promise<T>;
  /** Ends the thread; a question still open is rejected. */
  close(): void;
}

/**
 * Starts `module` on a thread. While no question is open the thread keeps nothing alive: a session
 * nobody closes ends with the process.
 */
export function workerSession(module: URL, name: string): WorkerSession {
  const worker = startWorker(module);
  const open: Array<{ resolve(answer: unknown): void; reject(error: Error): void }> = [];
  const fail = (error: Error) => {
    for (const question of open.splice(0)) question.reject(error);
  };
  worker.on('message', (answer: unknown) => {
    open.shift()?.resolve(answer);
    if (open.length === 0) worker.unref();
  });
  worker.once('error', fail);
  // After the answers this changes nothing; without one, it is the only word the caller gets.
  worker.once('exit', (code) => fail(new Error(`${name}: the worker thread stopped (exit code ${code}) before it answered`)));
  worker.unref();
  return {
    ask: <T>(message: unknown) =>
      new Promise<T>((resolve, reject) => {
        open.push({ resolve: resolve as (answer: unknown) => void, reject });
        worker.ref();
        worker.postMessage(message);
      }),
    close: () => void worker.terminate(),
  };
}

/** One question to a fresh worker thread: its answer, and the thread ends. */
export function askWorker<T>(module: URL, name: string, message: unknown): Promise<T> {
  const session = workerSession(module, name);
  const answer = session.ask<T>(message);
  answer.then(session.close, session.close);
  return answer;
}

/** How many nice steps below the main thread background work runs (nice values go up to 19). */
export const BACKGROUND_NICE_STEPS = 10;

/** The nice value for background work started from a thread at `own`: below it, never above it. */
export function backgroundPriority(own: number): number {
  return Math.min(19, own + BACKGROUND_NICE_STEPS);
}

/** Whether this thread already runs behind the main thread. */
let behind = false;

/**
 * Called by a worker thread whose work nothing waits for soon: the thread gives way whenever it and
 * the main thread both want a core. On two cores, Astro rendering pages on the main thread competed
 * with this and with pagefind for the same cores and finished last; at a lower priority the
 * background work fills the time the main thread leaves, and a 5,000-page build takes about 6% less.
 */
export function runBehindMainThread(): void {
  // Only Linux keeps a nice value per thread; elsewhere this would slow the whole process. Once per
  // thread: a second call would step down from the lowered value, not from the main thread's.
  if (process.platform !== 'linux' || behind) return;
  behind = true;
  try {
    // A new thread starts at its creator's nice value: a build run with `nice` stays ordered.
    setPriority(0, backgroundPriority(getPriority(0)));
  } catch {
    // Not allowed here: the thread keeps its priority, nothing else changes.
  }
}
