import { T3_COLUMN_KEYS } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { sumOrNull } from '../rule.js';
import { describeCol, describeRow, firstPos, fmt, key, type Out } from '../util.js';
import { outcomeRowsFor } from '../t3.js';

/** Per column of table 三: （七）总计 = sum of every outcome row. */
const rule: Rule = {
  meta: {
    id: 'requests-outcome-total',
    severity: 'error',
    group: 't3',
    title: '表三办理结果合计不符',
    description:
      '逐列核对表三：“（七）总计”应等于（一）予以公开至（六）其他处理各行之和。2021 年格式中（六）的三个子行空白、只印了一行“其他处理”时，用该行代替。该列有空白单元格时不核对。',
    fix: '把该列各项办理结果相加，填入“（七）总计”行；注意不要把总计填到“结转下年度继续办理”行。',
  },
  check(ctx) {
    const out: Out[] = [];
    for (const c of T3_COLUMN_KEYS) {
      const parts = outcomeRowsFor(ctx, c).map((r) => key('t3', r, c));
      const totKey = key('t3', 'total', c);
      const tot = ctx.cell(totKey);
      const sum = sumOrNull(ctx, parts);
      if (tot == null || sum === null || sum === tot) continue;
      out.push({
        message: `${describeCol('t3', c)}：各项办理结果相加为 ${fmt(sum)}，但${describeRow('t3', 'total')}填的是 ${fmt(tot)}；应为 ${fmt(sum)}，实为 ${fmt(tot)}。`,
        cells: [totKey, ...parts],
        pos: firstPos(ctx, [totKey]),
        expected: sum,
        found: tot,
      });
    }
    return out;
  },
};
export default rule;
