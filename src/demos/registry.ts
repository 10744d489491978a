// The demo registry: the names authors may use (`demo: pruning` in frontmatter, `<Demo name="pruning" />`
// in MDX), what each demo is about, and the static no-JavaScript fallback shown before a demo mounts:
// the description, a "guess first" question answered from the typical results, and the figure of
// those results. The build imports this module, so it must stay free of tfjs and of the DOM.
import { DEMO_NAMES, isDemoName, type DemoName } from './names.ts';
import { answer, type Question, type TypicalResults, type TypicalSeries } from './shared/typical.ts';
import { BATCH_SIZE_QUESTION } from './batch-size/typical.ts';
import { DISTILLATION_QUESTION } from './distillation/typical.ts';
import { EARLY_EXIT_QUESTION } from './early-exit/typical.ts';
import { EARLY_STOPPING_QUESTION } from './early-stopping/typical.ts';
import { FAIRNESS_QUESTION } from './fairness/typical.ts';
import { LOW_RANK_QUESTION } from './low-rank/typical.ts';
import { PRECISION_RECALL_QUESTION } from './precision-recall/typical.ts';
import { PRUNING_QUESTION } from './pruning/typical.ts';
import { QUANTIZATION_QUESTION } from './quantization/typical.ts';
import { TRADEOFF_QUESTION } from './tradeoff/typical.ts';

export type { TypicalResults, TypicalSeries };

export { DEMO_NAMES, isDemoName, type DemoName };

export interface DemoMeta {
  readonly name: DemoName;
  readonly title: string;
  /** One static paragraph: what the demo does and what a reader should look for. */
  readonly description: string;
  /** Recorded from `node bench/demos.mjs --typical` (the model code in Node, cpu backend, default settings). */
  readonly typical: TypicalResults;
  /** Asked before any result shows; answered from `typical`, and after Run from the reader's own results. */
  readonly question: Question;
}

const MEASURED = 'Typical results: one run with the default settings (seed 1). The live demo measures on your device.';

