// One question to a worker thread: its answer, or a clear error when it ends without one.
import { expect, test } from 'vitest';
import { askWorker, backgroundPriority } from '../../../src/pipeline/askWorker.ts';

const workerOf = (source: string) => new URL(`data:text/javascript,${encodeURIComponent(source)}`);

test('resolves with the one answer the worker sends to the message', async () => {
  const doubler = workerOf("import { parentPort } from 'node:worker_threads'; parentPort.once('message', (n) => parentPort.postMessage(n * 2));");
  expect(await askWorker<number>(doubler, 'doubler', 21)).toBe(42);
});

test('a worker that ends without answering is an error naming it, not a promise that never settles', async () => {
  const quitter = workerOf("import { parentPort } from 'node:worker_threads'; parentPort.once('message', () => process.exit(3));");
  await expect(askWorker(quitter, 'quitter', 1)).rejects.toThrow('quitter: the worker thread stopped (exit code 3) before it answered');
});

test('a worker that throws rejects with its error', async () => {
  const thrower = workerOf("import { parentPort } from 'node:worker_threads'; parentPort.once('message', () => { throw new Error('no layout today'); });");
  await expect(askWorker(thrower, 'thrower', 1)).rejects.toThrow('no layout today');
});

test.runIf(process.platform === 'linux')('a background worker lowers its own priority, not the main thread\'s', async () => {
  const { getPriority } = await import('node:os');
  const askWorkerModule = new URL('../../../src/pipeline/askWorker.ts', import.meta.url).href;
  const background = workerOf(
    `import { parentPort } from 'node:worker_threads'; import { getPriority } from 'node:os'; import { runBehindMainThread } from ${JSON.stringify(askWorkerModule)};` +
      "parentPort.once('message', () => { const before = getPriority(0); runBehindMainThread(); parentPort.postMessage([before, getPriority(0)]); });",
  );
  const mainBefore = getPriority(0);
  const [before, after] = await askWorker<[number, number]>(background, 'background', null);
  expect(after).toBe(backgroundPriority(before));
  expect(after).toBeGreaterThan(before);
  expect(getPriority(0)).toBe(mainBefore);
});

test('background work runs ten nice steps below its creator, capped at the lowest priority, never above it', () => {
  expect(backgroundPriority(0)).toBe(10);
  expect(backgroundPriority(5)).toBe(15);
  expect(backgroundPriority(15)).toBe(19);
  expect(backgroundPriority(19)).toBe(19);
  expect(backgroundPriority(-5)).toBe(5);
});
