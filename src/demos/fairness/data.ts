// Fairness demo data: applicants in two groups whose base rates (share qualified) differ. Each has two
// noisy features that depend on the label only, never on the group, so any gap in outcomes comes from
// the different base rates, not from a biased measurement. Group membership is not a model input.
import type { Dataset } from '../shared/dataset.ts';
import { createRandom } from '../shared/random.ts';

export interface Applicants {
  readonly data: Dataset;
  /** 0 = group A, 1 = group B. */
  readonly groups: Int32Array;
}

/** Distance between the feature means of qualified and unqualified applicants, per feature. */
const SIGNAL = 1.2;

export function makeApplicants(n: number, groupAShare: number, baseRateA: number, baseRateB: number, seed: number): Applicants {
  const random = createRandom(seed);
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  const groups = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const group = random.next() < groupAShare ? 0 : 1;
    const label = random.next() < (group === 0 ? baseRateA : baseRateB) ? 1 : 0;
    groups[i] = group;
    y[i] = label;
    x[2 * i] = random.normal(label * SIGNAL, 1);
    x[2 * i + 1] = random.normal(label * SIGNAL, 1);
  }
  return { data: { x, y, n, dims: 2, classes: 2 }, groups };
}
