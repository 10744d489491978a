// "Guess first" questions and the series they are answered from (src/demos/shared/typical.ts and each
// demo's typical.ts): the same functions answer from the build-time figure and from a reader's run.
import { describe, expect, test } from 'vitest';
import { answer, choiceIndex, lastXAbove, seriesNamed, yNear, type Question, type TypicalSeries } from '../../../src/demos/shared/typical.ts';
import { BATCH_SIZE_QUESTION, batchSizeSeries } from '../../../src/demos/batch-size/typical.ts';
import { batchRow } from '../../../src/demos/batch-size/model.ts';
import { DISTILLATION_QUESTION, distillationSeries } from '../../../src/demos/distillation/typical.ts';
import { EARLY_EXIT_QUESTION, earlyExitSeries } from '../../../src/demos/early-exit/typical.ts';
import { EARLY_STOPPING_QUESTION, earlyStoppingSeries } from '../../../src/demos/early-stopping/typical.ts';
import { FAIRNESS_QUESTION, fairnessSeries } from '../../../src/demos/fairness/typical.ts';
import { LOW_RANK_QUESTION, lowRankSeries } from '../../../src/demos/low-rank/typical.ts';
import { PRECISION_RECALL_QUESTION, precisionRecallSeries } from '../../../src/demos/precision-recall/typical.ts';
import { PRUNING_QUESTION, pruningSeries } from '../../../src/demos/pruning/typical.ts';
import { QUANTIZATION_QUESTION, quantizationSeries } from '../../../src/demos/quantization/typical.ts';
import { TRADEOFF_QUESTION, tradeoffSeries } from '../../../src/demos/tradeoff/typical.ts';
import { DEMO_NAMES, DEMOS } from '../../../src/demos/registry.ts';
import type { PruningResult } from '../../../src/demos/pruning/config.ts';
import type { QuantizationResult } from '../../../src/demos/quantization/config.ts';
import type { DistillationResult } from '../../../src/demos/distillation/config.ts';
import type { EarlyStoppingResult } from '../../../src/demos/early-stopping/config.ts';
import type { FairnessResult } from '../../../src/demos/fairness/config.ts';
import type { TradeoffResult } from '../../../src/demos/tradeoff/config.ts';
import type { EarlyExitRow } from '../../../src/demos/early-exit/config.ts';
import type { LowRankRow } from '../../../src/demos/low-rank/config.ts';

const cost = { params: 0, nonzeroParams: 0, bytes: 0, latencyMs: 1 };

describe('helpers', () => {
  const question: Question = {
    prompt: 'p',
    choices: [
      { label: 'low', min: -Infinity },
      { label: 'mid', min: 10 },
      { label: 'high', min: 50 },
    ],
    measure: (series) => series[0]!.points[0]![1],
    describe: (v) => `v=${v}`,
  };
  test.each([
    [-5, 0],
    [9.99, 0],
    [10, 1],
    [49, 1],
    [50, 2],
    [1e9, 2],
    [Infinity, 2],
  ])('choiceIndex(%f) = %i', (value, index) => expect(choiceIndex(question, value)).toBe(index));

  test('answer bundles the value, its choice and its words', () => {
    expect(answer(question, [{ label: 's', points: [[0, 12]] }])).toEqual({ value: 12, index: 1, text: 'v=12' });
  });

  test.each([
    [[[0, 100], [10, 99], [20, 97], [30, 99], [40, 50]], 98, 10],
    [[[0, 100], [10, 99], [20, 98]], 98, 20],
    [[[0, 100], [10, 90]], 100, 0],
  ])('lastXAbove stops at the first point below the floor: %j ≥ %f → %f', (points, floor, expected) => {
    expect(lastXAbove(points as [number, number][], floor)).toBe(expected);
  });

  test('yNear picks the closest x; seriesNamed names what is missing', () => {
    expect(yNear([[0.1, 1], [0.5, 5], [0.9, 9]], 0.45)).toBe(5);
    expect(() => seriesNamed([{ label: 'a', points: [] }], 'b')).toThrow(/typical: no series "b" \(have "a"\)/);
  });
});

