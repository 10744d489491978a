// Pruning demo UI: controls, the accuracy/latency-against-sparsity chart, decision boundaries before
// and after pruning, and the numbers as a table. DOM and charts only; the model runs in the worker.
import { createChart } from '../shared/chart.ts';
import { element, uniqueId } from '../shared/dom.ts';
import { bytes, integer, milliseconds, percent } from '../shared/format.ts';
import { boundaryCanvas, dataTable, section, summaryList } from '../shared/results.ts';
import { mountDemo, type Cleanup } from '../shared/widget.ts';
import { BOUNDARY_EXTENT, BOUNDARY_SIZE, PRUNING_PARAMS, type PruningResult, type PruningRow, type PruningSettings } from './config.ts';
import { PRUNING_QUESTION, pruningSeries } from './typical.ts';

export function mount(root: HTMLElement): Cleanup {
  return mountDemo<PruningSettings, PruningResult>(root, {
    name: 'pruning',
    params: PRUNING_PARAMS,
    question: PRUNING_QUESTION,
    series: pruningSeries,
    controls(c) {
      c.select('shape', 'Dataset', (v) => (v === 'spirals' ? 'two spirals' : 'two moons'));
      c.select('mode', 'Prune', (v) => (v === 'weights' ? 'individual weights (unstructured)' : 'whole neurons (structured)'));
      c.range('fineTuneEpochs', 'Fine-tuning after pruning', (v) => (v === 0 ? 'off' : `${v} epochs`));
      c.seed();
    },
    render(results, result) {
      const { rows, settings } = result;
      const tuned = settings.fineTuneEpochs > 0;
      const finalAccuracy = (row: PruningRow): number => row.fineTunedAccuracy ?? row.accuracy;
      const dense = rows[0]!;
      const sparsityLabel = settings.mode === 'weights' ? 'weights pruned' : 'neurons removed';
      const mostPruned = [...rows].reverse().find((r) => finalAccuracy(r) >= finalAccuracy(dense) - 0.01);
      results.append(
        summaryList([
          ['Dense accuracy', percent(dense.accuracy)],
          ['Dense size', `${integer(dense.params)} params · ${bytes(dense.bytes)}`],
          ['Dense latency (1,024 inputs)', milliseconds(dense.latencyMs)],
          [`Most ${sparsityLabel} within 1 point of dense`, mostPruned ? `${Math.round(mostPruned.sparsity * 100)} % (${bytes(mostPruned.bytes)}, ${milliseconds(mostPruned.latencyMs)})` : 'none'],
        ]),
      );

      const chartSection = section('Accuracy and latency against sparsity');
      results.append(chartSection);
      const x = rows.map((r) => r.sparsity * 100);
      const chart = createChart(
        chartSection,
        {
          title: `Test accuracy (left axis) and inference latency (right axis) against the share of ${sparsityLabel}`,
          xLabel: `${sparsityLabel} (%)`,
          yLabel: 'test accuracy (%)',
          y2Label: 'latency (ms)',
          yRange: [0, 100],
          series: [
            { label: 'accuracy after pruning', points: true },
            ...(tuned ? [{ label: 'accuracy after fine-tuning', points: true, dash: [6, 4] }] : []),
            { label: 'latency (ms)', scale: 'y2' as const, points: true, colour: '#9a6700' },
          ],
        },
        [
          x,
          rows.map((r) => r.accuracy * 100),
          ...(tuned ? [rows.map((r) => finalAccuracy(r) * 100)] : []),
          rows.map((r) => r.latencyMs),
        ],
      );

      const boundarySection = section('Decision boundary before and after pruning');
      const slider = element('input', { type: 'range', min: '1', max: String(rows.length - 1), step: '1', id: uniqueId('atlas-demo-boundary') });
      slider.value = String(rows.length - 2);
      const sliderLabel = element('label', { for: slider.id }, 'Show the boundary at');
      const sliderValue = element('output', { 'aria-hidden': 'true' });
      const controls = element('div', { class: 'atlas-demo__inline-controls' });
      const field = element('div', { class: 'atlas-demo__field' });
      field.append(sliderLabel, slider, sliderValue);
      controls.append(field);
      const images = element('div', { class: 'atlas-demo__boundaries' });
      boundarySection.append(controls, images);
      results.append(boundarySection);
      const figureFor = (level: number): HTMLElement => {
        const row = rows[level]!;
        const caption = `${Math.round(row.sparsity * 100)} % ${sparsityLabel}: ${percent(finalAccuracy(row))} test accuracy`;
        const figure = element('figure');
        figure.append(
          boundaryCanvas(`Decision boundary at ${caption}`, BOUNDARY_SIZE, BOUNDARY_EXTENT, result.boundaries[level]!, result.testPoints, result.testLabels),
          element('figcaption', {}, level === 0 ? `Dense model: ${percent(row.accuracy)} test accuracy` : caption),
        );
        return figure;
      };
      const showLevel = (): void => {
        const level = Number(slider.value);
        const text = `${Math.round(rows[level]!.sparsity * 100)} % ${sparsityLabel}`;
        sliderValue.textContent = text;
        slider.setAttribute('aria-valuetext', text);
        images.replaceChildren(figureFor(0), figureFor(level));
      };
      slider.addEventListener('input', showLevel);
      showLevel();

      results.append(
        dataTable<PruningRow>(
          `Accuracy and cost at each sparsity (${settings.mode === 'weights' ? 'bytes as compressed sparse rows' : 'bytes of the smaller dense model'})`,
          [
            { label: `${sparsityLabel}`, value: (r) => `${Math.round(r.sparsity * 100)} %`, rowHeader: true },
            { label: 'accuracy after pruning', value: (r) => percent(r.accuracy) },
            ...(tuned ? [{ label: 'after fine-tuning', value: (r: PruningRow) => percent(finalAccuracy(r)) }] : []),
            { label: 'non-zero params', value: (r) => integer(r.nonzeroParams) },
            { label: 'bytes', value: (r) => bytes(r.bytes) },
            { label: 'latency (1,024 inputs)', value: (r) => milliseconds(r.latencyMs) },
          ],
          rows,
        ),
      );
      if (settings.mode === 'weights') {
        results.append(
          element(
            'p',
            { class: 'atlas-demo__explain' },
            'Zeroed weights still pass through the dense matrix multiply, so latency barely moves: unstructured sparsity saves storage, and saves time only on kernels and hardware built for sparse matrices. Choose “whole neurons” to see a smaller dense model run faster.',
          ),
        );
      }
      return () => {
        slider.removeEventListener('input', showLevel);
        chart.destroy();
      };
    },
  });
}
