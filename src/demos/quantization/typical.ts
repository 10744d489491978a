// Quantization demo in figures: accuracy against stored bytes per scale granularity (float32 is each
// series' largest point), and the question a reader answers before seeing either.
import { round, seriesNamed, type Question, type TypicalSeries } from '../shared/typical.ts';
import type { QuantizationResult } from './config.ts';

export function quantizationSeries(result: QuantizationResult): TypicalSeries[] {
  const float = result.rows[0]!;
  return (['per-tensor', 'per-channel'] as const).map((granularity) => ({
    label: granularity,
    points: [...result.rows.filter((r) => r.granularity === granularity), float]
      .map((r) => [r.bytes, round(r.accuracy * 100)] as const)
      .sort((a, b) => a[0] - b[0]),
  }));
}

export const QUANTIZATION_QUESTION: Question = {
  prompt: 'Rounding weights to fewer bits (one scale per output channel): how many times smaller can the stored model get while test accuracy stays within 1 point of float32?',
  choices: [
    { label: 'less than 2× smaller', min: -Infinity },
    { label: '2 to 4× smaller', min: 2 },
    { label: '4 to 6× smaller', min: 4 },
    { label: '6× smaller or more', min: 6 },
  ],
  measure(series) {
    const points = seriesNamed(series, 'per-channel').points;
    const [floatBytes, floatAccuracy] = points.reduce((a, b) => (b[0] > a[0] ? b : a));
    const smallest = Math.min(...points.filter(([, y]) => y >= floatAccuracy - 1).map(([x]) => x));
    return round(floatBytes / smallest);
  },
  describe: (value) => `${value}× smaller`,
};
