/**
 * The three statutory tables: rows matched by their normalised labels in template order,
 * values assigned to columns without ever borrowing a neighbour's number, runs of digits
 * split only where the table's identities make the split unique.
 */
import { SECTIONS, TEMPLATES, cellKeys, outcomeRowKeys, rowDisplayLabel, T3_COLUMN_KEYS, T3_APPLICANT_KEYS, type ColumnDef, type SectionKey, type TableId, type TemplateVersion, type ValueKind } from '../core/template.js';
import type { CellSource, CellValue, ReadIssue, SourcePos, TableInfo } from '../core/types.js';
import { spanText, type Field, type GridPlace } from './fields.js';
import { lexicon, type LexEntry, type Lexicon } from './lexicon.js';
import { headingEnd, type Heading } from './sections.js';
import { enumerateSplits, enumerateWithBlanks, splitAppealsRow, splitPieces, splitRequestsRow } from './split.js';
import { narrowByStatements, statedFigures } from './statements.js';
import { hasWordIn, tokenize, type Cursor, type Token, type ValueToken } from './tokens.js';
import { cutPastShortWording, fuzzyRow, isExactLabel, isLabelPart, onlyLayoutNoise } from './fuzzy.js';
import { charWidth } from '../core/width.js';
import { GARBLED_LABEL, normalizeText, normLabel, readNumber, stripOrdinal } from '../core/normalize.js';

export interface TablesResult {
  cells: Record<string, CellValue>;
  cellSources: Record<string, CellSource>;
  tables: Record<TableId, TableInfo>;
  readIssues: ReadIssue[];
}

interface RowRead {
  entry: LexEntry;
  printed: string;
  labelPos: SourcePos;
  values: ValueToken[];
  /** Field (grid cell, line) the label was read from. */
  field?: number;
  /** Units standing without their figures next to the row's (0件 0件 | 件 件: figures wrapped away from their 件). */
  unitsApart?: string;
}

/** Columns (counted from the row's end) of a laid-out line's figures and of its empty cells. */
interface LineCells {
  fig: Set<number>;
  blank: Set<number>;
}

/** Outcome of reading one row's values. */
type Assigned =
  | { status: 'cells'; cells: (ValueToken | null)[] }
  | { status: 'run'; run: ValueToken }
  | { status: 'ambiguous'; reason: string };

/** The section each table stands in (the template's sections name their tables). */
const SECTION_OF = Object.fromEntries(SECTIONS.flatMap((s) => (s.table ? [[s.table, s.key]] : []))) as Record<TableId, SectionKey>;
const TABLE_NAME: Record<TableId, string> = { t2: '表二（主动公开）', t3: '表三（依申请公开）', t4: '表四（行政复议、行政诉讼）' };

export function extractTables(fields: Field[], headings: Heading[], version: TemplateVersion): TablesResult {
  const out: TablesResult = { cells: {}, cellSources: {}, tables: {} as Record<TableId, TableInfo>, readIssues: [] };
  for (const k of cellKeys(version)) out.cells[k] = null;
  const lex = lexicon(version);
  // Table 四's one row learns from table 三's rows whether edge blanks are spacing.
  // The text of each line (text laid out in columns), to tell figures' display columns.
  const lineText = new Map<number, string>();
  // Visual rows a PDF reader laid out from words (no ruled grid): two labels in one of their cells are no rule's doing.
  const layoutRows = new Set<number>();
  for (const f of fields) if (f.layout) layoutRows.add(f.row);
  for (const f of fields) if (!f.cellLike && f.pos.line !== undefined && f.pos.page === undefined) lineText.set(f.pos.line, f.text);
  const ctx: ReadContext = { spacing: NO_SPACING, lineText, layoutRows, orderAssumed: [] };
  // The prose's stated figures, found once per document when a split asks for them.
  let stated: Map<string, number[]> | undefined;
  const statements = () => (stated ??= statedFigures(fields));
  const bareFigures: Record<TableId, number> = { t2: 0, t3: 0, t4: 0 };
  // Whether table 三 as read shows its text gives figures row by row (set once it is read).
  let rowsShown = false;
  const regions = {} as Record<TableId, [Cursor, Cursor]>;
  for (const table of ['t2', 't3', 't4'] as const) {
    const [from, to] = regionOf(fields, headings, table, lex);
    regions[table] = [from, to];
    const read = (tokens: Token[]) => {
      if (table === 't4') readAppeals(tokens, out, ctx.spacing, rowsShown);
      else readRowTable(table, tokens, version, lex, out, ctx, table === 't2' ? statements : undefined);
    };
    const issues = out.readIssues.length;
    const tokens = tokenize(fields, from, to, lex, table);
    bareFigures[table] = bareFigureCount(tokens);
    read(table === 't2' ? headingsAfterTheirRow(tokens) : table === 't4' ? [...tokens, ...tailAfterNextHeading(fields, headings, lex, table)] : tokens);
    // Not in its section: perhaps after all the text, where a script put every table. What the
    // section gave (nothing, or prose) is dropped and the table read from there instead.
    const own = tableKeys(version, table);
    const figures = own.some((k) => out.cells[k] != null);
    const flagged = out.readIssues.length > issues;
    const after = (out.tables[table].present && figures) || flagged ? null : tableAfterText(fields, headings, lex, table, to);
    if (after) {
      out.readIssues.length = issues;
      for (const k of own) {
        out.cells[k] = null;
        delete out.cellSources[k];
      }
      read(after);
    }
    leftOutByConverter(fields, from, to, table, version, out);
    if (table === 't3') rowsShown = rowsInOrder(out, version, lineText);
  }
  // A table whose rows were all found without one figure, while the next table's section holds
  // far more bare figures than that table has cells: the text put the table's figures after
  // the next heading (pdfminer's text of a browser's PDF: every label, then every figure). Its
  // cells are unreadable, not blank in the report.
  // (The figures may stand further on, after the sections that hold no table: counted from the
  // next table's section to the end of the text.)
  for (const [table, next] of [['t2', 't3'], ['t3', 't4']] as const) {
    const own = tableKeys(version, table);
    if (!out.tables[table]?.present || own.some((k) => out.cells[k] != null)) continue;
    const needed = tableKeys(version, next).length + own.length / 2;
    if (bareFigures[next] < needed) {
      const from = regionOf(fields, headings, next, lex)[0];
      const end: Cursor = { field: fields.length - 1, offset: fields.at(-1)?.norm.length ?? 0 };
      bareFigures[next] = Math.max(bareFigures[next], bareFigureCount(tokenize(fields, from, end, lex, table)));
      if (bareFigures[next] < needed) continue;
    }
    const flagged = new Set(out.readIssues.flatMap((i) => i.cells ?? []));
    const rest = own.filter((k) => !flagged.has(k));
    // Nor are rows whose labels such text wraps past recognition missing from the report.
    out.tables[table].missingRows = [];
    if (rest.length) unreadable(out, rest, undefined, out.tables[table].pos, `${TABLE_NAME[table]}的行名都已读到，但表内没有一个数字，而其后的文字中另有 ${bareFigures[next]} 个单独的数字（转换成文本时表格的数字被移到了后面），无法确定它们所在的单元格，相关单元格按空白处理。`);
  }
  // Table 三 read in few of its rows (the rest unreadable: text whose order the reader could not
  // follow), a row read whole whose total is not its figures' sum is more likely figures of
  // several rows than the report's error: unreadable too, not reported as an error.
  if (out.tables.t3?.present) {
    const flagged = new Set(out.readIssues.flatMap((i) => i.cells ?? []));
    const rows = TEMPLATES[version].t3.rows;
    const lost = rows.filter((r) => flagged.has(`t3.${r.key}.total`) || flagged.has(`t3.${r.key}.naturalPerson`)).length;
    if (lost * 2 >= rows.length)
      for (const r of rows) {
        const keys = T3_COLUMN_KEYS.map((c) => `t3.${r.key}.${c}`);
        const v = keys.map((k) => out.cells[k]);
        if (v.some((x) => x == null) || t3RowAddsUp(out, r.key)) continue;
        unreadable(out, keys, undefined, out.cellSources[keys[0]]?.pos ?? out.tables.t3.pos, `表三（依申请公开）${lost} 行无法可靠读取，这一行“${rowDisplayLabel(r)}”读到的数字（${v.join(' ')}）合计也不相符，可能是几行的数字混在一起，相关单元格按空白处理。`);
        for (const k of keys) delete out.cellSources[k];
      }
  }
  // Table 二's blocks read row by row from figures one to a line: kept only where table 三 shows
  // the text gives a table's figures row by row.
  if (ctx.orderAssumed.length && !rowsShown)
    for (const a of ctx.orderAssumed) {
      for (const k of a.keys) delete out.cellSources[k];
      unreadable(out, a.keys, undefined, a.pos, `表二（主动公开）“${a.printed}”所在一组的数字每个单独一行、印在行名之后，可能是逐行也可能是逐列排列，表内没有可据以确定的勾稽关系，相关单元格按空白处理。`);
    }
  withdrawBlanksWithFiguresLater(fields, lex, regions, out);
  return out;
}

interface ReadContext {
  spacing: EdgeSpacing;
  lineText: Map<number, string>;
  layoutRows: Set<number>;
  /** Table 二 rows read from a block whose figures might as well be column by column. */
  orderAssumed: { keys: string[]; printed: string; pos: SourcePos }[];
}

/**
 * Whether table 三 as read shows its text gives figures row by row: one row with two or more
 * figures other than 0 that add up to its total, or two rows whose total, not 0, is their
 * figures' sum (figures taken column by column would not add up so).
 */
function rowsInOrder(out: TablesResult, version: TemplateVersion, lineText: Map<number, string>): boolean {
  let adding = 0;
  // The next line with text, up or down, holds a figure alone (blank lines passed over).
  const figureBeside = (line: number, step: 1 | -1) => {
    for (let l = line + step, seen = 0; seen < 4 && l > 0; l += step, seen++) {
      const t = lineText.get(l)?.trim();
      if (t) return /^[-+]?\d[\d.,]*$/.test(t);
    }
    return false;
  };
  for (const r of TEMPLATES[version].t3.rows) {
    if (!out.cells[`t3.${r.key}.total`] || !t3RowAddsUp(out, r.key)) continue;
    // A row whose figures stand one to a line shows the order of a block of several rows only
    // when other figures stand right before or after them (a row alone between its label and the
    // next label — 申请数量 | 220 | 0 … | 326 | 二、上年结转… — comes row by row in any order).
    const lines = T3_COLUMN_KEYS.map((c) => out.cellSources[`t3.${r.key}.${c}`]?.pos?.line);
    if (lines.every((l) => l !== undefined) && new Set(lines).size > 1) {
      const ls = lines as number[];
      // Its figures one to a line in the columns' order, no other figure between two of them (a
      // row read down the columns — pdfminer's order, columnsDownEachPart — has the other rows'
      // figures between its own: it shows no row order).
      const figureLine = (l: number) => /^[-+]?\d[\d.,]*$/.test(lineText.get(l)?.trim() ?? '');
      const apart = (a: number, b: number) => {
        for (let l = a + 1; l < b; l++) if (figureLine(l)) return true;
        return false;
      };
      if (ls.some((l, i) => i > 0 && (l <= ls[i - 1] || apart(ls[i - 1], l)))) continue;
      if (!figureBeside(Math.max(...ls), 1) && !figureBeside(Math.min(...ls), -1)) continue;
    }
    if (t3ApplicantKeys(r.key).filter((k) => out.cells[k] !== 0).length >= 2 || ++adding >= 2) return true;
  }
  return false;
}

/** A table 三 row's applicant cell keys, made once per row (each read would otherwise build and intern new key strings). */
const T3_APPLICANT_CELLS = new Map<string, string[]>();
function t3ApplicantKeys(rowKey: string): string[] {
  let keys = T3_APPLICANT_CELLS.get(rowKey);
  if (!keys) T3_APPLICANT_CELLS.set(rowKey, (keys = T3_APPLICANT_KEYS.map((c) => `t3.${rowKey}.${c}`)));
  return keys;
}

/** Whether a table 三 row as read has every cell and its six applicant figures add up to its total. */
function t3RowAddsUp(out: TablesResult, rowKey: string): boolean {
  const v = t3ApplicantKeys(rowKey).map((k) => out.cells[k]);
  const total = out.cells[`t3.${rowKey}.total`];
  return total != null && v.every((x) => x != null) && v.reduce<number>((a, b) => a + b!, 0) === total;
}

/** Figures standing alone (not in a sentence, not a page number). */
function bareFigureCount(tokens: Token[]): number {
  return tokens.filter((t) => t.type === 'value' && t.kind === 'number' && !t.embedded && !PAGE_NUMBER.test(t.raw.trim())).length;
}

/** What a converter prints where it left a table out (pandoc's plain text of a table too wide). */
const TABLE_PLACEHOLDER = /^\s*[[【［](?:TABLE|table|Table|表格|表)[\]】］]\s*$/;

/**
 * A table the converter left out, a placeholder in its place: the report has the table, the text
 * has none of it. Its cells are unreadable, not missing — the report is not at fault.
 */
function leftOutByConverter(fields: Field[], from: Cursor, to: Cursor, table: TableId, version: TemplateVersion, out: TablesResult): void {
  const own = tableKeys(version, table);
  const info = out.tables[table];
  if (info?.present && (info.missingRows?.length ?? 0) === 0) return;
  let at: Field | undefined;
  for (let i = from.field; i <= Math.min(to.field, fields.length - 1) && !at; i++) if (TABLE_PLACEHOLDER.test(fields[i].text)) at = fields[i];
  if (!at) return;
  const blank = own.filter((k) => out.cells[k] == null && !out.readIssues.some((r) => r.cells?.includes(k)));
  out.tables[table] = { ...(info ?? { extraRows: [], labelVariants: {} }), present: true, pos: info?.pos ?? at.pos, missingRows: [] };
  if (blank.length) unreadable(out, blank, undefined, at.pos, `${TABLE_NAME[table]}在这份文件里只剩下转换工具留下的占位符“${at.text.trim()}”（表格太宽，转换时被省略），表中数字无法读取，相关单元格按空白处理。请改用原始网页、PDF 或 Word 版本核对。`);
}

const before = (a: Cursor, b: Cursor) => a.field < b.field || (a.field === b.field && a.offset < b.offset);

/**
 * A figure standing alone later in the text than a table (a line or cell holding only a count,
 * outside the regions of the tables that follow): a converter may have moved one of the table's
 * figures there (plain pdftotext of a browser's PDF: table 四's 15th “0” after section 五's
 * prose). Where there is one, a row read a figure short is not known to hold a blank: its cells
 * stay unreadable, but the reader no longer claims a blank among them (no cell-missing).
 */
function withdrawBlanksWithFiguresLater(fields: Field[], lex: Lexicon, regions: Record<TableId, [Cursor, Cursor]>, out: TablesResult): void {
  const claims = out.readIssues.filter((i) => i.blanks && i.cells?.length);
  if (claims.length === 0 || fields.length === 0) return;
  const end: Cursor = { field: fields.length - 1, offset: fields.at(-1)!.norm.length };
  const loneLater = new Map<TableId, boolean>();
  const lone = (table: TableId): boolean => {
    let known = loneLater.get(table);
    if (known !== undefined) return known;
    // The stretches after the table's region, less the regions of the tables read from them.
    let from = regions[table][1];
    const stretches: [Cursor, Cursor][] = [];
    for (let next = NEXT_TABLE[table]; next; next = NEXT_TABLE[next]) {
      const [a, b] = regions[next];
      if (!before(from, b)) continue;
      if (before(from, a)) stretches.push([from, a]);
      if (before(from, b)) from = b;
    }
    stretches.push([from, end]);
    known = stretches.some(([a, b]) =>
      tokenize(fields, a, b, lex, table).some(
        (t) => t.type === 'value' && t.kind === 'number' && !t.embedded && Number.isInteger(t.value) && t.value >= 0 && !PAGE_NUMBER.test(t.raw.trim()) && !/[\d.．]\s*[、.．]/.test(t.raw),
      ),
    );
    loneLater.set(table, known);
    return known;
  };
  for (const i of claims) {
    const table = i.cells![0].slice(0, 2) as TableId;
    if (!(table in regions) || !lone(table)) continue;
    delete i.blanks;
    i.message = i.message.replace(/（有[^）]*空白）/, '') + '其后的文字中另有单独的数字，可能是表中的数字在转换成文本时被移到了后面，因此不能断定这里有空白单元格。';
  }
}

/** A table's cell keys in a template (the same frozen array each time). */
const TABLE_KEYS = new Map<string, string[]>();
function tableKeys(version: TemplateVersion, table: TableId): string[] {
  let keys = TABLE_KEYS.get(version + table);
  if (!keys) TABLE_KEYS.set(version + table, (keys = Object.freeze(cellKeys(version).filter((k) => k.startsWith(`${table}.`))) as string[]));
  return keys;
}

/** The heading that stands last in the document (headings are found in field order, but may wrap). */
const lastHeading = (headings: Heading[]): Heading | null => headings.reduce<Heading | null>((a, h) => (!a || h.field > a.field ? h : a), null);

/** A row label of table 二 or 三; for table 四, a column word of its own (结果维持…), which prose never uses. */
const T4_OWN = /^(结果维持|结果纠正|尚未审结)$/;
const ownRowLabel = (t: Token, table: TableId) => t.type === 'label' && t.entry.table === table && (table === 't4' ? T4_OWN.test(t.entry.pattern) : t.entry.kind === 'row');
const NEXT_TABLE: Record<TableId, TableId | null> = { t2: 't3', t3: 't4', t4: null };

/**
 * A table that is not in its section but after the report's text (a script that wrote the
 * paragraphs first and then the tables, as python-docx's `document.tables` gives them): the
 * tokens after the last heading, from the table's first own label to the next table's first.
 */
function tableAfterText(fields: Field[], headings: Heading[], lex: Lexicon, table: TableId, regionEnd: Cursor): Token[] | null {
  const last = lastHeading(headings);
  if (!last || fields.length === 0) return null;
  const from = headingEnd(last);
  // Only text after the table's own section (never the section again, cut another way).
  if (from.field < regionEnd.field || (from.field === regionEnd.field && from.offset < regionEnd.offset)) return null;
  const all = tokenize(fields, from, { field: fields.length - 1, offset: fields.at(-1)!.norm.length }, lex, table);
  const first = all.findIndex((t) => ownRowLabel(t, table));
  if (first < 0) return null;
  // Back to the table's header words just before its first row.
  let start = first;
  while (start > 0 && all[start - 1].type === 'label' && (all[start - 1] as { entry: LexEntry }).entry.table === table) start--;
  const next = NEXT_TABLE[table];
  const stop = next ? all.findIndex((t, k) => k > first && t.type === 'label' && t.entry.table === next) : -1;
  return all.slice(start, stop < 0 ? undefined : stop);
}

/**
 * Where the report's text ends when its tables all follow it (tableAfterText): the first
 * table cell after the last heading that starts with a row label, when no section before holds
 * one. The fields before it are the text (its 落款 and date last); null when the tables are in
 * their sections.
 */
export function textEndBeforeTables(fields: Field[], headings: Heading[], version: TemplateVersion): number | null {
  const last = lastHeading(headings);
  if (!last) return null;
  const lex = lexicon(version);
  const startsWithRow = (f: Field) => {
    if (!f.cellLike || f.norm.length === 0) return false;
    lex.sticky.lastIndex = 0;
    const m = lex.sticky.exec(f.norm);
    return !!m && (lex.byPattern.get(m[0]) ?? []).some((e) => e.kind === 'row' && (e.table === 't2' || e.table === 't3'));
  };
  for (let i = 0; i < last.field; i++) if (startsWithRow(fields[i])) return null;
  for (let i = (last.endField ?? last.field) + 1; i < fields.length; i++) if (startsWithRow(fields[i])) {
    // Back to the table's first line (its header cells on the lines just above).
    let j = i;
    while (j - 1 > last.field && fields[j - 1].cellLike) j--;
    return j;
  }
  return null;
}

/**
 * The end of a table that a PDF's reading order gave after the next section's heading (the
 * table's last group on its own flow: 五、存在的主要问题… | 复议后起诉 | 总计 | … | 20 6 18 17 | 总计 | 61):
 * the table's own header words and figures straight after that heading, up to its first prose.
 */
function tailAfterNextHeading(fields: Field[], headings: Heading[], lex: Lexicon, table: 't3' | 't4'): Token[] {
  const i = headings.findIndex((h) => h.key === SECTION_OF[table]);
  const next = i < 0 ? undefined : headings[i + 1];
  if (!next) return [];
  const after = headings[i + 2];
  const end: Cursor = after ? { field: after.field, offset: after.start } : { field: fields.length - 1, offset: fields.at(-1)?.norm.length ?? 0 };
  const from = headingEnd(next);
  if (!figureBeforeSentence(fields, from, end)) return [];
  // Header words broken over lines (其他 | 结果) are no prose; a sentence is.
  const own = (t: Token) => (t.type === 'label' && t.entry.table === table) || t.type === 'value' || (t.type === 'text' && t.raw.trim().length <= 4 && !/[。，；：]/.test(t.raw));
  // Only the tokens up to the first that is not the table's own are read: the section's prose after it is not tokenized.
  const tokens = tokenize(fields, from, end, lex, table, (t) => !own(t));
  if (!tokens[0] || tokens[0].type !== 'label' || !own(tokens[0])) return [];
  const stop = tokens.findIndex((t) => !own(t));
  const tail = stop < 0 ? tokens : tokens.slice(0, stop);
  return tail.some((t) => t.type === 'value' && t.kind === 'number') ? tail : [];
}

/**
 * Whether a figure (a digit or a zero mark) stands in the text before its first sentence mark
 * (。，；：). A table's tail holds a figure before any word with such a mark (its header words
 * have none), so where this is false there is none, and the section's prose (most reports)
 * need not be tokenized to tell.
 */
function figureBeforeSentence(fields: Field[], from: Cursor, to: Cursor): boolean {
  for (let fi = from.field; fi <= to.field && fi < fields.length; fi++) {
    const f = fields[fi];
    const text = spanText(f, fi === from.field ? from.offset : 0, fi === to.field ? to.offset : f.norm.length);
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x3002 || cp === 0xff0c || cp === 0xff1b || cp === 0xff1a) return false; // 。，；：
      if (figureChar(cp, ch)) return true;
    }
  }
  return false;
}

/** Whether a character's NFKC form holds a digit or a zero mark, kept by code point (asked of every character of a section's prose). */
const FIGURE_CHARS = new Map<number, boolean>();
function figureChar(cp: number, ch: string): boolean {
  let v = FIGURE_CHARS.get(cp);
  if (v === undefined) FIGURE_CHARS.set(cp, (v = /[\d\-\/—–―─\\]/.test(ch.normalize('NFKC'))));
  return v;
}

/** From the table's section heading to the next heading; the whole document when it has none. */
function regionOf(fields: Field[], headings: Heading[], table: TableId, lex: Lexicon): [Cursor, Cursor] {
  const i = headings.findIndex((h) => h.key === SECTION_OF[table]);
  const end: Cursor = { field: fields.length - 1, offset: fields.at(-1)?.norm.length ?? 0 };
  if (i >= 0) {
    const h = headings[i];
    const next = headings[i + 1];
    return [headingEnd(h), next ? { field: next.field, offset: next.start } : end];
  }
  // No heading (a converter that keeps only the tables, a heading lost): from the first label
  // only this table has, to the next heading or the first label only the next table has —
  // not the whole text, whose other tables' figures would stand before this one's labels.
  const from = fieldWithOwnLabel(fields, lex, table, 0);
  if (from === undefined) return [{ field: 0, offset: 0 }, end];
  const after = headings.find((h) => h.field > from);
  const nextTable = table === 't2' ? 't3' : table === 't3' ? 't4' : undefined;
  const nextLabel = nextTable ? fieldWithOwnLabel(fields, lex, nextTable, from + 1) : undefined;
  const to = Math.min(after?.field ?? Infinity, nextLabel ?? Infinity);
  return [{ field: from, offset: 0 }, to === Infinity ? end : to === after?.field ? { field: after.field, offset: after.start } : { field: to, offset: 0 }];
}

