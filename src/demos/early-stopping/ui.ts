// Early-stopping demo UI: training and validation loss per epoch with the best and stopping epochs
// marked, what stopping saved, and L2 / dropout / patience controls. DOM and charts only.
import { createChart, type Chart, type ChartData } from '../shared/chart.ts';
import { element } from '../shared/dom.ts';
import { bytes, fixed, integer, milliseconds, percent, seconds } from '../shared/format.ts';
import { dataTable, section, summaryList } from '../shared/results.ts';
import { mountDemo, type Cleanup } from '../shared/widget.ts';
import { EARLY_STOPPING_PARAMS, ES_HIDDEN, type EarlyStoppingResult, type EarlyStoppingSettings, type EpochPoint } from './config.ts';
import { EARLY_STOPPING_QUESTION, earlyStoppingSeries } from './typical.ts';

function lossData(curve: readonly EpochPoint[], marks?: { best: number; stop: number }): ChartData {
  const x = curve.map((p) => p.epoch);
  const at = (epoch: number | undefined): (number | null)[] => curve.map((p) => (p.epoch === epoch ? p.validationLoss : null));
  return [x, curve.map((p) => p.trainLoss), curve.map((p) => p.validationLoss), at(marks?.best), at(marks?.stop)];
}

const LOSS_SPEC = {
  title: 'Training and validation loss per epoch; the markers show the best epoch and where early stopping stops',
  xLabel: 'epoch',
  yLabel: 'cross-entropy loss',
  series: [
    { label: 'training loss' },
    { label: 'validation loss', dash: [6, 4] },
    { label: 'best epoch (weights kept)', line: false, points: 11, colour: '#1a7f37' },
    { label: 'early stop', line: false, points: 11, colour: '#9a6700' },
  ],
};

export function mount(root: HTMLElement): Cleanup {
  return mountDemo<EarlyStoppingSettings, EarlyStoppingResult>(root, {
    name: 'early-stopping',
    params: EARLY_STOPPING_PARAMS,
    question: EARLY_STOPPING_QUESTION,
    series: (result) => earlyStoppingSeries(result, null),
    controls(c) {
      c.range('l2', 'L2 penalty λ', (v) => (v === 0 ? 'off' : `λ = ${v}`));
      c.range('dropout', 'Dropout', (v) => (v === 0 ? 'off' : percent(v, 0)));
      c.range('patience', 'Patience', (v) => `${v} epochs`);
      c.range('maxEpochs', 'Maximum epochs');
      c.seed();
    },
    live(results) {
      let chart: Chart | null = null;
      return {
        update(partial) {
          const { curve } = partial as { curve: EpochPoint[] };
          if (chart) chart.setData(lossData(curve));
          else chart = createChart(results, LOSS_SPEC, lossData(curve));
        },
        destroy: () => chart?.destroy(),
      };
    },
    render(results, result) {
      const { settings } = result;
      results.append(
        summaryList([
          ['Best epoch', String(result.bestEpoch)],
          ['Early stopping stops at', result.stopped ? `epoch ${result.stopEpoch}` : `never (patience ${settings.patience} not used up)`],
          ['Epochs saved', `${result.epochsSaved} of ${settings.maxEpochs} (${percent(result.epochsSaved / settings.maxEpochs, 0)}, about ${seconds(result.epochsSaved * result.msPerEpoch)} here)`],
          ['Test accuracy, early-stopped', percent(result.earlyStoppedAccuracy)],
          [`Test accuracy, all ${settings.maxEpochs} epochs`, percent(result.fullTrainingAccuracy)],
        ]),
      );
      const chartSection = section('Loss curves');
      results.append(chartSection);
      const chart = createChart(chartSection, LOSS_SPEC, lossData(result.curve, { best: result.bestEpoch, stop: result.stopEpoch }));
      const runs: [string, number, number][] = [
        ['early stopping (best weights kept)', result.stopEpoch, result.earlyStoppedAccuracy],
        [`all ${settings.maxEpochs} epochs`, settings.maxEpochs, result.fullTrainingAccuracy],
      ];
      const perEpoch = element('details', { class: 'atlas-demo__table-details' });
      perEpoch.append(
        element('summary', {}, 'Loss per epoch as a table'),
        dataTable<EpochPoint>(
          'Training and validation loss per epoch',
          [
            { label: 'epoch', value: (p) => String(p.epoch), rowHeader: true },
            { label: 'training loss', value: (p) => fixed(p.trainLoss) },
            { label: 'validation loss', value: (p) => fixed(p.validationLoss) },
          ],
          result.curve,
        ),
      );
      results.append(
        dataTable<[string, number, number]>(
          `Accuracy and cost of the 2-${ES_HIDDEN.join('-')}-2 network (${integer(result.params)} params, ${bytes(result.bytes)}, ${milliseconds(result.latencyMs)} per 1,024 inputs)`,
          [
            { label: 'training', value: ([name]) => name, rowHeader: true },
            { label: 'epochs run', value: ([, epochs]) => String(epochs) },
            { label: 'training time here', value: ([, epochs]) => seconds(epochs * result.msPerEpoch) },
            { label: 'test accuracy', value: ([, , acc]) => percent(acc) },
          ],
          runs,
        ),
        perEpoch,
      );
      return () => chart.destroy();
    },
  });
}
