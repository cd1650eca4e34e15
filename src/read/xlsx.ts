/**
 * Excel workbooks (.xlsx) → document. The fill-in workbook of `nianbao template` is read
 * by its layout (正文 sheet for the name, year, date and section texts; 表二/表三/表四 as
 * grids with their merges); any other workbook is read sheet by sheet as tables. Every
 * cell carries pos.path `Sheet 表三!D7`, so a finding names the sheet and the cell.
 *
 * Bounded whatever the file: every part is inflated through the guarded zip reader
 * (SafeZip), only a fixed cell range is read (the template's tables, or the top-left
 * corner of any other sheet), merges are clipped to that range, and a formula is
 * evaluated only from cells inside it (memoised; a reference cycle is a read issue).
 * Formula cells give their cached result, or are computed here (SUM) when the workbook
 * was filled by a program that left no result; a total over blank cells is blank.
 */
import { ReadFailure } from '../core/failure.js';
import { SECTIONS, TEMPLATES, type TemplateVersion } from '../core/template.js';
import type { Block, GridCell, ReadIssue, SourceDocument, SourcePos } from '../core/types.js';
import { dateLine, reportTitle, tableLayout } from '../render/model.js';
import { GRID_TOP, TABLE_SHEETS, TEXT_LABELS, TEXT_ROWS, TEXT_SHEET, address, colIndex } from '../render/workbook.js';
import { registerReader } from './index.js';
import { decodeEntities } from './xml.js';
import { openZip, type SafeZip } from './zip.js';

export function xlsxPath(sheet: string, addr: string): string {
  return `Sheet ${sheet}!${addr}`;
}

/** Largest sheet / shared-string part read: a real report's parts are a few hundred KB. */
const MAX_PART_BYTES = 32 * 1024 * 1024;
/** Cell range read from a sheet that is not one of the template's (rows × columns from A1). */
export const GENERIC_RANGE = { rows: 400, cols: 40 } as const;

/** The template's table range: the widest and longest layout of either version, plus the heading row. */
function templateRange(): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const v of Object.keys(TEMPLATES) as TemplateVersion[])
    for (const id of ['t2', 't3', 't4'] as const) {
      const t = tableLayout(v, id);
      rows = Math.max(rows, GRID_TOP + t.rows.length);
      cols = Math.max(cols, t.width);
    }
  // A few rows and columns of slack for a clerk's added note or row.
  return { rows: rows + 10, cols: cols + 4 };
}
const TEXT_RANGE = { rows: TEXT_ROWS.firstSection + SECTIONS.length + 5, cols: 4 };

interface RawCell {
  /** Literal value (shared string resolved), or undefined. */
  value?: string;
  /** Numeric literal. */
  numeric?: boolean;
  formula?: string;
  /** Cached result of a formula. */
  cached?: string;
  cachedNumeric?: boolean;
}

interface SheetData {
  name: string;
  cells: Map<string, RawCell>;
  merges: { r0: number; c0: number; r1: number; c1: number }[];
  maxRow: number;
  maxCol: number;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? '') : undefined;
}

/** Text of <t> elements inside a fragment (rich text runs joined; phonetic runs skipped). */
function textRuns(xml: string): string {
  const body = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let s = '';
  for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) s += decodeEntities(m[1]);
  return s;
}

function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  return m ? { row: Number(m[2]), col: colIndex(m[1]) } : null;
}

/** A shared formula moved from its master cell to another cell: relative references shift. */
function shiftFormula(formula: string, dRow: number, dCol: number): string {
  return formula.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)/g, (_m, cAbs: string, col: string, rAbs: string, row: string) => {
    const c = cAbs ? colIndex(col) : colIndex(col) + dCol;
    const r = rAbs ? Number(row) : Number(row) + dRow;
    if (c < 0 || r < 1) return _m;
    return `${cAbs}${address(r, c).replace(/\d+$/, '')}${rAbs}${r}`;
  });
}

