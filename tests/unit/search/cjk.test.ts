import { describe, expect, test } from 'vitest';
import { containsCjk, joinCjk, segmentCjk } from '../../../src/lib/cjk.ts';

describe('segmentCjk / joinCjk', () => {
  test.each([
    ['Model pruning', 'Model pruning'],
    ['机器学习', '机 器 学 习'],
    ['深度学习，多层网络。', '深 度 学 习 ， 多 层 网 络 。'],
    ['用GPU加速', '用 GPU 加 速'],
    ['ML 中文', 'ML 中 文'],
    ['ディープラーニングは', 'デ ィ ー プ ラ ー ニ ン グ は'],
    ['한국어 text', '한국어 text'],
  ])('%s → %s', (text, segmented) => {
    expect(segmentCjk(text)).toBe(segmented);
    // Display undoes the segmentation between CJK characters.
    expect(joinCjk(segmentCjk(text))).toBe(joinCjk(segmented));
    if (!/[A-Za-z]/.test(text)) expect(joinCjk(segmentCjk(text))).toBe(text);
  });

  test('containsCjk', () => {
    expect(containsCjk('Naïve Bayes')).toBe(false);
    expect(containsCjk('the 机器学习 page')).toBe(true);
    expect(containsCjk('カタカナ')).toBe(true);
    // Korean is written with spaces between words: pagefind handles it as it is.
    expect(containsCjk('한국어')).toBe(false);
  });
});
