// Batch-size demo data: a seeded three-arm spiral to train the model on and to check that batching
// does not change its answers, and seeded inputs from the same distribution for the timed batches.
import { makeSpirals, split, type Dataset } from '../shared/dataset.ts';
import { BATCH_CLASSES } from './config.ts';

export const BATCH_TRAIN_SIZE = 900;
export const BATCH_TEST_SIZE = 512;

export function makeBatchData(seed: number, timingRows: number): { train: Dataset; test: Dataset; timing: Dataset } {
  const [train, test] = split(makeSpirals(BATCH_TRAIN_SIZE + BATCH_TEST_SIZE, BATCH_CLASSES, 0.05, seed, 1), [BATCH_TRAIN_SIZE, BATCH_TEST_SIZE]);
  return { train: train!, test: test!, timing: makeSpirals(timingRows, BATCH_CLASSES, 0.05, seed + 500, 1) };
}
