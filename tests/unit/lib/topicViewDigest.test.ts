import { expect, test } from 'vitest';
import { topicViewDigest, type TopicView } from '../../../src/lib/topicView.ts';

const view = (patch: Partial<TopicView> = {}): TopicView => ({
  slug: 'a', url: '/a/', title: 'A', description: 'd', summary: undefined, category: undefined, created: undefined, updated: undefined,
  cssClasses: [], html: '<p>Body "quoted"</p>', jsonLd: [], toc: [], infobox: undefined, faq: [], references: [], relations: [],
  backlinks: [], backlinksTotal: 0, backlinksPage: undefined, listedBy: [], related: [], tags: [], demos: false, mermaid: false,
  localGraph: { id: 'a', dataUrl: '/-/local/a.json', explorerUrl: '/-/graph/#a', neighbours: [] },
  ...patch,
});

test('a topic view digest is stable, and changes with the article or with anything else the page shows', () => {
  expect(topicViewDigest(view())).toBe(topicViewDigest(view()));
  expect(topicViewDigest(view({ html: '<p>Body "quoted".</p>' }))).not.toBe(topicViewDigest(view()));
  expect(topicViewDigest(view({ title: 'B' }))).not.toBe(topicViewDigest(view()));
  expect(topicViewDigest(view({ backlinks: [{ title: 'C', url: '/c/', sentences: ['s'] }] }))).not.toBe(topicViewDigest(view()));
});

test('the article cannot be confused with the rest of the view', () => {
  // The same characters, split differently between the article and the view's other fields.
  const a = view({ html: 'xy', description: '' });
  const b = view({ html: 'y', description: '' });
  expect(topicViewDigest(a)).not.toBe(topicViewDigest(b));
  expect(topicViewDigest(view({ html: '' }))).not.toBe(topicViewDigest(view({ html: '"' })));
});
