// Fairness demo settings, parameters (URL), defaults and result shape, shared by model (worker) and
// ui (page).
import type { Cost } from '../shared/protocol.ts';
import { defaultsOf, numberRange, SEED_PARAM, type ParamSpecsFor } from '../shared/urlState.ts';

export interface FairnessSettings {
  /** Share of qualified (label 1) applicants in group A. */
  readonly baseRateA: number;
  /** Share of qualified applicants in group B. */
  readonly baseRateB: number;
  readonly seed: number;
}

export const FAIRNESS_PARAMS: ParamSpecsFor<FairnessSettings> = {
  baseRateA: numberRange(0.05, 0.95, 0.05, 0.5),
  baseRateB: numberRange(0.05, 0.95, 0.05, 0.2),
  seed: SEED_PARAM,
};
export const DEFAULT_FAIRNESS_SETTINGS: FairnessSettings = defaultsOf<FairnessSettings>(FAIRNESS_PARAMS);

export const FAIRNESS_TRAIN_SIZE = 3000;
export const FAIRNESS_TEST_SIZE = 3000;
/** Share of applicants in group A. */
export const GROUP_A_SHARE = 0.5;
/** Thresholds searched for the best pair under each criterion. */
export const THRESHOLD_GRID: readonly number[] = Array.from({ length: 101 }, (_, i) => i / 100);
/** A gap at or below this counts as satisfying a criterion. */
export const FAIRNESS_TOLERANCE = 0.02;

export interface FairnessResult {
  readonly settings: FairnessSettings;
  /** P(qualified) for every test applicant. */
  readonly scores: Float32Array;
  readonly labels: Int32Array;
  /** 0 = group A, 1 = group B. */
  readonly groups: Int32Array;
  readonly cost: Cost;
}
