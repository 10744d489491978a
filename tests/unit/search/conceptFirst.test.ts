import { describe, expect, test } from 'vitest';
import { conceptFirst, nameMatch } from '../../../src/client/search/conceptFirst.ts';
import { TopicIndex } from '../../../src/pipeline/topicIndex.ts';
import type { TopicSlug } from '../../../graph/types.ts';

const hit = (title: string, aliases: string[] = []) => ({ title, aliases });

describe('nameMatch', () => {
  test.each([
    [hit('Knowledge distillation', ['distillation']), 'distillation', 1],
    [hit('Knowledge distillation', ['distillation']), 'knowledge  DISTILLATION', 2],
    [hit('Accuracy (metric)', ['classification accuracy']), 'accuracy', 2],
    [hit('Mean average precision', ['mAP']), 'precision', 0],
    [hit('Naïve Bayes'), 'naïve  bayes', 2],
    [hit('F1 score', ['F1', 'F-measure']), 'f-MEASURE', 1],
    [hit('TPU acceleration', ['TPU']), 'ＴＰＵ', 1],
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

describe('one notion of "the same name"', () => {
  // Search ranking and wikilink resolution share graph/names.ts: a query promoted as a topic's name
  // is exactly a name a [[link]] would resolve to that topic, and the reverse.
  const topics = [
    { slug: 'a' as TopicSlug, title: 'Naïve Bayes', aliases: ['NB'], path: 'Naïve Bayes' },
    { slug: 'b' as TopicSlug, title: 'F1 score', aliases: ['F-measure'], path: 'metrics/f1' },
    { slug: 'c' as TopicSlug, title: 'Cafe', aliases: [], path: 'Cafe' },
  ];
  const index = new TopicIndex(topics);
  test.each(['naïve bayes', 'NAÏVE  BAYES', 'nb', 'f-measure', 'F1 Score', 'cafe', 'Café', 'naive bayes', 'f measure'])('%j', (query) => {
    const resolved = index.resolve(query)?.slug;
    const named = topics.find((t) => nameMatch(t, query) > 0)?.slug;
    expect(named).toBe(resolved);
  });
});
