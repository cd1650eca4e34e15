/**
 * History-aware rules: like src/check/rule.ts (one module per rule, with its meta), but a
 * rule looks at a stored report together with the reports it depends on — the agency's
 * previous year, reports with similar prose, a region's member reports.
 */
import type { Finding } from '../../core/types.js';
import type { RuleMeta } from '../rule.js';

export interface HistoryReport {
  id: number;
  agency: string | null;
  year: number | null;
  template: string | null;
  /** Region chain of the agency (淮安市洪泽区), when known. */
  region?: string | null;
  cells: Record<string, number | null>;
  /** Section key → body text. */
  sections: Record<string, string>;
  agencyId?: number | null;
  /**
   * The shingles copied-report compares of its prose (proseShingles of its prose sections; null
   * when too short), when they are known already: an ingest's parse process cut them for the
   * report's MinHash bands. The prose sections other than 五 need not be in `sections` then.
   */
  shingles?: Uint32Array | null;
}

export interface HistoryContext {
  report: HistoryReport;
  /** The same agency's report for year − 1, when stored. */
  previous: HistoryReport | null;
  /** Other reports whose prose may resemble this one (the rule measures how much). */
  candidates: HistoryReport[];
  /** For a region's consolidated report: its member agencies' reports of the same year. */
  members: HistoryReport[] | null;
}

export interface HistoryRule {
  meta: RuleMeta;
  /**
   * Every cell and section key the rule reads, of any report in its context: the store loads only
   * these for the history checks (a report has ~200 cells; the rules read a few dozen).
   */
  reads: { cells: readonly string[]; sections: readonly string[] };
  check(ctx: HistoryContext): Omit<Finding, 'rule' | 'severity'>[];
}

/** Value of a cell or null (missing and absent alike: history rules never guess). */
export function val(r: HistoryReport, key: string): number | null {
  const v = r.cells[key];
  return v === undefined || v === null ? null : v;
}

export function agencyYear(r: HistoryReport): string {
  return `${r.agency ?? '（机关不明）'}${r.year ?? '？'}年报告`;
}
