// Distillation demo in figures: both students' accuracy per epoch, and the question a reader answers
// before seeing it.
import { round, seriesNamed, type Question, type TypicalSeries } from '../shared/typical.ts';
import type { DistillationResult } from './config.ts';

/** Accuracy (%) at the first epoch and every tenth, and at the last (the live chart draws every epoch). */
function curve(values: readonly number[]): [number, number][] {
  return values.flatMap((a, i): [number, number][] => (i === 0 || (i + 1) % 10 === 0 || i === values.length - 1 ? [[i + 1, round(a * 100)]] : []));
}

export function distillationSeries(result: DistillationResult): TypicalSeries[] {
  return [
    { label: 'student on hard labels', points: curve(result.hardStudent.curve) },
    { label: 'distilled student', points: curve(result.distilledStudent.curve) },
  ];
}

export const DISTILLATION_QUESTION: Question = {
  prompt: 'The same small student, trained on the labels or on the teacher’s softened outputs: after the last epoch, how does the distilled student compare?',
  choices: [
    { label: 'worse than on labels', min: -Infinity },
    { label: 'about the same (within 1 point)', min: -1 },
    { label: 'better by 1 to 5 points', min: 1 },
    { label: 'better by more than 5 points', min: 5 },
  ],
  measure(series) {
    const last = (label: string): number => seriesNamed(series, label).points.at(-1)![1];
    return round(last('distilled student') - last('student on hard labels'));
  },
  describe: (value) => `${value >= 0 ? '+' : '−'}${Math.abs(value)} points for the distilled student`,
};
