// Distillation demo settings, parameters (URL), defaults and result shape, shared by model (worker)
// and ui (page).
import type { Cost } from '../shared/protocol.ts';
import { choice, defaultsOf, numberRange, SEED_PARAM, type ParamSpecsFor } from '../shared/urlState.ts';

export type StudentShape = '8' | '4-4' | '16';

export interface DistillationSettings {
  /** Softmax temperature T for the teacher's targets and the student's matching logits. */
  readonly temperature: number;
  /** Weight α of the soft-target loss; 1 − α goes to the hard labels. */
  readonly alpha: number;
  readonly student: StudentShape;
  readonly seed: number;
}

export const STUDENT_HIDDEN: Readonly<Record<StudentShape, readonly number[]>> = { '8': [8], '4-4': [4, 4], '16': [16] };
export const DISTILLATION_PARAMS: ParamSpecsFor<DistillationSettings> = {
  temperature: numberRange(1, 8, 0.5, 2),
  alpha: numberRange(0, 1, 0.1, 0.9),
  student: choice<StudentShape>(['8', '4-4', '16'], '4-4'),
  seed: SEED_PARAM,
};
export const DEFAULT_DISTILLATION_SETTINGS: DistillationSettings = defaultsOf<DistillationSettings>(DISTILLATION_PARAMS);
export const TEACHER_HIDDEN: readonly number[] = [64, 64];
export const DISTILLATION_CLASSES = 3;
export const TEACHER_EPOCHS = 40;
export const STUDENT_EPOCHS = 60;

export interface ModelReport extends Cost {
  readonly accuracy: number;
  /** Test accuracy after each epoch (students only; empty for the teacher). */
  readonly curve: readonly number[];
}

export interface DistillationResult {
  readonly settings: DistillationSettings;
  readonly teacher: ModelReport;
  /** The student trained on hard labels only. */
  readonly hardStudent: ModelReport;
  /** The same student, same initial weights and batches, trained on the teacher's softened outputs. */
  readonly distilledStudent: ModelReport;
}

/** Streamed while the students train: test accuracy curves so far. */
export interface DistillationPartial {
  readonly hard: readonly number[];
  readonly distilled: readonly number[];
  readonly teacherAccuracy: number;
}
