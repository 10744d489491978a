// Early-exit demo settings, parameters (URL), defaults and result shape, shared by the model (worker)
// and the ui (page). No tfjs here: the ui imports this module.
import { defaultsOf, numberChoice, SEED_PARAM, type ParamSpecsFor } from '../shared/urlState.ts';

export interface EarlyExitSettings {
  /** Width of the three hidden layers. */
  readonly width: number;
  readonly seed: number;
}

export const EARLY_EXIT_WIDTHS: readonly number[] = [32, 64, 128];
export const EARLY_EXIT_PARAMS: ParamSpecsFor<EarlyExitSettings> = {
  width: numberChoice(EARLY_EXIT_WIDTHS, 128),
  seed: SEED_PARAM,
};
export const DEFAULT_EARLY_EXIT_SETTINGS: EarlyExitSettings = defaultsOf<EarlyExitSettings>(EARLY_EXIT_PARAMS);

export const EARLY_EXIT_CLASSES = 3;
export const EARLY_EXIT_EPOCHS = 30;
/** Weight of the exit head's loss next to the final head's (BranchyNet trains both jointly). */
export const EXIT_LOSS_WEIGHT = 1;
/** Confidence thresholds swept: an input leaves at the early exit when its top softmax probability reaches one. */
export const EXIT_THRESHOLDS: readonly number[] = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999];

export interface EarlyExitRow {
  /** null: never exit early (every input runs the whole network, exit head included). */
  readonly threshold: number | null;
  readonly accuracy: number;
  /** Share of test inputs answered by the early exit. */
  readonly exitRate: number;
  /** Accuracy of the early exit on the inputs it answered (null when none). */
  readonly exitAccuracy: number | null;
  /** Mean multiply-adds per input relative to the plain network without an exit head. */
  readonly compute: number;
  /** Median time to classify LATENCY_BATCH inputs with this threshold on this device. */
  readonly latencyMs: number;
}

export interface EarlyExitResult {
  readonly settings: EarlyExitSettings;
  /** One row per threshold, lowest first, then the never-exit row. */
  readonly rows: readonly EarlyExitRow[];
  /** The same network without its exit head: the reference for compute and latency. */
  readonly plain: { readonly accuracy: number; readonly latencyMs: number; readonly macs: number; readonly params: number };
  /** Accuracy of the exit head alone, on every test input. */
  readonly exitOnlyAccuracy: number;
}
