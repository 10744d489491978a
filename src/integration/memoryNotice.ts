// A vault large enough to outgrow Node's default heap should hear so before the build runs out of
// memory, with the one setting that fixes it, rather than meet V8's "heap out of memory" crash.
//
// The estimate is of the main thread's heap, which Node limits (about 4 GB by default; the parse
// workers have heaps of their own). Measured with bench/build.mjs's synthetic vaults (about ten
// links per page): a 10,000-page model holds about 300 MB; a 100,000-page build completes within
// the default limit with little to spare (it ran out before the model was slimmed). Roughly half
// a gigabyte of start-up and 40 KB per page, erring on the generous side.
import { getHeapStatistics } from 'node:v8';

export const DEFAULTS = {
  baselineBytes: 512 * 2 ** 20,
  bytesPerTopic: 40 * 2 ** 10,
};

/** A warning when `topics` pages probably need more heap than `heapLimit` bytes; else undefined. */
export function memoryNotice(topics: number, heapLimit: number = getHeapStatistics().heap_size_limit): string | undefined {
  const needed = DEFAULTS.baselineBytes + topics * DEFAULTS.bytesPerTopic;
  if (needed <= heapLimit) return undefined;
  const gb = (bytes: number) => (bytes / 2 ** 30).toFixed(1);
  const suggestedMb = Math.ceil(needed / 2 ** 30) * 1024;
  return `${topics} pages may need about ${gb(needed)} GB of memory, more than Node's limit here (${gb(heapLimit)} GB). If the build stops with "JavaScript heap out of memory", run it with NODE_OPTIONS=--max-old-space-size=${suggestedMb}`;
}
