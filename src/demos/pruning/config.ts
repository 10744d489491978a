// Pruning demo settings, parameters (URL), defaults and result shapes, shared by the model (worker)
// and the ui (page). No tfjs here: the ui imports this module.
import type { Shape2D } from '../shared/dataset.ts';
import { choice, defaultsOf, numberRange, SEED_PARAM, type ParamSpecsFor } from '../shared/urlState.ts';
import type { Cost } from '../shared/protocol.ts';

export type PruningMode = 'weights' | 'neurons';

export interface PruningSettings {
  readonly shape: Shape2D;
  readonly mode: PruningMode;
  /** Epochs of masked fine-tuning after pruning; 0 disables it. */
  readonly fineTuneEpochs: number;
  readonly seed: number;
}

export const PRUNING_PARAMS: ParamSpecsFor<PruningSettings> = {
  shape: choice<Shape2D>(['spirals', 'moons'], 'spirals'),
  mode: choice<PruningMode>(['weights', 'neurons'], 'weights'),
  fineTuneEpochs: numberRange(0, 10, 1, 0),
  seed: SEED_PARAM,
};
export const DEFAULT_PRUNING_SETTINGS: PruningSettings = defaultsOf<PruningSettings>(PRUNING_PARAMS);

export const SPARSITY_LEVELS: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
export const HIDDEN: readonly number[] = [64, 64];
export const TRAIN_EPOCHS = 40;
export const TRAIN_L2 = 1e-3;
export const BOUNDARY_SIZE = 64;
/** Half-width of the square the decision boundary is drawn over. */
export const BOUNDARY_EXTENT = 1.4;

export interface PruningRow extends Cost {
  readonly sparsity: number;
  /** Test accuracy right after pruning. */
  readonly accuracy: number;
  /** Test accuracy after fine-tuning, when enabled. */
  readonly fineTunedAccuracy: number | null;
}

export interface PruningResult {
  readonly settings: PruningSettings;
  readonly rows: readonly PruningRow[];
  /** Class-1 probability on a BOUNDARY_SIZE² grid, one image per sparsity level (after fine-tuning if on). */
  readonly boundaries: readonly Float32Array[];
  /** Test points for the boundary overlay: x, y interleaved, and their labels. */
  readonly testPoints: Float32Array;
  readonly testLabels: Int32Array;
  readonly trainMs: number;
}
