// Precision-recall demo UI: a threshold slider driving the confusion matrix, precision, recall, F1
// and accuracy (against the always-negative baseline), the precision-recall curve with its average
// precision, and the metrics across all thresholds. DOM and charts only; metrics are pure functions.
import { createChart, type ChartData } from '../shared/chart.ts';
import { element, uniqueId } from '../shared/dom.ts';
import { bytes, fixed, integer, milliseconds, percent } from '../shared/format.ts';
import { dataTable, section, summaryList } from '../shared/results.ts';
import { mountDemo, type Cleanup } from '../shared/widget.ts';
import { PRECISION_RECALL_PARAMS, type PrecisionRecallResult, type PrecisionRecallSettings } from './config.ts';
import { PRECISION_RECALL_QUESTION, precisionRecallSeries } from './typical.ts';
import { accuracy, allNegativeAccuracy, averagePrecision, confusionMatrix, f1, precision, precisionRecallCurve, recall, type ConfusionMatrix } from './metrics.ts';

const THRESHOLDS = Array.from({ length: 101 }, (_, i) => i / 100);

export function mount(root: HTMLElement): Cleanup {
  return mountDemo<PrecisionRecallSettings, PrecisionRecallResult>(root, {
    name: 'precision-recall',
    params: PRECISION_RECALL_PARAMS,
    question: PRECISION_RECALL_QUESTION,
    series: (result) => precisionRecallSeries(result.scores, result.labels),
    controls(c) {
      c.range('positiveRate', 'Share of positives', (v) => percent(v, 0));
      c.range('separation', 'Class separation', (v) => `${v} standard deviations`);
      c.seed();
    },
    render(results, result) {
      const { scores, labels, cost } = result;
      const curve = precisionRecallCurve(scores, labels);
      const ap = averagePrecision(scores, labels);
      const baseline = allNegativeAccuracy(labels);
      const positives = labels.reduce((n, l) => n + l, 0);
      const matrices = THRESHOLDS.map((t) => confusionMatrix(scores, labels, t));

      const controls = element('div', { class: 'atlas-demo__inline-controls' });
      const field = element('div', { class: 'atlas-demo__field' });
      const slider = element('input', { type: 'range', min: '0', max: '1', step: '0.01', id: uniqueId('atlas-demo-threshold') });
      slider.value = '0.5';
      const output = element('output', { 'aria-hidden': 'true' });
      field.append(element('label', { for: slider.id }, 'Decision threshold'), slider, output);
      controls.append(field);
      const summaryHost = element('div');
      const explain = element('p', { class: 'atlas-demo__explain' });
      const matrixHost = element('div');
      results.append(
        element('p', {}, `Test set: ${integer(labels.length)} examples, ${integer(positives)} positive (${percent(positives / labels.length)}). Classifier: ${integer(cost.params)} params, ${bytes(cost.bytes)}, ${milliseconds(cost.latencyMs)} per 1,024 inputs.`),
        controls,
        summaryHost,
        explain,
        matrixHost,
      );

      const prSection = section('Precision-recall curve');
      const thresholdSection = section('Metrics at every threshold');
      results.append(prSection, thresholdSection);
      const prData = (threshold: number): ChartData => {
        const current = curve.reduce((best, p, i) => (p.threshold >= threshold ? i : best), -1);
        return [curve.map((p) => p.recall * 100), curve.map((p) => p.precision * 100), curve.map((p, i) => (i === current ? p.precision * 100 : null))];
      };
      const prChart = createChart(
        prSection,
        {
          title: `Precision against recall over all thresholds (average precision ${fixed(ap)}; a random ranking scores ${fixed(positives / labels.length)})`,
          xLabel: 'recall (%)',
          yLabel: 'precision (%)',
          yRange: [0, 100],
          series: [
            { label: 'precision-recall curve' },
            { label: 'current threshold', line: false, points: 11, colour: '#9a6700' },
          ],
        },
        prData(0.5),
      );
      const thresholdData = (threshold: number): ChartData => {
        const index = Math.round(threshold * 100);
        return [
          THRESHOLDS,
          matrices.map((m) => precision(m) * 100),
          matrices.map((m) => recall(m) * 100),
          matrices.map((m) => f1(m) * 100),
          matrices.map((m) => accuracy(m) * 100),
          THRESHOLDS.map((_, i) => (i === index ? accuracy(matrices[i]!) * 100 : null)),
        ];
      };
      const thresholdChart = createChart(
        thresholdSection,
        {
          title: 'Precision, recall, F1 and accuracy against the decision threshold',
          xLabel: 'threshold',
          yLabel: 'metric (%)',
          yRange: [0, 100],
          series: [
            { label: 'precision' },
            { label: 'recall', dash: [6, 4] },
            { label: 'F1', dash: [2, 3] },
            { label: 'accuracy', colour: '#8250df' },
            { label: 'current threshold', line: false, points: 11, colour: '#9a6700' },
          ],
        },
        thresholdData(0.5),
      );

      const show = (): void => {
        const threshold = Number(slider.value);
        const m: ConfusionMatrix = confusionMatrix(scores, labels, threshold);
        output.textContent = threshold.toFixed(2);
        slider.setAttribute('aria-valuetext', `threshold ${threshold.toFixed(2)}: precision ${percent(precision(m))}, recall ${percent(recall(m))}`);
        summaryHost.replaceChildren(
          summaryList([
            ['Accuracy', percent(accuracy(m))],
            ['Always “negative” accuracy', percent(baseline)],
            ['Precision', percent(precision(m))],
            ['Recall', percent(recall(m))],
            ['F1', fixed(f1(m))],
            ['Average precision', fixed(ap)],
          ]),
        );
        explain.textContent = `A model that always answers “negative” is ${percent(baseline)} accurate and finds none of the ${integer(positives)} positives. At this threshold the classifier is ${percent(accuracy(m))} accurate, yet misses ${integer(m.fn)} positives (recall ${percent(recall(m))}) and raises ${integer(m.fp)} false alarms: on imbalanced data, accuracy says little about the rare class.`;
        matrixHost.replaceChildren(
          dataTable<[string, number, number]>(
            `Confusion matrix at threshold ${threshold.toFixed(2)}`,
            [
              { label: '', value: ([name]) => name, rowHeader: true },
              { label: 'predicted positive', value: ([, p]) => integer(p) },
              { label: 'predicted negative', value: ([, , n]) => integer(n) },
            ],
            [
              ['actually positive', m.tp, m.fn],
              ['actually negative', m.fp, m.tn],
            ],
          ),
        );
        matrixHost.querySelector('table')?.classList.add('atlas-demo__matrix');
        prChart.setData(prData(threshold));
        thresholdChart.setData(thresholdData(threshold));
      };
      slider.addEventListener('input', show);
      show();
      return () => {
        slider.removeEventListener('input', show);
        prChart.destroy();
        thresholdChart.destroy();
      };
    },
  });
}
