// Low-rank demo model: train one MLP, then replace its width × width hidden kernels by rank-r factors
// from their truncated SVD (Denton et al. 2014, "Exploiting Linear Structure Within Convolutional
// Networks for Efficient Evaluation"; Sainath et al. 2013, "Low-rank matrix factorization for deep
// neural network training with high-dimensional output targets"), and measure accuracy, parameters
// and latency at each rank without retraining. A factorized layer computes (x·A)·B + b: two thin
// matrix products of r·(rows + cols) multiply-adds per input instead of rows·cols.
import * as tf from '@tensorflow/tfjs-core';
import { latencyInput, measureLatency } from '../shared/cost.ts';
import type { Dataset } from '../shared/dataset.ts';
import { createMlp, disposeMlp, readWeights, train, type LayerWeights, type MlpSpec } from '../shared/mlp.ts';
import type { Progress } from '../shared/protocol.ts';
import { LOW_RANK_CLASSES, LOW_RANK_EPOCHS, lowRankRanks, type LowRankResult, type LowRankRow, type LowRankSettings } from './config.ts';
import { makeLowRankData } from './data.ts';
import { lowRankFactors, svd, type Svd } from './svd.ts';

/** One layer of a network whose kernels may be dense or factorized. */
export type NetLayer =
  | { readonly kind: 'dense'; readonly kernel: tf.Tensor2D; readonly bias: tf.Tensor1D }
  | { readonly kind: 'factored'; readonly a: tf.Tensor2D; readonly b: tf.Tensor2D; readonly bias: tf.Tensor1D };

export interface FactoredNet {
  readonly layers: readonly NetLayer[];
}

export function denseLayer(w: LayerWeights): NetLayer {
  return { kind: 'dense', kernel: tf.tensor2d(w.kernel, [w.rows, w.cols]), bias: tf.tensor1d(w.bias) };
}

/** The layer `w` with its kernel replaced by rank-r factors of `decomposition` (the SVD of that kernel). */
export function factoredLayer(w: LayerWeights, decomposition: Svd, rank: number): NetLayer {
  if (decomposition.rows !== w.rows || decomposition.cols !== w.cols) throw new Error(`low-rank: SVD of ${decomposition.rows}×${decomposition.cols} given for a ${w.rows}×${w.cols} kernel`);
  const { a, b } = lowRankFactors(decomposition, rank);
  return { kind: 'factored', a: tf.tensor2d(a, [w.rows, rank]), b: tf.tensor2d(b, [rank, w.cols]), bias: tf.tensor1d(w.bias) };
}

export function layerParams(layer: NetLayer): number {
  const tensors = layer.kind === 'dense' ? [layer.kernel, layer.bias] : [layer.a, layer.b, layer.bias];
  return tensors.reduce((n, t) => n + t.size, 0);
}

export const netParams = (net: FactoredNet): number => net.layers.reduce((n, l) => n + layerParams(l), 0);

export function disposeNet(net: FactoredNet): void {
  for (const layer of net.layers) tf.dispose(layer.kind === 'dense' ? [layer.kernel, layer.bias] : [layer.a, layer.b, layer.bias]);
}

/** Logits: ReLU after every layer but the last. */
export function forwardNet(net: FactoredNet, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    let h = x;
    net.layers.forEach((layer, i) => {
      const activation = i < net.layers.length - 1 ? 'relu' : 'linear';
      const a = layer.kind === 'dense' ? h : tf.matMul(h, layer.a);
      h = tf.fused.matMul({ a, b: layer.kind === 'dense' ? layer.kernel : layer.b, bias: layer.bias, activation }) as tf.Tensor2D;
    });
    return h;
  });
}

export function netAccuracy(net: FactoredNet, data: Dataset): number {
  const predicted = tf.tidy(() => tf.argMax(forwardNet(net, tf.tensor2d(data.x, [data.n, data.dims])), 1).dataSync());
  let correct = 0;
  for (let i = 0; i < data.n; i++) if (predicted[i] === data.y[i]) correct++;
  return correct / data.n;
}

/** Indices of the layers that get factorized: the square hidden-to-hidden kernels. */
export function factorizedLayers(spec: MlpSpec): number[] {
  return spec.hidden.slice(1).map((_, i) => i + 1);
}

/** `epochs` exists so tests can run the same code with fewer epochs. */
export async function runLowRank(settings: LowRankSettings, progress: Progress, epochs = LOW_RANK_EPOCHS): Promise<LowRankResult> {
  const data = makeLowRankData(settings.seed);
  const spec: MlpSpec = { inputs: 2, hidden: [settings.width, settings.width, settings.width], outputs: LOW_RANK_CLASSES };
  const mlp = createMlp(spec, settings.seed + 1);
  let weights: LayerWeights[];
  try {
    await train(mlp, data.train, {
      epochs,
      batchSize: 64,
      learningRate: 0.005,
      seed: settings.seed + 2,
      onEpoch: ({ epoch, loss }) => progress((0.5 * epoch) / epochs, `Training the dense network: epoch ${epoch}/${epochs}, loss ${loss.toFixed(3)}`),
    });
    weights = readWeights(mlp);
  } finally {
    disposeMlp(mlp);
  }

  await progress(0.52, 'Computing singular value decompositions');
  const targets = factorizedLayers(spec);
  const svdStart = performance.now();
  const decompositions = new Map(targets.map((i) => [i, svd({ rows: weights[i]!.rows, cols: weights[i]!.cols, data: weights[i]!.kernel })]));
  const svdMs = performance.now() - svdStart;
  const totalEnergy = [...decompositions.values()].reduce((sum, d) => sum + d.s.reduce((a, s) => a + s * s, 0), 0);

  const x = latencyInput(spec.inputs);
  const ranks = lowRankRanks(settings.width);
  const rows: LowRankRow[] = [];
  try {
    const variants: (number | null)[] = [null, ...ranks];
    for (const [step, rank] of variants.entries()) {
      const net: FactoredNet = {
        layers: weights.map((w, i) => {
          const d = decompositions.get(i);
          return rank === null || d === undefined ? denseLayer(w) : factoredLayer(w, d, rank);
        }),
      };
      try {
        const kept = rank === null ? totalEnergy : [...decompositions.values()].reduce((sum, d) => sum + d.s.slice(0, rank).reduce((a, s) => a + s * s, 0), 0);
        const params = netParams(net);
        rows.push({
          rank,
          accuracy: netAccuracy(net, data.test),
          params,
          bytes: params * 4,
          latencyMs: await measureLatency(() => forwardNet(net, x)),
          energy: totalEnergy === 0 ? 1 : kept / totalEnergy,
        });
      } finally {
        disposeNet(net);
      }
      await progress(0.55 + (0.45 * (step + 1)) / variants.length, rank === null ? 'Measured the dense network' : `Measured rank ${rank}`);
    }
  } finally {
    x.dispose();
  }
  return { settings, rows, spectrum: Array.from(decompositions.get(targets[0]!)!.s), svdMs };
}
