// Pruning demo data: a seeded 2-D classification task (two moons or two spirals), split into a
// training set and a held-out test set.
import { make2D, split, type Dataset, type Shape2D } from '../shared/dataset.ts';

export interface PruningData {
  readonly train: Dataset;
  readonly test: Dataset;
}

export const TRAIN_SIZE = 800;
export const TEST_SIZE = 400;

/** Noise chosen so a 64-64 MLP reaches high but not perfect accuracy on each shape. */
const NOISE: Record<Shape2D, number> = { moons: 0.12, spirals: 0.06 };

export function makePruningData(shape: Shape2D, seed: number): PruningData {
  const [train, test] = split(make2D(shape, TRAIN_SIZE + TEST_SIZE, NOISE[shape], seed), [TRAIN_SIZE, TEST_SIZE]);
  return { train: train!, test: test! };
}
