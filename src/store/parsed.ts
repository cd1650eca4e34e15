/** What a parse worker hands back for one file: the outcome (without display lines) and prose bands. */
import type { ParseOutcome } from '../pipeline.js';
import { isConsolidatedTitle } from '../core/agency.js';
import { proseBands, proseOf } from '../core/similarity.js';

type Ok = Extract<ParseOutcome, { ok: true }>;
export type SlimOutcome = Omit<Ok, 'lines'> | Extract<ParseOutcome, { ok: false }>;

export interface ParsedFile {
  outcome: SlimOutcome;
  bands: string[];
  consolidated: boolean;
}

export function slim(outcome: ParseOutcome): ParsedFile {
  if (!outcome.ok) return { outcome, bands: [], consolidated: false };
  const { lines: _lines, ...rest } = outcome;
  return { outcome: rest, bands: proseBands(proseOf(rest.sections)), consolidated: isConsolidatedTitle(rest.meta.title) };
}
