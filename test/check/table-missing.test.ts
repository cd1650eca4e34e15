import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/table-missing.js';
import { makeReport, run, t3Row } from '../helpers/report.js';

describe('table-missing', () => {
  it('is silent when all three tables are present and complete', () => {
    expect(run(rule, makeReport())).toEqual([]);
  });

  it('reports an absent table with its cells', () => {
    const f = run(rule, makeReport({ tables: { t4: { present: false } } }));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('表四');
    expect(f[0].message).toContain('行政复议、行政诉讼');
    expect(f[0].cells).toContain('t4.review.total');
    expect(f[0].cells).toHaveLength(15);
  });

  it('lists missing rows by their labels', () => {
    const f = run(rule, makeReport({ tables: { t3: { missingRows: ['denied.adminQuery', 'carriedForward'] } } }));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('缺少 2 行');
    expect(f[0].message).toContain('8.属于行政查询事项');
    expect(f[0].message).toContain('四、结转下年度继续办理');
    expect(f[0].cells).toEqual([...t3Row('denied.adminQuery'), ...t3Row('carriedForward')]);
  });

  it('leaves the 2021 （六） sub-rows of a single-row table to template-version', () => {
    expect(run(rule, makeReport({ tables: { t3: { singleOtherRow: true, missingRows: ['other.noCorrection', 'other.feeUnpaid', 'other.other'] } } }))).toEqual([]);
  });
});
