import { describe, expect, test } from 'vitest';
import {
  accuracy,
  allNegativeAccuracy,
  averagePrecision,
  confusionMatrix,
  f1,
  falsePositiveRate,
  precision,
  precisionRecallCurve,
  recall,
} from '../../../src/demos/precision-recall/metrics.ts';

// Ten examples, four positive. Scores ≥ 0.5 predicted positive:
// positives 0.9 (TP), 0.8 (TP), 0.4 (FN), 0.3 (FN); negatives 0.7 (FP), 0.6 (FP), 0.2, 0.1, 0.05, 0.0 (TN).
const scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05, 0];
const labels = [1, 1, 0, 0, 1, 1, 0, 0, 0, 0];

describe('confusion matrix and its ratios', () => {
  test.each([
    [0.5, { tp: 2, fp: 2, tn: 4, fn: 2 }],
    [0.85, { tp: 1, fp: 0, tn: 6, fn: 3 }],
    [0, { tp: 4, fp: 6, tn: 0, fn: 0 }],
    [1, { tp: 0, fp: 0, tn: 6, fn: 4 }],
    [0.3, { tp: 4, fp: 2, tn: 4, fn: 0 }],
  ])('threshold %f', (threshold, expected) => {
    expect(confusionMatrix(scores, labels, threshold)).toEqual(expected);
  });

  test('precision, recall, F1, accuracy and FPR at threshold 0.5', () => {
    const m = confusionMatrix(scores, labels, 0.5);
    expect(precision(m)).toBe(0.5);
    expect(recall(m)).toBe(0.5);
    expect(f1(m)).toBe(0.5);
    expect(accuracy(m)).toBe(0.6);
    expect(falsePositiveRate(m)).toBeCloseTo(2 / 6, 12);
  });

  test('F1 is the harmonic mean of precision and recall', () => {
    const m = confusionMatrix(scores, labels, 0.3);
    const p = precision(m);
    const r = recall(m);
    expect(p).toBeCloseTo(4 / 6, 12);
    expect(r).toBe(1);
    expect(f1(m)).toBeCloseTo((2 * p * r) / (p + r), 12);
  });

  test('empty denominators give the documented values', () => {
    const none = confusionMatrix(scores, labels, 2);
    expect(precision(none)).toBe(1);
    expect(f1(none)).toBe(0);
    expect(recall({ tp: 0, fp: 3, tn: 1, fn: 0 })).toBe(0);
  });

  test('rejects mismatched lengths', () => {
    expect(() => confusionMatrix([0.1], [1, 0], 0.5)).toThrow(/1 scores but 2 labels/);
  });
});

describe('precision-recall curve and average precision', () => {
  test('scikit-learn’s documented example: AP = 0.8333', () => {
    // sklearn.metrics.average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    expect(averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.8333333, 6);
  });

  test('curve points by hand, highest threshold first', () => {
    expect(precisionRecallCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toEqual([
      { threshold: 0.8, precision: 1, recall: 0.5 },
      { threshold: 0.4, precision: 0.5, recall: 0.5 },
      { threshold: 0.35, precision: 2 / 3, recall: 1 },
      { threshold: 0.1, precision: 0.5, recall: 1 },
    ]);
  });

  test('tied scores form a single point', () => {
    expect(precisionRecallCurve([0.5, 0.5, 0.2], [1, 0, 1])).toEqual([
      { threshold: 0.5, precision: 0.5, recall: 0.5 },
      { threshold: 0.2, precision: 2 / 3, recall: 1 },
    ]);
  });

  test('a perfect ranking has AP 1; the ten-example set by hand', () => {
    expect(averagePrecision([0.9, 0.8, 0.1], [1, 1, 0])).toBe(1);
    // Recall steps of 1/4 at precisions 1, 1, 3/5, 4/6.
    expect(averagePrecision(scores, labels)).toBeCloseTo((1 + 1 + 3 / 5 + 4 / 6) / 4, 12);
  });

  test('accuracy of always answering negative is the share of negatives', () => {
    expect(allNegativeAccuracy(labels)).toBe(0.6);
    expect(allNegativeAccuracy([0, 0, 0, 1])).toBe(0.75);
  });
});
