// Precision-recall demo settings, defaults and result shape, shared by model (worker) and ui (page).
import type { Cost } from '../shared/protocol.ts';

export interface PrecisionRecallSettings {
  /** Share of positive examples, e.g. 0.05. */
  readonly positiveRate: number;
  /** Distance between the class means, in standard deviations. */
  readonly separation: number;
  readonly seed: number;
}

export const DEFAULT_PRECISION_RECALL_SETTINGS: PrecisionRecallSettings = { positiveRate: 0.05, separation: 2.5, seed: 1 };

export const PR_TRAIN_SIZE = 3000;
export const PR_TEST_SIZE = 3000;

export interface PrecisionRecallResult {
  readonly settings: PrecisionRecallSettings;
  /** P(positive) for every test example. */
  readonly scores: Float32Array;
  /** 1 = positive, 0 = negative. */
  readonly labels: Int32Array;
  readonly cost: Cost;
}
