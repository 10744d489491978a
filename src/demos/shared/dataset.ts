// Seeded synthetic datasets shared by the demos: two moons, spirals and Gaussian blobs in the plane,
// plus splitting and label noise. Everything is generated on the reader's device from a seed;
// nothing is downloaded. Shapes follow scikit-learn's make_moons / make_blobs conventions.
import { createRandom, shuffledIndices, type Random } from './random.ts';

/** A classification dataset: `x` is row-major n × dims, `y` holds class indices 0…classes-1. */
export interface Dataset {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly n: number;
  readonly dims: number;
  readonly classes: number;
}

export type Shape2D = 'moons' | 'spirals';

function fromPoints(points: readonly (readonly [number, number, number])[], classes: number): Dataset {
  const n = points.length;
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  points.forEach(([a, b, label], i) => {
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = label;
  });
  return { x, y, n, dims: 2, classes };
}

/** Two interleaving half circles, centred and scaled to roughly [-1, 1]². */
export function makeMoons(n: number, noise: number, seed: number): Dataset {
  const random = createRandom(seed);
  const points: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const t = Math.PI * random.next();
    const [a, b] = label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    points.push([(a - 0.5 + random.normal(0, noise)) / 1.5, (b - 0.25 + random.normal(0, noise)) / 1.5, label]);
  }
  return fromPoints(shuffle(points, random), 2);
}

/** `classes` interleaved spiral arms of `turns` turns each, radius up to 1. */
export function makeSpirals(n: number, classes: number, noise: number, seed: number, turns = 1.25): Dataset {
  const random = createRandom(seed);
  const points: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const label = i % classes;
    const r = 0.1 + 0.9 * Math.sqrt(random.next());
    const angle = (2 * Math.PI * label) / classes + 2 * Math.PI * turns * r;
    points.push([r * Math.cos(angle) + random.normal(0, noise), r * Math.sin(angle) + random.normal(0, noise), label]);
  }
  return fromPoints(shuffle(points, random), classes);
}

export function make2D(shape: Shape2D, n: number, noise: number, seed: number): Dataset {
  return shape === 'moons' ? makeMoons(n, noise, seed) : makeSpirals(n, 2, noise, seed);
}

function shuffle<T>(items: T[], random: Random): T[] {
  return Array.from(shuffledIndices(items.length, random), (i) => items[i]!);
}

/** The rows of `data` at `indices`, in that order. */
export function subset(data: Dataset, indices: ArrayLike<number>): Dataset {
  const n = indices.length;
  const x = new Float32Array(n * data.dims);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = indices[i]!;
    x.set(data.x.subarray(row * data.dims, (row + 1) * data.dims), i * data.dims);
    y[i] = data.y[row]!;
  }
  return { x, y, n, dims: data.dims, classes: data.classes };
}

/** Consecutive slices of the given sizes (the generators already shuffle). */
export function split(data: Dataset, sizes: readonly number[]): Dataset[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > data.n) throw new Error(`dataset: split of ${total} rows asked from ${data.n}`);
  let start = 0;
  return sizes.map((size) => {
    const part = subset(data, Array.from({ length: size }, (_, i) => start + i));
    start += size;
    return part;
  });
}

/** A copy where exactly round(fraction·n) labels, chosen by the seed, are moved to another class. */
export function withLabelNoise(data: Dataset, fraction: number, seed: number): Dataset {
  const random = createRandom(seed);
  const y = data.y.slice();
  const flips = Math.round(fraction * data.n);
  const order = shuffledIndices(data.n, random);
  for (let i = 0; i < flips; i++) {
    const row = order[i]!;
    y[row] = (y[row]! + 1 + random.int(data.classes - 1)) % data.classes;
  }
  return { ...data, y };
}

/** Regular grid over [-extent, extent]², row by row from the top, for decision-boundary images. */
export function grid2D(size: number, extent: number): Float32Array {
  const points = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const i = row * size + col;
      points[2 * i] = -extent + (2 * extent * (col + 0.5)) / size;
      points[2 * i + 1] = extent - (2 * extent * (row + 0.5)) / size;
    }
  }
  return points;
}
