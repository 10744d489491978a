// What a hover preview downloads: one shard of the preview index. At 100,000 pages with realistic
// entries (a ~30-character title, a ~160-character summary, a category) the largest shard must stay
// within 20 KB gzipped, so the preview index is sized to the site rather than to a fixed count.
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { previewShard, previewShardCount, previewShards, TOPICS_PER_SHARD, type PreviewEntry } from '../../../src/lib/previewShard.ts';
import { mulberry32 } from '../../../graph/random.ts';

const BUDGET = 20 * 1024;
const WORDS = (
  'model accuracy efficiency trade-off compute memory latency training inference parameters layers data hardware energy cost ' +
  'evaluation error bias variance throughput batch precision recall weights activations sparsity budget scaling network pruning ' +
  'benchmark accelerator metric optimizer dataset embedding transformer regularizer schedule ensemble encoder decoder loss estimator ' +
  'compiler cache classifier policy gradient tensor kernel latent federated bayesian convolutional recurrent adaptive robust fair ' +
  'quantized distilled attention structured unstructured magnitude lottery ticket hypothesis mixed precision integer floating point ' +
  'calibration teacher student knowledge transfer early exit cascade low rank factorization adapter sharding pipeline parallel'
).split(' ');
const CATEGORIES = ['Technique', 'Hardware', 'Benchmark', 'Metric', 'Concept', 'Dataset', 'Application'];

const made = new Map<string, [string, PreviewEntry][]>();

/** `n` entries keyed like real pages (`category/slug`), with titles, summaries and categories of realistic length. */
function synthetic(n: number, summaryLength: number): [string, PreviewEntry][] {
  const id = `${n}:${summaryLength}`;
  if (!made.has(id)) made.set(id, make(n, summaryLength));
  return made.get(id)!;
}

function make(n: number, summaryLength: number): [string, PreviewEntry][] {
  const random = mulberry32(7);
  const word = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const sentence = (length: number) => {
    let text = word().replace(/^./, (c) => c.toUpperCase());
    while (text.length < length) text += ` ${word()}`;
    return `${text.slice(0, length - 1).trimEnd()}.`;
  };
  return Array.from({ length: n }, () => {
    const title = `${sentence(22).slice(0, -1)} ${Math.floor(random() * 36 ** 6).toString(36)}`;
    const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)]!;
    const key = `${category.toLowerCase()}/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    return [key, { t: title, c: category, s: sentence(summaryLength) }] as [string, PreviewEntry];
  });
}

function shardSizes(entries: [string, PreviewEntry][]) {
  const shards = previewShards(entries, previewShardCount(entries.length));
  const gz = shards.map((s) => gzipSync(JSON.stringify(s)).length);
  const raw = shards.map((s) => JSON.stringify(s).length);
  return { count: shards.length, maxGz: Math.max(...gz), meanGz: gz.reduce((a, b) => a + b, 0) / gz.length, maxRaw: Math.max(...raw), entries: shards.map((s) => Object.keys(s).length) };
}

describe('preview shards', () => {
  test('the shard count is a power of two that keeps shards at TOPICS_PER_SHARD or fewer on average', () => {
    expect(previewShardCount(0)).toBe(1);
    expect(previewShardCount(TOPICS_PER_SHARD)).toBe(1);
    expect(previewShardCount(TOPICS_PER_SHARD + 1)).toBe(2);
    for (const n of [1_000, 5_000, 100_000, 1_000_000]) {
      const count = previewShardCount(n);
      expect(Math.log2(count) % 1).toBe(0);
      expect(n / count).toBeLessThanOrEqual(TOPICS_PER_SHARD);
      expect(n / count).toBeGreaterThan(TOPICS_PER_SHARD / 2);
    }
  });

  test('every entry is in the shard the browser will fetch for its key', () => {
    const entries = synthetic(5_000, 160);
    const count = previewShardCount(entries.length);
    const shards = previewShards(entries, count);
    expect(shards.reduce((n, s) => n + Object.keys(s).length, 0)).toBe(entries.length);
    for (const [key, entry] of entries) expect(shards[previewShard(key, count)]![key]).toEqual(entry);
  });

  test.each([
    ['realistic summaries (~160 characters)', 160],
    ['the longest excerpts a page without a summary gets (240 characters)', 240],
  ])('at 100,000 pages with %s, a hover preview fetches at most 20 KB gzipped', (_label, summaryLength) => {
    const sizes = shardSizes(synthetic(100_000, summaryLength));
    // Measured: 2,048 shards of ~49 entries; the largest 5.2 KB gzipped with 160-character summaries, 6.6 KB with 240.
    expect(sizes.count).toBe(2_048);
    expect(sizes.maxGz).toBeLessThanOrEqual(BUDGET);
    // The hash spreads keys evenly: no shard holds more than twice the average.
    expect(Math.max(...sizes.entries)).toBeLessThan((2 * 100_000) / sizes.count);
    console.log(`preview shards at 100k pages, ${summaryLength}-char summaries: ${sizes.count} shards, largest ${(sizes.maxGz / 1024).toFixed(1)} KB gzipped (${(sizes.maxRaw / 1024).toFixed(1)} KB raw), mean ${(sizes.meanGz / 1024).toFixed(1)} KB`);
  });

  test('a fixed shard count would not stay within the budget at 100,000 pages (the test can fail)', () => {
    const entries = synthetic(100_000, 160);
    const fixed = previewShards(entries, 32);
    expect(Math.max(...fixed.map((s) => gzipSync(JSON.stringify(s)).length))).toBeGreaterThan(BUDGET);
  });
});
