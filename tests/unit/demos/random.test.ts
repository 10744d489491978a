import { describe, expect, test } from 'vitest';
import { createRandom, shuffledIndices } from '../../../src/demos/shared/random.ts';

describe('createRandom', () => {
  test('the same seed gives the same sequence', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
  });

  test('different seeds give different sequences', () => {
    const a = Array.from({ length: 10 }, createRandom(1).next);
    const b = Array.from({ length: 10 }, createRandom(2).next);
    expect(a).not.toEqual(b);
  });

  test('uniform values stay in [0, 1) with a mean near 1/2', () => {
    const random = createRandom(7);
    const xs = Array.from({ length: 20_000 }, () => random.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  test('normal() has the requested mean and standard deviation', () => {
    const random = createRandom(3);
    const xs = Array.from({ length: 20_000 }, () => random.normal(2, 3));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(2, 1);
    expect(sd).toBeCloseTo(3, 1);
  });

  test('int(n) covers 0…n-1 only', () => {
    const random = createRandom(5);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(4)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe('shuffledIndices', () => {
  test('is a permutation, fixed by the seed', () => {
    const order = shuffledIndices(100, createRandom(9));
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...order]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...shuffledIndices(100, createRandom(9))]).toEqual([...order]);
  });
});
