/** Every history-aware rule (spec/checks.md: needs the previous year / other reports), and their runner. */
import type { Finding } from '../../core/types.js';
import carryOverMismatch from './carry-over-mismatch.js';
import copiedReport from './copied-report.js';
import problemsBoilerplate from './problems-boilerplate.js';
import regionSum from './region-sum.js';
import type { HistoryContext, HistoryRule } from './rule.js';
import validDocsContinuity from './valid-docs-continuity.js';

export type { HistoryContext, HistoryReport, HistoryRule } from './rule.js';

export const HISTORY_RULES: HistoryRule[] = [carryOverMismatch, validDocsContinuity, copiedReport, problemsBoilerplate, regionSum];

/** The cell and section keys the history rules read (what the store loads for them). */
export const HISTORY_READS = {
  cells: [...new Set(HISTORY_RULES.flatMap((r) => r.reads.cells))],
  sections: [...new Set(HISTORY_RULES.flatMap((r) => r.reads.sections))],
};

export function runHistoryRule(rule: HistoryRule, ctx: HistoryContext): Finding[] {
  return rule.check(ctx).map((f) => ({ rule: rule.meta.id, severity: rule.meta.severity, ...f }));
}

export function checkHistory(ctx: HistoryContext, rules: HistoryRule[] = HISTORY_RULES): Finding[] {
  return rules.flatMap((r) => runHistoryRule(r, ctx));
}
