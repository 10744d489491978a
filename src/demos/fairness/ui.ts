// Fairness demo UI: one threshold slider per group, each group's rates, the three fairness gaps, the
// best threshold pair under each criterion (with a button to apply it) and the rates across all
// thresholds. DOM and charts only; the metrics are pure functions.
import { createChart, type ChartData } from '../shared/chart.ts';
import { element, uniqueId } from '../shared/dom.ts';
import { bytes, fixed, integer, milliseconds, percent } from '../shared/format.ts';
import { dataTable, section } from '../shared/results.ts';
import { mountDemo, type Cleanup } from '../shared/widget.ts';
import { FAIRNESS_PARAMS, FAIRNESS_TOLERANCE, THRESHOLD_GRID, type FairnessResult, type FairnessSettings } from './config.ts';
import { FAIRNESS_QUESTION, fairnessSeries } from './typical.ts';
import { bestThresholds, fairnessReport, groupRates, type Criterion, type GroupData, type GroupRates, type ThresholdChoice } from './metrics.ts';

const CRITERION_LABELS: Record<Criterion, string> = {
  accuracy: 'no constraint (most accurate)',
  'demographic-parity': 'demographic parity',
  'equal-opportunity': 'equal opportunity',
  'equalized-odds': 'equalized odds',
  all: 'all three at once',
};

function splitGroups(result: FairnessResult): [GroupData, GroupData] {
  const pick = (group: number): GroupData => {
    const idx = [...result.groups.keys()].filter((i) => result.groups[i] === group);
    return { scores: Float32Array.from(idx, (i) => result.scores[i]!), labels: Int32Array.from(idx, (i) => result.labels[i]!) };
  };
  return [pick(0), pick(1)];
}

function thresholdSlider(label: string, value: number): { field: HTMLElement; input: HTMLInputElement; output: HTMLOutputElement } {
  const field = element('div', { class: 'atlas-demo__field' });
  const input = element('input', { type: 'range', min: '0', max: '1', step: '0.01', id: uniqueId('atlas-demo-fairness') });
  input.value = value.toFixed(2);
  const output = element('output', { 'aria-hidden': 'true' });
  field.append(element('label', { for: input.id }, label), input, output);
  return { field, input, output };
}

const within = (gap: number): string => `${fixed(gap)} ${gap <= FAIRNESS_TOLERANCE ? '(met)' : '(not met)'}`;