/** The first field from `start` holding a label (three characters or more) that is this table's and no other's. */
function fieldWithOwnLabel(fields: Field[], lex: Lexicon, table: TableId, start: number): number | undefined {
  for (let fi = start; fi < fields.length; fi++) {
    const norm = fields[fi].norm;
    if (!hasWordIn(norm, 0, norm.length)) continue;
    lex.regex.lastIndex = 0;
    for (let m = lex.regex.exec(norm); m; m = lex.regex.exec(norm)) {
      const entries = lex.byPattern.get(m[0]) ?? [];
      // (Three characters at least: a two-character word — 结果 of 年度办理结果 as OCR read it — is too common to mark a table.)
      if (m[0].length >= 3 && entries.length && entries.every((e) => e.table === table && e.kind !== 'section')) return fi;
      // (Past the whole label: 结果 inside 三、本年度办理结果 is no label of table 四's.)
      lex.regex.lastIndex = m.index + m[0].length;
    }
  }
  return undefined;
}

/** Units alone on their line or cell, parted by spaces (件 件 件). */
const LONE_UNITS = /^(?:件|万元|项)(?:[\s\u00a0\u3000]+(?:件|万元|项))*$/;

/** A stretch of the token stream that starts at a row label or at unrecognised words. */
interface Segment {
  /** Visual row of the label (grid tables: the table row). */
  row?: number;
  /** Visual row of the last token taken. */
  lastRow?: number;
  entry?: LexEntry;
  printed: string;
  labelPos: SourcePos;
  values: ValueToken[];
  /** Matched by similarity, not by the lexicon. */
  fuzzy?: boolean;
  /** Started by words filling a table cell. */
  cell?: boolean;
  /** The whole cell's normalised text, when the words were only part of it. */
  whole?: string;
  /** Taken into the wrapped label above it. */
  joined?: boolean;
  /** Field (grid cell, line) of a lexicon label. */
  field?: number;
  /** Figures with no label before them. */
  orphan?: boolean;
  /** Units without figures among the row's (see RowRead). */
  unitsApart?: string;
  /** A piece of a group label printed down the side (never part of a row label). */
  side?: boolean;
  /** Words after such a piece on its line: their column in the text is not the column they stand in. */
  anyColumn?: boolean;
}

interface CollectedRows {
  rows: RowRead[];
  /** Unrecognised or out-of-order labels with figures: where a template row is missing, its figures may be here. */
  strays: { seg: Segment; at: number }[];
  /** Position of each chosen row in the segment order. */
  positions: Map<string, number>;
  segs: Segment[];
}

/**
 * Rows of a table from its token stream. Any words that are no label of this table end the
 * current row, so figures are never carried over to the row above. A deviating label is
 * matched by similarity. Then the rows are chosen as the heaviest sequence in template
 * order (rows with figures weigh most): prose that names a row (予以公开5件), a repeated
 * header or a stray label can never push the table's real rows out.
 */
function collectRows(tokens: Token[], table: 't2' | 't3', lex: Lexicon, lineText: Map<number, string>): CollectedRows {
  const segs: Segment[] = [];
  let cur: Segment | null = null;
  // A header word just before unknown words may be the start of a misprinted label
  // (其他 | 法律行政止公开): kept to compare the two together.
  let headerWord: string | null = null;
  let headerTok: Token | null = null;
  let sawTableLabel = false;
  // A header word just taken into the words of the segment before it, and where it ended.
  let mergedHeader = null as { seg: Segment; line: number; end: number } | null;
  for (const t of tokens) {
    const prevHeader = headerWord;
    const prevHeaderTok = headerTok;
    headerWord = t.type === 'label' && t.entry.kind === 'header' ? t.printed : null;
    headerTok = headerWord ? t : null;
    const last = segs.at(-1);
    const joinedHeader = mergedHeader;
    mergedHeader = null;
    // Words right after a header word taken into a label's words (不计其他 | 情形）): the rest of them.
    if (t.type === 'text' && joinedHeader && cur && cur === joinedHeader.seg && !t.cell && t.pos.line === joinedHeader.line && t.pos.column !== undefined && Math.abs(t.pos.column - joinedHeader.end) <= 2) {
      cur.printed += t.raw.trim();
      continue;
    }
    // A header word inside a label's words on one line (形，不计|其他|情形）): part of the label.
    if (t.type === 'text' && prevHeaderTok?.type === 'label' && last && !last.entry && !last.side && !last.cell && !t.cell && last.values.length === 0 && last.labelPos.line !== undefined && last.labelPos.line === prevHeaderTok.pos.line && t.pos.line === last.labelPos.line) {
      last.printed += prevHeaderTok.printed + t.raw.trim();
      cur = last;
      continue;
    }
    if (t.type === 'label') {
      // A header word run into a label's words on their line (的，只计这一情形，不计|其他|, then
      // the row's figures, or a line break, or the rest of the words): part of the words.
      if (t.entry.kind === 'header' && cur && !cur.entry && !cur.cell && !cur.side && !cur.orphan && cur.values.length === 0 && cur.labelPos.line !== undefined && cur.labelPos.line === t.pos.line && cur.labelPos.column !== undefined && cur.labelPos.column + (cur.labelPos.length ?? 0) === t.pos.column) {
        cur.printed += t.printed;
        cur.labelPos = { ...cur.labelPos, length: (cur.labelPos.length ?? 0) + (t.pos.length ?? 0) };
        headerWord = null;
        headerTok = null;
        mergedHeader = { seg: cur, line: t.pos.line!, end: t.pos.column! + (t.pos.length ?? 0) };
        continue;
      }
      if (t.entry.table === table) sawTableLabel = true;
      cur = t.entry.kind === 'row' && t.entry.table === table ? { entry: t.entry, printed: t.printed, labelPos: t.pos, values: [], row: t.row, lastRow: t.row, field: t.field } : null;
      if (cur) segs.push(cur);
    } else if (t.type === 'text' && cur?.entry && !t.cell && LONE_UNITS.test(t.raw.trim())) {
      // Units with no figure before them, among a row's figures (a figure wrapped in its narrow
      // cell away from its 件): the row's figures are not all where they seem.
      cur.unitsApart = t.raw.trim();
    } else if (t.type === 'text') {
      // A cell whose words only partly matched (a header word inside a misprinted label:
      // 2.其他法律行政止公开) is compared whole.
      cur = { printed: t.raw.trim(), labelPos: t.pos, values: [], cell: t.cell, whole: t.whole ?? (prevHeader ? normalizeText(prevHeader + t.raw) : undefined) };
      if (t.side === 'piece') cur.side = true;
      else if (t.side === 'after') cur.anyColumn = true;
      // A header word starting a label's words on a line of text (2.其他 | 法律, 其他 | 情形）):
      // one piece of the label, in the header word's column.
      else if (prevHeaderTok?.type === 'label' && !t.cell && prevHeaderTok.pos.line !== undefined && prevHeaderTok.pos.line === t.pos.line && prevHeaderTok.pos.column !== undefined && prevHeaderTok.pos.column + (prevHeaderTok.pos.length ?? 0) === t.pos.column) {
        cur.printed = prevHeaderTok.printed + cur.printed;
        cur.labelPos = { ...prevHeaderTok.pos, length: (prevHeaderTok.pos.length ?? 0) + (t.pos.length ?? 0) };
      }
      segs.push(cur);
    } else if (!cur) {
      // Figures after a heading or header words, before any row label (a PDF's text in its
      // drawing order): no row's, but kept as left-over figures so nothing reads as blank.
      if (t.kind !== 'blank' && sawTableLabel && !PAGE_NUMBER.test(t.raw.trim())) {
        cur = { printed: t.raw.trim(), labelPos: t.pos, values: [t], orphan: true };
        segs.push(cur);
      }
    } else {
      // An empty grid cell on another table row than the label is a spanned cell's gap
      // (Markdown `| | 2.重复申请 |`), not one of this row's cells.
      if (t.kind === 'blank' && t.grid && cur.row !== undefined && t.row !== cur.row) continue;
      // Nor is one after an empty line: in text copied from Word, rows end at an empty line.
      if (t.kind === 'blank' && !t.grid && !t.spaced && t.row > (cur.lastRow ?? t.row) + 1) continue;
      // Nor, when the row's figures stand on its label's line (tab-separated rows), an empty
      // cell of a later line: that is the next row's indentation or spanned label column.
      if (t.kind === 'blank' && !t.grid && cur.row !== undefined && t.row !== cur.row && cur.values.some((v) => v.row === cur!.row && v.kind !== 'blank')) continue;
      cur.values.push(t);
      cur.lastRow = t.row;
    }
  }
  joinWrappedLabels(segs, table, lex, lineText);
  rowsSplitOverTwoLines(segs, table, lex, lineText);
  figuresAboveLabels(segs, table, lex);
  figuresGluedToAVariant(segs, table, lex);
  for (const s of segs) {
    if (s.entry || s.orphan || s.values.length === 0) continue;
    // (A cell holding the group labels too, as a converter joins them: 三、本年度办理结果 （三）不予公开 2.其他法律行政止公开:
    // its own words are the label, when the whole cell names no row.)
    const printedNorm = normalizeText(s.printed);
    const whole = s.whole && !fuzzyRow(lex, table, s.whole) ? withoutGroupLabels(s.whole, lex) : s.whole;
    const e = fuzzyRow(lex, table, printedNorm) ?? (whole ? fuzzyRow(lex, table, whole) : undefined) ?? labelAmidLayout(printedNorm, table, lex);
    // Never a row whose printed words hold another row's whole label ((一)予以公开(二)部分公开(区分:
    // two rows' labels run together where a layout lost the line between them).
    if (e && !namesAnotherRow(printedNorm, e, table, lex)) {
      if (whole) s.printed = whole;
      s.entry = { ...e, variant: true };
      s.fuzzy = true;
    }
  }
  const cand = segs.map((s, at) => ({ s, at })).filter((c) => c.s.entry);
  const weight = (s: Segment) => (countNonBlank(s.values) > 0 ? 3 : s.values.length > 0 ? 1 : 0.5) - (s.fuzzy ? 0.5 : 0);
  const best: number[] = [];
  const from: number[] = [];
  const w = cand.map((c) => weight(c.s)); // each segment's weight, once (the search below is quadratic)
  cand.forEach((c, i) => {
    best[i] = w[i];
    from[i] = -1;
    for (let j = 0; j < i; j++)
      if (cand[j].s.entry!.index! < c.s.entry!.index! && best[j] + w[i] > best[i]) {
        best[i] = best[j] + w[i];
        from[i] = j;
      }
  });
  let end = -1;
  best.forEach((b, i) => {
    if (end < 0 || b > best[end]) end = i;
  });
  const chosen = new Set<number>();
  for (let i = end; i >= 0; i = from[i]) chosen.add(i);
  const rows: RowRead[] = [];
  const positions = new Map<string, number>();
  cand.forEach((c, i) => {
    if (!chosen.has(i)) return;
    rows.push({ entry: c.s.entry!, printed: c.s.printed, labelPos: c.s.labelPos, values: c.s.values, field: c.s.field, unitsApart: c.s.unitsApart });
    positions.set(c.s.entry!.rowKey!, c.at);
  });
  const chosenAt = new Set([...positions.values()]);
  const strays = segs
    .map((seg, at) => ({ seg, at }))
    .filter(({ seg, at }) => !chosenAt.has(at) && ((nonBlank(seg.values).length > 0 && (seg.cell || seg.entry || seg.orphan || seg.values.length >= 2 || seg.values.some(isRun))) || holdsFigures(seg)));
  return { rows, strays, positions, segs };
}

/**
 * Labels wrapped over several lines in text laid out in columns (a PDF's text saved with
 * its layout): fragments starting in the same column on nearby lines, with the row's
 * figures beside one of them, are one label when together they name a row. Fragments of
 * another column in between (a group label wrapped alongside) are passed over.
 */
