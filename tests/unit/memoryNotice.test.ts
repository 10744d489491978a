import { describe, expect, test } from 'vitest';
import { DEFAULTS, memoryNotice } from '../../src/integration/memoryNotice.ts';

const GB = 2 ** 30;

describe('memoryNotice', () => {
  test('silent while the estimate fits the heap limit', () => {
    expect(memoryNotice(0, 4 * GB)).toBeUndefined();
    expect(memoryNotice(10_000, 4 * GB)).toBeUndefined();
  });

  test('a vault beyond the limit is told the setting that fixes it, large enough for the estimate', () => {
    const notice = memoryNotice(100_000, 4 * GB);
    expect(notice).toMatch(/^100000 pages may need about \d+\.\d GB of memory, more than Node's limit here \(4\.0 GB\)/);
    const suggested = Number(/--max-old-space-size=(\d+)/.exec(notice!)![1]);
    expect(suggested * 2 ** 20).toBeGreaterThanOrEqual(DEFAULTS.baselineBytes + 100_000 * DEFAULTS.bytesPerTopic);
    // The suggested limit is itself enough: no notice under it.
    expect(memoryNotice(100_000, suggested * 2 ** 20)).toBeUndefined();
  });
});
