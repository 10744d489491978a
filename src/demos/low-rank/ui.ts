// Low-rank demo UI: accuracy, parameters and measured latency against the rank of the factorized
// kernels, the dense network for reference, and the numbers as a table. DOM and charts only.
import { createChart } from '../shared/chart.ts';
import { element } from '../shared/dom.ts';
import { bytes, integer, milliseconds, percent } from '../shared/format.ts';
import { dataTable, section, summaryList } from '../shared/results.ts';
import { mountDemo, type Cleanup } from '../shared/widget.ts';
import { LOW_RANK_PARAMS, type LowRankResult, type LowRankRow, type LowRankSettings } from './config.ts';
import { breakEvenRank } from './svd.ts';
import { LOW_RANK_QUESTION, lowRankSeries } from './typical.ts';

export function mount(root: HTMLElement): Cleanup {
  return mountDemo<LowRankSettings, LowRankResult>(root, {
    name: 'low-rank',
    params: LOW_RANK_PARAMS,
    question: LOW_RANK_QUESTION,
    series: (result) => lowRankSeries(result.rows),
    controls(c) {
      c.select('width', 'Hidden layer width', (w) => `${w} (2-${w}-${w}-${w}-3)`);
      c.seed();
    },
    render(results, result) {
      const { rows, settings } = result;
      const dense = rows.find((r) => r.rank === null)!;
      const factored = rows.filter((r): r is LowRankRow & { rank: number } => r.rank !== null);
      const enough = factored.find((r) => r.accuracy >= dense.accuracy - 0.02);
      const w = settings.width;
      results.append(
        summaryList([
          ['Dense network', `${percent(dense.accuracy)} · ${integer(dense.params)} params · ${milliseconds(dense.latencyMs)}`],
          [
            'Smallest rank within 2 points',
            enough
              ? `rank ${enough.rank}: ${percent(enough.accuracy)}, ${integer(enough.params)} params (${(dense.params / enough.params).toFixed(1)}× fewer), ${milliseconds(enough.latencyMs)} (${(dense.latencyMs / enough.latencyMs).toFixed(1)}× faster)`
              : 'none of the ranks tried',
          ],
          ['SVD of both kernels', milliseconds(result.svdMs)],
        ]),
      );
      const ranks = factored.map((r) => r.rank);
      const accuracySection = section('Accuracy and size against rank');
      const latencySection = section('Latency against rank');
      results.append(accuracySection, latencySection);
      const accuracyChart = createChart(
        accuracySection,
        {
          title: `Test accuracy (left axis) and parameter count (right axis) against the rank of both ${w} × ${w} kernels; the dense network dashed`,
          xLabel: 'rank r',
          yLabel: 'test accuracy (%)',
          y2Label: 'parameters',
          xLog: true,
          yRange: [0, 100],
          series: [
            { label: 'factorized accuracy', points: true },
            { label: 'dense accuracy', dash: [6, 4], colour: '#57606a' },
            { label: 'parameters', scale: 'y2' as const, points: true, colour: '#9a6700' },
          ],
        },
        [ranks, factored.map((r) => r.accuracy * 100), ranks.map(() => dense.accuracy * 100), factored.map((r) => r.params)],
      );
      const latencyChart = createChart(
        latencySection,
        {
          title: 'Measured latency for 1,024 inputs on this device against the rank; the dense network dashed',
          xLabel: 'rank r',
          yLabel: 'latency (ms)',
          xLog: true,
          series: [
            { label: 'factorized', points: true },
            { label: 'dense', dash: [6, 4], colour: '#57606a' },
          ],
        },
        [ranks, factored.map((r) => r.latencyMs), ranks.map(() => dense.latencyMs)],
      );
      results.append(
        dataTable<LowRankRow>(
          `The 2-${w}-${w}-${w}-3 network with both hidden kernels at each rank, without retraining`,
          [
            { label: 'rank', value: (r) => (r.rank === null ? `dense (${w})` : String(r.rank)), rowHeader: true },
            { label: 'test accuracy', value: (r) => percent(r.accuracy) },
            { label: 'params', value: (r) => integer(r.params) },
            { label: 'bytes (float32)', value: (r) => bytes(r.bytes) },
            { label: 'singular-value energy kept', value: (r) => percent(r.energy) },
            { label: 'latency (1,024 inputs)', value: (r) => milliseconds(r.latencyMs) },
          ],
          rows,
        ),
        element(
          'p',
          { class: 'atlas-demo__explain' },
          `Each ${w} × ${w} kernel W becomes A·B with A of ${w} × r and B of r × ${w}: 2·${w}·r numbers instead of ${integer(w * w)}, so the factors are smaller only up to rank ${breakEvenRank(w, w)}, and two thin matrix products replace one square one. By the Eckart–Young theorem the truncated SVD is the best rank-r approximation, yet accuracy often holds even where much of the singular-value energy is dropped: the small singular values are largely leftovers of the random initialisation.`,
        ),
      );
      return () => {
        accuracyChart.destroy();
        latencyChart.destroy();
      };
    },
  });
}