/** An ordinal right after other words (密2.其他…, …数量二.上年结转…): labels of two rows run together by a layout, no misprint of the report's. (After a bracket it may be a header note's end: 和）2.其他….) */
const INNER_ORDINAL = /[\u4e00-\u9fff”"](?:[1-9]\d?[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[.、])/;
const LABEL_ORDINAL = /^(?:[1-9]\d?[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[.、])/;

/** Words that are a piece of a group label printed down the side (开, 予公, 三、本), at most `max` characters. */
function groupPiece(s: Segment, lex: Lexicon, max: number): boolean {
  const norm = normalizeText(s.printed);
  return norm.length <= max && lex.sides.some((g) => g.includes(norm));
}

function joinWrappedLabels(segs: Segment[], table: TableId, lex: Lexicon, lineText: Map<number, string>): void {
  const isFragment = (s: Segment) => !s.entry && !s.cell && !s.orphan && !s.side && s.labelPos.line !== undefined && s.labelPos.column !== undefined && !s.joined;
  // A row label found with nothing after it may be the first line of a longer wording
  // ((二)部分公开 | （区分处理的， | 只计这一情形， …): it is the head of a chain too, joined only
  // into its own row's full wording.
  const isCarrier = (s: Segment) => !!s.side && nonBlank(s.values).length > 0 && s.labelPos.line !== undefined && !s.joined;
  const isBareLabel = (s: Segment) => !!s.entry && !s.fuzzy && !s.cell && s.values.length === 0 && s.labelPos.line !== undefined && s.labelPos.column !== undefined;
  const isGroupPiece = (s: Segment) => groupPiece(s, lex, 3);
  for (let i = 0; i < segs.length; i++) {
    const head = segs[i];
    const bare = isBareLabel(head);
    if (!isFragment(head) && !bare) continue;
    // The chain: same column, each within three lines of the last, stopping at a known label.
    // Words after a side label's piece stand in the column of the rest, whatever their text column.
    const chain = [head];
    let column = head.anyColumn ? undefined : head.labelPos.column!;
    let columnLine = head.anyColumn ? undefined : head.labelPos.line!;
    // In the same column by characters, or by display width (a wide side piece before it on
    // one line and a narrower one on another: 本年 （二）… | 果    其他情形）).
    const sameColumn = (s: Segment) => {
      if (Math.abs(s.labelPos.column! - column!) <= 1) return true;
      const a = spanOf(columnLine!, column!, 1, lineText);
      const b = spanOf(s.labelPos.line!, s.labelPos.column!, 1, lineText);
      return !!a && !!b && Math.abs(a.from - b.from) <= 1;
    };
    for (let j = i + 1; j < segs.length && chain.filter((s) => !isCarrier(s)).length < 12; j++) {
      const s = segs[j];
      if (s.entry) break;
      // A side label's piece with figures after it on its line (理   4 0 0 … between the lines
      // of 4.无正当理由大量反 | 复申请): the figures may be this label's, set beside its middle.
      if (isCarrier(s) && s.labelPos.line! - chain.at(-1)!.labelPos.line! <= 2 && !chain.some(isCarrier)) {
        chain.push(s);
        continue;
      }
      if (!isFragment(s)) continue;
      if (s.labelPos.line! - chain.at(-1)!.labelPos.line! > 3) break;
      // A fragment starting with an ordinal starts the next label.
      if (LABEL_ORDINAL.test(normalizeText(s.printed))) break;
      if (s.anyColumn) chain.push(s);
      // After a head whose column the text does not show, a piece of a group label (开, 予公)
      // is not what fixes the column of the rest.
      else if (column === undefined && isGroupPiece(s)) continue;
      else if (column === undefined || sameColumn(s)) {
        if (column === undefined) {
          column = s.labelPos.column!;
          columnLine = s.labelPos.line!;
        }
        chain.push(s);
      }
    }
    if (chain.length < 2) continue;
    // The longest prefix of the chain that names a row exactly, else the longest that names
    // one at all, with figures on exactly one fragment.
    const prefixes: { part: Segment[]; printed: string; e: LexEntry; exact: boolean }[] = [];
    for (let n = chain.length; n >= 2; n--) {
      const part = chain.slice(0, n);
      if (part.filter((s) => nonBlank(s.values).length > 0).length !== 1) continue;
      // Figures beside a side piece belong to a label wrapped around them: words above and below.
      if (isCarrier(part.at(-1)!)) continue;
      const printed = part.filter((s) => !isCarrier(s)).map((s) => s.printed).join('');
      const e = fuzzyRow(lex, table, normalizeText(printed));
      if (e && (!bare || e.rowKey === head.entry!.rowKey)) prefixes.push({ part, printed, e, exact: isExactLabel(normalizeText(printed), e) });
    }
    if (bare && !prefixes.some((p) => p.exact)) continue;
    // Words whose column the text does not show are joined only into a label they spell exactly.
    // A head with its figures that names a row on its own, cut where it wrapped, the rest after a
    // side label's piece (2.没有现成信息需要另 0 0 … | 法提供   外制作): joined when the whole names the
    // same row — the row and its figures are the head's either way; what the whole says is its
    // printed wording (需要另外制作: a label-variant).
    const own = !bare && nonBlank(head.values).length > 0 ? fuzzyRow(lex, table, normalizeText(head.printed)) : undefined;
    const completed = own && prefixes.find((p) => p.e.rowKey === own.rowKey && !p.part.some(isCarrier) && p.part.slice(1).every((s) => nonBlank(s.values).length === 0));
    const pick = prefixes.find((p) => p.exact) ?? prefixes.find((p) => !p.part.some((s) => s.anyColumn || isCarrier(s))) ?? completed;
    if (pick) {
      const { part, printed, e, exact } = pick;
      // (Exact but for punctuation — 信访、举报、投诉类申请 — is a variant too: the rows' checks below
      // compare punctuation and leave what a layout did.)
      head.entry = exact && stripOrdinal(normalizeText(printed)).rest === e.pattern ? e : { ...e, variant: true };
      head.fuzzy = !exact;
      head.printed = printed;
      head.values = part.flatMap((s) => s.values);
      for (const s of part.slice(1)) {
        s.values = [];
        s.joined = true;
      }
    }
  }
}

/**
 * Words no label matched with the row's figures glued to their end (a crawler's text of a
 * table, cells joined without a space: 5.要求行政机关确认或重新出具已获取的信息0000000 — a wording
 * the lexicon does not have): where the words without the figures name a row, the figures are
 * that row's run, to be split by the table's identities like any run.
 */
function figuresGluedToAVariant(segs: Segment[], table: TableId, lex: Lexicon): void {
  for (const s of segs) {
    if (s.entry || s.orphan || s.cell || s.side || s.joined || s.values.length > 0) continue;
    const m = /^(.*[\u4e00-\u9fff”"）)])(\d{2,})$/.exec(s.printed.trim());
    if (!m) continue;
    const words = normalizeText(m[1]);
    const e = fuzzyRow(lex, table, words);
    if (!e || namesAnotherRow(words, e, table, lex)) continue;
    const column = s.labelPos.column !== undefined ? s.labelPos.column + s.printed.indexOf(m[2], m[1].length) : undefined;
    s.printed = m[1];
    s.values = [{ type: 'value', kind: 'number', value: Number(m[2]), raw: m[2], embedded: true, pos: { ...s.labelPos, column, length: m[2].length }, row: s.row ?? s.labelPos.line ?? 0 }];
  }
}

/**
 * A row whose label wraps onto the next line with its figures parted between the two lines
 * ((二)部分公开（区分处理的，只计这一情 0 0 0 0 | 形，不计其他情形）  0 0 0: figures centred in a
 * two-line row, pdftotext -layout putting some on either line): one row, when the two pieces
 * spell its label exactly, the figures together are its columns' count, and every figure of the
 * upper line stands left of every figure of the lower (so their order is the columns').
 */
function rowsSplitOverTwoLines(segs: Segment[], table: TableId, lex: Lexicon, lineText: Map<number, string>): void {
  for (let i = 0; i + 1 < segs.length; i++) {
    const head = segs[i];
    const rest = segs[i + 1];
    // (The upper piece may be found as its row already, or only as words: a label cut short.)
    if (head.joined || head.side || head.orphan || head.cell || rest.entry || rest.joined || rest.side || rest.orphan || rest.cell) continue;
    if (head.labelPos.line === undefined || rest.labelPos.line !== head.labelPos.line + 1 || Math.abs((rest.labelPos.column ?? -9) - (head.labelPos.column ?? 0)) > 1) continue;
    const printed = head.printed + rest.printed;
    const e = fuzzyRow(lex, table, normalizeText(printed));
    if (!e || (head.entry && e.rowKey !== head.entry.rowKey) || !isExactLabel(normalizeText(printed), e)) continue;
    const [a, b] = [figureCount(head.values), figureCount(rest.values)];
    if (a === 0 || b === 0 || a + b !== e.columns!.length || head.values.some((v) => v.kind === 'blank') || rest.values.some((v) => v.kind === 'blank')) continue;
    const upper = head.values.flatMap((v) => figureSpans(v, lineText));
    const lower = rest.values.flatMap((v) => figureSpans(v, lineText));
    if (upper.some((x) => !x) || lower.some((x) => !x) || Math.max(...upper.map((x) => x!.to)) > Math.min(...lower.map((x) => x!.from))) continue;
    head.entry = e;
    head.fuzzy = false;
    head.printed = printed;
    head.values = [...head.values, ...rest.values];
    rest.values = [];
    rest.joined = true;
  }
}

/** Where each figure of a value token stands on its line (a run parted by spaces: each part). */
function figureSpans(v: ValueToken, lineText: Map<number, string>): (Span | undefined)[] {
  if (v.pos.line === undefined || v.pos.column === undefined) return [undefined];
  const parts = v.kind === 'run' && cleanlySpaced(v) ? partsWithColumns(v) : null;
  if (parts) return parts.map((p) => spanOf(v.pos.line!, p.at, p.text.length, lineText));
  return [spanOf(v.pos.line, v.pos.column, v.raw.trim().length, lineText)];
}

/**
 * A row's figures on the line above its one-line label, beside a piece of a group label
 * printed down the side (三、本   9 0 12 … | （一）予以公开; 予公开   5 0 0 … | 2.其他法律…): the row
 * is taller than its label, centred on the side label's lines. They are the label's when the
 * row above already has all its figures, the piece holds exactly one row's, and nothing
 * below the label carries figures of its own before the next label.
 */
function figuresAboveLabels(segs: Segment[], table: TableId, lex: Lexicon): void {
  const isGroupPiece = (s: Segment) => groupPiece(s, lex, 4);
  const isBare = (s: Segment | undefined): s is Segment => !!s && !s.joined && !s.orphan && !s.side && s.values.length === 0 && s.labelPos.line !== undefined;
  for (let i = 1; i + 1 < segs.length; i++) {
    const carrier = segs[i];
    if (carrier.entry || carrier.joined || carrier.orphan || carrier.labelPos.line === undefined || !(carrier.side || isGroupPiece(carrier))) continue;
    // The label: a row label alone on its line, or its wrapped pieces (2.其他法律行政法规禁 | 止公开).
    const first = segs[i + 1];
    if (!isBare(first) || first.labelPos.line !== carrier.labelPos.line + 1 || first.fuzzy) continue;
    const pieces = [first];
    let entry = first.entry;
    if (!entry) {
      for (let j = i + 2; j < segs.length && pieces.length < 4; j++) {
        const s = segs[j];
        if (!isBare(s) || s.entry || s.labelPos.line !== pieces.at(-1)!.labelPos.line! + 1 || Math.abs((s.labelPos.column ?? -9) - (first.labelPos.column ?? 0)) > 1) break;
        pieces.push(s);
      }
      const printed = pieces.map((s) => s.printed).join('');
      const e = fuzzyRow(lex, table, normalizeText(printed));
      if (!e || !isExactLabel(normalizeText(printed), e)) continue;
      entry = e;
    }
    const n = entry.columns!.length;
    if (figureCount(carrier.values) !== n) continue;
    const above = segs.slice(0, i).reverse().find((s) => s.entry && !s.joined);
    if (!above || figureCount(above.values) !== above.entry!.columns!.length) continue;
    const below = segs[i + 1 + pieces.length];
    if (below && !below.entry && nonBlank(below.values).length > 0 && below.labelPos.line !== undefined && below.labelPos.line <= pieces.at(-1)!.labelPos.line! + 1) continue;
    first.entry = entry;
    first.printed = pieces.map((s) => s.printed).join('');
    first.values = carrier.values;
    for (const s of pieces.slice(1)) s.joined = true;
    carrier.values = [];
    carrier.joined = true;
  }
}

/**
 * Text whose figures lag behind their labels (a PDF's text where a row's last figure is put on
 * the next label's line, or a row's figures below the next label): the figures after a label
 * are then partly, or wholly, the row above's. Two signs, in text that is not a table grid:
 * - rows one figure short and rows one over in the same table (each row giving its last figure
 *   to the next): every row read from the text is suspect, since a row can come out with the
 *   right count made of two rows' figures;
 * - a row with no figures at all followed by a row whose figures stand on a later line than its
 *   label: those figures may be the empty row's. Both rows are suspect.
 */
function figureLag(rows: RowRead[], tokens: Token[], grid: boolean, order: string[], lineText: Map<number, string>): Map<RowRead, string> {
  const out = new Map<RowRead, string>();
  if (grid) return out;
  const plain = (r: RowRead) => r.values.every((v) => v.kind !== 'run' || cleanlySpaced(v));
  const short = rows.filter((r) => plain(r) && figureCount(r.values) === r.entry.columns!.length - 1).length >= 2;
  const over = rows.filter((r) => plain(r) && figureCount(r.values) === r.entry.columns!.length + 1).length >= 2;
  if (short && over) {
    for (const r of rows) if (r.values.length) out.set(r, '表中有的行少一个数字、有的行多一个数字，数字与行名错位');
    return out;
  }
  // A row's worth of figures before the first row label (after the header): the text puts each
  // row's figures before its label, so the figures after a label are the next row's.
  // (The first row the table reads, not a row's words in the prose above it: …继续办理29 | 件。)
  const firstRow = rows[0] ? tokens.findIndex((t) => t.pos === rows[0].labelPos) : -1;
  const before = firstRow < 0 ? 0 : figureCount(tokens.slice(0, firstRow).filter((t): t is ValueToken => t.type === 'value' && !(t.kind === 'number' && t.embedded) && !isProseFigure(t)));
  if (rows[0] && before >= rows[0].entry.columns!.length - 1 && rows[0].entry.columns!.length > 1) {
    for (const r of rows) if (r.values.length) out.set(r, '表中第一行行名之前已有一整行数字，各行的数字印在行名之前，行名之后的数字属于下一行');
    return out;
  }
  // (Only in text that puts a row's figures on its label's line: copied from Word, every cell
  // stands on a line of its own, and a group heading read as a row — （六）其他处理 — has none.)
  // Rows whose figures mostly stand off their labels' lines, in text laid out in columns.
  let laidOutApart = false;
  const withFigures = rows.filter((r) => nonBlank(r.values).length > 0);
  const onLabelLine = withFigures.filter((r) => nonBlank(r.values)[0].pos.line === r.labelPos.line).length;
  if (onLabelLine < 0.8 * withFigures.length) {
    // Labels stacked without figures, then a row with figures below its label (text that gives a
    // table's labels as one block and its figures as others, column by column — pdfminer's text
    // of a PDF): those figures are no more this row's than the rows' above. One row without
    // figures may be a group heading read as a row, or a row left blank; two in a row are not.
    // (Only a row with its full count of figures, which would be read whole: a row short of
    // figures goes to the readings that the table's identities settle.)
    rows.forEach((r, i) => {
      if (r.values.length === 0 || i < 2 || figureCount(r.values) !== r.entry.columns!.length) return;
      const above = rows.slice(0, i).reverse();
      const stacked = above.findIndex((a) => a.values.length > 0 || a.entry.optional);
      if ((stacked < 0 ? above.length : stacked) >= 2) out.set(r, `上面${stacked < 0 ? above.length : stacked}行的行名连在一起、都没有数字，而这一行的数字印在行名之下，可能是上面几行的`);
    });
    // Text that puts every cell on a line of its own (copied from Word) stops here: each row's
    // figures stand below its label there. A layout with a row's figures on one line (a browser's
    // PDF through pdftotext -layout: labels at a row's top, figures centred, many labels wrapped)
    // goes on to the lag below.
    if (!rows.some((r) => figuresShareLine(r.values))) return out;
    laidOutApart = true;
  }
  // A label that goes on below its row's figures (1.属于国家秘 | 8 0 0 … | 密: the figures centred
  // in a row whose label wraps) holds them: they are that row's, not the row above's.
  const heldByLabel = (j: number) => labelGoesOnBelowFigures(rows[j], rows[j + 1], tokens, lineText);
  rows.forEach((r, i) => {
    const next = rows[i + 1];
    if (r.values.length > 0 || r.entry.optional || !next || next.values.length === 0 || out.has(next)) return;
    if (!figuresBelowLabel(next) || (laidOutApart && heldByLabel(i + 1))) return;
    out.set(next, `上一行“${r.printed}”没有读到数字，而这一行的数字印在行名之下，可能是上一行的`);
    // The lag runs on: each row after it whose figures also stand below its label may hold the
    // figures of the row above it, until a row's figures stand on its own label's line or
    // inside its label.
    for (let j = i + 2; j < rows.length && rows[j].values.length > 0 && figuresBelowLabel(rows[j]) && !heldByLabel(j) && !out.has(rows[j]); j++) {
      out.set(rows[j], `上面几行的数字与行名错位（“${r.printed}”一行没有读到数字），这一行的数字印在行名之下，可能是上一行的`);
    }
  });
  // The same where the row above was not read at all (its label lost among a group label's
  // pieces) and this row's figures stand alone on a line below its label: in a layout that
  // tops labels and centres figures, they may be the lost row's (a browser's PDF through
  // pdftotext -layout: 2.没有现成… | 3.补正后… | figures | 办理结果 figures).
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    if (!prev || out.has(r) || r.values.length === 0 || r.labelPos.line === undefined) return;
    const lost = order.slice(order.indexOf(prev.entry.rowKey!) + 1, order.indexOf(r.entry.rowKey!));
    if (!lost.length) return;
    const first = nonBlank(r.values)[0];
    if (!first || first.pos.line === undefined || first.pos.line <= r.labelPos.line) return;
    const wordsBefore = tokens.some((t) => t.type !== 'value' && t.pos.line === first.pos.line && (t.pos.column ?? 0) < (first.pos.column ?? 0));
    if (!wordsBefore) out.set(r, `上一行没有读到，而这一行的数字单独印在行名之下，可能是上一行的`);
  });
  return out;
}

/** Whether a row's first figure stands on a line below its label's. */
function figuresBelowLabel(r: RowRead): boolean {
  const first = nonBlank(r.values)[0];
  return !!first && first.pos.line !== undefined && r.labelPos.line !== undefined && first.pos.line > r.labelPos.line;
}

/**
 * Whether words stand below a row's first figure, before the next row's label, where the row's
 * label starts (±2 display columns): the label wraps around its figures.
 */
function labelGoesOnBelowFigures(r: RowRead, next: RowRead | undefined, tokens: Token[], lineText: Map<number, string>): boolean {
  const first = nonBlank(r.values)[0];
  const at = r.labelPos;
  if (!first || first.pos.line === undefined || at.line === undefined || at.column === undefined) return false;
  const x = displayColumnAt(at.line, at.column, lineText);
  if (x === undefined) return false;
  const end = next?.labelPos.line ?? Infinity;
  return tokens.some((t) => {
    if (t.type === 'value' || t.pos.line === undefined || t.pos.column === undefined || t.pos.line <= first.pos.line! || t.pos.line >= end) return false;
    const tx = displayColumnAt(t.pos.line, t.pos.column, lineText);
    return tx !== undefined && Math.abs(tx - x) <= 2;
  });
}

/** The display column (a CJK character takes two) of a 1-based text column on a line. */
function displayColumnAt(line: number, column: number, lineText: Map<number, string>): number | undefined {
  const text = lineText.get(line);
  return text === undefined ? undefined : lineColumns(line, text, lineText)[Math.min(column - 1, text.length)];
}

/** Each line's display columns, worked out once per document (the lines of `lineText`). */
const LINE_COLUMNS = new WeakMap<Map<number, string>, Map<number, Uint32Array>>();
function lineColumns(line: number, text: string, lineText: Map<number, string>): Uint32Array {
  let byLine = LINE_COLUMNS.get(lineText);
  if (!byLine) LINE_COLUMNS.set(lineText, (byLine = new Map()));
  let at = byLine.get(line);
  if (!at) byLine.set(line, (at = displayColumns(text)));
  return at;
}

/** Whether two of a row's figures stand on one line (a layout's row, not a cell per line). */
function figuresShareLine(values: ValueToken[]): boolean {
  const lines = new Set<number>();
  for (const v of values) {
    if (v.kind === 'blank' || v.pos.line === undefined) continue;
    if ((v.kind === 'run' && cleanlySpaced(v) && spacedParts(v).length > 1) || lines.has(v.pos.line)) return true;
    lines.add(v.pos.line);
  }
  return false;
}

/** How many figures a row's values hold: a line of figures parted by spaces counts each. */
function figureCount(values: ValueToken[]): number {
  let n = 0;
  for (const v of values) if (v.kind !== 'blank') n += v.kind === 'run' && cleanlySpaced(v) ? spacedParts(v).length : 1;
  return n;
}

/**
 * A row label with pieces of the table's other text run into it (四、结转下年度 | 加第四项之和） |
 * 继续办理: the end of the header's note, repeated at a page top, drawn into the cell): the
 * row whose wording it is once those pieces are set aside — when exactly one row's is.
 */
function labelAmidLayout(norm: string, table: 't2' | 't3', lex: Lexicon): LexEntry | undefined {
  const rows = new Map<string, LexEntry>();
  for (const w of lex.entries) {
    if (w.kind !== 'row' || w.table !== table || w.variant || w.needsContext || rows.has(w.rowKey!)) continue;
    if (norm.length > w.pattern.length && onlyLayoutNoise(norm, w.pattern, w.ordinal, lex.layoutWords[table]) && norm.replace(/[^\u4e00-\u9fff]/g, '').includes(w.pattern.replace(/[^\u4e00-\u9fff]/g, '').slice(0, 4))) rows.set(w.rowKey!, w);
  }
  return rows.size === 1 ? [...rows.values()][0] : undefined;
}

const CJK_ONLY = /[^\u4e00-\u9fff]/g;
const ROW_WORDS = new Map<string, { rowKey: string; words: string }[]>();
/** Whether a printed label holds the whole wording (four characters or more) of a row other than `e`'s, one that `e`'s own wording does not contain. */
function namesAnotherRow(norm: string, e: LexEntry, table: TableId, lex: Lexicon): boolean {
  const id = `${lex.version}:${table}`;
  let list = ROW_WORDS.get(id);
  if (!list) {
    list = lex.entries.filter((w) => w.kind === 'row' && w.table === table && !w.needsContext).map((w) => ({ rowKey: w.rowKey!, words: w.pattern.replace(CJK_ONLY, '') })).filter((w) => w.words.length >= 4);
    ROW_WORDS.set(id, list);
  }
  const text = norm.replace(CJK_ONLY, '');
  const own = e.pattern.replace(CJK_ONLY, '');
  return list.some((w) => w.rowKey !== e.rowKey && text.includes(w.words) && !own.includes(w.words));
}

/** A cell's text without the group labels written before its row label (三.本年度办理结果(三)不予公开2.其他…). */
function withoutGroupLabels(norm: string, lex: Lexicon): string {
  let rest = norm;
  for (let again = true; again; ) {
    again = false;
    for (const g of lex.sides)
      if (rest.startsWith(g) && rest.length > g.length) {
        rest = rest.slice(g.length);
        again = true;
      }
  }
  return rest;
}

/**
 * Words with figures inside them that were not read as values (a layout the tokenizer did not
 * take apart, a figure with a stray mark): where a row has no figures, they may be its own,
 * so the row is unreadable, never silently blank.
 */
function holdsFigures(seg: Segment): boolean {
  if (seg.entry || seg.joined) return false;
  const p = seg.printed;
  // Figures parted by spaces, or a cell's figure with a stray mark (?0 where a GBK file lost a character).
  return /[\d０-９][\s,，\u3000]+[\d０-９]/.test(p) || (/[\d０-９]/.test(p) && p.replace(/[\d０-９\s.,，、\u3000\u00a0]/g, '').length <= 2 && !/[\u4e00-\u9fff]/.test(p));
}

/** A row's own wordings (label and aliases; with the known deviating ones when asked). */
function wordingsOf(lex: Lexicon, table: TableId, rowKey: string, variants = false): LexEntry[] {
  return lex.entries.filter((e) => e.kind === 'row' && e.table === table && e.rowKey === rowKey && (variants || !e.variant));
}

/** The first of unmatched segments that together spell one of the wordings, when a figure is among their words or values. */
function spelledWithFigures(segs: Segment[], wordings: LexEntry[]): Segment | undefined {
  const free = segs.filter((s) => !s.entry && !s.orphan);
  if (!free.some((s) => /\d/.test(s.printed) || nonBlank(s.values).length > 0)) return undefined;
  const words = free.map((s) => normalizeText(s.printed).replace(CJK_ONLY, '')).join('');
  return wordings.some((e) => words.includes(e.pattern.replace(CJK_ONLY, ''))) ? free[0] : undefined;
}

function nonBlank(v: ValueToken[]): ValueToken[] {
  return v.filter((t) => t.kind !== 'blank');
}

/** nonBlank(v).length, without the array. */
function countNonBlank(v: ValueToken[]): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (v[i].kind !== 'blank') n++;
  return n;
}

/**
 * Columns of a row from its value tokens; blanks stay blank, a short row is never padded
 * from elsewhere. Blanks before the first or after the last figure may be spacing (a gap
 * line, trailing tabs) or empty cells: they are taken as cells only when that is the one
 * way the row fills its width.
 */
/** Whether this document's blanks at a line's edge are spacing: seen on rows that are full without them. */
export interface EdgeSpacing {
  lead: boolean;
  trail: boolean;
}

const NO_SPACING: EdgeSpacing = { lead: false, trail: false };

/** From the rows whose figures fill their width: do their lines carry edge blanks anyway? */
function edgeSpacingOf(rows: { values: ValueToken[]; n: number }[]): EdgeSpacing {
  let full = 0;
  let lead = 0;
  let trail = 0;
  for (const r of rows) {
    if (countNonBlank(r.values) !== r.n) continue;
    full++;
    if (r.values.length && isEdgeBlank(r.values[0])) lead++;
    if (r.values.length && isEdgeBlank(r.values[r.values.length - 1])) trail++;
  }
  return { lead: full > 0 && lead >= 0.5 * full, trail: full > 0 && trail >= 0.5 * full };
}

/** Display column (a Chinese character two wide) where each code unit of a line starts, built once per line. */
function displayColumns(text: string): Uint32Array {
  const at = new Uint32Array(text.length + 1);
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    at[i] = col;
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) {
      at[++i] = col;
    }
    col += charWidth(cp);
  }
  at[text.length] = col;
  return at;
}

/** Two of a row's figures on different lines overlap in their columns. */
function stackedInColumn(values: ValueToken[], lineText: Map<number, string>): boolean {
  const figures = nonBlank(values).filter((v) => v.pos.line !== undefined && v.pos.column !== undefined);
  const perLine = new Map<number, number>();
  for (const v of figures) perLine.set(v.pos.line!, (perLine.get(v.pos.line!) ?? 0) + (v.kind === 'run' && cleanlySpaced(v) ? spacedParts(v).length : 1));
  // Text laid out in columns puts a row's figures side by side on a line; text with a figure
  // per line (a PDF's drawing order) says nothing by its columns.
  if (perLine.size < 2 || ![...perLine.values()].some((n) => n >= 2)) return false;
  const spans = figures.map((v) => spanOf(v.pos.line!, v.pos.column!, v.pos.length ?? v.raw.length, lineText)).filter((x): x is Span => !!x);
  return spans.some((a, i) => spans.some((b, j) => j > i && a.line !== b.line && overlaps(a, b)));
}

/**
 * Whether a grid table's figures stand in its last columns: every row whose figures fill its
 * width has them, one per cell, in the last n columns of its row, and at least two rows show
 * it. Then a row with empty cells can be read by column (an empty cell left by a label's
 * merged cell, split by a converter, is no figure's); a table with another column after the
 * figures (备注) never shows it, and its rows stay read as before.
 */
function figuresInLastColumns(rows: { values: ValueToken[]; n: number }[]): number | null {
  let full = 0;
  let tableWidth: number | null = null;
  for (const r of rows) {
    const figures = nonBlank(r.values);
    if (figures.length !== r.n) continue;
    const places = figures.map(placeOf);
    const width = places[0]?.width ?? 0;
    if (!places.every((p, k) => p && p.span === 1 && p.width === width && p.col === width - r.n + k)) return null;
    // Full rows of different widths: which columns a shorter row lost is not known.
    if (tableWidth !== null && width !== tableWidth) return null;
    tableWidth = width;
    full++;
  }
  return full >= 2 ? tableWidth : null;
}

const placeOf = (v: ValueToken): GridPlace | undefined => (v.kind === 'number' || v.kind === 'blank' ? v.place : undefined);

/** A grid row read by column: the one cell in each of the last n columns, every figure among them. */
export function byLastColumns(values: ValueToken[], n: number, tableWidth?: number): (ValueToken | null)[] | null {
  if (!values.length || !values.every((v) => placeOf(v))) return null;
  const width = placeOf(values[0])!.width;
  // A row narrower than the table's full rows (a Markdown row without its outer pipes lost an
  // empty cell at its end): its last columns are not the table's.
  if (tableWidth !== undefined && width !== tableWidth) return null;
  const cells: (ValueToken | null)[] = [];
  for (let k = 0; k < n; k++) {
    const col = width - n + k;
    const here = values.filter((v) => {
      const p = placeOf(v)!;
      return p.width === width && p.col <= col && col < p.col + p.span;
    });
    if (here.length !== 1 || placeOf(here[0])!.span !== 1) return null;
    cells.push(here[0].kind === 'blank' ? null : here[0]);
  }
  // Every figure is one of them.
  if (nonBlank(values).some((v) => !cells.includes(v))) return null;
  return cells;
}

/** `tableWidth`: the width of the table's full rows when their figures stand in its last columns (`figuresInLastColumns`). */
export function assignValues(values: ValueToken[], n: number, spacing: EdgeSpacing = NO_SPACING, tableWidth: number | null = null): Assigned {
  if (tableWidth !== null) {
    const plain = assignValuesByOrder(values, n, spacing);
    if (plain.status === 'cells') return plain;
    const cells = byLastColumns(values, n, tableWidth);
    if (cells) return { status: 'cells', cells };
    return plain;
  }
  return assignValuesByOrder(values, n, spacing);
}

function assignValuesByOrder(values: ValueToken[], n: number, spacing: EdgeSpacing): Assigned {
  // A cell holding several figures parted by spaces beside other cells (28011 430 | 325 | …):
  // the cells are not the table's columns (a rule between two was not seen), so no empty
  // cell says where a figure stands. The figures, in their order, are the row's cells only
  // when there is exactly one for each column.
  const merged = values.some((v) => v.kind === 'run' && cleanlySpaced(v)) && countNonBlank(values) > 1;
  if (merged) {
    const figures = nonBlank(values).flatMap((v) => (v.kind === 'run' && cleanlySpaced(v) ? spacedParts(v).map((p) => partToken(v, p)) : [v]));
    // An empty cell of its own among or after the figures: the row has its cells, so a cell's
    // figures are not several cells run together (empty cells before them may be a label's).
    const firstFigure = values.findIndex((v) => v.kind !== 'blank');
    const ownBlank = values.slice(firstFigure).some((v) => v.kind === 'blank' && !v.edge);
    const split = !ownBlank && figures.length === n && figures.every((f) => f !== null && f.kind !== 'run');
    // There, with one cell for each column, digits parted by spaces are one figure spread
    // across its cell (分散对齐: `1   3` is 13).
    const spread = values.length === n && ownBlank ? values.map((v) => (v.kind === 'blank' ? null : v.kind === 'run' && cleanlySpaced(v) ? spreadFigure(v) : v)) : null;
    const spreadOk = spread !== null && spread.every((c) => c !== undefined && (c === null || c.kind !== 'run'));
    if (split) return { status: 'cells', cells: figures };
    if (spreadOk) return { status: 'cells', cells: spread as (ValueToken | null)[] };
    return { status: 'ambiguous', reason: `该行的单元格与表格的列对不上（有单元格写着几个数字），共读到 ${figures.length} 个数字，应有 ${n} 列` };
  }
  // Blanks at a line's edge (before the first or after the last figure) are spacing where
  // the document's full rows show them to be; otherwise they count, and the row must fill
  // its width in one way only.
  let start = 0;
  let end = values.length;
  if (spacing.trail) while (end > 0 && isEdgeBlank(values[end - 1])) end--;
  if (spacing.lead) while (start < end && isEdgeBlank(values[start])) start++;
  if (start > 0 || end < values.length) {
    const without = assignWithin(values.slice(start, end), n);
    if (without.status === 'cells') return without;
  }
  return assignWithin(values, n);
}

/** A cell's digits spread across it one by one (`1   3`), as the one figure they spell; undefined when they are not single digits. */
function spreadFigure(run: ValueToken): ValueToken | undefined {
  const parts = spacedParts(run);
  if (parts.length < 2 || !parts.every((p) => /^\d$/.test(p))) return undefined;
  return partToken(run, parts.join('')) ?? undefined;
}

/** One figure of a run parted by spaces, as a value of its own (at the run's place). */
function partToken(run: ValueToken, part: string): ValueToken | null {
  const n = readNumber(part);
  if (n.kind !== 'number') return null;
  return { type: 'value', kind: 'number', value: n.value, raw: part, zeroNotation: n.zeroNotation, pos: run.pos, row: run.row };
}

function isEdgeBlank(t: ValueToken): boolean {
  return t.kind === 'blank' && t.edge === true;
}

function assignWithin(values: ValueToken[], n: number): Assigned {
  const first = values.findIndex((t) => t.kind !== 'blank');
  if (first < 0) return { status: 'cells', cells: values.length === n ? values : Array(n).fill(null) };
  let last = values.length - 1;
  while (values[last].kind === 'blank') last--;
  const core = values.slice(first, last + 1);
  const lead = first;
  const trail = values.length - 1 - last;
  const filled = nonBlank(core);
  if (core.length === n) return { status: 'cells', cells: core };
  if (core.length < n) {
    const need = n - core.length;
    if (lead === 0 && trail >= need) return { status: 'cells', cells: [...core, ...values.slice(last + 1, last + 1 + need)] };
    if (trail === 0 && lead >= need) return { status: 'cells', cells: [...values.slice(first - need, first), ...core] };
    if (lead + trail === need) return { status: 'cells', cells: values };
  }
  if (filled.length === n) return { status: 'cells', cells: filled };
  if (filled.length === 1 && n > 1 && isRun(filled[0])) return { status: 'run', run: filled[0] };
  return { status: 'ambiguous', reason: `该行读到 ${filled.length} 个数字，应有 ${n} 列，无法确定各数字所在的列` };
}

