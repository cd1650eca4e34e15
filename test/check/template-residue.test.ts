import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/template-residue.js';
import { makeReport, run } from '../helpers/report.js';

describe('template-residue', () => {
  it('is silent on a clean text', () => {
    expect(run(rule, makeReport())).toEqual([]);
  });

  it('reports each line with template instructions or placeholders, with its position', () => {
    const f = run(rule, makeReport({ extraLines: ['编写说明：本表由各单位填报。', '正文', 'XX镇人民政府', '××年×月', '【请填写】本年度情况'] }));
    expect(f).toHaveLength(4);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('编写说明');
    const total = makeReport().lines.length;
    expect(f[0].pos).toEqual({ line: total + 1, column: 1, length: 4 });
    expect(f[1].found).toBe('XX镇');
    expect(f[3].message).toContain('请填写');
  });

  it('does not fire on URLs containing xx', () => {
    expect(run(rule, makeReport({ extraLines: ['原文链接: https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202001/t20200120_80576.htm'] }))).toEqual([]);
  });
});
