import { jaccardSorted, normaliseProse, sortedShingles } from '../../core/similarity.js';
import { memoBounded } from '../../core/bounded-cache.js';
import type { HistoryRule } from './rule.js';

/** Section 五 similarity to last year's section 五 from which it counts as repeated. */
export const REPEAT_THRESHOLD = 0.85;
const EMPTY = /^(无|暂无|没有|无此类情况|本年度无|无相关情况|不涉及)?[。.]?$/;

/**
 * Shingles of recently compared section 五 texts, by text: a report's text is compared as its
 * own and again as the next year's previous one, and is normalised and cut once. Bounded
 * (oldest dropped first).
 */
const SHINGLED = new Map<string, Uint32Array>();
const SHINGLED_MAX = 1024;

function shingled(text: string): Uint32Array {
  return memoBounded(SHINGLED, text, SHINGLED_MAX, () => sortedShingles(normaliseProse(text)));
}

/** textSimilarity of two texts, their shingles cut once (shingled). */
function similarity(a: string, b: string): number {
  return jaccardSorted(shingled(a), shingled(b));
}

/**
 * Section 五 empty (or only “无”), or a near-verbatim copy of the agency's previous year.
 * Short or generic texts are not flagged on their own: most real reports write a few lines,
 * and a reviewer acts on a copy of last year's problems, not on brevity.
 */
const rule: HistoryRule = {
  meta: {
    id: 'problems-boilerplate',
    severity: 'warning',
    title: '“存在的主要问题及改进情况”空泛或照搬',
    description: '第五部分应写明本年度存在的具体问题和改进措施。为空或只写“无”的，或与本机关上一年度报告的第五部分几乎逐字相同（相似度 85% 以上，照搬往年）的，提示并给出相似度。',
    fix: '写明本年度的具体问题、改进措施，以及上一年度所列问题的整改结果。',
    group: 'sections',
  },
  reads: { cells: [], sections: ['problems'] },
  check({ report, previous }) {
    const text = (report.sections.problems ?? '').trim();
    const flat = text.replace(/[\s\u3000]/g, '');
    if (!('problems' in report.sections)) return []; // section-missing reports the absence
    if (EMPTY.test(flat))
      return [{ message: `第五部分“存在的主要问题及改进情况”${flat ? `只有“${flat.slice(0, 30)}”` : '为空'}，没有写明具体问题和改进措施。`, cells: [] }];
    const out = [];
    if (previous && report.year !== null && previous.year === report.year - 1 && previous.sections.problems) {
      const s = similarity(text, previous.sections.problems);
      if (s >= REPEAT_THRESHOLD)
        out.push({
          message: `第五部分与本机关 ${previous.year} 年报告的同一部分几乎相同（相似度 ${Math.round(s * 100)}%），问题和改进措施照搬了往年的内容。`,
          cells: [],
          expected: `<${Math.round(REPEAT_THRESHOLD * 100)}%`,
          found: `${Math.round(s * 100)}%`,
        });
    }
    return out;
  },
};
export default rule;
