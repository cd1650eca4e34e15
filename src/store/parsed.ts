/**
 * What a parse worker hands back for one file, shaped for storing: the outcome without display
 * lines, its cells as ready columns, and the prose bands. The columns are made in the worker, so
 * the process that writes to the database (one thread for every worker) receives four strings
 * per report and joins them, instead of walking ~200 cell sources per report and serialising
 * their provenance, or taking apart ~200 small arrays (their copying and collection was a good
 * part of that process's time).
 */
import type { ParseOutcome } from '../pipeline.js';
import type { CellSource } from '../core/types.js';
import { isConsolidatedTitle } from '../core/agency.js';
import { proseBands, proseOf } from '../core/similarity.js';
import { PgElements } from './pg-binary.js';

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
export interface PgCellColumns {
  count: number;
  copy: Uint8Array;
}

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
}

/** A cell's provenance as stored: its source without the raw token, as JSON (null when nothing else). */
export function provenanceOf(s: CellSource | undefined): string | null {
  if (!s) return null;
  // Sources are built raw first: their JSON without its first member is the JSON of the rest
  // (one native stringify instead of copying the object without raw, then stringifying that).
  const json = JSON.stringify(s);
  if (typeof s.raw === 'string') {
    const head = `{"raw":${JSON.stringify(s.raw)}`;
    if (json.startsWith(head)) {
      const next = json.charCodeAt(head.length);
      // Nothing after raw: members whose values JSON leaves out (undefined) still make it '{}'.
      if (next === 0x7d /* } */) return Object.keys(s).length > 1 ? '{}' : null;
      if (next === 0x2c /* , */) return `{${json.slice(head.length + 1)}`;
    }
  }
  const { raw: _raw, ...rest } = s;
  return Object.keys(rest).length ? JSON.stringify(rest) : null;
}

export function slim(outcome: ParseOutcome, format: CellFormat = 'json'): ParsedFile {
  if (!outcome.ok) return { outcome, cells: NO_CELLS, bands: [], consolidated: false };
  const { lines: _lines, cells, cellSources, ...rest } = outcome;
  return {
    outcome: rest,
    cells: format === 'pg' ? pgCellColumnsOf(cells, cellSources) : cellColumnsOf(cells, cellSources),
    bands: proseBands(proseOf(rest.sections)),
    consolidated: isConsolidatedTitle(rest.meta.title),
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

/**
 * Puts a report's id into its cells' COPY rows (in place) and checks their shape: `count` rows of
 * five fields, report_id first, nothing left over. Returns the rows.
 */
export function copyCellsFor(c: PgCellColumns, id: number): Uint8Array {
  const b = c.copy;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let p = 0;
  for (let i = 0; i < c.count; i++) {
    if (p + 10 > b.byteLength || view.getInt16(p) !== CELL_FIELDS || view.getInt32(p + 2) !== 4) throw new Error(`cell rows: row ${i} is not a cells row`);
    view.setInt32(p + 6, id);
    p += 10;
    for (let f = 1; f < CELL_FIELDS; f++) {
      const len = view.getInt32(p);
      p += 4 + Math.max(len, 0);
    }
  }
  if (p !== b.byteLength) throw new Error(`cell rows: ${b.byteLength - p} bytes left after ${c.count} rows`);
  return b;
}

/** The rows of COPY cell rows, back (their report_id left out). */
function copyCellRows(c: PgCellColumns): CellRow[] {
  const b = c.copy;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const out: CellRow[] = [];
  let p = 0;
  const field = (type: 'text' | 'float'): string | number | null => {
    const len = view.getInt32(p);
    p += 4;
    if (len < 0) return null;
    const v = type === 'text' ? buf.toString('utf8', p, p + len) : view.getFloat64(p);
    p += len;
    return v;
  };
  for (let i = 0; i < c.count; i++) {
    if (view.getInt16(p) !== CELL_FIELDS || view.getInt32(p + 2) !== 4) throw new Error(`cell rows: row ${i} is not a cells row`);
    p += 10;
    out.push([field('text') as string, field('float') as number | null, field('text') as string | null, field('text') as string | null]);
  }
  if (p !== b.byteLength) throw new Error(`cell rows: ${b.byteLength - p} bytes left after ${c.count} rows`);
  return out;
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
