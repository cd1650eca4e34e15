import { TEMPLATES, T3_COLUMN_KEYS, templateForYear } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { firstPos, key, otherRows, rowLabel, type Out } from '../util.js';

/** The template does not match the reporting year, or a 2021 table 三 prints the 2019-style （六） row. */
const rule: Rule = {
  meta: {
    id: 'template-version',
    severity: 'error',
    group: 'meta',
    title: '报告格式版本不符',
    description:
      '2019、2020 年度报告使用《政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）；2021 年度起使用修订后的格式（国办公开办函〔2021〕30号）。2021 年格式的表三（六）其他处理分为三个子行，不能只印一行。',
    fix: '按报告年度对应的格式重新制表；2021 年度起表二、表三、表四均用新格式，表三（六）其他处理分三个子行填写。',
  },
  check(ctx) {
    const { year, template } = ctx.report.meta;
    const out: Out[] = [];
    if (year != null && template != null) {
      const want = templateForYear(year);
      if (want !== template) {
        out.push({
          message: `${year} 年度报告应使用 ${want} 年格式（${TEMPLATES[want].name}），本报告使用的是 ${template} 年格式（${TEMPLATES[template].name}）。`,
          cells: [],
          expected: want,
          found: template,
        });
      }
    }
    if (ctx.version === '2021' && ctx.report.tables.t3?.singleOtherRow) {
      const { single, subRows } = otherRows();
      const cells = T3_COLUMN_KEYS.map((c) => key('t3', single, c)).filter((k) => k in ctx.report.cells);
      const subs = subRows.map((r) => rowLabel('t3', r, '2021'));
      out.push({
        message: `表三使用了旧格式：只印了一行“${rowLabel('t3', single, '2019')}”，2021 年格式应分为 ${subRows.length} 个子行填写（${subs.join('；')}）。`,
        cells,
        pos: firstPos(ctx, cells) ?? ctx.report.tables.t3.pos,
        expected: '2021',
        found: '2019',
      });
    }
    return out;
  },
};
export default rule;
