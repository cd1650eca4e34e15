import { cellDefs, describeCell, type TemplateVersion } from '../../core/template.js';
import type { HistoryRule } from './rule.js';
import { val } from './rule.js';

/** Cells compared between a region's consolidated report and the sum of its members. */
export function regionSumKeys(version: TemplateVersion): string[] {
  return cellDefs(version)
    .filter((c) => (c.table === 't2' && c.kind !== 'signed' && !/valid|totalPublished|prevYearItems/.test(c.colKey)) || ((c.table === 't3' || c.table === 't4') && c.colKey === 'total'))
    .map((c) => c.key);
}

/** A region's consolidated figures should equal the sum of its member agencies' reports. */
const rule: HistoryRule = {
  meta: {
    id: 'region-sum',
    severity: 'warning',
    title: '汇总报告与下属机关报告之和不符',
    description: '同一年度同时有某地区的汇总（全区/全市）报告和其下属机关的报告时，汇总报告中的数字应等于各下属机关报告之和。',
    fix: '核对汇总口径：是否遗漏或重复统计了下属机关，或下属机关报告有误。',
    group: 't3',
  },
  reads: { cells: [...new Set([...regionSumKeys('2019'), ...regionSumKeys('2021')])], sections: [] },
  check({ report, members }) {
    if (!members || members.length === 0) return [];
    const version = (report.template ?? '2021') as TemplateVersion;
    const out = [];
    for (const key of regionSumKeys(version)) {
      const mine = val(report, key);
      if (mine === null) continue;
      let sum = 0;
      let ok = true;
      for (const m of members) {
        const v = val(m, key);
        if (v === null) {
          ok = false;
          break;
        }
        sum += v;
      }
      if (!ok) continue;
      sum = Math.round(sum * 1e6) / 1e6;
      if (Math.abs(sum - mine) < 1e-6) continue;
      const diff = Math.round((mine - sum) * 1e6) / 1e6;
      out.push({
        message: `汇总报告${describeCell(key)}为 ${mine}，下属 ${members.length} 个机关报告之和为 ${sum}，相差 ${diff > 0 ? '+' : ''}${diff}。`,
        cells: [key],
        expected: sum,
        found: mine,
      });
    }
    return out;
  },
};
export default rule;
