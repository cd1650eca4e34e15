/**
 * Excel workbooks (.xlsx) → document. The fill-in workbook of `nianbao template` is read
 * by its layout (正文 sheet for the name, year, date and section texts; 表二/表三/表四 as
 * grids with their merges); any other workbook is read sheet by sheet as tables. Every
 * cell carries pos.path `Sheet 表三!D7`, so a finding names the sheet and the cell.
 * Formula cells give their cached result, or are computed here (SUM ranges) when the
 * workbook was filled by a program that left no result; a total over blank cells is blank.
 */
import ExcelJS from 'exceljs';
import { ReadFailure } from '../core/failure.js';
import { SECTIONS } from '../core/template.js';
import type { Block, GridCell, SourceDocument, SourcePos } from '../core/types.js';
import { dateLine, reportTitle } from '../render/model.js';
import { GRID_TOP, TABLE_SHEETS, TEXT_LABELS, TEXT_ROWS, TEXT_SHEET, address, colIndex } from '../render/workbook.js';
import { registerReader } from './index.js';

type Sheet = ExcelJS.Worksheet;

export function xlsxPath(sheet: string, addr: string): string {
  return `Sheet ${sheet}!${addr}`;
}

/** Cells a SUM formula refers to (A1:B2 ranges and single cells). */
function refsOf(formula: string): string[] {
  const out: string[] = [];
  for (const m of formula.matchAll(/\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?/g)) {
    if (!m[3]) {
      out.push(`${m[1]}${m[2]}`);
      continue;
    }
    const c0 = colIndex(m[1]), r0 = Number(m[2]), c1 = colIndex(m[3]), r1 = Number(m[4]);
    if ((r1 - r0 + 1) * (c1 - c0 + 1) > 10000) continue;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) out.push(address(r, c));
  }
  return out;
}

function fmtNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** Display text of a cell; formulas resolved, blank totals blank. */
function cellText(ws: Sheet, addr: string, depth = 0): string {
  const v = ws.getCell(addr).value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return fmtNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const formula = ('formula' in v && v.formula) || ('sharedFormula' in v && v.sharedFormula) || '';
      if (depth > 20) return '';
      const refs = refsOf(formula);
      const parts = refs.map((a) => cellText(ws, a, depth + 1));
      if (refs.length && parts.every((p) => p.trim() === '')) return '';
      const result = (v as { result?: unknown }).result;
      if (typeof result === 'number') return fmtNumber(result);
      if (result && typeof result === 'object' && 'error' in result) return String((result as { error: unknown }).error);
      if (/^SUM\(/i.test(formula)) {
        let s = 0;
        for (const p of parts) {
          const n = Number(p.normalize('NFKC').trim());
          if (p.trim() !== '' && Number.isFinite(n)) s += n;
        }
        return fmtNumber(s);
      }
      return result === undefined || result === null ? '' : String(result);
    }
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

interface Builder {
  blocks: Block[];
  lines: string[];
}

function paragraph(b: Builder, text: string, pos: SourcePos): void {
  b.lines.push(text);
  b.blocks.push({ kind: 'paragraph', text, pos: { ...pos, line: b.lines.length, column: 1 } });
}

/** Rows of a sheet from `top` as grid rows: merge masters with their spans, covered cells left out. */
function sheetGrid(ws: Sheet, top: number, b: Builder): void {
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  const covered = new Set<string>();
  for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (!m) continue;
    const c0 = colIndex(m[1]), r0 = Number(m[2]), c1 = colIndex(m[3]), r1 = Number(m[4]);
    spans.set(address(r0, c0), { rowSpan: r1 - r0 + 1, colSpan: c1 - c0 + 1 });
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) covered.add(address(r, c));
  }
  const rows: GridCell[][] = [];
  const firstLine = b.lines.length + 1;
  const width = ws.columnCount;
  for (let r = top; r <= ws.rowCount; r++) {
    const row: GridCell[] = [];
    for (let c = 0; c < width; c++) {
      const addr = address(r, c);
      if (covered.has(addr)) continue;
      const text = cellText(ws, addr);
      const span = spans.get(addr);
      row.push({ text, pos: { path: xlsxPath(ws.name, addr), line: b.lines.length + 1 }, ...(span && span.rowSpan > 1 ? { rowSpan: span.rowSpan } : {}), ...(span && span.colSpan > 1 ? { colSpan: span.colSpan } : {}) });
    }
    while (row.length && row[row.length - 1].text.trim() === '' && !spans.has(String(row[row.length - 1].pos.path).split('!')[1])) row.pop();
    if (row.length === 0) continue;
    b.lines.push(row.map((x) => x.text).join('\t'));
    rows.push(row);
  }
  if (rows.length) b.blocks.push({ kind: 'table', rows, pos: { line: firstLine, column: 1, path: xlsxPath(ws.name, address(top, 0)) } });
}

function isTemplate(wb: ExcelJS.Workbook): boolean {
  const ws = wb.getWorksheet(TEXT_SHEET);
  return !!ws && cellText(ws, address(TEXT_ROWS.agency, 0)).trim() === TEXT_LABELS.agency;
}

function readTemplate(wb: ExcelJS.Workbook, b: Builder): SourceDocument['hints'] {
  const ws = wb.getWorksheet(TEXT_SHEET)!;
  const at = (row: number) => address(row, 1);
  const agency = cellText(ws, at(TEXT_ROWS.agency)).trim() || null;
  const yearText = cellText(ws, at(TEXT_ROWS.year)).normalize('NFKC').trim();
  const year = /^\d{4}/.test(yearText) ? Number(yearText.slice(0, 4)) : null;
  const published = cellText(ws, at(TEXT_ROWS.publishedAt)).trim() || null;
  const title = reportTitle(agency, year);
  paragraph(b, title, { path: xlsxPath(TEXT_SHEET, at(TEXT_ROWS.agency)) });
  const dl = dateLine(published);
  if (dl) paragraph(b, dl, { path: xlsxPath(TEXT_SHEET, at(TEXT_ROWS.publishedAt)) });
  SECTIONS.forEach((s, i) => {
    const row = TEXT_ROWS.firstSection + i;
    paragraph(b, `${s.numeral}、${s.title}`, { path: xlsxPath(TEXT_SHEET, address(row, 0)) });
    if (s.table) {
      const tws = wb.getWorksheet(TABLE_SHEETS[s.table]);
      if (tws) sheetGrid(tws, GRID_TOP, b);
    }
    for (const line of cellText(ws, at(row)).split(/\r?\n/)) if (line.trim()) paragraph(b, line, { path: xlsxPath(TEXT_SHEET, at(row)) });
  });
  return { title, ...(published ? { publishedAt: published } : {}), ...(agency ? { publisher: agency } : {}) };
}

export async function readXlsx(buf: Uint8Array): Promise<SourceDocument> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(buf) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ReadFailure('corrupt', `Excel 工作簿已损坏或格式不受支持，无法打开：${e instanceof Error ? e.message : String(e)}。`);
  }
  const b: Builder = { blocks: [], lines: [] };
  let hints: SourceDocument['hints'] = {};
  if (isTemplate(wb)) hints = readTemplate(wb, b);
  else
    wb.eachSheet((ws) => {
      paragraph(b, ws.name, { path: xlsxPath(ws.name, 'A1') });
      sheetGrid(ws, 1, b);
    });
  return { format: 'xlsx', blocks: b.blocks, lines: b.lines, hints, readIssues: [] };
}

registerReader('xlsx', (buf) => readXlsx(buf));
