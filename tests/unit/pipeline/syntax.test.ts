import { describe, expect, test } from 'vitest';
import { normalizeBase } from '../../../src/config.ts';
import { slugFromPath, slugFromPermalink, slugifySegment, topicUrl } from '../../../src/pipeline/slug.ts';
import { displayText, parseWikilink } from '../../../src/pipeline/wikilink.ts';
import { didYouMean, editDistance } from '../../../src/pipeline/diagnostics.ts';
import type { TopicSlug } from '../../../graph/types.ts';

describe('slugs', () => {
  test.each([
    ['techniques/model-pruning.md', 'techniques/model-pruning'],
    ['Techniques/Model Pruning.md', 'techniques/model-pruning'],
    ['GPU & TPU (2017).md', 'gpu-tpu-2017'],
    ['notes/index.md', 'notes'],
    ['index.md', 'index'],
    ['机器学习.md', '机器学习'],
    ['Café au lait.mdx', 'café-au-lait'],
    ['  spaced  out  .md', 'spaced-out'],
  ])('slugFromPath(%j) = %j', (path, slug) => {
    expect(slugFromPath(path)).toBe(slug);
  });

  test.each([
    ['/my-page/', 'my-page'],
    ['Notes/My Page', 'notes/my-page'],
    ['///', null],
  ])('slugFromPermalink(%j) = %j', (permalink, slug) => {
    expect(slugFromPermalink(permalink)).toBe(slug);
  });

  test('segments keep letters of any script and drop punctuation', () => {
    expect(slugifySegment('F1 score: a “harmonic” mean!')).toBe('f1-score-a-harmonic-mean');
  });

  test.each([
    ['/', 'a/b', '/a/b/'],
    ['/wiki/', 'a/b', '/wiki/a/b/'],
    ['/', '机器学习', '/%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0/'],
  ])('topicUrl(%j, %j) = %j', (base, slug, url) => {
    expect(topicUrl(base, slug as TopicSlug)).toBe(url);
  });

  test.each([
    [undefined, '/'],
    ['', '/'],
    ['wiki', '/wiki/'],
    ['/wiki', '/wiki/'],
    ['/docs/wiki/', '/docs/wiki/'],
  ])('normalizeBase(%j) = %j', (raw, base) => {
    expect(normalizeBase(raw)).toBe(base);
  });
});

describe('wikilink parsing', () => {
  test.each([
    ['Model pruning', { target: 'Model pruning', heading: undefined, blockId: undefined, alias: undefined }],
    ['Model pruning|pruned nets', { target: 'Model pruning', heading: undefined, blockId: undefined, alias: 'pruned nets' }],
    ['Quantization#Per-channel', { target: 'Quantization', heading: 'Per-channel', blockId: undefined, alias: undefined }],
    ['Quantization#^abc-1', { target: 'Quantization', heading: undefined, blockId: 'abc-1', alias: undefined }],
    ['#Local heading', { target: '', heading: 'Local heading', blockId: undefined, alias: undefined }],
    ['A\\|B', { target: 'A', heading: undefined, blockId: undefined, alias: 'B' }],
    ['深度学习|DL', { target: '深度学习', heading: undefined, blockId: undefined, alias: 'DL' }],
    ['image.png|300', { target: 'image.png', heading: undefined, blockId: undefined, alias: '300' }],
  ])('[[%s]]', (inner, expected) => {
    expect(parseWikilink(inner)).toEqual({ ...expected, embed: false });
  });

  test.each([
    ['X', 'X'],
    ['X|shown', 'shown'],
    ['X#H', 'X › H'],
    ['#H', 'H'],
    ['X#^b', 'X › ^b'],
  ])('display text of [[%s]] is %j', (inner, text) => {
    expect(displayText(parseWikilink(inner))).toBe(text);
  });
});

describe('did you mean', () => {
  test('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abcdef', 'x', 2)).toBe(3);
  });
  test.each([
    ['Foo', ['Food', 'Home'], 'Food'],
    ['modle pruning', ['Model pruning', 'Quantization'], 'Model pruning'],
    ['zzzzzz', ['Food', 'Home'], undefined],
  ])('%j among %j → %j', (name, candidates, hit) => {
    expect(didYouMean(name, candidates)).toBe(hit);
  });
});