export const DEMOS: Readonly<Record<DemoName, DemoMeta>> = {
  pruning: {
    name: 'pruning',
    title: 'Model pruning: accuracy against sparsity',
    description:
      'Trains a small multilayer perceptron (2-64-64-2) on a seeded two-spirals dataset, then removes the smallest-magnitude weights at 0 to 95 % sparsity, optionally fine-tuning the survivors. It reports test accuracy next to non-zero parameters, stored bytes and measured inference latency, and draws the decision boundary before and after pruning. Accuracy usually holds until most weights are gone, while unstructured zeros shrink storage but not the latency of dense kernels; pruning whole neurons shrinks both.',
    typical: {
      caption: `Test accuracy after magnitude pruning, without fine-tuning. ${MEASURED}`,
      xLabel: 'sparsity (%)',
      yLabel: 'test accuracy (%)',
      series: [
        {
          label: 'pruned',
          points: [[0, 100], [10, 100], [20, 100], [30, 100], [40, 100], [50, 100], [60, 100], [70, 99.8], [80, 99.8], [90, 98.3], [95, 54.5]],
        },
      ],
    },
    question: PRUNING_QUESTION,
  },
  quantization: {
    name: 'quantization',
    title: 'Quantization: accuracy against model bytes',
    description:
      'Trains a float32 multilayer perceptron on a seeded three-class spiral, then rounds its weights to 8, 4, 3 and 2 bits, either with one scale per tensor or one scale per output channel. It reports test accuracy against the bytes needed to store each version and the measured inference latency. Eight bits are nearly free; at 2 bits per-channel scales recover much of what a single per-tensor scale loses.',
    typical: {
      caption: `Test accuracy against stored model size. ${MEASURED}`,
      xLabel: 'model bytes',
      yLabel: 'test accuracy (%)',
      xLog: true,
      series: [
        { label: 'per-tensor', points: [[1640, 27.2], [2192, 95.3], [2744, 99.8], [4952, 99.8], [18188, 99.8]] },
        { label: 'per-channel', points: [[2152, 69.3], [2704, 99.5], [3256, 99.8], [5464, 99.8], [18188, 99.8]] },
      ],
    },
    question: QUANTIZATION_QUESTION,
  },
  distillation: {
    name: 'distillation',
    title: 'Knowledge distillation: a small student learns from a large teacher',
    description:
      'Trains a large teacher network, then the same small student twice: once on the hard labels and once on the teacher\u2019s softened outputs at the chosen temperature. It compares the student\u2019s accuracy, size and latency with the teacher\u2019s. Soft targets carry the teacher\u2019s knowledge of which classes look alike, which often lets the student get closer to the teacher than training on labels alone.',
    typical: {
      caption: `Student test accuracy per epoch. ${MEASURED}`,
      xLabel: 'epoch',
      yLabel: 'test accuracy (%)',
      series: [
        { label: 'student on hard labels', points: [[1, 20.7], [10, 48.7], [20, 65.8], [30, 67], [40, 70.8], [50, 74.3], [60, 78]] },
        { label: 'distilled student', points: [[1, 22.3], [10, 59.2], [20, 66.3], [30, 70.7], [40, 75.5], [50, 80.2], [60, 83.3]] },
      ],
    },
    question: DISTILLATION_QUESTION,
  },
  'early-stopping': {
    name: 'early-stopping',
    title: 'Early stopping and regularization on noisy data',
    description:
      'Trains an over-sized network on a small, noisy training set and plots training and validation loss per epoch. Early stopping watches the validation loss and stops once it has not improved for the chosen patience, keeping the best weights; the widget marks that point and counts the epochs it saved. L2 and dropout controls show how regularization flattens the overfitting curve.',
    typical: {
      caption: `Loss per epoch without regularization; early stopping (patience 10) stops at epoch 14, keeping epoch 4. ${MEASURED}`,
      xLabel: 'epoch',
      yLabel: 'cross-entropy loss',
      series: [
        { label: 'training loss', points: [[1, 0.742], [5, 0.535], [10, 0.517], [20, 0.497], [40, 0.474], [60, 0.457], [80, 0.425], [100, 0.401], [125, 0.371], [150, 0.332]] },
        { label: 'validation loss', points: [[1, 0.712], [5, 0.603], [10, 0.602], [20, 0.623], [40, 0.64], [60, 0.664], [80, 0.698], [100, 0.75], [125, 0.801], [150, 0.903]] },
      ],
    },
    question: EARLY_STOPPING_QUESTION,
  },
  'precision-recall': {
    name: 'precision-recall',
    title: 'Precision, recall and F1 on an imbalanced problem',
    description:
      'Trains a classifier on a seeded dataset where only a small fraction of examples are positive, then lets you move the decision threshold. The confusion matrix, precision, recall, F1 and the precision-recall curve with its average precision update as you go. Compare the accuracy with that of a model that always answers \u201cnegative\u201d: on imbalanced data accuracy looks excellent while the positives are missed.',
    typical: {
      caption: `Precision against recall as the threshold moves. ${MEASURED}`,
      xLabel: 'recall (%)',
      yLabel: 'precision (%)',
      series: [{ label: 'precision-recall curve', points: [[5, 100], [10, 100], [20, 100], [30, 100], [40, 95.2], [50, 89.3], [60, 76.3], [70, 64.8], [80, 50.2], [90, 27.1], [100, 6.4]] }],
    },
    question: PRECISION_RECALL_QUESTION,
  },
  fairness: {
    name: 'fairness',
    title: 'Fairness metrics with two groups and two thresholds',
    description:
      'Scores applicants from two groups whose base rates differ, with a separate decision threshold per group. It reports demographic parity difference (selection rates), equal opportunity difference (true positive rates) and equalized odds (true and false positive rates), and searches all threshold pairs to show that, when base rates differ, a useful classifier cannot satisfy all of them at once.',
    typical: {
      caption: `Selection rate of each group against its threshold. ${MEASURED}`,
      xLabel: 'threshold',
      yLabel: 'selection rate (%)',
      series: [
        { label: 'group A (base rate 50 %)', points: [[0.1, 76.6], [0.2, 65.2], [0.3, 55.4], [0.4, 48.1], [0.5, 41.8], [0.6, 35.1], [0.7, 27.9], [0.8, 21.3], [0.9, 12.1]] },
        { label: 'group B (base rate 20 %)', points: [[0.1, 59.6], [0.2, 47.5], [0.3, 36.9], [0.4, 29.4], [0.5, 23.3], [0.6, 18.7], [0.7, 13.7], [0.8, 9.4], [0.9, 4.8]] },
      ],
    },
    question: FAIRNESS_QUESTION,
  },
  tradeoff: {
    name: 'tradeoff',
    title: 'The efficiency-accuracy trade-off: accuracy against parameters and latency',
    description:
      'Trains multilayer perceptrons of increasing width and depth on one seeded task and measures each one\u2019s test accuracy, parameter count, stored bytes and inference latency on this device. The Pareto frontier marks the models no other model beats on both accuracy and cost: beyond a point, every extra parameter buys less accuracy.',
    typical: {
      caption: `Test accuracy against parameter count; the frontier joins the undominated models. ${MEASURED}`,
      xLabel: 'parameters',
      yLabel: 'test accuracy (%)',
      xLog: true,
      series: [
        { label: 'Pareto frontier', points: [[27, 65.7], [47, 66.7], [51, 67.2], [67, 82.3], [195, 90.8], [371, 96.2], [643, 98.5], [1251, 98.8], [2307, 99.3]] },
      ],
    },
    question: TRADEOFF_QUESTION,
  },
  'batch-size': {
    name: 'batch-size',
    title: 'Batch size: latency and throughput on this device',
    description:
      'Trains one multilayer perceptron (2-256-256-3) once, then times its forward pass at batch sizes 1, 2, 4, … 512: three warm-up passes, then the median of seven timed samples per size. It reports the time each batch takes, the time per input and the throughput in inputs per second, and marks where throughput stops growing while each batch keeps taking longer: past that point a bigger batch only makes every request wait. Test accuracy is measured at every batch size as well; batching changes the cost, never the answers.',
    typical: {
      caption: `Throughput against batch size, measured when the site was built in Node on the tfjs cpu backend (plain JavaScript), which saturates almost at once; the wasm backend in a browser usually keeps gaining up to a larger batch. ${MEASURED}`,
      xLabel: 'batch size',
      yLabel: 'throughput (inputs/s)',
      xLog: true,
      series: [{ label: 'throughput', points: [[1, 6299], [2, 7207], [4, 7754], [8, 7828], [16, 8094], [32, 8196], [64, 8243], [128, 8212], [256, 8284], [512, 8286]] }],
    },
    question: BATCH_SIZE_QUESTION,
  },
  'early-exit': {
    name: 'early-exit',
    title: 'Early exit: accuracy against compute with a confidence threshold',
    description:
      'Trains a 2-128-128-128-3 network with a second classifier after its first hidden layer, both heads at once (as in BranchyNet). At inference an input leaves at the early exit when that head\u2019s top softmax probability reaches the threshold, and the others run the whole network. Sweeping the threshold shows test accuracy against the average compute used (multiply-adds, as a share of the same network without the exit) and the measured latency of the conditional pass on this device. Confident inputs are mostly easy ones, so much of the compute can go before accuracy moves; a threshold nothing reaches costs slightly more than no exit at all.',
    typical: {
      caption: `Test accuracy against average compute, one point per threshold from 0.4 (left) to never exiting (right, 101 % because the exit head also runs). ${MEASURED}`,
      xLabel: 'average compute (% of the plain network)',
      yLabel: 'test accuracy (%)',
      series: [{ label: 'early exit', points: [[1.9, 96.3], [2.7, 96.7], [6.4, 97.5], [11.5, 98.3], [24.9, 98.7], [51.5, 99], [70.2, 99], [95.2, 99], [101.1, 99]] }],
    },
    question: EARLY_EXIT_QUESTION,
  },
  'low-rank': {
    name: 'low-rank',
    title: 'Low-rank factorization: accuracy, parameters and latency against rank',
    description:
      'Trains a 2-128-128-128-3 network, then replaces its two 128 \u00d7 128 hidden kernels by rank-r factors from their truncated singular value decomposition (computed in the demo\u2019s worker by one-sided Jacobi rotations, since tfjs has no SVD), for r = 1, 2, 4 \u2026 64, without retraining. It reports test accuracy, parameter count and measured latency at each rank. Factors of rank r store r\u00b7(128 + 128) numbers instead of 128\u00b2, so they save space and time only below r = 64; accuracy usually holds down to a small rank, because trained weight matrices are far from full rank.',
    typical: {
      caption: `Test accuracy against the rank of both factorized kernels, without retraining; the dense network for reference. ${MEASURED}`,
      xLabel: 'rank r',
      yLabel: 'test accuracy (%)',
      xLog: true,
      series: [
        { label: 'factorized', points: [[1, 27.5], [2, 50.7], [4, 89.5], [8, 94], [16, 96.7], [32, 94.7], [64, 96.8]] },
        { label: 'dense', points: [[1, 96], [64, 96]] },
      ],
    },
    question: LOW_RANK_QUESTION,
  },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const FIGURE = { width: 480, height: 280, left: 62, right: 16, top: 12, bottom: 64 };
const SERIES_COLOURS = ['#1f6feb', '#d1242f', '#1a7f37'];

function formatTick(value: number): string {
  if (Math.abs(value) >= 10_000) return `${Math.round(value / 1000)}k`;
  if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(1)}k`;
  return String(Number(value.toPrecision(3)));
}

/** Only finite numbers reach SVG coordinates: anything else would be markup-free but broken. */
function finite(value: number): number {
  if (!Number.isFinite(value)) throw new Error(`registry: typical results must be finite numbers, got ${value}`);
  return value;
}

/**
 * A static SVG line chart of the typical results: numbers only, every string escaped. Labelled by
 * aria-label rather than an id, so two copies of one demo on a page do not repeat an id.
 */
function typicalSvg(typical: TypicalResults): string {
  const { width, height, left, right, top, bottom } = FIGURE;
  const all = typical.series.flatMap((s) => s.points.map(([x, y]) => [finite(x), finite(y)] as const));
  const tx = (x: number): number => (typical.xLog ? Math.log10(Math.max(x, 1e-9)) : x);
  const xs = all.map(([x]) => tx(x));
  const ys = all.map(([, y]) => y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(...ys)];
  const px = (x: number): number => left + ((tx(x) - x0) / (x1 - x0 || 1)) * (width - left - right);
  const py = (y: number): number => height - bottom - ((y - y0) / (y1 - y0 || 1)) * (height - top - bottom);
  const fmt = (v: number): string => v.toFixed(1);
  const axisY = height - bottom;
  const name = escapeHtml(`${typical.yLabel} against ${typical.xLabel}`);
  const parts: string[] = [
    `<svg class="atlas-demo__figure-svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${name}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${name}</title>`,
    `<line x1="${left}" y1="${axisY}" x2="${width - right}" y2="${axisY}" stroke="currentColor" stroke-opacity="0.5"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${axisY}" stroke="currentColor" stroke-opacity="0.5"/>`,
  ];
  // x ticks: the distinct x values, thinned so labels do not collide.
  let lastTick = -Infinity;
  for (const x of [...new Set(all.map(([x]) => x))].sort((a, b) => a - b)) {
    if (px(x) - lastTick < 36) continue;
    lastTick = px(x);
    parts.push(`<text x="${fmt(px(x))}" y="${axisY + 16}" text-anchor="middle" font-size="11" fill="currentColor">${escapeHtml(formatTick(x))}</text>`);
  }
  for (const y of [y0, (y0 + y1) / 2, y1]) {
    parts.push(`<text x="${left - 6}" y="${fmt(py(y) + 4)}" text-anchor="end" font-size="11" fill="currentColor">${escapeHtml(formatTick(y))}</text>`);
  }
  parts.push(`<text x="${(left + width - right) / 2}" y="${axisY + 34}" text-anchor="middle" font-size="12" fill="currentColor">${escapeHtml(typical.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${(top + axisY) / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="currentColor">${escapeHtml(typical.yLabel)}</text>`);
  // Legend as one row under the axis label, so it never covers a line.
  let legendX = left;
  typical.series.forEach((series, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
    const path = series.points.map(([x, y]) => `${fmt(px(x))},${fmt(py(y))}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const [x, y] of series.points) parts.push(`<circle cx="${fmt(px(x))}" cy="${fmt(py(y))}" r="2.5" fill="${colour}"/>`);
    parts.push(`<line x1="${legendX}" y1="${height - 10}" x2="${legendX + 16}" y2="${height - 10}" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<text x="${legendX + 20}" y="${height - 6}" font-size="11" fill="currentColor">${escapeHtml(series.label)}</text>`);
    legendX += 32 + series.label.length * 6.2;
  });
  parts.push('</svg>');
  return parts.join('');
}

function typicalTable(typical: TypicalResults): string {
  const rows = typical.series.flatMap((s) =>
    s.points.map(([x, y]) => `<tr><td>${escapeHtml(s.label)}</td><td>${escapeHtml(String(x))}</td><td>${escapeHtml(String(y))}</td></tr>`),
  );
  return [
    '<details class="atlas-demo__typical-data"><summary>Typical results as a table</summary>',
    `<table><thead><tr><th scope="col">series</th><th scope="col">${escapeHtml(typical.xLabel)}</th><th scope="col">${escapeHtml(typical.yLabel)}</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table></details>`,
  ].join('');
}

/**
 * The "guess first" question with its choices and, folded, the answer the typical results give. The
 * widget turns the choices into radio buttons; it reads the answer from the data attributes.
 */
function questionHtml(question: Question, typical: TypicalResults): string {
  const typicalAnswer = answer(question, typical.series);
  const choice = question.choices[typicalAnswer.index]!;
  return [
    `<div class="atlas-demo__quiz" data-answer-index="${typicalAnswer.index}" data-answer-text="${escapeHtml(typicalAnswer.text)}">`,
    `<p class="atlas-demo__quiz-prompt"><strong>Guess first.</strong> <span class="atlas-demo__quiz-question">${escapeHtml(question.prompt)}</span></p>`,
    `<ul class="atlas-demo__quiz-choices">${question.choices.map((c) => `<li>${escapeHtml(c.label)}</li>`).join('')}</ul>`,
    `<details class="atlas-demo__quiz-answer"><summary>Show the typical answer</summary>`,
    `<p>Typically: <strong>${escapeHtml(choice.label)}</strong> (${escapeHtml(typicalAnswer.text)}), as the figure below shows.</p></details>`,
    `</div>`,
  ].join('');
}

/** Static HTML of one demo's placeholder content; every string in `meta` is escaped. */
export function fallbackHtmlFor(meta: DemoMeta): string {
  return [
    `<div class="atlas-demo__fallback">`,
    `<p class="atlas-demo__title"><strong>${escapeHtml(meta.title)}</strong></p>`,
    `<p class="atlas-demo__description">${escapeHtml(meta.description)}</p>`,
    questionHtml(meta.question, meta.typical),
    `<figure class="atlas-demo__figure">`,
    typicalSvg(meta.typical),
    `<figcaption>${escapeHtml(meta.typical.caption)}</figcaption>`,
    typicalTable(meta.typical),
    `</figure>`,
    `<p class="atlas-demo__noscript">This interactive demo trains real models in your browser; it starts when JavaScript is on.</p>`,
    `</div>`,
  ].join('');
}

/**
 * Static HTML for a demo placeholder: the description, the question and a figure of typical results,
 * shown with JavaScript off and until the live demo mounts. It links nowhere, so it needs no base path.
 */
export function renderDemoFallbackHtml(name: DemoName): string {
  if (!isDemoName(name)) throw new Error(`registry: unknown demo "${String(name)}"`);
  return fallbackHtmlFor(DEMOS[name]);
}
