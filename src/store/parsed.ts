/**
 * What a parse worker hands back for one file, shaped for storing: the outcome without display
 * lines, its cells as ready columns, and the prose bands. The columns are made in the worker, so
 * the process that writes to the database (one thread for every worker) receives a few strings
 * or byte runs per report and joins them, instead of walking ~200 cell sources per report and
 * serialising their provenance, or taking apart ~200 small arrays (their copying and collection
 * was a good part of that process's time). For PostgreSQL the sections and findings come as
 * ready rows too (PgReportRows).
 */
import type { ParseOutcome } from '../pipeline.js';
import type { CellSource, Finding, Section } from '../core/types.js';
import { isConsolidatedTitle } from '../core/agency.js';
import { PROSE_SECTIONS, proseOf, proseShingles, shingleBands, normaliseProse } from '../core/similarity.js';
import { copyRowsOf, copyRowValues, copyRowsWithId, PgElements, type CopyRows, type PgElementType } from './pg-binary.js';
import { HISTORY_READS, HISTORY_RULES } from '../check/history/index.js';
import copiedReport, { comparedProse } from '../check/history/copied-report.js';

type Ok = Extract<ParseOutcome, { ok: true }>;
export type SlimOutcome = Omit<Ok, 'lines' | 'cells' | 'cellSources'> | Extract<ParseOutcome, { ok: false }>;

/** One stored cell: key, value (null = blank), the raw token, provenance as JSON (without raw). */
export type CellRow = [key: string, value: number | null, raw: string | null, provenance: string | null];

/**
 * A report's cells as one JSON array per column, all of `count` elements, in the same order:
 * keys (strings), values (numbers or null; a number that is not finite is null, as stored),
 * raw tokens and provenance (strings or null). PostgreSQL takes each almost as it is (an array
 * literal); SQLite reads the rows back with cellRowsOf.
 */
export interface JsonCellColumns {
  count: number;
  keys: string;
  values: string;
  raws: string;
  provenance: string;
}

/**
 * The same rows in COPY's binary format (pg-copy.ts), made by the parse process when the store is
 * PostgreSQL: each row its five fields — report_id (written as 0: the writer puts the id in when
 * it is known), key, value, raw, provenance. The writer sends a batch's rows to the server as they
 * are, and the server reads them without parsing text.
 */
export type PgCellColumns = CopyRows;

export type CellColumns = JsonCellColumns | PgCellColumns;

/** How a parse process hands a report's cells over: JSON columns, or PostgreSQL's binary elements. */
export type CellFormat = 'json' | 'pg';

export const NO_CELLS: JsonCellColumns = { count: 0, keys: '[]', values: '[]', raws: '[]', provenance: '[]' };

export function cellColumns(rows: readonly CellRow[]): JsonCellColumns {
  if (rows.length === 0) return NO_CELLS;
  return {
    count: rows.length,
    keys: JSON.stringify(rows.map((r) => r[0])),
    values: JSON.stringify(rows.map((r) => r[1])),
    raws: JSON.stringify(rows.map((r) => r[2])),
    provenance: JSON.stringify(rows.map((r) => r[3])),
  };
}

/** The rows of cellColumns, back (refused when the columns do not hold `count` elements each). */
export function cellRowsOf(c: CellColumns): CellRow[] {
  if (c.count === 0) return [];
  if ('copy' in c) return copyCellRows(c);
  const cols = [c.keys, c.values, c.raws, c.provenance].map((t) => JSON.parse(t) as unknown[]);
  if (cols.some((col) => !Array.isArray(col) || col.length !== c.count)) throw new Error(`cell columns of unequal length (expected ${c.count})`);
  return cols[0].map((k, i) => [k as string, cols[1][i] as number | null, cols[2][i] as string | null, cols[3][i] as string | null]);
}

export interface ParsedFile {
  outcome: SlimOutcome;
  /** Every template cell of a read report (none for a failure). */
  cells: CellColumns;
  bands: string[];
  consolidated: boolean;
  /**
   * A read report's section and finding rows as COPY rows (report_id written as 0), made by the
   * parse process for a PostgreSQL store: its outcome then holds no sections and findings (the
   * writer would only turn them into these rows), and the counts of its findings are here.
   */
  rows?: PgReportRows;
  /**
   * What the history rules read of the report (HISTORY_READS), as the store holds it: made by the
   * parse process for a PostgreSQL store, so the ingest's history checks need not read back from
   * the server what it has just written (see WrittenViews).
   */
  history?: HistoryData;
}

