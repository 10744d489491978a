// The cost side of the trade-off, measured the same way for every demo: parameter counts, stored
// bytes and inference latency of a forward pass on this device's active tfjs backend.
import * as tf from '@tensorflow/tfjs-core';
import type { Cost } from './protocol.ts';
import { countParams, float32Bytes, forward, type LayerWeights, type Mlp } from './mlp.ts';
import { createRandom } from './random.ts';

/** Inputs per timed forward pass: large enough that model size, not call overhead, shows. */
export const LATENCY_BATCH = 1024;

export interface LatencyOptions {
  readonly warmup?: number;
  /** Timed samples; the median is reported. */
  readonly samples?: number;
  /** Each sample repeats the pass until it lasts at least this long, because browsers coarsen timers. */
  readonly minSampleMs?: number;
}

/** A timed computation: returns its output tensor, possibly after awaiting data mid-way (early exits). */
export type Timed = () => tf.Tensor | Promise<tf.Tensor>;

async function timeRepeated(run: Timed, repeats: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < repeats; i++) {
    const out = await run();
    await out.data();
    out.dispose();
  }
  return performance.now() - start;
}

/**
 * Median wall time in ms of one call of `run`, awaiting its result's data each time so GPU work is
 * included. Browsers coarsen performance.now() (to 100 µs in Chromium without cross-origin
 * isolation), so each sample times enough repeats to last `minSampleMs`.
 */
export async function measureLatency(run: Timed, options: LatencyOptions = {}): Promise<number> {
  const { warmup = 2, samples = 5, minSampleMs = 4 } = options;
  await timeRepeated(run, warmup);
  let repeats = 1;
  while (repeats < 1024 && (await timeRepeated(run, repeats)) < minSampleMs) repeats *= 2;
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push((await timeRepeated(run, repeats)) / repeats);
  return median(times);
}

/**
 * Median wall time in ms of each of several computations, timed in rounds that take one sample of
 * each in turn, so slow drift (a warming JIT, a throttling CPU, a busy neighbour) spreads over all of
 * them instead of biasing whichever was timed first. `onRound` sees the medians so far.
 */
export async function measureInterleaved(
  runs: readonly Timed[],
  options: LatencyOptions = {},
  onRound?: (medians: number[], round: number) => void | Promise<void>,
): Promise<number[]> {
  const { warmup = 2, samples = 5, minSampleMs = 4 } = options;
  const repeats: number[] = [];
  for (const run of runs) {
    await timeRepeated(run, warmup);
    let n = 1;
    while (n < 1024 && (await timeRepeated(run, n)) < minSampleMs) n *= 2;
    repeats.push(n);
  }
  const times: number[][] = runs.map(() => []);
  for (let round = 1; round <= samples; round++) {
    for (const [i, run] of runs.entries()) times[i]!.push((await timeRepeated(run, repeats[i]!)) / repeats[i]!);
    await onRound?.(times.map(median), round);
  }
  return times.map(median);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('cost: median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A fixed seeded batch of inputs for latency runs. */
export function latencyInput(dims: number, seed = 1): tf.Tensor2D {
  const random = createRandom(seed);
  const values = new Float32Array(LATENCY_BATCH * dims);
  for (let i = 0; i < values.length; i++) values[i] = random.uniform(-1, 1);
  return tf.tensor2d(values, [LATENCY_BATCH, dims]);
}

export async function mlpLatency(mlp: Mlp, options?: LatencyOptions): Promise<number> {
  const x = latencyInput(mlp.spec.inputs);
  try {
    return await measureLatency(() => forward(mlp, x), options);
  } finally {
    x.dispose();
  }
}

export function countNonZero(weights: readonly LayerWeights[]): number {
  let n = 0;
  for (const { kernel, bias } of weights) {
    for (const v of kernel) if (v !== 0) n++;
    for (const v of bias) if (v !== 0) n++;
  }
  return n;
}

/** Dense float32 cost of a model: every parameter stored, none zero-skipped. */
export async function denseCost(mlp: Mlp, weights: readonly LayerWeights[], options?: LatencyOptions): Promise<Cost> {
  return { params: countParams(mlp.spec), nonzeroParams: countNonZero(weights), bytes: float32Bytes(mlp.spec), latencyMs: await mlpLatency(mlp, options) };
}
