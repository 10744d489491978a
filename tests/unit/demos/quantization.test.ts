import { beforeAll, describe, expect, test } from 'vitest';
import { BIT_WIDTHS } from '../../../src/demos/quantization/config.ts';
import { maxLevel, quantizeKernel, quantizedBytes, quantizeWeights, runQuantization } from '../../../src/demos/quantization/model.ts';
import { createRandom } from '../../../src/demos/shared/random.ts';
import type { LayerWeights } from '../../../src/demos/shared/mlp.ts';
import { noProgress, useCpu } from './tf.ts';

beforeAll(useCpu);

/** A kernel whose columns have very different ranges, where per-channel scales matter. */
function kernel(rows: number, cols: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: rows * cols }, (_, i) => random.normal(0, 0.05 * (1 + (i % cols))));
}

const ROWS = 16;
const COLS = 8;
const w = kernel(ROWS, COLS, 1);

describe('maxLevel', () => {
  test.each([
    [8, 127],
    [4, 7],
    [3, 3],
    [2, 1],
  ])('%i bits → codes in ±%i', (bits, level) => expect(maxLevel(bits)).toBe(level));

  test.each([1, 9, 2.5])('rejects %f bits', (bits) => expect(() => maxLevel(bits)).toThrow(/quantization: bits must be an integer in 2…8/));
});

describe.each(BIT_WIDTHS.map((b) => [b]))('%i-bit quantization', (bits) => {
  test('per-tensor: at most 2^bits distinct values, codes within ±q_max, error ≤ scale/2', () => {
    const q = quantizeKernel(w, ROWS, COLS, bits, 'per-tensor');
    expect(q.scales).toHaveLength(1);
    expect(new Set(q.dequantized).size).toBeLessThanOrEqual(2 ** bits);
    expect(Math.max(...q.codes.map(Math.abs))).toBe(maxLevel(bits));
    const scale = q.scales[0]!;
    w.forEach((v, i) => {
      expect(Math.abs(v - q.dequantized[i]!)).toBeLessThanOrEqual(scale / 2 + 1e-7);
      expect(q.dequantized[i]).toBeCloseTo(q.codes[i]! * scale, 6);
    });
  });

  test('per-channel: every column has its own scale, levels and error bound', () => {
    const q = quantizeKernel(w, ROWS, COLS, bits, 'per-channel');
    expect(q.scales).toHaveLength(COLS);
    for (let c = 0; c < COLS; c++) {
      const column = Array.from({ length: ROWS }, (_, r) => r * COLS + c);
      expect(new Set(column.map((i) => q.dequantized[i])).size).toBeLessThanOrEqual(2 ** bits);
      const maxAbs = Math.max(...column.map((i) => Math.abs(w[i]!)));
      expect(q.scales[c]).toBeCloseTo(maxAbs / maxLevel(bits), 6);
      for (const i of column) expect(Math.abs(w[i]! - q.dequantized[i]!)).toBeLessThanOrEqual(q.scales[c]! / 2 + 1e-7);
    }
  });

  test('per-channel error is no worse than per-tensor error on uneven columns', () => {
    const err = (g: 'per-tensor' | 'per-channel'): number => {
      const q = quantizeKernel(w, ROWS, COLS, bits, g);
      return w.reduce((s, v, i) => s + Math.abs(v - q.dequantized[i]!), 0);
    };
    expect(err('per-channel')).toBeLessThan(err('per-tensor'));
  });
});

test('2-bit codes are exactly −1, 0, 1 times the scale', () => {
  const q = quantizeKernel(Float32Array.from([-1, -0.6, -0.4, 0, 0.2, 0.5, 0.9, 1]), 8, 1, 2, 'per-tensor');
  expect(Array.from(q.codes)).toEqual([-1, -1, 0, 0, 0, 1, 1, 1]);
  expect(q.scales[0]).toBe(1);
});

test('an all-zero kernel quantizes to zeros', () => {
  const q = quantizeKernel(new Float32Array(6), 2, 3, 4, 'per-channel');
  expect(Array.from(q.dequantized)).toEqual([0, 0, 0, 0, 0, 0]);
});

test('quantizedBytes counts packed codes, float32 scales and float32 biases', () => {
  const layers: LayerWeights[] = [
    { rows: 2, cols: 8, kernel: new Float32Array(16), bias: new Float32Array(8) },
    { rows: 8, cols: 3, kernel: new Float32Array(24), bias: new Float32Array(3) },
  ];
  // 4 bits: ceil(16·4/8) = 8 and ceil(24·4/8) = 12 code bytes; biases 11·4 = 44.
  expect(quantizedBytes(layers, 4, 'per-tensor')).toBe(8 + 4 + 12 + 4 + 44);
  expect(quantizedBytes(layers, 4, 'per-channel')).toBe(8 + 32 + 12 + 12 + 44);
  // 3 bits: ceil(48/8) = 6, ceil(72/8) = 9.
  expect(quantizedBytes(layers, 3, 'per-tensor')).toBe(6 + 4 + 9 + 4 + 44);
});

test('quantizeWeights reports the largest and mean error it introduced', () => {
  const layers: LayerWeights[] = [{ rows: 1, cols: 4, kernel: Float32Array.from([1, 0.3, -0.2, 0]), bias: Float32Array.from([5, 5, 5, 5]) }];
  const { weights, maxError, meanError } = quantizeWeights(layers, 2, 'per-tensor');
  // scale 1: codes 1, 0, 0, 0 → errors 0, 0.3, 0.2, 0.
  expect(Array.from(weights[0]!.kernel)).toEqual([1, 0, 0, 0]);
  expect(maxError).toBeCloseTo(0.3, 6);
  expect(meanError).toBeCloseTo(0.125, 6);
  expect(Array.from(weights[0]!.bias)).toEqual([5, 5, 5, 5]);
});

describe('runQuantization', () => {
  test('reports float32 and every bit width × granularity, smaller with fewer bits', async () => {
    const { rows } = await runQuantization({ width: 32, seed: 1 }, noProgress, 15);
    expect(rows.map((r) => `${r.bits}:${r.granularity}`)).toEqual([
      '32:float32',
      ...BIT_WIDTHS.flatMap((b) => [`${b}:per-tensor`, `${b}:per-channel`]),
    ]);
    const float = rows[0]!;
    const int8 = rows.find((r) => r.bits === 8 && r.granularity === 'per-channel')!;
    expect(float.bytes).toBe(float.params * 4);
    expect(int8.accuracy).toBeGreaterThan(float.accuracy - 0.02);
    for (const granularity of ['per-tensor', 'per-channel']) {
      const sizes = rows.filter((r) => r.granularity === granularity).map((r) => r.bytes);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    }
    for (const row of rows) expect(row.latencyMs).toBeGreaterThan(0);
  });
});
