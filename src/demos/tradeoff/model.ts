// Trade-off demo model: train MLPs of every width × depth in the settings on the same task with the
// same budget of epochs, and measure each one's test accuracy, parameters, bytes and latency.
import { denseCost } from '../shared/cost.ts';
import { accuracy, createMlp, disposeMlp, readWeights, train } from '../shared/mlp.ts';
import type { Progress } from '../shared/protocol.ts';
import { TRADEOFF_CLASSES, TRADEOFF_EPOCHS, tradeoffWidths, type TradeoffResult, type TradeoffRow, type TradeoffSettings } from './config.ts';
import { makeTradeoffData } from './data.ts';

export function tradeoffArchitectures(settings: Pick<TradeoffSettings, 'maxWidth' | 'maxDepth'>): number[][] {
  return tradeoffWidths(settings.maxWidth).flatMap((width) => Array.from({ length: settings.maxDepth }, (_, d) => Array<number>(d + 1).fill(width)));
}

/** `epochs` exists so tests can run the same code with fewer epochs. */
export async function runTradeoff(settings: TradeoffSettings, progress: Progress, epochs = TRADEOFF_EPOCHS): Promise<TradeoffResult> {
  const data = makeTradeoffData(settings.seed);
  const architectures = tradeoffArchitectures(settings);
  const rows: TradeoffRow[] = [];
  for (const [i, hidden] of architectures.entries()) {
    const mlp = createMlp({ inputs: 2, hidden, outputs: TRADEOFF_CLASSES }, settings.seed + 1 + i);
    try {
      await train(mlp, data.train, { epochs, batchSize: 128, learningRate: 0.02, seed: settings.seed + 100 + i });
      rows.push({ hidden, accuracy: accuracy(mlp, data.test), ...(await denseCost(mlp, readWeights(mlp))) });
    } finally {
      disposeMlp(mlp);
    }
    await progress((i + 1) / architectures.length, `Trained and measured 2-${hidden.join('-')}-3 (${i + 1} of ${architectures.length})`, { rows: [...rows] });
  }
  return { settings, rows };
}
