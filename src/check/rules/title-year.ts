import type { Rule } from '../rule.js';
import { chineseYearsToDigits, findLine } from '../util.js';
import { fromScan } from '../../core/types.js';

/** The title does not state the reporting year (digits, or 二〇二三). */
const rule: Rule = {
  meta: {
    id: 'title-year',
    severity: 'warning',
    group: 'meta',
    title: '标题未写明报告年度',
    description: '报告标题应写明年度，例如“XX镇人民政府2023年政府信息公开工作年度报告”。',
    fix: '在标题中写明报告所属年度（如“2023年”或“2023年度”）。',
  },
  check(ctx) {
    const { title, year } = ctx.report.meta;
    if (year == null) return [];
    if (!title || !title.trim()) {
      // On a scan, a title not found is a title OCR could not read (言息公开 for 信息公开), not one the report left out.
      if (ctx.report.sections.some((s) => fromScan(s.pos))) return [];
      return [{ message: `没有找到报告标题，无法确认标题写明了 ${year} 年度；标题应写明“${year}年”。`, cells: [], expected: String(year), found: null }];
    }
    const t = chineseYearsToDigits(title.normalize('NFKC'));
    if (t.includes(String(year))) return [];
    return [
      {
        message: `标题“${title.trim()}”没有写明报告年度；应写明“${year}年”。`,
        cells: [],
        pos: findLine(ctx.report.lines, title.trim()),
        expected: String(year),
        found: title,
      },
    ];
  },
};
export default rule;
