/** Helpers of the fix patterns: table-三 rows and columns from the template, sums that refuse blanks. */
import { T3_COLUMN_KEYS, outcomeRowKeys, type TemplateVersion } from '../core/template.js';
import type { CellValue } from '../core/types.js';
import { versionOf, type CanonicalReport } from '../render/canonical.js';

export const key = (table: string, row: string, col: string) => `${table}.${row}.${col}`;

export function val(r: CanonicalReport, k: string): CellValue {
  const v = r.cells[k];
  return v === undefined ? null : v;
}

export function sum(values: CellValue[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null) return null;
    s += v;
  }
  return Math.round(s * 1e6) / 1e6;
}

export function version(r: CanonicalReport): TemplateVersion {
  return versionOf(r.meta);
}

/** Outcome rows summed by （七）总计 (the 2019-style single row on a 2021 report when its sub-rows are blank). */
export function outcomeRows(r: CanonicalReport, col: string): string[] {
  const v = version(r);
  const rows = outcomeRowKeys(v);
  if (v !== '2021') return rows;
  const subs = rows.filter((x) => x.startsWith('other.'));
  if (subs.every((s) => val(r, key('t3', s, col)) === null) && val(r, key('t3', 'other.total', col)) !== null) return [...rows.filter((x) => !subs.includes(x)), 'other.total'];
  return rows;
}

export function outcomeSum(r: CanonicalReport, col: string): number | null {
  return sum(outcomeRows(r, col).map((row) => val(r, key('t3', row, col))));
}

export const T3_COLS = T3_COLUMN_KEYS;

export const fmt = (v: CellValue) => (v === null ? '空白' : String(v));

/** The whole prose of the report. */
export function reportText(r: CanonicalReport): string {
  return r.sections.map((s) => s.text).join('\n');
}

/** 结转下年度（继续）办理N件 stated in the text, or null. */
export function statedCarriedForward(r: CanonicalReport): { n: number; quote: string } | null {
  const m = /结转(?:至|到)?下(?:一)?年度?(?:继续)?(?:办理)?\s*(\d+)\s*件/.exec(reportText(r).normalize('NFKC'));
  return m ? { n: Number(m[1]), quote: m[0] } : null;
}
