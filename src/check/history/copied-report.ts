import { jaccardSorted, normaliseProse, PROSE_SECTIONS, proseShingles } from '../../core/similarity.js';
import { memoBounded } from '../../core/bounded-cache.js';
import type { HistoryReport, HistoryRule } from './rule.js';
import { agencyYear } from './rule.js';

/** Jaccard similarity of the prose (5-character shingles, figures masked) from which a report counts as copied. */
export const COPY_THRESHOLD = 0.8;

/** Shingles of a report's prose, or null when too short to compare. */
type Shingled = Uint32Array | null;
/**
 * Shingles of recently seen prose, by its raw text: a report is compared with many others
 * (each new report with its candidates, and a candidate with every report it resembles),
 * and its prose is normalised and cut into shingles once. Bounded (oldest dropped first).
 */
const SHINGLED = new Map<string, Shingled>();
const SHINGLED_MAX = 4096;

/** The prose copied-report compares: the first section of each of PROSE_SECTIONS, in that order. */
export function comparedProse(sections: Record<string, string>): string {
  return PROSE_SECTIONS.map((k) => sections[k] ?? '').join('\n');
}

function shingled(r: HistoryReport): Shingled {
  if (r.shingles !== undefined) return r.shingles;
  const raw = comparedProse(r.sections);
  return memoBounded(SHINGLED, raw, SHINGLED_MAX, () => proseShingles(normaliseProse(raw)));
}

/** Near-identical prose to the agency's previous report, or to another agency's report. */
const rule: HistoryRule = {
  meta: {
    id: 'copied-report',
    severity: 'warning',
    title: '报告文字与其他报告高度雷同',
    description: '比较第一部分（总体情况）、第五部分（存在的主要问题及改进情况）、第六部分（其他需要报告的事项）的文字（数字不计），与本机关上一年度报告或其他机关报告的相似度达到 80% 以上。',
    fix: '按本机关本年度的实际工作重写总体情况、存在问题及改进情况，不要沿用往年或其他机关的文字。',
    group: 'sections',
  },
  reads: { cells: [], sections: PROSE_SECTIONS },
  check({ report, previous, candidates }) {
    const a = shingled(report);
    if (!a) return [];
    const out = [];
    const measure = (o: HistoryReport) => {
      const b = shingled(o);
      return b ? jaccardSorted(a, b) : 0;
    };
    if (previous && report.year !== null && previous.year === report.year - 1) {
      const s = measure(previous);
      if (s >= COPY_THRESHOLD)
        out.push({
          message: `报告文字与本机关上一年度（${previous.year} 年）报告高度相似（相似度 ${Math.round(s * 100)}%），可能沿用了往年内容。`,
          cells: [],
          expected: `<${Math.round(COPY_THRESHOLD * 100)}%`,
          found: `${Math.round(s * 100)}%`,
        });
    }
    let best: { r: HistoryReport; s: number } | null = null;
    for (const c of candidates) {
      if (c.id === report.id) continue;
      if (c.agencyId != null && report.agencyId != null && c.agencyId === report.agencyId) continue;
      if (c.agencyId == null && c.agency && c.agency === report.agency) continue;
      const s = measure(c);
      if (s >= COPY_THRESHOLD && (!best || s > best.s)) best = { r: c, s };
    }
    if (best)
      out.push({
        message: `报告文字与“${agencyYear(best.r)}”高度相似（相似度 ${Math.round(best.s * 100)}%），可能照抄了其他机关的报告。`,
        cells: [],
        expected: `<${Math.round(COPY_THRESHOLD * 100)}%`,
        found: `${Math.round(best.s * 100)}%`,
      });
    return out;
  },
};
export default rule;