/** Digits that may be several cells run together: only text run into labels, never a figure in a cell of its own. */
function isRun(t: ValueToken): boolean {
  if (t.kind === 'run') return true;
  // A figure of several digits led by a zero is no count a cell holds (000000221500000: pypdf's
  // text of a narrow table, the cells' digits glued together).
  if (t.kind === 'number' && /^0\d+$/.test(t.raw.normalize('NFKC').trim())) return true;
  return t.kind === 'number' && t.embedded === true && /^\d{2,}(\.\d+)?(元|万元)?$/.test(t.raw.normalize('NFKC').replace(/[\s\u00a0\u3000]/g, ''));
}

function setCell(out: TablesResult, key: string, t: ValueToken | null, label?: string): void {
  if (!t) {
    out.cells[key] = null;
    return;
  }
  if (t.kind === 'number') {
    out.cells[key] = t.value;
    const src: CellSource = { raw: t.raw, pos: t.pos };
    if (t.zeroNotation) src.zeroNotation = true;
    if (label) src.label = label;
    out.cellSources[key] = src;
  } else if (t.kind === 'invalid') {
    out.cells[key] = null;
    out.cellSources[key] = { raw: t.raw, pos: t.pos, invalid: true };
  } else if (t.kind === 'blank') {
    out.cells[key] = null;
    out.cellSources[key] = { raw: t.raw, pos: t.pos };
  }
}

/** A run's parts as the text parted them by spaces. */
function spacedParts(run: ValueToken): string[] {
  return run.raw.normalize('NFKC').trim().split(/[\s\u00a0\u3000]+/);
}

/** A run whose figures are parted by spaces into exactly one part per column, else null. */
function spacedCells(run: ValueToken, kinds: ValueKind[]): number[] | null {
  const parts = spacedParts(run);
  if (parts.length !== kinds.length) return null;
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    // A well-formed figure is the cell's as printed, even a decimal in a count column (the rules say cell-invalid).
    if (/^(?:0|[1-9]\d*)\.\d+$/.test(parts[i])) {
      out.push(Number(parts[i]));
      continue;
    }
    const one = enumerateSplits(parts[i], [kinds[i]]);
    if (!one || one.length !== 1) return null;
    out.push(one[0][0]);
  }
  return out;
}

/**
 * Figures parted by spaces, each a well-formed number on its own (no 000023): the spaces are
 * cell borders, so too few parts means a blank cell, not two cells run together.
 */
function cleanlySpaced(run: ValueToken): boolean {
  const parts = spacedParts(run);
  return parts.length > 1 && parts.every((p) => /^(?:0|[-+]?[1-9]\d*)(?:\.\d+)?$|^[—\/－–-]$/.test(p));
}

/** Each figure of a run parted by spaces, with the text column it starts at. */
function partsWithColumns(run: ValueToken): { text: string; at: number }[] | null {
  if (run.pos.line === undefined || run.pos.column === undefined) return null;
  return [...run.raw.matchAll(/\S+/g)].map((m) => ({ text: m[0], at: run.pos.column! + m.index! }));
}

/**
 * A row of figures parted by spaces with fewer figures than columns, in text laid out by
 * position (pdftotext -layout): the figures stand under the columns where the full rows next to
 * it put theirs. Read only when two full rows near it (within a few lines: the nearest above and
 * below, else the two nearest on one side) start every column at the same place (±1), the
 * columns stand apart, and each figure starts at one column's place (±1), in order, and ends
 * before the next column's place; the columns no figure stands in are blank cells.
 */
function placedByColumns(run: ValueToken, rows: RowRead[], n: number, lineText: Map<number, string>): (ValueToken | null)[] | null {
  // Places on the page are display columns (a Chinese character two wide): in code units a
  // row under a longer label would line up with the columns by chance.
  const displayed = (v: ValueToken) => {
    const ps = partsWithColumns(v);
    if (!ps) return null;
    const out: { text: string; at: number }[] = [];
    for (const p of ps) {
      const span = spanOf(v.pos.line!, p.at, p.text.length, lineText);
      if (!span) return null;
      out.push({ text: p.text, at: span.from });
    }
    return out;
  };
  const parts = displayed(run);
  if (!parts || parts.length >= n || parts.some((p) => !/^(?:0|[1-9]\d*)(?:\.\d+)?$/.test(p.text))) return null;
  const line = run.pos.line!;
  const full: { line: number; starts: number[] }[] = [];
  for (const r of rows) {
    const figures = nonBlank(r.values);
    if (figures.length !== 1 || figures[0] === run || figures[0].kind !== 'run' || r.entry.columns!.length !== n) continue;
    const ps = displayed(figures[0]);
    if (ps && ps.length === n && figures[0].pos.line !== line) full.push({ line: figures[0].pos.line!, starts: ps.map((p) => p.at) });
  }
  const above = full.filter((f) => f.line < line && line - f.line <= 8).sort((a, b) => b.line - a.line);
  const below = full.filter((f) => f.line > line && f.line - line <= 8).sort((a, b) => a.line - b.line);
  // Two full rows that agree on every column's place: the nearest above and below, or the two
  // nearest on the one side there is (the table's last row). One row alone does not show the
  // columns stand still (a text browser centring padded cells moves each row's figures a little).
  const refs = above[0] && below[0] ? [above[0], below[0]] : above[0] ? above.slice(0, 2) : below.slice(0, 2);
  if (refs.length < 2 || refs[0].starts.some((x, j) => Math.abs(x - refs[1].starts[j]) > 1)) return null;
  const starts = refs[0].starts;
  if (starts.some((x, j) => j > 0 && x - starts[j - 1] < 3)) return null;
  const cells: (ValueToken | null)[] = Array(n).fill(null);
  let last = -1;
  for (const p of parts) {
    const cols = starts.flatMap((x, j) => (Math.abs(p.at - x) <= 1 ? [j] : []));
    if (cols.length !== 1 || cols[0] <= last) return null;
    // A figure reaching the next column's place may be two figures run together (Ghostscript's
    // txtwrite writes 199 and 1179 as 1991179): not placed.
    if (cols[0] + 1 < n && p.at + p.text.length >= starts[cols[0] + 1]) return null;
    last = cols[0];
    cells[last] = partToken(run, p.text);
    if (!cells[last]) return null;
  }
  return cells;
}

/** Why a cleanly spaced run with too few parts is left blank. */
function tooFewPartsMessage(where: string, run: ValueToken, columns: number): string {
  return `${where}读到 ${spacedParts(run).length} 个以空格分开的数字，应有 ${columns} 列（可能有单元格空白），无法确定各数字所在的列，相关单元格按空白处理。`;
}

/** `pieces`: the run's text for each part, where the spaces already part it. */
function setSplit(out: TablesResult, keys: string[], parts: number[], run: ValueToken, pieces = splitPieces(run.raw, parts)): void {
  keys.forEach((k, i) => {
    out.cells[k] = parts[i];
    const src: CellSource = { raw: pieces[i] ?? String(parts[i]), pos: run.pos, via: 'split' };
    if (pieces[i] !== undefined && /^[—\/－–-]$/.test(pieces[i])) src.zeroNotation = true;
    out.cellSources[k] = src;
  });
}

/** `blanks`: how many of `keys` the report certainly leaves blank (which ones unknown). */
function unreadable(out: TablesResult, keys: string[], run: ValueToken | undefined, pos: SourcePos | undefined, message: string, blanks?: number): void {
  for (const k of keys) out.cells[k] = null;
  out.readIssues.push({ code: 'ambiguous-cells', message, pos: run?.pos ?? pos, cells: keys, ...(blanks !== undefined && blanks > 0 ? { blanks } : {}) });
}

/** A row's cells unreadable, each shown at `pos` (the row's label) when it has no place of its own. */
function unreadableRow(out: TablesResult, keys: string[], pos: SourcePos, message: string, blanks?: number): void {
  unreadable(out, keys, undefined, pos, message, blanks);
  for (const k of keys) out.cellSources[k] ??= { raw: '', pos };
}

/**
 * Cell keys of a row, the same string instances every time: a report's cells are written and
 * read by these keys hundreds of times, and a reused string keeps its hash.
 */
const ROW_KEYS = new Map<ColumnDef[], Map<string, string[]>>();
function rowKeysOf(table: TableId, rowKey: string, columns: ColumnDef[]): string[] {
  let byRow = ROW_KEYS.get(columns);
  if (!byRow) ROW_KEYS.set(columns, (byRow = new Map()));
  const id = table + rowKey;
  let keys = byRow.get(id);
  if (!keys) byRow.set(id, (keys = columns.map((c) => `${table}.${rowKey}.${c.key}`)));
  return keys;
}

function readRowTable(table: 't2' | 't3', tokens: Token[], version: TemplateVersion, lex: Lexicon, out: TablesResult, ctx: ReadContext, statements?: () => Map<string, number[]>): void {
  const { rows, strays, positions, segs } = collectRows(tokens, table, lex, ctx.lineText);
  const t = TEMPLATES[version];
  const info: TableInfo = { present: rows.length > 0, missingRows: [], extraRows: [], labelVariants: {} };
  if (rows[0]) info.pos = rows[0].labelPos;
  out.tables[table] = info;
  const pendingRuns: { row: RowRead; keys: string[]; run: ValueToken }[] = [];
  const pendingShort: ShortRow[] = [];
  const seen = new Set<string>();
  const shapes = rows.map((r) => ({ values: r.values, n: r.entry.columns!.length }));
  const spacing = edgeSpacingOf(shapes);
  const lastColumns = figuresInLastColumns(shapes);
  // A table laid out from a PDF's words in which no row of several columns shows all its
  // figures: its columns go on elsewhere (a sheet wider than the page, printed over two), so
  // a row's empty places are not its blank cells.
  const laidOut = rows.some((r) => r.values.some((v) => ctx.layoutRows.has(v.row)));
  const truncated = laidOut && table === 't3' && rows.filter((r) => r.entry.columns!.length > 2).every((r) => figureCount(r.values) < r.entry.columns!.length);
  // The table's rows in template order.
  const rowDefs = table === 't2' ? t.t2.blocks.flatMap((b) => b.rows) : t.t3.rows;
  const required = rowDefs.map((r) => r.key);
  if (table === 't3') ctx.spacing = spacing;
  const figuresFirst = table === 't2' ? strays.find((s) => s.seg.orphan) : undefined;
  // Table 二's labels printed one after another and its figures after them all (a PDF's text in
  // drawing order: 行政许可 | 行政处罚 | 行政强制 | 行政事业性收费 | 0 | 0 | 58 | 687.37): rows
  // before left without figures and figures no row took after a row say the figures after its
  // label may be any of those rows'. Table 二 has no identity to tell.
  const lastOrphan = table === 't2' ? strays.filter((s) => s.seg.orphan).at(-1) : undefined;
  const firstEmptyAt = lastOrphan ? Math.min(...rows.filter((r) => countNonBlank(r.values) === 0).map((r) => positions.get(r.entry.rowKey!)!)) : Infinity;
  const byBlocks = figuresFirst ? proactiveByBlocks(tokens, version, lex) : undefined;
  const blockFigures = byBlocks?.read;
  // A table grid (its empty cells are tokens of their own), not text.
  const grid = tokens.some((t) => t.type === 'value' && t.kind === 'blank' && t.grid);
  const lagging = table === 't3' ? figureLag(rows, tokens, grid, required, ctx.lineText) : new Map<RowRead, string>();
  // A row holding (1 + e) rows' worth of figures took the figures of rows whose labels the
  // drawing order put after them: when exactly the e rows after it are left without figures,
  // the rows after those are in step again; otherwise none after it is.
  // (Rows not found between them count as left without figures.)
  const displaced = new Map<RowRead, string>();
  if (!grid) {
    const order = required;
    rows.forEach((r, i) => {
      const n = r.entry.columns!.length;
      const m = figureCount(r.values);
      // (Or a row's worth and nearly another's, blank cells of that other leaving no trace —
      // pymupdf's sorted text of a browser's PDF, each row's figures before its label. A figure
      // or two over is no other row's.)
      if (m < 2 * n - 2 || m <= n) return;
      let k = i + 1;
      let starved = 0;
      let at = order.indexOf(r.entry.rowKey!);
      for (; k < rows.length; k++) {
        const next = order.indexOf(rows[k].entry.rowKey!);
        starved += Math.max(0, next - at - 1);
        at = next;
        if (figureCount(rows[k].values) > 0) break;
        starved++;
      }
      if (k === rows.length) starved += Math.max(0, order.length - at - 1);
      if (m % n === 0 && starved === m / n - 1) return;
      // Or the rows just above it were left without figures (their labels stacked over the
      // figures of them all: a browser's PDF through pdftotext -layout): those are the rows
      // whose figures it holds, and the rows after it are in step.
      let above = 0;
      for (let j = i - 1; j >= 0 && figureCount(rows[j].values) === 0 && !rows[j].entry.optional; j--) above++;
      if (above > 0 && m % n === 0 && above === m / n - 1 && order.indexOf(rows[i - above].entry.rowKey!) === order.indexOf(r.entry.rowKey!) - above) return;
      // Or the rows above it back to one whose figures stand on its label's line — rows without
      // figures, or with figures below their labels — hold, with it, as many rows' worth of
      // figures as they are rows (2.本机关… none, 没有现成… one row's below it, 3.补正后… two).
      let from = i;
      let held = m;
      while (from > 0 && !rows[from - 1].entry.optional && (figureCount(rows[from - 1].values) === 0 || figuresBelowLabel(rows[from - 1]))) held += figureCount(rows[--from].values);
      if (from < i && held === (i - from + 1) * n && order.indexOf(rows[from].entry.rowKey!) === order.indexOf(r.entry.rowKey!) - (i - from)) return;
      for (const later of rows.slice(i + 1)) if (!displaced.has(later)) displaced.set(later, r.printed);
    });
  }
  // A row's worth of figures, one to a line, under no label at all, that no row took (after a
  // table's header printed again at a page's top: a PDF's sorted text, each row's figures before its label): the rows
  // after them whose figures also stand one to a line, apart from their labels, are paired with
  // figures by order alone, and that order is broken there.
  const orphaned = new Map<RowRead, string>();
  if (!grid && table === 't3')
    for (const s of strays) {
      const figs = nonBlank(s.seg.values);
      // (So is one row's worth of figures after words that are no row's label, such as a piece
      // of a side label: 理 | 0 0 0 5 0 0 5 | 5.要求…已获 | 取的信息. More figures there are
      // several rows' in the drawing order, read below.)
      const rowsWorth = s.seg.orphan ? figs.length >= T3_COLUMN_KEYS.length : figs.length === T3_COLUMN_KEYS.length;
      if (s.seg.entry || !rowsWorth || new Set(figs.map((v) => v.row)).size !== figs.length) continue;
      for (const r of rows) {
        if ((positions.get(r.entry.rowKey!) ?? -1) < s.at || orphaned.has(r) || displaced.has(r)) continue;
        const own = nonBlank(r.values);
        if (own.length > 1 && new Set(own.map((v) => v.row)).size === own.length) orphaned.set(r, s.seg.printed);
      }
    }
  // Figure and empty cells of each line laid out from a PDF page's words, by column from the row's end.
  const occupancy = new Map<number, LineCells>();
  for (const t of tokens) {
    if (t.type !== 'value' || (t.kind !== 'number' && t.kind !== 'blank') || !t.place || !ctx.layoutRows.has(t.row)) continue;
    const fromEnd = t.place.width - 1 - t.place.col;
    let o = occupancy.get(t.row);
    if (!o) occupancy.set(t.row, (o = { fig: new Set(), blank: new Set() }));
    (t.kind === 'blank' ? o.blank : o.fig).add(fromEnd);
  }
  // A label joined from pieces that holds the whole label of the row before it, that row left
  // without figures (8.属于行政查询事项 | 1.本机关不掌握相关政府 | 信息, the wrapped label's first
  // line beside the row above): the figures may be either row's.
  // So are labels in one cell of a PDF's table laid out from its words (no rules between the
  // rows), the first without figures: the figures beside them may be any of theirs.
  const glued = new Map<RowRead, string>();
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    if (!prev || prev.values.length > 0 || (version === '2021' && prev.entry.rowKey === 'other.total')) return;
    const [own, before] = [normalizeText(r.printed), normalizeText(prev.printed)];
    const joined = own !== before && own.includes(before);
    const sameLine = prev.labelPos.page === r.labelPos.page && prev.labelPos.line !== undefined && prev.labelPos.line === r.labelPos.line;
    const laidOut = !grid || r.values.some((v) => ctx.layoutRows.has(v.row));
    const sameCell = laidOut && r.labelPos.page !== undefined && ((prev.field !== undefined && prev.field === r.field) || sameLine) && figureCount(r.values) <= r.entry.columns!.length;
    if (!joined && !sameCell) return;
    const rest = joined ? own.slice(own.indexOf(before) + before.length) : r.printed;
    const why = `“${prev.printed}”与“${rest}”两行的行名连在了一起（折行的行名与上一行排在一起，或两行之间没有分隔），数字属于哪一行无法确定`;
    if (!glued.has(prev)) glued.set(prev, why);
    glued.set(r, why);
  });
  // A PDF's label cell holding the tail of one label and the head of the next (4.保护第三方合法 |
  // 稳定”5.属于三类内部事: labels overflowing fixed-height rows, as a spreadsheet prints them):
  // the rules no longer say which row a figure is on; this row's and its neighbours' figures may
  // be any of theirs.
  // The row before such a cell keeps its own label whole when the cell starts with its own
  // ordinal (nothing of the row before is in it): a misprint there is the report's.
  const labelWhole = new Set<RowRead>();
  rows.forEach((r, i) => {
    if (r.labelPos.page === undefined || !INNER_ORDINAL.test(normalizeText(r.printed))) return;
    const why = `“${r.printed}”一格里有两行的行名（行名超出了单元格，与相邻一行的行名排在一起），数字属于哪一行无法确定`;
    const prev = rows[i - 1];
    if (prev && !glued.has(prev) && LABEL_ORDINAL.test(normalizeText(r.printed))) labelWhole.add(prev);
    for (const x of [prev, r, rows[i + 1]]) if (x && !glued.has(x)) glued.set(x, why);
  });
  for (const r of rows) {
    const rowKey = r.entry.rowKey!;
    seen.add(rowKey);
    // A label cut where it wrapped (its rest on a line not joined), or read across columns
    // (words of a side label mixed in, parted by wide gaps), is no misprint of the report's.
    // Nor is one with pieces of the table's other text mixed in (a side label, a column header,
    // an overflowing note), its own wording otherwise whole or cut at its ends.
    // Nor is one garbled by a PDF font without a map to Unicode (ÿ二Ā部分公开: garbled-text).
    const printedNorm = r.entry.variant ? normalizeText(r.printed) : '';
    if (r.entry.variant && !GARBLED_LABEL.test(r.printed) && !FIGURE_IN_LABEL.test(r.printed) && (!glued.has(r) || labelWhole.has(r)) && !INNER_ORDINAL.test(printedNorm) && !namesAnotherRow(printedNorm, r.entry, table, lex) && !isLabelPart(printedNorm, r.entry) && !cutPastShortWording(printedNorm, wordingsOf(lex, table, rowKey)) && !/\s{2,}/.test(r.printed) && !wordingsOf(lex, table, rowKey).some((w) => onlyLayoutNoise(printedNorm, w.pattern, w.ordinal, lex.layoutWords[table])))
      info.labelVariants[rowKey] = { printed: r.printed, pos: r.labelPos };
    const keys = rowKeysOf(table, rowKey, r.entry.columns!);
    // Its block read as a whole (table 二 in drawing order, proactiveByBlocks).
    const own = blockFigures?.get(rowKey);
    if (own) {
      keys.forEach((k, i) => setCell(out, k, own[i]));
      if (byBlocks!.assumed.has(rowKey)) ctx.orderAssumed.push({ keys, printed: r.printed, pos: r.labelPos });
      continue;
    }
    // Figures standing before any row label of table 二 (after its header words: a PDF's text in
    // its drawing order) show that from there on a label's figures may come before it, so the
    // figures after a later label may be the next row's. Table 二 has no identity to tell: no row
    // after such figures is read, unless its block was read as a whole above.
    if (figuresFirst && positions.get(rowKey)! > figuresFirst.at) {
      unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}中有数字印在行名之前（“${figuresFirst.seg.printed}”），无法确定“${r.printed}”一行的数字是哪一行的，相关单元格按空白处理。`);
      continue;
    }
    const at = positions.get(rowKey)!;
    if (lastOrphan && at > firstEmptyAt && at < lastOrphan.at && countNonBlank(r.values) > 0) {
      unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}几行的行名排在一起，数字排在其后（“${lastOrphan.seg.printed}”等数字不属于任何能识别的行），无法确定“${r.printed}”一行的数字是哪一行的，相关单元格按空白处理。`);
      continue;
    }
    if (r.unitsApart && figureCount(r.values) < keys.length) {
      unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}“${r.printed}”一行有单位（“${r.unitsApart}”）与数字分开排列（窄列中折行的数字），读到的数字少于 ${keys.length} 列，无法确定各数字所在的列，相关单元格按空白处理。`);
      continue;
    }
    const gluedWhy = glued.get(r);
    if (gluedWhy) {
      unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}${gluedWhy}，相关单元格按空白处理。`);
      continue;
    }
    const lag = lagging.get(r);
    if (lag) {
      unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}“${r.printed}”：${lag}，无法确定这一行的数字，相关单元格按空白处理。`);
      continue;
    }
    // After a row's worth of figures no label took, one to a line (`orphaned` above).
    const orphanedBy = orphaned.get(r);
    if (orphanedBy) {
      unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}“${orphanedBy}”处有一行数字不属于任何能识别的行（每个数字单独一行），其后各行的数字可能与行名错位，无法确定“${r.printed}”一行的数字，相关单元格按空白处理。`);
      continue;
    }
    // A row before that held two rows' worth of figures or more (a PDF's drawing order put a
    // row's figures before a label above it): the rows after it take figures from their
    // neighbours, so none of them is read by its label (the drawing order may still read them).
    const displacedBy = displaced.get(r);
    if (displacedBy) {
      unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}“${displacedBy}”一行读到的数字多于一行，其后各行的数字可能与行名错位，无法确定“${r.printed}”一行的数字，相关单元格按空白处理。`);
      continue;
    }
    // Figures of one row on several lines of text laid out in columns, one above another in
    // the same column: a figure wrapped in its narrow cell (10341 | 3), or two rows' figures —
    // no reading of the row is sure.
    if (!grid && stackedInColumn(r.values, ctx.lineText)) {
      unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}“${r.printed}”的数字分在几行，且有数字上下叠在同一列（可能是窄列中折行的数字），无法确定各数字所在的列，相关单元格按空白处理。`);
      continue;
    }
    // A row laid out from a PDF page's words, with empty cells on its own line and figures from
    // another line: a figure wrapped in its narrow column (23984 | 3 above and below the row's
    // line) or the next row's — the figures cannot be placed in their columns.
    // So is one whose empty cells hold figures on the line beside it while that line is empty
    // where this one has figures (5675 | · | 5675 over · | 0 0 0 0 0 | ·): pieces of one row.
    if (r.values.some((v) => ctx.layoutRows.has(v.row))) {
      const lines = new Set(nonBlank(r.values).map((v) => v.row));
      const own = lines.size === 1 ? occupancy.get([...lines][0]) : undefined;
      const interlocked = (o: LineCells | undefined, x: LineCells | undefined) => !!o && !!x && [...o.blank].some((c) => x.fig.has(c)) && [...x.blank].some((c) => o.fig.has(c));
      const line = own ? [...lines][0] : -1;
      if ((lines.size > 1 && r.values.some((v) => v.kind === 'blank')) || interlocked(own, occupancy.get(line - 1)) || interlocked(own, occupancy.get(line + 1))) {
        unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}“${r.printed}”的数字与上下行的数字交错，这一行有空白的单元格（可能是窄列中折行的数字），无法确定各数字所在的列，相关单元格按空白处理。`);
        continue;
      }
    }
    // A figure run into the label's words (…只计这一情形，不计其 0 | 他情形）): a cell's figure the
    // text put among the wrapped label's lines. With a cell of the row left empty, that figure
    // may be the empty cell's.
    const inLabel = FIGURE_IN_LABEL.exec(r.printed);
    if (!grid && inLabel && figureCount(r.values) < keys.length) {
      unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}“${r.printed}”的行名中夹有数字 ${inLabel[1]}，可能是本行某一单元格的数字，而本行读到的数字少于 ${keys.length} 列，无法确定各数字所在的列，相关单元格按空白处理。`);
      continue;
    }
    if (truncated && figureCount(r.values) > 0) {
      unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}没有一行读到全部 ${keys.length} 列的数字（表格可能分在几页打印，其余各列在别处），“${r.printed}”一行的数字属于哪几列无法确定，相关单元格按空白处理。`);
      continue;
    }
    const a = assignValues(r.values, keys.length, spacing, lastColumns);
    if (a.status === 'cells') {
      keys.forEach((k, i) => setCell(out, k, a.cells[i]));
      const runs = keys.filter((_, i) => a.cells[i]?.kind === 'run');
      if (runs.length) unreadable(out, runs, a.cells.find((c) => c?.kind === 'run') ?? undefined, r.labelPos, `${TABLE_NAME[table]}“${r.printed}”有单元格写着几组数字（${a.cells.filter((c) => c?.kind === 'run').map((c) => c!.raw.trim()).join('、')}），无法确定是哪一个数，相关单元格按空白处理。`);
      // A blank cell with no position of its own is shown at its row label.
      for (const k of keys) out.cellSources[k] ??= { raw: '', pos: r.labelPos };
    } else if (a.status === 'run') {
      // Figures parted by spaces, one part per column: the spaces are the cell borders.
      const spaced = spacedCells(a.run, r.entry.columns!.map((c) => c.kind));
      if (spaced) setSplit(out, keys, spaced, a.run, spacedParts(a.run));
      else if (cleanlySpaced(a.run)) {
        const placed = placedByColumns(a.run, rows, keys.length, ctx.lineText);
        if (placed) {
          keys.forEach((k, i) => setCell(out, k, placed[i]));
          for (const k of keys) out.cellSources[k] ??= { raw: '', pos: a.run.pos };
          continue;
        }
        const message = tooFewPartsMessage(`${TABLE_NAME[table]}“${r.printed}”`, a.run, keys.length);
        const figures = spacedParts(a.run).map((x) => partToken(a.run, x));
        if (table === 't3' && figures.length >= keys.length - 2 && figures.length < keys.length && figures.every((v): v is ValueToken => v !== null && v.kind === 'number' && !v.zeroNotation))
          pendingShort.push({ row: r, keys, figures, message });
        unreadable(out, keys, a.run, r.labelPos, message);
      }
      else pendingRuns.push({ row: r, keys, run: a.run });
    }
    else {
      const message = `${TABLE_NAME[table]}“${r.printed}”：${a.reason}，相关单元格按空白处理。`;
      const figures = nonBlank(r.values);
      // Table 三's identities may still tell where a blank cell was that left no trace (a cell
      // per line, figures parted by single spaces): settled after the other rows are read.
      if (table === 't3' && figures.length >= keys.length - 2 && figures.length < keys.length && figures.every((v) => v.kind === 'number' && !v.embedded && !v.zeroNotation))
        pendingShort.push({ row: r, keys, figures, message });
      else if (table === 't3' && figures.some((v) => v.kind === 'run' && cleanlySpaced(v))) {
        // A cell holding two figures beside an empty one (0 372 78 0 0 · 237 687: the page's
        // columns placed a wide figure in its neighbour's cell): its figures in their order, one
        // per column, are tried like a short row's, kept only where every identity holds.
        const parts = figures.flatMap((v) => (v.kind === 'run' && cleanlySpaced(v) ? spacedParts(v).map((x) => partToken(v, x)) : [v]));
        if (parts.length === keys.length && parts.every((v): v is ValueToken => v !== null && v.kind === 'number' && !v.embedded && !v.zeroNotation))
          pendingShort.push({ row: r, keys, figures: parts, message });
      }
      unreadable(out, keys, undefined, r.labelPos, message);
    }
  }

  if (table === 't3' && !grid) edgeFigureOfAShortNeighbour(rows, pendingShort, out);

  // Rows whose label was wrapped past recognition but whose block spells it (行政事业性收 | 费).
  for (const [rowKey, own] of blockFigures ?? []) {
    if (seen.has(rowKey)) continue;
    seen.add(rowKey);
    const keys = rowKeysOf(table, rowKey, t.t2.blocks.find((b) => b.rows.some((r) => r.key === rowKey))!.columns);
    keys.forEach((k, i) => setCell(out, k, own[i]));
    if (byBlocks!.assumed.has(rowKey) && own[0]) ctx.orderAssumed.push({ keys, printed: own.map((f) => f.raw.trim()).join(' '), pos: own[0].pos });
  }
  if (table === 't3') {
    solveRequestRuns(pendingRuns, version, out);
    solveShortRows(gluedPairsInShortRows(pendingShort, version, out), tokens, version, out, seen);
  } else
    for (const p of pendingRuns) {
      const kinds = p.row.entry.columns!.map((c) => c.kind);
      // Table 二 has no identities, so nothing would catch a cell that was blank: the run is
      // read only when it has one reading even allowing for blank cells, or when the
      // report's own prose settles it.
      const all = enumerateWithBlanks(p.run.raw, kinds);
      const cands = all && all.length > 1 && statements ? narrowByStatements(all, p.keys, statements()) : all;
      if (cands && cands.length === 1 && cands[0].every((v) => v !== null)) setSplit(out, p.keys, cands[0] as number[], p.run);
      else unreadable(out, p.keys, p.run, undefined, `${TABLE_NAME[table]}“${p.row.printed}”的数字连在一起（${p.run.raw.trim()}），${cands?.length ? `有 ${cands.length} 种拆分方式，表内没有可据以确定的勾稽关系` : '无法按各列的数字格式拆分'}，相关单元格按空白处理。`);
    }

  // 2021 template printing the single 2019-style （六）其他处理 row.
  let otherTotalFigures: RowRead | undefined;
  if (table === 't3' && version === '2021') {
    const single = rows.find((r) => r.entry.rowKey === 'other.total');
    const subRows = ['other.noCorrection', 'other.feeUnpaid', 'other.other'];
    const hasSub = subRows.some((k) => seen.has(k));
    if (single && !hasSub && T3_COLUMN_KEYS.some((c) => out.cells[`t3.other.total.${c}`] != null)) info.singleOtherRow = true;
    else {
      // Figures read beside （六）其他处理 while its sub-rows are printed belong to one of them.
      if (single && T3_COLUMN_KEYS.some((c) => out.cells[`t3.other.total.${c}`] != null)) otherTotalFigures = single;
      for (const c of T3_COLUMN_KEYS) delete out.cells[`t3.other.total.${c}`], delete out.cellSources[`t3.other.total.${c}`];
    }
    seen.delete('other.total');
    if (info.singleOtherRow) subRows.forEach((k) => seen.add(k));
  }
  if (!info.present) return;
  // A row printed with nothing after its label, in a table with figures no row took: those
  // figures may be its own, so its cells are unreadable rather than blank.
  // Rows holding more figures than columns hold other rows' figures too.
  // (Figures parted by spaces count one each; a digit run that may still split does not say.)
  const overfull = rows.find((r) => figureCount(r.values) > r.entry.columns!.length && !r.values.some((v) => isRun(v) && !cleanlySpaced(v)));
  const leftover = strays[0]?.seg ?? overfull ?? otherTotalFigures;
  if (leftover)
    for (const r of rows) {
      // (Blank values only count as nothing after the label: the figures may still be the stray ones.)
      if (countNonBlank(r.values) > 0 || (version === '2021' && r.entry.rowKey === 'other.total')) continue;
      const keys = rowKeysOf(table, r.entry.rowKey!, r.entry.columns!);
      if (keys.some((k) => out.cells[k] != null)) continue;
      // Already unreadable (figures printed before the labels): one finding is enough.
      if (keys.every((k) => out.readIssues.some((i) => i.cells?.includes(k)))) continue;
      unreadable(out, keys, undefined, r.labelPos, `${TABLE_NAME[table]}“${r.printed}”一行没有读到数字，而表中另有无法归属的数字（在“${leftover.printed}”附近），相关单元格按空白处理。`);
    }
  // Two rows' labels in one table cell, the first with nothing after it: the rule between the
  // rows was not seen (a scan whose line speckle broke), so the cell beside the labels holds
  // both rows' figures, or the second's only — which, cannot be told. Unreadable, not blank.
  rows.forEach((r, i) => {
    const next = rows[i + 1];
    // Also in a PDF's table laid out from its text (no rules): a wrapped label's first line
    // beside the row above it puts both labels on one line, and the figures may be either's.
    if ((!grid && r.labelPos.page === undefined) || !next || r.values.length > 0 || r.field === undefined || next.field !== r.field) return;
    if (version === '2021' && r.entry.rowKey === 'other.total') return;
    const keys = rowKeysOf(table, r.entry.rowKey!, r.entry.columns!);
    if (keys.some((k) => out.cells[k] != null) || out.readIssues.some((x) => x.cells?.includes(keys[0]))) return;
    unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}“${r.printed}”与“${next.printed}”两行的标签在同一个单元格内（两行之间的表格线没有识别出来，或折行的行名与上一行排在了一起），无法确定哪些数字属于“${r.printed}”，相关单元格按空白处理。`);
    // No more figures beside them than one row has: they may be the first's as well as the
    // second's (a scan's table 二 over two pages, the second's row all doubts), so neither is read.
    if (countNonBlank(next.values) <= next.entry.columns!.length) {
      const nextKeys = rowKeysOf(table, next.entry.rowKey!, next.entry.columns!);
      for (const k of nextKeys) delete out.cellSources[k];
      unreadableRow(out, nextKeys, next.labelPos, `${TABLE_NAME[table]}“${r.printed}”与“${next.printed}”两行的标签在同一个单元格内，旁边的数字只有一行，可能属于其中任一行，无法确定“${next.printed}”的数字，相关单元格按空白处理。`);
    }
  });
  // A scan's row with nothing after its label under a row whose cells OCR could not read at all:
  // the rule between the two rows was lost in the figure columns only (their cells span both rows,
  // two lines of figures each), so the doubts hold this row's figures too. Unreadable, not blank.
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    if (!prev || r.values.length > 0 || prev.values.length === 0 || !prev.values.every((v) => v.kind === 'blank' && v.doubt)) return;
    if (version === '2021' && r.entry.rowKey === 'other.total') return;
    const keys = rowKeysOf(table, r.entry.rowKey!, r.entry.columns!);
    if (keys.some((k) => out.cells[k] != null) || out.readIssues.some((x) => x.cells?.includes(keys[0]))) return;
    unreadableRow(out, keys, r.labelPos, `${TABLE_NAME[table]}“${r.printed}”一行没有读到数字，而上一行“${prev.printed}”的数字都无法识别（两行之间的表格线可能没有识别出来，两行的数字在同一格内），相关单元格按空白处理。`);
  });
  const missing = required.filter((k) => !seen.has(k));
  const doubtful = tokens.find((x) => x.type === 'value' && x.kind === 'blank' && x.doubt);
  // A missing row with unrecognised figures where it belongs was printed but not understood:
  // its cells are unreadable (our failure), not absent (the report's).
  const order = required;
  info.missingRows = missing.filter((k) => {
    const i = order.indexOf(k);
    let lo = -1;
    let hi = Infinity;
    for (let j = i - 1; j >= 0 && lo < 0; j--) if (positions.has(order[j])) lo = positions.get(order[j])!;
    for (let j = i + 1; j < order.length && hi === Infinity; j++) if (positions.has(order[j])) hi = positions.get(order[j])!;
    // Figures left over anywhere in the table may be this row's (a label wrapped past
    // recognition, figures printed above their label): unreadable too, never "missing".
    const stray = strays.find((s) => s.at > lo && s.at < hi)?.seg ?? leftover;
    const columns = table === 't3' ? t.t3.columns : t.t2.blocks.find((b) => b.rows.some((r) => r.key === k))!.columns;
    const keys = rowKeysOf(table, k, columns);
    // A scan's cell that OCR could not read may have been this row's label: unreadable, not missing.
    if (!stray && doubtful) {
      unreadableRow(out, keys, doubtful.pos, `${TABLE_NAME[table]}缺少“${rowDisplayLabel(rowDefs.find((x) => x.key === k)!)}”一行，而扫描件中有文字识别无法确定的单元格（可能就是这一行的行名），相关单元格按空白处理。`);
      return false;
    }
    // The row's label spelled by words no row took, figures among them (行政事业性 | 收费0: a figure
    // glued where the reader does not part it): printed, not understood.
    const spelled = stray ? undefined : spelledWithFigures(segs.slice(lo + 1, hi === Infinity ? undefined : hi), wordingsOf(lex, table, k, true));
    if (spelled) {
      unreadableRow(out, keys, spelled.labelPos, `${TABLE_NAME[table]}中“${rowDisplayLabel(rowDefs.find((x) => x.key === k)!)}”一行的行名在表中，但没有读出它的数字，相关单元格按空白处理。`);
      return false;
    }
    if (!stray) return true;
    unreadableRow(out, keys, stray.labelPos, `${TABLE_NAME[table]}中“${stray.printed}”一行的标签无法与模板的行对应，其中的数字不能确定属于哪一行，相关单元格按空白处理。`);
    return false;
  });
  if (table === 't3') fillRequestsInReadingOrder(tokens, version, out, info, rows, ctx.lineText);
}

