// A small binary classifier (2-16-2 MLP) shared by the precision-recall and fairness demos: trains on
// a seeded dataset and returns the positive-class score of every test row plus its measured cost.
import { denseCost } from './cost.ts';
import type { Dataset } from './dataset.ts';
import { createMlp, disposeMlp, predictProbabilities, readWeights, train } from './mlp.ts';
import type { Cost, Progress } from './protocol.ts';

export const SCORER_HIDDEN: readonly number[] = [16];
export const SCORER_EPOCHS = 20;

export interface ScoredTest {
  /** P(class 1) for each test row. */
  readonly scores: Float32Array;
  readonly cost: Cost;
}

export async function trainScorer(trainSet: Dataset, test: Dataset, seed: number, progress: Progress): Promise<ScoredTest> {
  const mlp = createMlp({ inputs: trainSet.dims, hidden: SCORER_HIDDEN, outputs: 2 }, seed);
  try {
    await train(mlp, trainSet, {
      epochs: SCORER_EPOCHS,
      batchSize: 128,
      learningRate: 0.01,
      seed: seed + 1,
      onEpoch: ({ epoch, loss }) => progress((0.9 * epoch) / SCORER_EPOCHS, `Training the classifier: epoch ${epoch}/${SCORER_EPOCHS}, loss ${loss.toFixed(3)}`),
    });
    const probabilities = predictProbabilities(mlp, test.x, test.dims);
    const scores = Float32Array.from({ length: test.n }, (_, i) => probabilities[2 * i + 1]!);
    await progress(0.95, 'Measuring inference latency');
    return { scores, cost: await denseCost(mlp, readWeights(mlp)) };
  } finally {
    disposeMlp(mlp);
  }
}
