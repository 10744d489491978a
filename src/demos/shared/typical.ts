// What a demo run comes to, in one shape for the build-time figure and the reader's own run: a few
// (x, y) series, and a "guess first" question whose answer is computed from those series. The
// registry answers each question from the typical results recorded at build time; after Run the
// widget answers the same question from the reader's results, so the two can be compared.
// Pure data and arithmetic (no tfjs, no DOM): imported by the build, the page and Node tests.

/** One series of results: y against x. */
export interface TypicalSeries {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface TypicalResults {
  /** Caption under the figure, including where the numbers came from. */
  readonly caption: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Plot x on a log scale (parameter counts, bytes, batch sizes). */
  readonly xLog?: boolean;
  readonly series: readonly TypicalSeries[];
}

export interface QuestionChoice {
  readonly label: string;
  /** The choice is right when the measured quantity is at least this (choices ascend; the first is -Infinity). */
  readonly min: number;
}

/** A multiple-choice question a reader answers before seeing any result. */
export interface Question {
  readonly prompt: string;
  readonly choices: readonly QuestionChoice[];
  /** The quantity the question is about, measured from a run's series. */
  measure(series: readonly TypicalSeries[]): number;
  /** That quantity in words, e.g. "90 % of the weights". */
  describe(value: number): string;
}

/** Index of the choice a measured value falls in. */
export function choiceIndex(question: Question, value: number): number {
  let index = 0;
  question.choices.forEach((c, i) => {
    if (value >= c.min) index = i;
  });
  return index;
}

export interface Answer {
  readonly value: number;
  readonly index: number;
  readonly text: string;
}

export function answer(question: Question, series: readonly TypicalSeries[]): Answer {
  const value = question.measure(series);
  return { value, index: choiceIndex(question, value), text: question.describe(value) };
}

/** The series with this label; a clear error when a question asks for one the run does not have. */
export function seriesNamed(series: readonly TypicalSeries[], label: string): TypicalSeries {
  const found = series.find((s) => s.label === label);
  if (!found) throw new Error(`typical: no series "${label}" (have ${series.map((s) => `"${s.label}"`).join(', ')})`);
  return found;
}

/** The largest x whose y stays at or above `floor`, scanning from the first point while that holds. */
export function lastXAbove(points: readonly (readonly [number, number])[], floor: number): number {
  let last = points[0]?.[0] ?? Number.NaN;
  for (const [x, y] of points) {
    if (y < floor) break;
    last = x;
  }
  return last;
}

/** y at the point whose x is closest to `x`. */
export function yNear(points: readonly (readonly [number, number])[], x: number): number {
  let best = points[0];
  for (const p of points) if (best === undefined || Math.abs(p[0] - x) < Math.abs(best[0] - x)) best = p;
  if (best === undefined) throw new Error('typical: no points');
  return best[1];
}

/** Rounds to `digits` decimals, for recorded figures that stay readable. */
export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
