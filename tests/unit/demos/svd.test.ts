// The low-rank demo's SVD (src/demos/low-rank/svd.ts) against decompositions known by construction:
// W = U·Σ·Vᵀ with seeded orthonormal U, V and chosen singular values must give those values back, the
// vectors up to sign, and the Eckart–Young errors of every truncation.
import { describe, expect, test } from 'vitest';
import { breakEvenRank, factoredParams, lowRankFactors, reconstruct, svd, type Matrix } from '../../../src/demos/low-rank/svd.ts';
import { createRandom } from '../../../src/demos/shared/random.ts';

/** A seeded n × k matrix with orthonormal columns (modified Gram–Schmidt on Gaussian columns). */
function orthonormal(n: number, k: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const q = Float64Array.from({ length: n * k }, () => random.normal());
  for (let j = 0; j < k; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += q[i * k + j]! * q[i * k + p]!;
      for (let i = 0; i < n; i++) q[i * k + j] = q[i * k + j]! - dot * q[i * k + p]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[i * k + j]! ** 2;
    for (let i = 0; i < n; i++) q[i * k + j] = q[i * k + j]! / Math.sqrt(norm);
  }
  return q;
}

/** U·diag(s)·Vᵀ for U (rows × k) and V (cols × k). */
function compose(u: Float64Array, s: readonly number[], v: Float64Array, rows: number, cols: number): Matrix {
  const k = s.length;
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) for (let j = 0; j < k; j++) data[r * cols + c] = data[r * cols + c]! + u[r * k + j]! * s[j]! * v[c * k + j]!;
  return { rows, cols, data };
}

const frobenius2 = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return sum;
};

/** Largest singular value of a row-major matrix, by power iteration on AᵀA (an independent check). */
function spectralNorm(data: ArrayLike<number>, rows: number, cols: number): number {
  let x = Float64Array.from({ length: cols }, (_, i) => 1 + i / cols);
  let sigma = 0;
  for (let it = 0; it < 500; it++) {
    const ax = new Float64Array(rows);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) ax[r] = ax[r]! + data[r * cols + c]! * x[c]!;
    const atax = new Float64Array(cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) atax[c] = atax[c]! + data[r * cols + c]! * ax[r]!;
    const norm = Math.hypot(...atax);
    if (norm === 0) return 0;
    sigma = Math.sqrt(norm / Math.hypot(...x));
    x = atax.map((v) => v / norm);
  }
  return sigma;
}

describe.each([
  ['square 12 × 12', 12, 12, [9, 7, 5, 3.5, 2, 1.5, 1, 0.6, 0.3, 0.2, 0.1, 0.05]],
  ['tall 20 × 6', 20, 6, [5, 4, 3, 2, 1, 0.5]],
  ['wide 5 × 9', 5, 9, [10, 2, 1, 0.4, 0.01]],
  ['repeated values 8 × 8', 8, 8, [4, 4, 2, 2, 2, 1, 1, 0.5]],
])('known decomposition, %s', (_, rows, cols, values) => {
  const k = values.length;
  const u = orthonormal(rows, k, 11);
  const v = orthonormal(cols, k, 12);
  const w = compose(u, values, v, rows, cols);
  const d = svd(w);

  test('recovers the singular values, largest first', () => {
    expect(d.k).toBe(k);
    Array.from(d.s).forEach((s, i) => expect(s).toBeCloseTo(values[i]!, 10));
  });

  test('returns orthonormal singular vectors that rebuild the matrix', () => {
    for (const [m, n] of [[d.u, rows], [d.v, cols]] as const) {
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          let dot = 0;
          for (let i = 0; i < n; i++) dot += m[i * k + a]! * m[i * k + b]!;
          expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
        }
      }
    }
    expect(frobenius2(reconstruct(d), w.data)).toBeLessThan(1e-20);
  });

  test('recovers each singular vector up to sign where its singular value is distinct', () => {
    values.forEach((sigma, j) => {
      if (values.filter((x) => x === sigma).length > 1) return;
      let du = 0;
      let dv = 0;
      for (let i = 0; i < rows; i++) du += d.u[i * k + j]! * u[i * k + j]!;
      for (let i = 0; i < cols; i++) dv += d.v[i * k + j]! * v[i * k + j]!;
      expect(Math.abs(du)).toBeCloseTo(1, 8);
      // Signs of u_j and v_j flip together, so σ·u·vᵀ is unchanged.
      expect(du * dv).toBeCloseTo(1, 8);
    });
  });

  test.each(Array.from({ length: k - 1 }, (_, r) => [r + 1]))('rank %i: Eckart–Young errors and factor shapes', (rank) => {
    const approximation = reconstruct(d, rank);
    const tail = values.slice(rank);
    // Frobenius error² = Σ_{i>r} σ_i², spectral error = σ_{r+1}.
    expect(frobenius2(approximation, w.data)).toBeCloseTo(tail.reduce((a, s) => a + s * s, 0), 8);
    const residual = Float64Array.from(w.data, (x, i) => x - approximation[i]!);
    expect(spectralNorm(residual, rows, cols)).toBeCloseTo(values[rank]!, 3);
    // A·B from the factors is the same matrix, with A rows × r and B r × cols.
    const { a, b } = lowRankFactors(d, rank);
    expect([a.length, b.length]).toEqual([rows * rank, rank * cols]);
    const product = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) for (let j = 0; j < rank; j++) product[r * cols + c] = product[r * cols + c]! + a[r * rank + j]! * b[j * cols + c]!;
    expect(frobenius2(product, approximation)).toBeLessThan(1e-8);
  });
});

