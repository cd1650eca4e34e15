import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/requests-outcome-total.js';
import { makeReport, run, t3Row } from '../helpers/report.js';

describe('requests-outcome-total', () => {
  it('is silent when （七）总计 equals the sum of the outcome rows', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ version: '2019' }))).toEqual([]);
  });

  it('reports a column whose total differs, listing the total and every outcome cell', () => {
    const f = run(rule, makeReport({ cells: { 't3.total.total': 0 } }));
    expect(f).toHaveLength(1);
    expect(f[0].cells[0]).toBe('t3.total.total');
    expect(f[0].cells).toContain('t3.granted.total');
    expect(f[0].cells).toContain('t3.other.feeUnpaid.total');
    expect(f[0].cells).toHaveLength(1 + 21);
    expect(f[0].message).toContain('应为 10，实为 0');
    expect(f[0].expected).toBe(10);
  });

  it('uses the 2019 single （六） row on the 2019 template', () => {
    const f = run(rule, makeReport({ version: '2019', cells: { 't3.other.total.total': 2 } }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toContain('t3.other.total.total');
    expect(f[0].message).toContain('应为 12，实为 10');
  });

  it('stands other.total in for blank 2021 sub-rows (singleOtherRow)', () => {
    const blanks = Object.fromEntries([...t3Row('other.noCorrection'), ...t3Row('other.feeUnpaid'), ...t3Row('other.other')].map((k) => [k, null]));
    const single = Object.fromEntries(t3Row('other.total').map((k) => [k, 0]));
    const ok = makeReport({ cells: { ...blanks, ...single }, tables: { t3: { singleOtherRow: true } } });
    expect(run(rule, ok)).toEqual([]);
    const bad = makeReport({ cells: { ...blanks, ...single, 't3.other.total.total': 4 }, tables: { t3: { singleOtherRow: true } } });
    const f = run(rule, bad);
    expect(f).toHaveLength(1);
    expect(f[0].cells).toContain('t3.other.total.total');
    expect(f[0].message).toContain('应为 14，实为 10');
  });

  it('says nothing for a column with a blank outcome cell', () => {
    expect(run(rule, makeReport({ cells: { 't3.granted.total': null, 't3.total.total': 99 } }))).toEqual([]);
  });
});
