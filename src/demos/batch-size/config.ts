// Batch-size demo settings, parameters (URL), defaults and result shape, shared by the model (worker)
// and the ui (page). No tfjs here: the ui imports this module.
import { defaultsOf, numberChoice, SEED_PARAM, type ParamSpecsFor } from '../shared/urlState.ts';

export interface BatchSizeSettings {
  /** Width of the two hidden layers: more multiply-adds per input saturate the device sooner. */
  readonly width: number;
  /** Largest batch timed; batch sizes double from 1 up to it. */
  readonly maxBatch: number;
  readonly seed: number;
}

export const BATCH_WIDTHS: readonly number[] = [64, 256, 512];
export const MAX_BATCHES: readonly number[] = [64, 128, 256, 512];
export const BATCH_SIZE_PARAMS: ParamSpecsFor<BatchSizeSettings> = {
  width: numberChoice(BATCH_WIDTHS, 256),
  maxBatch: numberChoice(MAX_BATCHES, 512),
  seed: SEED_PARAM,
};
export const DEFAULT_BATCH_SIZE_SETTINGS: BatchSizeSettings = defaultsOf<BatchSizeSettings>(BATCH_SIZE_PARAMS);

export const BATCH_CLASSES = 3;
export const BATCH_EPOCHS = 10;
/** Throughput within this share of the best counts as saturated. */
export const SATURATION_SHARE = 0.9;

export function batchSizes(maxBatch: number): number[] {
  const sizes: number[] = [];
  for (let b = 1; b <= maxBatch; b *= 2) sizes.push(b);
  return sizes;
}

export interface BatchRow {
  readonly batch: number;
  /** Median wall time of one forward pass over `batch` inputs. */
  readonly batchLatencyMs: number;
  /** batchLatencyMs / batch */
  readonly itemLatencyMs: number;
  /** Inputs per second: batch / batchLatencyMs · 1000. */
  readonly throughput: number;
  /** Test accuracy when the test set is classified in batches of this size. */
  readonly accuracy: number;
}

export interface BatchSizeResult {
  readonly settings: BatchSizeSettings;
  readonly rows: readonly BatchRow[];
  /** The smallest batch reaching SATURATION_SHARE of the best throughput. */
  readonly saturationBatch: number;
  readonly params: number;
  readonly macsPerItem: number;
}
