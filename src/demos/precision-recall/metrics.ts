// Threshold metrics for a binary classifier's scores: confusion matrix, precision, recall, F1,
// accuracy, the precision-recall curve and average precision. Pure functions over plain arrays (no
// tfjs), so the page can recompute them instantly as the threshold slider moves.
// Average precision follows scikit-learn's definition, AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over score thresholds
// (no interpolation); see Manning, Raghavan & Schütze 2008, "Introduction to Information Retrieval", §8.4.

export interface ConfusionMatrix {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

/** A score ≥ threshold is predicted positive. `labels` are 1 for positive, 0 for negative. */
export function confusionMatrix(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): ConfusionMatrix {
  if (scores.length !== labels.length) throw new Error(`metrics: ${scores.length} scores but ${labels.length} labels`);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i]! >= threshold;
    const actual = labels[i] === 1;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

const ratio = (num: number, den: number, empty: number): number => (den === 0 ? empty : num / den);

/** TP / (TP + FP); 1 when nothing is predicted positive (no false alarms), as scikit-learn's curve does. */
export const precision = (m: ConfusionMatrix): number => ratio(m.tp, m.tp + m.fp, 1);
/** TP / (TP + FN); 0 when there are no positives. */
export const recall = (m: ConfusionMatrix): number => ratio(m.tp, m.tp + m.fn, 0);
export const accuracy = (m: ConfusionMatrix): number => ratio(m.tp + m.tn, m.tp + m.fp + m.tn + m.fn, 0);
/** Harmonic mean of precision and recall, 2TP / (2TP + FP + FN); 0 when undefined. */
export const f1 = (m: ConfusionMatrix): number => ratio(2 * m.tp, 2 * m.tp + m.fp + m.fn, 0);
/** FP / (FP + TN) */
export const falsePositiveRate = (m: ConfusionMatrix): number => ratio(m.fp, m.fp + m.tn, 0);

export interface CurvePoint {
  /** Predicting positive at scores ≥ threshold gives this point. */
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
}

/** One point per distinct score, from the highest threshold (lowest recall) to the lowest. */
export function precisionRecallCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): CurvePoint[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const positives = Array.from(labels).filter((l) => l === 1).length;
  const points: CurvePoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (labels[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    // Emit once all rows sharing this score are counted.
    if (next === undefined || scores[next] !== scores[i]) {
      points.push({ threshold: scores[i]!, precision: tp / (tp + fp), recall: positives === 0 ? 0 : tp / positives });
    }
  }
  return points;
}

/** Σ (Rₙ − Rₙ₋₁)·Pₙ over the curve, starting from recall 0. */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let previousRecall = 0;
  let ap = 0;
  for (const point of precisionRecallCurve(scores, labels)) {
    ap += (point.recall - previousRecall) * point.precision;
    previousRecall = point.recall;
  }
  return ap;
}

/** Accuracy of the classifier that answers "negative" for everything: the share of negatives. */
export function allNegativeAccuracy(labels: ArrayLike<number>): number {
  let negatives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 1) negatives++;
  return labels.length === 0 ? 0 : negatives / labels.length;
}
