import type { TableId } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { TABLE_NAMES, rowKeysOf, rowLabel, type Out } from '../util.js';

/** A printed row label deviates from the template wording. */
const rule: Rule = {
  meta: {
    id: 'label-variant',
    severity: 'warning',
    group: 't3',
    title: '表格行名称与规定格式不一致',
    description: '表格各行的名称应与规定格式一字不差，例如“其他法律行政法规禁止公开”不应写成“其他法律法规禁止公开”。',
    fix: '按规定格式改正该行名称。',
  },
  check(ctx) {
    const out: Out[] = [];
    for (const t of ['t2', 't3', 't4'] as TableId[]) {
      const variants = ctx.report.tables[t]?.labelVariants ?? {};
      for (const [rowKey, v] of Object.entries(variants)) {
        const official = rowLabel(t, rowKey, ctx.version);
        out.push({
          message: `${TABLE_NAMES[t]}中“${v.printed.trim()}”一行的名称与规定格式不一致，应为“${official}”。`,
          cells: rowKeysOf(ctx.version, t, rowKey),
          pos: v.pos,
          expected: official,
          found: v.printed,
        });
      }
    }
    return out;
  },
};
export default rule;