/** Reads one sheet's cells inside rows 1..range.rows and columns A..range.cols; the rest is skipped unread. */
function parseSheet(name: string, xml: string, strings: string[], range: { rows: number; cols: number }): SheetData {
  const cells = new Map<string, RawCell>();
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  let maxRow = 0;
  let maxCol = 0;
  const dataStart = xml.search(/<(?:\w+:)?sheetData\b/);
  const dataEnd = xml.search(/<\/(?:\w+:)?sheetData>/);
  const data = dataStart < 0 ? '' : xml.slice(dataStart, dataEnd < 0 ? xml.length : dataEnd);
  let row = 0;
  const rowRe = /<(?:\w+:)?row\b([^>]*?)(\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
  for (const rm of data.matchAll(rowRe)) {
    const r = Number(attr(rm[1], 'r') ?? row + 1);
    row = r;
    if (r > range.rows) break; // rows are in ascending order: nothing further is in range
    if (!rm[3]) continue;
    let col = -1;
    for (const cm of rm[3].matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const ref = attr(cm[1], 'r');
      const at = ref ? parseRef(ref) : null;
      col = at ? at.col : col + 1;
      if (col >= range.cols) continue;
      const body = cm[2] ?? '';
      const type = attr(cm[1], 't');
      const cell: RawCell = {};
      const v = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
      const f = /<(?:\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/.exec(body);
      let literal: string | undefined;
      let numeric = false;
      if (type === 's' && v !== undefined) literal = strings[Number(v)] ?? '';
      else if (type === 'inlineStr') literal = textRuns(body);
      else if (type === 'b' && v !== undefined) literal = v === '1' ? 'TRUE' : 'FALSE';
      else if (v !== undefined) {
        literal = decodeEntities(v);
        numeric = type === undefined || type === 'n';
      }
      if (f) {
        let formula = decodeEntities(f[2] ?? '').trim();
        const si = attr(f[1], 'si');
        if (attr(f[1], 't') === 'shared' && si !== undefined) {
          if (formula) shared.set(si, { formula, row: r, col });
          else {
            const m = shared.get(si);
            if (m) formula = shiftFormula(m.formula, r - m.row, col - m.col);
          }
        }
        if (formula) {
          cell.formula = formula;
          if (literal !== undefined) {
            cell.cached = literal;
            cell.cachedNumeric = numeric;
          }
        } else if (literal !== undefined) {
          cell.value = literal;
          cell.numeric = numeric;
        }
      } else if (literal !== undefined) {
        cell.value = literal;
        cell.numeric = numeric;
      }
      if (cell.value === undefined && cell.formula === undefined) continue;
      cells.set(address(r, col), cell);
      maxRow = Math.max(maxRow, r);
      maxCol = Math.max(maxCol, col + 1);
    }
  }
  const merges: SheetData['merges'] = [];
  for (const mm of xml.matchAll(/<(?:\w+:)?mergeCell\b([^>]*)>/g)) {
    const ref = attr(mm[1], 'ref');
    const m = ref ? /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/.exec(ref) : null;
    if (!m) continue;
    const r0 = Number(m[2]), c0 = colIndex(m[1]);
    if (r0 > range.rows || c0 >= range.cols) continue;
    // Clipped to the range read: a merge K1:XFD1048576 covers at most the cells we look at.
    merges.push({ r0, c0, r1: Math.min(Number(m[4]), range.rows), c1: Math.min(colIndex(m[3]), range.cols - 1) });
    if (merges.length > 10_000) break;
  }
  return { name, cells, merges, maxRow, maxCol };
}

function fmtNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

function literalText(value: string, numeric: boolean | undefined): string {
  if (!numeric) return value;
  const n = Number(value);
  return Number.isFinite(n) ? fmtNumber(n) : value;
}

/** Cells a formula refers to, only those inside the range read (a range outside it contributes nothing). */
function refsOf(formula: string, range: { rows: number; cols: number }): string[] {
  const out: string[] = [];
  for (const m of formula.matchAll(/\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?/g)) {
    const c0 = colIndex(m[1]), r0 = Number(m[2]);
    const c1 = m[3] ? colIndex(m[3]) : c0, r1 = m[4] ? Number(m[4]) : r0;
    for (let r = Math.max(1, Math.min(r0, r1)); r <= Math.min(Math.max(r0, r1), range.rows); r++)
      for (let c = Math.max(0, Math.min(c0, c1)); c <= Math.min(Math.max(c0, c1), range.cols - 1); c++) out.push(address(r, c));
  }
  return out;
}

/** Display text of every cell of a sheet: formulas resolved once each (memoised), cycles reported. */
class SheetValues {
  private memo = new Map<string, string>();
  private visiting = new Set<string>();
  constructor(
    readonly sheet: SheetData,
    private readonly range: { rows: number; cols: number },
    private readonly issues: ReadIssue[],
  ) {}

  text(addr: string): string {
    const hit = this.memo.get(addr);
    if (hit !== undefined) return hit;
    const c = this.sheet.cells.get(addr);
    let out = '';
    if (c) {
      if (c.formula === undefined) out = literalText(c.value ?? '', c.numeric);
      else if (this.visiting.size > 500) return literalText(c.cached ?? '', c.cachedNumeric);
      else if (this.visiting.has(addr)) {
        this.issues.push({
          code: 'formula-cycle',
          message: `工作表“${this.sheet.name}”的单元格 ${addr} 的公式引用了自身（循环引用），无法计算，按空白处理。请改正该公式。`,
          pos: { path: xlsxPath(this.sheet.name, addr) },
        });
        return '';
      } else {
        this.visiting.add(addr);
        out = this.formulaText(c, addr);
        this.visiting.delete(addr);
      }
    }
    this.memo.set(addr, out);
    return out;
  }

  /** Cells whose formula could not be computed here (another sheet's cells, no saved result). */
  readonly unresolved = new Set<string>();

  private formulaText(c: RawCell, addr: string): string {
    const formula = c.formula!;
    // Another sheet's cells (明细!B5, '附表'!C3): its saved result, never this sheet's cells at
    // those addresses; without a saved result the cell cannot be known.
    if (formula.includes('!')) {
      if (c.cached !== undefined && c.cached !== '') return literalText(c.cached, c.cachedNumeric);
      this.unresolved.add(addr);
      this.issues.push({
        code: 'formula-unresolved',
        message: `工作表“${this.sheet.name}”的单元格 ${addr} 是引用其他工作表的公式（${formula}），文件中没有保存计算结果，无法确定其数值，按空白处理。请在 Excel 或 WPS 中打开并保存一次（保存计算结果）后再导入。`,
        pos: { path: xlsxPath(this.sheet.name, addr) },
      });
      return '';
    }
    const refs = refsOf(formula, this.range);
    const parts = refs.map((a) => this.text(a));
    if (refs.length && parts.every((p) => p.trim() === '')) return '';
    if (c.cached !== undefined && c.cached !== '') return literalText(c.cached, c.cachedNumeric);
    if (/^SUM\(/i.test(formula)) {
      let s = 0;
      for (const p of parts) {
        const n = Number(p.normalize('NFKC').trim());
        if (p.trim() !== '' && Number.isFinite(n)) s += n;
      }
      return fmtNumber(s);
    }
    return c.cached ?? '';
  }
}

interface Builder {
  blocks: Block[];
  lines: string[];
  issues: ReadIssue[];
}

function paragraph(b: Builder, text: string, pos: SourcePos): void {
  b.lines.push(text);
  b.blocks.push({ kind: 'paragraph', text, pos: { ...pos, line: b.lines.length, column: 1 } });
}

/** Rows of a sheet from `top` as grid rows: merge masters with their spans, covered cells left out. */
function sheetGrid(vals: SheetValues, top: number, b: Builder): void {
  const ws = vals.sheet;
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  const covered = new Set<string>();
  for (const { r0, c0, r1, c1 } of ws.merges) {
    spans.set(address(r0, c0), { rowSpan: r1 - r0 + 1, colSpan: c1 - c0 + 1 });
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) covered.add(address(r, c));
  }
  const rows: GridCell[][] = [];
  const firstLine = b.lines.length + 1;
  for (let r = top; r <= ws.maxRow; r++) {
    const row: GridCell[] = [];
    for (let c = 0; c < ws.maxCol; c++) {
      const addr = address(r, c);
      if (covered.has(addr)) continue;
      const text = vals.text(addr);
      const span = spans.get(addr);
      row.push({ text, pos: { path: xlsxPath(ws.name, addr), line: b.lines.length + 1 }, ...(span && span.rowSpan > 1 ? { rowSpan: span.rowSpan } : {}), ...(span && span.colSpan > 1 ? { colSpan: span.colSpan } : {}), ...(vals.unresolved.has(addr) ? { candidates: [] } : {}) });
    }
    while (row.length && row[row.length - 1].text.trim() === '' && !row[row.length - 1].candidates && !spans.has(String(row[row.length - 1].pos.path).split('!')[1])) row.pop();
    if (row.length === 0) continue;
    b.lines.push(row.map((x) => x.text).join('\t'));
    rows.push(row);
  }
  if (rows.length) b.blocks.push({ kind: 'table', rows, pos: { line: firstLine, column: 1, path: xlsxPath(ws.name, address(top, 0)) } });
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

async function partText(z: SafeZip, name: string): Promise<string> {
  const info = z.entries.find((e) => e.name === name);
  if (info && info.uncompressedSize > MAX_PART_BYTES)
    throw new ReadFailure('too-complex', `工作簿中的“${name}”解压后 ${Math.round(info.uncompressedSize / 1048576)} MB，远超一份年度报告的工作表（通常不足 1 MB），已拒绝读取。`);
  return z.text(name);
}

interface Workbook {
  /** Sheet names in order with their part names. */
  sheets: { name: string; part: string }[];
  strings: string[];
  zip: SafeZip;
}

async function openWorkbook(buf: Uint8Array): Promise<Workbook> {
  const zip = await openZip(buf);
  const wbPart = zip.find('xl/workbook.xml');
  if (!wbPart) throw new ReadFailure('corrupt', 'Excel 工作簿已损坏或格式不受支持，无法打开：缺少 xl/workbook.xml。');
  const wbXml = await partText(zip, wbPart);
  const relsPart = zip.find('xl/_rels/workbook.xml.rels');
  const rels = new Map<string, string>();
  if (relsPart)
    for (const m of (await partText(zip, relsPart)).matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
      const id = attr(m[1], 'Id');
      const target = attr(m[1], 'Target');
      if (id && target) rels.set(id, resolvePath(wbPart, target));
    }
  const sheets: Workbook['sheets'] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const name = attr(m[1], 'name') ?? `Sheet${sheets.length + 1}`;
    const rid = /\s(?:\w+:)?id\s*=\s*"([^"]*)"/.exec(m[1])?.[1];
    const part = (rid && rels.get(rid)) || `xl/worksheets/sheet${sheets.length + 1}.xml`;
    const found = zip.find(part);
    if (found) sheets.push({ name, part: found });
  }
  const strings: string[] = [];
  const ssPart = zip.find('xl/sharedStrings.xml');
  if (ssPart) for (const m of (await partText(zip, ssPart)).matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g)) strings.push(m[1] ? textRuns(m[1]) : '');
  return { sheets, strings, zip };
}

