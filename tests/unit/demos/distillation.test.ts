import { beforeAll, describe, expect, test } from 'vitest';
import { STUDENT_HIDDEN, TEACHER_HIDDEN } from '../../../src/demos/distillation/config.ts';
import { distillationLoss, runDistillation } from '../../../src/demos/distillation/model.ts';
import { countParams } from '../../../src/demos/shared/mlp.ts';
import { useCpu } from './tf.ts';

let tf: Awaited<ReturnType<typeof useCpu>>;
beforeAll(async () => {
  tf = await useCpu();
});

const softmax = (z: number[], t: number): number[] => {
  const e = z.map((v) => Math.exp(v / t));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const crossEntropy = (p: number[], q: number[]): number => -p.reduce((s, pi, i) => s + pi * Math.log(q[i]!), 0);

describe('distillationLoss', () => {
  const teacher = [[2, 0.5, -1], [0, 3, 1]];
  const student = [[1, 0, 0], [0.5, 0.5, 2]];
  const labels = [[1, 0, 0], [0, 0, 1]];

  test.each([
    [1, 1],
    [4, 1],
    [4, 0],
    [2, 0.7],
  ])('T = %f, α = %f matches the formula by hand', (temperature, alpha) => {
    const expected =
      [0, 1].reduce((sum, row) => {
        const soft = temperature * temperature * crossEntropy(softmax(teacher[row]!, temperature), softmax(student[row]!, temperature));
        const hard = crossEntropy(labels[row]!, softmax(student[row]!, 1));
        return sum + alpha * soft + (1 - alpha) * hard;
      }, 0) / 2;
    const loss = tf.tidy(() =>
      distillationLoss(
        tf.tensor2d(student),
        { x: tf.zeros([2, 2]), oneHot: tf.tensor2d(labels), indices: tf.tensor1d([0, 1], 'int32') },
        tf.tensor2d(teacher),
        temperature,
        alpha,
      ).dataSync()[0]!,
    );
    expect(loss).toBeCloseTo(expected, 5);
  });

  test('gathers the teacher rows of the batch', () => {
    const withIndices = (indices: number[]): number =>
      tf.tidy(() =>
        distillationLoss(tf.tensor2d([student[0]!]), { x: tf.zeros([1, 2]), oneHot: tf.tensor2d([labels[0]!]), indices: tf.tensor1d(indices, 'int32') }, tf.tensor2d(teacher), 2, 1).dataSync()[0]!,
      );
    expect(withIndices([0])).not.toBeCloseTo(withIndices([1]), 3);
    expect(withIndices([1])).toBeCloseTo(4 * crossEntropy(softmax(teacher[1]!, 2), softmax(student[0]!, 2)), 5);
  });
});

describe('runDistillation', () => {
  test('produces the curves and numbers it reports', async () => {
    const partials: { hard: readonly number[]; distilled: readonly number[] }[] = [];
    const settings = { temperature: 3, alpha: 0.8, student: '8', seed: 2 } as const;
    const result = await runDistillation(settings, (_, __, partial) => void (partial && partials.push(partial as never)), { teacherEpochs: 8, studentEpochs: 6 });
    expect(result.hardStudent.curve).toHaveLength(6);
    expect(result.distilledStudent.curve).toHaveLength(6);
    expect(result.hardStudent.accuracy).toBe(result.hardStudent.curve.at(-1));
    expect(result.distilledStudent.accuracy).toBe(result.distilledStudent.curve.at(-1));
    for (const a of [...result.hardStudent.curve, ...result.distilledStudent.curve]) expect(a).toBeGreaterThanOrEqual(0), expect(a).toBeLessThanOrEqual(1);
    expect(result.teacher.params).toBe(countParams({ inputs: 2, hidden: TEACHER_HIDDEN, outputs: 3 }));
    expect(result.hardStudent.params).toBe(countParams({ inputs: 2, hidden: STUDENT_HIDDEN['8'], outputs: 3 }));
    expect(result.teacher.curve).toEqual([]);
    // Accuracies are measured on the 600 test points: the teacher learns, and whole rows count.
    expect(result.teacher.accuracy).toBeGreaterThan(0.5);
    for (const a of [result.teacher.accuracy, result.hardStudent.accuracy]) expect(Math.abs(a * 600 - Math.round(a * 600))).toBeLessThan(1e-9);
    // The live curves grow one epoch at a time: first the hard student, then the distilled one.
    expect(partials.map((p) => [p.hard.length, p.distilled.length])).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((n) => [n, 0]),
      ...[1, 2, 3, 4, 5, 6].map((n) => [6, n]),
    ]);
    expect(partials.at(-1)!.distilled).toEqual(result.distilledStudent.curve);
  });

  test('α = 0 trains the distilled student exactly like the hard-label one; α = 1 does not', async () => {
    const budget = { teacherEpochs: 2, studentEpochs: 3 };
    const result = await runDistillation({ temperature: 4, alpha: 0, student: '4-4', seed: 1 }, () => {}, budget);
    result.distilledStudent.curve.forEach((a, i) => expect(a).toBeCloseTo(result.hardStudent.curve[i]!, 10));
    // With only the teacher's soft targets the same student, batches and start learn something else.
    const soft = await runDistillation({ temperature: 4, alpha: 1, student: '4-4', seed: 1 }, () => {}, budget);
    expect(soft.hardStudent.curve).toEqual(result.hardStudent.curve);
    expect(soft.distilledStudent.curve).not.toEqual(soft.hardStudent.curve);
  });
});
