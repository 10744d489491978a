// Precision-recall demo in figures: the precision-recall curve sampled at fixed recalls, and the
// question a reader answers before seeing it.
import { round, seriesNamed, yNear, type Question, type TypicalSeries } from '../shared/typical.ts';
import { precisionRecallCurve } from './metrics.ts';

const RECALLS = [5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/** Precision (%) at the highest threshold that reaches each recall (%). */
export function precisionRecallSeries(scores: ArrayLike<number>, labels: ArrayLike<number>): TypicalSeries[] {
  const curve = precisionRecallCurve(scores, labels);
  const points = RECALLS.flatMap((recall) => {
    const point = curve.find((p) => p.recall * 100 >= recall - 1e-9);
    return point ? [[recall, round(point.precision * 100)] as const] : [];
  });
  return [{ label: 'precision-recall curve', points }];
}

export const PRECISION_RECALL_QUESTION: Question = {
  prompt: 'Positives are rare. If the classifier’s threshold is set low enough to find 90 % of them, what share of the examples it flags are really positive (its precision)?',
  choices: [
    { label: 'under 20 %', min: -Infinity },
    { label: '20 to 50 %', min: 20 },
    { label: '50 to 80 %', min: 50 },
    { label: '80 % or more', min: 80 },
  ],
  measure: (series) => yNear(seriesNamed(series, 'precision-recall curve').points, 90),
  describe: (value) => `precision ${value} % at 90 % recall`,
};
