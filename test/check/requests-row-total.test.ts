import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/requests-row-total.js';
import { makeReport, run, t3Row } from '../helpers/report.js';

describe('requests-row-total', () => {
  it('is silent when every row total is the sum of the six applicant columns', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ version: '2019' }))).toEqual([]);
  });

  it('reports the row with every cell of it and the numbers', () => {
    const f = run(rule, makeReport({ cells: { 't3.granted.total': 6 } }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(t3Row('granted'));
    expect(f[0].expected).toBe(5);
    expect(f[0].found).toBe(6);
    expect(f[0].message).toContain('（一）予以公开');
    expect(f[0].message).toContain('应为 5，实为 6');
  });

  it('says nothing for a row with a blank cell', () => {
    expect(run(rule, makeReport({ cells: { 't3.granted.research': null, 't3.granted.total': 99 } }))).toEqual([]);
  });

  it('checks the single （六） row a 2021 report printed', () => {
    const cells = Object.fromEntries(t3Row('other.total').map((k, i) => [k, i === 6 ? 3 : i === 0 ? 1 : 0]));
    const f = run(rule, makeReport({ cells }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toContain('t3.other.total.total');
  });

  it('reports a row total the other cells alone exceed, whatever a scan\'s unsure figure holds', () => {
    const issue = (candidates: number[]) => [{ code: 'ocr-unreadable', message: '无法可靠识别', cells: ['t3.granted.naturalPerson'], candidates }];
    const f = run(rule, makeReport({ cells: { 't3.granted.naturalPerson': null, 't3.granted.commercial': 50, 't3.granted.total': 9 }, readIssues: issue([2, -2]) }));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('无论这一格是多少');
    expect(run(rule, makeReport({ cells: { 't3.granted.naturalPerson': null, 't3.granted.total': 99 }, readIssues: issue([2, -2]) }))).toEqual([]);
  });
});
