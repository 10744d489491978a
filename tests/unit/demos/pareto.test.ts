import { describe, expect, test } from 'vitest';
import { paretoFrontier } from '../../../src/demos/tradeoff/pareto.ts';
import { runTradeoff, tradeoffArchitectures } from '../../../src/demos/tradeoff/model.ts';
import { tradeoffWidths } from '../../../src/demos/tradeoff/config.ts';
import { countParams } from '../../../src/demos/shared/mlp.ts';
import { useCpu } from './tf.ts';

describe('paretoFrontier', () => {
  test.each([
    ['empty', [], []],
    ['one point', [{ cost: 1, value: 1 }], [0]],
    ['a dominated point is left out', [{ cost: 1, value: 0.5 }, { cost: 2, value: 0.4 }, { cost: 3, value: 0.9 }], [0, 2]],
    ['order is by cost', [{ cost: 30, value: 0.9 }, { cost: 10, value: 0.6 }, { cost: 20, value: 0.8 }], [1, 2, 0]],
    ['equal cost: the better value wins', [{ cost: 5, value: 0.7 }, { cost: 5, value: 0.8 }], [1]],
    ['equal value: the cheaper wins', [{ cost: 5, value: 0.8 }, { cost: 3, value: 0.8 }], [1]],
  ])('%s', (_, points, expected) => {
    expect(paretoFrontier(points)).toEqual(expected);
  });
});

describe('tradeoff models', () => {
  test('architectures are every width × depth', () => {
    expect(tradeoffWidths(64)).toEqual([4, 8, 16, 32, 64]);
    expect(tradeoffArchitectures({ maxWidth: 8, maxDepth: 2 })).toEqual([[4], [4, 4], [8], [8, 8]]);
  });

  test('runTradeoff measures every architecture and streams rows as they finish', async () => {
    await useCpu();
    const partialLengths: number[] = [];
    const { rows } = await runTradeoff({ maxWidth: 16, maxDepth: 2, seed: 1 }, (_, __, partial) => void partialLengths.push((partial as { rows: unknown[] }).rows.length), 4);
    expect(rows.map((r) => r.hidden)).toEqual([[4], [4, 4], [8], [8, 8], [16], [16, 16]]);
    for (const row of rows) {
      expect(row.params).toBe(countParams({ inputs: 2, hidden: row.hidden, outputs: 3 }));
      expect(row.bytes).toBe(row.params * 4);
      expect(row.latencyMs).toBeGreaterThan(0);
      // Measured on the 600 test points, above chance (1/3) after a few epochs.
      expect(Math.abs(row.accuracy * 600 - Math.round(row.accuracy * 600))).toBeLessThan(1e-9);
      expect(row.accuracy).toBeGreaterThan(0.45);
    }
    // Different networks, different measured accuracies.
    expect(new Set(rows.map((r) => r.accuracy)).size).toBeGreaterThan(1);
    expect(partialLengths).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
