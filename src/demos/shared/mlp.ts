// A small multilayer perceptron in pure tfjs-core, shared by all demo models. Written on tfjs-core
// rather than tfjs-layers so the demos control every weight (pruning masks, quantized copies,
// distillation losses) and the worker bundle stays small. Runs unchanged on the cpu, wasm and webgl
// backends, in the browser and in Node tests.
// Initialisation: He et al. 2015 (uniform variant) for ReLU layers, Glorot & Bengio 2010 for the output.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from './dataset.ts';
import { createRandom, shuffledIndices, type Random } from './random.ts';

export interface MlpSpec {
  readonly inputs: number;
  /** Widths of the ReLU hidden layers, input side first. */
  readonly hidden: readonly number[];
  readonly outputs: number;
}

export interface DenseLayer {
  /** inputs × outputs */
  readonly kernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>;
}

export interface Mlp {
  readonly spec: MlpSpec;
  readonly layers: readonly DenseLayer[];
}

/** Plain-array weights of one layer, row-major `rows × cols` kernel. */
export interface LayerWeights {
  readonly rows: number;
  readonly cols: number;
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

export function layerSizes(spec: MlpSpec): [number, number][] {
  const widths = [spec.inputs, ...spec.hidden, spec.outputs];
  return widths.slice(1).map((cols, i) => [widths[i]!, cols]);
}

/** Weights plus biases. */
export function countParams(spec: MlpSpec): number {
  return layerSizes(spec).reduce((sum, [rows, cols]) => sum + rows * cols + cols, 0);
}

/** Bytes of the model stored densely as float32. */
export function float32Bytes(spec: MlpSpec): number {
  return countParams(spec) * 4;
}

export function mlpFromWeights(spec: MlpSpec, weights: readonly LayerWeights[]): Mlp {
  const sizes = layerSizes(spec);
  if (weights.length !== sizes.length) throw new Error(`mlp: expected ${sizes.length} layers, got ${weights.length}`);
  const layers = weights.map((w, i) => {
    const [rows, cols] = sizes[i]!;
    if (w.rows !== rows || w.cols !== cols) throw new Error(`mlp: layer ${i} is ${w.rows}×${w.cols}, expected ${rows}×${cols}`);
    // tf.variable copies its initial value; tidy frees the temporary.
    return {
      kernel: tf.tidy(() => tf.variable(tf.tensor2d(w.kernel, [rows, cols]))),
      bias: tf.tidy(() => tf.variable(tf.tensor1d(w.bias))),
    };
  });
  return { spec, layers };
}

export function initialWeights(spec: MlpSpec, seed: number): LayerWeights[] {
  const random = createRandom(seed);
  const sizes = layerSizes(spec);
  return sizes.map(([rows, cols], i) => {
    const last = i === sizes.length - 1;
    const limit = last ? Math.sqrt(6 / (rows + cols)) : Math.sqrt(6 / rows);
    const kernel = new Float32Array(rows * cols);
    for (let k = 0; k < kernel.length; k++) kernel[k] = random.uniform(-limit, limit);
    return { rows, cols, kernel, bias: new Float32Array(cols) };
  });
}

export function createMlp(spec: MlpSpec, seed: number): Mlp {
  return mlpFromWeights(spec, initialWeights(spec, seed));
}

export function readWeights(mlp: Mlp): LayerWeights[] {
  return mlp.layers.map(({ kernel, bias }) => ({
    rows: kernel.shape[0],
    cols: kernel.shape[1],
    kernel: kernel.dataSync() as Float32Array,
    bias: bias.dataSync() as Float32Array,
  }));
}

export function cloneMlp(mlp: Mlp): Mlp {
  return mlpFromWeights(mlp.spec, readWeights(mlp));
}

export function disposeMlp(mlp: Mlp): void {
  for (const { kernel, bias } of mlp.layers) {
    kernel.dispose();
    bias.dispose();
  }
}

export interface ForwardOptions {
  /** Inverted-dropout rate on hidden activations (training only). */
  readonly dropout?: number;
  /** Source of dropout masks; required when dropout > 0. */
  readonly random?: Random;
}

/** Logits for a batch `x` (n × inputs). */
export function forward(mlp: Mlp, x: tf.Tensor2D, options: ForwardOptions = {}): tf.Tensor2D {
  const rate = options.dropout ?? 0;
  return tf.tidy(() => {
    let h = x;
    mlp.layers.forEach(({ kernel, bias }, i) => {
      const hidden = i < mlp.layers.length - 1;
      h = tf.fused.matMul({ a: h, b: kernel, bias, activation: hidden ? 'relu' : 'linear' }) as tf.Tensor2D;
      if (hidden && rate > 0) h = tf.mul(h, dropoutMask(h.shape[0], h.shape[1], rate, options.random)) as tf.Tensor2D;
    });
    return h;
  });
}

function dropoutMask(rows: number, cols: number, rate: number, random: Random | undefined): tf.Tensor2D {
  if (!random) throw new Error('mlp: dropout needs a seeded random source');
  const keep = 1 / (1 - rate);
  const mask = new Float32Array(rows * cols);
  for (let i = 0; i < mask.length; i++) mask[i] = random.next() < rate ? 0 : keep;
  return tf.tensor2d(mask, [rows, cols]);
}

export function datasetTensors(data: Dataset): { x: tf.Tensor2D; y: tf.Tensor1D; oneHot: tf.Tensor2D } {
  const x = tf.tensor2d(data.x, [data.n, data.dims]);
  const y = tf.tensor1d(data.y, 'int32');
  const oneHot = tf.tidy(() => tf.cast(tf.oneHot(y, data.classes), 'float32') as tf.Tensor2D);
  return { x, y, oneHot };
}

/** Predicted class per row. */
export function predictClasses(mlp: Mlp, x: Float32Array, dims: number): Int32Array {
  return tf.tidy(() => {
    const logits = forward(mlp, tf.tensor2d(x, [x.length / dims, dims]));
    return tf.argMax(logits, 1).dataSync() as Int32Array;
  });
}

/** Softmax probabilities, row-major n × outputs. */
export function predictProbabilities(mlp: Mlp, x: Float32Array, dims: number, temperature = 1): Float32Array {
  return tf.tidy(() => {
    const logits = forward(mlp, tf.tensor2d(x, [x.length / dims, dims]));
    return tf.softmax(tf.div(logits, temperature)).dataSync() as Float32Array;
  });
}

/** Fraction of rows whose predicted class equals the label. */
export function accuracy(mlp: Mlp, data: Dataset): number {
  const predicted = predictClasses(mlp, data.x, data.dims);
  let correct = 0;
  for (let i = 0; i < data.n; i++) if (predicted[i] === data.y[i]) correct++;
  return correct / data.n;
}

/** Mean softmax cross-entropy on a whole dataset. */
export function meanLoss(mlp: Mlp, data: Dataset): number {
  return tf.tidy(() => {
    const { x, oneHot } = datasetTensors(data);
    return tf.losses.softmaxCrossEntropy(oneHot, forward(mlp, x)).dataSync()[0]!;
  });
}

/** A batch handed to a custom loss: rows of the training set, as tensors and as indices. */
export interface Batch {
  readonly x: tf.Tensor2D;
  readonly oneHot: tf.Tensor2D;
  readonly indices: tf.Tensor1D;
}

export interface EpochLog {
  /** 1-based */
  readonly epoch: number;
  /** Mean training loss over the epoch's batches (data term only, without the L2 penalty). */
  readonly loss: number;
}

export interface TrainOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  /** L2 penalty λ·Σ‖W‖² on kernels (not biases). */
  readonly l2?: number;
  readonly dropout?: number;
  /** One 0/1 mask per kernel: masked weights are held at exactly zero (fine-tuning after pruning). */
  readonly masks?: readonly tf.Tensor2D[];
  /** Replaces softmax cross-entropy on hard labels, e.g. a distillation loss. */
  readonly loss?: (logits: tf.Tensor2D, batch: Batch) => tf.Scalar;
  /** Variables outside the MLP that `loss` uses and training should update (an early-exit head). */
  readonly extraVariables?: readonly tf.Variable[];
  /** Called after each epoch; return `false` to stop early. */
  readonly onEpoch?: (log: EpochLog) => void | boolean | Promise<void | boolean>;
}

