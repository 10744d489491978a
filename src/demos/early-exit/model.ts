// Early-exit demo model (Teerapittayanon, McDanel & Kung 2016, "BranchyNet: Fast Inference via Early
// Exiting from Deep Neural Networks"): an MLP with a second classifier after its first hidden layer,
// trained jointly on CE(final) + w·CE(exit). At inference an input stops at the exit when the exit's
// top softmax probability reaches the threshold; otherwise it continues through the rest. Lowering
// the threshold lets more inputs out early: less compute, usually a little less accuracy.
// Compute is counted in multiply-adds (biases and activations are negligible next to them) and
// measured as wall time of the conditional pass, which pays for gathering the inputs that continue.
import * as tf from '@tensorflow/tfjs-core';
import { measureLatency } from '../shared/cost.ts';
import { createMlp, disposeMlp, forward, initialWeights, train, type Mlp, type MlpSpec } from '../shared/mlp.ts';
import type { Progress } from '../shared/protocol.ts';
import {
  EARLY_EXIT_CLASSES,
  EARLY_EXIT_EPOCHS,
  EXIT_LOSS_WEIGHT,
  EXIT_THRESHOLDS,
  type EarlyExitResult,
  type EarlyExitRow,
  type EarlyExitSettings,
} from './config.ts';
import { makeEarlyExitData } from './data.ts';

/** The backbone MLP plus an exit head on its first hidden layer. */
export interface ExitNet {
  readonly backbone: Mlp;
  readonly exitKernel: tf.Variable<tf.Rank.R2>;
  readonly exitBias: tf.Variable<tf.Rank.R1>;
}

export function createExitNet(spec: MlpSpec, seed: number): ExitNet {
  if (spec.hidden.length < 2) throw new Error('early-exit: the backbone needs at least two hidden layers');
  const [head] = initialWeights({ inputs: spec.hidden[0]!, hidden: [], outputs: spec.outputs }, seed + 1000);
  return {
    backbone: createMlp(spec, seed),
    exitKernel: tf.tidy(() => tf.variable(tf.tensor2d(head!.kernel, [head!.rows, head!.cols]))),
    exitBias: tf.tidy(() => tf.variable(tf.tensor1d(head!.bias))),
  };
}

export function disposeExitNet(net: ExitNet): void {
  disposeMlp(net.backbone);
  net.exitKernel.dispose();
  net.exitBias.dispose();
}

/** Multiply-adds per input: up to the exit (first layer + exit head), and of the plain backbone. */
export function exitMacs(spec: MlpSpec): { early: number; rest: number; plain: number } {
  const widths = [spec.inputs, ...spec.hidden, spec.outputs];
  const layers = widths.slice(1).map((cols, i) => widths[i]! * cols);
  const plain = layers.reduce((a, b) => a + b, 0);
  const first = layers[0]!;
  return { early: first + spec.hidden[0]! * spec.outputs, rest: plain - first, plain };
}

function firstHidden(net: ExitNet, x: tf.Tensor2D): tf.Tensor2D {
  const { kernel, bias } = net.backbone.layers[0]!;
  return tf.fused.matMul({ a: x, b: kernel, bias, activation: 'relu' }) as tf.Tensor2D;
}

function exitLogits(net: ExitNet, h: tf.Tensor2D): tf.Tensor2D {
  return tf.fused.matMul({ a: h, b: net.exitKernel, bias: net.exitBias }) as tf.Tensor2D;
}

/** The backbone from its second layer on, applied to first-layer activations. */
function restLogits(net: ExitNet, h: tf.Tensor2D): tf.Tensor2D {
  const layers = net.backbone.layers;
  let out = h;
  for (let i = 1; i < layers.length; i++) {
    const { kernel, bias } = layers[i]!;
    out = tf.fused.matMul({ a: out, b: kernel, bias, activation: i < layers.length - 1 ? 'relu' : 'linear' }) as tf.Tensor2D;
  }
  return out;
}

export interface ExitOutputs {
  /** Top softmax probability of the exit head, per input. */
  readonly confidence: Float32Array;
  readonly exitClass: Int32Array;
  readonly finalClass: Int32Array;
}

/** Both heads on every input: what the threshold sweep needs to score each threshold exactly. */
export function exitOutputs(net: ExitNet, x: Float32Array, dims: number): ExitOutputs {
  return tf.tidy(() => {
    const h = firstHidden(net, tf.tensor2d(x, [x.length / dims, dims]));
    const early = exitLogits(net, h);
    return {
      confidence: tf.max(tf.softmax(early), 1).dataSync() as Float32Array,
      exitClass: tf.argMax(early, 1).dataSync() as Int32Array,
      finalClass: tf.argMax(restLogits(net, h), 1).dataSync() as Int32Array,
    };
  });
}

