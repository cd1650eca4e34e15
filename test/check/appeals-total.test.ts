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

  describe('a scanned figure OCR left unsure (its readings known)', () => {
    const unsure = (key: string, candidates: number[]) => ({ code: 'ocr-unreadable', message: '无法可靠识别', cells: [key], candidates });
    // review: upheld 1, corrected 0, other 1, pending 0, total 2.
    const report = (cells: Record<string, number | null>, key: string, candidates: number[]) => makeReport({ cells, readIssues: [unsure(key, candidates)] });

    it('reports a total the other parts alone exceed, no reading keeping it', () => {
      const f = run(rule, report({ 't4.review.other': null, 't4.review.upheld': 4 }, 't4.review.other', [9, 7]));
      expect(f).toHaveLength(1);
      expect(f[0].cells).toContain('t4.review.other');
      expect(f[0].message).toContain('无论这一格是多少');
      expect(f[0].message).toContain('可能是 9 或 7');
      expect(f[0].found).toBe(2);
    });

    it('is silent where the cell may hold what keeps the total, whatever its readings say', () => {
      // 1 or -1 (both keep nothing with a total of 5, but the cell may hold 4: readings are not every figure).
      expect(run(rule, report({ 't4.review.other': null, 't4.review.total': 5 }, 't4.review.other', [1, -1]))).toEqual([]);
      expect(run(rule, report({ 't4.review.other': null }, 't4.review.other', [9, 7]))).toEqual([]);
      // A reading (a printed negative) that keeps it: silent too.
      expect(run(rule, report({ 't4.review.other': null, 't4.review.upheld': 4 }, 't4.review.other', [2, -2]))).toEqual([]);
    });

    it('says nothing for an unsure total, or two blanks in the group', () => {
      expect(run(rule, report({ 't4.review.total': null }, 't4.review.total', [3, -3]))).toEqual([]);
      expect(run(rule, report({ 't4.review.other': null, 't4.review.upheld': null, 't4.review.total': 5 }, 't4.review.other', [1, -1]))).toEqual([]);
    });
  });
});
