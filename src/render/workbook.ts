/**
 * The fill-in workbook (xlsx): a sheet 正文 (机关名称, 年度, 发布日期 and the six section
 * texts) and one sheet per table laid out like the official form from the layout model
 * (labels locked, figures unlocked, totals computed by formulas, conditional formatting
 * that turns a broken 勾稽关系 or total red). The reader in src/read/xlsx.ts reads it back.
 */
import ExcelJS from 'exceljs';
import { SECTIONS, T3_APPLICANT_KEYS, TEMPLATES, outcomeRowKeys, type TableId, type TemplateVersion } from '../core/template.js';
import type { CellValue } from '../core/types.js';
import { blankReport, versionOf, type CanonicalReport } from './canonical.js';
import { placeCells, proseOf, tableLayout, type LayoutTable } from './model.js';

export const TEXT_SHEET = '正文';
export const TABLE_SHEETS: Record<TableId, string> = { t2: '表二', t3: '表三', t4: '表四' };
/** First row of a table's grid (row 1 holds the section heading). */
export const GRID_TOP = 2;
/** Rows of the 正文 sheet: labels in column A, values in column B. */
export const TEXT_ROWS = { agency: 2, year: 3, publishedAt: 4, template: 5, firstSection: 6 } as const;
export const TEXT_LABELS = { head: ['项目', '内容'], agency: '机关名称', year: '年度', publishedAt: '发布日期（如 2024-01-20）', template: '报告格式' } as const;

export function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function address(row: number, col: number): string {
  return `${colName(col)}${row}`;
}

/** Address (A1) of every value cell of a table sheet. */
export function valueAddresses(t: LayoutTable): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of placeCells(t)) if (p.cell.key) out.set(p.cell.key, address(GRID_TOP + p.row, p.col));
  return out;
}

/** The formula of a computed cell (without '='), or undefined for a cell the clerk fills in. */
export function formulaOf(version: TemplateVersion, key: string, at: Map<string, string>): string | undefined {
  const [table, ...rest] = key.split('.');
  const col = rest.at(-1)!;
  const row = rest.slice(0, -1).join('.');
  if (table === 't3' && col === 'total') return `SUM(${at.get(`t3.${row}.${T3_APPLICANT_KEYS[0]}`)}:${at.get(`t3.${row}.${T3_APPLICANT_KEYS.at(-1)}`)})`;
  if (table === 't3' && row === 'total') {
    const rows = outcomeRowKeys(version);
    return `SUM(${at.get(`t3.${rows[0]}.${col}`)}:${at.get(`t3.${rows.at(-1)}.${col}`)})`;
  }
  if (table === 't4' && col === 'total') {
    const cols = TEMPLATES[version].t4.columns.map((c) => c.key).filter((c) => c !== 'total');
    return `SUM(${at.get(`t4.${row}.${cols[0]}`)}:${at.get(`t4.${row}.${cols.at(-1)}`)})`;
  }
  return undefined;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const INPUT_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF8DC' } };
const FORMULA_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFEDEDED' } };
const RED = { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: 'FFFF8080' } }, font: { color: { argb: 'FF9C0006' }, bold: true } };
const FONT = { name: '宋体', size: 10 };

const SECTION_HEADING = (id: TableId) => {
  const s = SECTIONS.find((x) => x.table === id)!;
  return `${s.numeral}、${s.title}`;
};

