import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/cell-missing.js';
import { makeReport, run, t3Row } from '../helpers/report.js';

describe('cell-missing', () => {
  it('is silent when every cell is filled', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ version: '2019' }))).toEqual([]);
  });

  it('reports blank cells grouped per row', () => {
    const blanks = Object.fromEntries([...t3Row('granted'), 't3.total.research', 't3.total.socialWelfare'].map((k) => [k, null]));
    const f = run(rule, makeReport({ cells: blanks }));
    expect(f).toHaveLength(2);
    expect(f[0].severity).toBe('error');
    expect(f[0].cells).toEqual(t3Row('granted'));
    expect(f[0].message).toContain('（一）予以公开');
    expect(f[0].message).toContain('7 个单元格空白');
    expect(f[1].cells).toEqual(['t3.total.research', 't3.total.socialWelfare']);
    expect(f[1].message).toContain('科研机构');
  });

  it('reports blank cells of tables 二 and 四', () => {
    const f = run(rule, makeReport({ cells: { 't2.fees.amountWan': null, 't4.review.pending': null } }));
    expect(f.map((x) => x.cells)).toEqual([['t2.fees.amountWan'], ['t4.review.pending']]);
    expect(f[1].message).toContain('尚未审结');
  });

  it('skips an absent table, cells another template has, unreadable cells and the 2021 sub-rows of a single-row （六）', () => {
    expect(run(rule, makeReport({ cells: { 't4.review.pending': null }, tables: { t4: { present: false } } }))).toEqual([]);
    expect(run(rule, makeReport({ cells: { 't3.granted.total': null }, readIssues: [{ code: 'split', message: '无法确定拆分方式', cells: ['t3.granted.total'] }] }))).toEqual([]);
    const subs = Object.fromEntries([...t3Row('other.noCorrection'), ...t3Row('other.feeUnpaid'), ...t3Row('other.other')].map((k) => [k, null]));
    expect(run(rule, makeReport({ cells: subs, tables: { t3: { singleOtherRow: true } } }))).toEqual([]);
    expect(run(rule, makeReport({ cells: subs }))).toHaveLength(3);
  });

  it('reports the blank among unread cells where the reader knows a row is one figure short (valid and invalid)', () => {
    // Table 四 read with 14 figures for 15 cells, the first group all 0: one of its five cells is blank.
    const group = ['t4.review.upheld', 't4.review.corrected', 't4.review.other', 't4.review.pending', 't4.review.total'];
    const issue = { code: 'ambiguous-cells', message: '表四读到 14 个数字，应有 15 列（有一个单元格空白）', cells: group, blanks: 1 };
    const f = run(rule, makeReport({ cells: Object.fromEntries(group.map((k) => [k, null])), readIssues: [issue] }));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].cells).toEqual(group);
    expect(f[0].message).toContain('“行政复议”的“结果维持”、“结果纠正”、“其他结果”、“尚未审结”、“总计”这几格中有 1 个空白');
    // Table 三: a row's two blanks among four cells.
    const row = t3Row('granted').slice(0, 4);
    const two = run(rule, makeReport({ cells: Object.fromEntries(row.map((k) => [k, null])), readIssues: [{ code: 'ambiguous-cells', message: '读到 5 个数字，应有 7 列', cells: row, blanks: 2 }] }));
    expect(two.map((x) => x.cells)).toEqual([row]);
    expect(two[0].message).toContain('中有 2 个空白');
    // Not where the reader only says the cells are unread (no blank known), nor once a cell was read after all, nor for an absent table.
    expect(run(rule, makeReport({ cells: Object.fromEntries(group.map((k) => [k, null])), readIssues: [{ ...issue, blanks: undefined }] }))).toEqual([]);
    expect(run(rule, makeReport({ cells: Object.fromEntries(group.slice(1).map((k) => [k, null])), readIssues: [issue] }))).toEqual([]);
    expect(run(rule, makeReport({ cells: Object.fromEntries(group.map((k) => [k, null])), readIssues: [issue], tables: { t4: { present: false } } }))).toEqual([]);
  });

  it('leaves rows reported missing by table-missing to that rule', () => {
    const blanks = Object.fromEntries(t3Row('granted').map((k) => [k, null]));
    expect(run(rule, makeReport({ cells: blanks, tables: { t3: { missingRows: ['granted'] } } }))).toEqual([]);
  });
});
