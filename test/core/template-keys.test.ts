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
