/**
 * The layout model of a report in the official form, built from core/template.ts only:
 * the title, the six sections with their prose, and the three tables as grids of cells
 * with their merges (header rows with spans, group cells spanning rows, the 勾稽关系
 * note). Every renderer (text, Markdown, HTML, DOCX, workbook) consumes this model; none
 * has its own copy of the layout or spells a label.
 */
import { normLabel } from '../core/normalize.js';
import { FORM_WORDING, SECTIONS, TEMPLATES, rowDisplayLabel, type RowDef, type SectionKey, type TableId, type TemplateVersion, type ValueKind } from '../core/template.js';
import type { CellValue } from '../core/types.js';
import { lexicon } from '../extract/lexicon.js';
import { versionOf, type CanonicalReport } from './canonical.js';

export type CellRole = 'heading' | 'header' | 'note' | 'label' | 'value';

export interface LayoutCell {
  text: string;
  role: CellRole;
  rowSpan: number;
  colSpan: number;
  /** Cell key (value cells). */
  key?: string;
  kind?: ValueKind;
  value?: CellValue;
}

export interface LayoutRow {
  /** A header row (repeated on every page of a printed table). */
  header: boolean;
  /** Cells that start in this row, left to right (covered positions omitted, as in HTML). */
  cells: LayoutCell[];
}

export interface LayoutTable {
  id: TableId;
  title: string;
  width: number;
  /** Number of leading label columns (for column widths). */
  labelCols: number;
  rows: LayoutRow[];
}

export interface SectionModel {
  key: SectionKey;
  /** 一、总体情况 */
  heading: string;
  paragraphs: string[];
  table?: LayoutTable;
}

export interface ReportModel {
  version: TemplateVersion;
  title: string;
  /** 发布日期：2024年1月20日, when known. */
  dateLine: string | null;
  agency: string | null;
  sections: SectionModel[];
}

/** How a value is written: zeros as 0, blanks empty, no float noise. */
export function formatValue(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  return String(Math.round(v * 1e6) / 1e6);
}

const cell = (text: string, role: CellRole, rowSpan = 1, colSpan = 1): LayoutCell => ({ text, role, rowSpan, colSpan });

function valueCell(key: string, kind: ValueKind, cells: Record<string, CellValue> | undefined, colSpan = 1): LayoutCell {
  const value = cells ? (cells[key] ?? null) : null;
  return { text: formatValue(value), role: 'value', rowSpan: 1, colSpan, key, kind, value };
}

/** Table 二: per block a heading row, a header row (信息内容 + columns) and the data rows. */
function table2(version: TemplateVersion, cells?: Record<string, CellValue>): LayoutTable {
  const t = TEMPLATES[version].t2;
  const width = 1 + Math.max(...t.blocks.map((b) => b.columns.length));
  const rows: LayoutRow[] = [];
  for (const b of t.blocks) {
    rows.push({ header: false, cells: [cell(b.heading, 'heading', 1, width)] });
    const extra = width - 1 - b.columns.length;
    rows.push({
      header: false,
      cells: [cell(FORM_WORDING.t2Content, 'header'), ...b.columns.map((c, i) => cell(c.label, 'header', 1, i === b.columns.length - 1 ? 1 + extra : 1))],
    });
    for (const r of b.rows)
      rows.push({
        header: false,
        cells: [cell(rowDisplayLabel(r), 'label'), ...b.columns.map((c, i) => valueCell(`t2.${r.key}.${c.key}`, c.kind, cells, i === b.columns.length - 1 ? 1 + extra : 1))],
      });
  }
  return { id: 't2', title: t.title, width, labelCols: 1, rows };
}

