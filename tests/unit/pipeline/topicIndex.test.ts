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

test('suggestions from the index are those of comparing each target with every title and alias, on a sample of typos', async () => {
  const { didYouMean } = await import('../../../src/pipeline/diagnostics.ts');
  const { nameKey } = await import('../../../graph/names.ts');
  let seed = 3;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const words = ['sparse', 'attention', 'pruning', 'quantized', 'kernel', 'latency', 'tensor', 'network', 'budget', 'cache', 'decoder', 'metric'];
  const pick = () => words[Math.floor(random() * words.length)]!;
  const topics = Array.from({ length: 2_000 }, (_, i) => {
    const title = `${pick()} ${pick()} ${(i * 7919).toString(36)}`;
    return { slug: `t${i}` as TopicSlug, title, path: `notes/${title}`, aliases: i % 4 === 0 ? [`${pick()} ${i}`] : [] };
  });
  const index = new TopicIndex(topics);
  const names = [...topics.map((t) => t.title), ...topics.flatMap((t) => t.aliases)];
  const canonical = (hit: string | undefined) => (hit === undefined ? undefined : (topics.find((t) => nameKey(t.title) === nameKey(hit)) ?? topics.find((t) => t.aliases.some((a) => nameKey(a) === nameKey(hit))))!.title);
  // Typos of real names (a deletion, a substitution, a swap), and strings far from every name.
  const typo = (name: string) => {
    const i = 1 + Math.floor(random() * (name.length - 2));
    const kind = Math.floor(random() * 3);
    return kind === 0 ? name.slice(0, i) + name.slice(i + 1) : kind === 1 ? `${name.slice(0, i)}x${name.slice(i + 1)}` : name.slice(0, i - 1) + name[i] + name[i - 1] + name.slice(i + 1);
  };
  const sample = [...Array.from({ length: 150 }, () => typo(names[Math.floor(random() * names.length)]!)), 'completely unrelated words', 'zz', 'sparse', 'Sparse Attention'];
  let hits = 0;
  for (const target of sample) {
    const expected = canonical(didYouMean(target, names));
    expect(index.suggest(target)).toBe(expected);
    // Asked again (a typo repeated across pages), the answer is the memoised one.
    expect(index.suggest(target)).toBe(expected);
    if (expected !== undefined) hits++;
  }
  expect(hits).toBeGreaterThan(100);
});
