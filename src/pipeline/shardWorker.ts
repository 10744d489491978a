// A worker thread holding one NoteShard: it answers the coordinator's calls, one message per call.
// Calls start in the order they arrive, but an asynchronous one (rendering) may still be running
// when the next starts: NoteShard keeps such calls apart (renders run one after another; the other
// calls touch notes the early renders do not). See src/pipeline/shardPool.ts.
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
