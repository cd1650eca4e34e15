import { cellDefs, type TableId, type TemplateVersion } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { describeRow, firstPos, otherRows } from '../util.js';

/** `table.row` of each cell of cellDefs(version), built once per version. */
const ROW_IDS = new Map<TemplateVersion, string[]>();
function rowIdsOf(v: TemplateVersion): string[] {
  let ids = ROW_IDS.get(v);
  if (!ids) ROW_IDS.set(v, (ids = cellDefs(v).map((c) => `${c.table}.${c.rowKey}`)));
  return ids;
}

/** A template cell left blank (null), grouped per row. Blank is never 0. */
const rule: Rule = {
  meta: {
    id: 'cell-missing',
    severity: 'error',
    group: 't3',
    title: '表格单元格空白',
    description:
      '规定格式中的每个单元格都应填写数字；空白（空格、&nbsp;）不等于 0。只在该表存在时检查；缺整行由 table-missing 报告，本工具读不出的单元格由 unreadable 报告，2021 年格式误印单行（六）其他处理由 template-version 报告。',
    fix: '在空白单元格中填写数字，没有发生的事项填 0。',
  },
  check(ctx) {
    const r = ctx.report;
    const unreadable = new Set(r.readIssues.flatMap((i) => i.cells ?? []));
    const skipRows = new Set<string>();
    if (ctx.version === '2021' && r.tables.t3?.singleOtherRow) for (const k of otherRows().subRows) skipRows.add(`t3.${k}`);
    for (const t of ['t2', 't3', 't4'] as TableId[]) for (const k of r.tables[t]?.missingRows ?? []) skipRows.add(`${t}.${k}`);
    const byRow = new Map<string, { table: TableId; rowKey: string; keys: string[] }>();
    const defs = cellDefs(ctx.version);
    const ids = rowIdsOf(ctx.version);
    for (let i = 0; i < defs.length; i++) {
      const c = defs[i];
      if (r.cells[c.key] !== null) continue; // filled, or not part of this report (cheapest test first)
      if (!r.tables[c.table]?.present) continue;
      const id = ids[i];
      if (skipRows.has(id) || unreadable.has(c.key)) continue;
      if (!byRow.has(id)) byRow.set(id, { table: c.table, rowKey: c.rowKey, keys: [] });
      byRow.get(id)!.keys.push(c.key);
    }
    return [...byRow.values()].map(({ table, rowKey, keys }) => {
      const cols = keys.map((k) => cellDefs(ctx.version).find((c) => c.key === k)!.colLabel);
      return {
        message: `${describeRow(table, rowKey, ctx.version)}有 ${keys.length} 个单元格空白（${cols.map((c) => `“${c}”`).join('、')}）：空白不等于 0，没有发生的事项请填 0。`,
        cells: keys,
        pos: firstPos(ctx, keys) ?? r.tables[table]?.pos,
        expected: '数字',
        found: '空白',
      };
    });
  },
};
export default rule;
