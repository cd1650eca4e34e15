import type { Out } from '../util.js';
import type { Rule } from '../rule.js';

/**
 * Self-references of another kind of agency: a 处 or 局 in a township / 街道 report, a
 * township in a department's or a county government's report. Guards keep
 * ordinary words out: 安全处置, 完全处理, 健全处理 (…全处…), 基本局面 (…本局…).
 */
export const NON_TOWNSHIP_SELF = /(?<![安完健齐周保])全处(?![理置于罚分])|(?<![自])我局(?![限])|(?<![基根版资成日])本局(?![面限势])/g;

const QUICK = /全处|我局|本局/;

/** A township's or 街道's words for itself: out of place in a department's or a county's report. */
const TOWNSHIP_SELF = /(?<![自])(?:我|本)(?:镇|乡|街道)(?![长区域内外政府])|全(?:镇|乡)(?![长])/g;
const QUICK_TOWNSHIP = /[我本全](?:镇|乡|街道)/;
/** A department's words for itself: out of place in a government's report. */
const DEPARTMENT_SELF = /(?<![自])我局(?![限])|(?<![基根版资成日])本局(?![面限势])|(?<![安完健齐周保])全处(?![理置于罚分])/g;

/** A township or 街道 name followed by 人民政府 / 办事处, e.g. 白鹤镇人民政府. */
const TOWNSHIP_GOV = /([\u4e00-\u9fa5]{2,4}?)(镇|乡|街道)(人民政府|办事处)/g;

/** How many lines count as the title block when no section heading is found. */
const TITLE_LINES = 8;

const rule: Rule = {
  meta: {
    id: 'foreign-entity',
    severity: 'warning',
    group: 'sections',
    title: '出现其他机关的名称或说法',
    description:
      '报告中出现了其他类型机关的自称（乡镇、街道的报告里的“全处”“我局”“本局”，部门或县级以上政府报告里的“我镇”“本街道”等），或乡镇、街道报告的标题部分出现了别的乡镇、街道的名称，通常是照抄其他单位报告留下的。',
    fix: '把其他机关的名称和自称改为本机关的名称（如“我镇”“全镇”）。',
  },
  check(ctx) {
    const { level, agency } = ctx.report.meta;
    if (!level || level === 'other' || level === 'province') return [];
    const township = level === 'township' || level === 'subdistrict';
    // What this kind of agency never calls itself: a township's report saying 我局, a
    // department's or a county's saying 我镇.
    const [quick, pattern, kind] = township
      ? [QUICK, NON_TOWNSHIP_SELF, '乡镇、街道']
      : level === 'department'
        ? [QUICK_TOWNSHIP, TOWNSHIP_SELF, '部门']
        : [/我局|本局|全处|[我本全](?:镇|乡|街道)/, new RegExp(`${DEPARTMENT_SELF.source}|${TOWNSHIP_SELF.source}`, 'g'), '县级以上人民政府'];
    const lines = ctx.report.lines;
    const out: Out[] = [];
    lines.forEach((line, i) => {
      if (!quick.test(line)) return; // the guarded pattern is slow; most lines have none of the words
      for (const m of line.matchAll(pattern)) {
        out.push({
          message: `第 ${i + 1} 行出现“${m[0]}”：“…${line.slice(Math.max(0, (m.index ?? 0) - 15), (m.index ?? 0) + 15).trim()}…”。这是其他类型机关的说法，${kind}的报告不应使用，应改为本机关的称呼。`,
          cells: [],
          pos: { line: i + 1, column: (m.index ?? 0) + 1, length: m[0].length },
          expected: null,
          found: m[0],
        });
      }
    });
    if (agency && township) {
      const firstSection = Math.min(...ctx.report.sections.map((s) => s.pos.line ?? Infinity), Infinity);
      const end = Math.min(Number.isFinite(firstSection) ? firstSection - 1 : TITLE_LINES, lines.length, 30);
      const own = agency.replace(/\s/g, '');
      for (let i = 0; i < end; i++) {
        for (const m of lines[i].matchAll(TOWNSHIP_GOV)) {
          const core = m[1].slice(-2) + m[2];
          if (own.includes(core)) continue;
          out.push({
            message: `标题部分第 ${i + 1} 行出现“${m[0]}”，与本报告的机关“${agency}”不同；如是照抄其他单位的报告，应改为本机关名称。`,
            cells: [],
            pos: { line: i + 1, column: (m.index ?? 0) + 1, length: m[0].length },
            expected: agency,
            found: m[0],
          });
        }
      }
    }
    return out;
  },
};
export default rule;
