import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePoints, jaccard, jaccardSorted, normaliseProse, proseBands, shingles, sortedShingles, textSimilarity } from '../../src/core/similarity.js';

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

describe('similarity in typed arrays (same results as the Set-based definitions)', () => {
  /** MinHash bands by the definition: every shingle of the set, every hash function, unsigned. */
  function bandsByDefinition(norm: string): string[] {
    if ([...norm].length < 150) return [];
    const fnv = (s: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
      return h >>> 0;
    };
    const mins: number[] = [];
    for (let i = 0; i < 64; i++) {
      const a = (fnv(`a${i}`) | 1) >>> 0;
      const b = fnv(`b${i}`);
      let m = 0xffffffff;
      for (const x of shingles(norm)) m = Math.min(m, (Math.imul(a, x) + b) >>> 0);
      mins.push(m);
    }
    return Array.from({ length: 16 }, (_, k) => mins.slice(k * 4, k * 4 + 4).map((v) => v.toString(36)).join('.'));
  }
  const prose = fc.string({ unit: fc.oneof(fc.constantFrom(...'公开政府信息申请办理答复本机关'), fc.constantFrom('😀', '\ud800', '\udc00', 'a')), minLength: 0, maxLength: 400 });

  it('sortedShingles holds exactly the set of shingles, ascending', () => {
    fc.assert(
      fc.property(prose, (t) => {
        expect([...sortedShingles(t)]).toEqual([...shingles(t)].sort((x, y) => x - y));
      }),
    );
  });

  it('proseBands equals MinHash by its definition (int32 arithmetic, four functions a pass)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'公开政府信息申请办理答复本机关全年主动😀'), minLength: 140, maxLength: 600 }), (t) => {
        expect(proseBands(t)).toEqual(bandsByDefinition(t));
      }),
      { numRuns: 60 },
    );
  });

  it('codePoints counts as [...s].length', () => {
    fc.assert(fc.property(prose, (t) => {
        expect(codePoints(t)).toBe([...t].length);
      }));
  });

  it('textSimilarity is the Jaccard similarity of the normalised shingle sets', () => {
    fc.assert(
      fc.property(prose, prose, (a, b) => {
        expect(textSimilarity(a, b)).toBe(jaccard(shingles(normaliseProse(a)), shingles(normaliseProse(b))));
      }),
    );
  });
});
