// One question to a fresh worker thread: start `module` on a thread, send it `message`, resolve
// with its one answer and end the thread. For work done once per build off the main thread (the
// layout, the local-graph files); the module answers with `parentPort.postMessage` once.
import { Worker } from 'node:worker_threads';

export function askWorker<T>(module: URL, name: string, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(module);
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