function addTableSheet(wb: ExcelJS.Workbook, version: TemplateVersion, id: TableId): ExcelJS.Worksheet {
  const t = tableLayout(version, id);
  const ws = wb.addWorksheet(TABLE_SHEETS[id], { views: [{ state: 'frozen', ySplit: id === 't2' ? 1 : GRID_TOP + 2 }], pageSetup: { paperSize: 9, orientation: id === 't2' ? 'portrait' : 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, t.width);
  const title = ws.getCell(1, 1);
  title.value = SECTION_HEADING(id);
  title.font = { name: '黑体', size: 14 };
  title.alignment = { vertical: 'middle', horizontal: 'left' };
  ws.getRow(1).height = 24;
  const at = valueAddresses(t);
  for (const p of placeCells(t)) {
    const r = GRID_TOP + p.row;
    const c = p.col + 1;
    if (p.cell.rowSpan > 1 || p.cell.colSpan > 1) ws.mergeCells(r, c, r + p.cell.rowSpan - 1, c + p.cell.colSpan - 1);
    const cell = ws.getCell(r, c);
    const left = p.cell.role === 'label' || p.cell.role === 'heading';
    cell.alignment = { vertical: 'middle', horizontal: left ? 'left' : 'center', wrapText: true };
    cell.font = { ...FONT, bold: p.cell.role === 'heading', size: p.cell.role === 'note' ? 9 : 10 };
    if (p.cell.key) {
      const f = formulaOf(version, p.cell.key, at);
      if (f) {
        cell.value = { formula: f, date1904: false } as ExcelJS.CellFormulaValue;
        cell.fill = FORMULA_FILL;
      } else {
        cell.protection = { locked: false };
        cell.fill = INPUT_FILL;
        const kind = p.cell.kind;
        cell.dataValidation =
          kind === 'decimal'
            ? { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, showErrorMessage: true, errorTitle: '数值有误', error: '请填写不小于 0 的数字。' }
            : kind === 'signed'
              ? { type: 'whole', operator: 'between', formulae: [-1000000, 1000000], allowBlank: true, showErrorMessage: true, errorTitle: '数值有误', error: '请填写整数（可为负数）。' }
              : { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, showErrorMessage: true, errorTitle: '数值有误', error: '请填写不小于 0 的整数。' };
      }
    } else cell.value = p.cell.text;
    for (let dr = 0; dr < p.cell.rowSpan; dr++) for (let dc = 0; dc < p.cell.colSpan; dc++) ws.getCell(r + dr, c + dc).border = BORDER;
  }
  // Column widths: labels wide, figures narrow.
  for (let i = 0; i < t.width; i++) ws.getColumn(i + 1).width = id === 't2' ? (i === 0 ? 22 : 16) : id === 't3' ? ([12, 12, 34][i] ?? 9) : 8;
  for (let r = GRID_TOP; r < GRID_TOP + t.rows.length; r++) ws.getRow(r).height = id === 't3' && r === GRID_TOP ? 48 : 30;
  addRedRules(ws, version, id, at);
  return ws;
}

/** Conditional formatting: the 勾稽关系 and every computed total turn red when they do not hold. */
function addRedRules(ws: ExcelJS.Worksheet, version: TemplateVersion, id: TableId, at: Map<string, string>): void {
  const rules: { ref: string; formula: string }[] = [];
  const abs = (a: string) => a.replace(/^([A-Z]+)(\d+)$/, '$1$$$2');
  if (id === 't3') {
    for (const c of [...T3_APPLICANT_KEYS, 'total']) {
      const [nr, co, tot, cf] = ['newReceived', 'carriedOver', 'total', 'carriedForward'].map((r) => at.get(`t3.${r}.${c}`)!);
      rules.push({ ref: `${nr}:${co} ${tot}:${cf}`, formula: `AND(COUNT(${abs(nr)},${abs(co)},${abs(tot)},${abs(cf)})=4,${abs(nr)}+${abs(co)}<>${abs(tot)}+${abs(cf)})` });
    }
  }
  for (const [key, addr] of at) {
    const f = formulaOf(version, key, at);
    if (!f) continue;
    const range = f.slice(4, -1);
    rules.push({ ref: addr, formula: `AND(COUNT(${range})>0,${addr}<>${f})` });
  }
  rules.forEach((r, i) => ws.addConditionalFormatting({ ref: r.ref, rules: [{ type: 'expression', priority: i + 1, formulae: [r.formula], style: RED }] }));
}

function addTextSheet(wb: ExcelJS.Workbook, r: CanonicalReport, version: TemplateVersion): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(TEXT_SHEET, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.getColumn(1).width = 36;
  ws.getColumn(2).width = 100;
  const put = (row: number, label: string, value: string | number | null, input: boolean) => {
    const a = ws.getCell(row, 1);
    a.value = label;
    a.font = { ...FONT, bold: true };
    a.alignment = { vertical: 'top', wrapText: true };
    a.border = BORDER;
    const b = ws.getCell(row, 2);
    b.value = value;
    b.font = { ...FONT, size: 11 };
    b.alignment = { vertical: 'top', wrapText: true };
    b.border = BORDER;
    if (input) {
      b.protection = { locked: false };
      b.fill = INPUT_FILL;
    }
  };
  put(1, TEXT_LABELS.head[0], TEXT_LABELS.head[1], false);
  put(TEXT_ROWS.agency, TEXT_LABELS.agency, r.meta.agency, true);
  put(TEXT_ROWS.year, TEXT_LABELS.year, r.meta.year, true);
  put(TEXT_ROWS.publishedAt, TEXT_LABELS.publishedAt, r.meta.publishedAt, true);
  put(TEXT_ROWS.template, TEXT_LABELS.template, TEMPLATES[version].name, false);
  SECTIONS.forEach((s, i) => {
    const given = r.sections.find((x) => x.key === s.key);
    const text = given ? proseOf(given.text, !!s.table).join('\n') : '';
    put(TEXT_ROWS.firstSection + i, `${s.numeral}、${s.title}${s.table ? `（表格见“${TABLE_SHEETS[s.table]}”）` : ''}`, text, true);
    ws.getRow(TEXT_ROWS.firstSection + i).height = 90;
  });
  return ws;
}

export interface WorkbookOptions {
  /** Lock the labels (sheet protection without a password). Default true. */
  protect?: boolean;
}

/** A workbook for a report: blank (template) or filled with a report's figures and texts. */
export async function buildWorkbook(r: CanonicalReport, opts: WorkbookOptions = {}): Promise<ExcelJS.Workbook> {
  const version = versionOf(r.meta);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'nianbao';
  wb.calcProperties = { fullCalcOnLoad: true };
  const sheets = [addTextSheet(wb, r, version), ...(['t2', 't3', 't4'] as const).map((id) => addTableSheet(wb, version, id))];
  fillFigures(wb, version, r.cells);
  if (opts.protect !== false) for (const ws of sheets) await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return wb;
}

/**
 * Writes figures into the table sheets as a clerk would: input cells take the value; a
 * computed total keeps its formula (with the value as its result) when the value agrees
 * with it, and is typed over with the value when it does not.
 */
export function fillFigures(wb: ExcelJS.Workbook, version: TemplateVersion, cells: Record<string, CellValue>): void {
  for (const id of ['t2', 't3', 't4'] as const) {
    const ws = wb.getWorksheet(TABLE_SHEETS[id]);
    if (!ws) continue;
    const at = valueAddresses(tableLayout(version, id));
    for (const [key, addr] of at) {
      if (!(key in cells)) continue;
      const v = cells[key];
      const f = formulaOf(version, key, at);
      const c = ws.getCell(addr);
      if (!f) {
        c.value = v;
        continue;
      }
      const computed = evalSum(f, (a) => {
        const k = [...at].find(([, x]) => x === a)?.[0];
        return k ? (cells[k] ?? null) : null;
      });
      if (v !== null && computed !== null && v === computed) c.value = { formula: f, result: v } as ExcelJS.CellFormulaValue;
      else if (v === null && computed === null) c.value = { formula: f } as ExcelJS.CellFormulaValue;
      else c.value = v;
    }
  }
}

/** SUM(A1:B2) over a value lookup; null when every cell of the range is blank. */
export function evalSum(formula: string, value: (addr: string) => number | null): number | null {
  const m = /^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/.exec(formula);
  if (!m) return null;
  const c0 = colIndex(m[1]), r0 = Number(m[2]), c1 = colIndex(m[3]), r1 = Number(m[4]);
  let s = 0;
  let any = false;
  for (let r = r0; r <= r1; r++)
    for (let c = c0; c <= c1; c++) {
      const v = value(address(r, c));
      if (v !== null) {
        s += v;
        any = true;
      }
    }
  return any ? Math.round(s * 1e6) / 1e6 : null;
}

export function colIndex(name: string): number {
  let n = 0;
  for (const ch of name) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function renderWorkbook(r: CanonicalReport, opts?: WorkbookOptions): Promise<Uint8Array> {
  return workbookBytes(await buildWorkbook(r, opts));
}

export async function templateWorkbook(agency: string | null, year: number | null): Promise<Uint8Array> {
  return renderWorkbook(blankReport(agency, year));
}