/**
 * What the history rules read of a report (HISTORY_READS), with the values a read of the store
 * gives back: the cells it holds (a blank, or a number that is not finite, is null; −0 is 0), the
 * first section of each key, its text as UTF-8 keeps it (a lone surrogate is U+FFFD). The cells
 * are numbers in HISTORY_READS.cells' order, not an object of ~60 members: an ingest keeps
 * thousands of these, and typed arrays cost its garbage collector nothing to trace (historyCells
 * gives the object back). The prose copied-report compares is kept as its shingles (the parse
 * process cut them for the MinHash bands), and the sections no other rule reads are left out.
 */
export interface HistoryData {
  /** Each cell's value, NaN where none (null, or no such cell: `present` tells). */
  values: Float64Array;
  /** 1 where the report has the cell (its value a number or null), 0 where it has none. */
  present: Uint8Array;
  /** The sections of TEXT_SECTIONS the report has. */
  sections: Record<string, string>;
  /** copied-report's shingles of the prose (HistoryReport.shingles). */
  shingles: Uint32Array | null;
}

/** Sections the history rules read as text: those of HISTORY_READS that a rule other than copied-report reads. */
export const TEXT_SECTIONS: readonly string[] = [...new Set(HISTORY_RULES.filter((r) => r !== copiedReport).flatMap((r) => r.reads.sections))];

/**
 * `shingles`: the report's prose shingles when the caller has them (the bands' own, when the prose
 * they were cut from is the prose copied-report compares: see proseAsCompared); else cut here.
 */
export function historyDataOf(cells: Record<string, number | null | undefined>, sections: readonly Section[], shingles?: Uint32Array | null): HistoryData {
  const keys = HISTORY_READS.cells;
  const values = new Float64Array(keys.length);
  const present = new Uint8Array(keys.length);
  keys.forEach((key, i) => {
    const v = Object.prototype.hasOwnProperty.call(cells, key) ? cells[key] : undefined;
    present[i] = Object.prototype.hasOwnProperty.call(cells, key) ? 1 : 0;
    values[i] = v === null || v === undefined || !Number.isFinite(v) ? NaN : v === 0 ? 0 : v;
  });
  const first: Record<string, string> = {};
  for (const s of sections) if (!Object.prototype.hasOwnProperty.call(first, s.key)) first[s.key] = wellFormed(s.text ?? '');
  const kept: Record<string, string> = {};
  for (const k of TEXT_SECTIONS) if (Object.prototype.hasOwnProperty.call(first, k)) kept[k] = first[k];
  return { values, present, sections: kept, shingles: shingles !== undefined ? shingles : proseShingles(normaliseProse(comparedProse(first))) };
}

/**
 * Whether proseOf's text (the bands') normalises to the prose copied-report compares: its
 * sections appear at most once each, in PROSE_SECTIONS' order, with no lone surrogates — then the
 * two differ only in the line breaks between sections, which normalising removes.
 */
export function proseAsCompared(sections: readonly Section[]): boolean {
  let last = -1;
  for (const s of sections) {
    const i = (PROSE_SECTIONS as string[]).indexOf(s.key);
    if (i < 0) continue;
    if (i <= last) return false;
    last = i;
    if (s.text && !(s.text as unknown as { isWellFormed(): boolean }).isWellFormed()) return false;
  }
  return true;
}

/** The cells of a HistoryData, as a read of the store gives them (key → number or null). */
export function historyCells(data: HistoryData): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  HISTORY_READS.cells.forEach((key, i) => {
    if (!data.present[i]) return;
    const v = data.values[i];
    out[key] = Number.isNaN(v) ? null : v;
  });
  return out;
}

/** The string as UTF-8 stores it: lone surrogates replaced by U+FFFD. */
function wellFormed(s: string): string {
  return (s as unknown as { toWellFormed(): string }).toWellFormed();
}

export interface PgReportRows {
  sections: CopyRows;
  findings: CopyRows;
  errors: number;
  warnings: number;
}

export const SECTION_COLS = [['report_id', 'int'], ['key', 'text'], ['title', 'text'], ['numbering', 'text'], ['ord', 'int'], ['text', 'text']] as const;
export const FINDING_COLS = [
  ['report_id', 'int'],
  ['rule', 'text'],
  ['severity', 'text'],
  ['message', 'text'],
  ['cells', 'text'],
  ['pos', 'text'],
  ['expected', 'text'],
  ['found', 'text'],
  ['origin', 'text'],
] as const;
const SECTION_TYPES = SECTION_COLS.map((c) => c[1]);
const FINDING_TYPES = FINDING_COLS.map((c) => c[1]);