const BLOCK_HEADINGS = new Set(Object.values(TEMPLATES).flatMap((t) => t.t2.blocks.map((b) => normLabel(b.heading))));

/**
 * A table 二 block heading glued to the end of the row label above it (行政规范性文件第二十条第（五）项
 * | 273 | 0 | 293: a table laid out from a PDF's words without rules, the heading's line at line
 * pitch under the label taken for its wrapped rest) stands before that row's figures; it is put
 * after them, where it was printed, so the figures stay their own row's and the next block
 * starts after them.
 */
function headingsAfterTheirRow(tokens: Token[]): Token[] {
  for (let i = 1; i < tokens.length; i++) {
    const h = tokens[i];
    const before = tokens[i - 1];
    if (h.type !== 'label' || h.entry.kind !== 'header' || !BLOCK_HEADINGS.has(h.entry.pattern)) continue;
    if (before.type !== 'label' || before.entry.kind !== 'row' || before.field !== h.field) continue;
    let j = i + 1;
    for (let t = tokens[j]; j < tokens.length && t.type === 'value' && t.row === h.row; t = tokens[++j]);
    if (j === i + 1) continue;
    tokens.splice(i, 1);
    tokens.splice(j - 1, 0, h);
    i = j - 1;
  }
  return tokens;
}

/**
 * Table 二 in a PDF's text in its drawing order, where some figures stand before their row
 * labels, or between the pieces of a wrapped one (行政事业性 | 229.97 | 收费). Each block
 * (第二十条第（X）项) is read on its own, from its heading to the next: the drawing order lists
 * a table's cells row by row, so its figures are its rows' cells in template order, whatever
 * the place of the labels. A block is read only when its words, joined, spell exactly its
 * own rows' labels in template order and it holds exactly as many plain figures as cells,
 * so no figure can come from a neighbouring block and no row is missing one.
 */
function proactiveByBlocks(tokens: Token[], version: TemplateVersion, lex: Lexicon): { read: Map<string, ValueToken[]>; assumed: Set<string> } {
  const read = new Map<string, ValueToken[]>();
  const assumed = new Set<string>();
  const blocks = TEMPLATES[version].t2.blocks;
  const headingOf = new Map(blocks.map((b) => [normLabel(b.heading), b]));
  const starts: { at: number; block: (typeof blocks)[number] }[] = [];
  tokens.forEach((t, at) => {
    if (t.type === 'label' && t.entry.kind === 'header' && headingOf.has(t.entry.pattern)) starts.push({ at, block: headingOf.get(t.entry.pattern)! });
  });
  // A heading sharing its line or table row with a row label or figures (规范性文件第二十条第（五）项
  // | 0 | 0 | 23: a rule between two rows not seen) does not part the blocks where it stands.
  const rowOf = (t: Token) => (t.type === 'text' ? undefined : t.row);
  if (starts.some(({ at }) => tokens.some((t) => rowOf(t) === rowOf(tokens[at]) && (t.type === 'value' || (t.type === 'label' && t.entry.kind === 'row'))))) return { read, assumed };
  starts.forEach(({ at, block }, i) => {
    const region = tokens.slice(at + 1, starts[i + 1]?.at ?? tokens.length);
    const figures: ValueToken[] = [];
    let words = '';
    for (const t of region) {
      if (t.type === 'label') {
        if (t.entry.kind === 'row') words += normalizeText(t.printed);
        else if (t.entry.table !== 't2') return;
        continue;
      }
      if (t.type === 'text') {
        if (/\d/.test(t.raw)) return;
        words += normalizeText(t.raw);
        continue;
      }
      if (t.kind !== 'number' || t.embedded) return;
      figures.push(t);
    }
    const cols = block.columns.length;
    const n = block.rows.length;
    if (figures.length !== cols * n || !spellsRows(words, block.rows.map((r) => wordingsOf(lex, 't2', r.key, true).map((e) => e.pattern)))) return;
    // Row by row where the text shows it (each row's figures on a line of their own) or where
    // both orders give the same cells. Figures one to a line may as well come column by column
    // (pdfminer's text): such a block is read row by row only if table 三 of the same text
    // shows its figures come row by row (`rowsInOrder`, after table 三 is read).
    const rowOf = (k: number) => figures.slice(k * cols, k * cols + cols);
    const linesOf = block.rows.map((_, k) => new Set(rowOf(k).map((f) => f.pos.line)));
    const byRows = n === 1 || cols === 1 || linesOf.every((l, k) => l.size === 1 && linesOf.every((m, j) => j === k || ![...l].some((x) => m.has(x))));
    const sameEitherWay = figures.every((f, i) => f.raw.trim() === figures[(i % cols) * n + Math.floor(i / cols)].raw.trim());
    block.rows.forEach((r, k) => {
      read.set(r.key, rowOf(k));
      if (!byRows && !sameEitherWay) assumed.add(r.key);
    });
  });
  return { read, assumed };
}

/** Whether the text is exactly one wording of each row in turn. */
function spellsRows(text: string, wordings: string[][], from = 0): boolean {
  if (wordings.length === 0) return from === text.length;
  return wordings[0].some((w) => text.startsWith(w, from) && spellsRows(text, wordings.slice(1), from + w.length));
}

/**
 * Text whose labels came out of order (a PDF's text in its drawing order: a merged label cell
 * printed after the figures of the rows it spans) still lists the rows' figures in row order.
 * When table 三 could not be read row by row, its figures are taken in template order, seven to
 * a row, between anchors: the rows read by their labels, whose figures fix where the rows
 * between them start and end. A stretch between two anchors is filled only when it holds
 * exactly seven figures per row (a blank cell, which leaves no trace in such text, keeps its
 * stretch unread). The reading is kept only when every anchor stands in order, every cell
 * already read agrees, and the identities it makes checkable hold but for what one printed
 * error breaks (at most two row totals and three identities in all): a misaligned reading
 * breaks nearly every row total.
 */
const PAGE_NUMBER = /^(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?)$/;

/** A figure inside a line of prose (本年度发生行政复议 13 件。): the report's words, never a cell. */
function isProseFigure(t: ValueToken): boolean {
  return t.kind === 'number' && t.embedded === true && /\d\s*[件个条项次人家份起宗例余]/.test(t.raw.normalize('NFKC'));
}

interface OrderedFigure {
  value: number;
  raw: string;
  pos: SourcePos;
  /** A blank cell put in by a reading (value NaN): it left no trace in the stream. */
  blank?: true;
  /** One of several cells, each 0 or the blank as the readings have it. */
  doubt?: true;
}

/** A figure among a label's words, parted from them by a space (…不计其 0 | 他情形）); not an ordinal (1. 2、). */
const FIGURE_IN_LABEL = /(?:^|\s)(\d+)(?![\d.．、])/;

/** A figure ending words, parted from them by a space (…不计这一情形，不 34). */
const BARE_FIGURE_IN_WORDS = /\s\d+\s*$/;

