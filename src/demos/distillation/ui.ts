// Distillation demo UI: student accuracy per epoch on hard labels and on the teacher's soft targets,
// next to the teacher, with size and latency for all three. DOM and charts only.
import { createChart, type Chart, type ChartData } from '../shared/chart.ts';
import { bytes, integer, milliseconds, percent } from '../shared/format.ts';
import { dataTable, section, summaryList } from '../shared/results.ts';
import { mountDemo, type Cleanup } from '../shared/widget.ts';
import {
  DISTILLATION_PARAMS,
  STUDENT_HIDDEN,
  TEACHER_HIDDEN,
  type DistillationPartial,
  type DistillationResult,
  type DistillationSettings,
  type ModelReport,
} from './config.ts';
import { DISTILLATION_QUESTION, distillationSeries } from './typical.ts';

const architecture = (hidden: readonly number[]): string => `2-${hidden.join('-')}-3`;

function curveData(hard: readonly number[], distilled: readonly number[], teacherAccuracy: number): ChartData {
  const epochs = Math.max(hard.length, distilled.length, 1);
  const x = Array.from({ length: epochs }, (_, i) => i + 1);
  const percentOrGap = (values: readonly number[], i: number): number | null => (i < values.length ? values[i]! * 100 : null);
  return [x, x.map(() => teacherAccuracy * 100), x.map((_, i) => percentOrGap(hard, i)), x.map((_, i) => percentOrGap(distilled, i))];
}

const CURVE_SPEC = {
  title: 'Student test accuracy after each epoch, with the teacher for reference',
  xLabel: 'epoch',
  yLabel: 'test accuracy (%)',
  yRange: [0, 100] as const,
  series: [
    { label: 'teacher', dash: [2, 4], colour: '#57606a' },
    { label: 'student on hard labels' },
    { label: 'distilled student', dash: [6, 4] },
  ],
};

export function mount(root: HTMLElement): Cleanup {
  return mountDemo<DistillationSettings, DistillationResult>(root, {
    name: 'distillation',
    params: DISTILLATION_PARAMS,
    question: DISTILLATION_QUESTION,
    series: distillationSeries,
    controls(c) {
      c.range('temperature', 'Temperature T', (v) => `T = ${v}`);
      c.range('alpha', 'Weight on soft targets α', (v) => `α = ${v.toFixed(1)}`);
      c.select('student', 'Student', (s) => architecture(STUDENT_HIDDEN[s]));
      c.seed();
    },
    live(results) {
      let chart: Chart | null = null;
      return {
        update(partial) {
          const { hard, distilled, teacherAccuracy } = partial as DistillationPartial;
          const data = curveData(hard, distilled, teacherAccuracy);
          if (chart) chart.setData(data);
          else chart = createChart(results, CURVE_SPEC, data);
        },
        destroy: () => chart?.destroy(),
      };
    },
    render(results, result) {
      const { teacher, hardStudent, distilledStudent, settings } = result;
      const studentHidden = STUDENT_HIDDEN[settings.student];
      results.append(
        summaryList([
          ['Teacher', `${percent(teacher.accuracy)} · ${integer(teacher.params)} params`],
          ['Student, hard labels', percent(hardStudent.accuracy)],
          [`Student, distilled (T = ${settings.temperature}, α = ${settings.alpha.toFixed(1)})`, percent(distilledStudent.accuracy)],
          ['Student size', `${integer(hardStudent.params)} params · ${(teacher.params / hardStudent.params).toFixed(0)}× smaller`],
          ['Student latency', `${milliseconds(hardStudent.latencyMs)} vs ${milliseconds(teacher.latencyMs)} (teacher)`],
        ]),
      );
      const chartSection = section('Student accuracy during training');
      results.append(chartSection);
      const chart = createChart(chartSection, CURVE_SPEC, curveData(hardStudent.curve, distilledStudent.curve, teacher.accuracy));
      const rows: [string, ModelReport][] = [
        [`teacher ${architecture(TEACHER_HIDDEN)}`, teacher],
        [`student ${architecture(studentHidden)}, hard labels`, hardStudent],
        [`student ${architecture(studentHidden)}, distilled`, distilledStudent],
      ];
      results.append(
        dataTable<[string, ModelReport]>(
          'Accuracy and cost of teacher and students',
          [
            { label: 'model', value: ([name]) => name, rowHeader: true },
            { label: 'test accuracy', value: ([, r]) => percent(r.accuracy) },
            { label: 'params', value: ([, r]) => integer(r.params) },
            { label: 'bytes (float32)', value: ([, r]) => bytes(r.bytes) },
            { label: 'latency (1,024 inputs)', value: ([, r]) => milliseconds(r.latencyMs) },
          ],
          rows,
        ),
      );
      return () => chart.destroy();
    },
  });
}
