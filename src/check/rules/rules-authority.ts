import { describeCell } from '../../core/template.js';
import type { Level } from '../../core/types.js';
import type { Rule } from '../rule.js';
import { firstPos, fmt, key } from '../util.js';

/** Levels whose agencies have no power to make 规章 (annual-report.md, Deadlines and levels). */
export const LEVELS_WITHOUT_RULE_POWER: Level[] = ['township', 'subdistrict', 'county', 'department'];

/**
 * A 'department' has rule-making power only when it is a State Council department:
 * its name starts with 国家 / 中华人民共和国 / 国务院, or ends with 部 / 总局 / 总署 without
 * naming a province, city or county before (e.g. 财政部, 海关总署). Kept deliberately simple:
 * a local bureau (XX市财政局, XX省交通运输厅) has none.
 */
export function isStateCouncilDepartment(agency: string | null): boolean {
  if (!agency) return false;
  const a = agency.replace(/\s/g, '');
  if (/^(国家|中华人民共和国|国务院)/.test(a)) return true;
  if (/(部|总局|总署)$/.test(a) && !/省|(?<!城)市(?!场)|县|自治区|自治州|镇|街道/.test(a.slice(0, -2))) return true;
  return false;
}

/** The 规章 cells that show rules were made: 2021 本年制发件数 and 现行有效件数; 2019 本年新制作数量. */
export function regulationCells(version: '2019' | '2021'): string[] {
  return version === '2021' ? [key('t2', 'regulations', 'made'), key('t2', 'regulations', 'valid')] : [key('t2', 'regulations', 'newlyMade')];
}

const LEVEL_NAMES: Record<string, string> = { township: '乡镇', subdistrict: '街道', county: '县级', department: '地方政府部门' };

/** 规章 made by an agency without rule-making power. */
const rule: Rule = {
  meta: {
    id: 'rules-authority',
    severity: 'error',
    group: 't2',
    title: '无权制定规章却填报了规章',
    description:
      '只有省、自治区、直辖市和设区的市、自治州人民政府以及国务院部门可以制定规章。乡镇、街道、县级政府和地方政府部门的表二“规章”行：2021 年格式“本年制发件数”“现行有效件数”、2019 年格式“本年新制作数量”都应为 0。',
    fix: '本机关制定的内部制度、工作规则不是规章，不应填入“规章”行；如为行政规范性文件，填入“行政规范性文件”行。',
  },
  check(ctx) {
    const { level, agency } = ctx.report.meta;
    if (!level || !LEVELS_WITHOUT_RULE_POWER.includes(level)) return [];
    if (level === 'department' && isStateCouncilDepartment(agency)) return [];
    const cells = regulationCells(ctx.version).filter((k) => (ctx.cell(k) ?? 0) > 0);
    if (cells.length === 0) return [];
    const what = cells.map((k) => `${describeCell(k)}为 ${fmt(ctx.cell(k))}`).join('，');
    return [
      {
        message: `${agency ?? '本机关'}属于${LEVEL_NAMES[level]}，没有制定规章的权限，但${what}；应为 0。`,
        cells,
        pos: firstPos(ctx, cells),
        expected: 0,
        found: ctx.cell(cells[0]) ?? null,
      },
    ];
  },
};
export default rule;
