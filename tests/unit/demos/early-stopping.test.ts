import { beforeAll, describe, expect, test } from 'vitest';
import type { EpochPoint } from '../../../src/demos/early-stopping/config.ts';
import { runEarlyStopping } from '../../../src/demos/early-stopping/model.ts';
import { earlyStoppingPoint } from '../../../src/demos/early-stopping/stopping.ts';
import { useCpu } from './tf.ts';

beforeAll(useCpu);

describe('earlyStoppingPoint', () => {
  test.each([
    // losses, patience, minDelta, best, stop, stopped
    [[5, 4, 3, 3.5, 3.6, 3.7], 2, 0, 3, 5, true],
    [[5, 4, 3, 3.5, 3.6, 3.7], 3, 0, 3, 6, true],
    [[5, 4, 3, 3.5, 3.6, 3.7], 4, 0, 3, 6, false],
    [[5, 4, 3, 2, 1], 1, 0, 5, 5, false],
    [[1, 1, 1, 1], 2, 0, 1, 3, true],
    [[3, 2.95, 2.9, 2.85], 2, 0.1, 1, 3, true],
    [[3, 2.5, 2.45, 2.0, 2.1], 2, 0.1, 4, 5, false],
  ])('losses %j, patience %i, minDelta %f → best %i, stop %i (stopped: %s)', (losses, patience, minDelta, bestEpoch, stopEpoch, stopped) => {
    expect(earlyStoppingPoint(losses, patience, minDelta)).toEqual({ bestEpoch, stopEpoch, stopped });
  });

  test('rejects an empty curve and a bad patience', () => {
    expect(() => earlyStoppingPoint([], 3)).toThrow(/early-stopping: no epochs/);
    expect(() => earlyStoppingPoint([1], 0)).toThrow(/patience must be a positive integer/);
  });
});

describe('runEarlyStopping', () => {
  test('produces the curve it reports and applies the stopping rule to it', async () => {
    const partials: EpochPoint[][] = [];
    const settings = { l2: 0, dropout: 0, patience: 4, maxEpochs: 30, seed: 1 };
    const result = await runEarlyStopping(settings, (_, __, partial) => void partials.push((partial as { curve: EpochPoint[] }).curve));
    expect(result.curve.map((p) => p.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const rule = earlyStoppingPoint(result.curve.map((p) => p.validationLoss), 4);
    expect({ bestEpoch: result.bestEpoch, stopEpoch: result.stopEpoch, stopped: result.stopped }).toEqual(rule);
    expect(result.stopped).toBe(true);
    expect(result.stopEpoch - result.bestEpoch).toBe(4);
    expect(result.epochsSaved).toBe(30 - result.stopEpoch);
    // On 20 % label noise the 64-64 network overfits: training loss keeps falling below validation loss.
    expect(result.curve.at(-1)!.trainLoss).toBeLessThan(result.curve[0]!.trainLoss);
    expect(result.curve.at(-1)!.trainLoss).toBeLessThan(result.curve.at(-1)!.validationLoss);
    expect(partials.map((c) => c.length)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(partials.at(-1)).toEqual(result.curve);
    expect(result.msPerEpoch).toBeGreaterThan(0);
    expect(result.params).toBe(2 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2);
  });

  test('keeps the best epoch’s weights: equal to training for exactly that many epochs', async () => {
    const settings = { l2: 1e-3, dropout: 0.2, patience: 3, maxEpochs: 20, seed: 1 };
    const long = await runEarlyStopping(settings, () => {});
    expect(long.stopped).toBe(true);
    // Shuffles and dropout masks come from one seeded stream, so the first N epochs of any run agree.
    const short = await runEarlyStopping({ ...settings, maxEpochs: long.bestEpoch, patience: 100 }, () => {});
    expect(short.curve).toEqual(long.curve.slice(0, long.bestEpoch));
    expect(short.fullTrainingAccuracy).toBe(long.earlyStoppedAccuracy);
  });
});
