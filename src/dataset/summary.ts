/** Aggregates over the store: report counts, findings by rule, totals of key cells, worst offenders. */
import { sql } from 'kysely';
import { describeCell } from '../core/template.js';
import type { Store } from '../store/db.js';
import { sameAgencyYears, type SameAgencyYear } from '../store/queries.js';
import { baseQuery as allReports, type ReportFilter } from './rows.js';

export const KEY_CELLS = [
  't3.newReceived.total',
  't3.carriedOver.total',
  't3.granted.total',
  't3.partialGrant.total',
  't3.total.total',
  't3.carriedForward.total',
  't4.review.total',
  't4.suitDirect.total',
  't4.suitAfterReview.total',
  't2.licensing.decisions',
  't2.punishment.decisions',
  't2.coercion.decisions',
  't2.fees.amountWan',
];

export interface Summary {
  filter: ReportFilter;
  reports: number;
  failed: number;
  agencies: number;
  years: { year: number | null; reports: number }[];
  rules: { rule: string; severity: string; findings: number; reports: number }[];
  totals: { key: string; label: string; sum: number; reports: number }[];
  worst: { reportId: number; agency: string | null; year: number | null; errors: number; warnings: number; source: string }[];
  /** Agency-years held by several files: counted once, from `used`. */
  sameYear: { agency: string; year: number; used: string; others: string[] }[];
}

/** Within the filter: agency-years with several reports (only those the filter selects). */
function inFilter(all: SameAgencyYear[], f: ReportFilter): SameAgencyYear[] {
  return all.filter((s) => (f.year === undefined || s.year === f.year) && (f.agencyId === undefined || s.agencyId === f.agencyId));
}

export async function summarise(store: Store, f: ReportFilter, top = 10): Promise<Summary> {
  const db = store.db;
  // The same agency-year from two files is counted once: the others are left out of every figure.
  const same = inFilter(await sameAgencyYears(db), f);
  const uncounted = same.flatMap((s) => s.others.map((o) => o.id));
  const baseQuery: typeof allReports = (d, flt) => {
    const q = allReports(d, flt);
    return uncounted.length ? q.where('reports.id', 'not in', uncounted) : q;
  };
  const counts = await baseQuery(db, f)
    .select(['reports.status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('reports.agency_id').distinct().as('a')])
    .groupBy('reports.status')
    .execute();
  const ok = counts.find((c) => c.status === 'ok');
  const years = await baseQuery(db, f).select(['reports.year', (eb) => eb.fn.countAll<number>().as('n')]).where('reports.status', '=', 'ok').groupBy('reports.year').orderBy('reports.year').execute();
  const rules = await baseQuery(db, f)
    .innerJoin('findings', 'findings.report_id', 'reports.id')
    .select(['findings.rule', 'findings.severity', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('reports.id').distinct().as('r')])
    .where('findings.severity', 'in', ['error', 'warning'])
    .groupBy(['findings.rule', 'findings.severity'])
    .orderBy('findings.severity')
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  const totals = await baseQuery(db, f)
    .innerJoin('cells', 'cells.report_id', 'reports.id')
    .select(['cells.key', (eb) => eb.fn.sum<number>('cells.value').as('s'), (eb) => eb.fn.count<number>('cells.value').as('n')])
    .where('cells.key', 'in', KEY_CELLS)
    .where('reports.status', '=', 'ok')
    .groupBy('cells.key')
    .execute();
  const worst = await baseQuery(db, f)
    .select(['reports.id', 'agencies.name', 'reports.year', 'reports.errors', 'reports.warnings', 'reports.source_name'])
    .where('reports.status', '=', 'ok')
    .where((eb) => eb.or([eb('reports.errors', '>', 0), eb('reports.warnings', '>', 0)]))
    .orderBy('reports.errors', 'desc')
    .orderBy('reports.warnings', 'desc')
    .orderBy('reports.id')
    .limit(top)
    .execute();
  return {
    filter: f,
    reports: Number(ok?.n ?? 0),
    failed: Number(counts.find((c) => c.status === 'failed')?.n ?? 0),
    agencies: Number(ok?.a ?? 0),
    years: years.map((y) => ({ year: y.year, reports: Number(y.n) })),
    rules: rules.map((r) => ({ rule: r.rule, severity: r.severity, findings: Number(r.n), reports: Number(r.r) })),
    totals: KEY_CELLS.map((key) => {
      const t = totals.find((x) => x.key === key);
      return { key, label: describeCell(key), sum: Math.round(Number(t?.s ?? 0) * 1e4) / 1e4, reports: Number(t?.n ?? 0) };
    }),
    worst: worst.map((w) => ({ reportId: w.id, agency: w.name, year: w.year, errors: w.errors, warnings: w.warnings, source: w.source_name })),
    sameYear: same.map((s) => ({ agency: s.agency, year: s.year, used: s.used.source, others: s.others.map((o) => o.source) })),
  };
}