/** A report's stored sections: the first of each key, in order (ord: its line order, else its place). */
export function sectionRows(id: number, sections: readonly Section[]): unknown[][] {
  const seen = new Set<string>();
  const rows: unknown[][] = [];
  sections.forEach((s, i) => {
    if (seen.has(s.key)) return;
    seen.add(s.key);
    rows.push([id, s.key, s.title, s.numbering ?? '', s.order ?? i, s.text ?? '']);
  });
  return rows;
}

export function findingRow(reportId: number, f: Finding, origin: 'report' | 'history') {
  return {
    report_id: reportId,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    cells: JSON.stringify(f.cells ?? []),
    pos: f.pos ? JSON.stringify(f.pos) : null,
    expected: f.expected === undefined || f.expected === null ? null : String(f.expected),
    found: f.found === undefined || f.found === null ? null : String(f.found),
    origin,
  };
}

/** findingRow as the values of FINDING_COLS, in order. */
export function findingValues(reportId: number, f: Finding, origin: 'report' | 'history'): unknown[] {
  const r = findingRow(reportId, f, origin);
  return [r.report_id, r.rule, r.severity, r.message, r.cells, r.pos, r.expected, r.found, r.origin];
}

/** A report's section rows: the parse process's COPY rows, read back, or made from its outcome (SQLite, tests). */
export function sectionRowsOf(parsed: ParsedFile, id: number): unknown[][] {
  const o = parsed.outcome;
  if (parsed.rows) return copyRowValues(SECTION_TYPES, parsed.rows.sections).map((r) => [id, ...r.slice(1)]);
  return o.ok ? sectionRows(id, o.sections) : [];
}

/** A report's finding rows (origin 'report'), likewise. */
export function findingRowsOf(parsed: ParsedFile, id: number): unknown[][] {
  const o = parsed.outcome;
  if (parsed.rows) return copyRowValues(FINDING_TYPES, parsed.rows.findings).map((r) => [id, ...r.slice(1)]);
  return o.ok ? o.findings.map((f) => findingValues(id, f, 'report')) : [];
}

/** A report's section and finding rows as COPY rows with its id (PostgreSQL): as the parse process wrote them, or made here. */
export function copyReportRows(parsed: ParsedFile, id: number): { sections: Uint8Array; findings: Uint8Array } {
  if (parsed.rows)
    return { sections: copyRowsWithId(parsed.rows.sections, SECTION_COLS.length, id), findings: copyRowsWithId(parsed.rows.findings, FINDING_COLS.length, id) };
  return { sections: copyRowsOf(SECTION_TYPES, sectionRowsOf(parsed, id)).copy, findings: copyRowsOf(FINDING_TYPES, findingRowsOf(parsed, id)).copy };
}

/** A report's counts of findings by severity (errors, warnings). */
export function findingCounts(parsed: ParsedFile): { errors: number; warnings: number } {
  if (parsed.rows) return { errors: parsed.rows.errors, warnings: parsed.rows.warnings };
  const o = parsed.outcome;
  if (!o.ok) return { errors: 0, warnings: 0 };
  return { errors: o.findings.filter((f) => f.severity === 'error').length, warnings: o.findings.filter((f) => f.severity === 'warning').length };
}

/** A cell's provenance as stored: its source without the raw token, as JSON (null when nothing else). */
export function provenanceOf(s: CellSource | undefined): string | null {
  if (!s) return null;
  // JSON.stringify of the source without raw, written member by member in JSON's order (for…in's
  // over own keys: a plain object has no others): a position of whole numbers, as most are,
  // without the generic stringify. A third of the time of stringifying the whole source and
  // cutting raw out of it.
  const plain = Object.getPrototypeOf(s) === Object.prototype;
  let out = '';
  let others = false;
  for (const key in s) {
    if (key === 'raw' || (!plain && !Object.prototype.hasOwnProperty.call(s, key))) continue;
    others = true;
    const v = (s as unknown as Record<string, unknown>)[key];
    const json = key === 'pos' ? posJson(v) : JSON.stringify(v);
    if (json === undefined) continue;
    out += `${out ? ',' : '{'}${key === 'pos' ? '"pos"' : JSON.stringify(key)}:${json}`;
  }
  return out ? `${out}}` : others ? '{}' : null;
}

/** JSON.stringify of a source position: by hand when its members are plain numbers' names and whole numbers. */
function posJson(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return JSON.stringify(v);
  let out = '';
  for (const key in v) {
    const n = (v as Record<string, unknown>)[key];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isInteger(n) || !(key === 'line' || key === 'column' || key === 'length' || key === 'page' || key === 'x' || key === 'y')) return JSON.stringify(v);
    out += `${out ? ',' : '{'}"${key}":${n}`;
  }
  return out ? `${out}}` : '{}';
}

