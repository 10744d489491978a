// Early-stopping demo in figures: training and validation loss per epoch, and the question a reader
// answers before seeing them.
import { round, seriesNamed, type Question, type TypicalSeries } from '../shared/typical.ts';
import type { EarlyStoppingResult } from './config.ts';

/** Epochs the static figure samples; every epoch when `epochs` is null (the live comparison). */
const FIGURE_EPOCHS = [1, 5, 10, 20, 40, 60, 80, 100, 125, 150];

export function earlyStoppingSeries(result: EarlyStoppingResult, epochs: readonly number[] | null = FIGURE_EPOCHS): TypicalSeries[] {
  const picked = epochs === null ? result.curve : result.curve.filter((p) => epochs.includes(p.epoch));
  return [
    { label: 'training loss', points: picked.map((p) => [p.epoch, round(p.trainLoss, 3)] as const) },
    { label: 'validation loss', points: picked.map((p) => [p.epoch, round(p.validationLoss, 3)] as const) },
  ];
}

export const EARLY_STOPPING_QUESTION: Question = {
  prompt: 'An over-sized network trains on a small, noisy set for every epoch. From its best point to the last epoch, how much does the validation loss rise?',
  choices: [
    { label: 'hardly (under 5 %)', min: -Infinity },
    { label: 'a little (5 to 25 %)', min: 5 },
    { label: 'a lot (25 % or more)', min: 25 },
  ],
  measure(series) {
    const losses = seriesNamed(series, 'validation loss').points.map(([, y]) => y);
    return round((losses.at(-1)! / Math.min(...losses) - 1) * 100, 0);
  },
  describe: (value) => `validation loss ${value} % above its best`,
};
