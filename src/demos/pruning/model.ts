// Pruning demo model: train one MLP, then prune copies of it at increasing sparsity and measure
// accuracy and cost for each.
// Unstructured pruning is magnitude pruning (Han, Pool, Tran & Dally 2015, "Learning both Weights and
// Connections for Efficient Neural Networks") with one global threshold, the baseline Blalock et al.
// 2020 ("What is the State of Neural Network Pruning?") recommend; training uses L2 weight decay, as
// Han et al. do, so that unimportant weights end up small. Structured pruning removes whole hidden units
// ranked by the product of their incoming and outgoing weight norms (in the spirit of Li et al. 2017,
// "Pruning Filters for Efficient ConvNets"), which yields a genuinely smaller dense model.
import * as tf from '@tensorflow/tfjs-core';
import { grid2D } from '../shared/dataset.ts';
import { countNonZero, mlpLatency } from '../shared/cost.ts';
import {
  accuracy,
  createMlp,
  disposeMlp,
  mlpFromWeights,
  predictProbabilities,
  readWeights,
  train,
  type LayerWeights,
  type MlpSpec,
} from '../shared/mlp.ts';
import type { Progress } from '../shared/protocol.ts';
import { makePruningData } from './data.ts';
import { BOUNDARY_EXTENT, BOUNDARY_SIZE, HIDDEN, SPARSITY_LEVELS, TRAIN_EPOCHS, TRAIN_L2, type PruningResult, type PruningRow, type PruningSettings } from './config.ts';

/**
 * Global magnitude pruning: the round(sparsity·N) smallest-|w| weights over all N kernel weights
 * become zero (ties go to the earlier layer and index, so it is deterministic); biases are kept.
 * One global threshold spares small, sensitive layers such as the 2-input first layer.
 */
export function pruneWeights(weights: readonly LayerWeights[], sparsity: number): LayerWeights[] {
  if (!(sparsity >= 0 && sparsity <= 1)) throw new Error(`pruning: sparsity must be in [0, 1], got ${sparsity}`);
  const entries: { magnitude: number; layer: number; index: number }[] = [];
  weights.forEach((w, layer) => w.kernel.forEach((v, index) => entries.push({ magnitude: Math.abs(v), layer, index })));
  entries.sort((a, b) => a.magnitude - b.magnitude || a.layer - b.layer || a.index - b.index);
  const pruned = weights.map((w) => ({ ...w, kernel: w.kernel.slice(), bias: w.bias.slice() }));
  for (const { layer, index } of entries.slice(0, Math.round(sparsity * entries.length))) pruned[layer]!.kernel[index] = 0;
  return pruned;
}

/** Hidden units kept per layer when removing `fraction` of them (at least one survives). */
export function keptUnits(width: number, fraction: number): number {
  return Math.max(1, width - Math.round(fraction * width));
}

/**
 * Structured pruning: drop round(fraction·width) units of every hidden layer, lowest
 * ‖incoming‖·‖outgoing‖ first, and return the smaller model's spec and weights.
 */
export function pruneNeurons(spec: MlpSpec, weights: readonly LayerWeights[], fraction: number): { spec: MlpSpec; weights: LayerWeights[] } {
  const layers = weights.map((w) => ({ ...w }));
  const hidden: number[] = [];
  for (let h = 0; h < spec.hidden.length; h++) {
    const incoming = layers[h]!;
    const outgoing = layers[h + 1]!;
    const width = incoming.cols;
    const score = (unit: number): number => {
      let inSq = 0;
      for (let r = 0; r < incoming.rows; r++) inSq += incoming.kernel[r * width + unit]! ** 2;
      let outSq = 0;
      for (let c = 0; c < outgoing.cols; c++) outSq += outgoing.kernel[unit * outgoing.cols + c]! ** 2;
      return Math.sqrt(inSq * outSq);
    };
    const keep = Array.from({ length: width }, (_, u) => u)
      .sort((a, b) => score(b) - score(a) || a - b)
      .slice(0, keptUnits(width, fraction))
      .sort((a, b) => a - b);
    layers[h] = selectColumns(incoming, keep);
    layers[h + 1] = selectRows(outgoing, keep);
    hidden.push(keep.length);
  }
  return { spec: { ...spec, hidden }, weights: layers };
}

function selectColumns(w: LayerWeights, cols: readonly number[]): LayerWeights {
  const kernel = new Float32Array(w.rows * cols.length);
  for (let r = 0; r < w.rows; r++) cols.forEach((c, j) => (kernel[r * cols.length + j] = w.kernel[r * w.cols + c]!));
  return { rows: w.rows, cols: cols.length, kernel, bias: Float32Array.from(cols, (c) => w.bias[c]!) };
}