describe('edge cases', () => {
  test('a rank-deficient matrix: zero singular values, zero left vectors, exact reconstruction', () => {
    const u = orthonormal(6, 2, 3);
    const v = orthonormal(6, 2, 4);
    const w = compose(u, [3, 1], v, 6, 6);
    const d = svd(w);
    expect(d.s[0]).toBeCloseTo(3, 10);
    expect(d.s[1]).toBeCloseTo(1, 10);
    expect(Array.from(d.s.slice(2))).toEqual([0, 0, 0, 0]);
    expect(frobenius2(reconstruct(d, 2), w.data)).toBeLessThan(1e-20);
  });

  test('the zero matrix and a 1 × 1 matrix', () => {
    expect(Array.from(svd({ rows: 3, cols: 2, data: new Float64Array(6) }).s)).toEqual([0, 0]);
    const d = svd({ rows: 1, cols: 1, data: Float64Array.of(-2.5) });
    expect(d.s[0]).toBe(2.5);
    expect(d.u[0]! * d.v[0]!).toBe(-1);
  });

  test('float32 kernels as the demo stores them', () => {
    const random = createRandom(5);
    const data = Float32Array.from({ length: 32 * 32 }, () => random.normal(0, 0.2));
    const d = svd({ rows: 32, cols: 32, data });
    expect(frobenius2(reconstruct(d), data)).toBeLessThan(1e-10);
    expect(d.sweeps).toBeLessThan(20);
  });

  test('rejects bad input', () => {
    expect(() => svd({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(/svd: data has 3 values, not 2×2/);
    const d = svd({ rows: 2, cols: 2, data: Float64Array.of(1, 0, 0, 1) });
    expect(() => lowRankFactors(d, 0)).toThrow(/rank must be an integer in 1…2, got 0/);
    expect(() => lowRankFactors(d, 3)).toThrow(/rank must be an integer in 1…2, got 3/);
  });
});

describe('parameter counts', () => {
  test.each([
    [128, 128, 8, 8 * 256 + 128],
    [64, 32, 1, 96 + 32],
    [10, 10, 10, 200 + 10],
  ])('a %i × %i layer at rank %i stores %i numbers', (rows, cols, rank, params) => expect(factoredParams(rows, cols, rank)).toBe(params));

  test.each([
    [128, 128, 63],
    [64, 64, 31],
    [100, 50, 33],
  ])('factors of a %i × %i kernel are smaller up to rank %i', (rows, cols, rank) => {
    expect(breakEvenRank(rows, cols)).toBe(rank);
    expect(rank * (rows + cols)).toBeLessThan(rows * cols);
    expect((rank + 1) * (rows + cols)).toBeGreaterThanOrEqual(rows * cols);
  });
});
