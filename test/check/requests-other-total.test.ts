import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/requests-other-total.js';
import { makeReport, run, t3Row } from '../helpers/report.js';

describe('requests-other-total', () => {
  it('is silent without a 小计 row, and when the 小计 equals the sub-rows', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ version: '2019' }))).toEqual([]);
    const cells = { 't3.other.noCorrection.total': 1, 't3.other.other.total': 2, 't3.other.total.total': 3 };
    expect(run(rule, makeReport({ cells }))).toEqual([]);
  });

  it('reports a 小计 that differs from the three sub-rows', () => {
    const f = run(rule, makeReport({ cells: { 't3.other.noCorrection.total': 1, 't3.other.total.total': 4 } }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['t3.other.total.total', 't3.other.noCorrection.total', 't3.other.feeUnpaid.total', 't3.other.other.total']);
    expect(f[0].message).toContain('应为 1，实为 4');
    expect(f[0].message).toContain('总计');
  });

  it('says nothing when the sub-rows are blank', () => {
    const blanks = Object.fromEntries(t3Row('other.feeUnpaid').map((k) => [k, null]));
    expect(run(rule, makeReport({ cells: { ...blanks, 't3.other.total.total': 4 } }))).toEqual([]);
  });
});
