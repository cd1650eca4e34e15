import type { Rule } from '../rule.js';
import { section, sectionDef } from '../util.js';

/** Words showing that section 六 states the 信息处理费 situation. */
export const FEE_WORDS = /信息处理费|收费|收取|费用|缴费/;

/** Section 六 does not state 信息处理费 (from the 2021 reporting year, 国办函〔2020〕109号). */
const rule: Rule = {
  meta: {
    id: 'fee-statement-missing',
    severity: 'warning',
    group: 'sections',
    title: '未说明信息处理费情况',
    description:
      '2021 年度起，“六、其他需要报告的事项”应说明收取信息处理费的情况：本年度发出收费通知的件数和总金额，以及实际收取的总金额（没有的写明为 0）。只写“无”不够。',
    fix: '在第六部分写明：本年度发出收费通知 X 件、金额 X 元，实际收取信息处理费 X 元（没有的写“均为0”）。',
  },
  check(ctx) {
    const year = ctx.report.meta.year;
    if (year != null ? year < 2021 : ctx.version !== '2021') return [];
    const sec = section(ctx, 'other');
    const d = sectionDef('other');
    if (!sec) {
      return [{ message: `报告没有“${d.numeral}、${d.title}”部分，未说明信息处理费的收取情况。`, cells: [], expected: '说明信息处理费情况', found: null }];
    }
    if (FEE_WORDS.test(sec.text)) return [];
    const shown = sec.text.trim() === '' ? '空白' : `“${sec.text.trim().slice(0, 30)}”`;
    return [
      {
        message: `“${d.numeral}、${d.title}”部分只有${shown}，没有说明信息处理费的情况（发出收费通知的件数、金额和实际收取的金额，没有的写明为 0）。`,
        cells: [],
        pos: sec.pos,
        expected: '说明信息处理费情况',
        found: sec.text.trim(),
      },
    ];
  },
};
export default rule;
