// A worker thread holding one NoteShard: it answers the coordinator's calls in order, one message
// per call. See src/pipeline/shardPool.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { NoteShard, type ShardOptions } from './noteShard.ts';

const shard = new NoteShard(workerData as ShardOptions);
const methods = shard as unknown as Record<string, (...args: unknown[]) => unknown>;

parentPort!.on('message', async ({ id, method, args }: { id: number; method: string; args: unknown[] }) => {
  try {
    const result = await methods[method]!.apply(shard, args);
    parentPort!.postMessage({ id, result });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
