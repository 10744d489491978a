// The lookup log (src/pipeline/lookupLog.ts): what a transform asked about other notes and was told.
// A warm build keeps a cached transform exactly when every logged question still gets the same
// answer, so the log must notice any change to an answer and ignore changes nobody asked about.
import { expect, test } from 'vitest';
import type { TopicSlug } from '../../../graph/types.ts';
import { siteLookup, type LookupData } from '../../../src/pipeline/noteShard.ts';
import { recordingLookup, sameAnswers, type LookupLog } from '../../../src/pipeline/lookupLog.ts';

const note = (title: string, extra: Partial<LookupData['notes'][number]> = {}) => {
  const slug = title.toLowerCase().replace(/\s+/g, '-') as TopicSlug;
  return { slug, title, aliases: [], path: title, url: `/${slug}/`, urlPath: slug, ...extra };
};

const data = (over: Partial<LookupData> = {}): LookupData => ({
  notes: [note('Pruning', { aliases: ['Sparsity'] }), note('Quantization')],
  homeSlug: undefined,
  unpublished: [],
  attachments: ['diagram.png'],
  anchors: [['pruning' as TopicSlug, { headings: [{ depth: 2, text: 'Method', id: 'method' }], blockIds: ['b1'] }]],
  severity: 'warning',
  imageOrigins: [],
  ...over,
});

const lookupOf = (d: LookupData) => siteLookup(d, { base: '/', demos: { names: ['mlp'], fallbacks: {} } });

/** The questions a transform of a note linking to [[Sparsity#Method]] and an image might ask, as its log's text. */
function logOf(d: LookupData): string {
  const log: LookupLog = [];
  const lookup = recordingLookup(lookupOf(d), log);
  const target = lookup.index.resolve('Sparsity');
  expect(target?.slug).toBe('pruning');
  lookup.anchorsOf(target!.slug);
  lookup.titleOf(target!.slug);
  lookup.titleOf(target!.slug);
  lookup.urlOf(target!.slug);
  lookup.attachments.find('diagram.png', '');
  lookup.isDemoName('mlp');
  return JSON.stringify(log);
}

test('a question asked twice is logged once, and the same site gives the same answers', () => {
  const text = logOf(data());
  expect((JSON.parse(text) as LookupLog).filter(([q]) => q.startsWith('titleOf'))).toHaveLength(1);
  expect(sameAnswers(lookupOf(data()), text)).toBe(true);
});

test('a note nobody asked about can come and go without changing the answers', () => {
  const text = logOf(data());
  expect(sameAnswers(lookupOf(data({ notes: [...data().notes, note('Distillation')] })), text)).toBe(true);
});

test('any answer that changed is noticed: a renamed title, a lost alias, a renamed heading, a missing attachment', () => {
  const text = logOf(data());
  const changed: LookupData[] = [
    data({ notes: [note('Pruning', { aliases: ['Sparsity'], title: 'Weight pruning' }), note('Quantization')] }),
    data({ notes: [note('Pruning'), note('Quantization')] }),
    data({ anchors: [['pruning' as TopicSlug, { headings: [{ depth: 2, text: 'Approach', id: 'approach' }], blockIds: ['b1'] }]] }),
    data({ attachments: [] }),
  ];
  for (const d of changed) expect(sameAnswers(lookupOf(d), text)).toBe(false);
});

test('a log with a question this generator does not know is never taken as still good', () => {
  expect(sameAnswers(lookupOf(data()), JSON.stringify([['noSuchQuestion\u0000[]', 'true']]))).toBe(false);
});
