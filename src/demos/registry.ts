// The demo registry: the names authors may use (`demo: pruning` in frontmatter, `<Demo name="pruning" />`
// in MDX), what each demo is about, and the static no-JavaScript fallback shown before a demo mounts.
// The build imports this module, so it must stay free of tfjs and of the DOM.

export const DEMO_NAMES = [
  'pruning',
  'quantization',
  'distillation',
  'early-stopping',
  'precision-recall',
  'fairness',
  'tradeoff',
] as const;

export type DemoName = (typeof DEMO_NAMES)[number];

export function isDemoName(value: unknown): value is DemoName {
  return typeof value === 'string' && (DEMO_NAMES as readonly string[]).includes(value);
}

/** One series of typical results for the fallback figure: y against x. */
export interface TypicalSeries {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface TypicalResults {
  /** Caption under the figure, including where the numbers came from. */
  readonly caption: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Plot x on a log scale (parameter counts, bytes). */
  readonly xLog?: boolean;
  readonly series: readonly TypicalSeries[];
}

export interface DemoMeta {
  readonly name: DemoName;
  readonly title: string;
  /** One static paragraph: what the demo does and what a reader should look for. */
  readonly description: string;
  readonly typical: TypicalResults;
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
  },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const FIGURE = { width: 480, height: 280, left: 62, right: 16, top: 12, bottom: 64 };
const SERIES_COLOURS = ['#1f6feb', '#d1242f', '#1a7f37'];

function formatTick(value: number): string {
  if (Math.abs(value) >= 10_000) return `${Math.round(value / 1000)}k`;
  if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(1)}k`;
  return String(Number(value.toPrecision(3)));
}

/** A static SVG line chart of the typical results: numbers only, every string escaped. */
function typicalSvg(name: DemoName, typical: TypicalResults): string {
  const { width, height, left, right, top, bottom } = FIGURE;
  const all = typical.series.flatMap((s) => s.points);
  const tx = (x: number): number => (typical.xLog ? Math.log10(Math.max(x, 1e-9)) : x);
  const xs = all.map(([x]) => tx(x));
  const ys = all.map(([, y]) => y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(...ys)];
  const px = (x: number): number => left + ((tx(x) - x0) / (x1 - x0 || 1)) * (width - left - right);
  const py = (y: number): number => height - bottom - ((y - y0) / (y1 - y0 || 1)) * (height - top - bottom);
  const fmt = (v: number): string => v.toFixed(1);
  const axisY = height - bottom;
  const titleId = `atlas-demo-${name}-figure-title`;
  const parts: string[] = [
    `<svg class="atlas-demo__figure-svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${titleId}">${escapeHtml(`${typical.yLabel} against ${typical.xLabel}`)}</title>`,
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
 * Static HTML for a demo placeholder: the description and a figure of typical results, shown with
 * JavaScript off and until the live demo mounts. Everything interpolated is escaped. `base` is the
 * site base path ("/" or "/wiki/"); the fallback links nowhere today but takes it so links can be added.
 */
export function renderDemoFallbackHtml(name: DemoName, base: string): string {
  if (!isDemoName(name)) throw new Error(`registry: unknown demo "${String(name)}"`);
  void base;
  const meta = DEMOS[name];
  return [
    `<div class="atlas-demo__fallback">`,
    `<p class="atlas-demo__title"><strong>${escapeHtml(meta.title)}</strong></p>`,
    `<p class="atlas-demo__description">${escapeHtml(meta.description)}</p>`,
    `<figure class="atlas-demo__figure">`,
    typicalSvg(name, meta.typical),
    `<figcaption>${escapeHtml(meta.typical.caption)}</figcaption>`,
    typicalTable(meta.typical),
    `</figure>`,
    `<p class="atlas-demo__noscript">This interactive demo trains real models in your browser; it starts when JavaScript is on.</p>`,
    `</div>`,
  ].join('');
}
