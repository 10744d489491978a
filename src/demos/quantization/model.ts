// Quantization demo model: post-training weight quantization of a trained float32 MLP.
// Symmetric uniform quantization (Jacob et al. 2018, "Quantization and Training of Neural Networks for
// Efficient Integer-Arithmetic-Only Inference"; Krishnamoorthi 2018, "Quantizing deep convolutional
// networks for efficient inference: A whitepaper"): with q_max = 2^(b−1) − 1 and s = max|w| / q_max,
// each weight becomes round(w / s) ∈ [−q_max, q_max], i.e. at most 2^b − 1 levels, and is restored as
// q·s, so |w − q·s| ≤ s/2. Per-tensor uses one s per kernel; per-channel one s per output column.
// Biases stay float32, as in common int8 schemes (which keep them at 32 bits).
import { denseCost, mlpLatency } from '../shared/cost.ts';
import { accuracy, createMlp, disposeMlp, mlpFromWeights, readWeights, train, type LayerWeights, type MlpSpec } from '../shared/mlp.ts';
import type { Progress } from '../shared/protocol.ts';
import { BIT_WIDTHS, QUANTIZATION_CLASSES, QUANTIZATION_EPOCHS, type Granularity, type QuantizationResult, type QuantizationRow, type QuantizationSettings } from './config.ts';
import { makeQuantizationData } from './data.ts';

export interface QuantizedTensor {
  /** Integer codes, row-major like the kernel. */
  readonly codes: Int8Array;
  /** One scale (per-tensor) or one per column (per-channel). */
  readonly scales: Float32Array;
  /** codes × scale, as float32 again. */
  readonly dequantized: Float32Array;
}

export function maxLevel(bits: number): number {
  if (!Number.isInteger(bits) || bits < 2 || bits > 8) throw new Error(`quantization: bits must be an integer in 2…8, got ${bits}`);
  return 2 ** (bits - 1) - 1;
}

/** Quantizes a rows × cols kernel to `bits`-bit signed codes. */
export function quantizeKernel(kernel: Float32Array, rows: number, cols: number, bits: number, granularity: Granularity): QuantizedTensor {
  const qmax = maxLevel(bits);
  const groups = granularity === 'per-channel' ? cols : 1;
  const maxAbs = new Float32Array(groups);
  for (let i = 0; i < kernel.length; i++) {
    const g = groups === 1 ? 0 : i % cols;
    maxAbs[g] = Math.max(maxAbs[g]!, Math.abs(kernel[i]!));
  }
  // An all-zero group keeps scale 1: every code is 0 and dequantizes to 0 exactly.
  const scales = Float32Array.from(maxAbs, (m) => (m === 0 ? 1 : m / qmax));
  const codes = new Int8Array(kernel.length);
  const dequantized = new Float32Array(kernel.length);
  for (let i = 0; i < kernel.length; i++) {
    const scale = scales[groups === 1 ? 0 : i % cols]!;
    const code = Math.max(-qmax, Math.min(qmax, Math.round(kernel[i]! / scale)));
    codes[i] = code;
    // Read back from the Int8Array so that a rounded −0 is stored as +0.
    dequantized[i] = codes[i]! * scale;
  }
  if (rows * cols !== kernel.length) throw new Error(`quantization: kernel has ${kernel.length} values, not ${rows}×${cols}`);
  return { codes, scales, dequantized };
}

/** Stored bytes: packed `bits`-bit codes per kernel, float32 scales, float32 biases. */
export function quantizedBytes(weights: readonly LayerWeights[], bits: number, granularity: Granularity): number {
  return weights.reduce(
    (sum, w) => sum + Math.ceil((w.kernel.length * bits) / 8) + (granularity === 'per-channel' ? w.cols : 1) * 4 + w.bias.length * 4,
    0,
  );
}

export function quantizeWeights(weights: readonly LayerWeights[], bits: number, granularity: Granularity): { weights: LayerWeights[]; maxError: number; meanError: number } {
  let maxError = 0;
  let sumError = 0;
  let count = 0;
  const quantized = weights.map((w) => {
    const { dequantized } = quantizeKernel(w.kernel, w.rows, w.cols, bits, granularity);
    for (let i = 0; i < dequantized.length; i++) {
      const error = Math.abs(w.kernel[i]! - dequantized[i]!);
      maxError = Math.max(maxError, error);
      sumError += error;
      count++;
    }
    return { ...w, kernel: dequantized, bias: w.bias.slice() };
  });
  return { weights: quantized, maxError, meanError: count === 0 ? 0 : sumError / count };
}

/** `epochs` exists so tests can run the same code with fewer epochs. */
export async function runQuantization(settings: QuantizationSettings, progress: Progress, epochs = QUANTIZATION_EPOCHS): Promise<QuantizationResult> {
  const data = makeQuantizationData(settings.seed);
  const spec: MlpSpec = { inputs: 2, hidden: [settings.width, settings.width], outputs: QUANTIZATION_CLASSES };
  const model = createMlp(spec, settings.seed + 1);
  const rows: QuantizationRow[] = [];
  let weights: LayerWeights[];
  try {
    await train(model, data.train, {
      epochs,
      batchSize: 64,
      learningRate: 0.01,
      seed: settings.seed + 2,
      onEpoch: ({ epoch, loss }) => progress((0.6 * epoch) / epochs, `Training the float32 model: epoch ${epoch}/${epochs}, loss ${loss.toFixed(3)}`),
    });
    weights = readWeights(model);
    rows.push({ bits: 32, granularity: 'float32', accuracy: accuracy(model, data.test), maxError: 0, meanError: 0, ...(await denseCost(model, weights)) });
  } finally {
    disposeMlp(model);
  }
  const variants = BIT_WIDTHS.flatMap((bits) => (['per-tensor', 'per-channel'] as const).map((granularity) => ({ bits, granularity })));
  for (const [i, { bits, granularity }] of variants.entries()) {
    const { weights: quantized, maxError, meanError } = quantizeWeights(weights, bits, granularity);
    const q = mlpFromWeights(spec, quantized);
    try {
      const base = rows[0]!;
      rows.push({
        bits,
        granularity,
        accuracy: accuracy(q, data.test),
        maxError,
        meanError,
        params: base.params,
        nonzeroParams: quantized.reduce((n, w) => n + w.kernel.filter((v) => v !== 0).length + w.bias.filter((v) => v !== 0).length, 0),
        bytes: quantizedBytes(weights, bits, granularity),
        // tfjs has no integer kernels: this times the dequantized float32 model, so it matches float32.
        latencyMs: await mlpLatency(q),
      });
    } finally {
      disposeMlp(q);
    }
    await progress(0.6 + (0.4 * (i + 1)) / variants.length, `Quantized to ${bits} bits, ${granularity}`);
  }
  return { settings, rows };
}