async function loadSheet(wb: Workbook, name: string, range: { rows: number; cols: number }, issues: ReadIssue[]): Promise<SheetValues | undefined> {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) return undefined;
  return new SheetValues(parseSheet(s.name, await partText(wb.zip, s.part), wb.strings, range), range, issues);
}

async function isTemplate(wb: Workbook, issues: ReadIssue[]): Promise<SheetValues | undefined> {
  const ws = await loadSheet(wb, TEXT_SHEET, TEXT_RANGE, issues);
  return ws && ws.text(address(TEXT_ROWS.agency, 0)).trim() === TEXT_LABELS.agency ? ws : undefined;
}

async function readTemplate(wb: Workbook, ws: SheetValues, b: Builder): Promise<SourceDocument['hints']> {
  const at = (row: number) => address(row, 1);
  const agency = ws.text(at(TEXT_ROWS.agency)).trim() || null;
  const yearText = ws.text(at(TEXT_ROWS.year)).normalize('NFKC').trim();
  const year = /^\d{4}/.test(yearText) ? Number(yearText.slice(0, 4)) : null;
  const published = ws.text(at(TEXT_ROWS.publishedAt)).trim() || null;
  const title = reportTitle(agency, year);
  paragraph(b, title, { path: xlsxPath(TEXT_SHEET, at(TEXT_ROWS.agency)) });
  const dl = dateLine(published);
  if (dl) paragraph(b, dl, { path: xlsxPath(TEXT_SHEET, at(TEXT_ROWS.publishedAt)) });
  const range = templateRange();
  for (let i = 0; i < SECTIONS.length; i++) {
    const s = SECTIONS[i];
    const row = TEXT_ROWS.firstSection + i;
    paragraph(b, `${s.numeral}、${s.title}`, { path: xlsxPath(TEXT_SHEET, address(row, 0)) });
    if (s.table) {
      const tws = await loadSheet(wb, TABLE_SHEETS[s.table], range, b.issues);
      if (tws) sheetGrid(tws, GRID_TOP, b);
    }
    for (const line of ws.text(at(row)).split(/\r?\n/)) if (line.trim()) paragraph(b, line, { path: xlsxPath(TEXT_SHEET, at(row)) });
  }
  return { title, ...(published ? { publishedAt: published } : {}), ...(agency ? { publisher: agency } : {}) };
}

export async function readXlsx(buf: Uint8Array): Promise<SourceDocument> {
  let wb: Workbook;
  try {
    wb = await openWorkbook(buf);
  } catch (e) {
    if (e instanceof ReadFailure) throw e;
    throw new ReadFailure('corrupt', `Excel 工作簿已损坏或格式不受支持，无法打开：${e instanceof Error ? e.message : String(e)}。`);
  }
  const b: Builder = { blocks: [], lines: [], issues: [] };
  let hints: SourceDocument['hints'] = {};
  const text = await isTemplate(wb, b.issues);
  if (text) hints = await readTemplate(wb, text, b);
  else
    for (const s of wb.sheets) {
      const vals = await loadSheet(wb, s.name, GENERIC_RANGE, b.issues);
      paragraph(b, s.name, { path: xlsxPath(s.name, 'A1') });
      if (vals) sheetGrid(vals, 1, b);
    }
  return { format: 'xlsx', blocks: b.blocks, lines: b.lines, hints, readIssues: b.issues };
}

registerReader('xlsx', (buf) => readXlsx(buf));
