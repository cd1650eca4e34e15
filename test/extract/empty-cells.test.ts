import { describe, expect, it } from 'vitest';
import { cellKeys, outcomeRowKeys, TEMPLATES } from '../../src/core/template.js';
import { emptyCells } from '../../src/extract/empty-cells.js';
import { otherRows } from '../../src/check/util.js';

describe('emptyCells', () => {
  for (const v of ['2019', '2021'] as const)
    it(`every ${v} cell blank, in template order, a new object each time`, () => {
      const a = emptyCells(v);
      const byLoop: Record<string, null> = {};
      for (const k of cellKeys(v)) byLoop[k] = null;
      expect(Object.keys(a)).toEqual(cellKeys(v));
      expect(JSON.stringify(a)).toBe(JSON.stringify(byLoop));
      const b = emptyCells(v);
      expect(b).not.toBe(a);
      a[cellKeys(v)[0]] = 5;
      delete a[cellKeys(v)[1]];
      expect(b[cellKeys(v)[0]]).toBeNull();
      expect(cellKeys(v)[1] in b).toBe(true);
    });
});

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
