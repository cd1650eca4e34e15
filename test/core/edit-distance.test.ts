import { describe, expect, it } from 'vitest';
import { editDistance, oneEditApart } from '../../src/core/edit-distance.js';

describe('editDistance', () => {
  it('counts characters put in, left out and replaced', () => {
    expect(editDistance('申请数量', '申请数量')).toBe(0);
    expect(editDistance('parse-failed', 'parse-faild')).toBe(1);
    expect(editDistance('属于四类过程性信息', '属于四信息')).toBe(4);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(2);
  });
});

describe('oneEditApart', () => {
  it('agrees with editDistance <= 1', () => {
    const pairs: [string, string][] = [
      ['存在的主要问题及改进情况', '存在的主要问题及改ß情况'],
      ['存在的主要问题及改进情况', '存在的主要问题及改情况'],
      ['存在的主要问题及改进情况', '存在的主要问题及改进情况。'],
      ['存在的主要问题及改进情况', '存在的主要问题改ß情况'],
      ['ab', 'ba'],
      ['', 'a'],
      ['', 'ab'],
      ['abc', 'abc'],
    ];
    for (const [a, b] of pairs) expect(oneEditApart(a, b), `${a} / ${b}`).toBe(editDistance(a, b) <= 1);
  });
  it('counts a character outside the BMP as one', () => {
    expect(oneEditApart('情况𠀀', '情况')).toBe(true);
  });
});