export function slim(outcome: ParseOutcome, format: CellFormat = 'json'): ParsedFile {
  if (!outcome.ok) return { outcome, cells: NO_CELLS, bands: [], consolidated: false };
  const { lines: _lines, cells, cellSources, ...rest } = outcome;
  const shingles = proseShingles(proseOf(rest.sections));
  const bands = shingles ? shingleBands(shingles) : [];
  const consolidated = isConsolidatedTitle(rest.meta.title);
  if (format !== 'pg') return { outcome: rest, cells: cellColumnsOf(cells, cellSources), bands, consolidated };
  const { sections, findings } = rest;
  const { errors, warnings } = findingCounts({ outcome: rest, cells: NO_CELLS, bands, consolidated });
  return {
    outcome: { ...rest, sections: [], findings: [] },
    cells: pgCellColumnsOf(cells, cellSources),
    bands,
    consolidated,
    rows: {
      sections: copyRowsOf(SECTION_TYPES, sectionRows(0, sections), PG_SCRATCH),
      findings: copyRowsOf(FINDING_TYPES, findings.map((f) => findingValues(0, f, 'report')), PG_SCRATCH),
      errors,
      warnings,
    },
    history: historyDataOf(cells, sections, proseAsCompared(sections) ? shingles : undefined),
  };
}

/** The writer reused by pgCellColumnsOf (its content copied out at the end). */
const PG_SCRATCH = new PgElements(65536);

/** The last report's keys (in the cells' order) and the same sorted: reports of a template share them. */
let lastKeys: string[] = [];
let lastSorted: string[] = [];

/** A report's cell keys in code-unit order (computed once for each new key sequence). */
function sortedKeysOf(cells: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const key in cells) if (Object.prototype.hasOwnProperty.call(cells, key)) keys.push(key);
  if (keys.length === lastKeys.length && keys.every((k, i) => k === lastKeys[i])) return lastSorted;
  lastKeys = keys;
  lastSorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return lastSorted;
}

/**
 * cellColumnsOf as rows of COPY's binary format: the same rows (null for a blank or a number that
 * is not finite), in key order. The server then adds a batch's cells to the primary key
 * (report_id, key) in ascending order, each on the rightmost leaf page it holds on to, instead of
 * searching the index from its root for every key out of order (server CPU of inserting 640
 * reports' cells into a table of 200,000: 0.70 → 0.58 ms a report). A report's cells are read by
 * that index, in key order, either way.
 */
export function pgCellColumnsOf(cells: Record<string, number | null | undefined>, sources: Record<string, CellSource | undefined>): CellColumns {
  const w = PG_SCRATCH.reset();
  let count = 0;
  for (const key of sortedKeysOf(cells)) {
    const src = sources[key];
    w.row(CELL_FIELDS);
    w.int(0);
    w.text(key);
    const v = cells[key];
    if (v === null || v === undefined) w.null();
    else w.float(v);
    w.value('text', src?.raw);
    const p = provenanceOf(src);
    if (p === null) w.null();
    else w.text(p);
    count++;
  }
  if (count === 0) return NO_CELLS;
  return { count, copy: w.bytes() };
}

/** Fields of a cells row in COPY's binary format (report_id, key, value, raw, provenance). */
const CELL_FIELDS = 5;
const CELL_TYPES: PgElementType[] = ['int', 'text', 'float', 'text', 'text'];

/** Puts a report's id into its cells' COPY rows (in place; their shape checked). Returns the rows. */
export function copyCellsFor(c: PgCellColumns, id: number): Uint8Array {
  return copyRowsWithId(c, CELL_FIELDS, id);
}

/** The rows of COPY cell rows, back (their report_id left out). */
function copyCellRows(c: PgCellColumns): CellRow[] {
  return copyRowValues(CELL_TYPES, c).map((r) => [r[1] as string, r[2] as number | null, r[3] as string | null, r[4] as string | null]);
}

/** cellColumns of a report's cells and their sources, in one pass (no row arrays). */
export function cellColumnsOf(cells: Record<string, number | null | undefined>, sources: Record<string, CellSource | undefined>): JsonCellColumns {
  const keys: string[] = [];
  const values: (number | null)[] = [];
  const raws: (string | null)[] = [];
  const provenance: (string | null)[] = [];
  for (const key in cells) {
    if (!Object.prototype.hasOwnProperty.call(cells, key)) continue;
    const src = sources[key];
    keys.push(key);
    values.push(cells[key] ?? null);
    raws.push(src?.raw ?? null);
    provenance.push(provenanceOf(src));
  }
  if (keys.length === 0) return NO_CELLS;
  return { count: keys.length, keys: JSON.stringify(keys), values: JSON.stringify(values), raws: JSON.stringify(raws), provenance: JSON.stringify(provenance) };
}
