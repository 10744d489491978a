// Low-rank demo data: a seeded three-arm spiral, hard enough that a thin bottleneck costs accuracy.
import { makeSpirals, split, type Dataset } from '../shared/dataset.ts';
import { LOW_RANK_CLASSES } from './config.ts';

export const LOW_RANK_TRAIN_SIZE = 900;
export const LOW_RANK_TEST_SIZE = 600;

export function makeLowRankData(seed: number): { train: Dataset; test: Dataset } {
  const [train, test] = split(makeSpirals(LOW_RANK_TRAIN_SIZE + LOW_RANK_TEST_SIZE, LOW_RANK_CLASSES, 0.05, seed, 1.25), [LOW_RANK_TRAIN_SIZE, LOW_RANK_TEST_SIZE]);
  return { train: train!, test: test! };
}
