// Precision-recall demo model: train the shared 2-16-2 classifier on imbalanced data and return its
// scores on a test set with the same imbalance; the thresholds and metrics are computed on the page.
import { trainScorer } from '../shared/classifier.ts';
import type { Progress } from '../shared/protocol.ts';
import { PR_TEST_SIZE, PR_TRAIN_SIZE, type PrecisionRecallResult, type PrecisionRecallSettings } from './config.ts';
import { makeImbalanced } from './data.ts';

export async function runPrecisionRecall(settings: PrecisionRecallSettings, progress: Progress): Promise<PrecisionRecallResult> {
  const trainSet = makeImbalanced(PR_TRAIN_SIZE, settings.positiveRate, settings.separation, settings.seed);
  const test = makeImbalanced(PR_TEST_SIZE, settings.positiveRate, settings.separation, settings.seed + 1000);
  const { scores, cost } = await trainScorer(trainSet, test, settings.seed + 1, progress);
  return { settings, scores, labels: test.y, cost };
}
