import { textSimilarity } from '../../dataset/similarity.js';
import type { HistoryRule } from './rule.js';

/** Section 五 similarity to last year's section 五 from which it counts as repeated. */
export const REPEAT_THRESHOLD = 0.85;
const EMPTY = /^(无|暂无|没有|无此类情况|本年度无|无相关情况|不涉及)?[。.]?$/;
/** Phrases that refer to last year's problems being rectified. */
const LAST_YEAR = /上一?年度?|去年|前一年|以前年度|往年|上期/;
const RECTIFY = /整改|改进|落实|解决|完成|改正|完善/;

/** Section 五 empty, generic, a repeat of last year, or silent on last year's rectification. */
const rule: HistoryRule = {
  meta: {
    id: 'problems-boilerplate',
    severity: 'warning',
    title: '“存在的主要问题及改进情况”空泛或照搬',
    description: '第五部分应写明本年度存在的具体问题和改进措施，并说明上一年度报告所列问题的整改情况；为空、只写“无”、与上一年度几乎相同、或只字未提上年问题整改的，均提示。',
    fix: '写明本年度的具体问题、改进措施，以及上一年度所列问题的整改结果。',
    group: 'sections',
  },
  check({ report, previous }) {
    const text = (report.sections.problems ?? '').trim();
    const flat = text.replace(/[\s\u3000]/g, '');
    if (!('problems' in report.sections)) return []; // section-missing reports the absence
    if (EMPTY.test(flat) || flat.length < 30)
      return [{ message: `第五部分“存在的主要问题及改进情况”${flat ? `只有“${flat.slice(0, 30)}”` : '为空'}，没有写明具体问题和改进措施。`, cells: [] }];
    const out = [];
    if (previous && report.year !== null && previous.year === report.year - 1 && previous.sections.problems) {
      const s = textSimilarity(text, previous.sections.problems);
      if (s >= REPEAT_THRESHOLD)
        out.push({
          message: `第五部分与本机关 ${previous.year} 年报告的同一部分几乎相同（相似度 ${Math.round(s * 100)}%），问题和改进措施是照搬往年的。`,
          cells: [],
          expected: `<${Math.round(REPEAT_THRESHOLD * 100)}%`,
          found: `${Math.round(s * 100)}%`,
        });
    }
    const prevYear = report.year ? String(report.year - 1) : null;
    const mentionsLastYear = LAST_YEAR.test(flat) || (prevYear !== null && flat.includes(`${prevYear}年`) && RECTIFY.test(flat));
    if (!(mentionsLastYear && RECTIFY.test(flat)))
      out.push({ message: '第五部分没有说明上一年度报告所列问题的整改情况。', cells: [] });
    return out;
  },
};
export default rule;
