// Trade-off demo data: one seeded task for every model, a three-arm spiral that small networks
// cannot fit and large ones can.
import { makeSpirals, split, type Dataset } from '../shared/dataset.ts';
import { TRADEOFF_CLASSES } from './config.ts';

export const TRADEOFF_TRAIN_SIZE = 900;
export const TRADEOFF_TEST_SIZE = 600;

export function makeTradeoffData(seed: number): { train: Dataset; test: Dataset } {
  const [train, test] = split(
    makeSpirals(TRADEOFF_TRAIN_SIZE + TRADEOFF_TEST_SIZE, TRADEOFF_CLASSES, 0.05, seed, 1),
    [TRADEOFF_TRAIN_SIZE, TRADEOFF_TEST_SIZE],
  );
  return { train: train!, test: test! };
}
