import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/requests-balance.js';
import { makeReport, run } from '../helpers/report.js';

describe('requests-balance', () => {
  it('is silent on a balanced table (both templates)', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ version: '2019' }))).toEqual([]);
  });

  it('reports a column where 新收 + 上年结转 ≠ 总计 + 结转下年度, with the four cells and numbers', () => {
    const f = run(rule, makeReport({ cells: { 't3.carriedForward.naturalPerson': 4 } }));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].cells).toEqual(['t3.newReceived.naturalPerson', 't3.carriedOver.naturalPerson', 't3.total.naturalPerson', 't3.carriedForward.naturalPerson']);
    expect(f[0].expected).toBe(7);
    expect(f[0].found).toBe(10);
    expect(f[0].message).toContain('自然人');
    expect(f[0].message).toContain('应为 7，实为 10');
    expect(f[0].pos).toBeDefined();
  });

  it('never treats a blank as 0', () => {
    expect(run(rule, makeReport({ cells: { 't3.carriedOver.total': null, 't3.carriedForward.total': 9 } }))).toEqual([]);
  });

  it('reports each unbalanced column separately', () => {
    const f = run(rule, makeReport({ cells: { 't3.total.commercial': 5, 't3.total.total': 13 } }));
    expect(f.map((x) => x.cells[2])).toEqual(['t3.total.commercial', 't3.total.total']);
  });
});
