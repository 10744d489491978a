import { describe, expect, test } from 'vitest';
import { decodeEntities, parseExcerpt } from '../../../src/client/search/excerpt.ts';

describe('parseExcerpt', () => {
  test.each([
    ['plain text', 'no match here', [{ text: 'no match here', mark: false }]],
    ['marked words', 'a <mark>distillation</mark> run', [{ text: 'a ', mark: false }, { text: 'distillation', mark: true }, { text: ' run', mark: false }]],
    [
      'escaped markup stays text, even a fake mark',
      '&lt;img src=x onerror=alert(1)&gt; &lt;mark&gt;x&lt;/mark&gt; <mark>y</mark>',
      [{ text: '<img src=x onerror=alert(1)> <mark>x</mark> ', mark: false }, { text: 'y', mark: true }],
    ],
    ['other tags are not honoured', '<b>bold</b>', [{ text: '<b>bold</b>', mark: false }]],
    ['CJK spaces are removed, across marks; spaces next to Latin stay', '<mark>机</mark> <mark>器</mark> 是 人 工 智 能 。 GPU 加 速', [{ text: '机器', mark: true }, { text: '是人工智能。 GPU 加速', mark: false }]],
  ])('%s', (_name, excerpt, parts) => expect(parseExcerpt(excerpt)).toEqual(parts));
});

describe('decodeEntities', () => {
  test.each([
    ['&amp;&lt;&gt;&quot;&#39;&#x27;', `&<>"''`],
    ['caf&#233; &#x4E2D;', 'café 中'],
    ['&unknown; &#0; & alone', '&unknown; &#0; & alone'],
  ])('%s → %s', (text, decoded) => expect(decodeEntities(text)).toBe(decoded));
});
