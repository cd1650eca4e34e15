import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/section-order.js';
import { makeReport, run } from '../helpers/report.js';

describe('section-order', () => {
  it('is silent when the sections follow the template order (absent ones ignored)', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ sections: { proactive: { remove: true } } }))).toEqual([]);
  });

  it('reports sections out of order', () => {
    const f = run(rule, makeReport({ sections: { problems: { order: 10 }, other: { order: 9 } } }));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('“存在的主要问题及改进情况”出现在“其他需要报告的事项”之后');
    expect(f[0].pos).toBeDefined();
  });
});
