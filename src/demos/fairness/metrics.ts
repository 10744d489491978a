// Group fairness metrics for a thresholded score, two groups, one threshold per group. Pure functions
// (no tfjs) so the page recomputes them as the sliders move.
// Definitions: demographic parity (Calders & Verwer 2010; Dwork et al. 2012), equal opportunity and
// equalized odds (Hardt, Price & Srebro 2016, "Equality of Opportunity in Supervised Learning").
// With different base rates, equal selection rates and equal TPR and FPR together force TPR = FPR, a
// classifier no better than chance; compare Kleinberg, Mullainathan & Raghavan 2016 and Chouldechova 2017.

export interface GroupRates {
  readonly n: number;
  readonly positives: number;
  /** Share of the group with label 1. */
  readonly baseRate: number;
  /** Share of the group predicted positive (selected). */
  readonly selectionRate: number;
  /** TP / positives */
  readonly truePositiveRate: number;
  /** FP / negatives */
  readonly falsePositiveRate: number;
  /** TP / selected; 0 when nobody is selected. */
  readonly precision: number;
  readonly accuracy: number;
}

/** Rates of one group when scores ≥ threshold are selected. `labels` are 1 (positive) or 0. */
export function groupRates(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): GroupRates {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    const selected = scores[i]! >= threshold;
    if (labels[i] === 1) {
      positives++;
      if (selected) tp++;
    } else if (selected) fp++;
  }
  const negatives = n - positives;
  const tn = negatives - fp;
  return {
    n,
    positives,
    baseRate: n === 0 ? 0 : positives / n,
    selectionRate: n === 0 ? 0 : (tp + fp) / n,
    truePositiveRate: positives === 0 ? 0 : tp / positives,
    falsePositiveRate: negatives === 0 ? 0 : fp / negatives,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    accuracy: n === 0 ? 0 : (tp + tn) / n,
  };
}

export interface FairnessReport {
  /** |selection rate A − selection rate B| */
  readonly demographicParityDifference: number;
  /** |TPR A − TPR B| */
  readonly equalOpportunityDifference: number;
  /** max(|TPR A − TPR B|, |FPR A − FPR B|) */
  readonly equalizedOddsDifference: number;
  /** |precision A − precision B| (predictive parity) */
  readonly predictiveParityDifference: number;
  /** Accuracy over both groups together. */
  readonly accuracy: number;
}

export function fairnessReport(a: GroupRates, b: GroupRates): FairnessReport {
  const tprGap = Math.abs(a.truePositiveRate - b.truePositiveRate);
  return {
    demographicParityDifference: Math.abs(a.selectionRate - b.selectionRate),
    equalOpportunityDifference: tprGap,
    equalizedOddsDifference: Math.max(tprGap, Math.abs(a.falsePositiveRate - b.falsePositiveRate)),
    predictiveParityDifference: Math.abs(a.precision - b.precision),
    accuracy: a.n + b.n === 0 ? 0 : (a.accuracy * a.n + b.accuracy * b.n) / (a.n + b.n),
  };
}

export type Criterion = 'accuracy' | 'demographic-parity' | 'equal-opportunity' | 'equalized-odds' | 'all';

export interface GroupData {
  readonly scores: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
}

export interface ThresholdChoice {
  readonly criterion: Criterion;
  readonly thresholdA: number;
  readonly thresholdB: number;
  readonly report: FairnessReport;
  /** Mean over the groups of TPR − FPR: 0 for a classifier no better than chance. */
  readonly informedness: number;
}

/**
 * For each criterion, the most accurate threshold pair on `grid` whose gap is at most `tolerance`
 * ('all' requires the demographic parity, equal opportunity and equalized odds gaps all within it).
 */
export function bestThresholds(a: GroupData, b: GroupData, grid: readonly number[], tolerance: number): ThresholdChoice[] {
  const ratesA = grid.map((t) => groupRates(a.scores, a.labels, t));
  const ratesB = grid.map((t) => groupRates(b.scores, b.labels, t));
  const criteria: Criterion[] = ['accuracy', 'demographic-parity', 'equal-opportunity', 'equalized-odds', 'all'];
  const best = new Map<Criterion, ThresholdChoice>();
  grid.forEach((ta, i) => {
    grid.forEach((tb, j) => {
      const ra = ratesA[i]!;
      const rb = ratesB[j]!;
      const report = fairnessReport(ra, rb);
      const ok: Record<Criterion, boolean> = {
        accuracy: true,
        'demographic-parity': report.demographicParityDifference <= tolerance,
        'equal-opportunity': report.equalOpportunityDifference <= tolerance,
        'equalized-odds': report.equalizedOddsDifference <= tolerance,
        all:
          report.demographicParityDifference <= tolerance &&
          report.equalOpportunityDifference <= tolerance &&
          report.equalizedOddsDifference <= tolerance,
      };
      const informedness = (ra.truePositiveRate - ra.falsePositiveRate + rb.truePositiveRate - rb.falsePositiveRate) / 2;
      for (const criterion of criteria) {
        if (!ok[criterion]) continue;
        const current = best.get(criterion);
        if (!current || report.accuracy > current.report.accuracy + 1e-12) {
          best.set(criterion, { criterion, thresholdA: ta, thresholdB: tb, report, informedness });
        }
      }
    });
  });
  return criteria.flatMap((c) => {
    const choice = best.get(c);
    return choice ? [choice] : [];
  });
}
