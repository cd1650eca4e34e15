import type { TableId } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { TABLE_NAMES, otherRows, rowKeysOf, rowLabel, tableKeysOf, type Out } from '../util.js';

/** Table 二, 三 or 四 absent, or some of its rows missing. */
const rule: Rule = {
  meta: {
    id: 'table-missing',
    severity: 'error',
    group: 'sections',
    title: '缺少统计表或表格行',
    description: '报告应包含规定格式的表二（主动公开）、表三（依申请公开）、表四（行政复议、行政诉讼），且各表的行齐全。',
    fix: '按规定格式补上缺少的表格或行；没有数据的行也要保留并填 0。',
  },
  check(ctx) {
    const r = ctx.report;
    const out: Out[] = [];
    for (const t of ['t2', 't3', 't4'] as TableId[]) {
      const info = r.tables[t];
      const title = ctx.template[t].title;
      if (!info || !info.present) {
        out.push({
          message: `报告中没有找到${TABLE_NAMES[t]}“${title}”，应按规定格式填报该表。`,
          cells: tableKeysOf(ctx.version, t),
          pos: info?.pos,
          expected: '有',
          found: '无',
        });
        continue;
      }
      let missing = info.missingRows ?? [];
      // 2021 template printing the single （六） row: template-version reports it.
      if (t === 't3' && ctx.version === '2021' && info.singleOtherRow) missing = missing.filter((k) => !otherRows().subRows.includes(k));
      if (missing.length === 0) continue;
      const labels = missing.map((k) => `“${rowLabel(t, k, ctx.version)}”`);
      out.push({
        message: `${TABLE_NAMES[t]}“${title}”缺少 ${missing.length} 行：${labels.join('、')}。应按规定格式保留这些行，没有数据填 0。`,
        cells: missing.flatMap((k) => rowKeysOf(ctx.version, t, k)),
        pos: info.pos,
        expected: missing.length,
        found: 0,
      });
    }
    return out;
  },
};
export default rule;
