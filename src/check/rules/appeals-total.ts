import type { Rule } from '../rule.js';
import { sumOrNull } from '../rule.js';
import { brokenWhateverItHolds, cellColLabel, describeRow, firstPos, fmt, key, type Out } from '../util.js';

/** Table 四, each group: total = upheld + corrected + other + pending. */
const rule: Rule = {
  meta: {
    id: 'appeals-total',
    severity: 'error',
    group: 't4',
    title: '表四总计不符',
    description: '表四行政复议、未经复议直接起诉、复议后起诉三组，各组“总计”应等于结果维持、结果纠正、其他结果、尚未审结四项之和。有空白单元格时不核对该组；扫描件中一格无法可靠识别时，按它的几种读法分别核对，每一种都不符才报告。',
    fix: '把该组四项结果相加填入“总计”；若总计正确，检查四项结果是否漏填或填错。',
  },
  check(ctx) {
    const out: Out[] = [];
    const cols = ctx.template.t4.columns.map((c) => c.key).filter((c) => c !== 'total');
    for (const g of ctx.template.t4.groups) {
      const parts = cols.map((c) => key('t4', g.key, c));
      const totKey = key('t4', g.key, 'total');
      const tot = ctx.cell(totKey);
      const sum = sumOrNull(ctx, parts);
      if (tot == null || sum === null) {
        const broken = brokenWhateverItHolds(ctx, parts, totKey);
        if (broken) out.push({ ...broken, message: `${describeRow('t4', g.key)}：${broken.message}` });
        continue;
      }
      if (sum === tot) continue;
      const detail = parts.map((k) => `${cellColLabel(k)} ${fmt(ctx.cell(k))}`).join('、');
      out.push({
        message: `${describeRow('t4', g.key)}：${detail}，合计 ${fmt(sum)} 件，但“总计”填的是 ${fmt(tot)}；应为 ${fmt(sum)}，实为 ${fmt(tot)}。`,
        cells: [...parts, totKey],
        pos: firstPos(ctx, [totKey, ...parts]),
        expected: sum,
        found: tot,
      });
    }
    return out;
  },
};
export default rule;
