// Early-exit demo data: a seeded three-arm spiral. Points far out on an arm are easy and an exit after
// one hidden layer answers them confidently; points near the centre, where the arms crowd, need the
// whole network. A separate sample of the same distribution is the batch that latency is timed on.
import { makeSpirals, split, type Dataset } from '../shared/dataset.ts';
import { EARLY_EXIT_CLASSES } from './config.ts';

export const EARLY_EXIT_TRAIN_SIZE = 900;
export const EARLY_EXIT_TEST_SIZE = 600;
/** Inputs per timed pass, as LATENCY_BATCH in shared/cost.ts (not imported: that module brings tfjs). */
export const EARLY_EXIT_TIMING_SIZE = 1024;

export function makeEarlyExitData(seed: number): { train: Dataset; test: Dataset; timing: Dataset } {
  const [train, test] = split(makeSpirals(EARLY_EXIT_TRAIN_SIZE + EARLY_EXIT_TEST_SIZE, EARLY_EXIT_CLASSES, 0.05, seed, 1), [EARLY_EXIT_TRAIN_SIZE, EARLY_EXIT_TEST_SIZE]);
  return { train: train!, test: test!, timing: makeSpirals(EARLY_EXIT_TIMING_SIZE, EARLY_EXIT_CLASSES, 0.05, seed + 500, 1) };
}
