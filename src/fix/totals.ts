/** Every computed total of a report with the cells it sums, named in Chinese (from the template). */
import { TEMPLATES, describeCell } from '../core/template.js';
import type { CanonicalReport } from '../render/canonical.js';
import { key, outcomeRows, T3_COLS, version } from './util.js';

export interface TotalDef {
  total: string;
  parts: string[];
  /** 表三“（七）总计”行“自然人”列 */
  name: string;
  /** 该列各项办理结果 */
  partsName: string;
  /** Cells that a clerk may wrongly have added (other rows or columns), for the wrong-rows pattern. */
  strays: string[];
}

export function totalsOf(r: CanonicalReport): TotalDef[] {
  const v = version(r);
  const out: TotalDef[] = [];
  const applicants = T3_COLS.filter((c) => c !== 'total');
  for (const row of TEMPLATES[v].t3.rows.map((x) => x.key)) {
    const total = key('t3', row, 'total');
    if (!(total in r.cells)) continue;
    out.push({ total, parts: applicants.map((c) => key('t3', row, c)), name: describeCell(total), partsName: '该行六类申请人各列', strays: [] });
  }
  for (const c of T3_COLS) {
    const total = key('t3', 'total', c);
    out.push({
      total,
      parts: outcomeRows(r, c).map((row) => key('t3', row, c)),
      name: describeCell(total),
      partsName: '该列各项办理结果',
      strays: ['newReceived', 'carriedOver', 'carriedForward'].map((row) => key('t3', row, c)),
    });
  }
  const cols = TEMPLATES[v].t4.columns.map((c) => c.key).filter((c) => c !== 'total');
  for (const g of TEMPLATES[v].t4.groups) {
    const total = key('t4', g.key, 'total');
    out.push({ total, parts: cols.map((c) => key('t4', g.key, c)), name: describeCell(total), partsName: '该组各结果', strays: [] });
  }
  return out;
}