function fillRequestsInReadingOrder(tokens: Token[], version: TemplateVersion, out: TablesResult, info: TableInfo, rows: RowRead[], lineText: Map<number, string>): void {
  const rowKeys = TEMPLATES[version].t3.rows.map((r) => r.key);
  const keysOf = (row: string) => rowKeysOf('t3', row, TEMPLATES[version].t3.columns);
  const unread = new Set(out.readIssues.flatMap((i) => i.cells ?? []).filter((k) => k.startsWith('t3.')));
  if (unread.size < 14 && info.missingRows.length === 0) return;
  // From the table's first header or row label: its figures may all come before the row labels.
  const first = tokens.findIndex((t) => t.type === 'label' && t.entry.table === 't3');
  if (first < 0) return;
  const figures: OrderedFigure[] = [];
  // Where each figure stands on its line, in display columns (text laid out by position).
  const spans: (Span | undefined)[] = [];
  const indexOf = new Map<Token, number>();
  // Figures with words between them and the figure before (a page's repeated header, a label
  // drawn late): the drawing order may have left the row's order there.
  const afterWords = new Set<number>();
  let words = false;
  for (const t of tokens.slice(first)) {
    if (t.type !== 'value') {
      words = true;
      continue;
    }
    if (t.kind === 'blank') continue;
    if (words) afterWords.add(figures.length);
    words = false;
    // A page number between pages (-4-, — 4 —) is no figure of the table.
    if (PAGE_NUMBER.test(t.raw.trim()) || isProseFigure(t)) continue;
    indexOf.set(t, figures.length);
    // A line of figures parted by spaces (text laid out in columns): each is one figure.
    const spaced = t.kind === 'run' ? spacedParts(t) : [];
    if (spaced.length > 1 && spaced.every((x) => /^(?:0|[1-9]\d*)$/.test(x))) {
      const at = partsWithColumns(t);
      spaced.forEach((x, i) => {
        spans[figures.length] = at ? spanOf(t.pos.line!, at[i].at, x.length, lineText) : undefined;
        figures.push({ value: Number(x), raw: x, pos: t.pos });
      });
      continue;
    }
    // Words read as a no-figure mark (无 of a group label written down the side: （四）无法提供)
    // are no figure either; were one a cell's own 无, the count would fall one short.
    if (t.kind === 'invalid') continue;
    if (t.kind !== 'number' || t.embedded) return;
    spans[figures.length] = t.pos.line !== undefined && t.pos.column !== undefined ? spanOf(t.pos.line, t.pos.column, t.raw.trim().length, lineText) : undefined;
    figures.push(t);
  }
  // (Not when figures stand one above another in three columns or more (text laid out by
  // position; in one column they may be figures wrapped in their cells): the stream runs down the columns
  // there, and the identities cannot tell two rows' figures of one column apart. The rows read
  // by their labels anchor the reading below.)
  // A figure run into a label's words (…只计这一情形，不 34 | 计其他情形）) is missing from the stream:
  // one figure short is then no blank cell.
  const swallowed = tokens.some((t) => (t.type === 'text' && BARE_FIGURE_IN_WORDS.test(t.raw)) || (t.type === 'label' && BARE_FIGURE_IN_WORDS.test(t.printed)));
  if (figures.length >= 7 * rowKeys.length - (swallowed ? 0 : 1) && orderOnPage(spans, 3) !== 'columns' && takeReading(piecesInPlace(figures, afterWords, rowKeys, version), rowKeys, keysOf, out, info, unread)) return;
  if (orderOnPage(spans, 3) !== 'columns' && takeReading(columnsDownEachPart(figures, afterWords, rowKeys, version), rowKeys, keysOf, out, info, unread)) return;
  // Anchors: rows read by their labels, seven figures standing together in the stream.
  const anchorAt = new Map<string, number>();
  for (const r of rows) {
    const row = r.entry.rowKey!;
    if (!rowKeys.includes(row) || keysOf(row).some((k) => out.cells[k] == null || unread.has(k))) continue;
    // (A line of figures parted by spaces stands for its figures, one index each.)
    const at = r.values.filter((v) => v.kind !== 'blank').flatMap((v) => {
      const i = indexOf.get(v);
      const parts = i !== undefined && v.kind === 'run' ? spacedParts(v).length : 1;
      return Array.from({ length: parts }, (_, k) => (i === undefined ? undefined : i + k));
    });
    if (at.length === 7 && at.every((x, i) => x !== undefined && x === at[0]! + i)) anchorAt.set(row, at[0]!);
  }
  const filled = new Map<string, OrderedFigure[]>();
  let from = 0;
  let pending: string[] = [];
  // A row's seven figures stand together: words inside them may mean the order broke there
  // (a page's repeated header, a label drawn late). Such a reading is kept only when every
  // identity of the table holds, row by row and column by column.
  const together = (at: number) => [1, 2, 3, 4, 5, 6].every((k) => !afterWords.has(at + k));
  let interrupted = false;
  const settle = (to: number): boolean => {
    if (to < from) return false;
    if (pending.length && to - from === 7 * pending.length) {
      // Figures one above another in a column of text laid out by position: the stream runs
      // down the columns (two rows' figures stacked cell by cell, as pdftotext -layout gives a
      // browser's PDF), not along the rows. Read by the columns when they show every row's
      // figure, else not at all.
      const placed = spans.slice(from, to);
      if (orderOnPage(placed) === 'columns') {
        const byColumn = rowsByColumns(placed, pending.length);
        if (byColumn) pending.forEach((row, i) => filled.set(row, byColumn[i].map((j) => figures[from + j])));
        pending = [];
        return true;
      }
      if (!pending.every((_, i) => together(from + 7 * i))) interrupted = true;
      pending.forEach((row, i) => filled.set(row, figures.slice(from + 7 * i, from + 7 * i + 7)));
    }
    pending = [];
    return true;
  };
  for (const row of rowKeys) {
    const at = anchorAt.get(row);
    if (at === undefined) {
      pending.push(row);
      continue;
    }
    if (!settle(at)) return;
    from = at + 7;
  }
  if (!settle(figures.length) || filled.size === 0) return;
  const value = (row: string, col: number): number | null => {
    const f = filled.get(row);
    return f ? f[col].value : (out.cells[keysOf(row)[col]] ?? null);
  };
  // Cells read already (a row partly read) must agree with the reading.
  for (const [row, f] of filled) if (keysOf(row).some((k, c) => out.cells[k] != null && out.cells[k] !== f[c].value)) return;
  let rowTotals = 0;
  let broken = 0;
  for (const row of rowKeys) {
    const v = T3_COLUMN_KEYS.map((_, c) => value(row, c));
    if (v.every((x) => x !== null) && v[0]! + v[1]! + v[2]! + v[3]! + v[4]! + v[5]! !== v[6]) rowTotals++;
  }
  const outcomes = outcomeRowKeys(version);
  for (let c = 0; c < 7; c++) broken += brokenT3Column(value, undefined, outcomes, c);
  if (rowTotals > 2 || rowTotals + broken > 3 || (interrupted && rowTotals + broken > 0)) return;
  writeOrderReading(filled, keysOf, out, info);
}

interface Span {
  line: number;
  from: number;
  to: number;
}

/** A figure's place on its line in display columns (a CJK character takes two), from its 1-based text column. */
function spanOf(line: number, column: number, length: number, lineText: Map<number, string>): Span | undefined {
  const text = lineText.get(line);
  if (text === undefined) return undefined;
  const at = lineColumns(line, text, lineText);
  const start = Math.min(column - 1, text.length);
  const end = Math.min(start + length, text.length);
  return { line, from: at[start], to: Math.max(at[end], at[start] + 1) };
}

const overlaps = (a: Span, b: Span) => a.from < b.to && b.from < a.to;

/**
 * Whether a stream of figures laid out by position runs down the columns: a figure stands
 * under the one before it (on a later line, in the same place), in `least` columns or more.
 * Figures without places, or all in one place (a figure per line, as copied from Word), say nothing.
 */
function orderOnPage(spans: (Span | undefined)[], least = 1): 'columns' | 'unknown' {
  const all = spans.filter((s): s is Span => !!s);
  if (all.length < 2 || all.length < spans.length || all.every((s) => overlaps(s, all[0]))) return 'unknown';
  // Places where a figure stands under the one before it, counted once per column.
  const places: Span[] = [];
  for (let i = 1; i < all.length; i++) {
    if (all[i].line === all[i - 1].line || !overlaps(all[i], all[i - 1])) continue;
    if (!places.some((p) => overlaps(p, all[i]))) places.push(all[i]);
    if (places.length >= least) return 'columns';
  }
  return 'unknown';
}

/**
 * Rows read down the columns: the figures grouped by the place they stand in (figures in one
 * group overlap a neighbour of the group), each of seven groups holding one figure of each of
 * the k rows, on lines from top to bottom. Indexes into the stream per row; null when the
 * groups are not seven of k each (a blank cell leaves no trace), or two share a line.
 */
function rowsByColumns(spans: (Span | undefined)[], k: number): number[][] | null {
  const at = spans.map((s, i) => ({ s: s!, i })).sort((a, b) => a.s.from - b.s.from || a.s.to - b.s.to);
  const groups: { s: Span; i: number }[][] = [];
  for (const x of at) {
    const g = groups.at(-1);
    if (g && g.some((y) => overlaps(y.s, x.s))) g.push(x);
    else groups.push([x]);
  }
  if (groups.length !== 7 || groups.some((g) => g.length !== k)) return null;
  const rows: number[][] = Array.from({ length: k }, () => []);
  for (const g of groups) {
    g.sort((a, b) => a.s.line - b.s.line);
    if (g.some((y, j) => j > 0 && y.s.line === g[j - 1].s.line)) return null;
    g.forEach((y, j) => rows[j].push(y.i));
  }
  return rows;
}

/**
 * Table 三 in a PDF's drawing order, its figures in pieces. The figures run row by row through
 * the table, but some are drawn out of place, in two ways seen from pdftotext's reading order:
 * - a piece moved whole (a row's cells drawn after the rows below them);
 * - the first cells of the first rows under a header (the table's, or a page's repeated one)
 *   taken into the column of the header words above them (自然人 | 商业企业 …) and given after
 *   the rows, a staircase: the first row losing most, as 9 0 | 0 for (9, 0) and (0) of two rows.
 * The stream is cut where words stand between figures. The table is read when the stream's
 * own order puts the figures where every identity holds, row by row and column by column, or
 * else undoing such displacements does (a piece moved once, or twice; staircases under one or
 * two headers anywhere before them, or under each page's header; one figure moved by up to
 * seven places), and every reading found
 * gives the same figures. One figure short (a blank cell leaves no trace), a blank is tried at
 * each place. A search past its budget reads nothing.
 */
const SEARCH_SPENT = new Error('search budget spent');

function piecesInPlace(figures: OrderedFigure[], afterWords: Set<number>, rowKeys: string[], version: TemplateVersion): Map<string, OrderedFigure[]> | null {
  const size = 7 * rowKeys.length;
  // The figures as they stand, or (one short: a blank cell leaves no trace) with a blank at each place.
  const streams: { figures: OrderedFigure[]; afterWords: Set<number> }[] = [];
  if (figures.length === size) streams.push({ figures, afterWords });
  else if (figures.length === size - 1)
    for (let i = 0; i <= figures.length; i++) {
      const at = figures[Math.min(i, figures.length - 1)];
      const withBlank = [...figures.slice(0, i), { value: NaN, raw: '', pos: at.pos, blank: true as const }, ...figures.slice(i)];
      const shifted = new Set([...afterWords].map((j) => (j >= i ? j + 1 : j)));
      streams.push({ figures: withBlank, afterWords: shifted });
      // At a cut, the blank may as well start the piece after it.
      if (afterWords.has(i)) streams.push({ figures: withBlank, afterWords: new Set([...shifted].map((j) => (j === i + 1 ? i : j))) });
    }
  else return null;
  const holds = everyT3IdentityHolds(rowKeys, version);
  const found = new Map<string, OrderedFigure[]>();
  // A search cut short proves no reading the only one: past its budget, nothing is read.
  let budget = 18_000;
  const spend = () => {
    if (--budget < 0) throw SEARCH_SPENT;
  };
  const add = (flat: OrderedFigure[]) => {
    spend();
    if (holds(flat)) found.set(flat.map((f) => f.value).join(','), flat);
  };
  for (const s of streams) add(s.figures);
  if (found.size === 0)
    for (const s of streams) {
      const starts = [0, ...[...s.afterWords].filter((i) => i > 0 && i < s.figures.length).sort((a, b) => a - b)];
      const pieces = starts.map((x, i) => s.figures.slice(x, starts[i + 1] ?? s.figures.length));
      if (pieces.length > 40) return null;
      const before = found.size;
      try {
        movedPieces(pieces, add, () => found.size > before, streams.length > 1 ? 1 : 2);
        const moved = found.size;
        displacedHeadsAnywhere(pieces, rowKeys.length, add, () => found.size > moved);
        displacedHeads(pieces, rowKeys.length, add, spend);
        // One figure drawn a few cells from its place (the last row's first cell after its
        // fifth: 8 0 0 0 50 | 0 58 for 50 8 0 0 0 0 58).
        if (streams.length === 1)
          for (let i = 0; i < s.figures.length; i++)
            for (let j = Math.max(0, i - 7); j <= Math.min(s.figures.length - 1, i + 7); j++) {
              if (j === i) continue;
              const moved = s.figures.slice();
              moved.splice(j, 0, ...moved.splice(i, 1));
              add(moved);
            }
      } catch (e) {
        if (e === SEARCH_SPENT) return null;
        throw e;
      }
    }
  const readings = [...found.values()];
  if (readings.length === 0) return null;
  // Readings that differ only in which of some zeros is the blank cell (… 0 0 0 0 0 0 and a
  // blank): the other cells are read, those stay in doubt.
  const flat = readings[0].map((f, i) => {
    if (readings.every((r) => r[i].value === f.value || (Number.isNaN(r[i].value) && Number.isNaN(f.value)))) return f;
    return readings.every((r) => r[i].value === 0 || r[i].blank) ? { ...f, value: NaN, blank: true as const, doubt: true as const } : null;
  });
  if (flat.some((f) => f === null)) return null;
  return new Map(rowKeys.map((r, i) => [r, flat.slice(7 * i, 7 * i + 7) as OrderedFigure[]] as const));
}

/** Orders of the pieces with one piece moved elsewhere, then (none holding, few pieces) two. */
function movedPieces(pieces: OrderedFigure[][], add: (flat: OrderedFigure[]) => void, settled: () => boolean, most: number): void {
  let frontier: number[][] = [pieces.map((_, i) => i)];
  const tried = new Set<string>();
  for (let moves = 1; moves <= most && !(moves === 2 && (settled() || pieces.length > 12)); moves++) {
    const next: number[][] = [];
    for (const order of frontier)
      for (let from = 0; from < order.length; from++)
        for (let to = 0; to < order.length; to++) {
          if (to === from) continue;
          const o = order.slice();
          o.splice(to, 0, ...o.splice(from, 1));
          const key = o.join(',');
          if (tried.has(key)) continue;
          tried.add(key);
          next.push(o);
          add(o.flatMap((i) => pieces[i]));
        }
    frontier = next;
  }
}

/** Ways to take `d` cells from the heads of consecutive rows, the first row losing most (at most three each). */
function staircaseShapes(d: number, most = 3): number[][] {
  if (d === 0) return [[]];
  const out: number[][] = [];
  for (let k = Math.min(most, d); k >= 1; k--) for (const rest of staircaseShapes(d - k, k)) out.push([k, ...rest]);
  return out;
}

/**
 * Readings with the heads of rows put back from short pieces (runs of pieces each shorter than a
 * row, nine figures at most). Each page's header takes the heads of the rows under it, so a
 * group of heads follows its page's figures: its staircase starts where the piece before it
 * starts. Any of the groups may be heads (the others are figures in place); each group's
 * figures fill its staircase row by row or column by column.
 */
function displacedHeads(pieces: OrderedFigure[][], rows: number, add: (flat: OrderedFigure[]) => void, tick: () => void): void {
  const groups = shortPieceGroups(pieces);
  interface Heads {
    group: number;
    r0: number;
    shape: number[];
    /** Figures by [row, column]. */
    cells: Map<string, OrderedFigure>;
  }
  const inGroup = (i: number, chosen: Heads[]) => chosen.some((h) => i >= groups[h.group][0] && i < groups[h.group][1]);
  // The first `upTo` rows with the chosen staircases' heads put back.
  const assemble = (chosen: Heads[], upTo: number): OrderedFigure[] | null => {
    const lost = new Map<number, Heads>();
    for (const h of chosen) h.shape.forEach((_, t) => lost.set(h.r0 + t, h));
    return rowsWithHeads(
      pieces.filter((_, i) => !inGroup(i, chosen)).flat(),
      upTo,
      (r) => {
        const h = lost.get(r);
        return h ? h.shape[r - h.r0] : 0;
      },
      (r, c) => lost.get(r)!.cells.get(`${r},${c}`)!,
    );
  };
  // Rows before `upTo` whose cells are all known add up.
  const rowsHold = (chosen: Heads[], upTo: number): boolean => {
    tick();
    const flat = assemble(chosen, upTo);
    if (!flat) return true;
    for (let o = 0; o < flat.length; o += 7) if (rowTotalBreaks(flat, o)) return false;
    return true;
  };
  const visit = (g: number, chosen: Heads[]): void => {
    if (g === groups.length) {
      if (chosen.length === 0) return;
      const flat = assemble(chosen, rows);
      if (flat) add(flat);
      return;
    }
    visit(g + 1, chosen);
    const [a, b] = groups[g];
    // The piece before the group, not itself a group's: where its staircase starts.
    let before = a - 1;
    while (before >= 0 && inGroup(before, chosen)) before--;
    if (before < 0) return;
    let offset = 0;
    for (let i = 0; i < before; i++) if (!inGroup(i, chosen) && !(i >= a && i < b)) offset += pieces[i].length;
    const taken = chosen.reduce((n, h) => n + h.shape.reduce((x, y) => x + y, 0), 0);
    if ((offset + taken) % 7 !== 0) return;
    const r0 = (offset + taken) / 7;
    const figures = pieces.slice(a, b).flat();
    for (const shape of staircaseShapes(figures.length)) {
      if (r0 + shape.length > rows || chosen.some((h) => h.r0 + h.shape.length > r0)) continue;
      const byRow = shape.flatMap((k, t) => Array.from({ length: k }, (_, c) => [r0 + t, c] as const));
      const byColumn = [...byRow].sort((x, y) => x[1] - y[1] || x[0] - y[0]);
      for (const order of byRow.join() === byColumn.join() ? [byRow] : [byRow, byColumn]) {
        const heads: Heads = { group: g, r0, shape, cells: new Map(order.map(([r, c], i) => [`${r},${c}`, figures[i]] as const)) };
        const next = [...chosen, heads];
        if (rowsHold(next, r0 + shape.length)) visit(g + 1, next);
      }
    }
  };
  visit(0, []);
}

/**
 * Readings with the heads of rows put back from one or two groups of short pieces, each
 * staircase starting at any piece before its group (its page's header may be further back).
 */
function displacedHeadsAnywhere(pieces: OrderedFigure[][], rows: number, add: (flat: OrderedFigure[]) => void, settled: () => boolean): void {
  const groups = shortPieceGroups(pieces);
  const combos = (n: number, from = 0): [number, number][][] => (n === 0 ? [[]] : groups.slice(from).flatMap((g, i) => combos(n - 1, from + i + 1).map((c) => [g, ...c])));
  for (let n = 1; n <= 2 && !(n === 2 && settled()); n++)
    for (const chosen of combos(n)) {
      const inGroup = (i: number) => chosen.findIndex(([a, b]) => i >= a && i < b);
      const heads = chosen.map(([a, b]) => pieces.slice(a, b).flat());
      const rest: OrderedFigure[] = [];
      // Where each remaining piece starts in the rest, and its place in the stream.
      const restStarts = new Map<number, number>();
      pieces.forEach((p, i) => {
        if (inGroup(i) >= 0) return;
        restStarts.set(rest.length, i);
        rest.push(...p);
      });
      const shapeSets = heads.map((h) => staircaseShapes(h.length));
      const tryShapes = (g: number, taken: Map<number, [number, number]>): void => {
        if (g === heads.length) return fill(taken);
        for (const shape of shapeSets[g])
          for (let r0 = 0; r0 + shape.length <= rows; r0++) {
            if (shape.some((_, t) => taken.has(r0 + t))) continue;
            const next = new Map(taken);
            shape.forEach((k, t) => next.set(r0 + t, [g, k]));
            let offset = 7 * r0;
            for (const [r, [, k]] of next) if (r < r0) offset -= k;
            const at = restStarts.get(offset);
            if (at === undefined || at >= chosen[g][0]) continue;
            tryShapes(g + 1, next);
          }
      };
      const fill = (taken: Map<number, [number, number]>): void => {
        // Every staircase's cells, row by row and column by column.
        const orders = heads.map((_, g) => {
          const cells = [...taken].filter(([, [gg]]) => gg === g).sort((x, y) => x[0] - y[0]).flatMap(([r, [, k]]) => Array.from({ length: k }, (_, c) => [r, c] as const));
          return [cells, [...cells].sort((x, y) => x[1] - y[1] || x[0] - y[0])];
        });
        const choose = (g: number, placed: Map<string, OrderedFigure>): void => {
          if (g === heads.length) {
            const flat = rowsWithHeads(rest, rows, (r) => taken.get(r)?.[1] ?? 0, (r, c) => placed.get(`${r},${c}`)!);
            if (flat) add(flat);
            return;
          }
          for (const cells of orders[g]) {
            const next = new Map(placed);
            cells.forEach(([r, c], i) => next.set(`${r},${c}`, heads[g][i]));
            choose(g + 1, next);
          }
        };
        choose(0, new Map());
      };
      tryShapes(0, new Map());
    }
}

/**
 * The table's first `upTo` rows: each row's first `headsOf(r)` cells from a staircase, the rest
 * from the figures in place, in order; null when those run out.
 */
function rowsWithHeads(rest: OrderedFigure[], upTo: number, headsOf: (r: number) => number, head: (r: number, c: number) => OrderedFigure): OrderedFigure[] | null {
  const flat: OrderedFigure[] = [];
  let i = 0;
  for (let r = 0; r < upTo; r++) {
    const k = headsOf(r);
    for (let c = 0; c < k; c++) flat.push(head(r, c));
    for (let c = k; c < 7; c++) {
      if (i >= rest.length) return null;
      flat.push(rest[i++]);
    }
  }
  return flat;
}

/** How many column identities a row-major reading of table 三 (seven figures a row, in `rowKeys` order) breaks; a blank leaves its identities unchecked. */
function t3ColumnBreaks(rowKeys: string[], version: TemplateVersion): (flat: OrderedFigure[]) => number {
  const outcomes = outcomeRowKeys(version);
  const rowIndex = new Map(rowKeys.map((r, i) => [r, i] as const));
  return (flat) => {
    const value = (row: string, c: number) => {
      const i = rowIndex.get(row);
      const f = i === undefined ? undefined : flat[7 * i + c];
      return !f || f.blank ? null : f.value;
    };
    let n = 0;
    for (let c = 0; c < 7; c++) n += brokenT3Column(value, undefined, outcomes, c);
    return n;
  };
}

/** Whether a row-major reading of table 三 keeps every row total and column identity. */
function everyT3IdentityHolds(rowKeys: string[], version: TemplateVersion): (flat: OrderedFigure[]) => boolean {
  const size = 7 * rowKeys.length;
  const columnBreaks = t3ColumnBreaks(rowKeys, version);
  return (flat) => {
    if (flat.length !== size) return false;
    for (let o = 0; o < size; o += 7) if (rowTotalBreaks(flat, o)) return false;
    return columnBreaks(flat) === 0;
  };
}

/**
 * Table 三's figures in a PDF's drawing order down the columns (pdfminer, pdftotext without
 * -layout, on a LibreOffice PDF: each page's part of the table gives its rows' labels, then the
 * first column's figures of those rows, then the second's …). The parts end where words stand
 * between figures (the next page's repeated header); each part is some rows' seven columns.
 * Read when exactly one way of cutting the stream into such parts keeps every row's total and
 * the column identities (or all but the one or two a wrong printed total breaks, every other
 * way breaking more) — and the stream read along the rows does not keep every row's total
 * (then it runs along the rows, not down the columns).
 */
function columnsDownEachPart(figures: OrderedFigure[], afterWords: Set<number>, rowKeys: string[], version: TemplateVersion): Map<string, OrderedFigure[]> | null {
  const rows = rowKeys.length;
  if (figures.length !== 7 * rows) return null;
  // Read along the rows, every row's total keeps: that is how the stream runs.
  let alongRows = true;
  for (let o = 0; o < figures.length && alongRows; o += 7) alongRows = !rowTotalBreaks(figures, o);
  if (alongRows) return null;
  const columnBreaks = t3ColumnBreaks(rowKeys, version);
  // Where a part may end: after k rows, where words stand before the next figure (a page's
  // repeated header). Failing that, after any row: pdfminer boxes some rows' figures on their
  // own (a tall label's row along the row, the rows after it down the columns).
  const pageCuts = [...afterWords].filter((i) => i > 0 && i < figures.length && i % 7 === 0).map((i) => i / 7).sort((a, b) => a - b);
  const found = new Map<string, { flat: OrderedFigure[]; breaks: number }>();
  const flat: OrderedFigure[] = Array(figures.length);
  const search = (cuts: number[], budget: number): boolean => {
    const rec = (row: number, ci: number): boolean => {
      if (--budget < 0) return false;
      if (row === rows) {
        found.set(flat.map((f) => f.value).join(','), { flat: flat.slice(), breaks: columnBreaks(flat) });
        return found.size <= 50;
      }
      for (let j = ci; j <= cuts.length; j++) {
        const end = j < cuts.length ? cuts[j] : rows;
        if (end <= row) continue;
        const k = end - row;
        for (let c = 0; c < 7; c++) for (let i = 0; i < k; i++) flat[7 * (row + i) + c] = figures[7 * row + c * k + i];
        // Every row's total keeps in a part, or this cut is no part's end.
        let ok = true;
        for (let i = 0; i < k && ok; i++) ok = !rowTotalBreaks(flat, 7 * (row + i));
        if (ok && !rec(end, j + 1)) return false;
      }
      return true;
    };
    return rec(0, 0);
  };
  if (!search(pageCuts, 5000)) return null;
  if (found.size === 0 && !search(Array.from({ length: rows - 1 }, (_, i) => i + 1), 20000)) return null;
  if (found.size === 0) return null;
  // Every column identity keeps in exactly one reading; or one reading breaks one or two (a
  // column's printed total wrong breaks it and the 总计 column) and every other breaks two more.
  const readings = [...found.values()].sort((x, y) => x.breaks - y.breaks);
  const [best, second] = readings;
  if (best.breaks > 2 || (second && second.breaks < (best.breaks === 0 ? 1 : best.breaks + 2))) return null;
  return new Map(rowKeys.map((r, i) => [r, best.flat.slice(7 * i, 7 * i + 7)] as const));
}

