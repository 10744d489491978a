// Low-rank demo in figures: accuracy of the factorized network against the rank, with the dense
// network for reference, and the question a reader answers before seeing it.
import { round, seriesNamed, type Question, type TypicalSeries } from '../shared/typical.ts';
import type { LowRankRow } from './config.ts';

export function lowRankSeries(rows: readonly LowRankRow[]): TypicalSeries[] {
  const factored = rows.filter((r): r is LowRankRow & { rank: number } => r.rank !== null);
  const dense = rows.find((r) => r.rank === null);
  const ranks = factored.map((r) => r.rank);
  return [
    { label: 'factorized', points: factored.map((r) => [r.rank, round(r.accuracy * 100)] as const) },
    ...(dense && ranks.length > 0 ? [{ label: 'dense', points: [[Math.min(...ranks), round(dense.accuracy * 100)], [Math.max(...ranks), round(dense.accuracy * 100)]] as const }] : []),
  ];
}

export const LOW_RANK_QUESTION: Question = {
  prompt: 'Each hidden-to-hidden kernel (128 × 128 by default) becomes two thin factors of rank r. What is the smallest rank that keeps test accuracy within 2 points of the dense network?',
  choices: [
    { label: '1 or 2', min: -Infinity },
    { label: '4 to 8', min: 3 },
    { label: '16 to 32', min: 12 },
    { label: '64 or more', min: 48 },
  ],
  measure(series) {
    const dense = seriesNamed(series, 'dense').points[0]![1];
    const enough = seriesNamed(series, 'factorized').points.filter(([, y]) => y >= dense - 2);
    return enough.length === 0 ? Infinity : Math.min(...enough.map(([x]) => x));
  },
  describe: (value) => (Number.isFinite(value) ? `rank ${value}` : 'none of the ranks tried'),
};
