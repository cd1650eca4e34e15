import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/row-shift.js';
import { makeReport, run, t3Row } from '../helpers/report.js';

const row = (r: string, vals: number[]) => Object.fromEntries(t3Row(r).map((k, i) => [k, vals[i]]));

describe('row-shift', () => {
  it('is silent on a consistent table', () => {
    expect(run(rule, makeReport())).toEqual([]);
  });

  it('reports the 总计 figures typed into 结转下年度继续办理 (seed 000)', () => {
    const f = run(rule, makeReport({ cells: { ...row('total', [0, 0, 0, 0, 0, 0, 0]), ...row('carriedForward', [6, 2, 0, 0, 1, 1, 10]) } }));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('info');
    expect(f[0].cells).toEqual([...t3Row('total'), ...t3Row('carriedForward')]);
    expect(f[0].message).toContain('6、2、0、0、1、1、10');
    expect(f[0].message).toContain('（七）总计');
    expect(f[0].message).toContain('结转下年度');
  });

  it('does not fire when 结转下年度 merely differs', () => {
    expect(run(rule, makeReport({ cells: row('carriedForward', [5, 2, 0, 0, 1, 1, 9]) }))).toEqual([]);
  });

  it('reports the 总计 figures typed into the last outcome row, the 总计 row blank', () => {
    const f = run(rule, makeReport({ cells: { ...row('other.other', [6, 2, 0, 0, 1, 1, 10]), ...row('total', [0, 0, 0, 0, 0, 0, 0]) } }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual([...t3Row('other.other'), ...t3Row('total')]);
    expect(f[0].message).toContain('3.其他');
  });

  it('stays silent when a blank makes the sums unknown', () => {
    expect(run(rule, makeReport({ cells: { ...row('total', [0, 0, 0, 0, 0, 0, 0]), ...row('carriedForward', [6, 2, 0, 0, 1, 1, 10]), 't3.granted.research': null } }))).toEqual([]);
  });
});
