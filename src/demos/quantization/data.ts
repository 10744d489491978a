// Quantization demo data: a seeded three-arm spiral, where the decision boundary needs precise
// weights, split into training and test sets.
import { makeSpirals, split, type Dataset } from '../shared/dataset.ts';
import { QUANTIZATION_CLASSES } from './config.ts';

export const QUANTIZATION_TRAIN_SIZE = 900;
export const QUANTIZATION_TEST_SIZE = 600;

export function makeQuantizationData(seed: number): { train: Dataset; test: Dataset } {
  const [train, test] = split(
    makeSpirals(QUANTIZATION_TRAIN_SIZE + QUANTIZATION_TEST_SIZE, QUANTIZATION_CLASSES, 0.04, seed, 1),
    [QUANTIZATION_TRAIN_SIZE, QUANTIZATION_TEST_SIZE],
  );
  return { train: train!, test: test! };
}