/** Each question on hand-made series, with the choice it must land on. */
describe.each<[string, Question, TypicalSeries[], number, number]>([
  ['pruning', PRUNING_QUESTION, [{ label: 'pruned', points: [[0, 90], [50, 89], [80, 87.5], [90, 80]] }], 50, 1],
  ['pruning, robust to the end', PRUNING_QUESTION, [{ label: 'pruned', points: [[0, 90], [90, 89], [95, 88.5]] }], 95, 3],
  [
    'quantization',
    QUANTIZATION_QUESTION,
    [{ label: 'per-channel', points: [[1000, 50], [2000, 97.5], [4000, 98], [16000, 98]] }, { label: 'per-tensor', points: [[16000, 98]] }],
    8,
    3,
  ],
  ['distillation', DISTILLATION_QUESTION, [{ label: 'student on hard labels', points: [[1, 20], [60, 80]] }, { label: 'distilled student', points: [[1, 20], [60, 82.5]] }], 2.5, 2],
  ['distillation, worse', DISTILLATION_QUESTION, [{ label: 'student on hard labels', points: [[60, 80]] }, { label: 'distilled student', points: [[60, 75]] }], -5, 0],
  ['early-stopping', EARLY_STOPPING_QUESTION, [{ label: 'validation loss', points: [[1, 0.8], [5, 0.5], [150, 0.55]] }], 10, 1],
  ['precision-recall', PRECISION_RECALL_QUESTION, [{ label: 'precision-recall curve', points: [[80, 70], [90, 55], [100, 10]] }], 55, 2],
  ['fairness', FAIRNESS_QUESTION, [{ label: 'group A (base rate 50 %)', points: [[0.4, 50], [0.5, 40]] }, { label: 'group B (base rate 20 %)', points: [[0.5, 10]] }], 4, 2],
  ['tradeoff', TRADEOFF_QUESTION, [{ label: 'Pareto frontier', points: [[10, 50], [100, 97], [1000, 98.5], [5000, 99]] }], 50, 3],
  ['batch-size', BATCH_SIZE_QUESTION, [{ label: 'throughput', points: [[1, 100], [2, 200], [4, 400], [8, 850], [16, 900], [32, 880]] }], 8, 1],
  ['early-exit', EARLY_EXIT_QUESTION, [{ label: 'early exit', points: [[10, 90], [40, 98.5], [70, 99], [102, 99.2]] }], 60, 3],
  ['low-rank', LOW_RANK_QUESTION, [{ label: 'factorized', points: [[1, 40], [2, 60], [4, 93], [8, 95], [16, 96]] }, { label: 'dense', points: [[1, 96], [16, 96]] }], 8, 1],
  ['low-rank, never enough', LOW_RANK_QUESTION, [{ label: 'factorized', points: [[1, 40], [2, 60]] }, { label: 'dense', points: [[1, 96], [2, 96]] }], Infinity, 3],
])('%s question', (_, question, series, value, index) => {
  test(`measures ${value} and picks choice ${index}`, () => {
    const a = answer(question, series);
    expect(a.value).toBeCloseTo(value, 9);
    expect(a.index).toBe(index);
    expect(a.text.length).toBeGreaterThan(3);
  });
});

