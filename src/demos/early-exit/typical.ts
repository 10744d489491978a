// Early-exit demo in figures: accuracy against the average compute each threshold uses, and the
// question a reader answers before seeing it.
import { round, seriesNamed, type Question, type TypicalSeries } from '../shared/typical.ts';
import type { EarlyExitRow } from './config.ts';

/** Accuracy (%) against mean compute (% of the plain network), cheapest first. */
export function earlyExitSeries(rows: readonly EarlyExitRow[]): TypicalSeries[] {
  const points = rows.map((r) => [round(r.compute * 100), round(r.accuracy * 100)] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // Thresholds no input reaches give the same point as never exiting: draw it once.
  return [{ label: 'early exit', points: points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]) }];
}

export const EARLY_EXIT_QUESTION: Question = {
  prompt: 'A second classifier after the first layer answers the inputs it is sure about. How much of the compute can it save while accuracy stays within 1 point of the full network?',
  choices: [
    { label: 'almost none (under 10 %)', min: -Infinity },
    { label: '10 to 30 %', min: 10 },
    { label: '30 to 50 %', min: 30 },
    { label: '50 % or more', min: 50 },
  ],
  measure(series) {
    const points = seriesNamed(series, 'early exit').points;
    const fullAccuracy = points.reduce((a, b) => (b[0] > a[0] ? b : a))[1];
    const cheapest = Math.min(...points.filter(([, y]) => y >= fullAccuracy - 1).map(([x]) => x));
    return round(Math.max(0, 100 - cheapest));
  },
  describe: (value) => `${value} % of the compute saved`,
};
