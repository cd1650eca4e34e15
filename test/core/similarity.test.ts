import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaccard, jaccardSorted, proseBands, shingles, sortedShingles } from '../../src/core/similarity.js';

describe('similarity', () => {
  it('jaccardSorted equals jaccard on the same shingles', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'公开政府信息申请办理答复'), maxLength: 80 }), fc.string({ unit: fc.constantFrom(...'公开政府信息申请办理答复'), maxLength: 80 }), (a, b) => {
        expect(jaccardSorted(sortedShingles(a), sortedShingles(b))).toBeCloseTo(jaccard(shingles(a), shingles(b)), 12);
      }),
    );
  });

  it('sortedShingles is ascending and without repeats', () => {
    const s = sortedShingles('本机关全年主动公开政府信息本机关全年主动公开政府信息');
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    expect(s.length).toBe(shingles('本机关全年主动公开政府信息本机关全年主动公开政府信息').size);
  });

  it('proseBands gives the stored band keys (16 bands; stable across releases)', () => {
    const text = '本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。'.repeat(6);
    const bands = proseBands(text);
    expect(bands).toHaveLength(16);
    // Keys already stored in databases must still match: pinned values.
    expect(bands.slice(0, 2)).toMatchInlineSnapshot(`
      [
        "1fi4mn.47hrja.q6zpc.1avgj0",
        "2t0943.14b9f6.1fy776.11fxy4",
      ]
    `);
    expect(proseBands('太短')).toEqual([]);
  });
});
