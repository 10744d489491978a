import { describe, expect, test } from 'vitest';
import { conceptFirst, nameMatch, normalizeName } from '../../../src/client/search/conceptFirst.ts';

describe('normalizeName', () => {
  test.each([
    ['Naïve Bayes', 'naive bayes'],
    ['teacher-student training', 'teacher student training'],
    ['  F1 ', 'f1'],
    ['Sequence-to-sequence models', 'sequence to sequence models'],
    ['机器学习', '机器学习'],
    ['ＴＰＵ', 'tpu'],
  ])('%s → %s', (name, normalized) => expect(normalizeName(name)).toBe(normalized));
});

const hit = (title: string, aliases: string[] = []) => ({ title, aliases });

describe('nameMatch', () => {
  test.each([
    [hit('Knowledge distillation', ['distillation']), 'distillation', 1],
    [hit('Knowledge distillation', ['distillation']), 'knowledge  DISTILLATION', 2],
    [hit('Accuracy (metric)', ['classification accuracy']), 'accuracy', 2],
    [hit('Mean average precision', ['mAP']), 'precision', 0],
    [hit('Naïve Bayes'), 'naive bayes', 2],
    [hit('F1 score', ['F1', 'F-measure']), 'f measure', 1],
    [hit('Model pruning'), '', 0],
  ])('%o for "%s" → %i', (h, query, expected) => expect(nameMatch(h, query)).toBe(expected));
});

describe('conceptFirst', () => {
  test('moves the page named by the query to the top, title before alias, others in order', () => {
    const hits = [hit('Mean average precision', ['mAP']), hit('F1 score'), hit('Precision (metric)', ['precision']), hit('Recall (metric)')];
    expect(conceptFirst(hits, 'precision').map((h) => h.title)).toEqual(['Precision (metric)', 'Mean average precision', 'F1 score', 'Recall (metric)']);
    const named = [hit('Model compression', ['compression']), hit('Other', ['model compression x']), hit('Compression', [])];
    expect(conceptFirst(named, 'compression').map((h) => h.title)).toEqual(['Compression', 'Model compression', 'Other']);
  });

  test('keeps the order when nothing is named by the query', () => {
    const hits = [hit('A'), hit('B'), hit('C')];
    expect(conceptFirst(hits, 'something else')).toEqual(hits);
  });
});
