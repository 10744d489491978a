import { describe, expect, test } from 'vitest';
import { DEFAULTS, TopicNameIndex, type TopicName } from '../../../graph/topicSearch.ts';

const t = (id: string, title: string, pagerank: number, aliases: string[] = []): TopicName => ({ id, title, aliases, pagerank });
const index = new TopicNameIndex([
  t('pruning', 'Model pruning', 0.3, ['weight pruning', 'Sparsification']),
  t('quantization', 'Quantization', 0.2, ['int8', 'low precision']),
  t('model-accuracy', 'Model accuracy', 0.25),
  t('gpu', 'GPU', 0.01, ['graphics processor']),
  t('gpu-memory', 'GPU memory', 0.05),
  t('gpus-in-practice', 'GPUs in practice', 0.04),
  t('tpu', 'ＴＰＵ acceleration', 0.02, ['TPU']),
  t('distillation', 'Knowledge distillation', 0.1, ['teacher–student training']),
]);
const ids = (query: string, limit?: number) => index.search(query, limit).map((m) => m.id);

describe('TopicNameIndex.search', () => {
  test.each([
    // prefix matches first (by importance), then substrings (by importance)
    ['model', ['pruning', 'model-accuracy']],
    ['pru', ['pruning']],
    ['acc', ['model-accuracy', 'tpu']],
    // an exact name comes first even when it ranks below prefix matches
    ['gpu', ['gpu', 'gpu-memory', 'gpus-in-practice']],
    // aliases: a prefix of an alias, and a part of one
    ['weight', ['pruning']],
    ['sparsif', ['pruning']],
    ['precis', ['quantization']],
    ['student', ['distillation']],
    ['graphics proc', ['gpu']],
    // names compare by nameKey: case, spacing and NFKC do not matter
    ['  MODEL   PRUNING ', ['pruning']],
    ['tpu', ['tpu']],
    ['ｇｐｕ memory', ['gpu-memory']],
    ['', []],
    ['zzz', []],
  ])('%j → %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  test('each topic appears once, under its title when the title matches, else the alias that did', () => {
    expect(index.search('weight')).toEqual([{ id: 'pruning', title: 'Model pruning', alias: 'weight pruning', kind: 'prefix' }]);
    expect(index.search('pruning')).toEqual([{ id: 'pruning', title: 'Model pruning', alias: undefined, kind: 'substring' }]);
    expect(index.search('tpu')).toEqual([{ id: 'tpu', title: 'ＴＰＵ acceleration', alias: 'TPU', kind: 'exact' }]);
    expect(index.search('model pr')).toEqual([{ id: 'pruning', title: 'Model pruning', alias: undefined, kind: 'prefix' }]);
    expect(index.search('int8')).toEqual([{ id: 'quantization', title: 'Quantization', alias: 'int8', kind: 'exact' }]);
    expect(index.search('u')).toHaveLength(new Set(ids('u')).size);
  });

  test('at most `limit` matches (DEFAULTS.limit when not given)', () => {
    expect(ids('u', 2)).toHaveLength(2);
    expect(ids('u', 0)).toEqual([]);
    expect(() => index.search('u', -1)).toThrow(/^topicSearch: limit/);
    const many = new TopicNameIndex(Array.from({ length: 500 }, (_, i) => t(`t${i}`, `Topic ${i}`, 1 / (i + 1))));
    expect(many.search('topic')).toHaveLength(DEFAULTS.limit);
    expect(DEFAULTS.limit).toBeLessThanOrEqual(20);
  });

  test('100,000 topics with aliases: every lookup returns at most 20 options, quickly', () => {
    const big = new TopicNameIndex(Array.from({ length: 100_000 }, (_, i) => t(`t${i}`, `Sparse network ${i.toString(36)}`, 1 / (i + 1), [`sn ${i}`])));
    const start = performance.now();
    for (const query of ['s', 'sparse', 'network 2', 'sn 9999', 'zz', 'work zzz']) {
      const found = big.search(query);
      expect(found.length).toBeLessThanOrEqual(20);
    }
    expect((performance.now() - start) / 6).toBeLessThan(200);
    expect(big.search('sn 99999')[0]).toMatchObject({ id: 't99999', alias: 'sn 99999', kind: 'exact' });
    expect(big.search('network 2')[0]!.title).toBe('Sparse network 2');
  });
});

describe('TopicNameIndex.resolve', () => {
  test('a title, an id or an alias, as a wikilink would resolve it', () => {
    expect(index.resolve('model pruning')).toBe('pruning');
    expect(index.resolve('Weight Pruning')).toBe('pruning');
    expect(index.resolve('gpu-memory')).toBe('gpu-memory');
    expect(index.resolve('TPU')).toBe('tpu');
    expect(index.resolve('pruning')).toBe('pruning');
    expect(index.resolve('model')).toBeUndefined();
  });

  test('a title wins over another topic\'s alias', () => {
    const clash = new TopicNameIndex([t('a', 'Alpha', 0.9, ['Beta']), t('b', 'Beta', 0.1)]);
    expect(clash.resolve('beta')).toBe('b');
  });
});
