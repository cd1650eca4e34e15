import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/section-missing.js';
import { makeReport, run } from '../helpers/report.js';

describe('section-missing', () => {
  it('is silent when the six sections are present', () => {
    expect(run(rule, makeReport())).toEqual([]);
  });

  it('reports each absent section by numeral and title', () => {
    const f = run(rule, makeReport({ sections: { appeals: { remove: true }, other: { remove: true } } }));
    expect(f).toHaveLength(2);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('四、政府信息公开行政复议、行政诉讼情况');
    expect(f[1].message).toContain('六、其他需要报告的事项');
  });
});
