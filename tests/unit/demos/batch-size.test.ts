// The batch-size demo model: latency, per-input latency and throughput from measured batch times,
// the saturation point, interleaved timing, and a sweep that measures every batch size.
import { beforeAll, describe, expect, test } from 'vitest';
import { batchSizes } from '../../../src/demos/batch-size/config.ts';
import { BATCH_TIMING, batchedAccuracy, batchRow, runBatchSize, saturationBatch } from '../../../src/demos/batch-size/model.ts';
import { measureInterleaved } from '../../../src/demos/shared/cost.ts';
import { makeSpirals } from '../../../src/demos/shared/dataset.ts';
import { accuracy, countParams, createMlp, disposeMlp, train } from '../../../src/demos/shared/mlp.ts';
import { useCpu } from './tf.ts';

let tf: Awaited<ReturnType<typeof useCpu>>;
beforeAll(async () => {
  tf = await useCpu();
});

describe('batchRow', () => {
  test.each([
    [1, 0.5, 0.5, 2000],
    [4, 2, 0.5, 2000],
    [64, 8, 0.125, 8000],
    [512, 40, 0.078125, 12800],
  ])('batch %i in %f ms: %f ms per input, %i inputs/s', (batch, ms, perItem, throughput) => {
    const row = batchRow(batch, ms, 0.9);
    expect(row.itemLatencyMs).toBeCloseTo(perItem, 12);
    expect(row.throughput).toBeCloseTo(throughput, 9);
    expect(row.accuracy).toBe(0.9);
  });

  test.each([0, -1, Number.NaN])('refuses a latency of %f ms', (ms) => {
    expect(() => batchRow(8, ms, 1)).toThrow(/batch-size: latency must be positive/);
  });
});

describe('saturationBatch', () => {
  const rows = (throughputs: number[]) => throughputs.map((throughput, i) => ({ batch: 2 ** i, batchLatencyMs: 1, itemLatencyMs: 1, throughput, accuracy: 1 }));
  test.each([
    ['grows then flattens', [100, 190, 350, 600, 900, 950, 960], 16],
    ['flat from the start', [1000, 1010, 990, 1005], 1],
    ['peaks then falls', [100, 400, 1000, 700, 500], 4],
    ['still growing at the end', [100, 200, 400, 800], 8],
    ['exactly 90 % counts', [100, 900, 1000], 2],
  ])('%s', (_, throughputs, expected) => expect(saturationBatch(rows(throughputs))).toBe(expected));
});

test('batchSizes doubles from 1 to the largest', () => {
  expect(batchSizes(512)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
  expect(batchSizes(64)).toEqual([1, 2, 4, 8, 16, 32, 64]);
});

test('measureInterleaved times every computation once per round and orders them by cost', async () => {
  const calls: string[] = [];
  const busy = (name: string, ms: number) => () => {
    calls.push(name);
    const start = performance.now();
    while (performance.now() - start < ms);
    return tf.scalar(0);
  };
  const rounds: number[] = [];
  const medians = await measureInterleaved([busy('a', 0.5), busy('b', 3)], { warmup: 1, samples: 4, minSampleMs: 1.5 }, (m, round) => {
    rounds.push(round);
    expect(m).toHaveLength(2);
  });
  expect(rounds).toEqual([1, 2, 3, 4]);
  expect(medians[0]).toBeGreaterThanOrEqual(0.5);
  expect(medians[1]).toBeGreaterThanOrEqual(3);
  // Overheads add to both; the difference in work shows through.
  expect(medians[1]! - medians[0]!).toBeGreaterThan(1.5);
  // After warm-up and calibration, each round is a run of a's then a run of b's: 4 alternations.
  const timed = calls.join('').replace(/^a+b+/, '');
  expect(timed.match(/a+b+/g)).toHaveLength(4);
});

test('batchedAccuracy gives the same answer at every batch size, equal to the unbatched one', async () => {
  const data = makeSpirals(200, 3, 0.05, 3);
  const mlp = createMlp({ inputs: 2, hidden: [16], outputs: 3 }, 1);
  await train(mlp, data, { epochs: 5, batchSize: 32, learningRate: 0.02, seed: 2 });
  const reference = accuracy(mlp, data);
  expect(reference).toBeGreaterThan(0.4);
  for (const batch of [1, 3, 16, 200, 512]) expect(batchedAccuracy(mlp, data, batch)).toBe(reference);
  disposeMlp(mlp);
});

describe('runBatchSize', () => {
  test('times every batch size: positive latencies, throughput from them, same accuracy throughout', async () => {
    const before = tf.memory().numTensors;
    const partials: number[][] = [];
    const fractions: number[] = [];
    const result = await runBatchSize({ width: 32, maxBatch: 16, seed: 1 }, (f, _, partial) => {
      fractions.push(f);
      if (partial) partials.push((partial as { rows: { batch: number }[] }).rows.map((r) => r.batch));
    }, 3);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.rows.map((r) => r.batch)).toEqual([1, 2, 4, 8, 16]);
    for (const row of result.rows) {
      expect(row.batchLatencyMs).toBeGreaterThan(0);
      expect(row.itemLatencyMs).toBeCloseTo(row.batchLatencyMs / row.batch, 12);
      expect(row.throughput).toBeCloseTo((row.batch / row.batchLatencyMs) * 1000, 6);
    }
    const accuracies = new Set(result.rows.map((r) => r.accuracy));
    expect(accuracies.size).toBe(1);
    expect([...accuracies][0]).toBeGreaterThan(0.4);
    const best = Math.max(...result.rows.map((r) => r.throughput));
    const saturated = result.rows.find((r) => r.batch === result.saturationBatch)!;
    expect(saturated.throughput).toBeGreaterThanOrEqual(0.9 * best);
    for (const row of result.rows.filter((r) => r.batch < result.saturationBatch)) expect(row.throughput).toBeLessThan(0.9 * best);
    expect(result.params).toBe(countParams({ inputs: 2, hidden: [32, 32], outputs: 3 }));
    expect(result.macsPerItem).toBe(2 * 32 + 32 * 32 + 32 * 3);
    // The chart grows round by round, each round with every batch size.
    expect(partials).toEqual(Array.from({ length: BATCH_TIMING.samples }, () => [1, 2, 4, 8, 16]));
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });
});
