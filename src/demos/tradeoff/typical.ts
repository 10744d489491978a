// Trade-off demo in figures: the Pareto frontier of accuracy against parameters, and the question a
// reader answers before seeing it.
import { round, seriesNamed, type Question, type TypicalSeries } from '../shared/typical.ts';
import type { TradeoffResult } from './config.ts';
import { paretoFrontier } from './pareto.ts';

export function tradeoffSeries(result: TradeoffResult): TypicalSeries[] {
  const frontier = paretoFrontier(result.rows.map((r) => ({ cost: r.params, value: r.accuracy })));
  return [{ label: 'Pareto frontier', points: frontier.map((i) => [result.rows[i]!.params, round(result.rows[i]!.accuracy * 100)] as const) }];
}

export const TRADEOFF_QUESTION: Question = {
  prompt: 'Of all the networks trained, take the most accurate. How many times fewer parameters does the smallest network within 2 points of its accuracy need?',
  choices: [
    { label: 'no saving (under 1.5× fewer)', min: -Infinity },
    { label: '1.5 to 3× fewer', min: 1.5 },
    { label: '3 to 10× fewer', min: 3 },
    { label: '10× fewer or more', min: 10 },
  ],
  measure(series) {
    const points = seriesNamed(series, 'Pareto frontier').points;
    const [bestParams, bestAccuracy] = points.reduce((a, b) => (b[1] > a[1] ? b : a));
    const smallest = Math.min(...points.filter(([, y]) => y >= bestAccuracy - 2).map(([x]) => x));
    return round(bestParams / smallest);
  },
  describe: (value) => `${value}× fewer parameters`,
};
