import { expect, test } from 'vitest';
import { TopicIndex } from '../../../src/pipeline/topicIndex.ts';
import type { TopicSlug } from '../../../graph/types.ts';

const topic = (slug: string, title: string, path: string, aliases: string[] = []) => ({ slug: slug as TopicSlug, title, path, aliases });
const index = new TopicIndex([
  topic('techniques/model-pruning', 'Model pruning', 'techniques/model-pruning', ['pruning', 'weight pruning']),
  topic('tpu', 'TPU acceleration', 'hardware/tpu', ['TPU']),
  topic('a/note', 'note', 'a/note'),
  topic('b/note', 'note', 'b/note'),
  topic('deep/x/note', 'note', 'deep/x/note'),
  topic('机器学习', '机器学习', '机器学习', ['ML 中文']),
  topic('cafe', 'Café au lait', 'Café au lait'),
]);

test.each([
  ['Model pruning', '', 'techniques/model-pruning'],
  ['model PRUNING', '', 'techniques/model-pruning'],
  ['pruning', '', 'techniques/model-pruning'],
  ['Weight Pruning', '', 'techniques/model-pruning'],
  ['model-pruning', '', 'techniques/model-pruning'],
  ['techniques/model-pruning', '', 'techniques/model-pruning'],
  ['techniques/model-pruning.md', '', 'techniques/model-pruning'],
  ['tpu', '', 'tpu'],
  ['TPU acceleration', '', 'tpu'],
  ['机器学习', '', '机器学习'],
  ['ml 中文', '', '机器学习'],
  ['café au lait', '', 'cafe'],
  ['b/note', 'a/other', 'b/note'],
  ['x/note', '', 'deep/x/note'],
  ['note', 'b/page', 'b/note'],
  ['note', 'elsewhere', 'a/note'],
])('resolve(%j from %j) → %j', (target, from, slug) => {
  expect(index.resolve(target, from)?.slug).toBe(slug);
});

test('unknown targets resolve to null', () => {
  expect(index.resolve('Quantization')).toBeNull();
  expect(index.resolve('')).toBeNull();
});

test('an ambiguous bare name reports the alternatives unless the linking folder decides', () => {
  expect(index.resolve('note', 'elsewhere')?.alternatives).toEqual(['b/note', 'deep/x/note']);
  expect(index.resolve('note', 'a/page')?.alternatives).toEqual([]);
});

test('suggestions name the canonical title, also when the typo is closest to an alias', () => {
  expect(index.suggest('Modle pruning')).toBe('Model pruning');
  expect(index.suggest('prunning')).toBe('Model pruning');
  expect(index.suggest('qqqqqqqq')).toBeUndefined();
});
