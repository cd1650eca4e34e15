import { describe, expect, it } from 'vitest';
import rule, { statesFeeNotice } from '../../src/check/rules/fee-unpaid-without-notice.js';
import { makeReport, run, t3Row } from '../helpers/report.js';

const unpaid = { 't3.other.feeUnpaid.naturalPerson': 2, 't3.other.feeUnpaid.total': 2 };

describe('fee-unpaid-without-notice', () => {
  it('is silent when nobody failed to pay', () => {
    expect(run(rule, makeReport({ sections: { other: { text: '无' } } }))).toEqual([]);
  });

  it('is silent when section 六 reports fee notices or fees collected', () => {
    expect(run(rule, makeReport({ cells: unpaid, sections: { other: { text: '本年度发出收费通知3件，总金额300元，实际收取100元。' } } }))).toEqual([]);
    expect(run(rule, makeReport({ cells: unpaid, sections: { other: { text: '全年收取政府信息公开信息处理费 3940 元。' } } }))).toEqual([]);
  });

  it('reports feeUnpaid > 0 with no notice reported, with that row\'s cells', () => {
    const f = run(rule, makeReport({ cells: unpaid, sections: { other: { text: '本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。' } } }));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].cells).toEqual(t3Row('other.feeUnpaid'));
    expect(f[0].message).toContain('为 2');
    expect(f[0].found).toBe(2);
  });

  it('reads notice statements', () => {
    expect(statesFeeNotice('未发出收费通知。')).toBe(false);
    expect(statesFeeNotice('无')).toBe(false);
    expect(statesFeeNotice('发出收费通知2件，金额200元。')).toBe(true);
  });
});
