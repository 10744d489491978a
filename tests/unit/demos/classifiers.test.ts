import { beforeAll, expect, test } from 'vitest';
import { runPrecisionRecall } from '../../../src/demos/precision-recall/model.ts';
import { runFairness } from '../../../src/demos/fairness/model.ts';
import { averagePrecision } from '../../../src/demos/precision-recall/metrics.ts';
import { PR_TEST_SIZE } from '../../../src/demos/precision-recall/config.ts';
import { FAIRNESS_TEST_SIZE } from '../../../src/demos/fairness/config.ts';
import { noProgress, useCpu } from './tf.ts';

beforeAll(useCpu);

test('runPrecisionRecall scores an imbalanced test set far better than chance', async () => {
  const result = await runPrecisionRecall({ positiveRate: 0.05, separation: 2.5, seed: 1 }, noProgress);
  expect(result.scores).toHaveLength(PR_TEST_SIZE);
  expect(result.labels.reduce((s, l) => s + l, 0)).toBe(Math.round(0.05 * PR_TEST_SIZE));
  for (const s of result.scores) expect(s >= 0 && s <= 1).toBe(true);
  expect(averagePrecision(result.scores, result.labels)).toBeGreaterThan(0.4);
  expect(result.cost.params).toBe(2 * 16 + 16 + 16 * 2 + 2);
  expect(result.cost.latencyMs).toBeGreaterThan(0);
});

test('runFairness returns scores, labels and groups for every test applicant, reproducibly', async () => {
  const settings = { baseRateA: 0.5, baseRateB: 0.2, seed: 2 };
  const a = await runFairness(settings, noProgress);
  const b = await runFairness(settings, noProgress);
  const other = await runFairness({ ...settings, seed: 3 }, noProgress);
  expect(a.scores).toHaveLength(FAIRNESS_TEST_SIZE);
  expect(a.groups).toHaveLength(FAIRNESS_TEST_SIZE);
  expect(new Set(a.groups)).toEqual(new Set([0, 1]));
  expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
  expect(Array.from(other.scores)).not.toEqual(Array.from(a.scores));
  // The scores rank: qualified applicants score well above the others (a constant scorer would not).
  const mean = (label: number): number => {
    const picked = a.scores.filter((_, i) => a.labels[i] === label);
    return picked.reduce((s, v) => s + v, 0) / picked.length;
  };
  expect(mean(1) - mean(0)).toBeGreaterThan(0.3);
  // Each group's base rate shows in its labels.
  const rate = (group: number): number => a.labels.filter((_, i) => a.groups[i] === group).reduce((s, v) => s + v, 0) / a.groups.filter((g) => g === group).length;
  expect(rate(0)).toBeCloseTo(0.5, 1);
  expect(rate(1)).toBeCloseTo(0.2, 1);
});
