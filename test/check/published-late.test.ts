import { describe, expect, it } from 'vitest';
import rule, { deadlineFor, isGovernment } from '../../src/check/rules/published-late.js';
import { makeReport, run } from '../helpers/report.js';

describe('published-late', () => {
  it('is silent when published by the deadline, or when the date is unknown', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ meta: { publishedAt: '2024-01-31' } }))).toEqual([]);
    expect(run(rule, makeReport({ meta: { publishedAt: null } }))).toEqual([]);
    expect(run(rule, makeReport({ meta: { year: null, publishedAt: '2030-01-01' } }))).toEqual([]);
  });

  it('reports a township report published after 31 January', () => {
    const f = run(rule, makeReport({ meta: { publishedAt: '2024-02-05 10:00' } }));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('2024年2月5日');
    expect(f[0].message).toContain('2024年1月31日');
    expect(f[0].expected).toBe('2024-01-31');
  });

  it('gives a government its 31 March deadline (Pingtan 2022/2023, 淮安市人民政府)', () => {
    expect(run(rule, makeReport({ meta: { agency: '平潭综合实验区', level: 'county', publishedAt: '2023-02-20', year: 2022 } }))).toEqual([]);
    expect(run(rule, makeReport({ meta: { agency: '淮安市人民政府', level: 'city', publishedAt: '2025-03-31', year: 2024 } }))).toEqual([]);
    const f = run(rule, makeReport({ meta: { agency: '淮安市人民政府', level: 'city', publishedAt: '2025年4月2日', year: 2024 } }));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('2025年3月31日');
  });

  it('gives a department 31 January', () => {
    expect(run(rule, makeReport({ meta: { agency: '上海市人民政府办公厅', level: 'province', publishedAt: '2020-01-31', year: 2019 } }))).toEqual([]);
    expect(run(rule, makeReport({ meta: { agency: '某市财政局', level: 'department', publishedAt: '2024-02-01', year: 2023 } }))).toHaveLength(1);
    expect(isGovernment('某市财政局', 'city')).toBe(false);
    expect(isGovernment('白鹤镇人民政府', 'township')).toBe(false);
    expect(deadlineFor(null, 'other')).toBeNull();
  });
});
