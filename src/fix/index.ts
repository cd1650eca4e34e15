/**
 * `nianbao fix`: recognised defect patterns → proposed corrections, each with its reason.
 * Patterns run in order on the progressively corrected figures; a cell is changed by at
 * most one proposal, and only where the report itself determines the new value.
 */
import { describeCell } from '../core/template.js';
import type { CanonicalReport } from '../render/canonical.js';
import { blankTotal } from './patterns/blank-total.js';
import { rowShift } from './patterns/row-shift.js';
import { wrongRowsTotal } from './patterns/wrong-rows-total.js';
import type { FixPattern, FixProposal } from './types.js';

export type { CellChange, FixPattern, FixProposal } from './types.js';

export const PATTERNS: FixPattern[] = [rowShift, wrongRowsTotal, blankTotal];

export interface FixResult {
  proposals: FixProposal[];
  /** The report with every proposal applied. */
  corrected: CanonicalReport;
}

export function proposeFixes(report: CanonicalReport, patterns: FixPattern[] = PATTERNS): FixResult {
  let cur: CanonicalReport = { ...report, cells: { ...report.cells } };
  const touched = new Set<string>();
  const proposals: FixProposal[] = [];
  for (const p of patterns) {
    // Repeat a pattern until it has nothing more (a blank total may depend on another).
    for (let round = 0; round < 5; round++) {
      const found = p.propose(cur).filter((x) => x.changes.length > 0 && x.changes.every((c) => !touched.has(c.key)));
      if (found.length === 0) break;
      for (const f of found) {
        if (f.changes.some((c) => touched.has(c.key))) continue;
        proposals.push(f);
        cur = { ...cur, cells: { ...cur.cells } };
        for (const c of f.changes) {
          cur.cells[c.key] = c.to;
          touched.add(c.key);
        }
      }
    }
  }
  return { proposals, corrected: cur };
}

/** The proposals as a diff a clerk can read: per proposal its reason, then -/+ lines per cell. */
export function formatFixDiff(source: string, res: FixResult): string {
  const out: string[] = [`--- ${source}（原报告）`, `+++ ${source}（建议修正）`];
  if (res.proposals.length === 0) {
    out.push('', '未发现可由报告本身确定的修正。（本工具只修正能由表内关系或正文唯一确定的数字，其他问题请用 nianbao check 查看。）');
    return out.join('\n') + '\n';
  }
  res.proposals.forEach((p, i) => {
    out.push('', `@@ 修正 ${i + 1}：${p.title} [${p.pattern}] @@`, `# 理由：${p.reason}`);
    if (p.evidence) out.push(`# 印证：${p.evidence}`);
    for (const c of p.changes) {
      const name = describeCell(c.key);
      out.push(`- ${name}：${c.from === null ? '（空白）' : c.from}`, `+ ${name}：${c.to}`);
    }
  });
  const n = res.proposals.reduce((s, p) => s + p.changes.length, 0);
  out.push('', `共 ${res.proposals.length} 处修正建议，涉及 ${n} 个单元格。原报告未被改动；使用 --write 文件名 保存修正后的规范 JSON。`);
  return out.join('\n') + '\n';
}
