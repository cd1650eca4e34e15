/**
 * Figures OCR could not read with certainty, after extraction: each such cell is blank and
 * carries its readings (GridCell.candidates). A reading is taken only when it is the one
 * reading that satisfies every table identity the cell is part of (row totals, （七）总计,
 * 勾稽关系, table 四 totals) and at least one identity could be checked; otherwise the cell
 * stays blank with an `unreadable` issue naming the template cell, the page and the pixel box.
 *
 * Pure: the check rules that state the identities are the judges (no second copy of them).
 */
import { ruleById, runRule } from '../../check/index.js';
import type { Rule } from '../../check/rule.js';
import type { ExtractedReport, ReadIssue, SourceDocument, SourcePos } from '../../core/types.js';

/** Reader issues about one doubtful cell (a figure OCR could not read, a formula that could not be computed, a figure wrapped in a narrow PDF cell). */
const DOUBT_CODES = new Set(['ocr-unreadable', 'formula-unresolved', 'figure-wrapped']);

const IDENTITY_RULES = ['requests-row-total', 'requests-outcome-total', 'requests-balance', 'requests-other-total', 'appeals-total'];

const posKey = (p: SourcePos | undefined) => (p ? `${p.page}:${p.line}:${p.column}:${p.x}:${p.y}:${p.path ?? ''}` : '');
const boxKey = (p: SourcePos | undefined) => (p ? `${p.page}:${p.x}:${p.y}:${p.path ?? ''}` : '');

/** Does any identity break at `key` with the report as it stands? */
function breaks(rules: Rule[], report: ExtractedReport, key: string): boolean {
  for (const r of rules) for (const f of runRule(r, report)) if (f.cells.includes(key)) return true;
  return false;
}

export function resolveOcrDoubts(doc: SourceDocument, report: ExtractedReport): ExtractedReport {
  const doubts = new Map<string, string[]>();
  for (const b of doc.blocks) if (b.kind === 'table') for (const row of b.rows) for (const c of row) if (c.candidates) doubts.set(posKey(c.pos), c.candidates);
  if (doubts.size === 0) return report;
  const rules = IDENTITY_RULES.map(ruleById).filter((r): r is Rule => !!r);
  const open = new Map<string, { cands: number[]; pos?: SourcePos }>();
  for (const [key, src] of Object.entries(report.cellSources)) {
    const c = doubts.get(posKey(src.pos));
    if (c && report.cells[key] === null) open.set(key, { cands: c.map(Number).filter(Number.isFinite), pos: src.pos });
  }
  // A doubtful cell's readings are its own: where several template cells stand at one doubt's
  // place (a row made unreadable there), none of them takes a reading.
  const shared = new Map<string, number>();
  for (const d of open.values()) shared.set(posKey(d.pos), (shared.get(posKey(d.pos)) ?? 0) + 1);
  for (const d of open.values()) if (shared.get(posKey(d.pos))! > 1) d.cands = [];
  const resolved = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [key, d] of open) {
      if (resolved.has(key) || d.cands.length === 0) continue;
      // Checkable: some identity breaks at this cell for a value no reading could be.
      report.cells[key] = 987654321;
      const checkable = breaks(rules, report, key);
      const fits = checkable
        ? d.cands.filter((v) => {
            report.cells[key] = v;
            return !breaks(rules, report, key);
          })
        : [];
      if (fits.length === 1) {
        report.cells[key] = fits[0];
        report.cellSources[key] = { ...report.cellSources[key], raw: String(fits[0]) };
        resolved.add(key);
        changed = true;
      } else report.cells[key] = null;
    }
  }
  // The reader's page-level issues for these cells become issues naming the template cell.
  // One box may stand for several template cells (a row whose label OCR doubted is unreadable at
  // a doubtful cell's place): the issue names them all, never only the last one.
  const byBox = new Map<string, string[]>();
  for (const [key, d] of open) byBox.set(boxKey(d.pos), [...(byBox.get(boxKey(d.pos)) ?? []), key]);
  const issues: ReadIssue[] = [];
  for (const i of report.readIssues) {
    if (!DOUBT_CODES.has(i.code)) {
      issues.push(i);
      continue;
    }
    const keys = (byBox.get(boxKey(i.pos)) ?? []).filter((k) => !resolved.has(k));
    if (byBox.has(boxKey(i.pos)) && keys.length === 0) continue;
    issues.push(keys.length ? { ...i, cells: keys } : i);
  }
  report.readIssues = issues;
  return report;
}
