// Quantization demo settings, parameters (URL), defaults and result shape, shared by model (worker)
// and ui (page).
import type { Cost } from '../shared/protocol.ts';
import { defaultsOf, numberChoice, SEED_PARAM, type ParamSpecsFor } from '../shared/urlState.ts';

export type Granularity = 'per-tensor' | 'per-channel';

export interface QuantizationSettings {
  /** Width of the two hidden layers. */
  readonly width: number;
  readonly seed: number;
}

export const QUANTIZATION_WIDTHS: readonly number[] = [16, 32, 64, 128];
export const QUANTIZATION_PARAMS: ParamSpecsFor<QuantizationSettings> = { width: numberChoice(QUANTIZATION_WIDTHS, 64), seed: SEED_PARAM };
export const DEFAULT_QUANTIZATION_SETTINGS: QuantizationSettings = defaultsOf<QuantizationSettings>(QUANTIZATION_PARAMS);
export const BIT_WIDTHS: readonly number[] = [8, 4, 3, 2];
export const QUANTIZATION_CLASSES = 3;
export const QUANTIZATION_EPOCHS = 40;

export interface QuantizationRow extends Cost {
  /** 32 for the float32 original. */
  readonly bits: number;
  readonly granularity: Granularity | 'float32';
  readonly accuracy: number;
  /** Largest |w − dequantized w| over all kernels. */
  readonly maxError: number;
  /** Mean |w − dequantized w| over all kernels. */
  readonly meanError: number;
}

export interface QuantizationResult {
  readonly settings: QuantizationSettings;
  readonly rows: readonly QuantizationRow[];
}
