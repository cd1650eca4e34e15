/**
 * Small pure helpers shared by the rules: cell keys built from the template's row and
 * column keys, Chinese names of rows/columns/tables for messages, and text helpers.
 * Labels always come from core/template.ts (never spelled here).
 */
import type { Section, SourcePos } from '../core/types.js';
import {
  SECTIONS,
  TEMPLATES,
  cellDefs,
  findCellDef,
  outcomeRowKeys,
  rowDisplayLabel,
  type SectionKey,
  type TableId,
  type TemplateVersion,
} from '../core/template.js';
import { sumWith, unsureCell, type RuleContext } from './rule.js';
import { chineseYearsToDigits, parseDate as parseIsoDate } from '../core/dates.js';

export const TABLE_NAMES: Record<TableId, string> = { t2: '表二', t3: '表三', t4: '表四' };

/** `t3.<row>.<col>`: the cell key format of annual-report.md. */
const KEYS = new Map<string, Map<string, Map<string, string>>>();

/**
 * Cell key `t3.granted.total`. The same string instance is returned each time: rules look
 * cells up thousands of times per report, and a reused string keeps its hash.
 */
export function key(table: TableId, row: string, col: string): string {
  let byRow = KEYS.get(table);
  if (!byRow) KEYS.set(table, (byRow = new Map()));
  let byCol = byRow.get(row);
  if (!byCol) byRow.set(row, (byCol = new Map()));
  let k = byCol.get(col);
  if (k === undefined) byCol.set(col, (k = `${table}.${row}.${col}`));
  return k;
}

/** Keys of one row of a table in a template version, in column order. */
export function rowKeysOf(version: TemplateVersion, table: TableId, rowKey: string): string[] {
  return cellDefs(version)
    .filter((c) => c.table === table && c.rowKey === rowKey)
    .map((c) => c.key);
}

/** Every cell key of one table in a version. */
export function tableKeysOf(version: TemplateVersion, table: TableId): string[] {
  return cellDefs(version)
    .filter((c) => c.table === table)
    .map((c) => c.key);
}

/** Row keys of a table in template order (t4: the groups). */
export function rowOrder(version: TemplateVersion, table: TableId): string[] {
  const t = TEMPLATES[version];
  if (table === 't2') return t.t2.blocks.flatMap((b) => b.rows.map((r) => r.key));
  if (table === 't3') return t.t3.rows.map((r) => r.key);
  return t.t4.groups.map((g) => g.key);
}

/** Printed label of a row (with ordinal), from the template of either version. */
export function rowLabel(table: TableId, rowKey: string, version?: TemplateVersion): string {
  for (const v of version ? [version, otherVersion(version)] : (['2021', '2019'] as const)) {
    const t = TEMPLATES[v];
    if (table === 't3') {
      const r = t.t3.rows.find((x) => x.key === rowKey);
      if (r) return rowDisplayLabel(r);
    } else if (table === 't2') {
      for (const b of t.t2.blocks) {
        const r = b.rows.find((x) => x.key === rowKey);
        if (r) return rowDisplayLabel(r);
      }
    } else {
      const g = t.t4.groups.find((x) => x.key === rowKey);
      if (g) return g.parent === g.label ? g.label : `${g.parent}·${g.label}`;
      // Table 四's one row of figures under its headers.
      if (rowKey === 'data') return '各列数字所在的行';
    }
  }
  return rowKey;
}

function otherVersion(v: TemplateVersion): TemplateVersion {
  return v === '2021' ? '2019' : '2021';
}

/** 表三“（七）总计”行 */
export function describeRow(table: TableId, rowKey: string, version?: TemplateVersion): string {
  if (table === 't4') return `${TABLE_NAMES.t4}“${rowLabel(table, rowKey, version)}”`;
  return `${TABLE_NAMES[table]}“${rowLabel(table, rowKey, version)}”行`;
}