/** Depth of an ordinal: 一、 → 1, （一） → 2, 1. → 3. */
function depth(ordinal: string | undefined): number {
  if (!ordinal) return 1;
  if (/^[一二三四五六七八九十]+、/.test(ordinal)) return 1;
  if (/^[（(]/.test(ordinal)) return 2;
  return 3;
}

/** Table 三: the three header rows under the 勾稽关系 note, then the rows with their group cells. */
function table3(version: TemplateVersion, cells?: Record<string, CellValue>): LayoutTable {
  const t = TEMPLATES[version].t3;
  const cols = t.columns;
  const first = cols[0];
  const last = cols[cols.length - 1];
  const middle = cols.slice(1, -1);
  const labelCols = 3;
  const rows: LayoutRow[] = [
    { header: true, cells: [cell(FORM_WORDING.t3Note, 'note', 3, labelCols), cell(FORM_WORDING.t3Applicants, 'header', 1, cols.length)] },
    { header: true, cells: [cell(first.label, 'header', 2), cell(FORM_WORDING.t3LegalPersons, 'header', 1, middle.length), cell(last.label, 'header', 2)] },
    { header: true, cells: middle.map((c) => cell(c.label, 'header')) },
  ];
  const list: RowDef[] = t.rows;
  const groupDepth = (r: RowDef) => (r.group ? depth(r.group) : 0);
  list.forEach((r, i) => {
    const out: LayoutCell[] = [];
    const d = depth(r.ordinal);
    if (d === 1 && !r.group) out.push(cell(rowDisplayLabel(r), 'label', 1, labelCols));
    else {
      if (groupDepth(r) === 1) {
        let span = 0;
        for (let j = i; j < list.length && (j === i || depth(list[j].ordinal) !== 1); j++) span++;
        out.push(cell(r.group!, 'label', span, 1));
      }
      if (groupDepth(r) === 2) {
        let span = 0;
        for (let j = i; j < list.length && (j === i || (depth(list[j].ordinal) === 3 && !list[j].group)); j++) span++;
        out.push(cell(r.group!, 'label', span, 1));
      }
      out.push(cell(rowDisplayLabel(r), 'label', 1, d === 3 ? 1 : 2));
    }
    for (const c of cols) out.push(valueCell(`t3.${r.key}.${c.key}`, c.kind, cells));
    rows.push({ header: false, cells: out });
  });
  return { id: 't3', title: t.title, width: labelCols + cols.length, labelCols, rows };
}

/** Table 四: parents (行政复议, 行政诉讼), groups, the column labels, one data row. */
function table4(version: TemplateVersion, cells?: Record<string, CellValue>): LayoutTable {
  const t = TEMPLATES[version].t4;
  const n = t.columns.length;
  const parents: { label: string; count: number }[] = [];
  for (const g of t.groups) {
    const p = parents.at(-1);
    if (p && p.label === g.parent) p.count++;
    else parents.push({ label: g.parent, count: 1 });
  }
  const alone = (g: (typeof t.groups)[number]) => g.parent === g.label;
  const r0 = parents.map((p) => cell(p.label, 'header', 1, p.count * n));
  const r1 = t.groups.flatMap((g) => (alone(g) ? t.columns.map((c) => cell(c.label, 'header', 2)) : [cell(g.label, 'header', 1, n)]));
  const r2 = t.groups.flatMap((g) => (alone(g) ? [] : t.columns.map((c) => cell(c.label, 'header'))));
  const data = t.groups.flatMap((g) => t.columns.map((c) => valueCell(`t4.${g.key}.${c.key}`, c.kind, cells)));
  return {
    id: 't4',
    title: t.title,
    width: t.groups.length * n,
    labelCols: 0,
    rows: [
      { header: true, cells: r0 },
      { header: true, cells: r1 },
      { header: true, cells: r2 },
      { header: false, cells: data },
    ],
  };
}

export function tableLayout(version: TemplateVersion, id: TableId, cells?: Record<string, CellValue>): LayoutTable {
  return id === 't2' ? table2(version, cells) : id === 't3' ? table3(version, cells) : table4(version, cells);
}

export interface Placed {
  row: number;
  col: number;
  cell: LayoutCell;
}

/** Every cell with its grid coordinates (row, column of its top-left corner). */
export function placeCells(t: LayoutTable): Placed[] {
  const taken: boolean[][] = t.rows.map(() => Array(t.width).fill(false));
  const out: Placed[] = [];
  t.rows.forEach((r, ri) => {
    let col = 0;
    for (const c of r.cells) {
      while (col < t.width && taken[ri][col]) col++;
      out.push({ row: ri, col, cell: c });
      for (let dr = 0; dr < c.rowSpan; dr++) for (let dc = 0; dc < c.colSpan; dc++) if (taken[ri + dr]) taken[ri + dr][col + dc] = true;
      col += c.colSpan;
    }
  });
  return out;
}

/** The full grid: each position holds the cell starting there, or null where a merge covers it. */
export function expandGrid(t: LayoutTable): (LayoutCell | null)[][] {
  const grid: (LayoutCell | null)[][] = t.rows.map(() => Array(t.width).fill(null));
  for (const p of placeCells(t)) grid[p.row][p.col] = p.cell;
  return grid;
}

// ---------------------------------------------------------------- prose

let tableWords: RegExp | null = null;

/**
 * A line that belongs to a table rather than to the prose: only labels, header words,
 * figures and punctuation (what a parsed section's text holds where the table was).
 */
export function isTableLine(line: string): boolean {
  if (!tableWords) {
    const pats = new Set<string>();
    for (const v of ['2019', '2021'] as const) for (const e of lexicon(v).entries) if (e.kind !== 'section') pats.add(e.pattern);
    for (const w of Object.values(FORM_WORDING)) pats.add(normLabel(w));
    const alt = [...pats].filter((p) => p.length > 0).sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    tableWords = new RegExp(alt.join('|'), 'g');
  }
  const norm = normLabel(line).replace(/^`{3,}\w*$/, '');
  if (norm === '') return true;
  const rest = norm.replace(tableWords, '').replace(/[\d.\-—–/|()\u2500-\u257f:,+%=*#`~_]|万元|元|件/g, '').replace(/^(?:[一二三四五六七八九十]+|[①-⑳])$/, '');
  return rest === '';
}

/** The prose of a section: its text without the lines that held a table. */
export function proseOf(text: string, holdsTable: boolean): string[] {
  // Markdown rules (setext underlines, code fences) are layout, never prose.
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !/^\s*(?:[-=]{3,}|`{3,}\w*)\s*$/.test(l));
  return holdsTable ? lines.filter((l) => !isTableLine(l)) : lines;
}

export function reportTitle(agency: string | null, year: number | null): string {
  return `${agency ?? ''}${year ? `${year}年` : ''}${FORM_WORDING.titleSuffix}`;
}

/** 2024-01-20 → 发布日期：2024年1月20日 */
export function dateLine(publishedAt: string | null): string | null {
  if (!publishedAt) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt);
  return `发布日期：${m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : publishedAt}`;
}

export function reportModel(r: CanonicalReport): ReportModel {
  const version = versionOf(r.meta);
  return {
    version,
    title: reportTitle(r.meta.agency, r.meta.year),
    dateLine: dateLine(r.meta.publishedAt),
    agency: r.meta.agency,
    sections: SECTIONS.map((s) => {
      const given = r.sections.find((x) => x.key === s.key);
      return {
        key: s.key,
        heading: `${s.numeral}、${s.title}`,
        paragraphs: given ? proseOf(given.text, !!s.table) : [],
        ...(s.table ? { table: tableLayout(version, s.table, r.cells) } : {}),
      };
    }),
  };
}
