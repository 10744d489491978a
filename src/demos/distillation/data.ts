// Distillation demo data: a seeded three-arm spiral with overlapping arms, a small training set with
// 20 % of its labels flipped (where a teacher's soft targets help most), and a clean test set.
import { makeSpirals, split, withLabelNoise, type Dataset } from '../shared/dataset.ts';
import { DISTILLATION_CLASSES } from './config.ts';

export const DISTILLATION_TRAIN_SIZE = 600;
export const DISTILLATION_TEST_SIZE = 600;
export const LABEL_NOISE = 0.2;

export function makeDistillationData(seed: number): { train: Dataset; test: Dataset } {
  const [train, test] = split(
    makeSpirals(DISTILLATION_TRAIN_SIZE + DISTILLATION_TEST_SIZE, DISTILLATION_CLASSES, 0.1, seed, 1),
    [DISTILLATION_TRAIN_SIZE, DISTILLATION_TEST_SIZE],
  );
  return { train: withLabelNoise(train!, LABEL_NOISE, seed + 7), test: test! };
}
