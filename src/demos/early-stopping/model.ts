// Early-stopping demo model: train an over-sized MLP on noisy data for maxEpochs, recording training
// and validation loss per epoch, keep a copy of the weights at each new best validation loss until the
// stopping rule fires, and compare those weights with the fully trained ones on a clean test set.
import { denseCost } from '../shared/cost.ts';
import { accuracy, createMlp, disposeMlp, meanLoss, mlpFromWeights, readWeights, train, type LayerWeights } from '../shared/mlp.ts';
import type { Progress } from '../shared/protocol.ts';
import { ES_HIDDEN, type EarlyStoppingResult, type EarlyStoppingSettings, type EpochPoint } from './config.ts';
import { makeNoisyData } from './data.ts';
import { earlyStoppingPoint } from './stopping.ts';

export async function runEarlyStopping(settings: EarlyStoppingSettings, progress: Progress): Promise<EarlyStoppingResult> {
  const data = makeNoisyData(settings.seed);
  const spec = { inputs: 2, hidden: ES_HIDDEN, outputs: 2 };
  const mlp = createMlp(spec, settings.seed + 3);
  const curve: EpochPoint[] = [];
  let kept: LayerWeights[] | null = null;
  let stopFound = false;
  let trainingMs = 0;
  let epochStart = performance.now();
  try {
    await train(mlp, data.train, {
      epochs: settings.maxEpochs,
      batchSize: 50,
      learningRate: 0.01,
      l2: settings.l2,
      dropout: settings.dropout,
      seed: settings.seed + 4,
      onEpoch: ({ epoch, loss }) => {
        trainingMs += performance.now() - epochStart;
        curve.push({ epoch, trainLoss: loss, validationLoss: meanLoss(mlp, data.validation) });
        if (!stopFound) {
          const point = earlyStoppingPoint(curve.map((p) => p.validationLoss), settings.patience);
          if (point.bestEpoch === epoch) kept = readWeights(mlp);
          stopFound = point.stopped;
        }
        const result = progress(epoch / settings.maxEpochs, `Epoch ${epoch}/${settings.maxEpochs}: training loss ${loss.toFixed(3)}`, { curve: [...curve] });
        epochStart = performance.now();
        return result;
      },
    });
    const point = earlyStoppingPoint(curve.map((p) => p.validationLoss), settings.patience);
    const fullTrainingAccuracy = accuracy(mlp, data.test);
    const best = mlpFromWeights(spec, kept ?? readWeights(mlp));
    try {
      return {
        settings,
        curve,
        bestEpoch: point.bestEpoch,
        stopEpoch: point.stopEpoch,
        stopped: point.stopped,
        epochsSaved: settings.maxEpochs - point.stopEpoch,
        earlyStoppedAccuracy: accuracy(best, data.test),
        fullTrainingAccuracy,
        msPerEpoch: trainingMs / curve.length,
        ...(await denseCost(best, readWeights(best))),
      };
    } finally {
      disposeMlp(best);
    }
  } finally {
    disposeMlp(mlp);
  }
}
