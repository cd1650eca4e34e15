import { describeCell } from '../../core/template.js';
import type { HistoryRule } from './rule.js';
import { val } from './rule.js';

const ROWS = ['regulations', 'normativeDocs'].map((row) => ({ validKey: `t2.${row}.valid`, madeKey: `t2.${row}.made`, repealedKey: `t2.${row}.repealed` }));

/** valid(Y) = valid(Y−1) + made(Y) − repealed(Y), for 规章 and 行政规范性文件 (2021 template both years). */
const rule: HistoryRule = {
  meta: {
    id: 'valid-docs-continuity',
    severity: 'warning',
    title: '现行有效件数前后年度不衔接',
    description: '表二“现行有效件数”应等于上一年度报告的现行有效件数，加本年制发件数，减本年废止件数（规章、行政规范性文件分别计算）。',
    fix: '核对上一年度的现行有效件数和本年制发、废止件数；若有清理、失效等其他变动，请在报告中说明。',
    group: 't2',
  },
  reads: { cells: ROWS.flatMap((r) => [r.validKey, r.madeKey, r.repealedKey]), sections: [] },
  check({ report, previous }) {
    if (!previous || report.year === null || previous.year !== report.year - 1) return [];
    if (report.template !== '2021' || previous.template !== '2021') return [];
    const out = [];
    for (const { validKey, madeKey, repealedKey } of ROWS) {
      const now = val(report, validKey);
      const before = val(previous, validKey);
      const made = val(report, madeKey);
      const repealed = val(report, repealedKey);
      if (now === null || before === null || made === null || repealed === null) continue;
      const expected = before + made - repealed;
      if (expected === now) continue;
      out.push({
        message: `${describeCell(validKey)}为 ${now}，按上一年度（${previous.year} 年）现行有效 ${before} 件 + 本年制发 ${made} 件 − 本年废止 ${repealed} 件，应为 ${expected} 件（相差 ${now - expected}）。`,
        cells: [validKey, madeKey, repealedKey],
        expected,
        found: now,
      });
    }
    return out;
  },
};
export default rule;