function selectRows(w: LayerWeights, rows: readonly number[]): LayerWeights {
  const kernel = new Float32Array(rows.length * w.cols);
  rows.forEach((r, i) => kernel.set(w.kernel.subarray(r * w.cols, (r + 1) * w.cols), i * w.cols));
  return { rows: rows.length, cols: w.cols, kernel, bias: w.bias.slice() };
}

/**
 * Bytes to store a kernel as compressed sparse rows (float32 value + uint16 column index per
 * non-zero, uint32 row pointers) or densely, whichever is smaller; biases are stored densely.
 */
export function sparseBytes(weights: readonly LayerWeights[]): number {
  return weights.reduce((sum, w) => {
    let nnz = 0;
    for (const v of w.kernel) if (v !== 0) nnz++;
    const csr = nnz * (4 + 2) + (w.rows + 1) * 4;
    return sum + Math.min(csr, w.kernel.length * 4) + w.bias.length * 4;
  }, 0);
}

function paramsOf(weights: readonly LayerWeights[]): number {
  return weights.reduce((sum, w) => sum + w.kernel.length + w.bias.length, 0);
}

/** `epochs` exists so tests can run the same code with fewer epochs. */
export async function runPruning(settings: PruningSettings, progress: Progress, epochs = TRAIN_EPOCHS): Promise<PruningResult> {
  const data = makePruningData(settings.shape, settings.seed);
  const spec: MlpSpec = { inputs: 2, hidden: HIDDEN, outputs: 2 };
  const base = createMlp(spec, settings.seed + 1);
  const started = performance.now();
  const trainShare = settings.fineTuneEpochs > 0 ? 0.4 : 0.7;
  await train(base, data.train, {
    epochs,
    batchSize: 64,
    learningRate: 0.01,
    l2: TRAIN_L2,
    seed: settings.seed + 2,
    onEpoch: ({ epoch, loss }) =>
      progress((trainShare * epoch) / epochs, `Training the dense model: epoch ${epoch}/${epochs}, loss ${loss.toFixed(3)}`),
  });
  const trainMs = performance.now() - started;
  const baseWeights = readWeights(base);
  disposeMlp(base);

  const grid = grid2D(BOUNDARY_SIZE, BOUNDARY_EXTENT);
  const rows: PruningRow[] = [];
  const boundaries: Float32Array[] = [];
  for (const [i, sparsity] of SPARSITY_LEVELS.entries()) {
    const pruned =
      settings.mode === 'weights'
        ? { spec, weights: pruneWeights(baseWeights, sparsity) }
        : pruneNeurons(spec, baseWeights, sparsity);
    const model = mlpFromWeights(pruned.spec, pruned.weights);
    try {
      const prunedAccuracy = accuracy(model, data.test);
      let fineTunedAccuracy: number | null = null;
      if (settings.fineTuneEpochs > 0 && sparsity > 0) {
        const masks =
          settings.mode === 'weights'
            ? pruned.weights.map((w) => tf.tensor2d(w.kernel.map((v) => (v === 0 ? 0 : 1)), [w.rows, w.cols]))
            : undefined;
        await train(model, data.train, {
          epochs: settings.fineTuneEpochs,
          batchSize: 64,
          learningRate: 0.003,
          seed: settings.seed + 3 + i,
          ...(masks ? { masks } : {}),
        });
        tf.dispose(masks ?? []);
        fineTunedAccuracy = accuracy(model, data.test);
      } else if (settings.fineTuneEpochs > 0) {
        fineTunedAccuracy = prunedAccuracy;
      }
      const finalWeights = readWeights(model);
      rows.push({
        sparsity,
        accuracy: prunedAccuracy,
        fineTunedAccuracy,
        params: paramsOf(finalWeights),
        nonzeroParams: countNonZero(finalWeights),
        bytes: settings.mode === 'weights' ? sparseBytes(finalWeights) : paramsOf(finalWeights) * 4,
        latencyMs: await mlpLatency(model),
      });
      const probabilities = predictProbabilities(model, grid, 2);
      boundaries.push(Float32Array.from({ length: BOUNDARY_SIZE * BOUNDARY_SIZE }, (_, k) => probabilities[2 * k + 1]!));
    } finally {
      disposeMlp(model);
    }
    await progress(trainShare + ((1 - trainShare) * (i + 1)) / SPARSITY_LEVELS.length, `Pruned to ${Math.round(sparsity * 100)} % sparsity`);
  }
  return { settings, rows, boundaries, testPoints: data.test.x, testLabels: data.test.y, trainMs };
}
