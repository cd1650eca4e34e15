/**
 * What a parse worker hands back for one file, shaped for storing: the outcome without display
 * lines, its cells as ready rows, and the prose bands. The rows are made in the worker, so the
 * process that writes to the database (one thread for every worker) receives flat arrays and
 * joins them, instead of walking ~200 cell sources per report and serialising their provenance.
 */
import type { ParseOutcome } from '../pipeline.js';
import type { CellSource } from '../core/types.js';
import { isConsolidatedTitle } from '../core/agency.js';
import { proseBands, proseOf } from '../core/similarity.js';

type Ok = Extract<ParseOutcome, { ok: true }>;
export type SlimOutcome = Omit<Ok, 'lines' | 'cells' | 'cellSources'> | Extract<ParseOutcome, { ok: false }>;

/** One stored cell: key, value (null = blank), the raw token, provenance as JSON (without raw). */
export type CellRow = [key: string, value: number | null, raw: string | null, provenance: string | null];

export interface ParsedFile {
  outcome: SlimOutcome;
  /** Every template cell of a read report (none for a failure). */
  cellRows: CellRow[];
  bands: string[];
  consolidated: boolean;
}

/** A cell's provenance as stored: its source without the raw token, as JSON (null when nothing else). */
export function provenanceOf(s: CellSource | undefined): string | null {
  if (!s) return null;
  const { raw: _raw, ...rest } = s;
  return Object.keys(rest).length ? JSON.stringify(rest) : null;
}

export function slim(outcome: ParseOutcome): ParsedFile {
  if (!outcome.ok) return { outcome, cellRows: [], bands: [], consolidated: false };
  const { lines: _lines, cells, cellSources, ...rest } = outcome;
  const cellRows = Object.entries(cells).map(([key, value]): CellRow => [key, value ?? null, cellSources[key]?.raw ?? null, provenanceOf(cellSources[key])]);
  return { outcome: rest, cellRows, bands: proseBands(proseOf(rest.sections)), consolidated: isConsolidatedTitle(rest.meta.title) };
}
