// Pruning demo in figures: the accuracy-against-sparsity series of a run (the build-time figure and
// the reader's own), and the question a reader answers before seeing either.
import { lastXAbove, round, seriesNamed, type Question, type TypicalSeries } from '../shared/typical.ts';
import type { PruningResult } from './config.ts';

/** Test accuracy (%) against sparsity (%), after fine-tuning when it was on. */
export function pruningSeries(result: PruningResult): TypicalSeries[] {
  return [{ label: 'pruned', points: result.rows.map((r) => [round(r.sparsity * 100, 0), round((r.fineTunedAccuracy ?? r.accuracy) * 100)] as const) }];
}

export const PRUNING_QUESTION: Question = {
  prompt: 'How much of the network can you prune before test accuracy falls by more than 2 points?',
  choices: [
    { label: 'less than 40 %', min: -Infinity },
    { label: '40 to 70 %', min: 40 },
    { label: '70 to 90 %', min: 70 },
    { label: '90 % or more', min: 90 },
  ],
  measure(series) {
    const points = seriesNamed(series, 'pruned').points;
    return lastXAbove(points, points[0]![1] - 2);
  },
  describe: (value) => `${value} % pruned`,
};
