import { T3_COLUMN_KEYS, describeCell } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { firstPos, fmt, key, section, sectionDef } from '../util.js';

/** A positive amount of fees collected (收取信息处理费 3940 元): notices must have been issued. */
const COLLECTED = /收取[^。;；]{0,20}?(处理费|费用)[^。;；\d]{0,8}?(?:[1-9]\d*(?:\.\d+)?|0\.\d*[1-9]\d*)\s*(元|万元)/;

/** The text states that fee notices were issued (and not that there were none), or that fees were collected. */
export function statesFeeNotice(text: string): boolean {
  const t = text.normalize('NFKC');
  if (COLLECTED.test(t)) return true;
  if (!/(收费|缴费|缴纳费用)(的)?通知/.test(t)) return false;
  if (/(未|没有|无)(发出|发放|送达|开具|出具)?[^。;；]{0,8}(收费|缴费)(的)?通知/.test(t)) return false;
  if (/(收费|缴费)(的)?通知[^。;；]{0,30}(均为|为|共)\s*0(?![\d.])/.test(t)) return false;
  return true;
}

/** other.feeUnpaid > 0 but section 六 reports no fee notice. */
const rule: Rule = {
  meta: {
    id: 'fee-unpaid-without-notice',
    severity: 'warning',
    group: 'sections',
    title: '有逾期未缴费却未报告收费通知',
    description:
      '表三“申请人逾期未按收费通知要求缴纳费用”一行大于 0，说明本年度发出过收费通知；“六、其他需要报告的事项”应报告发出收费通知的件数和金额。',
    fix: '在第六部分写明本年度发出收费通知的件数、总金额和实际收取的金额；如表三该行填错，改正表三。',
  },
  check(ctx) {
    if (ctx.version !== '2021') return [];
    const totKey = key('t3', 'other.feeUnpaid', 'total');
    const keys = T3_COLUMN_KEYS.map((c) => key('t3', 'other.feeUnpaid', c));
    const tot = ctx.cell(totKey);
    const n = tot ?? Math.max(0, ...keys.map((k) => ctx.cell(k) ?? 0));
    if (!(n > 0)) return [];
    const sec = section(ctx, 'other');
    if (sec && statesFeeNotice(sec.text)) return [];
    const d = sectionDef('other');
    return [
      {
        message: `${describeCell(totKey)}为 ${fmt(n)}（有申请人逾期未缴纳信息处理费），但“${d.numeral}、${d.title}”没有报告发出收费通知的情况；应报告收费通知的件数和金额。`,
        cells: keys,
        pos: sec?.pos ?? firstPos(ctx, [totKey]),
        expected: '报告收费通知',
        found: n,
      },
    ];
  },
};
export default rule;
