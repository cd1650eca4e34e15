import { describe, expect, it } from 'vitest';
import rule from '../../../src/check/history/copied-report.js';
import { runHistoryRule } from '../../../src/check/history/index.js';
import { fromFile, REAL } from './helpers.js';
import { SEEDS } from '../../helpers/paths.js';
import fc from 'fast-check';
import { shingles } from '../../../src/core/similarity.js';



describe('copied-report', () => {
  it('valid: real 平潭 2022 and 2023 are written anew; different townships do not match', async () => {
    const prev = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    const cur = await fromFile(`${REAL}/pingtan-2023-flattened.txt`);
    const others = [await fromFile(`${SEEDS}/000_2790cd25742a97b3.txt`, { agencyId: 2 }), await fromFile(`${SEEDS}/004_e9b0b4183da4b0c6.txt`, { agencyId: 3 })];
    expect(runHistoryRule(rule, { report: cur, previous: prev, candidates: others, members: null })).toEqual([]);
  });

  it("invalid: last year's prose reused (figures changed), and another agency's report copied, with the similarity", async () => {
    const prev = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    const sameProse = { ...prev, id: 999, year: 2023, sections: Object.fromEntries(Object.entries(prev.sections).map(([k, v]) => [k, v.replace(/\d+/g, '7')])) };
    const f = runHistoryRule(rule, { report: sameProse, previous: prev, candidates: [], members: null });
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/本机关上一年度（2022 年）报告高度相似（相似度 100%）/);
    const other = { ...prev, id: 1000, agencyId: 42, agency: '某某县人民政府', year: 2023 };
    const g = runHistoryRule(rule, { report: sameProse, previous: null, candidates: [other], members: null });
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({ rule: 'copied-report', severity: 'warning', found: '100%' });
    expect(g[0].message).toContain('某某县人民政府2023年报告');
  });

  it('the same agency is never compared as "another agency"', async () => {
    const prev = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    const copy = { ...prev, id: 1001 };
    expect(runHistoryRule(rule, { report: prev, previous: null, candidates: [copy], members: null })).toEqual([]);
  });
});

describe('shingles', () => {
  /** The plain definition: FNV-1a of each window of k code points, as a string. */
  function reference(norm: string, k = 5): Set<number> {
    const fnv = (s: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
      return h >>> 0;
    };
    const chars = [...norm];
    const out = new Set<number>();
    if (chars.length < k) {
      if (chars.length) out.add(fnv(norm));
      return out;
    }
    for (let i = 0; i + k <= chars.length; i++) out.add(fnv(chars.slice(i, i + k).join('')));
    return out;
  }

  it('equal the windows hashed as strings, for any text (astral characters and lone surrogates too)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (s, k) => {
        expect([...shingles(s, k)]).toEqual([...reference(s, k)]);
      }),
      { numRuns: 500 },
    );
    const prose = '本机关2023年主动公开政府信息𠀀𠀁共计#条，依申请公开办理#件。'.repeat(5);
    expect([...shingles(prose)]).toEqual([...reference(prose)]);
  });
});
