// Batch-size demo UI: throughput and per-batch latency against batch size, the saturation point, and
// the numbers as a table. DOM and charts only; the model runs in the worker.
import { createChart, type Chart, type ChartData } from '../shared/chart.ts';
import { element } from '../shared/dom.ts';
import { integer, milliseconds, percent } from '../shared/format.ts';
import { dataTable, section, summaryList } from '../shared/results.ts';
import { mountDemo, type Cleanup } from '../shared/widget.ts';
import { BATCH_SIZE_PARAMS, SATURATION_SHARE, type BatchRow, type BatchSizeResult, type BatchSizeSettings } from './config.ts';
import { BATCH_SIZE_QUESTION, batchSizeSeries } from './typical.ts';

const perSecond = (value: number): string => `${integer(value)} inputs/s`;

const CHART = {
  title: 'Throughput (left axis) and the latency of one batch (right axis) against batch size, on this device',
  xLabel: 'batch size',
  yLabel: 'throughput (inputs/s)',
  y2Label: 'latency per batch (ms)',
  xLog: true,
  series: [
    { label: 'throughput', points: true },
    { label: 'latency per batch (ms)', scale: 'y2' as const, points: true, dash: [6, 4], colour: '#9a6700' },
  ],
};

const chartData = (rows: readonly BatchRow[]): ChartData => [rows.map((r) => r.batch), rows.map((r) => r.throughput), rows.map((r) => r.batchLatencyMs)];

export function mount(root: HTMLElement): Cleanup {
  return mountDemo<BatchSizeSettings, BatchSizeResult>(root, {
    name: 'batch-size',
    params: BATCH_SIZE_PARAMS,
    question: BATCH_SIZE_QUESTION,
    series: (result) => batchSizeSeries(result.rows),
    controls(c) {
      c.select('width', 'Hidden layer width', (w) => `${w} (2-${w}-${w}-3)`);
      c.select('maxBatch', 'Largest batch', (b) => String(b));
      c.seed();
    },
    live(results) {
      let chart: Chart | null = null;
      return {
        update(partial) {
          const data = chartData((partial as { rows: BatchRow[] }).rows);
          if (chart) chart.setData(data);
          else chart = createChart(results, CHART, data);
        },
        destroy: () => chart?.destroy(),
      };
    },
    render(results, result) {
      const { rows, saturationBatch } = result;
      const one = rows[0]!;
      const best = rows.reduce((a, b) => (b.throughput > a.throughput ? b : a));
      const saturated = rows.find((r) => r.batch === saturationBatch)!;
      const largest = rows.at(-1)!;
      const accuracies = rows.map((r) => r.accuracy);
      const sameAccuracy = accuracies.every((a) => a === accuracies[0]);
      results.append(
        summaryList([
          ['One input at a time', `${perSecond(one.throughput)} · ${milliseconds(one.batchLatencyMs)} each`],
          ['Best throughput', `${perSecond(best.throughput)} at batch ${best.batch} (${(best.throughput / one.throughput).toFixed(1)}×)`],
          [`Saturates (≥ ${Math.round(SATURATION_SHARE * 100)} % of best) at`, `batch ${saturationBatch}, ${milliseconds(saturated.batchLatencyMs)} per batch`],
          [`Batch of ${largest.batch}`, `${milliseconds(largest.batchLatencyMs)} per batch, ${(largest.batchLatencyMs / saturated.batchLatencyMs).toFixed(1)}× the wait at saturation`],
          ['Test accuracy', sameAccuracy ? `${percent(accuracies[0]!)} at every batch size` : `${percent(Math.min(...accuracies))} to ${percent(Math.max(...accuracies))}`],
        ]),
      );
      const chartSection = section('Throughput and latency against batch size');
      results.append(chartSection);
      const chart = createChart(chartSection, CHART, chartData(rows));
      results.append(
        dataTable<BatchRow>(
          `Timings of the 2-${result.settings.width}-${result.settings.width}-3 network (${integer(result.params)} params, ${integer(result.macsPerItem)} multiply-adds per input), median of 7 samples after 3 warm-up passes`,
          [
            { label: 'batch size', value: (r) => String(r.batch), rowHeader: true },
            { label: 'latency per batch', value: (r) => milliseconds(r.batchLatencyMs) },
            { label: 'latency per input', value: (r) => `${(r.itemLatencyMs * 1000).toFixed(r.itemLatencyMs < 0.01 ? 2 : 1)} µs` },
            { label: 'throughput', value: (r) => perSecond(r.throughput) },
            { label: 'test accuracy', value: (r) => percent(r.accuracy) },
          ],
          rows,
        ),
        element(
          'p',
          { class: 'atlas-demo__explain' },
          `Up to batch ${saturationBatch} the device was waiting on fixed costs (launching each pass, moving data), so more inputs per pass came almost free. Beyond it the arithmetic is the bottleneck: throughput stays flat while every batch takes longer, so a server gains nothing from larger batches except longer waits. Accuracy does not depend on the batch: the same inputs get the same answers.`,
        ),
      );
      return () => chart.destroy();
    },
  });
}
