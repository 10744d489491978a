import { describe, expect, test } from 'vitest';
import { bestThresholds, fairnessReport, groupRates } from '../../../src/demos/fairness/metrics.ts';
import { makeApplicants } from '../../../src/demos/fairness/data.ts';

// Group A: 4 of 8 qualified. Group B: 2 of 8 qualified.
const a = { scores: [0.9, 0.8, 0.6, 0.3, 0.7, 0.4, 0.2, 0.1], labels: [1, 1, 1, 1, 0, 0, 0, 0] };
const b = { scores: [0.9, 0.4, 0.6, 0.5, 0.3, 0.2, 0.1, 0.05], labels: [1, 1, 0, 0, 0, 0, 0, 0] };

describe('groupRates', () => {
  test('group A at threshold 0.5 by hand', () => {
    // Selected: 0.9, 0.8, 0.6 (qualified) and 0.7 (not). TP 3, FP 1, FN 1, TN 3.
    expect(groupRates(a.scores, a.labels, 0.5)).toEqual({
      n: 8,
      positives: 4,
      baseRate: 0.5,
      selectionRate: 0.5,
      truePositiveRate: 0.75,
      falsePositiveRate: 0.25,
      precision: 0.75,
      accuracy: 0.75,
    });
  });

  test('group B at threshold 0.5 by hand', () => {
    // Selected: 0.9 (qualified), 0.6 and 0.5 (not). TP 1, FP 2, FN 1, TN 4.
    const r = groupRates(b.scores, b.labels, 0.5);
    expect(r.baseRate).toBe(0.25);
    expect(r.selectionRate).toBe(3 / 8);
    expect(r.truePositiveRate).toBe(0.5);
    expect(r.falsePositiveRate).toBeCloseTo(2 / 6, 12);
    expect(r.precision).toBeCloseTo(1 / 3, 12);
    expect(r.accuracy).toBe(5 / 8);
  });

  test('nobody selected: rates are zero, not NaN', () => {
    const r = groupRates(a.scores, a.labels, 2);
    expect([r.selectionRate, r.truePositiveRate, r.falsePositiveRate, r.precision]).toEqual([0, 0, 0, 0]);
  });
});

describe('fairnessReport', () => {
  test('gaps by hand at thresholds 0.5 / 0.5', () => {
    const report = fairnessReport(groupRates(a.scores, a.labels, 0.5), groupRates(b.scores, b.labels, 0.5));
    expect(report.demographicParityDifference).toBeCloseTo(0.5 - 3 / 8, 12);
    expect(report.equalOpportunityDifference).toBeCloseTo(0.25, 12);
    // max(|0.75 − 0.5|, |0.25 − 1/3|) = 0.25
    expect(report.equalizedOddsDifference).toBeCloseTo(0.25, 12);
    expect(report.predictiveParityDifference).toBeCloseTo(0.75 - 1 / 3, 12);
    expect(report.accuracy).toBeCloseTo((6 + 5) / 16, 12);
  });

  test('equalized odds is driven by the FPR gap when TPRs match', () => {
    // A at 0.35: TPR 3/4 (0.9, 0.8, 0.6), FPR 2/4 (0.7, 0.4). B at 0.35: TPR 2/2, FPR 2/6.
    const report = fairnessReport(groupRates(a.scores, a.labels, 0.65), groupRates(b.scores, b.labels, 0.35));
    // A at 0.65: TPR 2/4, FPR 1/4. B at 0.35: TPR 1, FPR 2/6.
    expect(report.equalOpportunityDifference).toBeCloseTo(0.5, 12);
    expect(report.equalizedOddsDifference).toBeCloseTo(0.5, 12);
    const matched = fairnessReport(groupRates(a.scores, a.labels, 0.35), groupRates(b.scores, b.labels, 0.45));
    // A at 0.35: TPR 3/4, FPR 2/4. B at 0.45: TPR 1/2, FPR 2/6 → opportunity gap 0.25, odds gap 0.25.
    expect(matched.equalOpportunityDifference).toBeCloseTo(0.25, 12);
    expect(matched.equalizedOddsDifference).toBeCloseTo(Math.max(0.25, 0.5 - 2 / 6), 12);
  });
});

describe('bestThresholds', () => {
  const grid = Array.from({ length: 101 }, (_, i) => i / 100);

  test('each choice meets its criterion and no other pair on the grid is more accurate', () => {
    const choices = bestThresholds(a, b, grid, 0.02);
    expect(choices.map((c) => c.criterion)).toEqual(['accuracy', 'demographic-parity', 'equal-opportunity', 'equalized-odds', 'all']);
    const byCriterion = new Map(choices.map((c) => [c.criterion, c]));
    expect(byCriterion.get('demographic-parity')!.report.demographicParityDifference).toBeLessThanOrEqual(0.02);
    expect(byCriterion.get('equal-opportunity')!.report.equalOpportunityDifference).toBeLessThanOrEqual(0.02);
    const unconstrained = byCriterion.get('accuracy')!.report.accuracy;
    for (const c of choices) expect(c.report.accuracy).toBeLessThanOrEqual(unconstrained);
    // The best unconstrained pair by brute force.
    let best = 0;
    for (const ta of grid) for (const tb of grid) best = Math.max(best, fairnessReport(groupRates(a.scores, a.labels, ta), groupRates(b.scores, b.labels, tb)).accuracy);
    expect(unconstrained).toBe(best);
  });

  test('with different base rates, meeting all three criteria leaves a chance-level classifier', () => {
    const { data, groups } = makeApplicants(4000, 0.5, 0.5, 0.2, 3);
    // A score that ranks well: the sum of both features squashed to (0, 1).
    const score = Array.from({ length: data.n }, (_, i) => 1 / (1 + Math.exp(-(data.x[2 * i]! + data.x[2 * i + 1]! - 1.2))));
    const pick = (g: number) => {
      const idx = [...groups.keys()].filter((i) => groups[i] === g);
      return { scores: idx.map((i) => score[i]!), labels: idx.map((i) => data.y[i]!) };
    };
    const choices = bestThresholds(pick(0), pick(1), grid, 0.02);
    const all = choices.find((c) => c.criterion === 'all')!;
    const unconstrained = choices.find((c) => c.criterion === 'accuracy')!;
    expect(unconstrained.informedness).toBeGreaterThan(0.4);
    // Gaps ≤ ε in selection rate, TPR and FPR bound TPR − FPR by ε(2 + 2·p_B) / |p_A − p_B| (≈ 0.16 here),
    // and the best pair meeting all three sits well below even that.
    expect(all.informedness).toBeLessThan(unconstrained.informedness / 4);
    expect(all.informedness).toBeLessThanOrEqual((0.02 * (2 + 2 * 0.2)) / 0.3 + 0.02);
    expect(all.report.accuracy).toBeLessThan(unconstrained.report.accuracy - 0.05);
  });
});
