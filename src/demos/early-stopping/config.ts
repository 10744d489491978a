// Early-stopping demo settings, parameters (URL), defaults and result shape, shared by model
// (worker) and ui (page).
import type { Cost } from '../shared/protocol.ts';
import { defaultsOf, numberChoice, numberRange, SEED_PARAM, type ParamSpecsFor } from '../shared/urlState.ts';

export interface EarlyStoppingSettings {
  /** L2 penalty λ on kernels. */
  readonly l2: number;
  /** Dropout rate on hidden activations. */
  readonly dropout: number;
  /** Epochs without a validation improvement before stopping. */
  readonly patience: number;
  readonly maxEpochs: number;
  readonly seed: number;
}

export const L2_CHOICES: readonly number[] = [0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2];
export const EARLY_STOPPING_PARAMS: ParamSpecsFor<EarlyStoppingSettings> = {
  l2: numberChoice(L2_CHOICES, 0),
  dropout: numberRange(0, 0.6, 0.1, 0),
  patience: numberRange(1, 40, 1, 10),
  maxEpochs: numberRange(50, 300, 25, 150),
  seed: SEED_PARAM,
};
export const DEFAULT_EARLY_STOPPING_SETTINGS: EarlyStoppingSettings = defaultsOf<EarlyStoppingSettings>(EARLY_STOPPING_PARAMS);
export const ES_HIDDEN: readonly number[] = [64, 64];

export interface EpochPoint {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validationLoss: number;
}

export interface EarlyStoppingResult extends Cost {
  readonly settings: EarlyStoppingSettings;
  /** One point per epoch, for all maxEpochs (training continues past the stop to show what follows). */
  readonly curve: readonly EpochPoint[];
  /** Epoch with the lowest validation loss up to the stop (its weights are the ones kept). */
  readonly bestEpoch: number;
  /** Epoch at which early stopping ends training; maxEpochs if patience never ran out. */
  readonly stopEpoch: number;
  readonly stopped: boolean;
  readonly epochsSaved: number;
  /** Test accuracy of the weights early stopping keeps (best epoch). */
  readonly earlyStoppedAccuracy: number;
  /** Test accuracy after all maxEpochs. */
  readonly fullTrainingAccuracy: number;
  /** Mean wall time of one training epoch on this device. */
  readonly msPerEpoch: number;
}
