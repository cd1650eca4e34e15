/** fast-check generators of valid canonical reports of both templates (balanced 表三, consistent 表四). */
import fc from 'fast-check';
import { SECTIONS, T3_APPLICANT_KEYS, TEMPLATES, cellDefs, outcomeRowKeys, type TemplateVersion } from '../../src/core/template.js';
import type { CellValue } from '../../src/core/types.js';
import { levelOf } from '../../src/extract/meta.js';
import type { CanonicalReport } from '../../src/render/canonical.js';
import { reportTitle } from '../../src/render/model.js';

export const AGENCIES = ['北宫镇人民政府', '阎村镇人民政府', '海淀区人民政府', '杭州市人民政府', '湖北省人民政府', '某某市生态环境局', '朝阳区教育委员会', '白鹤镇', '东城街道办事处'];

const SENTENCES = [
  '本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。',
  '通过政府网站、政务新媒体等渠道主动公开各类政府信息。',
  '依法规范办理政府信息公开申请，均在法定期限内答复。',
  '进一步加强政府信息公开平台建设，优化栏目设置。',
  '存在的主要问题是公开内容不够丰富，解读形式较为单一。',
  '下一步将加强业务培训，提高工作人员的业务水平。',
  '本年度未收取信息处理费。',
  '（一）主动公开情况。全年在门户网站发布信息一百余条。',
];

const prose = fc.array(fc.constantFrom(...SENTENCES), { minLength: 0, maxLength: 3 }).map((a) => a.join('\n'));

function cellsArb(version: TemplateVersion): fc.Arbitrary<Record<string, CellValue>> {
  const defs = cellDefs(version);
  const t2 = defs.filter((d) => d.table === 't2');
  const t2Arb = fc.tuple(
    ...t2.map((d) => (d.kind === 'decimal' ? fc.integer({ min: 0, max: 999999 }).map((n) => n / 100) : d.kind === 'signed' ? fc.integer({ min: -50, max: 50 }) : fc.integer({ min: 0, max: 2000 }))),
  );
  const outcomes = outcomeRowKeys(version);
  const column = fc.record({
    outcomes: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })), { minLength: outcomes.length, maxLength: outcomes.length }),
    cf: fc.integer({ min: 0, max: 20 }),
    coShare: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  const t3Arb = fc.array(column, { minLength: T3_APPLICANT_KEYS.length, maxLength: T3_APPLICANT_KEYS.length });
  const groups = TEMPLATES[version].t4.groups;
  const t4Arb = fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }), { minLength: groups.length, maxLength: groups.length });
  return fc.tuple(t2Arb, t3Arb, t4Arb).map(([v2, cols, v4]) => {
    const cells: Record<string, CellValue> = {};
    t2.forEach((d, i) => (cells[d.key] = v2[i]));
    const rows: Record<string, number[]> = {};
    const put = (row: string, i: number, v: number) => ((rows[row] ??= [])[i] = v);
    cols.forEach((c, i) => {
      const total = c.outcomes.reduce((a, b) => a + b, 0);
      const co = Math.floor(c.coShare * (total + c.cf));
      outcomes.forEach((r, j) => put(r, i, c.outcomes[j]));
      put('total', i, total);
      put('carriedForward', i, c.cf);
      put('carriedOver', i, co);
      put('newReceived', i, total + c.cf - co);
    });
    for (const [row, vals] of Object.entries(rows)) {
      T3_APPLICANT_KEYS.forEach((c, i) => (cells[`t3.${row}.${c}`] = vals[i]));
      cells[`t3.${row}.total`] = vals.reduce((a, b) => a + b, 0);
    }
    const cols4 = TEMPLATES[version].t4.columns.map((c) => c.key);
    groups.forEach((g, gi) => {
      cols4.forEach((c, ci) => (cells[`t4.${g.key}.${c}`] = c === 'total' ? v4[gi].reduce((a, b) => a + b, 0) : v4[gi][ci]));
    });
    // Keep the template's key order.
    const ordered: Record<string, CellValue> = {};
    for (const d of defs) ordered[d.key] = cells[d.key];
    return ordered;
  });
}

export function reportArb(version?: TemplateVersion): fc.Arbitrary<CanonicalReport> {
  const v = version ? fc.constant(version) : fc.constantFrom<TemplateVersion>('2019', '2021');
  return v.chain((ver) =>
    fc
      .record({
        agency: fc.constantFrom(...AGENCIES),
        year: ver === '2019' ? fc.integer({ min: 2019, max: 2020 }) : fc.integer({ min: 2021, max: 2025 }),
        published: fc.option(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 28 })), { nil: null }),
        texts: fc.array(prose, { minLength: 6, maxLength: 6 }),
        cells: cellsArb(ver),
      })
      .map(({ agency, year, published, texts, cells }) => ({
        meta: {
          agency,
          year,
          template: ver,
          level: levelOf(agency),
          publishedAt: published ? `${year + 1}-${String(published[0]).padStart(2, '0')}-${String(published[1]).padStart(2, '0')}` : null,
          title: reportTitle(agency, year),
        },
        sections: SECTIONS.map((s, i) => ({ key: s.key, title: s.title, numbering: `${s.numeral}、`, text: texts[i] })),
        cells,
      })),
  );
}
