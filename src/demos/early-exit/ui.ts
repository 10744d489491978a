// Early-exit demo UI: accuracy and measured latency against the average compute each confidence
// threshold uses, the best threshold within a point of the full network, and the numbers as a table.
// DOM and charts only; the model runs in the worker.
import { alignSeries, createChart } from '../shared/chart.ts';
import { element } from '../shared/dom.ts';
import { integer, milliseconds, percent } from '../shared/format.ts';
import { dataTable, section, summaryList } from '../shared/results.ts';
import { mountDemo, type Cleanup } from '../shared/widget.ts';
import { EARLY_EXIT_PARAMS, type EarlyExitResult, type EarlyExitRow, type EarlyExitSettings } from './config.ts';
import { EARLY_EXIT_QUESTION, earlyExitSeries } from './typical.ts';

const thresholdLabel = (row: EarlyExitRow): string => (row.threshold === null ? 'never exit' : `≥ ${row.threshold}`);

export function mount(root: HTMLElement): Cleanup {
  return mountDemo<EarlyExitSettings, EarlyExitResult>(root, {
    name: 'early-exit',
    params: EARLY_EXIT_PARAMS,
    question: EARLY_EXIT_QUESTION,
    series: (result) => earlyExitSeries(result.rows),
    controls(c) {
      c.select('width', 'Hidden layer width', (w) => `${w} (2-${w}-${w}-${w}-3)`);
      c.seed();
    },
    render(results, result) {
      const { rows, plain } = result;
      const full = rows.at(-1)!;
      const good = rows.filter((r) => r.accuracy >= full.accuracy - 0.01);
      const cheapest = good.reduce((a, b) => (b.compute < a.compute ? b : a));
      const speed = plain.latencyMs / cheapest.latencyMs;
      results.append(
        summaryList([
          ['Network without the exit', `${percent(plain.accuracy)} · ${milliseconds(plain.latencyMs)} per 1,024 inputs`],
          ['Exit head alone', percent(result.exitOnlyAccuracy)],
          [
            'Cheapest threshold within 1 point',
            `${thresholdLabel(cheapest)}: ${percent(cheapest.accuracy)}, ${percent(cheapest.exitRate, 0)} leave early, ${percent(cheapest.compute, 0)} of the compute, ${milliseconds(cheapest.latencyMs)} (${speed >= 1 ? `${speed.toFixed(1)}× faster` : `${(1 / speed).toFixed(1)}× slower`} than without the exit)`,
          ],
        ]),
      );
      const chartSection = section('Accuracy and latency against compute');
      results.append(chartSection);
      // The thresholds, cheapest first; never exiting has no branch to wait for, so it is in the table only.
      const swept = rows.filter((r) => r.threshold !== null).sort((a, b) => a.compute - b.compute);
      const chart = createChart(
        chartSection,
        {
          title: 'Test accuracy (left axis) and measured latency for 1,024 inputs (right axis) against the average compute used; each point is a threshold, the dotted line the network without the exit',
          xLabel: 'average compute (% of the network without the exit)',
          yLabel: 'test accuracy (%)',
          y2Label: 'latency (ms)',
          series: [
            { label: 'accuracy', points: true, spanGaps: true },
            { label: 'latency (ms)', scale: 'y2' as const, points: true, spanGaps: true, dash: [6, 4], colour: '#9a6700' },
            { label: 'latency without the exit', scale: 'y2' as const, spanGaps: true, dash: [2, 3], colour: '#57606a' },
          ],
        },
        alignSeries([
          swept.map((r) => [r.compute * 100, r.accuracy * 100]),
          swept.map((r) => [r.compute * 100, r.latencyMs]),
          [[swept[0]!.compute * 100, plain.latencyMs], [swept.at(-1)!.compute * 100, plain.latencyMs]],
        ]),
      );
      results.append(
        dataTable<EarlyExitRow>(
          `Every threshold: an input leaves early when the exit's top probability reaches it (plain network: ${integer(plain.params)} params, ${integer(plain.macs)} multiply-adds per input)`,
          [
            { label: 'threshold', value: thresholdLabel, rowHeader: true },
            { label: 'leave early', value: (r) => percent(r.exitRate) },
            { label: 'accuracy of early answers', value: (r) => (r.exitAccuracy === null ? '–' : percent(r.exitAccuracy)) },
            { label: 'test accuracy', value: (r) => percent(r.accuracy) },
            { label: 'average compute', value: (r) => percent(r.compute) },
            { label: 'latency (1,024 inputs)', value: (r) => milliseconds(r.latencyMs) },
          ],
          rows,
        ),
        element(
          'p',
          { class: 'atlas-demo__explain' },
          `The exit head answers the inputs it is sure about; those are mostly easy ones, so accuracy holds while compute falls. Latency falls less than compute, and on a small network can even rise: the pass has to wait for the exit's confidences before it knows which inputs continue, then gather them, and that fixed cost only pays off when the layers skipped are expensive (try a wider network). With no input leaving (never exit), the extra head costs ${percent(full.compute - 1)} more compute than the plain network.`,
        ),
      );
      return () => chart.destroy();
    },
  });
}
