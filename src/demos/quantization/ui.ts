// Quantization demo UI: accuracy against stored bytes for each bit width and scale granularity, with
// the numbers as a table. DOM and charts only; the model runs in the worker.
import { alignSeries, createChart } from '../shared/chart.ts';
import { element } from '../shared/dom.ts';
import { bytes, integer, milliseconds, percent } from '../shared/format.ts';
import { dataTable, section, summaryList } from '../shared/results.ts';
import { mountDemo, type Cleanup } from '../shared/widget.ts';
import { QUANTIZATION_PARAMS, type QuantizationResult, type QuantizationRow, type QuantizationSettings } from './config.ts';
import { QUANTIZATION_QUESTION, quantizationSeries } from './typical.ts';

const label = (row: QuantizationRow): string => (row.bits === 32 ? 'float32' : `int${row.bits}, ${row.granularity}`);

export function mount(root: HTMLElement): Cleanup {
  return mountDemo<QuantizationSettings, QuantizationResult>(root, {
    name: 'quantization',
    params: QUANTIZATION_PARAMS,
    question: QUANTIZATION_QUESTION,
    series: quantizationSeries,
    controls(c) {
      c.select('width', 'Hidden layer width', (w) => `${w} (2-${w}-${w}-3)`);
      c.seed();
    },
    render(results, { rows }) {
      const float = rows[0]!;
      const int8 = rows.find((r) => r.bits === 8 && r.granularity === 'per-channel');
      results.append(
        summaryList([
          ['float32 accuracy', percent(float.accuracy)],
          ['float32 size', `${integer(float.params)} params · ${bytes(float.bytes)}`],
          ['int8 per-channel', int8 ? `${percent(int8.accuracy)} · ${bytes(int8.bytes)} (${(float.bytes / int8.bytes).toFixed(1)}× smaller)` : '–'],
          ['Latency (1,024 inputs)', milliseconds(float.latencyMs)],
        ]),
      );
      const chartSection = section('Accuracy against model bytes');
      results.append(chartSection);
      const series = (granularity: string): [number, number][] => [
        [float.bytes, float.accuracy * 100],
        ...rows.filter((r) => r.granularity === granularity).map((r): [number, number] => [r.bytes, r.accuracy * 100]),
      ];
      const chart = createChart(
        chartSection,
        {
          title: 'Test accuracy against stored model size (log scale); each point is a bit width, from 2 bits on the left to float32 on the right',
          xLabel: 'model bytes',
          yLabel: 'test accuracy (%)',
          xLog: true,
          yRange: [0, 100],
          series: [
            { label: 'per-tensor scale', points: true, spanGaps: true },
            { label: 'per-channel scale', points: true, spanGaps: true, dash: [6, 4] },
          ],
        },
        alignSeries([series('per-tensor'), series('per-channel')]),
      );
      results.append(
        dataTable<QuantizationRow>(
          'Accuracy and cost of each quantized version',
          [
            { label: 'weights', value: label, rowHeader: true },
            { label: 'test accuracy', value: (r) => percent(r.accuracy) },
            { label: 'bytes', value: (r) => bytes(r.bytes) },
            { label: 'largest weight error', value: (r) => r.maxError.toExponential(2) },
            { label: 'mean weight error', value: (r) => r.meanError.toExponential(2) },
            { label: 'non-zero params', value: (r) => integer(r.nonzeroParams) },
            { label: 'latency (1,024 inputs)', value: (r) => milliseconds(r.latencyMs) },
          ],
          rows,
        ),
        element(
          'p',
          { class: 'atlas-demo__explain' },
          'Bytes count packed integer codes plus one float32 scale per tensor or per output channel, with biases kept in float32. tfjs has no integer kernels, so the quantized weights run as float32 again here and latency matches the original; integer kernels on CPUs and accelerators are where int8 also saves time and energy.',
        ),
      );
      return () => chart.destroy();
    },
  });
}
