import { T3_APPLICANT_KEYS } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { sumOrNull } from '../rule.js';
import { brokenWhateverItHolds, describeRow, firstPos, fmt, key, otherRows, rowOrder, type Out } from '../util.js';

/** A row's six applicant cells (kept per row: read, never changed, by every report). */
const PARTS = new Map<string, string[]>();
function applicantKeys(r: string): string[] {
  let parts = PARTS.get(r);
  if (!parts) PARTS.set(r, (parts = Object.freeze(T3_APPLICANT_KEYS.map((c) => key('t3', r, c))) as string[]));
  return parts;
}

/** Per row of table 三: the 总计 column equals the sum of the six applicant columns. */
const rule: Rule = {
  meta: {
    id: 'requests-row-total',
    severity: 'error',
    group: 't3',
    title: '表三行合计不符',
    description: '逐行核对表三：“总计”列应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。该行有空白单元格时不核对；扫描件中一格无法可靠识别时，按它的几种读法分别核对，每一种都不符才报告。',
    fix: '把该行六类申请人的数字相加，填入“总计”列；如果六列中有填错的，先改正再合计。',
  },
  check(ctx) {
    const rows = rowOrder(ctx.version, 't3');
    // A 2021 report that prints the single 2019-style （六） row keeps it as other.total: check it too.
    const single = otherRows().single;
    if (!rows.includes(single) && T3_APPLICANT_KEYS.some((c) => ctx.cell(key('t3', single, c)) !== undefined)) {
      rows.splice(rows.indexOf('total'), 0, single);
    }
    const out: Out[] = [];
    for (const r of rows) {
      const parts = applicantKeys(r);
      const totKey = key('t3', r, 'total');
      const tot = ctx.cell(totKey);
      const sum = sumOrNull(ctx, parts);
      if (tot == null || sum === null) {
        const broken = brokenWhateverItHolds(ctx, parts, totKey);
        if (broken) out.push({ ...broken, message: `${describeRow('t3', r, ctx.version)}：${broken.message}` });
        continue;
      }
      if (sum === tot) continue;
      out.push({
        message: `${describeRow('t3', r, ctx.version)}：六类申请人合计为 ${fmt(sum)}，但“总计”列填的是 ${fmt(tot)}；应为 ${fmt(sum)}，实为 ${fmt(tot)}。`,
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
