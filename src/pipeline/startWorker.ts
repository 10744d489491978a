// Every worker thread of a build starts here. Astro turns on Node's module compile cache for its own
// thread (node_modules/astro/bin/astro.mjs), but a worker thread does not inherit it: each parse
// worker compiled the whole Markdown pipeline afresh, 0.44 s of CPU, against 0.26 s reading it from
// the cache (measured importing src/pipeline/noteShard.ts in a fresh worker, two cores).
import { getCompileCacheDir } from 'node:module';
import { dirname } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(module: URL, options: WorkerOptions = {}): Worker {
  return new Worker(module, { ...options, env: workerEnv(process.env, getCompileCacheDir()) });
}

/**
 * The environment a worker thread starts with: this thread's, plus the compile cache this thread
 * uses, if any. Node keeps one folder per version under the folder NODE_COMPILE_CACHE names, and a
 * worker given that folder picks its own version's (the same as this thread's).
 */
export function workerEnv(env: NodeJS.ProcessEnv, cacheDir: string | undefined): NodeJS.ProcessEnv {
  if (cacheDir === undefined || env['NODE_COMPILE_CACHE'] !== undefined || env['NODE_DISABLE_COMPILE_CACHE'] !== undefined) return env;
  return { ...env, NODE_COMPILE_CACHE: dirname(cacheDir) };
}
