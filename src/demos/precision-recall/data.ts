// Precision-recall demo data: an imbalanced 2-D problem. Negatives ~ N(0, I); positives ~ N(μ, I) with
// ‖μ‖ = separation along the diagonal; exactly round(positiveRate·n) positives, in seeded order.
import type { Dataset } from '../shared/dataset.ts';
import { createRandom, shuffledIndices } from '../shared/random.ts';

export function makeImbalanced(n: number, positiveRate: number, separation: number, seed: number): Dataset {
  const random = createRandom(seed);
  const positives = Math.round(positiveRate * n);
  const shift = separation / Math.SQRT2;
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  const order = shuffledIndices(n, random);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const label = k < positives ? 1 : 0;
    y[i] = label;
    x[2 * i] = random.normal(label * shift, 1);
    x[2 * i + 1] = random.normal(label * shift, 1);
  }
  return { x, y, n, dims: 2, classes: 2 };
}