describe('series from a run', () => {
  test('pruning: sparsity and accuracy in percent, fine-tuned accuracy when there is one', () => {
    const row = (sparsity: number, accuracy: number, fineTunedAccuracy: number | null) => ({ sparsity, accuracy, fineTunedAccuracy, ...cost });
    const result = { rows: [row(0, 0.99, null), row(0.5, 0.9, 0.955)] } as unknown as PruningResult;
    expect(pruningSeries(result)).toEqual([{ label: 'pruned', points: [[0, 99], [50, 95.5]] }]);
  });

  test('quantization: float32 closes both series, bytes ascending', () => {
    const row = (bits: number, granularity: string, bytes: number, accuracy: number) => ({ bits, granularity, bytes, accuracy, maxError: 0, meanError: 0, params: 0, nonzeroParams: 0, latencyMs: 1 });
    const result = { rows: [row(32, 'float32', 4000, 0.99), row(8, 'per-tensor', 1100, 0.98), row(8, 'per-channel', 1200, 0.985), row(2, 'per-tensor', 300, 0.5)] } as unknown as QuantizationResult;
    expect(quantizationSeries(result)).toEqual([
      { label: 'per-tensor', points: [[300, 50], [1100, 98], [4000, 99]] },
      { label: 'per-channel', points: [[1200, 98.5], [4000, 99]] },
    ]);
  });

  test('distillation: first epoch, every tenth and the last', () => {
    const curve = Array.from({ length: 25 }, (_, i) => (i + 1) / 100);
    const result = { hardStudent: { curve }, distilledStudent: { curve } } as unknown as DistillationResult;
    expect(distillationSeries(result)[0]!.points).toEqual([[1, 1], [10, 10], [20, 20], [25, 25]]);
  });

  test('early stopping: the figure samples epochs; the live comparison keeps all of them', () => {
    const curve = Array.from({ length: 12 }, (_, i) => ({ epoch: i + 1, trainLoss: 1 / (i + 1), validationLoss: 0.5 + i / 100 }));
    const result = { curve } as unknown as EarlyStoppingResult;
    expect(earlyStoppingSeries(result)[1]!.points.map(([x]) => x)).toEqual([1, 5, 10]);
    expect(earlyStoppingSeries(result, null)[1]!.points).toHaveLength(12);
  });

  test('precision-recall: precision at the first threshold reaching each recall', () => {
    // Positives at scores 0.9, 0.7, 0.5, 0.3; negatives at 0.8, 0.6, 0.4.
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];
    const labels = [1, 0, 1, 0, 1, 0, 1];
    const [series] = precisionRecallSeries(scores, labels);
    expect(series!.points.find(([r]) => r === 50)).toEqual([50, round(2 / 3)]);
    expect(series!.points.find(([r]) => r === 100)).toEqual([100, round(4 / 7)]);
    expect(series!.points.find(([r]) => r === 20)).toEqual([20, 100]);
  });

  test('fairness: each group’s selection rate, labelled with its base rate', () => {
    const result = {
      settings: { baseRateA: 0.5, baseRateB: 0.2, seed: 1 },
      scores: Float32Array.from([0.95, 0.55, 0.15, 0.85, 0.25, 0.05]),
      labels: Int32Array.from([1, 1, 0, 1, 0, 0]),
      groups: Int32Array.from([0, 0, 0, 1, 1, 1]),
      cost,
    } as unknown as FairnessResult;
    const [a, b] = fairnessSeries(result);
    expect(a!.label).toBe('group A (base rate 50 %)');
    expect(b!.label).toBe('group B (base rate 20 %)');
    expect(yNear(a!.points, 0.5)).toBe(round(2 / 3));
    expect(yNear(b!.points, 0.5)).toBe(round(1 / 3));
    expect(yNear(a!.points, 0.1)).toBe(100);
  });

  test('tradeoff: only the Pareto frontier, cheapest first', () => {
    const row = (params: number, accuracy: number) => ({ hidden: [4], accuracy, ...cost, params });
    const result = { rows: [row(500, 0.9), row(100, 0.8), row(300, 0.7), row(900, 0.95)] } as unknown as TradeoffResult;
    expect(tradeoffSeries(result)).toEqual([{ label: 'Pareto frontier', points: [[100, 80], [500, 90], [900, 95]] }]);
  });

  test('batch size: throughput per batch, rounded', () => {
    expect(batchSizeSeries([batchRow(1, 0.3, 1), batchRow(8, 0.8, 1)])).toEqual([{ label: 'throughput', points: [[1, 3333], [8, 10000]] }]);
  });

  test('early exit: cheapest first, repeated points drawn once', () => {
    const row = (threshold: number | null, compute: number, accuracy: number): EarlyExitRow => ({ threshold, compute, accuracy, exitRate: 0, exitAccuracy: null, latencyMs: 1 });
    expect(earlyExitSeries([row(0.5, 0.2, 0.9), row(0.9, 0.8, 0.99), row(0.999, 1.02, 0.995), row(null, 1.02, 0.995)])).toEqual([
      { label: 'early exit', points: [[20, 90], [80, 99], [102, 99.5]] },
    ]);
  });

  test('low rank: the factorized ranks, and the dense accuracy across them', () => {
    const row = (rank: number | null, accuracy: number): LowRankRow => ({ rank, accuracy, params: 1, bytes: 4, latencyMs: 1, energy: 1 });
    expect(lowRankSeries([row(null, 0.96), row(1, 0.3), row(4, 0.9)])).toEqual([
      { label: 'factorized', points: [[1, 30], [4, 90]] },
      { label: 'dense', points: [[1, 96], [4, 96]] },
    ]);
  });
});

test.each(DEMO_NAMES.map((n) => [n]))('%s: the question can be answered from the recorded typical results', (name) => {
  const meta = DEMOS[name];
  const a = answer(meta.question, meta.typical.series);
  expect(Number.isNaN(a.value)).toBe(false);
  expect(meta.question.choices[a.index]).toBeDefined();
  expect(meta.question.choices[0]!.min).toBe(-Infinity);
  const mins = meta.question.choices.map((c) => c.min);
  expect(mins).toEqual([...mins].sort((x, y) => x - y));
});

function round(value: number): number {
  return Number((value * 100).toFixed(1));
}
