// Early-stopping demo data: two moons with heavy point noise and 20 % flipped labels, a small training
// set an over-sized network can memorise, and validation and test sets drawn the same way.
import { makeMoons, split, withLabelNoise, type Dataset } from '../shared/dataset.ts';

export const ES_TRAIN_SIZE = 200;
export const ES_VALIDATION_SIZE = 200;
export const ES_TEST_SIZE = 600;
export const ES_LABEL_NOISE = 0.2;

export function makeNoisyData(seed: number): { train: Dataset; validation: Dataset; test: Dataset } {
  const [train, validation, test] = split(makeMoons(ES_TRAIN_SIZE + ES_VALIDATION_SIZE + ES_TEST_SIZE, 0.25, seed), [ES_TRAIN_SIZE, ES_VALIDATION_SIZE, ES_TEST_SIZE]);
  return {
    train: withLabelNoise(train!, ES_LABEL_NOISE, seed + 1),
    validation: withLabelNoise(validation!, ES_LABEL_NOISE, seed + 2),
    test: test!,
  };
}