/** Label of a column of table 三 or 四 (or 二 via a known cell). */
export function colLabel(table: TableId, colKey: string): string {
  const t = TEMPLATES['2021'];
  if (table === 't3') return t.t3.columns.find((c) => c.key === colKey)?.label ?? colKey;
  if (table === 't4') return t.t4.columns.find((c) => c.key === colKey)?.label ?? colKey;
  for (const v of ['2021', '2019'] as const)
    for (const b of TEMPLATES[v].t2.blocks) {
      const c = b.columns.find((x) => x.key === colKey);
      if (c) return c.label;
    }
  return colKey;
}

/** 表三“总计”列 */
export function describeCol(table: TableId, colKey: string): string {
  return `${TABLE_NAMES[table]}“${colLabel(table, colKey)}”列`;
}

/** Column label of a cell key (for lists inside a row message). */
export function cellColLabel(k: string): string {
  return findCellDef(k)?.colLabel ?? k;
}

/** The 2019 single （六）其他处理 row key, and the 2021 sub-row keys, derived from the two templates. */
export function otherRows(): { single: string; subRows: string[] } {
  if (!OTHER_ROWS) {
    const o21 = outcomeRowKeys('2021');
    const o19 = outcomeRowKeys('2019');
    OTHER_ROWS = Object.freeze({ single: o19.filter((k) => !o21.includes(k))[0], subRows: Object.freeze(o21.filter((k) => !o19.includes(k))) as string[] });
  }
  return OTHER_ROWS;
}
/** Computed once: rules ask for these rows for every column of every report. */
let OTHER_ROWS: { single: string; subRows: string[] } | null = null;

/** First known position among cells. */
export function firstPos(ctx: RuleContext, keys: string[]): SourcePos | undefined {
  for (const k of keys) {
    const p = ctx.posOf(k);
    if (p) return p;
  }
  return undefined;
}

export function section(ctx: RuleContext, k: SectionKey): Section | undefined {
  return ctx.report.sections.find((s) => s.key === k);
}

export function sectionDef(k: SectionKey) {
  return SECTIONS.find((s) => s.key === k)!;
}

/** A number for messages (no float noise). */
export function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined) return '空白';
  return String(Math.round(n * 1e6) / 1e6);
}

/** Position of the first line (1-based) containing `needle`, else undefined. */
export function findLine(lines: string[], needle: string, from = 0): SourcePos | undefined {
  if (!needle) return undefined;
  for (let i = from; i < lines.length; i++) {
    const col = lines[i].indexOf(needle);
    if (col >= 0) return { line: i + 1, column: col + 1, length: needle.length };
  }
  return undefined;
}

export { chineseYearsToDigits };

/** Parse 2024-01-23, 2024/1/23 15:00, 2024年1月23日 → [y, m, d] (one date parser: core/dates). */
export function parseDate(s: string): [number, number, number] | null {
  const iso = parseIsoDate(s);
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d];
}

export function dateNum([y, m, d]: [number, number, number]): number {
  return y * 10000 + m * 100 + d;
}

/** What a rule's check returns per finding (rule id and severity are added by the runner). */
export type Out = Omit<import('../core/types.js').Finding, 'rule' | 'severity'>;

/**
 * A total broken whatever the one figure among its parts that a scan left unsure holds: the other
 * parts alone already exceed it (no count in that cell can keep it; its readings, which are not
 * every figure it may hold — seed 587: 4 or -4 for a printed 2 — keep it neither). The report's
 * error, whichever the figure is. The message leaves out the row's name; null otherwise.
 */
export function brokenWhateverItHolds(ctx: RuleContext, parts: string[], totKey: string): Out | null {
  const total = ctx.report.cells[totKey];
  const unsure = total == null ? null : unsureCell(ctx, parts);
  if (total == null || !unsure) return null;
  const { key: k, readings } = unsure;
  const others = sumWith(ctx, parts, k, 0);
  if (others <= total || readings.some((v) => sumWith(ctx, parts, k, v) === total)) return null;
  return {
    message: `“${cellColLabel(k)}”一格扫描件中无法可靠识别（可能是 ${readings.map(fmt).join(' 或 ')}），但其余各项之和已是 ${fmt(others)}，超过“总计”${fmt(total)}，无论这一格是多少都不符。`,
    cells: [...parts, totKey],
    pos: firstPos(ctx, [totKey, ...parts]),
    expected: null,
    found: total,
  };
}
