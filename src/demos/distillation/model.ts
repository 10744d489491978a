// Distillation demo model (Hinton, Vinyals & Dean 2015, "Distilling the Knowledge in a Neural Network"):
// a large teacher is trained on the labels; then the same small student (same initial weights, same
// batches) is trained twice: on the hard labels, and on
//   L = α·T²·H(softmax(z_teacher/T), softmax(z_student/T)) + (1 − α)·H(y, softmax(z_student))
// where the T² keeps the soft term's gradients on the scale of the hard term's as T changes.
import * as tf from '@tensorflow/tfjs-core';
import { denseCost } from '../shared/cost.ts';
import { accuracy, createMlp, disposeMlp, forward, readWeights, train, type Batch, type Mlp } from '../shared/mlp.ts';
import type { Progress } from '../shared/protocol.ts';
import {
  DISTILLATION_CLASSES,
  STUDENT_EPOCHS,
  STUDENT_HIDDEN,
  TEACHER_EPOCHS,
  TEACHER_HIDDEN,
  type DistillationPartial,
  type DistillationResult,
  type DistillationSettings,
  type ModelReport,
} from './config.ts';
import { makeDistillationData } from './data.ts';

/** The distillation loss above, for a batch whose teacher logits are rows `batch.indices` of `teacherLogits`. */
export function distillationLoss(studentLogits: tf.Tensor2D, batch: Batch, teacherLogits: tf.Tensor2D, temperature: number, alpha: number): tf.Scalar {
  return tf.tidy(() => {
    const soft = tf.softmax(tf.div(tf.gather(teacherLogits, batch.indices), temperature));
    const softTerm = tf.mul(temperature * temperature, tf.losses.softmaxCrossEntropy(soft, tf.div(studentLogits, temperature)));
    const hardTerm = tf.losses.softmaxCrossEntropy(batch.oneHot, studentLogits);
    return tf.add(tf.mul(alpha, softTerm), tf.mul(1 - alpha, hardTerm)) as tf.Scalar;
  });
}

async function report(mlp: Mlp, testAccuracy: number, curve: readonly number[]): Promise<ModelReport> {
  return { accuracy: testAccuracy, curve, ...(await denseCost(mlp, readWeights(mlp))) };
}

export interface DistillationBudget {
  readonly teacherEpochs: number;
  readonly studentEpochs: number;
}

/** `budget` exists so tests can run the same code with fewer epochs. */
export async function runDistillation(
  settings: DistillationSettings,
  progress: Progress,
  budget: DistillationBudget = { teacherEpochs: TEACHER_EPOCHS, studentEpochs: STUDENT_EPOCHS },
): Promise<DistillationResult> {
  const { teacherEpochs, studentEpochs } = budget;
  const data = makeDistillationData(settings.seed);
  const { temperature, alpha, seed } = settings;
  const teacher = createMlp({ inputs: 2, hidden: TEACHER_HIDDEN, outputs: DISTILLATION_CLASSES }, seed + 1);
  const studentSpec = { inputs: 2, hidden: STUDENT_HIDDEN[settings.student], outputs: DISTILLATION_CLASSES };
  const hard = createMlp(studentSpec, seed + 3);
  const distilled = createMlp(studentSpec, seed + 3);
  let teacherLogits: tf.Tensor2D | null = null;
  try {
    await train(teacher, data.train, {
      epochs: teacherEpochs,
      batchSize: 64,
      learningRate: 0.01,
      l2: 1e-4,
      seed: seed + 2,
      onEpoch: ({ epoch }) => progress((0.4 * epoch) / teacherEpochs, `Training the teacher: epoch ${epoch}/${teacherEpochs}`),
    });
    const teacherAccuracy = accuracy(teacher, data.test);
    teacherLogits = tf.tidy(() => forward(teacher, tf.tensor2d(data.train.x, [data.train.n, data.train.dims])));
    const logits = teacherLogits;
    const hardCurve: number[] = [];
    const distilledCurve: number[] = [];
    const partial = (): DistillationPartial => ({ hard: [...hardCurve], distilled: [...distilledCurve], teacherAccuracy });
    await train(hard, data.train, {
      epochs: studentEpochs,
      batchSize: 64,
      learningRate: 0.01,
      seed: seed + 4,
      onEpoch: ({ epoch }) => {
        hardCurve.push(accuracy(hard, data.test));
        return progress(0.4 + (0.3 * epoch) / studentEpochs, `Student on hard labels: epoch ${epoch}/${studentEpochs}`, partial());
      },
    });
    await train(distilled, data.train, {
      epochs: studentEpochs,
      batchSize: 64,
      learningRate: 0.01,
      seed: seed + 4,
      loss: (studentLogits, batch) => distillationLoss(studentLogits, batch, logits, temperature, alpha),
      onEpoch: ({ epoch }) => {
        distilledCurve.push(accuracy(distilled, data.test));
        return progress(0.7 + (0.25 * epoch) / studentEpochs, `Distilled student (T = ${temperature}): epoch ${epoch}/${studentEpochs}`, partial());
      },
    });
    await progress(0.97, 'Measuring inference latency');
    return {
      settings,
      teacher: await report(teacher, teacherAccuracy, []),
      hardStudent: await report(hard, hardCurve.at(-1)!, hardCurve),
      distilledStudent: await report(distilled, distilledCurve.at(-1)!, distilledCurve),
    };
  } finally {
    teacherLogits?.dispose();
    for (const m of [teacher, hard, distilled]) disposeMlp(m);
  }
}
