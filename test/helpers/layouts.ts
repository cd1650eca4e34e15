/**
 * Random valid reports and writers for the text layouts met in the wild (the seeds'
 * layouts): used by property tests that write a table out and read it back.
 */
import fc from 'fast-check';
import { TEMPLATES, rowDisplayLabel, type TemplateVersion } from '../../src/core/template.js';

export interface SampleReport {
  version: TemplateVersion;
  agency: string;
  year: number;
  cells: Record<string, number | null>;
}

const small = fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.integer({ min: 31, max: 3000 }) });

/** A report whose table 三 and 四 satisfy every identity. */
export function sampleReport(version: TemplateVersion): fc.Arbitrary<SampleReport> {
  const t = TEMPLATES[version];
  const outcomeRows = t.t3.rows.map((r) => r.key).filter((k) => !['newReceived', 'carriedOver', 'total', 'carriedForward'].includes(k));
  const applicants = t.t3.columns.filter((c) => c.key !== 'total').map((c) => c.key);
  const t2Cells = t.t2.blocks.flatMap((b) => b.rows.flatMap((r) => b.columns.map((c) => ({ key: `t2.${r.key}.${c.key}`, kind: c.kind }))));
  return fc
    .record({
      t2: fc.tuple(...t2Cells.map((c) => (c.kind === 'decimal' ? fc.integer({ min: 0, max: 999999 }).map((n) => n / 100) : c.kind === 'signed' ? fc.integer({ min: -50, max: 50 }) : small))),
      outcomes: fc.array(fc.array(small, { minLength: applicants.length, maxLength: applicants.length }), { minLength: outcomeRows.length, maxLength: outcomeRows.length }),
      carriedOver: fc.array(small, { minLength: applicants.length, maxLength: applicants.length }),
      carriedForward: fc.array(small, { minLength: applicants.length, maxLength: applicants.length }),
      t4: fc.array(fc.array(small, { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
      agency: fc.constantFrom('北宫镇人民政府', '海青镇人民政府', '淮安市洪泽区人民政府', '房县白鹤镇人民政府'),
      year: version === '2019' ? fc.constantFrom(2019, 2020) : fc.integer({ min: 2021, max: 2025 }),
    })
    .map((g) => {
      const cells: Record<string, number | null> = {};
      t2Cells.forEach((c, i) => (cells[c.key] = g.t2[i]));
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      const setRow = (row: string, vals: number[]) => {
        applicants.forEach((c, i) => (cells[`t3.${row}.${c}`] = vals[i]));
        cells[`t3.${row}.total`] = sum(vals);
      };
      outcomeRows.forEach((r, i) => setRow(r, g.outcomes[i]));
      const totals = applicants.map((_, c) => sum(g.outcomes.map((row) => row[c])));
      setRow('total', totals);
      // newReceived + carriedOver = total + carriedForward, with carriedOver ≤ total + carriedForward.
      const carriedOver = applicants.map((_, c) => Math.min(g.carriedOver[c], totals[c] + g.carriedForward[c]));
      setRow('carriedOver', carriedOver);
      setRow('carriedForward', g.carriedForward);
      setRow('newReceived', applicants.map((_, c) => totals[c] + g.carriedForward[c] - carriedOver[c]));
      ['review', 'suitDirect', 'suitAfterReview'].forEach((grp, i) => {
        ['upheld', 'corrected', 'other', 'pending'].forEach((col, j) => (cells[`t4.${grp}.${col}`] = g.t4[i][j]));
        cells[`t4.${grp}.total`] = sum(g.t4[i]);
      });
      return { version, agency: g.agency, year: g.year, cells };
    });
}

export type Layout = 'cell-per-line' | 'tab-cell-per-line' | 'tab-rows' | 'flattened';
export const LAYOUTS: Layout[] = ['cell-per-line', 'tab-cell-per-line', 'tab-rows', 'flattened'];

const PAD = ['', '\u3000', '\u00a0', ' ', '\u2002'];

function fmt(v: number | null, i: number, pad: boolean): string {
  if (v === null) return '';
  const p = pad ? PAD[i % PAD.length] : '';
  return `${p}${v}${i % 3 === 0 ? p : ''}`;
}

/** Table rows as (label, values) in template order, each table's header lines first. */
function tableRows(r: SampleReport): { table: 't2' | 't3' | 't4'; header: string[]; rows: { label: string; values: (number | null)[] }[] }[] {
  const t = TEMPLATES[r.version];
  const t2rows: { label: string; values: (number | null)[] }[] = [];
  const t2header: string[] = [];
  for (const b of t.t2.blocks) {
    t2rows.push({ label: b.heading, values: [] });
    t2rows.push({ label: '信息内容', values: [] });
    for (const r2 of b.rows) t2rows.push({ label: r2.label, values: b.columns.map((c) => r.cells[`t2.${r2.key}.${c.key}`]) });
  }
  const t3header = ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', '自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
  const t3rows = t.t3.rows.map((row) => ({ label: `${row.group ?? ''}${rowDisplayLabel(row)}`, values: t.t3.columns.map((c) => r.cells[`t3.${row.key}.${c.key}`]) }));
  const t4header = ['行政复议', '行政诉讼', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉'];
  const t4values = ['review', 'suitDirect', 'suitAfterReview'].flatMap((g) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => r.cells[`t4.${g}.${c}`]));
  return [
    { table: 't2', header: t2header, rows: t2rows },
    { table: 't3', header: t3header, rows: t3rows },
    { table: 't4', header: t4header, rows: [{ label: '', values: t4values }] },
  ];
}

const SECTION_TEXT: Record<string, string> = {
  overview: '本年度认真贯彻《中华人民共和国政府信息公开条例》，持续推进政务公开。',
  problems: '存在的问题：公开内容不够全面。改进措施：加强培训。',
  other: '本年度未收取信息处理费。',
};

/** The report as text in one of the seed layouts. */
export function writeLayout(r: SampleReport, layout: Layout, pad = true): string {
  const t = TEMPLATES[r.version];
  const out: string[] = [`${r.agency}${r.year}年政府信息公开工作年度报告`, ''];
  const tables = tableRows(r);
  const nl = layout === 'flattened' ? '' : '\n';
  t.sections.forEach((s, si) => {
    const heading = `${s.numeral}、${s.title}`;
    const table = tables.find((x) => x.table === s.table);
    if (layout === 'flattened') {
      out.push(heading + (SECTION_TEXT[s.key] ?? ''));
      if (table) out.push(table.header.join('') + table.rows.map((row) => row.label + row.values.map((v) => (v === null ? '' : String(v))).join('')).join(''));
      return;
    }
    out.push(heading, '');
    if (SECTION_TEXT[s.key]) out.push(SECTION_TEXT[s.key], '');
    if (!table) return;
    for (const h of table.header) out.push(layout === 'tab-rows' ? h : layout === 'cell-per-line' ? `${h}\n` : `\t${h}`);
    for (const row of table.rows) {
      const vals = row.values;
      if (layout === 'tab-rows') out.push([row.label, ...vals.map((v, i) => fmt(v, i + si, pad))].join('\t') + (vals.length ? '\t' : ''));
      else if (layout === 'cell-per-line') {
        if (row.label) out.push(row.label, '');
        for (const [i, v] of vals.entries()) if (v !== null) out.push(fmt(v, i, pad), '');
      } else {
        out.push('\t');
        if (row.label) out.push(`\t${row.label}`);
        for (const [i, v] of vals.entries()) out.push(`\t${fmt(v, i, pad)}`);
        out.push('');
      }
    }
    out.push('');
  });
  return out.join(nl === '' ? '' : '\n').replace(/^(.*?报告)/, '$1\n');
}
