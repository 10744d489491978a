// Batch-size demo model: train one MLP, then time its forward pass at batch sizes 1, 2, 4, … on this
// device. Small batches leave the hardware idle between calls (dispatch and memory traffic dominate),
// so throughput grows almost linearly with the batch; once the arithmetic units are busy, a larger
// batch only takes proportionally longer: throughput flattens while the latency of each batch keeps
// rising (the "roofline" picture of Williams, Waterman & Patterson 2009, seen from a serving system;
// see also Crankshaw et al. 2017, "Clipper", on trading batch latency for throughput).
import * as tf from '@tensorflow/tfjs-core';
import { measureInterleaved } from '../shared/cost.ts';
import { countParams, createMlp, disposeMlp, forward, train, type Mlp, type MlpSpec } from '../shared/mlp.ts';
import type { Dataset } from '../shared/dataset.ts';
import type { Progress } from '../shared/protocol.ts';
import { BATCH_CLASSES, BATCH_EPOCHS, batchSizes, SATURATION_SHARE, type BatchRow, type BatchSizeResult, type BatchSizeSettings } from './config.ts';
import { makeBatchData } from './data.ts';

/**
 * Timing: 3 warm-up passes per batch size, then 7 rounds that time every size once each (each sample
 * repeats the pass until it lasts ≥ 8 ms, as browsers coarsen timers); the median per size is kept.
 */
export const BATCH_TIMING = { warmup: 3, samples: 7, minSampleMs: 8 } as const;

/** Classifies `data` in consecutive batches of `batch` rows and returns the accuracy. */
export function batchedAccuracy(mlp: Mlp, data: Dataset, batch: number): number {
  let correct = 0;
  for (let start = 0; start < data.n; start += batch) {
    const rows = Math.min(batch, data.n - start);
    const predicted = tf.tidy(() => tf.argMax(forward(mlp, tf.tensor2d(data.x.subarray(start * data.dims, (start + rows) * data.dims), [rows, data.dims])), 1).dataSync());
    for (let i = 0; i < rows; i++) if (predicted[i] === data.y[start + i]) correct++;
  }
  return correct / data.n;
}

/** Per-item latency and throughput from a batch's latency. */
export function batchRow(batch: number, batchLatencyMs: number, accuracy: number): BatchRow {
  if (!(batchLatencyMs > 0)) throw new Error(`batch-size: latency must be positive, got ${batchLatencyMs} ms for batch ${batch}`);
  return { batch, batchLatencyMs, itemLatencyMs: batchLatencyMs / batch, throughput: (batch / batchLatencyMs) * 1000, accuracy };
}

/** The smallest batch whose throughput reaches `share` of the best one. */
export function saturationBatch(rows: readonly BatchRow[], share = SATURATION_SHARE): number {
  const best = Math.max(...rows.map((r) => r.throughput));
  return rows.find((r) => r.throughput >= share * best)!.batch;
}

/** `epochs` exists so tests can run the same code with fewer epochs. */
export async function runBatchSize(settings: BatchSizeSettings, progress: Progress, epochs = BATCH_EPOCHS): Promise<BatchSizeResult> {
  const sizes = batchSizes(settings.maxBatch);
  const data = makeBatchData(settings.seed, settings.maxBatch);
  const spec: MlpSpec = { inputs: 2, hidden: [settings.width, settings.width], outputs: BATCH_CLASSES };
  const mlp = createMlp(spec, settings.seed + 1);
  let rows: BatchRow[] = [];
  const inputs = sizes.map((batch) => tf.tensor2d(data.timing.x.subarray(0, batch * data.timing.dims), [batch, data.timing.dims]));
  try {
    await train(mlp, data.train, {
      epochs,
      batchSize: 64,
      learningRate: 0.005,
      seed: settings.seed + 2,
      onEpoch: ({ epoch, loss }) => progress((0.3 * epoch) / epochs, `Training the model once: epoch ${epoch}/${epochs}, loss ${loss.toFixed(3)}`),
    });
    const accuracies = sizes.map((batch) => batchedAccuracy(mlp, data.test, batch));
    await progress(0.35, 'Warming up every batch size');
    const latencies = await measureInterleaved(
      inputs.map((x) => () => forward(mlp, x)),
      BATCH_TIMING,
      (medians, round) => {
        rows = sizes.map((batch, i) => batchRow(batch, medians[i]!, accuracies[i]!));
        return progress(0.35 + (0.65 * round) / BATCH_TIMING.samples, `Timing round ${round} of ${BATCH_TIMING.samples}: every batch size once`, { rows });
      },
    );
    rows = sizes.map((batch, i) => batchRow(batch, latencies[i]!, accuracies[i]!));
  } finally {
    tf.dispose(inputs);
    disposeMlp(mlp);
  }
  const macsPerItem = spec.inputs * spec.hidden[0]! + spec.hidden[0]! * spec.hidden[1]! + spec.hidden[1]! * spec.outputs;
  return { settings, rows, saturationBatch: saturationBatch(rows), params: countParams(spec), macsPerItem };
}
