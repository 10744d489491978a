import { beforeAll, describe, expect, test } from 'vitest';
import { HIDDEN, SPARSITY_LEVELS } from '../../../src/demos/pruning/config.ts';
import { keptUnits, pruneNeurons, pruneWeights, runPruning, sparseBytes } from '../../../src/demos/pruning/model.ts';
import { countParams, disposeMlp, initialWeights, mlpFromWeights, predictProbabilities, type LayerWeights } from '../../../src/demos/shared/mlp.ts';
import { noProgress, useCpu } from './tf.ts';

beforeAll(useCpu);

const spec = { inputs: 2, hidden: [64, 64], outputs: 2 };
const weights = initialWeights(spec, 11);
const kernelCount = weights.reduce((n, w) => n + w.kernel.length, 0);
const zeros = (ws: readonly LayerWeights[]): number => ws.reduce((n, w) => n + w.kernel.filter((v) => v === 0).length, 0);

describe('pruneWeights (global magnitude pruning)', () => {
  test.each([0, 0.1, 0.333, 0.5, 0.9, 0.95, 1])('sparsity %f zeroes exactly round(s·N) kernel weights', (sparsity) => {
    const pruned = pruneWeights(weights, sparsity);
    expect(zeros(pruned)).toBe(Math.round(sparsity * kernelCount));
  });

  test('removes the smallest magnitudes and keeps the rest unchanged', () => {
    const pruned = pruneWeights(weights, 0.6);
    let largestRemoved = 0;
    let smallestKept = Infinity;
    pruned.forEach((w, l) =>
      w.kernel.forEach((v, i) => {
        const original = weights[l]!.kernel[i]!;
        if (v === 0) largestRemoved = Math.max(largestRemoved, Math.abs(original));
        else {
          expect(v).toBe(original);
          smallestKept = Math.min(smallestKept, Math.abs(original));
        }
      }),
    );
    expect(largestRemoved).toBeLessThanOrEqual(smallestKept);
  });

  test('leaves biases and the input untouched', () => {
    const trained = weights.map((w) => ({ ...w, bias: w.bias.map((_, i) => i + 1) }));
    const before = trained.map((w) => Array.from(w.kernel));
    const pruned = pruneWeights(trained, 0.9);
    pruned.forEach((w, l) => expect(Array.from(w.bias)).toEqual(Array.from(trained[l]!.bias)));
    expect(trained.map((w) => Array.from(w.kernel))).toEqual(before);
  });

  test('rejects sparsity outside [0, 1]', () => {
    expect(() => pruneWeights(weights, 1.2)).toThrow(/pruning: sparsity must be in \[0, 1\]/);
  });
});

describe('pruneNeurons (structured)', () => {
  test.each([
    [64, 0, 64],
    [64, 0.5, 32],
    [64, 0.95, 3],
    [4, 0.95, 1],
  ])('keptUnits(%i, %f) = %i', (width, fraction, kept) => {
    expect(keptUnits(width, fraction)).toBe(kept);
  });

  test('returns a smaller model with consistent shapes', () => {
    const { spec: small, weights: w } = pruneNeurons(spec, weights, 0.75);
    expect(small.hidden).toEqual([16, 16]);
    expect(w.map((l) => [l.rows, l.cols])).toEqual([[2, 16], [16, 16], [16, 2]]);
    expect(w.map((l) => l.kernel.length)).toEqual([32, 256, 32]);
    expect(countParams(small)).toBeLessThan(countParams(spec) / 10);
  });

  test('removing units that contribute nothing leaves predictions unchanged', () => {
    // Units 0…31 of the first hidden layer get zero outgoing weights, so they cannot matter.
    const dead = weights.map((w) => ({ ...w, kernel: w.kernel.slice() }));
    for (let unit = 0; unit < 32; unit++) dead[1]!.kernel.fill(0, unit * 64, (unit + 1) * 64);
    const full = mlpFromWeights(spec, dead);
    const pruned = pruneNeurons({ inputs: 2, hidden: [64], outputs: 64 }, dead.slice(0, 2), 0.5);
    const smaller = mlpFromWeights({ inputs: 2, hidden: pruned.spec.hidden, outputs: 64 }, pruned.weights);
    const x = Float32Array.from([0.3, -0.2, -1, 0.5]);
    const fullSpec = { inputs: 2, hidden: [64], outputs: 64 };
    const reference = mlpFromWeights(fullSpec, dead.slice(0, 2));
    const expected = Array.from(predictProbabilities(reference, x, 2));
    Array.from(predictProbabilities(smaller, x, 2)).forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 6));
    for (const m of [full, smaller, reference]) disposeMlp(m);
  });
});

