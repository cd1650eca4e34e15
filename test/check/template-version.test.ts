import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/template-version.js';
import { makeReport, run, t3Row } from '../helpers/report.js';

describe('template-version', () => {
  it('accepts the template of the year', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ version: '2019' }))).toEqual([]);
    expect(run(rule, makeReport({ version: '2019', meta: { year: 2020 } }))).toEqual([]);
  });

  it('reports a 2023 report on the 2019 template', () => {
    const f = run(rule, makeReport({ version: '2019', meta: { year: 2023 } }));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('2023 年度');
    expect(f[0].message).toContain('国办公开办函〔2021〕30号');
    expect(f[0].expected).toBe('2021');
    expect(f[0].found).toBe('2019');
  });

  it('reports a 2020 report on the 2021 template', () => {
    const f = run(rule, makeReport({ meta: { year: 2020 } }));
    expect(f).toHaveLength(1);
    expect(f[0].expected).toBe('2019');
  });

  it('reports a 2021 table 三 printing the single 2019-style （六） row', () => {
    const single = Object.fromEntries(t3Row('other.total').map((k) => [k, 0]));
    const f = run(rule, makeReport({ cells: single, tables: { t3: { singleOtherRow: true } } }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(t3Row('other.total'));
    expect(f[0].message).toContain('（六）其他处理');
    expect(f[0].message).toContain('3 个子行');
  });
});
