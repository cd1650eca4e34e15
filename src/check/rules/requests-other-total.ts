import { T3_COLUMN_KEYS } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { sumOrNull } from '../rule.js';
import { describeCol, describeRow, firstPos, fmt, key, otherRows, type Out } from '../util.js';

/** When both the 2021 （六） sub-rows and a single （六）其他处理 小计 are present, the 小计 equals their sum. */
const rule: Rule = {
  meta: {
    id: 'requests-other-total',
    severity: 'error',
    group: 't3',
    title: '（六）其他处理小计与子项不符',
    description: '表三同时印有（六）其他处理的小计行和 2021 年格式的三个子行时，逐列核对：小计应等于三个子行之和。',
    fix: '2021 年格式只需填写（六）其他处理下的三个子行；如保留小计行，小计应等于三个子行之和。',
  },
  check(ctx) {
    const { single, subRows } = otherRows();
    const out: Out[] = [];
    for (const c of T3_COLUMN_KEYS) {
      const totKey = key('t3', single, c);
      const tot = ctx.cell(totKey);
      const parts = subRows.map((r) => key('t3', r, c));
      if (tot == null || parts.some((k) => ctx.cell(k) === undefined)) continue;
      const sum = sumOrNull(ctx, parts);
      if (sum === null || sum === tot) continue;
      out.push({
        message: `${describeCol('t3', c)}：（六）其他处理的三个子行相加为 ${fmt(sum)}，但${describeRow('t3', single, '2019')}小计填的是 ${fmt(tot)}；应为 ${fmt(sum)}，实为 ${fmt(tot)}。`,
        cells: [totKey, ...parts],
        pos: firstPos(ctx, [totKey, ...parts]),
        expected: sum,
        found: tot,
      });
    }
    return out;
  },
};
export default rule;
