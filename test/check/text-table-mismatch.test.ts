import { describe, expect, it } from 'vitest';
import rule, { sentences } from '../../src/check/rules/text-table-mismatch.js';
import { makeReport, run } from '../helpers/report.js';

const withOverview = (text: string, cells: Record<string, number | null> = {}) => makeReport({ sections: { overview: { text } }, cells });

describe('text-table-mismatch', () => {
  it('is silent when the prose agrees with the tables', () => {
    expect(run(rule, makeReport())).toEqual([]);
  });

  it('reports 结转下年度办理N件 against 结转下年度继续办理 (seed 000)', () => {
    const f = run(rule, withOverview('2022年结转依申请信息公开3件，2023年新收依申请公开10件，其中予以公开5件，结转下年度办理2件。'));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].cells).toEqual(['t3.carriedForward.total']);
    expect(f[0].message).toContain('结转下年度办理2件');
    expect(f[0].message).toContain('正文为 2，表格为 1');
    expect(f[0].found).toBe(2);
    expect(f[0].expected).toBe(1);
    expect(f[0].pos?.line).toBeGreaterThan(0);
  });

  it('takes no table row read with the section\'s text for a sentence (一、本年新收政府信息公开申请数量 | 9 件)', () => {
    expect(run(rule, withOverview('一、本年新收政府信息公开申请数量9 件'))).toEqual([]);
    expect(run(rule, withOverview('全年新收政府信息公开申请9件。'))).toHaveLength(1);
  });

  it('takes no table row whose cells carry their unit for a sentence (（一）予以公开10件0件17件… : zoo html-figure-styles)', () => {
    expect(run(rule, withOverview('三、本年度办理结果(一)予以公开10件0件17件0件0件0件27件(二)部分公开0件0件0件0件0件0件0件'))).toEqual([]);
    // Prose naming several figures with words between them is prose.
    expect(run(rule, withOverview('全年新收申请10件，予以公开7件、部分公开2件、不予公开1件。'))).toHaveLength(1);
  });

  it('reads the figure before the phrase too: N件结转下年度继续办理', () => {
    const f = run(rule, withOverview('全年新收申请10件，予以公开5件，2件结转下年度继续办理。'));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['t3.carriedForward.total']);
    expect(f[0].found).toBe(2);
    expect(f[0].expected).toBe(1);
    expect(run(rule, withOverview('全年新收申请10件，予以公开5件，1件结转下年度继续办理。'))).toEqual([]);
  });

  it('reports “未收到…申请” when table 三 has requests (seed 003)', () => {
    const f = run(rule, makeReport({ sections: { requests: { text: '本年度未收到自然人及法人或其他组织提交的政府公开申请。' } } }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['t3.newReceived.total', 't3.total.total']);
    expect(f[0].message).toContain('表格为 10');
  });

  it('accepts zero statements when the table is all zero (seeds 001, 004)', () => {
    const zeros: Record<string, number> = { 't3.newReceived.total': 0, 't3.total.total': 0 };
    expect(run(rule, withOverview('2023年度，我镇受理依申请公开0件。', zeros))).toEqual([]);
    expect(run(rule, withOverview('2023年度海青镇无依申请公开事项。', zeros))).toEqual([]);
    expect(run(rule, withOverview('2023年度海青镇无依申请公开事项。'))).toHaveLength(1);
  });

  it('accepts a received figure equal to 新收 or to （七）总计 (Pingtan 2022: 75 = 总计, 新收 74)', () => {
    const cells = { 't3.newReceived.total': 74, 't3.total.total': 75 };
    expect(run(rule, withOverview('2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复。', cells))).toEqual([]);
    expect(run(rule, withOverview('全区收到政府信息公开申请74件。', cells))).toEqual([]);
    const f = run(rule, withOverview('全区收到政府信息公开申请80件。', cells));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['t3.newReceived.total', 't3.total.total']);
    expect(f[0].message).toContain('正文为 80，表格为 74');
  });

  it('compares 予以公开及部分公开N件 with both rows (Shanghai: 258 vs 275)', () => {
    const f = run(rule, withOverview('予以公开及部分公开258件，占33.9%；不予公开35件。', { 't3.granted.total': 272, 't3.partialGrant.total': 3 }));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['t3.granted.total', 't3.partialGrant.total']);
    expect(f[0].message).toContain('正文为 258，表格为 275');
    expect(run(rule, withOverview('予以公开及部分公开258件。', { 't3.granted.total': null }))).toEqual([]);
    expect(run(rule, withOverview('办结依申请公开81件，其中：予以公开及部分公开6件。'))).toEqual([]);
  });

  it('reports 予以公开N件 against （一）予以公开, not 不予公开', () => {
    expect(run(rule, withOverview('其中予以公开4件。'))[0].cells).toEqual(['t3.granted.total']);
    expect(run(rule, withOverview('其中不予公开4件。'))).toEqual([]);
  });

  it('reports “均获维持” when table 四 shows other results (Shanghai 2019)', () => {
    const cells = { 't4.review.upheld': 5, 't4.review.pending': 2, 't4.review.total': 7, 't4.suitDirect.upheld': 8, 't4.suitDirect.pending': 1, 't4.suitDirect.total': 9 };
    const f = run(rule, makeReport({ cells: { ...cells, 't4.review.corrected': 0, 't4.review.other': 0 }, sections: { overview: { text: '信息公开类行政复议7件，诉讼9件，均获维持，继续保持了零败诉的记录。' } } }));
    expect(f.length).toBeGreaterThanOrEqual(1);
    expect(f[0].cells).toContain('t4.review.upheld');
    expect(f[0].message).toContain('均获维持');
    expect(f[0].message).toContain('尚未审结 2 件');
  });

  it('checks 行政复议N件 / 行政诉讼N件 and “未开展行政复议及行政诉讼”', () => {
    expect(run(rule, withOverview('共有行政诉讼案件1件、行政复议案件2件。'))).toEqual([]);
    const f = run(rule, withOverview('共有行政复议案件3件。'));
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['t4.review.total']);
    expect(f[0].message).toContain('正文为 3，表格为 2');
    const none = run(rule, makeReport({ sections: { appeals: { text: '本年度未开展行政复议及行政诉讼。' } } }));
    expect(none).toHaveLength(1);
    expect(none[0].cells).toEqual(['t4.review.total', 't4.suitDirect.total', 't4.suitAfterReview.total']);
    const zeros = { 't4.review.total': 0, 't4.review.upheld': 0, 't4.review.other': 0, 't4.suitDirect.total': 0, 't4.suitDirect.upheld': 0 };
    expect(run(rule, makeReport({ cells: zeros, sections: { appeals: { text: '本年度未开展行政复议及行政诉讼。' } } }))).toEqual([]);
    expect(run(rule, withOverview('行政诉讼中未经复议直接起诉1件。'))).toEqual([]);
  });

  it('joins hard-wrapped PDF lines before reading a figure', () => {
    expect(sentences('全市共受理政府信息公开申请 31\n19 件，答\n复 3050 件。')).toEqual(['全市共受理政府信息公开申请 3119 件,答复 3050 件']);
    expect(sentences('（一）组织领导。\n北宫镇')).toEqual(['(一)组织领导', '北宫镇']);
  });

  it('only reads the overview, requests and appeals sections', () => {
    expect(run(rule, makeReport({ sections: { problems: { text: '结转下年度办理7件。' } } }))).toEqual([]);
  });

  it('takes no figure glued to a Latin letter or a symbol for the prose\'s figure (a scan\'s OCR: 收到政府信息公开申请$2件 for 52)', () => {
    expect(run(rule, withOverview('全年共收到政府信息公开申请$2件，均在法定期限内答复。'))).toEqual([]);
    expect(run(rule, withOverview('本年度行政复议s2件。'))).toEqual([]);
    expect(run(rule, withOverview('全年共收到政府信息公开申请2件，均在法定期限内答复。'))).toHaveLength(1);
  });
});
