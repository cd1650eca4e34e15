/**
 * Scores one parse outcome against its zoo truth, and sums scores by presentation,
 * perturbation and overall. A wrong number (a figure that is not the report's own) is the
 * invariant breaker; a blank with an `unreadable` finding is an abstention; a blank
 * without one is silent.
 */
import * as OpenCC from 'opencc-js';
import type { ParseOutcome } from '../../src/pipeline.js';
import type { ZooTruth } from './corpus.js';

export interface CellDiff {
  key: string;
  truth: number | null;
  parsed: number | null | undefined;
  kind: 'wrong' | 'abstain' | 'silent';
}

export interface DocScore {
  id: string;
  presentation: string;
  perturbations: string[];
  defect: string | null;
  failure: string | null;
  cells: number;
  exact: number;
  wrong: number;
  abstain: number;
  silent: number;
  metaFields: number;
  metaOk: number;
  metaDiff: string[];
  expected: number;
  found: number;
  missed: string[];
  falseErrors: string[];
  /** Warnings of the kinds the zoo injects (label-variant, section-order …) where none was injected. */
  falseWarnings: string[];
  /** Every cell exact, meta right, every expected finding found, no false error. */
  fileExact: boolean;
  diffs: CellDiff[];
}

/** Warning and info rules whose every occurrence in the zoo is injected (so any other one is false). */
const INJECTED_WARNINGS = new Set(['section-order', 'section-numbering', 'title-year', 'label-variant', 'zero-notation', 'text-table-mismatch', 'template-residue', 'fee-statement-missing', 'fee-unpaid-without-notice', 'published-late', 'foreign-entity']);

const toSimp = OpenCC.Converter({ from: 'tw', to: 'cn' });
const toTrad = OpenCC.Converter({ from: 'cn', to: 'twp' });
const same = (a: number | null | undefined, b: number | null) => (a == null || b == null ? a == null && b == null : Math.abs(a - b) < 1e-9);

export function scoreDoc(t: ZooTruth, o: ParseOutcome): DocScore {
  const s: DocScore = {
    id: t.id,
    presentation: t.presentation,
    perturbations: t.perturbations,
    defect: t.defect,
    failure: null,
    cells: 0,
    exact: 0,
    wrong: 0,
    abstain: 0,
    silent: 0,
    metaFields: 5,
    metaOk: 0,
    metaDiff: [],
    expected: t.expected.length,
    found: 0,
    missed: [],
    falseErrors: [],
    falseWarnings: [],
    fileExact: false,
    diffs: [],
  };
  const keys = Object.keys(t.cells);
  s.cells = keys.length;
  if (!o.ok) {
    s.failure = `${o.failure.code}: ${o.failure.message}`;
    s.silent = keys.filter((k) => t.cells[k] !== null).length;
    s.exact = keys.length - s.silent;
    s.missed = t.expected.map((e) => e.rule);
    s.metaDiff = ['(读取失败)'];
    return s;
  }
  const unreadable = new Set(o.findings.filter((f) => f.unreadable || f.rule === 'unreadable').flatMap((f) => f.cells));
  for (const k of keys) {
    const want = t.cells[k];
    const got = o.cells[k];
    if (same(got, want)) s.exact++;
    else if (got != null) {
      s.wrong++;
      s.diffs.push({ key: k, truth: want, parsed: got, kind: 'wrong' });
    } else if (unreadable.has(k)) {
      s.abstain++;
      s.diffs.push({ key: k, truth: want, parsed: got, kind: 'abstain' });
    } else {
      s.silent++;
      s.diffs.push({ key: k, truth: want, parsed: got, kind: 'silent' });
    }
  }
  const m = o.meta;
  const agencyOk = m.agency === t.meta.agency || (m.agency != null && (toSimp(m.agency) === t.meta.agency || m.agency === toTrad(t.meta.agency)));
  const checks: [string, boolean, unknown, unknown][] = [
    ['agency', agencyOk, m.agency, t.meta.agency],
    ['year', m.year === t.meta.year, m.year, t.meta.year],
    ['template', m.template === t.meta.template, m.template, t.meta.template],
    ['level', m.level === t.meta.level, m.level, t.meta.level],
    ['publishedAt', (m.publishedAt ?? null) === t.meta.publishedAt, m.publishedAt, t.meta.publishedAt],
  ];
  for (const [name, ok, got, want] of checks) {
    if (ok) s.metaOk++;
    else s.metaDiff.push(`${name}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
  }
  for (const e of t.expected) {
    const of = o.findings.filter((f) => f.rule === e.rule);
    const cells = new Set(of.flatMap((f) => f.cells));
    if (of.length > 0 && e.cells.every((c) => cells.has(c))) s.found++;
    else s.missed.push(`${e.rule}[${e.cells.slice(0, 3).join(',')}${e.cells.length > 3 ? ',…' : ''}]`);
  }
  for (const f of o.findings) {
    if (f.unreadable || (f.severity !== 'error' && !INJECTED_WARNINGS.has(f.rule))) continue;
    const justified = [...t.expected, ...(t.tolerated ?? [])].some((e) => e.rule === f.rule && (e.cells.length === 0 || f.cells.length === 0 || f.cells.some((c) => e.cells.includes(c))));
    if (justified) continue;
    const line = `${f.rule}[${f.cells.slice(0, 3).join(',')}${f.cells.length > 3 ? ',…' : ''}] ${f.message}`;
    (f.severity === 'error' ? s.falseErrors : s.falseWarnings).push(line);
  }
  s.fileExact = s.exact === s.cells && s.metaOk === s.metaFields && s.found === s.expected && s.falseErrors.length === 0;
  return s;
}

export interface Tally {
  docs: number;
  filesExact: number;
  failures: number;
  cells: number;
  exact: number;
  wrong: number;
  abstain: number;
  silent: number;
  metaFields: number;
  metaOk: number;
  expected: number;
  found: number;
  falseErrors: number;
  falseWarnings: number;
}

export const emptyTally = (): Tally => ({ docs: 0, filesExact: 0, failures: 0, cells: 0, exact: 0, wrong: 0, abstain: 0, silent: 0, metaFields: 0, metaOk: 0, expected: 0, found: 0, falseErrors: 0, falseWarnings: 0 });

export function add(t: Tally, s: DocScore): void {
  t.docs++;
  if (s.fileExact) t.filesExact++;
  if (s.failure) t.failures++;
  t.cells += s.cells;
  t.exact += s.exact;
  t.wrong += s.wrong;
  t.abstain += s.abstain;
  t.silent += s.silent;
  t.metaFields += s.metaFields;
  t.metaOk += s.metaOk;
  t.expected += s.expected;
  t.found += s.found;
  t.falseErrors += s.falseErrors.length;
  t.falseWarnings += s.falseWarnings.length;
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(a === b ? 0 : 2)}%`);

export const TALLY_HEADER = ['', 'docs', 'files exact', 'cells exact', 'wrong numbers', 'blank+unreadable', 'blank silent', 'meta', 'errors found', 'false errors', 'false warnings', 'failures'];

export function tallyRow(name: string, t: Tally): string[] {
  return [name, String(t.docs), `${t.filesExact}/${t.docs}`, pct(t.exact, t.cells), String(t.wrong), String(t.abstain), String(t.silent), pct(t.metaOk, t.metaFields), `${t.found}/${t.expected}`, String(t.falseErrors), String(t.falseWarnings), String(t.failures)];
}

/** A plain aligned table (CJK-safe enough for ASCII names). */
export function formatTable(rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ')).join('\n');
}
