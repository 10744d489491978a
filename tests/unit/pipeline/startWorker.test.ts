// Worker threads share their creator's module compile cache: Node does not pass it on by itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { workerEnv } from '../../../src/pipeline/startWorker.ts';

test('a worker thread started by startWorker uses the compile cache of the thread that started it', () => {
  const cache = mkdtempSync(join(tmpdir(), 'atlas-compile-cache-'));
  try {
    const startWorker = new URL('../../../src/pipeline/startWorker.ts', import.meta.url).href;
    const reporter = "import { parentPort } from 'node:worker_threads'; import { getCompileCacheDir } from 'node:module'; parentPort.postMessage(getCompileCacheDir() ?? 'none');";
    const script = [
      "import { enableCompileCache, getCompileCacheDir } from 'node:module';",
      `enableCompileCache(${JSON.stringify(cache)});`,
      `const { startWorker } = await import(${JSON.stringify(startWorker)});`,
      `const worker = startWorker(new URL('data:text/javascript,' + encodeURIComponent(${JSON.stringify(reporter)})));`,
      "worker.once('message', (dir) => { console.log(JSON.stringify({ main: getCompileCacheDir(), worker: dir })); worker.terminate(); });",
    ].join('\n');
    const env = { ...process.env };
    delete env['NODE_COMPILE_CACHE'];
    delete env['NODE_DISABLE_COMPILE_CACHE'];
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { main, worker } = JSON.parse(run.stdout) as { main: string; worker: string };
    expect(main.startsWith(cache)).toBe(true);
    expect(worker).toBe(main);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('the worker environment names the cache folder above the version folder, and changes nothing else', () => {
  const env = { PATH: '/usr/bin', ATLAS_CONTENT: 'vault' };
  expect(workerEnv(env, '/tmp/cache/v24.21.0-x64-964aae3f-0')).toEqual({ ...env, NODE_COMPILE_CACHE: '/tmp/cache' });
  expect(env).toEqual({ PATH: '/usr/bin', ATLAS_CONTENT: 'vault' });
});

test('without a cache, or where the user set or turned off the cache, the environment is passed on as it is', () => {
  const env = { PATH: '/usr/bin' };
  expect(workerEnv(env, undefined)).toBe(env);
  const chosen = { NODE_COMPILE_CACHE: '/home/me/cache' };
  expect(workerEnv(chosen, '/home/me/cache/v24-x64-0')).toBe(chosen);
  const off = { NODE_DISABLE_COMPILE_CACHE: '1' };
  expect(workerEnv(off, '/tmp/cache/v24-x64-0')).toBe(off);
});
