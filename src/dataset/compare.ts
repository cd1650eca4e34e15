/** Two years of one agency side by side: every cell's change, each section's text diff, findings new / fixed. */
import { allCellKeys, SECTIONS } from '../core/template.js';
import type { Store } from '../store/db.js';
import { findingsOf, loadReport, reportOf, type StoredFinding } from '../store/queries.js';

export interface CellChange {
  key: string;
  before: number | null;
  after: number | null;
  delta: number | null;
}

export interface TextDiffLine {
  op: '=' | '-' | '+';
  text: string;
}

export interface Comparison {
  agency: string;
  years: [number, number];
  reports: [number, number];
  cells: CellChange[];
  sections: { key: string; title: string; diff: TextDiffLine[] }[];
  findingsNew: StoredFinding[];
  findingsFixed: StoredFinding[];
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[。；！？\n])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** LCS diff of sentences (bounded: long texts fall back to remove-all / add-all). */
export function diffText(a: string, b: string): TextDiffLine[] {
  const x = sentences(a);
  const y = sentences(b);
  if (x.length * y.length > 250_000) return [...x.map((text) => ({ op: '-' as const, text })), ...y.map((text) => ({ op: '+' as const, text }))];
  const dp = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) dp[i][j] = x[i] === y[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out: TextDiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      out.push({ op: '=', text: x[i] });
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) out.push({ op: '-', text: x[i++] });
    else out.push({ op: '+', text: y[j++] });
  }
  while (i < x.length) out.push({ op: '-', text: x[i++] });
  while (j < y.length) out.push({ op: '+', text: y[j++] });
  return out;
}

const fkey = (f: StoredFinding) => `${f.rule}|${[...f.cells].sort().join(',')}`;

export async function compareYears(store: Store, agencyId: number, agencyName: string, y1: number, y2: number): Promise<Comparison | { missing: number[] }> {
  const r1 = await reportOf(store.db, agencyId, y1);
  const r2 = await reportOf(store.db, agencyId, y2);
  const missing = [r1 === undefined ? y1 : null, r2 === undefined ? y2 : null].filter((y): y is number => y !== null);
  if (r1 === undefined || r2 === undefined) return { missing };
  const a = (await loadReport(store.db, r1))!;
  const b = (await loadReport(store.db, r2))!;
  const order = allCellKeys();
  const keys = [...new Set([...order.filter((k) => k in a.cells || k in b.cells), ...Object.keys(a.cells), ...Object.keys(b.cells)])];
  const cells = keys.map((key) => {
    const before = a.cells[key] ?? null;
    const after = b.cells[key] ?? null;
    return { key, before, after, delta: before !== null && after !== null ? Math.round((after - before) * 1e6) / 1e6 : null };
  });
  const sections = SECTIONS.map((s) => ({ key: s.key, title: s.title, diff: diffText(a.sections[s.key] ?? '', b.sections[s.key] ?? '') }));
  const fa = await findingsOf(store.db, r1);
  const fb = await findingsOf(store.db, r2);
  const ka = new Set(fa.map(fkey));
  const kb = new Set(fb.map(fkey));
  return {
    agency: agencyName,
    years: [y1, y2],
    reports: [r1, r2],
    cells,
    sections,
    findingsNew: fb.filter((f) => !ka.has(fkey(f))),
    findingsFixed: fa.filter((f) => !kb.has(fkey(f))),
  };
}

export async function yearsOf(store: Store, agencyId: number): Promise<number[]> {
  const rows = await store.db.selectFrom('reports').select('year').distinct().where('agency_id', '=', agencyId).where('status', '=', 'ok').where('year', 'is not', null).orderBy('year').execute();
  return rows.map((r) => r.year!);
}
