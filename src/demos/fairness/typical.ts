// Fairness demo in figures: each group's selection rate against a shared threshold, and the question
// a reader answers before seeing it.
import { round, seriesNamed, yNear, type Question, type TypicalSeries } from '../shared/typical.ts';
import type { FairnessResult } from './config.ts';
import { groupRates } from './metrics.ts';

const THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export function fairnessSeries(result: FairnessResult): TypicalSeries[] {
  const { baseRateA, baseRateB } = result.settings;
  return [0, 1].map((group) => {
    const scores = result.scores.filter((_, i) => result.groups[i] === group);
    const labels = result.labels.filter((_, i) => result.groups[i] === group);
    const rate = group === 0 ? baseRateA : baseRateB;
    return {
      label: `group ${group === 0 ? 'A' : 'B'} (base rate ${Math.round(rate * 100)} %)`,
      points: THRESHOLDS.map((t) => [t, round(groupRates(scores, labels, t).selectionRate * 100)] as const),
    };
  });
}

export const FAIRNESS_QUESTION: Question = {
  prompt: 'Group A is qualified more often than group B (50 % against 20 % by default), and the classifier never sees the group. At one shared threshold of 0.5, how many times more often is group A selected?',
  choices: [
    { label: 'about equally often (under 1.25×)', min: -Infinity },
    { label: '1.25 to 2.5 times as often', min: 1.25 },
    { label: '2.5 times as often or more', min: 2.5 },
  ],
  measure(series) {
    // Labels carry the base rate ("group A (base rate 50 %)"): match on the group.
    const at = (group: string): number => {
      const found = series.find((s) => s.label.startsWith(`${group} `));
      return yNear((found ?? seriesNamed(series, group)).points, 0.5);
    };
    return round(at('group A') / at('group B'), 2);
  },
  describe: (value) => `group A selected ${value}× as often`,
};
