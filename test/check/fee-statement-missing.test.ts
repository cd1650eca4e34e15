import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/fee-statement-missing.js';
import { makeReport, run } from '../helpers/report.js';

describe('fee-statement-missing', () => {
  it('is silent when section 六 states the fees', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ sections: { other: { text: '我镇2023年未收取信息处理费，无其他需要报告事项。' } } }))).toEqual([]);
  });

  it('reports section 六 that only says 无 (seed 001)', () => {
    const f = run(rule, makeReport({ sections: { other: { text: '无' } } }));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('“无”');
    expect(f[0].message).toContain('信息处理费');
    expect(f[0].pos).toBeDefined();
  });

  it('reports an empty or absent section 六 (seed 002)', () => {
    expect(run(rule, makeReport({ sections: { other: { text: '' } } }))[0].message).toContain('空白');
    expect(run(rule, makeReport({ sections: { other: { remove: true } } }))).toHaveLength(1);
  });

  it('does not ask 2019/2020 reports for fees', () => {
    expect(run(rule, makeReport({ version: '2019', sections: { other: { text: '无。' } } }))).toEqual([]);
  });
});
