// Fairness demo model: train the shared 2-16-2 classifier on pooled applicants (group-blind) and return
// its test scores with labels and groups; per-group thresholds and metrics are computed on the page.
import { trainScorer } from '../shared/classifier.ts';
import type { Progress } from '../shared/protocol.ts';
import { FAIRNESS_TEST_SIZE, FAIRNESS_TRAIN_SIZE, GROUP_A_SHARE, type FairnessResult, type FairnessSettings } from './config.ts';
import { makeApplicants } from './data.ts';

export async function runFairness(settings: FairnessSettings, progress: Progress): Promise<FairnessResult> {
  const { baseRateA, baseRateB, seed } = settings;
  const trainSet = makeApplicants(FAIRNESS_TRAIN_SIZE, GROUP_A_SHARE, baseRateA, baseRateB, seed);
  const test = makeApplicants(FAIRNESS_TEST_SIZE, GROUP_A_SHARE, baseRateA, baseRateB, seed + 1000);
  const { scores, cost } = await trainScorer(trainSet.data, test.data, seed + 1, progress);
  return { settings, scores, labels: test.data.y, groups: test.groups, cost };
}