/** Mini-batch Adam. Deterministic for a given seed and backend. */
export async function train(mlp: Mlp, data: Dataset, options: TrainOptions): Promise<EpochLog[]> {
  const random = createRandom(options.seed);
  const optimizer = tf.train.adam(options.learningRate);
  const { x, oneHot, y } = datasetTensors(data);
  const variables = [...mlp.layers.flatMap(({ kernel, bias }): tf.Variable[] => [kernel, bias]), ...(options.extraVariables ?? [])];
  const l2 = options.l2 ?? 0;
  const logs: EpochLog[] = [];
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const order = shuffledIndices(data.n, random);
      const costs: tf.Scalar[] = [];
      for (let start = 0; start < data.n; start += options.batchSize) {
        const rows = order.subarray(start, Math.min(start + options.batchSize, data.n));
        let dataLoss: tf.Scalar | undefined;
        tf.tidy(() => {
          const indices = tf.tensor1d(rows, 'int32');
          const batch: Batch = { x: tf.gather(x, indices), oneHot: tf.gather(oneHot, indices), indices };
          const forwardOptions: ForwardOptions = { dropout: options.dropout ?? 0, random };
          optimizer.minimize(
            () => {
              const logits = forward(mlp, batch.x, forwardOptions);
              const term = options.loss
                ? options.loss(logits, batch)
                : (tf.losses.softmaxCrossEntropy(batch.oneHot, logits) as tf.Scalar);
              // The curve reports the data term; the optimiser minimises data term + penalty; minimize() disposes what it is given, hence the clone.
              dataLoss = tf.keep(tf.clone(term));
              if (l2 === 0) return term;
              return tf.add(term, tf.mul(l2, tf.addN(mlp.layers.map(({ kernel }) => tf.sum(tf.square(kernel)))))) as tf.Scalar;
            },
            false,
            variables,
          );
        });
        if (!dataLoss) throw new Error('mlp: the loss function produced no value');
        const cost: tf.Scalar = dataLoss;
        if (options.masks) applyMasks(mlp, options.masks);
        costs.push(cost);
      }
      const loss = tf.tidy(() => tf.mean(tf.stack(costs)).dataSync()[0]!);
      tf.dispose(costs);
      const log: EpochLog = { epoch, loss };
      logs.push(log);
      if ((await options.onEpoch?.(log)) === false) break;
    }
  } finally {
    tf.dispose([x, oneHot, y]);
    optimizer.dispose();
  }
  return logs;
}

export function applyMasks(mlp: Mlp, masks: readonly tf.Tensor2D[]): void {
  mlp.layers.forEach(({ kernel }, i) => {
    const mask = masks[i];
    if (mask) tf.tidy(() => kernel.assign(tf.mul(kernel, mask)));
  });
}
