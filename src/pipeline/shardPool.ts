// The note shards of one build: on worker threads when the vault is large enough for parallel
// parsing and rendering to pay for starting them, in-process otherwise (small vaults, tests, the
// dev server's incremental updates). Either way a shard is called the same way, asynchronously.
import { availableParallelism } from 'node:os';
import { NoteShard, type ShardOptions } from './noteShard.ts';
import { startWorker } from './startWorker.ts';

/** A NoteShard's methods, each returning a promise. */
export type ShardHandle = {
  [K in keyof NoteShard]: NoteShard[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
} & { close(): Promise<void> };

/**
 * Below this many notes one in-process shard is faster than starting workers: each worker loads
 * and compiles the whole Markdown pipeline afresh before it parses a note. Measured on two cores
 * (cold builds of the synthetic wiki, three of each): at 1,000 notes in-process took 7.0 s and two
 * workers 7.7 s; at 2,000, 10.7 s and 10.5 s; at 5,000 the workers won, 18.7 s against 21.6 s.
 */
export const DEFAULTS = { minNotesForWorkers: 2000 };

export function shardCount(notes: number): number {
  const fromEnv = Number(process.env['ATLAS_WORKERS']);
  if (Number.isInteger(fromEnv) && fromEnv >= 0) return Math.max(1, fromEnv);
  if (notes < DEFAULTS.minNotesForWorkers) return 1;
  return Math.max(1, Math.min(availableParallelism(), 8));
}

export function createShards(options: ShardOptions, count: number): ShardHandle[] {
  if (count <= 1 && process.env['ATLAS_WORKERS'] === undefined) return [inProcess(new NoteShard(options))];
  const strings = new Map<string, string>();
  return Array.from({ length: count }, () => onWorker(options, strings));
}

/** Strings longer than this (the sentences around links) repeat only within one message: not worth a build-wide table entry. */
const INTERN_MAX_LENGTH = 160;

/**
 * Strings longer than this (a note's HTML, its text) are one of a kind: sharing them would only hash
 * them, a pass over every byte of every rendered page (80 ms of the coordinator's time at 5,000
 * pages). The sentences that do repeat are clipped to 300 characters (transformNote.ts).
 */
const SHARE_MAX_LENGTH = 1000;

/**
 * A message from a worker arrives with a fresh copy of every string in it: each of a note's link
 * records has its own copy of the note's slug, its file and its kind, each lookup its own copy of
 * a title. Short strings are replaced by one shared copy per build (a 5,000-page model held 52 of
 * its 109 MB of strings as duplicates), in place, walking plain objects, arrays and Maps. Long
 * strings are shared within the message only: the links of one sentence each carry a copy of it
 * (a sixth of a 5,000-page model's strings).
 */
export function internStrings<T>(value: T, strings: Map<string, string>, inMessage = new Map<string, string>()): T {
  if (typeof value === 'string') {
    if (value.length > SHARE_MAX_LENGTH) return value;
    const table = value.length > INTERN_MAX_LENGTH ? inMessage : strings;
    const known = table.get(value);
    if (known !== undefined) return known as T;
    table.set(value, value);
    return value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = internStrings(value[i], strings, inMessage);
  } else if (value instanceof Map) {
    for (const [key, entry] of value) value.set(key, internStrings(entry, strings, inMessage));
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    // An own "__proto__" key (frontmatter is data) would be read back through the setter.
    for (const key in record) if (key !== '__proto__') record[key] = internStrings(record[key], strings, inMessage);
  }
  return value;
}

/** The NoteShard methods a handle forwards. */
const SHARD_METHODS = ['read', 'drop', 'lookUpIn', 'transform', 'fillQueries', 'sections', 'fillEmbeds', 'render'] as const satisfies ReadonlyArray<keyof NoteShard>;

/** A handle whose methods all go through `call`, in process or to a worker. */
function shardHandle(call: (method: keyof NoteShard) => (...args: unknown[]) => Promise<unknown>, close: () => Promise<void>): ShardHandle {
  return { ...Object.fromEntries(SHARD_METHODS.map((method) => [method, call(method)])), close } as ShardHandle;
}

function inProcess(shard: NoteShard): ShardHandle {
  const call = (method: keyof NoteShard) => async (...args: unknown[]) => (shard[method] as (...a: unknown[]) => unknown).apply(shard, args);
  return shardHandle(call, async () => {});
}

function onWorker(options: ShardOptions, strings: Map<string, string>): ShardHandle {
  const worker = startWorker(new URL('./shardWorker.ts', import.meta.url), { workerData: options });
  let next = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
    const call = pending.get(id);
    pending.delete(id);
    if (error !== undefined) call?.reject(new Error(`note shard: ${error}`));
    else call?.resolve(internStrings(result, strings));
  });
  worker.on('error', (error: Error) => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  });
  const call = (method: keyof NoteShard) => (...args: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    });
  return shardHandle(call, async () => {
    await worker.terminate();
  });
}
