import { describe, expect, test } from 'vitest';
import { grid2D, makeMoons, makeSpirals, split, subset, withLabelNoise } from '../../../src/demos/shared/dataset.ts';
import { makePruningData } from '../../../src/demos/pruning/data.ts';
import { makeQuantizationData } from '../../../src/demos/quantization/data.ts';
import { makeDistillationData } from '../../../src/demos/distillation/data.ts';
import { makeNoisyData } from '../../../src/demos/early-stopping/data.ts';
import { makeImbalanced } from '../../../src/demos/precision-recall/data.ts';
import { makeApplicants } from '../../../src/demos/fairness/data.ts';
import { makeTradeoffData } from '../../../src/demos/tradeoff/data.ts';
import { makeBatchData } from '../../../src/demos/batch-size/data.ts';
import { makeEarlyExitData } from '../../../src/demos/early-exit/data.ts';
import { makeLowRankData } from '../../../src/demos/low-rank/data.ts';

describe('seeded generators', () => {
  test.each([
    ['moons', () => makeMoons(300, 0.1, 4), () => makeMoons(300, 0.1, 5)],
    ['spirals', () => makeSpirals(300, 3, 0.05, 4), () => makeSpirals(300, 3, 0.05, 5)],
    ['imbalanced', () => makeImbalanced(300, 0.1, 2, 4), () => makeImbalanced(300, 0.1, 2, 5)],
    ['applicants', () => makeApplicants(300, 0.5, 0.5, 0.2, 4).data, () => makeApplicants(300, 0.5, 0.5, 0.2, 5).data],
  ])('%s: same seed, same data; another seed, other data', (_, make, other) => {
    const a = make();
    const b = make();
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(Array.from(other().x)).not.toEqual(Array.from(a.x));
  });

  test.each<[string, (seed: number) => ArrayLike<number>]>([
    ['pruning', (seed) => makePruningData('spirals', seed).train.x],
    ['quantization', (seed) => makeQuantizationData(seed).test.x],
    ['distillation', (seed) => makeDistillationData(seed).train.y],
    ['early-stopping', (seed) => makeNoisyData(seed).validation.x],
    ['tradeoff', (seed) => makeTradeoffData(seed).train.x],
    ['batch-size', (seed) => makeBatchData(seed, 64).timing.x],
    ['early-exit', (seed) => makeEarlyExitData(seed).timing.x],
    ['low-rank', (seed) => makeLowRankData(seed).test.x],
  ])('%s data: fixed by its seed, different for another', (_, make) => {
    expect(Array.from(make(3))).toEqual(Array.from(make(3)));
    expect(Array.from(make(4))).not.toEqual(Array.from(make(3)));
  });

  test('the new demos keep test, training and timing inputs apart', () => {
    const { train, test, timing } = makeEarlyExitData(1);
    expect([train.n, test.n, timing.n]).toEqual([900, 600, 1024]);
    expect(Array.from(timing.x.subarray(0, 8))).not.toEqual(Array.from(test.x.subarray(0, 8)));
    expect(makeBatchData(1, 512).timing.n).toBe(512);
  });

  test('moons and spirals are balanced across classes', () => {
    const count = (y: Int32Array, c: number): number => y.filter((v) => v === c).length;
    const moons = makeMoons(301, 0.1, 1);
    expect([count(moons.y, 0), count(moons.y, 1)]).toEqual([151, 150]);
    const spirals = makeSpirals(300, 3, 0.05, 1);
    expect([0, 1, 2].map((c) => count(spirals.y, c))).toEqual([100, 100, 100]);
  });

  test('makeImbalanced has exactly round(rate·n) positives', () => {
    expect(makeImbalanced(1000, 0.05, 2, 1).y.reduce((s, v) => s + v, 0)).toBe(50);
    expect(makeImbalanced(333, 0.1, 2, 1).y.reduce((s, v) => s + v, 0)).toBe(33);
  });

  test('applicants follow each group base rate', () => {
    const { data, groups } = makeApplicants(20_000, 0.5, 0.6, 0.2, 1);
    const rate = (g: number): number => {
      let n = 0;
      let p = 0;
      groups.forEach((group, i) => {
        if (group !== g) return;
        n++;
        p += data.y[i]!;
      });
      return p / n;
    };
    expect(rate(0)).toBeCloseTo(0.6, 1);
    expect(rate(1)).toBeCloseTo(0.2, 1);
  });
});

describe('split, subset and label noise', () => {
  test('split returns consecutive slices of the asked sizes', () => {
    const data = makeMoons(10, 0, 1);
    const [a, b] = split(data, [6, 4]);
    expect(a!.n).toBe(6);
    expect(b!.n).toBe(4);
    expect(Array.from(b!.x)).toEqual(Array.from(data.x.subarray(12, 20)));
    expect(() => split(data, [8, 4])).toThrow(/12 rows asked from 10/);
  });

  test('subset keeps rows in the given order', () => {
    const data = makeMoons(5, 0, 1);
    const picked = subset(data, [4, 0]);
    expect(Array.from(picked.x)).toEqual([...data.x.subarray(8, 10), ...data.x.subarray(0, 2)]);
    expect(Array.from(picked.y)).toEqual([data.y[4], data.y[0]]);
  });

  test.each([0, 0.1, 0.25])('withLabelNoise(%s) flips exactly round(f·n) labels, to another class', (fraction) => {
    const data = makeSpirals(200, 3, 0.05, 2);
    const noisy = withLabelNoise(data, fraction, 9);
    const flipped = data.y.filter((label, i) => label !== noisy.y[i]).length;
    expect(flipped).toBe(Math.round(fraction * 200));
    expect(noisy.x).toBe(data.x);
    expect(Math.max(...noisy.y)).toBeLessThan(3);
  });
});

test('grid2D covers the square row by row from the top left', () => {
  const grid = grid2D(2, 1);
  expect(Array.from(grid)).toEqual([-0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5]);
});
