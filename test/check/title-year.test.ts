import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/title-year.js';
import { makeReport, run } from '../helpers/report.js';

describe('title-year', () => {
  it('accepts the year in digits or Chinese numerals', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ meta: { title: '示例镇二〇二三年政府信息公开工作年度报告' } }))).toEqual([]);
    expect(run(rule, makeReport({ meta: { title: '示例镇２０２３年度政府信息公开工作年度报告' } }))).toEqual([]);
  });

  it('reports a title without the year (seed 001)', () => {
    const f = run(rule, makeReport({ meta: { title: '阎村镇人民政府' }, lines: ['', '阎村镇人民政府', '', '政府信息公开工作年度报告'] }));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('阎村镇人民政府');
    expect(f[0].message).toContain('2023年');
    expect(f[0].pos?.line).toBe(2);
  });

  it('reports a title of another year, and a missing title', () => {
    expect(run(rule, makeReport({ meta: { title: '示例镇2022年政府信息公开工作年度报告' } }))).toHaveLength(1);
    expect(run(rule, makeReport({ meta: { title: null } }))[0].message).toContain('没有找到报告标题');
  });

  it('says nothing of a title a scan\'s OCR did not find (言息公开 for 信息公开), but reports a scan\'s title without the year', () => {
    const scanned = (title: string | null) => {
      const r = makeReport({ meta: { title } });
      for (const s of r.sections) s.pos = { page: 1, box: [100, 100, 900, 140], dpi: 200 };
      return r;
    };
    expect(run(rule, scanned(null))).toEqual([]);
    expect(run(rule, scanned('示例镇政府信息公开工作年度报告'))).toHaveLength(1);
  });
});

