// The early-exit demo model: scoring a threshold by hand, the conditional pass as deployed, and the
// sweep: compute falls as the threshold lowers, accuracy and latency are measured, nothing leaks.
import { beforeAll, describe, expect, test } from 'vitest';
import { EXIT_THRESHOLDS } from '../../../src/demos/early-exit/config.ts';
import { createExitNet, disposeExitNet, earlyExitPass, exitMacs, exitOutputs, runEarlyExit, scoreThreshold, type ExitOutputs } from '../../../src/demos/early-exit/model.ts';
import { countParams } from '../../../src/demos/shared/mlp.ts';
import { createRandom } from '../../../src/demos/shared/random.ts';
import { useCpu } from './tf.ts';

let tf: Awaited<ReturnType<typeof useCpu>>;
beforeAll(async () => {
  tf = await useCpu();
});

const spec = { inputs: 2, hidden: [4, 4, 4], outputs: 3 };

test('exitMacs counts multiply-adds up to the exit, after it, and of the plain network', () => {
  // Layers 2·4 = 8, 4·4 = 16, 16, 4·3 = 12 (plain 52); the exit head adds 4·3 = 12.
  expect(exitMacs(spec)).toEqual({ early: 8 + 12, rest: 16 + 16 + 12, plain: 52 });
});

describe('scoreThreshold', () => {
  const outputs: ExitOutputs = {
    confidence: Float32Array.from([0.9, 0.6, 0.4, 0.95]),
    exitClass: Int32Array.from([0, 1, 2, 1]),
    finalClass: Int32Array.from([0, 2, 2, 0]),
  };
  const labels = Int32Array.from([0, 2, 1, 1]);
  const macs = exitMacs(spec);

  test.each([
    // threshold, accuracy, exit rate, exit accuracy, compute (20 + share continuing · 44) / 52
    [0.5, 0.5, 0.75, 2 / 3, (20 + 0.25 * 44) / 52],
    [0.92, 0.75, 0.25, 1, (20 + 0.75 * 44) / 52],
    [0.85, 0.75, 0.5, 1, (20 + 0.5 * 44) / 52],
    [0, 0.5, 1, 0.5, 20 / 52],
    [null, 0.5, 0, null, 64 / 52],
  ])('threshold %s by hand', (threshold, accuracy, exitRate, exitAccuracy, compute) => {
    const row = scoreThreshold(outputs, labels, threshold, macs);
    expect(row.threshold).toBe(threshold);
    expect(row.accuracy).toBeCloseTo(accuracy, 12);
    expect(row.exitRate).toBeCloseTo(exitRate, 12);
    if (exitAccuracy === null) expect(row.exitAccuracy).toBeNull();
    else expect(row.exitAccuracy).toBeCloseTo(exitAccuracy, 12);
    expect(row.compute).toBeCloseTo(compute, 12);
  });
});

describe('earlyExitPass', () => {
  const random = createRandom(4);
  const n = 64;
  const x = Float32Array.from({ length: n * 2 }, () => random.uniform(-1, 1));

  test.each([0.5, 0.7, 0.9])('threshold %f: the rest of the network runs exactly on the unsure inputs', async (threshold) => {
    const net = createExitNet(spec, 3);
    const outputs = exitOutputs(net, x, 2);
    const unsure = [...outputs.confidence.keys()].filter((i) => outputs.confidence[i]! < threshold);
    const input = tf.tensor2d(x, [n, 2]);
    const out = await earlyExitPass(net, input, threshold);
    // Exit probabilities for all n inputs, then final logits for the unsure ones, in input order.
    expect(out.shape).toEqual([n + unsure.length, 3]);
    const rest = tf.tidy(() => Array.from(tf.argMax(tf.slice(out, [n, 0], [unsure.length, 3]), 1).dataSync()));
    expect(rest).toEqual(unsure.map((i) => outputs.finalClass[i]));
    tf.dispose([out, input]);
    disposeExitNet(net);
  });

  test('never exiting runs both heads on every input; a threshold of 0 runs only the exit', async () => {
    const net = createExitNet(spec, 3);
    const input = tf.tensor2d(x, [n, 2]);
    const before = tf.memory().numTensors;
    const never = await earlyExitPass(net, input, null);
    const always = await earlyExitPass(net, input, 0);
    expect(never.shape).toEqual([2 * n, 3]);
    expect(always.shape).toEqual([n, 3]);
    tf.dispose([never, always]);
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
    disposeExitNet(net);
  });
});

describe('runEarlyExit', () => {
  test('sweeps the thresholds: compute and latency fall as the threshold lowers, accuracy is measured', async () => {
    const before = tf.memory().numTensors;
    const result = await runEarlyExit({ width: 16, seed: 1 }, () => {}, 8);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.rows.map((r) => r.threshold)).toEqual([...EXIT_THRESHOLDS, null]);
    expect(result.plain.params).toBe(countParams({ inputs: 2, hidden: [16, 16, 16], outputs: 3 }));
    // From never exiting down to the lowest threshold: more inputs leave, compute never rises.
    const highToLow = [...result.rows].reverse();
    for (let i = 1; i < highToLow.length; i++) {
      expect(highToLow[i]!.compute).toBeLessThanOrEqual(highToLow[i - 1]!.compute);
      expect(highToLow[i]!.exitRate).toBeGreaterThanOrEqual(highToLow[i - 1]!.exitRate);
    }
    expect(result.rows[0]!.compute).toBeLessThan(result.rows.at(-1)!.compute);
    // Never exiting costs the exit head on top of the plain network.
    const macs = exitMacs({ inputs: 2, hidden: [16, 16, 16], outputs: 3 });
    expect(result.rows.at(-1)!.compute).toBeCloseTo((macs.plain + 16 * 3) / macs.plain, 12);
    expect(result.rows.at(-1)!.accuracy).toBe(result.plain.accuracy);
    for (const row of result.rows) expect(row.latencyMs).toBeGreaterThan(0);
    expect(result.plain.latencyMs).toBeGreaterThan(0);
    // The exit head alone is a measured classifier, better than chance but not the full network.
    expect(result.exitOnlyAccuracy).toBeGreaterThan(0.4);
    expect(result.plain.accuracy).toBeGreaterThan(0.7);
  });

  test('untrained heads score near chance: accuracy is measured, not assumed', async () => {
    const result = await runEarlyExit({ width: 16, seed: 2 }, () => {}, 0);
    for (const row of result.rows) expect(row.accuracy).toBeLessThan(0.6);
  });
});
