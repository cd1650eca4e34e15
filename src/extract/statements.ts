/**
 * Figures the report's own prose states for table-二 cells (现行有效行政规范性文件698件,
 * 本年度制发的规范性文件88件). They are evidence the report itself gives: used only to
 * choose among the possible splits of a run of digits, never to fill or change a cell.
 */
import type { Field } from './fields.js';

interface StatementPattern {
  /** Cell key suffix after t2.<row>. */
  cell: string;
  re: RegExp;
}

const DOC = '(?:行政)?规范性文件';
const PATTERNS: Record<string, StatementPattern[]> = {
  normativeDocs: [
    { cell: 'valid', re: new RegExp(`现行有效(?:的)?${DOC}(?:共)?(\\d+)件`, 'g') },
    { cell: 'made', re: new RegExp(`(?:本年度?|全年)?(?:制发|制定|印发)(?:的)?${DOC}(?:共)?(\\d+)件`, 'g') },
    { cell: 'repealed', re: new RegExp(`(?:废止|宣布失效)(?:的)?${DOC}(?:共)?(\\d+)件`, 'g') },
  ],
  regulations: [
    { cell: 'valid', re: /现行有效(?:的)?规章(?:共)?(\d+)件/g },
    { cell: 'made', re: /(?:制发|制定|出台)(?:的)?规章(?:共)?(\d+)件/g },
    { cell: 'repealed', re: /废止(?:的)?规章(?:共)?(\d+)件/g },
  ],
};

const ROWS = Object.entries(PATTERNS);

/** Stated figures per cell key (t2.normativeDocs.valid → [698]). */
export function statedFigures(fields: Field[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const f of fields) {
    if (f.norm.length < 12) continue;
    // Each row's patterns name it (规范性文件, 规章): a field naming neither states none.
    const docs = f.norm.includes('规范性文件');
    if (!docs && !f.norm.includes('规章')) continue;
    for (const [row, list] of ROWS) {
      if (row === 'normativeDocs' ? !docs : !f.norm.includes('规章')) continue;
      for (const p of list) {
        p.re.lastIndex = 0;
        for (const m of f.norm.matchAll(p.re)) {
          const key = `t2.${row}.${p.cell}`;
          out.set(key, [...(out.get(key) ?? []), Number(m[1])]);
        }
      }
    }
  }
  return out;
}

/**
 * Narrow split candidates with stated figures: a statement is applied only when some
 * candidate agrees with it (a prose figure that contradicts every split is ignored).
 */
export function narrowByStatements<T extends (number | null)[]>(candidates: T[], keys: string[], stated: Map<string, number[]>): T[] {
  let cands = candidates;
  keys.forEach((key, i) => {
    for (const v of stated.get(key) ?? []) {
      const kept = cands.filter((c) => c[i] === v);
      if (kept.length > 0) cands = kept;
    }
  });
  return cands;
}
