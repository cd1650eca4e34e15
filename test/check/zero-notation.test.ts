import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/zero-notation.js';
import { makeReport, run } from '../helpers/report.js';

describe('zero-notation', () => {
  it('is silent when zeros are written as 0', () => {
    expect(run(rule, makeReport())).toEqual([]);
  });

  it('reports symbols used for zero, one finding per table', () => {
    const f = run(
      rule,
      makeReport({
        cellSources: {
          't3.denied.stateSecret.research': { raw: '-', zeroNotation: true },
          't3.denied.adminQuery.total': { raw: '/', zeroNotation: true },
          't4.review.pending': { raw: '—', zeroNotation: true },
        },
      }),
    );
    expect(f).toHaveLength(2);
    expect(f[0].severity).toBe('info');
    expect(f[0].cells).toEqual(['t3.denied.stateSecret.research', 't3.denied.adminQuery.total']);
    expect(f[0].message).toContain('2 个单元格');
    expect(f[0].message).toContain('“-”“/”');
    expect(f[1].cells).toEqual(['t4.review.pending']);
  });
});
