import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/appeals-total.js';
import { makeReport, run } from '../helpers/report.js';

describe('appeals-total', () => {
  it('is silent when each group total holds', () => {
    expect(run(rule, makeReport())).toEqual([]);
  });

  it('reports a group whose total is not the sum of its four results', () => {
    const f = run(rule, makeReport({ cells: { 't4.review.total': 3 } }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['t4.review.upheld', 't4.review.corrected', 't4.review.other', 't4.review.pending', 't4.review.total']);
    expect(f[0].message).toContain('行政复议');
    expect(f[0].message).toContain('应为 2，实为 3');
    expect(f[0].expected).toBe(2);
    expect(f[0].found).toBe(3);
  });

  it('says nothing for a group with a blank', () => {
    expect(run(rule, makeReport({ cells: { 't4.suitDirect.corrected': null, 't4.suitDirect.total': 7 } }))).toEqual([]);
  });
});
