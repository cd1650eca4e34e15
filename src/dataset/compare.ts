/** Two years of one agency side by side: every cell's change, each section's text diff, findings new / fixed. */
import { APPLICANT_COLUMNS, cellKeys, SECTIONS, templateForYear, type TemplateVersion } from '../core/template.js';
import type { Store } from '../store/db.js';
import { findingsOf, loadReport, reportsOfYear, type StoredFinding } from '../store/queries.js';

export interface CellChange {
  key: string;
  before: number | null;
  after: number | null;
  delta: number | null;
  /** Across templates: the other template's cell(s) this one was compared with (their sum). */
  mappedTo?: string[];
}

export interface TextDiffLine {
  op: '=' | '-' | '+';
  text: string;
}

export interface Comparison {
  agency: string;
  years: [number, number];
  reports: [number, number];
  /** The file each year's figures come from, and other files of the same agency-year not used. */
  sources: [string, string];
  alternatives: [string[], string[]];
  /** Cells of one year's template with no counterpart in the other's (2019 ↔ 2021). */
  uncomparable: { key: string; year: number }[];
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

function versionOf(t: string | null, year: number): TemplateVersion {
  return t === '2019' || t === '2021' ? t : templateForYear(year);
}

/**
 * Cells of the 2019 template that mean the same as cells of the 2021 one under another key
 * (2019 key → 2021 keys whose sum it equals). Keys both templates share mean the same
 * (table 三's rows, table 四, 行政许可/处罚/强制 decisions); these are the rest.
 */
export const CROSS_TEMPLATE: Record<string, string[]> = Object.fromEntries([
  // 表二 规章 / 规范性文件: 本年新制作数量 (2019) = 本年制发件数 (2021).
  ...['regulations', 'normativeDocs'].map((r) => [`t2.${r}.newlyMade`, [`t2.${r}.made`]]),
  // 表三 （六）其他处理 (2019, one row) = the three rows of （六） in 2021, column by column.
  ...APPLICANT_COLUMNS.map((c) => [`t3.other.total.${c.key}`, ['other.noCorrection', 'other.feeUnpaid', 'other.other'].map((r) => `t3.${r}.${c.key}`)]),
]);

function sumOf(cells: Record<string, number | null>, keys: string[]): number | null {
  const vs = keys.map((k) => cells[k] ?? null).filter((v): v is number => v !== null);
  return vs.length ? vs.reduce((x, y) => x + y, 0) : null;
}

const diff = (before: number | null, after: number | null) => (before !== null && after !== null ? Math.round((after - before) * 1e6) / 1e6 : null);

/** Cell by cell, across templates when the two years use different ones: equivalent cells mapped, the rest listed as not comparable. */
export function compareCells(
  a: Record<string, number | null>,
  va: TemplateVersion,
  b: Record<string, number | null>,
  vb: TemplateVersion,
  ya: number,
  yb: number,
): { cells: CellChange[]; uncomparable: { key: string; year: number }[] } {
  if (va === vb) {
    const keys = [...new Set([...cellKeys(va), ...Object.keys(a), ...Object.keys(b)])];
    return { cells: keys.map((key) => ({ key, before: a[key] ?? null, after: b[key] ?? null, delta: diff(a[key] ?? null, b[key] ?? null) })), uncomparable: [] };
  }
  const keysA = new Set(cellKeys(va));
  const keysB = new Set(cellKeys(vb));
  const cells: CellChange[] = [];
  const used = new Set<string>();
  // In the later year's order: its keys, each read directly or through the mapping.
  const old = va === '2019' ? { cells: a, keys: keysA } : { cells: b, keys: keysB };
  const neu = va === '2019' ? { cells: b, keys: keysB } : { cells: a, keys: keysA };
  const oldValue = (key2021: string): { value: number | null; from: string[] } | null => {
    if (old.keys.has(key2021)) return { value: old.cells[key2021] ?? null, from: [key2021] };
    for (const [k2019, ks] of Object.entries(CROSS_TEMPLATE)) {
      if (ks[0] !== key2021) continue;
      return { value: old.cells[k2019] ?? null, from: [k2019] };
    }
    return null;
  };
  for (const key of cellKeys('2021')) {
    if (used.has(key)) continue;
    const mappedFrom = Object.entries(CROSS_TEMPLATE).find(([, ks]) => ks.includes(key) && ks.length > 1);
    if (mappedFrom) {
      // Several 2021 cells make one 2019 cell: compared as their sum, under the 2019 key.
      const [k2019, ks] = mappedFrom;
      ks.forEach((k) => used.add(k));
      const oldV = old.cells[k2019] ?? null;
      const newV = sumOf(neu.cells, ks);
      const [before, after] = va === '2019' ? [oldV, newV] : [newV, oldV];
      cells.push({ key: k2019, before, after, delta: diff(before, after), mappedTo: ks });
      continue;
    }
    const o = oldValue(key);
    if (!o) continue;
    used.add(key);
    const newV = neu.cells[key] ?? null;
    const [before, after] = va === '2019' ? [o.value, newV] : [newV, o.value];
    cells.push({ key, before, after, delta: diff(before, after), ...(o.from[0] !== key ? { mappedTo: o.from } : {}) });
  }
  const compared = new Set(cells.flatMap((c) => [c.key, ...(c.mappedTo ?? [])]));
  const uncomparable = [
    ...cellKeys(va).filter((k) => !compared.has(k)).map((key) => ({ key, year: ya })),
    ...cellKeys(vb).filter((k) => !compared.has(k)).map((key) => ({ key, year: yb })),
  ];
  return { cells, uncomparable };
}

const fkey = (f: StoredFinding) => `${f.rule}|${[...f.cells].sort().join(',')}`;

export async function compareYears(store: Store, agencyId: number, agencyName: string, y1: number, y2: number): Promise<Comparison | { missing: number[] }> {
  const c1 = await reportsOfYear(store.db, agencyId, y1);
  const c2 = await reportsOfYear(store.db, agencyId, y2);
  const r1 = c1[0]?.id;
  const r2 = c2[0]?.id;
  const missing = [r1 === undefined ? y1 : null, r2 === undefined ? y2 : null].filter((y): y is number => y !== null);
  if (r1 === undefined || r2 === undefined) return { missing };
  const a = (await loadReport(store.db, r1))!;
  const b = (await loadReport(store.db, r2))!;
  const { cells, uncomparable } = compareCells(a.cells, versionOf(a.template, y1), b.cells, versionOf(b.template, y2), y1, y2);
  const sections = SECTIONS.map((s) => ({ key: s.key, title: s.title, diff: diffText(a.sections[s.key] ?? '', b.sections[s.key] ?? '') }));
  const fa = await findingsOf(store.db, r1);
  const fb = await findingsOf(store.db, r2);
  const ka = new Set(fa.map(fkey));
  const kb = new Set(fb.map(fkey));
  return {
    agency: agencyName,
    years: [y1, y2],
    reports: [r1, r2],
    sources: [c1[0].source, c2[0].source],
    alternatives: [c1.slice(1).map((c) => c.source), c2.slice(1).map((c) => c.source)],
    uncomparable,
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
