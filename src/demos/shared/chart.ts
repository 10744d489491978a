// Line and scatter charts for the demos, drawn by uPlot (https://github.com/leeoniya/uPlot): this
// module only maps a small typed description onto uPlot options. Charts are decorative for assistive
// technology (each widget gives the same numbers as a table), so the canvas is hidden from it and the
// figure is labelled instead.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989'] as const;

export interface ChartSeries {
  readonly label: string;
  readonly colour?: string;
  /** Draw a line through the points (default true). */
  readonly line?: boolean;
  /** Draw point markers; a number sets their size (default: only when there is no line). */
  readonly points?: boolean | number;
  readonly dash?: readonly number[];
  /** Scale key: 'y' (left axis, default) or 'y2' (right axis). */
  readonly scale?: 'y' | 'y2';
  /** Connect across missing (null) values. */
  readonly spanGaps?: boolean;
}

export interface ChartSpec {
  /** Accessible name of the figure. */
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly y2Label?: string;
  readonly xLog?: boolean;
  readonly yRange?: readonly [number, number];
  readonly height?: number;
  readonly series: readonly ChartSeries[];
}

/** x values (ascending) then one array per series, aligned with x; null marks a gap. */
export type ChartData = readonly [readonly number[], ...(readonly (number | null)[])[]];

export interface Chart {
  readonly element: HTMLElement;
  setData(data: ChartData): void;
  destroy(): void;
}

function toUplotSeries(series: ChartSeries, index: number): uPlot.Series {
  const colour = series.colour ?? PALETTE[index % PALETTE.length]!;
  const line = series.line ?? true;
  const pointSize = typeof series.points === 'number' ? series.points : series.points === true || !line ? 7 : 0;
  const result: uPlot.Series = {
    label: series.label,
    stroke: colour,
    width: line ? 2 : 0,
    scale: series.scale ?? 'y',
    spanGaps: series.spanGaps ?? false,
    points: { show: pointSize > 0, size: pointSize, fill: colour, stroke: colour },
  };
  if (series.dash) result.dash = [...series.dash];
  if (!line) result.paths = () => null;
  return result;
}

export function createChart(container: HTMLElement, spec: ChartSpec, data: ChartData): Chart {
  const figure = document.createElement('figure');
  figure.className = 'atlas-demo__chart';
  figure.setAttribute('role', 'group');
  const caption = document.createElement('figcaption');
  caption.textContent = spec.title;
  const plotHost = document.createElement('div');
  plotHost.className = 'atlas-demo__plot';
  plotHost.setAttribute('aria-hidden', 'true');
  figure.append(caption, plotHost);
  container.append(figure);

  const width = (): number => Math.max(260, Math.min(plotHost.clientWidth || container.clientWidth || 560, 900));
  // Canvas text cannot use currentColor: resolve the page's text colour (light or dark theme) once.
  const ink = getComputedStyle(figure).color || '#1b1f24';
  const scales: uPlot.Scales = { x: { time: false, ...(spec.xLog ? { distr: 3, log: 10 } : {}) } };
  scales['y'] = spec.yRange ? { range: [spec.yRange[0], spec.yRange[1]] } : {};
  if (spec.y2Label) scales['y2'] = {};
  const axes: uPlot.Axis[] = [
    { label: spec.xLabel, stroke: ink, grid: { stroke: 'rgba(128,128,128,0.25)' }, ticks: { stroke: 'rgba(128,128,128,0.4)' } },
    { label: spec.yLabel, stroke: ink, scale: 'y', grid: { stroke: 'rgba(128,128,128,0.25)' }, ticks: { stroke: 'rgba(128,128,128,0.4)' } },
  ];
  if (spec.y2Label) axes.push({ label: spec.y2Label, stroke: ink, scale: 'y2', side: 1, grid: { show: false } });
  const options: uPlot.Options = {
    width: width(),
    height: spec.height ?? 280,
    scales,
    axes,
    series: [{ label: spec.xLabel }, ...spec.series.map(toUplotSeries)],
    cursor: { drag: { x: false, y: false } },
    legend: { show: true, live: false },
  };
  const plot = new uPlot(options, data as unknown as uPlot.AlignedData, plotHost);
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: options.height }));
  resize.observe(plotHost);
  return {
    element: figure,
    setData: (next) => plot.setData(next as unknown as uPlot.AlignedData),
    destroy: () => {
      resize.disconnect();
      plot.destroy();
      figure.remove();
    },
  };
}

/**
 * Aligns several (x, y) point lists onto one ascending x axis, as uPlot's aligned data needs; a
 * series has null where it has no point.
 */
export function alignSeries(lists: readonly (readonly (readonly [number, number])[])[]): ChartData {
  const xs = [...new Set(lists.flatMap((list) => list.map(([x]) => x)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const columns = lists.map((list) => {
    const column: (number | null)[] = xs.map(() => null);
    for (const [x, y] of list) column[index.get(x)!] = y;
    return column;
  });
  return [xs, ...columns];
}
