import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/rules/index.js';
import { checkReport } from '../../src/check/index.js';
import { findCellDef } from '../../src/core/template.js';
import { makeReport } from '../helpers/report.js';

const CATALOGUE = [
  'requests-balance', 'requests-row-total', 'requests-outcome-total', 'requests-other-total', 'appeals-total',
  'cell-missing', 'cell-invalid', 'table-missing', 'section-missing', 'template-version', 'rules-authority',
  'section-order', 'section-numbering', 'title-year', 'label-variant', 'zero-notation', 'text-table-mismatch',
  'row-shift', 'fee-statement-missing', 'fee-unpaid-without-notice', 'published-late', 'template-residue', 'foreign-entity',
  'unreadable',
];

describe('RULES', () => {
  it('lists every single-report rule once, in catalogue order', () => {
    expect(RULES.map((r) => r.meta.id)).toEqual(CATALOGUE);
  });

  it('gives every rule Chinese metadata', () => {
    for (const r of RULES) {
      expect(r.meta.title).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.meta.description).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.meta.fix).toMatch(/[\u4e00-\u9fa5]/);
      expect(['error', 'warning', 'info']).toContain(r.meta.severity);
    }
  });

  it('finds nothing on the clean builder reports', () => {
    expect(checkReport(makeReport())).toEqual([]);
    expect(checkReport(makeReport({ version: '2019' }))).toEqual([]);
  });

  it('only names cells that exist in a template', () => {
    const r = makeReport({
      cells: { 't3.total.total': 0, 't3.granted.research': -1, 't4.review.total': 9, 't2.regulations.made': 1, 't2.fees.amountWan': null },
      meta: { title: '无年份', publishedAt: '2024-05-01' },
      sections: { overview: { text: '结转下年度办理9件。行政复议5件。' }, problems: { numbering: '5、' } },
      tables: { t3: { labelVariants: { 'denied.lawForbidden': { printed: '其他法律法规禁止公开' } } } },
    });
    const f = checkReport(r);
    expect(new Set(f.map((x) => x.rule)).size).toBeGreaterThan(8);
    for (const x of f) for (const k of x.cells) expect(findCellDef(k), k).toBeDefined();
    for (const x of f) expect(x.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
