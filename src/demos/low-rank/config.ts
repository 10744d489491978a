// Low-rank demo settings, parameters (URL), defaults and result shape, shared by the model (worker)
// and the ui (page). No tfjs here: the ui imports this module.
import { defaultsOf, numberChoice, SEED_PARAM, type ParamSpecsFor } from '../shared/urlState.ts';

export interface LowRankSettings {
  /** Width of the three hidden layers; the two width × width kernels between them are factorized. */
  readonly width: number;
  readonly seed: number;
}

export const LOW_RANK_WIDTHS: readonly number[] = [64, 128, 256];
export const LOW_RANK_PARAMS: ParamSpecsFor<LowRankSettings> = {
  width: numberChoice(LOW_RANK_WIDTHS, 128),
  seed: SEED_PARAM,
};
export const DEFAULT_LOW_RANK_SETTINGS: LowRankSettings = defaultsOf<LowRankSettings>(LOW_RANK_PARAMS);

export const LOW_RANK_CLASSES = 3;
export const LOW_RANK_EPOCHS = 30;

/** Ranks tried: powers of two up to half the width (where the factors stop being smaller). */
export function lowRankRanks(width: number): number[] {
  const ranks: number[] = [];
  for (let r = 1; r <= width / 2; r *= 2) ranks.push(r);
  return ranks;
}

export interface LowRankRow {
  /** Rank of both factorized kernels; null for the original dense network. */
  readonly rank: number | null;
  readonly accuracy: number;
  /** Parameters of the whole network (factors, other kernels and biases). */
  readonly params: number;
  readonly bytes: number;
  /** Median time of one forward pass over LATENCY_BATCH inputs on this device. */
  readonly latencyMs: number;
  /** Share of the factorized kernels' squared Frobenius norm the kept singular values carry. */
  readonly energy: number;
}

export interface LowRankResult {
  readonly settings: LowRankSettings;
  /** The dense network first, then one row per rank, ascending. */
  readonly rows: readonly LowRankRow[];
  /** Singular values of the first factorized kernel, largest first. */
  readonly spectrum: readonly number[];
  readonly svdMs: number;
}
