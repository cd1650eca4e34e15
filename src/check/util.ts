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
 * A total that breaks with every reading of the one figure among its parts (or the total itself)
 * a scan left unsure: the report's error, whichever figure the cell holds — where the readings
 * can be trusted to hold it (below). The message (without the row's name) says so; null when
 * some reading keeps the total, or no such cell.
 */
export function brokenWhateverItHolds(ctx: RuleContext, parts: string[], totKey: string): Out | null {
  const unsure = unsureCell(ctx, [...parts, totKey]);
  if (!unsure || unsure.readings.length === 0) return null;
  const { key: k, readings } = unsure;
  const sums = readings.map((v) => (k === totKey ? sumWith(ctx, parts, '', 0) : sumWith(ctx, parts, k, v)));
  const totals = readings.map((v) => (k === totKey ? v : (ctx.report.cells[totKey] as number)));
  if (readings.some((_, i) => sums[i] === totals[i])) return null;
  // Readings are not every figure the cell may hold: the total is called wrong only where no count
  // could keep it (the other parts alone exceed it), or where the readings differ only in a sign
  // the pixels left in doubt (every recogniser read the digits alike: 11 or -11).
  const others = k === totKey ? 0 : sumWith(ctx, parts, k, 0);
  const exceeded = k !== totKey && others > totals[0];
  const digitsAgree = new Set(readings.map((v) => Math.abs(v))).size === 1;
  if (!exceeded && !digitsAgree) return null;
  const said = readings.map(fmt).join(' 或 ');
  return {
    message:
      k === totKey
        ? `各项合计为 ${fmt(sums[0])}，“总计”一格扫描件中无法可靠识别（可能是 ${said}），无论是哪一个都与合计不符。`
        : `“${cellColLabel(k)}”一格扫描件中无法可靠识别（可能是 ${said}），但无论是哪一个，各项之和（${sums.map(fmt).join(' 或 ')}）都不等于“总计”${fmt(totals[0])}。`,
    cells: [...parts, totKey],
    pos: firstPos(ctx, [totKey, ...parts]),
    // (The sum is known only when the total is the unsure cell; the printed total only when it is not.)
    expected: k === totKey ? sums[0] : null,
    found: k === totKey ? null : totals[0],
  };
}
