import { cellDefs, findCellDef, type TableId, type TemplateVersion } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { TABLE_NAMES, describeRow, firstPos, otherRows, rowLabel, type Out } from '../util.js';

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
      '规定格式中的每个单元格都应填写数字；空白（空格、&nbsp;）不等于 0。只在该表存在时检查；缺整行由 table-missing 报告，本工具读不出的单元格由 unreadable 报告（其中一行少了数字、可确定有空白而无法确定是哪一格时，在这几格上报告空白），2021 年格式误印单行（六）其他处理由 template-version 报告。',
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
      // Table 四 without its row of figures is reported whole by table-missing.
      if (c.table === 't4' && r.tables.t4?.missingRows.includes('data')) continue;
      const id = ids[i];
      if (skipRows.has(id) || unreadable.has(c.key)) continue;
      if (!byRow.has(id)) byRow.set(id, { table: c.table, rowKey: c.rowKey, keys: [] });
      byRow.get(id)!.keys.push(c.key);
    }
    const out: Out[] = [...byRow.values()].map(({ table, rowKey, keys }) => {
      const cols = keys.map((k) => cellDefs(ctx.version).find((c) => c.key === k)!.colLabel);
      return {
        message: `${describeRow(table, rowKey, ctx.version)}有 ${keys.length} 个单元格空白（${cols.map((c) => `“${c}”`).join('、')}）：空白不等于 0，没有发生的事项请填 0。`,
        cells: keys,
        pos: firstPos(ctx, keys) ?? r.tables[table]?.pos,
        expected: '数字',
        found: '空白',
      };
    });
    // A row read one figure short where the text does not show which cell the blank is (the
    // candidate places all hold 0 or blank): the reader says how many of those cells are surely
    // blank. Reported on all of them, as one blank among them, only while each is still unread.
    for (const i of r.readIssues) {
      if (!i.blanks || !i.cells?.length) continue;
      const keys = i.cells.filter((k) => r.cells[k] === null);
      if (keys.length < i.blanks || keys.length !== i.cells.length) continue;
      const tables = new Set(keys.map((k) => findCellDef(k)?.table));
      const table = [...tables][0];
      if (tables.size !== 1 || !table || !r.tables[table]?.present) continue;
      const defs = keys.map((k) => findCellDef(k)!);
      const rows = [...new Set(defs.map((d) => d.rowKey))];
      const where =
        rows.length === 1
          ? `${describeRow(table, rows[0], ctx.version)}的${defs.map((d) => `“${d.colLabel}”`).join('、')}${keys.length > 1 ? '这几格' : ''}`
          : `${TABLE_NAMES[table]}${rows.slice(0, 3).map((k) => `“${rowLabel(table, k, ctx.version)}”`).join('、')}${rows.length > 3 ? '等' : ''} ${rows.length} ${table === 't4' ? '组' : '行'}的 ${keys.length} 个单元格`;
      out.push({
        message: `${where}中有 ${i.blanks} 个空白：这里的数字比单元格少 ${i.blanks} 个，本工具无法分辨空白的是哪一格。空白不等于 0，没有发生的事项请填 0。`,
        cells: keys,
        pos: i.pos ?? firstPos(ctx, keys) ?? r.tables[table]?.pos,
        expected: '数字',
        found: '空白',
      });
    }
    return out;
  },
};
export default rule;
