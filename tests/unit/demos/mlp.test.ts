import { beforeAll, describe, expect, test } from 'vitest';
import { makeMoons } from '../../../src/demos/shared/dataset.ts';
import { accuracy, countParams, createMlp, disposeMlp, float32Bytes, forward, initialWeights, layerSizes, meanLoss, mlpFromWeights, readWeights, train } from '../../../src/demos/shared/mlp.ts';
import { countNonZero, measureLatency, median } from '../../../src/demos/shared/cost.ts';
import { useCpu } from './tf.ts';

let tf: Awaited<ReturnType<typeof useCpu>>;
beforeAll(async () => {
  tf = await useCpu();
});

describe('shape and size', () => {
  test.each([
    [{ inputs: 2, hidden: [], outputs: 2 }, 6],
    [{ inputs: 2, hidden: [4], outputs: 3 }, 2 * 4 + 4 + 4 * 3 + 3],
    [{ inputs: 2, hidden: [64, 64], outputs: 2 }, 4482],
  ])('countParams(%j) = %i', (spec, params) => {
    expect(countParams(spec)).toBe(params);
    expect(float32Bytes(spec)).toBe(params * 4);
  });

  test('layerSizes pairs consecutive widths', () => {
    expect(layerSizes({ inputs: 2, hidden: [8, 4], outputs: 3 })).toEqual([[2, 8], [8, 4], [4, 3]]);
  });

  test('initial weights depend only on the seed', () => {
    const spec = { inputs: 2, hidden: [8], outputs: 2 };
    expect(initialWeights(spec, 1)).toEqual(initialWeights(spec, 1));
    expect(initialWeights(spec, 1)[0]!.kernel).not.toEqual(initialWeights(spec, 2)[0]!.kernel);
  });

  test('mlpFromWeights rejects weights of the wrong shape', () => {
    const weights = initialWeights({ inputs: 2, hidden: [8], outputs: 2 }, 1);
    expect(() => mlpFromWeights({ inputs: 2, hidden: [4], outputs: 2 }, weights)).toThrow(/layer 0 is 2×8, expected 2×4/);
  });
});

describe('forward', () => {
  test('computes relu(x·W1 + b1)·W2 + b2', () => {
    const mlp = mlpFromWeights({ inputs: 2, hidden: [2], outputs: 1 }, [
      { rows: 2, cols: 2, kernel: Float32Array.from([1, -1, 2, 1]), bias: Float32Array.from([0, 0.5]) },
      { rows: 2, cols: 1, kernel: Float32Array.from([1, 2]), bias: Float32Array.from([-1]) },
    ]);
    // x = (1, 1): hidden = relu(1+2, -1+1+0.5) = (3, 0.5); out = 3 + 1 - 1 = 3.
    // x = (-1, 0): hidden = relu(-1, 1.5) = (0, 1.5); out = 3 - 1 = 2.
    const out = tf.tidy(() => forward(mlp, tf.tensor2d([1, 1, -1, 0], [2, 2])).dataSync());
    expect(Array.from(out)).toEqual([3, 2]);
    disposeMlp(mlp);
  });
});

describe('train', () => {
  const data = makeMoons(200, 0.1, 1);

  test('lowers the loss, reports one log per epoch and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const mlp = createMlp({ inputs: 2, hidden: [16], outputs: 2 }, 1);
    const initialLoss = meanLoss(mlp, data);
    const logs = await train(mlp, data, { epochs: 15, batchSize: 50, learningRate: 0.02, seed: 2 });
    expect(logs.map((l) => l.epoch)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(meanLoss(mlp, data)).toBeLessThan(initialLoss * 0.6);
    expect(accuracy(mlp, data)).toBeGreaterThan(0.8);
    disposeMlp(mlp);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('is deterministic for a seed, with or without dropout and L2', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const mlp = createMlp({ inputs: 2, hidden: [8, 8], outputs: 2 }, 3);
      await train(mlp, data, { epochs: 3, batchSize: 32, learningRate: 0.01, seed, dropout: 0.3, l2: 1e-3 });
      const kernel = Array.from(readWeights(mlp)[1]!.kernel);
      disposeMlp(mlp);
      return kernel;
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(await run(6)).not.toEqual(a);
  });

  test('onEpoch returning false stops training', async () => {
    const mlp = createMlp({ inputs: 2, hidden: [4], outputs: 2 }, 1);
    const logs = await train(mlp, data, { epochs: 10, batchSize: 50, learningRate: 0.01, seed: 1, onEpoch: ({ epoch }) => epoch < 3 });
    expect(logs).toHaveLength(3);
    disposeMlp(mlp);
  });

  test('masks hold masked weights at exactly zero', async () => {
    const spec = { inputs: 2, hidden: [8], outputs: 2 };
    const mlp = createMlp(spec, 1);
    const masks = layerSizes(spec).map(([r, c], l) => tf.tensor2d(Array.from({ length: r * c }, (_, i) => ((i + l) % 3 === 0 ? 0 : 1)), [r, c]));
    await train(mlp, data, { epochs: 3, batchSize: 50, learningRate: 0.05, seed: 1, masks });
    readWeights(mlp).forEach((w, l) => {
      w.kernel.forEach((v, i) => {
        if ((i + l) % 3 === 0) expect(Math.abs(v)).toBe(0);
        else expect(v).not.toBe(0);
      });
    });
    tf.dispose(masks);
    disposeMlp(mlp);
  });
});

describe('cost', () => {
  test.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median(%j) = %f', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  test('countNonZero counts kernel and bias entries that are not 0', () => {
    expect(countNonZero([{ rows: 1, cols: 3, kernel: Float32Array.from([0, 2, -0]), bias: Float32Array.from([1, 0, 3]) }])).toBe(3);
  });

  test('measureLatency times the function and awaits its result', async () => {
    let calls = 0;
    const ms = await measureLatency(() => {
      calls++;
      const start = performance.now();
      while (performance.now() - start < 1);
      return tf.scalar(1);
    }, { warmup: 1, samples: 3, minSampleMs: 2 });
    expect(ms).toBeGreaterThanOrEqual(1);
    expect(ms).toBeLessThan(50);
    expect(calls).toBeGreaterThan(4);
  });
});
