import { describe, expect, test } from 'vitest';
import { displayText, parseWikilink } from '../../../src/pipeline/wikilink.ts';
import { didYouMean, DidYouMeanIndex, editDistance } from '../../../src/pipeline/diagnostics.ts';
import { headingKey, nameKey } from '../../../graph/names.ts';

describe('wikilink parsing', () => {
  test.each([
    ['Model pruning', { target: 'Model pruning', heading: undefined, headingPath: [], blockId: undefined, alias: undefined }],
    ['Model pruning|pruned nets', { target: 'Model pruning', heading: undefined, headingPath: [], blockId: undefined, alias: 'pruned nets' }],
    ['Quantization#Per-channel', { target: 'Quantization', heading: 'Per-channel', headingPath: ['Per-channel'], blockId: undefined, alias: undefined }],
    ['Note#Section#Subsection', { target: 'Note', heading: 'Section#Subsection', headingPath: ['Section', 'Subsection'], blockId: undefined, alias: undefined }],
    ['Quantization#^abc-1', { target: 'Quantization', heading: undefined, headingPath: [], blockId: 'abc-1', alias: undefined }],
    ['#Local heading', { target: '', heading: 'Local heading', headingPath: ['Local heading'], blockId: undefined, alias: undefined }],
    ['A\\|B', { target: 'A', heading: undefined, headingPath: [], blockId: undefined, alias: 'B' }],
    ['深度学习|DL', { target: '深度学习', heading: undefined, headingPath: [], blockId: undefined, alias: 'DL' }],
    ['image.png|300', { target: 'image.png', heading: undefined, headingPath: [], blockId: undefined, alias: '300' }],
    ['report.pdf|the report', { target: 'report.pdf', heading: undefined, headingPath: [], blockId: undefined, alias: 'the report' }],
  ])('[[%s]]', (inner, expected) => {
    expect(parseWikilink(inner)).toEqual({ ...expected, embed: false });
  });

  test.each([
    ['X', 'X'],
    ['X|shown', 'shown'],
    ['X#H', 'X › H'],
    ['X#A#B', 'X › A › B'],
    ['#H', 'H'],
    ['X#^b', 'X › ^b'],
  ])('display text of [[%s]] is %j', (inner, text) => {
    expect(displayText(parseWikilink(inner))).toBe(text);
  });
});

describe('names', () => {
  test.each([
    ['Model Pruning', 'model pruning'],
    ['  model   pruning ', 'model pruning'],
    ['Cafe\u0301', 'café'],
    ['ＴＰＵ', 'tpu'],
    ['कम', 'कम'],
  ])('nameKey(%j) = %j', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
  test('accents and combining marks distinguish names', () => {
    expect(nameKey('Café')).not.toBe(nameKey('Cafe'));
    expect(nameKey('काम')).not.toBe(nameKey('कम'));
  });
  test.each([
    ['How large can a vault be?', 'How large can a vault be'],
    ['Step 1: install', 'step 1 install'],
    ['C++ & Rust', 'c rust'],
  ])('headingKey(%j) = headingKey(%j)', (a, b) => {
    expect(headingKey(a)).toBe(headingKey(b));
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
    expect(new DidYouMeanIndex(candidates).closest(name)).toBe(hit);
  });

  test('the indexed search finds what a full scan finds, over many names', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `Topic number ${i} about ${['pruning', 'quantization', 'distillation'][i % 3]}`);
    const index = new DidYouMeanIndex(names);
    for (const query of ['Topic numbr 17 about pruning', 'topic number 2999 about distilation', 'Tpic number 5 abut quantization', 'nothing like it at all', 'Topic']) {
      expect(index.closest(query)).toBe(didYouMean(query, names));
    }
  });
});
