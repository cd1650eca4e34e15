/**
 * Runs the history-aware rules for every report flagged `history_dirty` (new reports, and
 * reports a new neighbour affects: the agency's next year, a region's consolidated report,
 * reports with similar prose). Each report's history findings are replaced in its own
 * transaction and the flag cleared there, so an interrupted run resumes where it stopped.
 */
import { sql } from 'kysely';
import { checkHistory, type HistoryReport } from '../check/history/index.js';
import { storeFailure, type Store } from '../store/db.js';
import { findingRow, loadReport, reportOf, type ReportView } from '../store/queries.js';
import { nowIso } from '../store/schema.js';

/** Most similar-prose candidates considered per report. */
const MAX_CANDIDATES = 8;
/** Band overlap from which a new report also makes a candidate re-check itself. */
const RECHECK_BANDS = 4;

function toHistory(v: ReportView): HistoryReport {
  return { id: v.id, agency: v.agency, agencyId: v.agencyId, year: v.year, template: v.template, region: v.region, cells: v.cells, sections: v.sections };
}

export async function runHistory(store: Store, onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  const skip = new Set<number>();
  for (;;) {
    let q = store.db.selectFrom('reports').select(['id', 'history_checked_at']).where('history_dirty', '=', 1).where('status', '=', 'ok');
    if (skip.size) q = q.where('id', 'not in', [...skip]);
    const batch = await q.orderBy('id').limit(200).execute();
    if (batch.length === 0) break;
    for (const r of batch) {
      const wrote = await checkOne(store, r.id, r.history_checked_at === null);
      if (!wrote) skip.add(r.id);
      done++;
      onProgress?.(done);
    }
  }
  return done;
}

async function candidatesOf(store: Store, id: number, agencyId: number | null): Promise<{ id: number; n: number }[]> {
  const bands = await store.db.selectFrom('prose_bands').select(['band', 'hash']).where('report_id', '=', id).execute();
  if (bands.length === 0) return [];
  const rows = await store.db
    .selectFrom('prose_bands')
    .innerJoin('reports', 'reports.id', 'prose_bands.report_id')
    .select(['prose_bands.report_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => eb.or(bands.map((b) => eb.and([eb('prose_bands.band', '=', b.band), eb('prose_bands.hash', '=', b.hash)]))))
    .where('prose_bands.report_id', '<>', id)
    .where((eb) => (agencyId === null ? eb.val(true) : eb.or([eb('reports.agency_id', 'is', null), eb('reports.agency_id', '<>', agencyId)])))
    .groupBy('prose_bands.report_id')
    .orderBy('n', 'desc')
    .orderBy('prose_bands.report_id')
    .limit(MAX_CANDIDATES)
    .execute();
  return rows.map((r) => ({ id: r.report_id, n: Number(r.n) }));
}

async function membersOf(store: Store, me: ReportView): Promise<HistoryReport[] | null> {
  if (!me.consolidated || !me.region || me.year === null) return null;
  const rows = await store.db
    .selectFrom('reports')
    .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select(['reports.id', 'reports.agency_id'])
    .where('reports.year', '=', me.year)
    .where('reports.status', '=', 'ok')
    .where('reports.consolidated', '=', 0)
    .where('reports.id', '<>', me.id)
    .where((eb) => eb.or([eb('agencies.region', '=', me.region!), eb('agencies.region', 'like', `${me.region!.replace(/[%_]/g, '')}%`)]))
    .orderBy('reports.id', 'desc')
    .execute();
  const seen = new Set<number>();
  const out: HistoryReport[] = [];
  for (const r of rows) {
    if (r.agency_id === null || seen.has(r.agency_id)) continue;
    seen.add(r.agency_id);
    const v = await loadReport(store.db, r.id, false);
    if (v) out.push(toHistory(v));
  }
  return out;
}

/** Checks one report; false when it vanished or another process did it meanwhile. */
export async function checkOne(store: Store, id: number, firstTime: boolean): Promise<boolean> {
  try {
    const me = await loadReport(store.db, id);
    if (!me) return false;
    let previous: HistoryReport | null = null;
    if (me.agencyId !== null && me.year !== null) {
      const pid = await reportOf(store.db, me.agencyId, me.year - 1);
      const pv = pid !== undefined ? await loadReport(store.db, pid) : undefined;
      previous = pv ? toHistory(pv) : null;
    }
    const cands = await candidatesOf(store, id, me.agencyId);
    const candidates: HistoryReport[] = [];
    for (const c of cands) {
      const v = await loadReport(store.db, c.id, true, false);
      if (!v || (v.agencyId !== null && v.agencyId === me.agencyId)) continue;
      candidates.push(toHistory(v));
    }
    const members = await membersOf(store, me);
    const findings = checkHistory({ report: toHistory(me), previous, candidates, members });
    const overlap = new Map(cands.map((c) => [c.id, c.n]));
    const recheck = firstTime ? candidates.filter((c) => (overlap.get(c.id) ?? 0) >= RECHECK_BANDS).map((c) => c.id) : [];
    return await store.db.transaction().execute(async (trx) => {
      if (store.backend === 'postgres') {
        const row = await sql<{ history_dirty: number }>`select history_dirty from reports where id = ${id} for update`.execute(trx);
        if (!row.rows[0] || Number(row.rows[0].history_dirty) !== 1) return false;
      }
      await trx.deleteFrom('findings').where('report_id', '=', id).where('origin', '=', 'history').execute();
      if (findings.length) await trx.insertInto('findings').values(findings.map((f) => findingRow(id, f, 'history'))).execute();
      const sev = await trx
        .selectFrom('findings')
        .select(['severity', (eb) => eb.fn.countAll<number>().as('n')])
        .where('report_id', '=', id)
        .groupBy('severity')
        .execute();
      const n = (s: string) => Number(sev.find((x) => x.severity === s)?.n ?? 0);
      await trx.updateTable('reports').set({ history_dirty: 0, history_checked_at: nowIso(), errors: n('error'), warnings: n('warning') }).where('id', '=', id).execute();
      if (recheck.length) await trx.updateTable('reports').set({ history_dirty: 1 }).where('id', 'in', recheck).where('status', '=', 'ok').execute();
      return true;
    });
  } catch (e) {
    throw storeFailure(store, e);
  }
}
