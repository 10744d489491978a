// One question to a worker thread: its answer, or a clear error when it ends without one.
import { expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { askWorker, backgroundPriority, workerSession } from '../../../src/pipeline/askWorker.ts';

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

test.runIf(process.platform === 'linux')('a background worker lowers its own priority once, not the main thread\'s', async () => {
  const { getPriority } = await import('node:os');
  const askWorkerModule = new URL('../../../src/pipeline/askWorker.ts', import.meta.url).href;
  const background = workerOf(
    `import { parentPort } from 'node:worker_threads'; import { getPriority } from 'node:os'; import { runBehindMainThread } from ${JSON.stringify(askWorkerModule)};` +
      // Called twice (the graph worker does, once per job): the second call changes nothing.
      "parentPort.once('message', () => { const before = getPriority(0); runBehindMainThread(); const once = getPriority(0); runBehindMainThread(); parentPort.postMessage([before, once, getPriority(0)]); });",
  );
  const mainBefore = getPriority(0);
  const [before, once, twice] = await askWorker<[number, number, number]>(background, 'background', null);
  expect(once).toBe(backgroundPriority(before));
  expect(once).toBeGreaterThan(before);
  expect(twice).toBe(once);
  expect(getPriority(0)).toBe(mainBefore);
});

test('background work runs ten nice steps below its creator, capped at the lowest priority, never above it', () => {
  expect(backgroundPriority(0)).toBe(10);
  expect(backgroundPriority(5)).toBe(15);
  expect(backgroundPriority(15)).toBe(19);
  expect(backgroundPriority(19)).toBe(19);
  expect(backgroundPriority(-5)).toBe(5);
});

test('a session answers several questions in the order asked, from the same thread', async () => {
  const counter = workerOf("import { parentPort } from 'node:worker_threads'; let seen = 0; parentPort.on('message', (n) => parentPort.postMessage([n, ++seen]));");
  const session = workerSession(counter, 'counter');
  try {
    const answers = await Promise.all([session.ask(10), session.ask(20), session.ask(30)]);
    // The thread kept its state between questions: one thread, not one per question.
    expect(answers).toEqual([[10, 1], [20, 2], [30, 3]]);
    expect(await session.ask(40)).toEqual([40, 4]);
  } finally {
    session.close();
  }
});

test('closing a session rejects the question still open, naming the worker', async () => {
  const silent = workerOf("import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => {});");
  const session = workerSession(silent, 'silent');
  const open = session.ask(1);
  session.close();
  await expect(open).rejects.toThrow('silent: the worker thread stopped');
});

test('an idle session nobody closes does not keep its process running', { timeout: 30_000 }, () => {
  const askWorkerModule = new URL('../../../src/pipeline/askWorker.ts', import.meta.url).href;
  const echo = "import { parentPort } from 'node:worker_threads'; parentPort.on('message', (n) => parentPort.postMessage(n));";
  const script = [
    `const { workerSession } = await import(${JSON.stringify(askWorkerModule)});`,
    `const session = workerSession(new URL('data:text/javascript,' + encodeURIComponent(${JSON.stringify(echo)})), 'echo');`,
    "console.log(await session.ask('answered'));",
  ].join('\n');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  // Without unref the worker would hold the process open until the timeout killed it.
  expect(run.signal).toBeNull();
  expect(run.status).toBe(0);
  expect(run.stdout.trim()).toBe('answered');
});
