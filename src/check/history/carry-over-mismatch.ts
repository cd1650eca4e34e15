import { describeCell, T3_COLUMN_KEYS } from '../../core/template.js';
import type { HistoryRule } from './rule.js';
import { val } from './rule.js';

const PAIRS = T3_COLUMN_KEYS.map((c) => ({ over: `t3.carriedOver.${c}`, fwd: `t3.carriedForward.${c}` }));

/** carriedOver(Y)[c] must equal carriedForward(Y−1)[c] for the same agency. */
const rule: HistoryRule = {
  meta: {
    id: 'carry-over-mismatch',
    severity: 'warning',
    title: '上年结转与上年度报告不一致',
    description: '本年度表三“二、上年结转政府信息公开申请数量”每一列，应等于本机关上一年度报告表三“四、结转下年度继续办理”的同一列。',
    fix: '核对上一年度报告的“结转下年度继续办理”数字，更正本年度的“上年结转”或在报告中说明差异原因。',
    group: 't3',
  },
  reads: { cells: PAIRS.flatMap((p) => [p.over, p.fwd]), sections: [] },
  check({ report, previous }) {
    if (!previous || report.year === null || previous.year !== report.year - 1) return [];
    const out = [];
    for (const { over, fwd } of PAIRS) {
      const now = val(report, over);
      const before = val(previous, fwd);
      if (now === null || before === null || now === before) continue;
      out.push({
        message: `${describeCell(over)}为 ${now}，但本机关 ${previous.year} 年报告${describeCell(fwd)}为 ${before}，两者应相等（相差 ${now - before}）。`,
        cells: [over, fwd],
        expected: before,
        found: now,
      });
    }
    return out;
  },
};
export default rule;