describe('sparseBytes', () => {
  test('stores a kernel as CSR when that is smaller, densely otherwise', () => {
    const sparse: LayerWeights = { rows: 4, cols: 4, kernel: Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]), bias: new Float32Array(4) };
    // CSR: 2 non-zeros × (4 + 2) + 5 row pointers × 4 = 32 < dense 64; plus 16 bytes of bias.
    expect(sparseBytes([sparse])).toBe(32 + 16);
    const dense: LayerWeights = { ...sparse, kernel: new Float32Array(16).fill(1) };
    expect(sparseBytes([dense])).toBe(64 + 16);
  });
});

describe('runPruning', () => {
  test('sweeps every sparsity level with the asked-for zeros and measured costs', async () => {
    const fractions: number[] = [];
    const result = await runPruning({ shape: 'moons', mode: 'weights', fineTuneEpochs: 0, seed: 1 }, (f) => void fractions.push(f), 8);
    const kernels = countParams({ inputs: 2, hidden: HIDDEN, outputs: 2 }) - (HIDDEN[0]! + HIDDEN[1]! + 2);
    expect(result.rows.map((r) => r.sparsity)).toEqual(SPARSITY_LEVELS);
    for (const row of result.rows) {
      // Trained biases and surviving weights are never exactly zero, so every zero is a pruned weight.
      expect(row.params - row.nonzeroParams).toBe(Math.round(row.sparsity * kernels));
      expect(row.latencyMs).toBeGreaterThan(0);
      expect(row.fineTunedAccuracy).toBeNull();
    }
    expect(result.rows[0]!.accuracy).toBeGreaterThan(0.9);
    expect(result.rows.at(-1)!.bytes).toBeLessThan(result.rows[0]!.bytes / 5);
    expect(result.boundaries).toHaveLength(SPARSITY_LEVELS.length);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  test('fine-tuning keeps the pruned weights at zero and reports its own accuracy', async () => {
    const result = await runPruning({ shape: 'moons', mode: 'weights', fineTuneEpochs: 1, seed: 2 }, noProgress, 6);
    const kernels = countParams({ inputs: 2, hidden: HIDDEN, outputs: 2 }) - (HIDDEN[0]! + HIDDEN[1]! + 2);
    for (const row of result.rows) {
      expect(row.params - row.nonzeroParams).toBe(Math.round(row.sparsity * kernels));
      expect(row.fineTunedAccuracy).not.toBeNull();
    }
    const at95 = result.rows.at(-1)!;
    expect(at95.fineTunedAccuracy!).toBeGreaterThanOrEqual(at95.accuracy - 0.02);
  });

  test('structured pruning shrinks the parameter count level by level', async () => {
    const a = await runPruning({ shape: 'moons', mode: 'neurons', fineTuneEpochs: 0, seed: 3 }, noProgress, 3);
    const params = a.rows.map((r) => r.params);
    expect(params).toEqual([...params].sort((x, y) => y - x));
    expect(params[0]).toBe(countParams({ inputs: 2, hidden: HIDDEN, outputs: 2 }));
    expect(params.at(-1)).toBe(countParams({ inputs: 2, hidden: [keptUnits(64, 0.95), keptUnits(64, 0.95)], outputs: 2 }));
    for (const row of a.rows) expect(row.bytes).toBe(row.params * 4);
  });
});
