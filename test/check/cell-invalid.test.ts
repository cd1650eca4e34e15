import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/cell-invalid.js';
import { makeReport, run } from '../helpers/report.js';

describe('cell-invalid', () => {
  it('accepts integers, decimal amounts and a negative 本年增/减', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ version: '2019' }))).toEqual([]);
  });

  it('reports text that is not a number', () => {
    const f = run(rule, makeReport({ cells: { 't3.granted.total': null }, cellSources: { 't3.granted.total': { raw: '五件', invalid: true } } }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['t3.granted.total']);
    expect(f[0].message).toContain('“五件”');
    expect(f[0].message).toContain('（一）予以公开');
  });

  it('reports a negative count and a fractional count', () => {
    const f = run(rule, makeReport({ cells: { 't3.granted.naturalPerson': -3, 't4.review.upheld': 1.5 } }));
    expect(f.map((x) => x.cells[0]).sort()).toEqual(['t3.granted.naturalPerson', 't4.review.upheld']);
    const neg = f.find((x) => x.cells[0] === 't3.granted.naturalPerson')!;
    expect(neg.message).toContain('负数 -3');
    expect(neg.found).toBe(-3);
    expect(f.find((x) => x.cells[0] === 't4.review.upheld')!.message).toContain('小数 1.5');
  });

  it('reports a negative decimal amount but not a fractional one', () => {
    expect(run(rule, makeReport({ cells: { 't2.fees.amountWan': 0.3456 } }))).toEqual([]);
    const f = run(rule, makeReport({ cells: { 't2.fees.amountWan': -2 } }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['t2.fees.amountWan']);
  });
});
