// Seeded pseudo-random numbers for everything in graph/ that must be reproducible
// (Louvain's traversal order, initial layout positions): same seed, same sequence, same output.
//
// [Reference]: Tommy Ettinger, "Mulberry32", public-domain 32-bit PRNG (2017),
// https://gist.github.com/tommyettinger/46a874533244883189143505d203312c

/** A function returning uniformly distributed numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast, full 2^32 period; plenty for layout jitter and tie shuffling. */
export function mulberry32(seed: number): Random {
  if (!Number.isFinite(seed)) throw new Error(`random: seed must be a finite number, got ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
