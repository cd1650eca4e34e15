import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/label-variant.js';
import { makeReport, run, t3Row } from '../helpers/report.js';

describe('label-variant', () => {
  it('is silent when labels follow the template', () => {
    expect(run(rule, makeReport())).toEqual([]);
  });

  it('reports a deviating row label with that row\'s cells (seed 002)', () => {
    const f = run(rule, makeReport({ tables: { t3: { labelVariants: { 'denied.lawForbidden': { printed: '2.其他法律法规禁止公开', pos: { line: 40 } } } } } }));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].cells).toEqual(t3Row('denied.lawForbidden'));
    expect(f[0].message).toContain('“2.其他法律法规禁止公开”');
    expect(f[0].message).toContain('应为“2.其他法律行政法规禁止公开”');
    expect(f[0].pos).toEqual({ line: 40 });
  });

  it('works for table 二 rows', () => {
    const f = run(rule, makeReport({ tables: { t2: { labelVariants: { normativeDocs: { printed: '规范性文件' } } } } }));
    expect(f[0].cells).toEqual(['t2.normativeDocs.made', 't2.normativeDocs.repealed', 't2.normativeDocs.valid']);
  });
});
