import type { Level } from '../../core/types.js';
import type { Rule } from '../rule.js';
import { dateNum, parseDate } from '../util.js';

/** Deadline of a month/day in the year after the reporting year. */
export interface MonthDay {
  month: number;
  day: number;
}

/** Art. 49: departments of county level and above publish by 31 January. */
export const DEPARTMENT_DEADLINE: MonthDay = { month: 1, day: 31 };
/** Art. 49: a government's own consolidated report by 31 March. */
export const GOVERNMENT_DEADLINE: MonthDay = { month: 3, day: 31 };
/** No national date for townships and 街道; local notices set one. Default 31 January (configurable). */
export const TOWNSHIP_DEADLINE: MonthDay = { month: 1, day: 31 };

const REGION_NAME = /(省|自治区|市|自治州|州|地区|盟|县|自治县|旗|自治旗|区|林区|特区)$/;
const BODY_SUFFIX = /(局|厅|委|委员会|办|办公室|办公厅|中心|院|所|站|队|处|科|部|署|会|公司|集团|小组)$/;

/** True when the agency is a government itself (its consolidated report is due 31 March). */
export function isGovernment(agency: string | null, level: Level | null): boolean {
  if (!agency) return false;
  const a = agency.replace(/\s/g, '');
  if (level === 'township' || level === 'subdistrict') return false;
  if (/人民政府$/.test(a)) return true;
  if ((level === 'county' || level === 'city' || level === 'province') && REGION_NAME.test(a) && !BODY_SUFFIX.test(a)) return true;
  return false;
}

export function deadlineFor(agency: string | null, level: Level | null): MonthDay | null {
  if (isGovernment(agency, level)) return GOVERNMENT_DEADLINE;
  if (level === 'township' || level === 'subdistrict') return TOWNSHIP_DEADLINE;
  if (level === 'county' || level === 'city' || level === 'province' || level === 'department') return DEPARTMENT_DEADLINE;
  return null;
}

/** Publication date after the deadline for that level. */
const rule: Rule = {
  meta: {
    id: 'published-late',
    severity: 'warning',
    group: 'meta',
    title: '报告发布晚于规定期限',
    description:
      '《条例》第五十条：县级以上人民政府部门应在每年 1 月 31 日前公布上一年度的年度报告，县级以上地方人民政府的本级报告应在 3 月 31 日前公布；乡镇、街道按 1 月 31 日（可按地方规定调整）。',
    fix: '按期限发布年度报告；如发布日期识别有误，核对网页的发布时间或报告落款日期。',
  },
  check(ctx) {
    const { publishedAt, year, agency, level } = ctx.report.meta;
    if (!publishedAt || year == null) return [];
    const d = parseDate(publishedAt);
    const dl = deadlineFor(agency, level);
    if (!d || !dl) return [];
    const deadline: [number, number, number] = [year + 1, dl.month, dl.day];
    if (dateNum(d) <= dateNum(deadline)) return [];
    const fmtD = ([y, m, dd]: [number, number, number]) => `${y}年${m}月${dd}日`;
    const who = dl === GOVERNMENT_DEADLINE ? '人民政府本级报告' : level === 'township' || level === 'subdistrict' ? '乡镇、街道报告' : '政府部门报告';
    return [
      {
        message: `报告发布日期为 ${fmtD(d)}，晚于${who}的发布期限 ${fmtD(deadline)}；应为 ${fmtD(deadline)} 前，实为 ${fmtD(d)}。`,
        cells: [],
        expected: `${deadline[0]}-${String(deadline[1]).padStart(2, '0')}-${String(deadline[2]).padStart(2, '0')}`,
        found: publishedAt,
      },
    ];
  },
};
export default rule;
