import { describeCell, findCellDef, type TableId } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { TABLE_NAMES, type Out } from '../util.js';

/** '-', '/', '—' used for zero; one finding per table. */
const rule: Rule = {
  meta: {
    id: 'zero-notation',
    severity: 'info',
    group: 't3',
    title: '用符号表示 0',
    description: '表格中用“-”“/”“—”等符号表示 0。本工具按 0 读取，但规定格式要求填写数字。',
    fix: '把这些符号改为数字 0。',
  },
  check(ctx) {
    const byTable = new Map<TableId, string[]>();
    const sources = ctx.report.cellSources;
    for (const k of Object.keys(sources)) {
      if (!sources[k].zeroNotation) continue;
      const t = findCellDef(k)?.table ?? (k.slice(0, 2) as TableId);
      if (!byTable.has(t)) byTable.set(t, []);
      byTable.get(t)!.push(k);
    }
    const out: Out[] = [];
    for (const t of ['t2', 't3', 't4'] as TableId[]) {
      const keys = byTable.get(t);
      if (!keys?.length) continue;
      const tokens = [...new Set(keys.map((k) => ctx.report.cellSources[k].raw.trim()))];
      const shown = keys.slice(0, 3).map((k) => describeCell(k));
      out.push({
        message: `${TABLE_NAMES[t]}有 ${keys.length} 个单元格用${tokens.map((x) => `“${x}”`).join('')}表示 0（如${shown.join('、')}${keys.length > 3 ? '等' : ''}），已按 0 读取；建议直接填写数字 0。`,
        cells: keys,
        pos: ctx.posOf(keys[0]),
        expected: 0,
        found: tokens.join(' '),
      });
    }
    return out;
  },
};
export default rule;
