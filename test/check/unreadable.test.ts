import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/unreadable.js';
import { makeReport, run } from '../helpers/report.js';

describe('unreadable', () => {
  it('is silent without read issues', () => {
    expect(run(rule, makeReport())).toEqual([]);
  });

  it('turns each read issue into a warning marked unreadable', () => {
    const f = run(
      rule,
      makeReport({
        readIssues: [
          { code: 'ambiguous-split', message: '无法确定此处数字的拆分方式，相关单元格按空白处理', pos: { line: 12 }, cells: ['t3.granted.naturalPerson', 't3.granted.total'] },
          { code: 'scan', message: '第3页是扫描图片' },
        ],
      }),
    );
    expect(f).toHaveLength(2);
    expect(f[0]).toMatchObject({ rule: 'unreadable', severity: 'warning', unreadable: true, pos: { line: 12 }, cells: ['t3.granted.naturalPerson', 't3.granted.total'] });
    expect(f[0].message).toBe('无法确定此处数字的拆分方式，相关单元格按空白处理');
    expect(f[1].message).toContain('本工具未能可靠读取此处');
    expect(f[1].cells).toEqual([]);
  });
});