/** A row of seven figures from `o` whose total is not the sum of its six; a blank (NaN) leaves it unchecked. */
function rowTotalBreaks(flat: OrderedFigure[], o: number): boolean {
  let sum = 0;
  for (let c = 0; c < 6; c++) sum += flat[o + c].value;
  return !Number.isNaN(sum + flat[o + 6].value) && sum !== flat[o + 6].value;
}

/** Runs of pieces each shorter than a row, nine figures at most: where the heads of rows may be. */
function shortPieceGroups(pieces: OrderedFigure[][]): [number, number][] {
  const groups: [number, number][] = [];
  for (let j = 0; j < pieces.length; ) {
    if (pieces[j].length >= 7) {
      j++;
      continue;
    }
    let k = j;
    let size = 0;
    while (k < pieces.length && pieces[k].length < 7 && size + pieces[k].length <= 9) size += pieces[k++].length;
    groups.push([j, k]);
    j = k;
  }
  return groups;
}

/** Writes rows read from the figures' order, where they agree with every cell read already. */
function takeReading(filled: Map<string, OrderedFigure[]> | null, rowKeys: string[], keysOf: (row: string) => string[], out: TablesResult, info: TableInfo, unread: Set<string>): boolean {
  if (!filled) return false;
  for (const [row, f] of filled) if (keysOf(row).some((k, c) => out.cells[k] != null && !unread.has(k) && out.cells[k] !== (f[c].blank ? null : f[c].value))) return false;
  writeOrderReading(filled, keysOf, out, info);
  const doubt = [...filled].flatMap(([row, f]) => keysOf(row).filter((_, c) => f[c].doubt));
  const first = [...filled.values()].flat().find((f) => f.doubt);
  // One figure short: the one blank is among the doubts unless a reading put it elsewhere for sure.
  const settledBlanks = [...filled.values()].flat().filter((f) => f.blank && !f.doubt).length;
  if (first) unreadable(out, doubt, undefined, first.pos, `${TABLE_NAME.t3}少一个数字（有一个单元格空白）；按表内勾稽关系其余各单元格已确定，这 ${doubt.length} 个单元格是 0 还是空白无法分辨，按空白处理。`, settledBlanks === 0 ? 1 : undefined);
  return rowKeys.every((r) => filled.has(r));
}

/** Rows read from the figures' order into the cells (a blank put in by the reading stays null); their read issues go. */
function writeOrderReading(filled: Map<string, OrderedFigure[]>, keysOf: (row: string) => string[], out: TablesResult, info: TableInfo): void {
  for (const [row, f] of filled)
    keysOf(row).forEach((k, c) => {
      out.cells[k] = f[c].blank ? null : f[c].value;
      out.cellSources[k] = { raw: f[c].raw, pos: f[c].pos, via: 'order' };
    });
  const done = (k: string) => filled.has(k.slice(3, k.lastIndexOf('.')));
  out.readIssues = out.readIssues.flatMap((i) => {
    if (!i.cells?.some(done)) return [i];
    const left = i.cells.filter((k) => !done(k));
    return left.length ? [{ ...i, cells: left }] : [];
  });
  info.missingRows = info.missingRows.filter((row) => !filled.has(row));
}

/**
 * Table-三 rows whose cells ran together. Each row's splits are those its own total allows
 * (or, for a row whose total is itself wrong, every split, each counting one broken
 * identity). The rows are then settled together by the table's identities ((七)总计 = sum
 * of outcomes, 新收 + 结转 = 总计 + 结转下年): the combination breaking the fewest is taken
 * when it is the only one that does so, and clearly better than any other — so a report
 * with one genuine error is still read, and the error reported by the rules. A row that
 * lost a blank cell flattens into a run that may split "validly" by itself: the identities
 * and the margin are what keep such a reading out.
 */
function solveRequestRuns(pending: { row: RowRead; keys: string[]; run: ValueToken }[], version: TemplateVersion, out: TablesResult): void {
  const rows: { p: (typeof pending)[number]; cands: { parts: number[]; cost: number }[] }[] = [];
  for (const p of pending) {
    const exact = splitRequestsRow(p.run.raw);
    let cands = exact?.map((parts) => ({ parts, cost: 0 })) ?? [];
    if (exact && exact.length === 0) cands = (enumerateSplits(p.run.raw, Array(7).fill('count'), undefined, 400) ?? []).map((parts) => ({ parts, cost: 1 }));
    if (cands.length === 0)
      unreadable(out, p.keys, p.run, undefined, `表三“${p.row.printed}”的数字连在一起（${p.run.raw.trim()}），无法拆分为 7 列，相关单元格按空白处理。`);
    else rows.push({ p, cands });
  }
  if (rows.length === 0) return;
  const rowKeyOf = (k: string) => k.slice(3, k.lastIndexOf('.'));
  const outcome = outcomeRowKeys(version);
  const otherSingle = rows.some((a) => a.p.row.entry.rowKey === 'other.total') || out.cells['t3.other.total.total'] != null;
  const outcomeRows = version === '2021' && otherSingle ? [...outcome.filter((r) => !r.startsWith('other.')), 'other.total'] : outcome;
  // The cells already read, by row (out.cells does not change while readings are compared).
  const fixed = new Map<string, (number | null)[]>();
  const fixedRow = (row: string): (number | null)[] => {
    let r = fixed.get(row);
    if (!r)
      fixed.set(
        row,
        (r = T3_COLUMN_KEYS.map((c) => {
          const v = out.cells[`t3.${row}.${c}`];
          return v === undefined ? null : v;
        })),
      );
    return r;
  };
  const value = (row: string, i: number, assign: Map<string, (number | null)[]>): number | null => {
    const a = assign.get(row);
    if (a) return a[i];
    return fixedRow(row)[i];
  };
  /** Identities of one column that a combination breaks (a blank cell leaves its identity unverifiable). */
  const brokenIn = (c: string, assign: Map<string, (number | null)[]>): number => brokenT3Column(value, assign, outcomeRows, T3_COLUMN_INDEX.get(c)!);
  /** Identities of the columns that a combination breaks. */
  const broken = (assign: Map<string, (number | null)[]>): number => T3_COLUMN_KEYS.reduce((n, c) => n + brokenIn(c, assign), 0);
  const combos = rows.reduce((n, a) => n * a.cands.length, 1);
  // The best and second-best costs, and how many combinations reach the best.
  let best = Infinity;
  let second = Infinity;
  let bestCount = 0;
  let bestAssign: Map<string, number[]> | null = null;
  let bestRowCosts: number[] = [];
  const rowCosts: number[] = [];
  if (combos <= 200_000) {
    const assign = new Map<string, number[]>();
    const rowKeys = rows.map((a) => rowKeyOf(a.p.keys[0]));
    const rec = (i: number, rowCost: number) => {
      if (i === rows.length) {
        const cost = rowCost + broken(assign);
        if (cost < best) {
          second = best;
          best = cost;
          bestCount = 1;
          bestAssign = new Map(assign);
          bestRowCosts = [...rowCosts];
        } else if (cost === best) {
          bestCount++;
          second = best;
        } else if (cost < second) second = cost;
        return;
      }
      const rk = rowKeys[i];
      for (const c of rows[i].cands) {
        assign.set(rk, c.parts);
        rowCosts[i] = c.cost;
        rec(i + 1, rowCost + c.cost);
      }
      assign.delete(rk);
    };
    rec(0, 0);
  }
  // Every identity holds for exactly one reading; or one reading breaks at most three (one
  // wrong figure breaks its row, its column and the balance) and every other reading
  // breaks at least two more.
  let settled = bestAssign !== null && bestCount === 1 && (best === 0 || (best <= 3 && second >= best + 2));
  // A row whose own total no split satisfies, where one blank cell (which leaves no trace in a
  // run) would make every identity hold: the blank is as likely as the printed error, and the
  // error's reading moves figures (0037000: 0 0 37 0 0 0 and a blank total, or 0 0 3 7 0 0 0).
  if (settled && best > 0)
    settled = rows.every((a, i) => bestRowCosts[i] === 0 || !blankExplainsAsWell(a.p.run.raw, rowKeyOf(a.p.keys[0]), new Map(bestAssign!), 0, brokenIn));
  // A reading that breaks identities must also beat the other explanation: one cell was
  // blank and left no trace in the run (one defect, and the identities it touches unverifiable).
  if (settled && best > 0) {
    const others = bestRowCosts.reduce((a, b) => a + b, 0);
    settled = rows.every((a, i) => !blankExplainsAsWell(a.p.run.raw, rowKeyOf(a.p.keys[0]), new Map(bestAssign!), best - (others - bestRowCosts[i]) - BLANK_COST, brokenIn));
  }
  if (settled) {
    for (const a of rows) setSplit(out, a.p.keys, bestAssign!.get(rowKeyOf(a.p.keys[0]))!, a.p.run);
    return;
  }
  const withBlank = best > 0 && combos <= 200_000 ? oneRowLostABlank(rows, rowKeyOf, outcomeRows, value, broken, best) : null;
  if (withBlank) {
    for (const a of rows) {
      const rk = rowKeyOf(a.p.keys[0]);
      if (rk !== withBlank.rowKey) setSplit(out, a.p.keys, withBlank.others.get(rk)!, a.p.run);
    }
    const a = rows.find((x) => rowKeyOf(x.p.keys[0]) === withBlank.rowKey)!;
    const doubtful = a.p.keys.filter((_, i) => withBlank.blanks.length > 1 && withBlank.blanks.includes(i));
    a.p.keys.forEach((k, i) => {
      if (withBlank.blanks.includes(i)) out.cells[k] = null;
      else {
        out.cells[k] = withBlank.figures[i];
        out.cellSources[k] = { raw: String(withBlank.figures[i]), pos: a.p.run.pos, via: 'split' };
      }
    });
    // The blank itself is the report's (cell-missing says so); where several equal figures could be it, none is known.
    if (doubtful.length)
      unreadable(out, doubtful, a.p.run, undefined, `表三“${a.p.row.printed}”的数字连在一起（${a.p.run.raw.trim()}），只有 6 个数字（有一个单元格空白）；按表内勾稽关系其余各列已确定，这 ${doubtful.length} 个单元格中哪一个是空白无法分辨，按空白处理。`, 1);
    else out.cellSources[a.p.keys[withBlank.blanks[0]]] = { raw: '', pos: a.p.run.pos, via: 'split' };
    return;
  }
  for (const a of rows) {
    // Several readings equally good: a row with one split by its own total is still settled.
    const exact = a.cands.filter((c) => c.cost === 0);
    if (bestCount > 1 && best === 0 && a.cands.length === 1 && exact.length === 1) {
      setSplit(out, a.p.keys, exact[0].parts, a.p.run);
      continue;
    }
    const why =
      combos > 200_000
        ? '可能的拆分组合太多'
        : best > 0 && bestCount === 1
          ? '按各种拆分，表内勾稽关系都不能成立，且没有一种拆分明显优于其他（可能是某个单元格空白，或报告本身有多处错误）'
          : best > 0
            ? '按各种拆分，表内勾稽关系都不成立（可能是某个单元格空白，或报告本身有误）'
            : `有 ${a.cands.length} 种拆分方式，表内勾稽关系不能唯一确定`;
    unreadable(out, a.p.keys, a.p.run, undefined, `表三“${a.p.row.printed}”的数字连在一起（${a.p.run.raw.trim()}），${why}，相关单元格按空白处理。`);
  }
}

/**
 * Run-together table-三 rows of which one lost a blank cell (it leaves no trace in a run), the
 * rest read by their own totals. With that row left out, each reading of the other rows that
 * keeps every identity still checkable gives the row's seven figures (（七）总计 less the other
 * outcomes, or the balance); exactly one such reading may spell the row's run as those figures
 * with one left out — the blank (its figure as the report's totals count it: 0, or the figure
 * erased from a cell whose totals were kept). A row whose own
 * total some split satisfies is taken for one that lost a blank only when the best full reading
 * breaks at least two identities more than one blank costs (else it may be a printed error, which
 * the rules report); and exactly one row may fit. Equal figures that could each be the blank are
 * the only cells left unreadable.
 */
function oneRowLostABlank(
  rows: { p: { keys: string[]; run: ValueToken }; cands: { parts: number[]; cost: number }[] }[],
  rowKeyOf: (k: string) => string,
  outcomeRows: readonly string[],
  value: (row: string, i: number, assign: Map<string, (number | null)[]>) => number | null,
  broken: (assign: Map<string, (number | null)[]>) => number,
  best: number,
): { rowKey: string; figures: number[]; blanks: number[]; others: Map<string, number[]> } | null {
  let found: { rowKey: string; figures: number[]; blanks: number[]; others: Map<string, number[]> } | null = null;
  for (const suspect of rows) {
    const rowKey = rowKeyOf(suspect.p.keys[0]);
    const digits = suspect.p.run.raw.replace(/\s+/g, '');
    if (!/^\d+$/.test(digits) || (best < BLANK_COST + 2 && suspect.cands.some((c) => c.cost === 0))) continue;
    const others = rows.filter((r) => r !== suspect).map((r) => ({ rowKey: rowKeyOf(r.p.keys[0]), exact: r.cands.filter((c) => c.cost === 0) }));
    if (others.some((o) => o.exact.length === 0) || others.reduce((n, o) => n * o.exact.length, 1) > 20_000) continue;
    const assign = new Map<string, (number | null)[]>([[rowKey, Array(7).fill(null)]]);
    // Every reading of the other rows that keeps the identities still checkable, whose derived
    // row the run spells with one figure left out.
    const fits: { figures: number[]; blanks: number[]; others: Map<string, number[]> }[] = [];
    const rec = (i: number) => {
      if (fits.length > 1) return;
      if (i === others.length) {
        if (broken(assign) !== 0) return;
        const figures = derivedRow(rowKey, outcomeRows, (row, c) => value(row, c, assign));
        if (!figures || figures[6] !== figures.slice(0, 6).reduce((a, b) => a + b, 0) || figures.join('') === digits) return;
        const blanks = figures.flatMap((_, j) => (figures.filter((_, k) => k !== j).join('') === digits ? [j] : []));
        if (blanks.length) fits.push({ figures, blanks, others: new Map([...assign].filter(([k]) => k !== rowKey) as [string, number[]][]) });
        return;
      }
      for (const c of others[i].exact) {
        assign.set(others[i].rowKey, c.parts);
        rec(i + 1);
      }
      assign.delete(others[i].rowKey);
    };
    rec(0);
    if (fits.length === 0) continue;
    if (found || fits.length > 1) return null;
    const { figures, blanks, others: consistent } = fits[0];
    found = { rowKey, figures, blanks, others: consistent };
  }
  return found;
}

/** A table-三 row's seven figures as the identities give them from the other rows (null where one is unread). */
function derivedRow(rowKey: string, outcomeRows: readonly string[], value: (row: string, c: number) => number | null): number[] | null {
  const figures: number[] = [];
  for (let c = 0; c < 7; c++) {
    const get = (r: string) => value(r, c);
    let v: number | null;
    if (outcomeRows.includes(rowKey)) {
      const others = outcomeRows.filter((r) => r !== rowKey).map(get);
      const total = get('total');
      v = total === null || others.includes(null) ? null : total - others.reduce((a: number, b) => a + b!, 0);
    } else {
      const [nr, co, total, cf] = ['newReceived', 'carriedOver', 'total', 'carriedForward'].map((r) => (r === rowKey ? 0 : get(r)));
      if (nr === null || co === null || total === null || cf === null) return null;
      if (rowKey === 'newReceived') v = total + cf - co;
      else if (rowKey === 'carriedOver') v = total + cf - nr;
      else if (rowKey === 'carriedForward') v = nr + co - total;
      else if (rowKey === 'total') {
        const outs = outcomeRows.map(get);
        if (outs.includes(null)) return null;
        v = outs.reduce((a: number, b) => a + b!, 0);
        if (nr + co !== v + cf) return null;
      } else return null;
    }
    if (v === null || v < 0 || !Number.isInteger(v)) return null;
    figures.push(v);
  }
  return figures;
}

/**
 * Rows one figure short where two neighbouring cells' figures were printed together, no space
 * between them (pypdf's text of a tight table: 371 0 64892 0 0 15465417 for … 154 65417): a figure
 * is cut in two where exactly one cut keeps the row's total and no empty cell (counted as 0) would
 * keep it instead. Taken only when then every identity of each column a cut touches is known and
 * holds; otherwise none is taken and the rows are left to solveShortRows. Returns the rows left.
 */
function gluedPairsInShortRows(pending: ShortRow[], version: TemplateVersion, out: TablesResult): ShortRow[] {
  const taken: { p: ShortRow; cells: ValueToken[]; columns: number[] }[] = [];
  for (const p of pending) {
    if (p.keys.length !== 7 || p.figures.length !== 6 || !p.figures.every((f) => f.kind === 'number' && Number.isInteger(f.value) && f.value >= 0)) continue;
    const v = p.figures.map((f) => (f as Extract<ValueToken, { kind: 'number' }>).value);
    const blankFits = [0, 1, 2, 3, 4, 5, 6].some((c) => sevenAddUp([...v.slice(0, c), 0, ...v.slice(c)]));
    if (blankFits) continue;
    const cuts: { cells: ValueToken[]; at: number }[] = [];
    p.figures.forEach((f, j) => {
      const raw = f.raw.normalize('NFKC').trim();
      if (!/^\d{2,}$/.test(raw)) return;
      for (let s = 1; s < raw.length; s++) {
        const [a, b] = [raw.slice(0, s), raw.slice(s)];
        if (/^0\d/.test(a) || /^0\d/.test(b)) continue;
        const parts = [partToken(f, a)!, partToken(f, b)!];
        const cells = [...p.figures.slice(0, j), ...parts, ...p.figures.slice(j + 1)];
        if (sevenAddUp(cells.map((c) => (c as Extract<ValueToken, { kind: 'number' }>).value))) cuts.push({ cells, at: j });
      }
    });
    if (cuts.length === 1) taken.push({ p, cells: cuts[0].cells, columns: [cuts[0].at, cuts[0].at + 1] });
  }
  if (taken.length === 0) return pending;
  const before = new Map(taken.flatMap(({ p }) => p.keys.map((k) => [k, out.cells[k]] as const)));
  for (const { p, cells } of taken) p.keys.forEach((k, c) => setCell(out, k, cells[c]));
  const outcomes = outcomeRowKeys(version);
  const value = (row: string, c: number) => out.cells[`t3.${row}.${T3_COLUMN_KEYS[c]}`] ?? null;
  const checked = (c: number) => ['total', 'newReceived', 'carriedOver', 'carriedForward', ...outcomes].every((row) => value(row, c) !== null) && brokenT3Column(value, undefined, outcomes, c) === 0;
  if (!taken.every(({ columns }) => columns.every(checked))) {
    for (const [k, x] of before) {
      out.cells[k] = x ?? null;
      delete out.cellSources[k];
    }
    return pending;
  }
  const settled = new Set(taken.map(({ p }) => p.keys));
  out.readIssues = out.readIssues.filter((i) => !(i.cells && settled.has(i.cells)));
  return pending.filter((p) => !settled.has(p.keys));
}

/** A table-三 row read with fewer figures than columns, its blank cells leaving no trace. */
interface ShortRow {
  row: RowRead;
  keys: string[];
  figures: ValueToken[];
  /** The finding it was given: kept when the identities do not settle it. */
  message: string;
}

/**
 * Text in a PDF's drawing order can put one cell of a row after the next row's figures (the
 * total of （七）总计 drawn after 四、结转下年度's cells). A row read whole whose total breaks,
 * beside a row read one figure short whose own total this row's first or last figure would
 * make hold exactly: that figure may be either row's, so this row is not read by position.
 */
/** Seven figures of a table-三 row whose seventh (总计) is the sum of the six. */
function sevenAddUp(v: number[]): boolean {
  return v.length === 7 && v[0] + v[1] + v[2] + v[3] + v[4] + v[5] === v[6];
}

function edgeFigureOfAShortNeighbour(rows: RowRead[], short: ShortRow[], out: TablesResult): void {
  const shortOf = new Map(short.map((s) => [s.row, s] as const));
  rows.forEach((r, i) => {
    const keys = rowKeysOf('t3', r.entry.rowKey!, r.entry.columns!);
    const v = keys.map((k) => out.cells[k]);
    if (keys.length !== 7 || v.some((x) => typeof x !== 'number') || sevenAddUp(v as number[])) return;
    const edges = [v[0] as number, v[6] as number];
    const taken = [rows[i - 1], rows[i + 1]].some((n) => {
      const s = n && shortOf.get(n);
      if (!s || s.figures.length !== 6) return false;
      const own = s.figures.map((f) => (f.kind === 'number' ? f.value : NaN));
      return edges.some((e) => sevenAddUp([...own, e]) || sevenAddUp([e, ...own]));
    });
    if (!taken) return;
    for (const k of keys) delete out.cells[k], delete out.cellSources[k];
    unreadableRow(out, keys, r.labelPos, `${TABLE_NAME.t3}“${r.printed}”的合计不等于各列之和，而相邻一行少一个数字、正好差这一行首尾的一个数字（文字按绘制顺序输出时单元格可能错到邻行），无法确定这一行的数字，相关单元格按空白处理。`);
  });
}

/** Ways to place `blanks` blank cells among `n` columns (ascending column sets). */
function blankPlacements(n: number, blanks: number): number[][] {
  if (blanks === 0) return [[]];
  const out: number[][] = [];
  for (let first = 0; first < n; first++) for (const rest of blankPlacements(n, blanks - 1)) if (rest.every((c) => c > first)) out.push([first, ...rest]);
  return out;
}

/**
 * Table-三 rows holding one or two figures fewer than columns, where the text kept no trace
 * of the blank cells (one cell per line; figures parted by single spaces). Each way to place
 * the blanks among the figures, in their order, is tried with the table's identities, a
 * blank counting as 0 there (as the report's own totals count it): the row is read when
 * exactly one set of figures makes every identity hold and every other breaks at least two
 * (a figure moved to another column breaks the identity of each column it leaves and enters).
 * Placements giving the same figures differ only in which 0 of a run of zeros was the blank:
 * those cells are 0 or blank, and stay unreadable; the rest of the row is read. Where no
 * placement settles it so, a row's one blank is tried as the figure its row total gives (a
 * figure erased from a cell whose totals were kept): every identity must hold again, and
 * every other placement break at least two.
 * Nothing is settled while another cell of the table is unread, a row missing, or a zero
 * written as a mark (a dash read as no figure would look like a blank).
 */
