// Trade-off demo UI: every trained MLP as a point of accuracy against parameters and against measured
// latency, with the Pareto frontier joined up, and the numbers as a table. DOM and charts only.
import { createChart, type Chart, type ChartData } from '../shared/chart.ts';
import { bytes, integer, milliseconds, percent } from '../shared/format.ts';
import { dataTable, section, summaryList } from '../shared/results.ts';
import { mountDemo, type Cleanup } from '../shared/widget.ts';
import { TRADEOFF_PARAMS, type TradeoffResult, type TradeoffRow, type TradeoffSettings } from './config.ts';
import { paretoFrontier } from './pareto.ts';
import { TRADEOFF_QUESTION, tradeoffSeries } from './typical.ts';

const name = (row: TradeoffRow): string => `2-${row.hidden.join('-')}-3`;

interface Charts {
  readonly params: Chart;
  readonly latency: Chart;
}

function frontierSets(rows: readonly TradeoffRow[]): { byParams: Set<number>; byLatency: Set<number> } {
  return {
    byParams: new Set(paretoFrontier(rows.map((r) => ({ cost: r.params, value: r.accuracy })))),
    byLatency: new Set(paretoFrontier(rows.map((r) => ({ cost: r.latencyMs, value: r.accuracy })))),
  };
}

/** Points sorted by cost (ties allowed, unlike alignSeries), with the frontier's accuracy or a gap. */
function scatterData(rows: readonly TradeoffRow[], cost: (r: TradeoffRow) => number, frontier: Set<number>): ChartData {
  const order = rows.map((_, i) => i).sort((a, b) => cost(rows[a]!) - cost(rows[b]!));
  return [
    order.map((i) => cost(rows[i]!)),
    order.map((i) => rows[i]!.accuracy * 100),
    order.map((i) => (frontier.has(i) ? rows[i]!.accuracy * 100 : null)),
  ];
}

function drawCharts(host: HTMLElement, rows: readonly TradeoffRow[], existing: Charts | null): Charts {
  const { byParams, byLatency } = frontierSets(rows);
  const paramsData = scatterData(rows, (r) => r.params, byParams);
  const latencyData = scatterData(rows, (r) => r.latencyMs, byLatency);
  if (existing) {
    existing.params.setData(paramsData);
    existing.latency.setData(latencyData);
    return existing;
  }
  const series = [
    { label: 'model', line: false, points: 8 },
    { label: 'Pareto frontier', spanGaps: true, points: 5, colour: '#d1242f' },
  ];
  return {
    params: createChart(host, { title: 'Test accuracy against parameter count (log scale), Pareto frontier in red', xLabel: 'parameters', yLabel: 'test accuracy (%)', xLog: true, yRange: [0, 100], series }, paramsData),
    latency: createChart(host, { title: 'Test accuracy against measured latency for 1,024 inputs on this device, Pareto frontier in red', xLabel: 'latency (ms)', yLabel: 'test accuracy (%)', yRange: [0, 100], series }, latencyData),
  };
}

export function mount(root: HTMLElement): Cleanup {
  return mountDemo<TradeoffSettings, TradeoffResult>(root, {
    name: 'tradeoff',
    params: TRADEOFF_PARAMS,
    question: TRADEOFF_QUESTION,
    series: tradeoffSeries,
    controls(c) {
      c.select('maxWidth', 'Widest layer', (w) => `${w} units`);
      c.select('maxDepth', 'Deepest network', (d) => `${d} hidden layer${d > 1 ? 's' : ''}`);
      c.seed();
    },
    live(results) {
      const host = section('Models trained so far');
      results.append(host);
      let charts: Charts | null = null;
      return {
        update(partial) {
          charts = drawCharts(host, (partial as { rows: TradeoffRow[] }).rows, charts);
        },
        destroy() {
          charts?.params.destroy();
          charts?.latency.destroy();
        },
      };
    },
    render(results, { rows }) {
      const { byParams, byLatency } = frontierSets(rows);
      const best = rows.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
      const cheapestGood = [...rows].sort((a, b) => a.params - b.params).find((r) => r.accuracy >= best.accuracy - 0.02)!;
      results.append(
        summaryList([
          ['Most accurate', `${name(best)}: ${percent(best.accuracy)}, ${integer(best.params)} params, ${milliseconds(best.latencyMs)}`],
          ['Smallest within 2 points of it', `${name(cheapestGood)}: ${percent(cheapestGood.accuracy)}, ${integer(cheapestGood.params)} params (${(best.params / cheapestGood.params).toFixed(1)}× fewer), ${milliseconds(cheapestGood.latencyMs)}`],
          ['Models on the parameter frontier', `${byParams.size} of ${rows.length}`],
        ]),
      );
      const host = section('Accuracy against cost');
      results.append(host);
      const charts = drawCharts(host, rows, null);
      const indexed = rows.map((row, i) => ({ row, i }));
      results.append(
        dataTable<{ row: TradeoffRow; i: number }>(
          'Every model trained, smallest first',
          [
            { label: 'model', value: ({ row }) => name(row), rowHeader: true },
            { label: 'test accuracy', value: ({ row }) => percent(row.accuracy) },
            { label: 'params', value: ({ row }) => integer(row.params) },
            { label: 'bytes (float32)', value: ({ row }) => bytes(row.bytes) },
            { label: 'latency (1,024 inputs)', value: ({ row }) => milliseconds(row.latencyMs) },
            { label: 'on frontier', value: ({ i }) => [byParams.has(i) ? 'params' : '', byLatency.has(i) ? 'latency' : ''].filter(Boolean).join(', ') || '–' },
          ],
          indexed.sort((a, b) => a.row.params - b.row.params),
        ),
      );
      return () => {
        charts.params.destroy();
        charts.latency.destroy();
      };
    },
  });
}
