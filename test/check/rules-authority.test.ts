import { describe, expect, it } from 'vitest';
import rule, { isStateCouncilDepartment } from '../../src/check/rules/rules-authority.js';
import { makeReport, run } from '../helpers/report.js';

describe('rules-authority', () => {
  it('is silent when a township made no 规章', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ version: '2019' }))).toEqual([]);
  });

  it('reports 规章 made or valid in a township report (2021), listing the non-zero cells', () => {
    const f = run(rule, makeReport({ cells: { 't2.regulations.made': 2, 't2.regulations.valid': 2 } }));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].cells).toEqual(['t2.regulations.made', 't2.regulations.valid']);
    expect(f[0].message).toContain('本年制发件数');
    expect(f[0].message).toContain('为 2');
    expect(f[0].message).toContain('乡镇');
  });

  it('reports 本年新制作数量 on the 2019 template for a county, not 对外公开总数量', () => {
    const f = run(rule, makeReport({ version: '2019', meta: { level: 'county' }, cells: { 't2.regulations.newlyMade': 1, 't2.regulations.totalPublished': 5 } }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['t2.regulations.newlyMade']);
    expect(run(rule, makeReport({ version: '2019', meta: { level: 'county' }, cells: { 't2.regulations.totalPublished': 5 } }))).toEqual([]);
  });

  it('allows cities, provinces and State Council departments', () => {
    const cells = { 't2.regulations.made': 1, 't2.regulations.valid': 11 };
    expect(run(rule, makeReport({ cells, meta: { level: 'city', agency: '淮安市人民政府' } }))).toEqual([]);
    expect(run(rule, makeReport({ cells, meta: { level: 'province' } }))).toEqual([]);
    expect(run(rule, makeReport({ cells, meta: { level: 'department', agency: '财政部' } }))).toEqual([]);
    expect(run(rule, makeReport({ cells, meta: { level: 'department', agency: '国家市场监督管理总局' } }))).toEqual([]);
    expect(run(rule, makeReport({ cells, meta: { level: 'department', agency: '淮安市财政局' } }))).toHaveLength(1);
  });

  it('recognises State Council departments by name', () => {
    expect(isStateCouncilDepartment('住房和城乡建设部')).toBe(true);
    expect(isStateCouncilDepartment('海关总署')).toBe(true);
    expect(isStateCouncilDepartment('中共某市委宣传部')).toBe(false);
    expect(isStateCouncilDepartment('某县交通运输局')).toBe(false);
  });
});