export function mount(root: HTMLElement): Cleanup {
  return mountDemo<FairnessSettings, FairnessResult>(root, {
    name: 'fairness',
    params: FAIRNESS_PARAMS,
    question: FAIRNESS_QUESTION,
    series: fairnessSeries,
    controls(c) {
      c.range('baseRateA', 'Base rate, group A', (v) => percent(v, 0));
      c.range('baseRateB', 'Base rate, group B', (v) => percent(v, 0));
      c.seed();
    },
    render(results, result) {
      const [a, b] = splitGroups(result);
      const choices = bestThresholds(a, b, THRESHOLD_GRID, FAIRNESS_TOLERANCE);
      const sliderA = thresholdSlider('Threshold, group A', 0.5);
      const sliderB = thresholdSlider('Threshold, group B', 0.5);
      const controls = element('div', { class: 'atlas-demo__inline-controls' });
      controls.append(sliderA.field, sliderB.field);
      const ratesHost = element('div');
      const gapsHost = element('div');
      results.append(
        element('p', {}, `Classifier (group-blind): ${integer(result.cost.params)} params, ${bytes(result.cost.bytes)}, ${milliseconds(result.cost.latencyMs)} per 1,024 inputs. Test applicants: ${integer(a.scores.length)} in group A, ${integer(b.scores.length)} in group B.`),
        controls,
        ratesHost,
        gapsHost,
      );

      const chartSection = section('Rates of each group against its threshold');
      results.append(chartSection);
      const ratesA = THRESHOLD_GRID.map((t) => groupRates(a.scores, a.labels, t));
      const ratesB = THRESHOLD_GRID.map((t) => groupRates(b.scores, b.labels, t));
      const chartData = (ta: number, tb: number): ChartData => {
        const ia = Math.round(ta * 100);
        const ib = Math.round(tb * 100);
        return [
          THRESHOLD_GRID,
          ratesA.map((r) => r.selectionRate * 100),
          ratesB.map((r) => r.selectionRate * 100),
          ratesA.map((r) => r.truePositiveRate * 100),
          ratesB.map((r) => r.truePositiveRate * 100),
          ratesA.map((r, i) => (i === ia ? r.selectionRate * 100 : null)),
          ratesB.map((r, i) => (i === ib ? r.selectionRate * 100 : null)),
        ];
      };
      const chart = createChart(
        chartSection,
        {
          title: 'Selection rate and true positive rate of each group against the threshold; markers show the chosen thresholds',
          xLabel: 'threshold',
          yLabel: 'rate (%)',
          yRange: [0, 100],
          series: [
            { label: 'selected, A', colour: '#1f6feb' },
            { label: 'selected, B', colour: '#d1242f' },
            { label: 'TPR, A', colour: '#1f6feb', dash: [6, 4] },
            { label: 'TPR, B', colour: '#d1242f', dash: [6, 4] },
            { label: 'threshold A', line: false, points: 11, colour: '#1f6feb' },
            { label: 'threshold B', line: false, points: 11, colour: '#d1242f' },
          ],
        },
        chartData(0.5, 0.5),
      );

      const show = (): void => {
        const ta = Number(sliderA.input.value);
        const tb = Number(sliderB.input.value);
        sliderA.output.textContent = ta.toFixed(2);
        sliderB.output.textContent = tb.toFixed(2);
        const ra = groupRates(a.scores, a.labels, ta);
        const rb = groupRates(b.scores, b.labels, tb);
        const report = fairnessReport(ra, rb);
        sliderA.input.setAttribute('aria-valuetext', `${ta.toFixed(2)}: selects ${percent(ra.selectionRate)} of group A`);
        sliderB.input.setAttribute('aria-valuetext', `${tb.toFixed(2)}: selects ${percent(rb.selectionRate)} of group B`);
        ratesHost.replaceChildren(
          dataTable<[string, GroupRates]>(
            'Outcomes per group at the chosen thresholds',
            [
              { label: 'group', value: ([name]) => name, rowHeader: true },
              { label: 'base rate', value: ([, r]) => percent(r.baseRate) },
              { label: 'selected', value: ([, r]) => percent(r.selectionRate) },
              { label: 'true positive rate', value: ([, r]) => percent(r.truePositiveRate) },
              { label: 'false positive rate', value: ([, r]) => percent(r.falsePositiveRate) },
              { label: 'precision', value: ([, r]) => percent(r.precision) },
              { label: 'accuracy', value: ([, r]) => percent(r.accuracy) },
            ],
            [
              [`A (threshold ${ta.toFixed(2)})`, ra],
              [`B (threshold ${tb.toFixed(2)})`, rb],
            ],
          ),
        );
        gapsHost.replaceChildren(
          dataTable<[string, string]>(
            `Fairness gaps (a gap of at most ${FAIRNESS_TOLERANCE} counts as met); overall accuracy ${percent(report.accuracy)}`,
            [
              { label: 'criterion', value: ([name]) => name, rowHeader: true },
              { label: 'gap', value: ([, gap]) => gap },
            ],
            [
              ['demographic parity difference (selection rates)', within(report.demographicParityDifference)],
              ['equal opportunity difference (true positive rates)', within(report.equalOpportunityDifference)],
              ['equalized odds difference (worse of TPR and FPR gaps)', within(report.equalizedOddsDifference)],
              ['predictive parity difference (precision)', within(report.predictiveParityDifference)],
            ],
          ),
        );
        chart.setData(chartData(ta, tb));
      };

      const apply = (choice: ThresholdChoice): void => {
        sliderA.input.value = choice.thresholdA.toFixed(2);
        sliderB.input.value = choice.thresholdB.toFixed(2);
        show();
      };
      const best = dataTable<ThresholdChoice>(
        `The most accurate threshold pair under each criterion (searched in steps of 0.01)`,
        [
          { label: 'criterion', value: (c) => CRITERION_LABELS[c.criterion], rowHeader: true },
          { label: 'thresholds A / B', value: (c) => `${c.thresholdA.toFixed(2)} / ${c.thresholdB.toFixed(2)}` },
          { label: 'accuracy', value: (c) => percent(c.report.accuracy) },
          { label: 'parity gap', value: (c) => fixed(c.report.demographicParityDifference) },
          { label: 'opportunity gap', value: (c) => fixed(c.report.equalOpportunityDifference) },
          { label: 'odds gap', value: (c) => fixed(c.report.equalizedOddsDifference) },
          { label: 'TPR − FPR', value: (c) => fixed(c.informedness) },
        ],
        choices,
      );
      const buttons = element('div', { class: 'atlas-demo__buttons' });
      const handlers: [HTMLButtonElement, () => void][] = choices.map((choice) => {
        const button = element('button', { type: 'button' }, `Apply: ${CRITERION_LABELS[choice.criterion]}`);
        const handler = (): void => apply(choice);
        button.addEventListener('click', handler);
        buttons.append(button);
        return [button, handler];
      });
      const all = choices.find((c) => c.criterion === 'all');
      const unconstrained = choices.find((c) => c.criterion === 'accuracy');
      const { baseRateA, baseRateB } = result.settings;
      const bestSection = section('Can all criteria hold at once?');
      bestSection.append(
        best,
        buttons,
        element(
          'p',
          { class: 'atlas-demo__explain' },
          all && unconstrained && all.informedness < unconstrained.informedness / 3
            ? `Meeting all three criteria at once leaves TPR − FPR at ${fixed(all.informedness, 2)}, against ${fixed(unconstrained.informedness, 2)} without constraints, and accuracy falls from ${percent(unconstrained.report.accuracy)} to ${percent(all.report.accuracy)}. With base rates of ${percent(baseRateA, 0)} and ${percent(baseRateB, 0)}, exactly equal selection rates and equal error rates would force TPR = FPR: a classifier no better than chance.`
            : 'With (nearly) equal base rates the criteria can agree; make the base rates differ to see them conflict.',
        ),
      );
      results.append(bestSection);
      sliderA.input.addEventListener('input', show);
      sliderB.input.addEventListener('input', show);
      show();
      return () => {
        sliderA.input.removeEventListener('input', show);
        sliderB.input.removeEventListener('input', show);
        for (const [button, handler] of handlers) button.removeEventListener('click', handler);
        chart.destroy();
      };
    },
  });
}
