import { describe, expect, it } from 'vitest';
import { cellKeys, outcomeRowKeys, TEMPLATES } from '../../src/core/template.js';
import { otherRows } from '../../src/check/util.js';

describe('template key lists kept once', () => {
  it('cellKeys and outcomeRowKeys: the same frozen array each call, equal to what they were built from', () => {
    for (const v of ['2019', '2021'] as const) {
      expect(cellKeys(v)).toBe(cellKeys(v));
      expect(Object.isFrozen(cellKeys(v))).toBe(true);
      expect(cellKeys(v).length).toBeGreaterThan(100);
      const rows = TEMPLATES[v].t3.rows.map((r) => r.key);
      expect(outcomeRowKeys(v)).toEqual(rows.slice(rows.indexOf('granted'), rows.indexOf('total')));
      expect(outcomeRowKeys(v)).toBe(outcomeRowKeys(v));
      expect(Object.isFrozen(outcomeRowKeys(v))).toBe(true);
    }
  });
  it('otherRows: the 2019 single row and the 2021 sub-rows, computed once', () => {
    const o = otherRows();
    expect(o).toBe(otherRows());
    expect(o.single).toBe('other.total');
    expect(o.subRows.length).toBe(3);
    expect(outcomeRowKeys('2021')).toEqual(expect.arrayContaining(o.subRows));
  });
});

describe('hasZeroByte', () => {
  it('finds a zero byte only within the first n bytes, also in a view into a larger buffer', async () => {
    const { hasZeroByte } = await import('../../src/read/decode.js');
    const big = new Uint8Array(100).fill(65);
    big[50] = 0;
    expect(hasZeroByte(big, 100)).toBe(true);
    expect(hasZeroByte(big, 50)).toBe(false);
    expect(hasZeroByte(big, 51)).toBe(true);
    expect(hasZeroByte(big.subarray(51), 8192)).toBe(false);
    expect(hasZeroByte(big.subarray(40, 60), 8192)).toBe(true);
    expect(hasZeroByte(big.subarray(40, 60), 10)).toBe(false);
    expect(hasZeroByte(new Uint8Array(0), 10)).toBe(false);
  });
});

describe('joinHardWraps', () => {
  it('joins exactly where the pattern it replaces did', async () => {
    const fc = (await import('fast-check')).default;
    const { joinHardWraps } = await import('../../src/check/rules/text-table-mismatch.js');
    const byRegex = (t: string) => t.replace(/([^。;；:：!！?？\n])[ \t\u3000]*\n[ \t\u3000]*(?=\S)/g, '$1');
    const ch = fc.constantFrom('a', '予', '。', ';', '；', ':', '：', '!', '?', '？', ' ', '\t', '\u3000', '\n', '\n', '\u00a0', '\ud83d', '\v', '5');
    fc.assert(fc.property(fc.array(ch, { maxLength: 40 }).map((a) => a.join('')), (t) => joinHardWraps(t) === byRegex(t)), { numRuns: 20000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (t) => joinHardWraps(t) === byRegex(t)), { numRuns: 5000 });
    expect(joinHardWraps('申请人\n 5件。\n二、')).toBe(byRegex('申请人\n 5件。\n二、'));
  });
});
