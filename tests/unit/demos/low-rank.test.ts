// The low-rank demo model: factorized layers compute x·W_r + b with the parameter count asked for, and
// the sweep reports measured accuracy, parameters and latency for the dense network and every rank.
import { beforeAll, describe, expect, test } from 'vitest';
import { lowRankRanks } from '../../../src/demos/low-rank/config.ts';
import { LOW_RANK_TEST_SIZE } from '../../../src/demos/low-rank/data.ts';
import { denseLayer, disposeNet, factoredLayer, factorizedLayers, forwardNet, layerParams, netParams, runLowRank } from '../../../src/demos/low-rank/model.ts';
import { factoredParams, reconstruct, svd } from '../../../src/demos/low-rank/svd.ts';
import { countParams, type LayerWeights } from '../../../src/demos/shared/mlp.ts';
import { createRandom } from '../../../src/demos/shared/random.ts';
import { useCpu } from './tf.ts';

let tf: Awaited<ReturnType<typeof useCpu>>;
beforeAll(async () => {
  tf = await useCpu();
});

const ROWS = 16;
const COLS = 12;
const random = createRandom(3);
const layer: LayerWeights = {
  rows: ROWS,
  cols: COLS,
  kernel: Float32Array.from({ length: ROWS * COLS }, () => random.normal(0, 0.5)),
  bias: Float32Array.from({ length: COLS }, () => random.normal(0, 0.1)),
};
const decomposition = svd({ rows: ROWS, cols: COLS, data: layer.kernel });
const inputs = Float32Array.from({ length: 5 * ROWS }, () => random.normal());

/** x·W + b in plain JavaScript, for a row-major W. */
function affine(x: Float32Array, w: ArrayLike<number>, bias: Float32Array): number[] {
  const n = x.length / ROWS;
  return Array.from({ length: n * COLS }, (_, k) => {
    const [i, c] = [Math.floor(k / COLS), k % COLS];
    let sum = bias[c]!;
    for (let r = 0; r < ROWS; r++) sum += x[i * ROWS + r]! * w[r * COLS + c]!;
    return sum;
  });
}

describe('factorized layers', () => {
  test.each([1, 3, 6, 12])('rank %i: r·(rows + cols) + cols parameters, and it computes x·W_r + b', (rank) => {
    const net = { layers: [factoredLayer(layer, decomposition, rank)] };
    expect(layerParams(net.layers[0]!)).toBe(factoredParams(ROWS, COLS, rank));
    expect(netParams(net)).toBe(rank * (ROWS + COLS) + COLS);
    const out = tf.tidy(() => Array.from(forwardNet(net, tf.tensor2d(inputs, [5, ROWS])).dataSync()));
    const expected = affine(inputs, reconstruct(decomposition, rank), layer.bias);
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
    disposeNet(net);
  });

  test('at full rank the factorized layer matches the dense one; at rank 1 it does not', () => {
    const dense = { layers: [denseLayer(layer)] };
    const full = { layers: [factoredLayer(layer, decomposition, COLS)] };
    const one = { layers: [factoredLayer(layer, decomposition, 1)] };
    const run = (net: typeof dense): number[] => tf.tidy(() => Array.from(forwardNet(net, tf.tensor2d(inputs, [5, ROWS])).dataSync()));
    const reference = run(dense);
    const exact = affine(inputs, layer.kernel, layer.bias);
    reference.forEach((v, i) => expect(v).toBeCloseTo(exact[i]!, 4));
    run(full).forEach((v, i) => expect(v).toBeCloseTo(reference[i]!, 4));
    expect(Math.max(...run(one).map((v, i) => Math.abs(v - reference[i]!)))).toBeGreaterThan(0.1);
    for (const net of [dense, full, one]) disposeNet(net);
  });

  test('only square hidden-to-hidden kernels are factorized', () => {
    expect(factorizedLayers({ inputs: 2, hidden: [8, 8, 8], outputs: 3 })).toEqual([1, 2]);
    expect(factorizedLayers({ inputs: 2, hidden: [8], outputs: 3 })).toEqual([]);
  });

  test('an SVD of another shape is refused', () => {
    expect(() => factoredLayer({ ...layer, rows: COLS, cols: ROWS }, decomposition, 2)).toThrow(/low-rank: SVD of 16×12 given for a 12×16 kernel/);
  });
});

describe('runLowRank', () => {
  const WIDTH = 32;
  const spec = { inputs: 2, hidden: [WIDTH, WIDTH, WIDTH], outputs: 3 };

  test('reports the dense network and every rank, with the parameter count each rank implies', async () => {
    const before = tf.memory().numTensors;
    const fractions: number[] = [];
    const result = await runLowRank({ width: WIDTH, seed: 1 }, (f) => void fractions.push(f), 8);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.rows.map((r) => r.rank)).toEqual([null, ...lowRankRanks(WIDTH)]);
    expect(lowRankRanks(WIDTH)).toEqual([1, 2, 4, 8, 16]);
    const [dense, ...factored] = result.rows;
    expect(dense!.params).toBe(countParams(spec));
    for (const row of factored) {
      // Two WIDTH × WIDTH kernels replaced by rank-r factors: each loses WIDTH² and gains r·2·WIDTH.
      expect(row.params).toBe(countParams(spec) - 2 * WIDTH * WIDTH + 2 * row.rank! * 2 * WIDTH);
      expect(row.bytes).toBe(row.params * 4);
      expect(row.latencyMs).toBeGreaterThan(0);
    }
    // At half the width the factors are exactly as big as the kernels.
    expect(factored.at(-1)!.params).toBe(dense!.params);
    // Energy kept grows with the rank and never exceeds all of it.
    const energies = factored.map((r) => r.energy);
    expect(energies).toEqual([...energies].sort((a, b) => a - b));
    expect(energies.at(-1)!).toBeLessThan(1);
    expect(dense!.energy).toBe(1);
    expect(result.spectrum).toHaveLength(WIDTH);
    expect(result.spectrum).toEqual([...result.spectrum].sort((a, b) => b - a));
    // Accuracy is measured on the test set: whole numbers of its rows, and rank 1 loses to dense.
    for (const row of result.rows) expect(Math.abs(row.accuracy * LOW_RANK_TEST_SIZE - Math.round(row.accuracy * LOW_RANK_TEST_SIZE))).toBeLessThan(1e-9);
    expect(dense!.accuracy).toBeGreaterThan(0.8);
    expect(factored[0]!.accuracy).toBeLessThan(dense!.accuracy - 0.1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });

  test('accuracy comes from the weights: untrained, every row is near chance', async () => {
    const { rows } = await runLowRank({ width: 16, seed: 2 }, () => {}, 0);
    for (const row of rows) expect(row.accuracy).toBeLessThan(0.6);
  });
});
