// Trade-off demo settings, parameters (URL), defaults and result shape, shared by model (worker) and
// ui (page).
import type { Cost } from '../shared/protocol.ts';
import { defaultsOf, numberChoice, SEED_PARAM, type ParamSpecsFor } from '../shared/urlState.ts';

export interface TradeoffSettings {
  /** Largest hidden-layer width tried; widths double from 4 up to it. */
  readonly maxWidth: number;
  /** Largest number of hidden layers tried (1…maxDepth). */
  readonly maxDepth: number;
  readonly seed: number;
}

export const TRADEOFF_PARAMS: ParamSpecsFor<TradeoffSettings> = {
  maxWidth: numberChoice([16, 32, 64, 128], 64),
  maxDepth: numberChoice([1, 2, 3], 3),
  seed: SEED_PARAM,
};
export const DEFAULT_TRADEOFF_SETTINGS: TradeoffSettings = defaultsOf<TradeoffSettings>(TRADEOFF_PARAMS);
export const TRADEOFF_EPOCHS = 15;
export const TRADEOFF_CLASSES = 3;

export function tradeoffWidths(maxWidth: number): number[] {
  const widths: number[] = [];
  for (let w = 4; w <= maxWidth; w *= 2) widths.push(w);
  return widths;
}

export interface TradeoffRow extends Cost {
  readonly hidden: readonly number[];
  readonly accuracy: number;
}

export interface TradeoffResult {
  readonly settings: TradeoffSettings;
  readonly rows: readonly TradeoffRow[];
}
