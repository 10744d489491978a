// Batch-size demo in figures: throughput against batch size, and the question a reader answers
// before seeing it.
import { seriesNamed, type Question, type TypicalSeries } from '../shared/typical.ts';
import { SATURATION_SHARE, type BatchRow } from './config.ts';

export function batchSizeSeries(rows: readonly BatchRow[]): TypicalSeries[] {
  return [{ label: 'throughput', points: rows.map((r) => [r.batch, Math.round(r.throughput)] as const) }];
}

export const BATCH_SIZE_QUESTION: Question = {
  prompt: 'Feeding the same model batches of 1, 2, 4, … 512 inputs: at what batch size does throughput (inputs per second) stop growing, reaching 90 % of its best?',
  choices: [
    { label: '1 to 4', min: -Infinity },
    { label: '8 to 32', min: 8 },
    { label: '64 to 128', min: 64 },
    { label: '256 or more', min: 256 },
  ],
  measure(series) {
    const points = seriesNamed(series, 'throughput').points;
    const best = Math.max(...points.map(([, y]) => y));
    return points.find(([, y]) => y >= SATURATION_SHARE * best)![0];
  },
  describe: (value) => `saturates at a batch of ${value}`,
};
