// Precision-recall demo settings, parameters (URL), defaults and result shape, shared by model
// (worker) and ui (page).
import type { Cost } from '../shared/protocol.ts';
import { defaultsOf, numberRange, SEED_PARAM, type ParamSpecsFor } from '../shared/urlState.ts';

export interface PrecisionRecallSettings {
  /** Share of positive examples, e.g. 0.05. */
  readonly positiveRate: number;
  /** Distance between the class means, in standard deviations. */
  readonly separation: number;
  readonly seed: number;
}

export const PRECISION_RECALL_PARAMS: ParamSpecsFor<PrecisionRecallSettings> = {
  positiveRate: numberRange(0.01, 0.5, 0.01, 0.05),
  separation: numberRange(0.5, 4, 0.5, 2.5),
  seed: SEED_PARAM,
};
export const DEFAULT_PRECISION_RECALL_SETTINGS: PrecisionRecallSettings = defaultsOf<PrecisionRecallSettings>(PRECISION_RECALL_PARAMS);

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
