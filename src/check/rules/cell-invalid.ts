import { T3_COLUMN_KEYS, cellKeys, describeCell, findCellDef, type TemplateVersion } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { fmt, type Out } from '../util.js';

const KEYS = new Map<TemplateVersion, string[]>();
function templateKeys(v: TemplateVersion): string[] {
  let k = KEYS.get(v);
  if (!k) KEYS.set(v, (k = cellKeys(v)));
  return k;
}
const OTHER_TOTAL_KEYS = T3_COLUMN_KEYS.map((c) => `t3.other.total.${c}`);
/** The 2021 keys and the single （六） row's, joined once. */
let WITH_OTHER_TOTAL: string[] | null = null;

/** Not a number, negative where a count is required, fractional count. */
const rule: Rule = {
  meta: {
    id: 'cell-invalid',
    severity: 'error',
    group: 't3',
    title: '单元格数值无效',
    description: '单元格应填写数字：文字不是数字；件数、数量不能为负数（“本年增/减”除外）；件数不能是小数（收费金额、采购金额可以有小数）。',
    fix: '改为正确的数字：件数填非负整数，没有的填 0；金额按规定单位填写。',
  },
  check(ctx) {
    const r = ctx.report;
    const keys: string[] = [];
    // Only cells that can be invalid: a non-number source, or a value that is negative or fractional.
    // The template's keys (an array) plus the single 2019-style （六） row a 2021 report may print.
    const candidates = ctx.version === '2021' ? (WITH_OTHER_TOTAL ??= [...templateKeys(ctx.version), ...OTHER_TOTAL_KEYS]) : templateKeys(ctx.version);
    for (const k of candidates) {
      const v = r.cells[k];
      if ((v != null && (v < 0 || !Number.isInteger(v))) || r.cellSources[k]?.invalid) keys.push(k);
    }
    const out: Out[] = [];
    for (const k of keys) {
      const src = r.cellSources[k];
      const v = r.cells[k];
      const kind = findCellDef(k)?.kind ?? 'count';
      const pos = src?.pos;
      if (src?.invalid) {
        out.push({ message: `${describeCell(k)}填的是“${src.raw.trim()}”，不是数字；应填写数字。`, cells: [k], pos, expected: '数字', found: src.raw });
        continue;
      }
      if (v == null) continue;
      if (v < 0 && kind !== 'signed') {
        out.push({ message: `${describeCell(k)}填的是负数 ${fmt(v)}，件数或数量不能为负数；应为不小于 0 的数，实为 ${fmt(v)}。`, cells: [k], pos, expected: '≥ 0', found: v });
      } else if (kind === 'count' && !Number.isInteger(v)) {
        out.push({ message: `${describeCell(k)}填的是小数 ${fmt(v)}，件数应为整数；应为整数，实为 ${fmt(v)}。`, cells: [k], pos, expected: '整数', found: v });
      } else if (kind === 'signed' && !Number.isInteger(v)) {
        out.push({ message: `${describeCell(k)}填的是小数 ${fmt(v)}，项目数的增减应为整数；应为整数，实为 ${fmt(v)}。`, cells: [k], pos, expected: '整数', found: v });
      }
    }
    return out;
  },
};
export default rule;