/** Scores one threshold (null: never exit) from both heads' outputs; compute is relative to the plain backbone. */
export function scoreThreshold(outputs: ExitOutputs, labels: Int32Array, threshold: number | null, macs: ReturnType<typeof exitMacs>): Omit<EarlyExitRow, 'latencyMs'> {
  const n = labels.length;
  let correct = 0;
  let exited = 0;
  let exitedCorrect = 0;
  for (let i = 0; i < n; i++) {
    const early = threshold !== null && outputs.confidence[i]! >= threshold;
    const predicted = early ? outputs.exitClass[i] : outputs.finalClass[i];
    if (predicted === labels[i]) correct++;
    if (early) {
      exited++;
      if (predicted === labels[i]) exitedCorrect++;
    }
  }
  const meanMacs = macs.early + ((n - exited) / n) * macs.rest;
  return { threshold, accuracy: correct / n, exitRate: exited / n, exitAccuracy: exited === 0 ? null : exitedCorrect / exited, compute: meanMacs / macs.plain };
}

/**
 * The conditional pass as deployed: first layer and exit head for the whole batch, then the rest of
 * the network only for the inputs whose confidence is below the threshold. Returns the exit
 * probabilities and the remaining inputs' logits stacked, so the timer waits for both.
 * The inputs that continue are gathered from the 2-D input rather than from the first hidden layer,
 * whose activations are then recomputed for them (2·width multiply-adds each, under 1 % of the
 * network): tfjs's wasm gather of a 1,024 × 128 activation costs more than the layers it would save.
 */
export async function earlyExitPass(net: ExitNet, x: tf.Tensor2D, threshold: number | null): Promise<tf.Tensor> {
  // Exits switched off: both heads for every input, and nothing to wait for in between.
  if (threshold === null) return tf.tidy(() => {
    const hidden = firstHidden(net, x);
    return tf.concat([tf.softmax(exitLogits(net, hidden)), restLogits(net, hidden)], 0);
  });
  const [probabilities, stay] = tf.tidy(() => {
    const p = tf.softmax(exitLogits(net, firstHidden(net, x)));
    return [p, tf.less(tf.max(p, 1), threshold)];
  });
  // Which inputs continue is data-dependent: the decision has to be read before the rest can run.
  const indices = await tf.whereAsync(stay);
  try {
    if (indices.shape[0] === 0) return probabilities;
    return tf.tidy(() => tf.concat([probabilities, restLogits(net, firstHidden(net, tf.gather(x, tf.reshape(indices, [-1]))))], 0));
  } finally {
    tf.dispose([stay, indices]);
    // probabilities is either returned or was copied into the concatenation.
    if (indices.shape[0] !== 0) probabilities.dispose();
  }
}

/** `epochs` exists so tests can run the same code with fewer epochs. */
export async function runEarlyExit(settings: EarlyExitSettings, progress: Progress, epochs = EARLY_EXIT_EPOCHS): Promise<EarlyExitResult> {
  const data = makeEarlyExitData(settings.seed);
  const spec: MlpSpec = { inputs: 2, hidden: [settings.width, settings.width, settings.width], outputs: EARLY_EXIT_CLASSES };
  const net = createExitNet(spec, settings.seed + 1);
  const macs = exitMacs(spec);
  const timing = tf.tensor2d(data.timing.x, [data.timing.n, data.timing.dims]);
  try {
    await train(net.backbone, data.train, {
      epochs,
      batchSize: 64,
      learningRate: 0.005,
      seed: settings.seed + 2,
      extraVariables: [net.exitKernel, net.exitBias],
      loss: (logits, batch) =>
        tf.tidy(() => {
          const final = tf.losses.softmaxCrossEntropy(batch.oneHot, logits);
          const early = tf.losses.softmaxCrossEntropy(batch.oneHot, exitLogits(net, firstHidden(net, batch.x)));
          return tf.add(final, tf.mul(EXIT_LOSS_WEIGHT, early)) as tf.Scalar;
        }),
      onEpoch: ({ epoch, loss }) => progress((0.5 * epoch) / epochs, `Training both exits: epoch ${epoch}/${epochs}, loss ${loss.toFixed(3)}`),
    });
    const outputs = exitOutputs(net, data.test.x, data.test.dims);
    const plainAccuracy = scoreThreshold(outputs, data.test.y, null, macs).accuracy;
    await progress(0.55, 'Timing the network without its exit head');
    const plain = { accuracy: plainAccuracy, latencyMs: await measureLatency(() => forward(net.backbone, timing)), macs: macs.plain, params: paramsOf(spec) };
    const thresholds: (number | null)[] = [...EXIT_THRESHOLDS, null];
    const rows: EarlyExitRow[] = [];
    for (const [i, threshold] of thresholds.entries()) {
      rows.push({ ...scoreThreshold(outputs, data.test.y, threshold, macs), latencyMs: await measureLatency(() => earlyExitPass(net, timing, threshold)) });
      await progress(0.6 + (0.4 * (i + 1)) / thresholds.length, threshold === null ? 'Timed the pass without early exits' : `Timed threshold ${threshold}`);
    }
    const exitOnlyAccuracy = scoreThreshold(outputs, data.test.y, 0, macs).accuracy;
    return { settings, rows, plain, exitOnlyAccuracy };
  } finally {
    timing.dispose();
    disposeExitNet(net);
  }
}

function paramsOf(spec: MlpSpec): number {
  const widths = [spec.inputs, ...spec.hidden, spec.outputs];
  return widths.slice(1).reduce((n, cols, i) => n + widths[i]! * cols + cols, 0);
}