function solveShortRows(pending: ShortRow[], tokens: Token[], version: TemplateVersion, out: TablesResult, seen: Set<string>): void {
  if (pending.length === 0 || pending.length > 3) return;
  const t3Rows = TEMPLATES[version].t3.rows.map((r) => r.key).filter((k) => k !== 'other.total' || version === '2019');
  if (t3Rows.some((k) => !seen.has(k))) return;
  if (tokens.some((t) => t.type === 'value' && (t.kind === 'invalid' || (t.kind === 'number' && t.zeroNotation)))) return;
  const own = new Set(pending.flatMap((p) => p.keys));
  if (out.readIssues.some((i) => !pending.some((p) => p.keys === i.cells) && i.cells?.some((k) => k.startsWith('t3.') && !own.has(k)))) return;
  const rowKeyOf = (p: ShortRow) => p.row.entry.rowKey!;
  const options = pending.map((p) => blankPlacements(p.keys.length, p.keys.length - p.figures.length).map((blanks) => {
    const cells: (ValueToken | null)[] = [];
    let f = 0;
    for (let c = 0; c < p.keys.length; c++) cells.push(blanks.includes(c) ? null : p.figures[f++]);
    return cells;
  }));
  const combos = options.reduce((n, o) => n * o.length, 1);
  if (combos > 10_000) return;
  const outcome = outcomeRowKeys(version);
  const assigned = new Map<string, (ValueToken | null)[]>();
  // How a blank counts: 0, as the report's own totals count an empty cell; or, where that
  // settles nothing, a row's one blank as its row total gives it (a figure erased from a cell
  // whose totals were kept).
  let erased = false;
  const cellValue = (a: (ValueToken | null)[], c: number): number => (a[c]?.kind === 'number' ? a[c]!.value : 0);
  const value = (row: string, c: number): number => {
    const a = assigned.get(row);
    if (!a) return out.cells[`t3.${row}.${T3_COLUMN_KEYS[c]}`] ?? 0;
    if (a[c] !== null || !erased || a.filter((x) => x === null).length !== 1) return cellValue(a, c);
    const last = a.length - 1;
    let parts = 0;
    for (let k = 0; k < last; k++) parts += cellValue(a, k);
    const v = c === last ? parts : cellValue(a, last) - parts;
    // (No count is negative: such a reading breaks every identity the cell is in.)
    return v < 0 ? NaN : v;
  };
  const broken = (): number => {
    let n = 0;
    for (let c = 0; c < T3_COLUMN_KEYS.length; c++) n += brokenT3Column(value, undefined, outcome, c);
    for (const p of pending) {
      const row = rowKeyOf(p);
      let parts = 0;
      for (let c = 0; c < T3_COLUMN_KEYS.length - 1; c++) parts += value(row, c);
      if (parts !== value(row, T3_COLUMN_KEYS.length - 1)) n++;
    }
    return n;
  };
  // Readings grouped by the figures they give (a blank as 0; as its own, where erased).
  const rank = () => {
    const classes = new Map<string, { broken: number; readings: (ValueToken | null)[][][] }>();
    const pick: number[] = Array(pending.length).fill(0);
    for (let k = 0; k < combos; k++) {
      let rest = k;
      for (let i = 0; i < pending.length; i++) {
        pick[i] = rest % options[i].length;
        rest = Math.floor(rest / options[i].length);
        assigned.set(rowKeyOf(pending[i]), options[i][pick[i]]);
      }
      const reading = pending.map((_, i) => options[i][pick[i]]);
      const id = reading.map((cells) => cells.map((x) => (x?.kind === 'number' ? x.value : erased ? 'b' : 0)).join(',')).join(';');
      const known = classes.get(id);
      if (known) known.readings.push(reading);
      else classes.set(id, { broken: broken(), readings: [reading] });
    }
    const ranked = [...classes.values()].sort((a, b) => a.broken - b.broken);
    if (ranked[0].broken === 0) someFits = true;
    return ranked[0].broken !== 0 || (ranked[1] && ranked[1].broken < 2) ? null : ranked[0].readings;
  };
  // Whether some placement of the blanks keeps every identity (in either way of counting them).
  let someFits = false;
  let best = rank();
  if (!best) {
    erased = true;
    best = rank();
  }
  if (!best) {
    // Nothing settled, but where some placement fits, each row's figures are all its figures:
    // its missing ones are blank cells, wherever they stand (cell-missing says so).
    if (someFits)
      for (const p of pending) {
        const issue = out.readIssues.find((i) => i.cells === p.keys);
        if (issue && p.keys.every((k) => out.cells[k] === null)) issue.blanks = p.keys.length - p.figures.length;
      }
    return;
  }
  const settled = new Set(pending.map((p) => p.keys));
  out.readIssues = out.readIssues.filter((i) => !(i.cells && settled.has(i.cells)));
  pending.forEach((p, i) => {
    const doubt: string[] = [];
    let settledBlanks = 0;
    p.keys.forEach((k, c) => {
      const first = best[0][i][c];
      if (best.every((r) => r[i][c] === first)) {
        if (first === null) settledBlanks++;
        setCell(out, k, first);
        out.cellSources[k] ??= { raw: '', pos: p.row.labelPos };
      } else doubt.push(k);
    });
    if (doubt.length)
      unreadableRow(
        out,
        doubt,
        p.row.labelPos,
        `${TABLE_NAME.t3}“${p.row.printed}”读到 ${p.figures.length} 个数字，应有 ${p.keys.length} 列（有单元格空白）；${doubt.length < p.keys.length ? `按表内勾稽关系其余各列已确定，这 ${doubt.length} 个单元格` : '各列都是 0，哪一个'}是 0 还是空白无法分辨，按空白处理。`,
        // The row's blanks not settled elsewhere are among these.
        p.keys.length - p.figures.length - settledBlanks,
      );
  });
}

/**
 * Table 三's identities that a reading breaks in column `c`: （七）总计 is the sum of the outcome
 * rows, and 新收 + 上年结转 = 总计 + 结转下年度. A null (unread) cell leaves its identity unchecked.
 */
function brokenT3Column<C>(value: (row: string, c: number, ctx: C) => number | null, ctx: C, outcomeRows: readonly string[], c: number): number {
  let n = 0;
  const total = value('total', c, ctx);
  if (total !== null) {
    let sum = 0;
    let known = true;
    for (const r of outcomeRows) {
      const v = value(r, c, ctx);
      if (v === null) {
        known = false;
        break;
      }
      sum += v;
    }
    if (known && sum !== total) n++;
  }
  const nr = value('newReceived', c, ctx), co = value('carriedOver', c, ctx), cf = value('carriedForward', c, ctx);
  if (nr !== null && co !== null && total !== null && cf !== null && nr + co !== total + cf) n++;
  return n;
}

/** Column index of each table-三 column key. */
const T3_COLUMN_INDEX = new Map(T3_COLUMN_KEYS.map((c, i) => [c, i]));

/** What one blank cell counts for against broken identities: a defect, as a wrong figure is (which breaks two or three). */
const BLANK_COST = 2;

/**
 * Whether the run, read with one cell blank (its six figures in the other columns), breaks
 * at most `budget` column identities with the other rows as chosen. Columns are checked as
 * they fill, so the search stops early; too many readings to search counts as yes.
 */
function blankExplainsAsWell(raw: string, rowKey: string, assign: Map<string, (number | null)[]>, budget: number, brokenIn: (c: string, assign: Map<string, (number | null)[]>) => number): boolean {
  if (budget < 0) return false;
  for (let blank = 0; blank < 7; blank++) {
    const row: (number | null)[] = Array(7).fill(null);
    assign.set(rowKey, row);
    // The blank column's identities that do not involve this row may still break.
    const base = brokenIn(T3_COLUMN_KEYS[blank], assign);
    if (base > budget) continue;
    const spent: number[] = [];
    const splits = enumerateSplits(raw, Array(6).fill('count'), (parts) => {
      const j = parts.length - 1;
      const col = j < blank ? j : j + 1;
      for (let k = j; k < 6; k++) row[k < blank ? k : k + 1] = null;
      row[col] = parts[j];
      spent[j] = (spent[j - 1] ?? base) + brokenIn(T3_COLUMN_KEYS[col], assign);
      return spent[j] <= budget;
    }, 5000);
    if (splits === null || splits.length > 0) return true;
  }
  return false;
}

function readAppeals(tokens: Token[], out: TablesResult, spacing: EdgeSpacing, rowsShownInOrder = true): void {
  const keys = tableKeys('2021', 't4').slice(); // its own array: findings may carry it
  // The data row: the longest stretch of values after the header (prose figures come singly).
  let best: ValueToken[] = [];
  let cur: ValueToken[] = [];
  let afterHeader = false;
  let headerPos: SourcePos | undefined;
  // Figures after the header in stretches other than the data row's.
  let elsewhere = 0;
  const bare = (v: ValueToken[]) => v.filter((t) => t.kind === 'number' && !t.embedded && !isProseFigure(t)).length;
  const flush = () => {
    if (afterHeader && nonBlank(cur).length > nonBlank(best).length) {
      elsewhere += bare(best);
      best = cur;
    } else if (afterHeader) elsewhere += bare(cur);
    cur = [];
  };
  for (const t of tokens) {
    if (t.type === 'label') {
      flush();
      if (t.entry.table === 't4') {
        afterHeader = true;
        headerPos ??= t.pos;
      }
    } else if (t.type === 'value') cur.push(t);
    else if (cur.length && nonBlank(cur).length) flush();
  }
  flush();
  const info: TableInfo = { present: afterHeader, missingRows: [], extraRows: [], labelVariants: {}, pos: headerPos };
  out.tables.t4 = info;
  if (!afterHeader) return;
  if (nonBlank(best).length === 0) {
    if (best.length === 0) info.missingRows = ['data'];
    return;
  }
  const a = assignValues(best, 15, spacing);
  // Before leaving the table unreadable: its figures in reading order, settled by its totals.
  const inOrder = a.status === 'cells' ? null : appealsInReadingOrder(tokens, rowsShownInOrder);
  if (inOrder) {
    keys.forEach((k, i) => {
      out.cells[k] = inOrder[i].value;
      out.cellSources[k] = { raw: inOrder[i].raw, pos: inOrder[i].pos, via: 'order' };
    });
    return;
  }
  if (a.status === 'cells') {
    keys.forEach((k, i) => setCell(out, k, a.cells[i]));
    const runs = keys.filter((_, i) => a.cells[i]?.kind === 'run');
    if (runs.length) unreadable(out, runs, undefined, headerPos, `表四有单元格写着几组数字（${a.cells.filter((c) => c?.kind === 'run').map((c) => c!.raw.trim()).join('、')}），无法确定是哪一个数，相关单元格按空白处理。`);
  }
  else if (a.status === 'run') {
    const spaced = spacedCells(a.run, Array(15).fill('count'));
    if (spaced) return void setSplit(out, keys, spaced, a.run, spacedParts(a.run));
    if (cleanlySpaced(a.run)) {
      const parts = spacedParts(a.run);
      if ((parts.length === 14 || parts.length === 13) && elsewhere === 0 && parts.every((x) => /^\d+$/.test(x)) && appealsWithOneBlank(out, keys, parts.map((x) => ({ value: Number(x), raw: x, pos: a.run.pos })))) return;
      // No blank cell keeps the groups' totals: two neighbouring cells printed together (pypdf's
      // text of a tight table: 0 0 0 0 0 20 0 0 22 …), one cut of a figure (no cut across a space)
      // keeping every group's total.
      if ((parts.length === 14 || parts.length === 13) && elsewhere === 0 && parts.every((x) => /^\d+$/.test(x))) {
        const cuts = splitAppealsRow(a.run.raw);
        if (cuts && cuts.length === 1) return void setSplit(out, keys, cuts[0], a.run);
      }
      return void unreadable(out, keys, a.run, headerPos, tooFewPartsMessage('表四', a.run, 15));
    }
    const cands = splitAppealsRow(a.run.raw);
    if (cands && cands.length === 1) setSplit(out, keys, cands[0], a.run);
    else unreadable(out, keys, a.run, undefined, `表四的数字连在一起（${a.run.raw.trim()}），${cands ? `有 ${cands.length} 种符合各组总计的拆分方式` : '无法拆分'}，相关单元格按空白处理。`);
  } else {
    const settled = edgeBlanksByIdentities(best, 15, spacing);
    const figures = best.filter((t) => t.kind !== 'blank');
    if (settled) keys.forEach((k, i) => setCell(out, k, settled[i]));
    // (Not with a figure standing apart among the header words — a drawing order that puts
    // each group's figures under its own header: the figure missing from the row may be that one.)
    else if ((figures.length === 14 || figures.length === 13) && elsewhere === 0 && figures.every((t) => t.kind === 'number' && Number.isInteger(t.value) && t.value >= 0 && !t.zeroNotation && !t.embedded) && appealsWithOneBlank(out, keys, figures as Extract<ValueToken, { kind: 'number' }>[])) return;
    else unreadable(out, keys, best[0], headerPos, `表四：${a.reason}，相关单元格按空白处理。`);
  }
}

/**
 * Table 四 read with 13 figures for its 15 cells (two blanks leaving no trace): nothing is read,
 * but where some two places for the blanks keep the three groups' totals (each counted as 0),
 * the two blanks are known to be among the 15 cells (cell-missing says so). Otherwise false.
 */
function appealsWithTwoBlanks(out: TablesResult, keys: string[], figures: { value: number; raw: string; pos: SourcePos }[]): boolean {
  const fits = blankPlacements(15, 2).some((blanks) => {
    let f = 0;
    const v = keys.map((_, c) => (blanks.includes(c) ? 0 : figures[f++].value));
    return [0, 5, 10].every((g) => v[g] + v[g + 1] + v[g + 2] + v[g + 3] === v[g + 4]);
  });
  if (!fits) return false;
  unreadable(out, keys, undefined, figures[0].pos, `表四读到 13 个数字，应有 15 列（有两个单元格空白）；无法确定各数字所在的列，相关单元格按空白处理。`, 2);
  return true;
}

/**
 * Table 四 read with 14 figures for its 15 cells, the blank leaving no trace (one cell per line,
 * figures parted by single spaces). Each place for the blank is tried, counted as 0 as the
 * report's totals count it: where every place that keeps the three groups' totals gives the
 * same figures, the row is read — the blank where only one place fits; where several do (a
 * run of zeros), those cells are 0 or blank and stay unreadable. Where places that keep the
 * totals give different figures, nothing is read but the blank is known to be among the 15
 * cells (cell-missing says so). Where no place keeps them, nothing is read (false).
 */
function appealsWithOneBlank(out: TablesResult, keys: string[], figures: { value: number; raw: string; pos: SourcePos }[]): boolean {
  if (figures.length === 13) return appealsWithTwoBlanks(out, keys, figures);
  const fits: number[] = [];
  const shapes = new Set<string>();
  for (let blank = 0; blank < 15; blank++) {
    const v = [...figures.slice(0, blank).map((f) => f.value), 0, ...figures.slice(blank).map((f) => f.value)];
    if (![0, 5, 10].every((g) => v[g] + v[g + 1] + v[g + 2] + v[g + 3] === v[g + 4])) continue;
    shapes.add(v.join());
    fits.push(blank);
  }
  if (fits.length === 0) return false;
  // Places giving different figures (0 0 0 0 | 0 0 3 0 3 …: the blank before or after the 3):
  // nothing is read, but a blank there is (every place that keeps the totals is one blank).
  if (shapes.size > 1) {
    unreadable(out, keys, undefined, figures[0].pos, `表四读到 14 个数字，应有 15 列（有一个单元格空白）；空白放在 ${fits.length} 处都符合各组总计而各列数字不同，无法确定各数字所在的列，相关单元格按空白处理。`, 1);
    return true;
  }
  const doubtful = fits.length > 1 ? fits.map((b) => keys[b]) : [];
  keys.forEach((k, i) => {
    if (fits.includes(i)) {
      out.cells[k] = null;
      if (fits.length === 1) out.cellSources[k] = { raw: '', pos: figures[Math.min(i, 13)].pos };
      return;
    }
    const f = figures[i < fits[0] ? i : i - 1];
    out.cells[k] = f.value;
    out.cellSources[k] = { raw: f.raw, pos: f.pos };
  });
  if (doubtful.length)
    unreadable(out, doubtful, undefined, figures[0].pos, `表四读到 14 个数字，应有 15 列（有一个单元格空白）；${doubtful.length < 15 ? `按各组总计其余各列已确定，这 ${doubtful.length} 个单元格` : '各列都是 0，哪一个'}是 0 还是空白无法分辨，按空白处理。`, 1);
  return true;
}

/**
 * Table 四 in a PDF's text in its drawing order: the figures come between the header words, each
 * group's four results in column order, but a group's 总计 (a cell drawn after others) may come
 * later than its results, after the next group's. Read only when there are exactly 15 figures,
 * each a cell of its own, and every placing of the three totals (each after its own results, in
 * group order) that makes every group's results add up to its total gives the same cells.
 */
function appealsInReadingOrder(tokens: Token[], groupsInOrder: boolean): { value: number; raw: string; pos: SourcePos }[] | null {
  const first = tokens.findIndex((t) => t.type === 'label' && t.entry.table === 't4');
  if (first < 0) return null;
  const figures: { value: number; raw: string; pos: SourcePos }[] = [];
  // Which stretch between header words each figure stands in.
  const stretch: number[] = [];
  let words = 0;
  for (const t of tokens.slice(first)) {
    if (t.type === 'label' || t.type === 'text') {
      words++;
      continue;
    }
    if (t.kind === 'blank') continue;
    if (PAGE_NUMBER.test(t.raw.trim()) || isProseFigure(t)) continue;
    if (t.kind !== 'number' || t.embedded || !/^\d+$/.test(t.raw.trim())) return null;
    figures.push(t);
    stretch.push(words);
  }
  if (figures.length !== 15) return null;
  const readings: { order: number[]; together: boolean; apart: boolean; natural: boolean }[] = [];
  for (let a = 4; a < 15; a++)
    for (let b = a + 1; b < 15; b++)
      for (let c = b + 1; c < 15; c++) {
        const parts = figures.map((f) => f.value).filter((_, i) => i !== a && i !== b && i !== c);
        const at = [a, b, c];
        // Each total after its group's fourth result: the (4g+3)-th result stands before position at[g].
        const resultPos = figures.map((_, i) => i).filter((i) => i !== a && i !== b && i !== c);
        if (at.some((p, g) => resultPos[4 * g + 3] > p)) continue;
        if (at.some((p, g) => parts[4 * g] + parts[4 * g + 1] + parts[4 * g + 2] + parts[4 * g + 3] !== figures[p].value)) continue;
        const order = [0, 1, 2].flatMap((g) => [...resultPos.slice(4 * g, 4 * g + 4), at[g]]);
        const together = [0, 1, 2].every((g) => stretch[resultPos[4 * g]] === stretch[resultPos[4 * g + 3]]);
        // A total drawn late comes after another group's four results, never before or amid
        // them in their stretch between header words.
        // (Where the groups' order itself is in doubt, a total right after its own fourth result
        // may be where the table puts it: that placing is not ruled out.)
        const apart = at.every((p, g) => (!groupsInOrder && p === resultPos[4 * g + 3] + 1) || [0, 1, 2].every((h) => h === g || stretch[resultPos[4 * h]] !== stretch[p] || p > resultPos[4 * h + 3]));
        // Each total right after its own fourth result: the order the table's cells stand in.
        const natural = at.every((p, g) => p === resultPos[4 * g + 3] + 1);
        readings.push({ order, together, apart, natural });
      }
  const same = (x: number[], y: number[]) => x.every((i, k) => figures[i].value === figures[y[k]].value);
  // Every placing gives the same cells; or, where zeros let a result pass for another group's
  // (0 | 15 16 8 → 0 15 16 8), only one reading keeps each group's four results together
  // between the same header words, as the table prints them; or only one of those keeps each
  // late total after the other group's results it stands with (29 24 0 18 0 | 总计 | 71: the
  // first 0 a result, the last a total).
  const settle = (list: typeof readings) => (list.length && list.every((r) => same(r.order, list[0].order)) ? list[0].order : null);
  // (Where table 三 of the same text does not show its figures come row by row, the groups may
  // not come in their order either — pdfminer's text gives a table column by column: only a
  // reading that keeps each group's results between the same header words is taken.)
  const together = readings.filter((r) => r.together);
  let found = (groupsInOrder ? settle(readings) : null) ?? settle(together);
  if (!found) {
    const apartOnes = together.filter((r) => r.apart);
    found = settle(apartOnes);
    // Only the rule that a late total stands after another group's results settles it; the cells'
    // own order (each total right after its results, its figures parted by no header word —
    // 0 0 0 0 0 17 0 27 0 | 总计 | 44, pdftotext's reading order) is as good a reading of the text.
    // (So is it where that total stands past header words, first in the next stretch: … 持 | 0 0 0 0
    // | 总计 结果 … | 0 1 0 0 0 | 总计 | 1 is review's total 0 then 1 0 0 0 in one report, 0 0 0 0 | 0 0 3 1 0 |
    // 总计 | 4 a late total in another — the same text.)
    if (found && together.some((r) => r.natural && !same(r.order, found!))) found = null;
  }
  if (found) return found.map((i) => figures[i]);
  // No placing adds up (a total printed wrong): the header words still part the figures into
  // each group's four results and its total, one after another (… 审结 | 2 0 1 0 | 总计 | 3):
  // read as printed, and let the rules report the total.
  const sizes: number[] = [];
  stretch.forEach((w, i) => (i > 0 && w === stretch[i - 1] ? sizes[sizes.length - 1]++ : sizes.push(1)));
  return readings.length === 0 && sizes.join() === '4,1,4,1,4,1' ? figures : null;
}

/**
 * Table 四's row with empty fields at both ends (an empty label column before it, an
 * empty last cell after it, say) and more than fit: which edge blanks are cells is
 * settled when exactly one choice keeps every group total that can be checked, and each
 * other choice breaks one.
 */
function edgeBlanksByIdentities(all: ValueToken[], n: number, spacing: EdgeSpacing): (ValueToken | null)[] | null {
  let start = 0;
  let end = all.length;
  if (spacing.trail) while (end > 0 && isEdgeBlank(all[end - 1])) end--;
  if (spacing.lead) while (start < end && isEdgeBlank(all[start])) start++;
  const values = all.slice(start, end);
  let lead = 0;
  while (lead < values.length && values[lead].kind === 'blank') lead++;
  let trail = 0;
  while (trail < values.length - lead && values[values.length - 1 - trail].kind === 'blank') trail++;
  const core = values.slice(lead, values.length - trail);
  if (core.some((t) => t.kind === 'run') || core.length > n || lead + trail + core.length <= n) return null;
  const need = n - core.length;
  const fits: { cells: (ValueToken | null)[]; broken: number; brokenAsZero: number }[] = [];
  for (let before = Math.max(0, need - trail); before <= Math.min(lead, need); before++) {
    const cells = [...values.slice(lead - before, lead), ...core, ...values.slice(values.length - trail, values.length - trail + need - before)];
    let broken = 0;
    let brokenAsZero = 0;
    for (let g = 0; g < n; g += 5) {
      const v = cells.slice(g, g + 5).map((t) => (t?.kind === 'number' ? t.value : null));
      if (v.every((x) => x !== null) && v[0]! + v[1]! + v[2]! + v[3]! !== v[4]) broken++;
      const z = v.map((x) => x ?? 0);
      if (z[0] + z[1] + z[2] + z[3] !== z[4]) brokenAsZero++;
    }
    fits.push({ cells, broken, brokenAsZero });
  }
  if (fits.length < 2) return null;
  const holding = fits.filter((f) => f.broken === 0);
  if (holding.length === 1) return holding[0].cells;
  // Blanks left unverifiable both ways: a blank counts as 0 in the report's own totals. One
  // choice keeping every total that way, and every other breaking one, settles it.
  const asZero = fits.filter((f) => f.brokenAsZero === 0);
  return asZero.length === 1 ? asZero[0].cells : null;
}
