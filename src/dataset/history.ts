/**
 * Runs the history-aware rules for every report flagged `history_dirty` (new reports, and
 * reports a new neighbour affects: the agency's next year, a region's consolidated report,
 * reports with similar prose). Reports are checked a few dozen at a time: what they need is
 * loaded with one query per table for the whole group, and their history findings are
 * replaced and their flags cleared in one transaction per group, so an interrupted run
 * resumes where it stopped (a group is either wholly done or still flagged).
 */
import { sql } from 'kysely';
import { checkHistory, type HistoryReport } from '../check/history/index.js';
import { retryOnDeadlock, storeFailure, type Store } from '../store/db.js';
import { findingRow, insertFindings, loadReport, loadReports, reportOf, type ReportView } from '../store/queries.js';
import { nowIso } from '../store/schema.js';

/** Most similar-prose candidates considered per report. */
const MAX_CANDIDATES = 8;
/** Band overlap from which a new report also makes a candidate re-check itself. */
const RECHECK_BANDS = 4;
/** Rows read per LSH bucket and direction when looking for candidates. */
const BUCKET_ROWS = MAX_CANDIDATES;

function toHistory(v: ReportView): HistoryReport {
  return { id: v.id, agency: v.agency, agencyId: v.agencyId, year: v.year, template: v.template, region: v.region, cells: v.cells, sections: v.sections };
}

/** Reports checked (and written) together. */
const GROUP = 50;

export async function runHistory(store: Store, onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  const skip = new Set<number>();
  for (;;) {
    let q = store.db.selectFrom('reports').select(['id', 'history_checked_at']).where('history_dirty', '=', 1).where('status', '=', 'ok');
    if (skip.size) q = q.where('id', 'not in', [...skip]);
    const batch = await q.orderBy('id').limit(200).execute();
    if (batch.length === 0) break;
    for (let i = 0; i < batch.length; i += GROUP) {
      const group = batch.slice(i, i + GROUP);
      const wrote = await checkGroup(
        store,
        group.map((r) => ({ id: r.id, firstTime: r.history_checked_at === null })),
      );
      for (const r of group) if (!wrote.has(r.id)) skip.add(r.id);
      done += group.length;
      onProgress?.(done);
    }
  }
  return done;
}

/**
 * Reports whose prose may resemble this one: those sharing MinHash LSH bands with it, of
 * other agencies, most shared bands first. Each (band, hash) bucket is read by index range
 * (agency below / above this report's own) and at most BUCKET_ROWS rows each way, so the cost
 * stays bounded when thousands of reports share a bucket (boilerplate prose, or many copies of
 * one agency's report); the overlap of the leading candidates is then counted exactly.
 */
async function candidatesOf(store: Store, id: number): Promise<{ id: number; n: number }[]> {
  const mine = await store.db.selectFrom('prose_bands').select(['band', 'hash', 'agency_id']).where('report_id', '=', id).execute();
  if (mine.length === 0) return [];
  const agency = Number(mine[0].agency_id);
  const parts = mine.flatMap((b) =>
    agency === 0
      ? [sql`select report_id from (select report_id from prose_bands where band = ${b.band} and hash = ${b.hash} and report_id <> ${id} order by agency_id, report_id limit ${BUCKET_ROWS}) as t`]
      : [
          sql`select report_id from (select report_id from prose_bands where band = ${b.band} and hash = ${b.hash} and agency_id < ${agency} order by agency_id desc, report_id desc limit ${BUCKET_ROWS}) as t`,
          sql`select report_id from (select report_id from prose_bands where band = ${b.band} and hash = ${b.hash} and agency_id > ${agency} order by agency_id, report_id limit ${BUCKET_ROWS}) as t`,
        ],
  );
  const hits = await sql<{ report_id: number }>`${sql.join(parts, sql` union all `)}`.execute(store.db);
  if (hits.rows.length === 0) return [];
  const seen = new Map<number, number>();
  for (const r of hits.rows) seen.set(Number(r.report_id), (seen.get(Number(r.report_id)) ?? 0) + 1);
  const lead = [...seen]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_CANDIDATES * 2)
    .map(([rid]) => rid);
  const key = new Set(mine.map((b) => `${b.band}\u0000${b.hash}`));
  const exact = new Map<number, number>(lead.map((rid) => [rid, 0]));
  for (const b of await store.db.selectFrom('prose_bands').select(['report_id', 'band', 'hash']).where('report_id', 'in', lead).execute())
    if (key.has(`${b.band}\u0000${b.hash}`)) exact.set(b.report_id, (exact.get(b.report_id) ?? 0) + 1);
  return [...exact]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_CANDIDATES)
    .map(([rid, n]) => ({ id: rid, n }));
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
  return (await checkGroup(store, [{ id, firstTime }])).has(id);
}

/** Checks a group of reports; returns the ids written (not those vanished or done meanwhile by another process). */
export async function checkGroup(store: Store, group: { id: number; firstTime: boolean }[]): Promise<Set<number>> {
  try {
    const views = await loadReports(store.db, group.map((g) => g.id));
    // The agency's previous year: one lookup per distinct (agency, year), then loaded together.
    const prevOf = new Map<string, number | undefined>();
    for (const v of views.values()) {
      if (v.agencyId === null || v.year === null) continue;
      const k = `${v.agencyId}:${v.year - 1}`;
      if (!prevOf.has(k)) prevOf.set(k, await reportOf(store.db, v.agencyId, v.year - 1));
    }
    const prevViews = await loadReports(store.db, [...prevOf.values()].filter((x): x is number => x !== undefined));
    // Candidate lookups are independent: issued together (PostgreSQL runs them on several connections).
    const candsOf = new Map<number, { id: number; n: number }[]>(
      await Promise.all(group.filter((g) => views.has(g.id)).map(async (g) => [g.id, await candidatesOf(store, g.id)] as const)),
    );
    const candViews = await loadReports(
      store.db,
      [...candsOf.values()].flatMap((cs) => cs.map((c) => c.id)),
      true,
      false,
    );
    const results: { id: number; findings: ReturnType<typeof checkHistory>; recheck: number[] }[] = [];
    for (const g of group) {
      const me = views.get(g.id);
      if (!me) continue;
      let previous: HistoryReport | null = null;
      if (me.agencyId !== null && me.year !== null) {
        const pid = prevOf.get(`${me.agencyId}:${me.year - 1}`);
        const pv = pid !== undefined ? prevViews.get(pid) : undefined;
        previous = pv ? toHistory(pv) : null;
      }
      const cands = candsOf.get(g.id) ?? [];
      const candidates: HistoryReport[] = [];
      for (const c of cands) {
        const v = candViews.get(c.id);
        if (!v || (v.agencyId !== null && v.agencyId === me.agencyId)) continue;
        candidates.push(toHistory(v));
      }
      const members = await membersOf(store, me);
      const findings = checkHistory({ report: toHistory(me), previous, candidates, members });
      const overlap = new Map(cands.map((c) => [c.id, c.n]));
      const recheck = g.firstTime ? candidates.filter((c) => (overlap.get(c.id) ?? 0) >= RECHECK_BANDS).map((c) => c.id) : [];
      results.push({ id: g.id, findings, recheck });
    }
    if (results.length === 0) return new Set();
    return await retryOnDeadlock(store, () => store.db.transaction().execute(async (trx) => {
      const ids = results.map((r) => r.id);
      // Still flagged (another process may have checked some meanwhile); on PostgreSQL locked in id order.
      const live = new Set(
        (store.backend === 'postgres'
          ? (await sql<{ id: number }>`select id from reports where id in (${sql.join(ids)}) and history_dirty = 1 order by id for update`.execute(trx)).rows
          : await trx.selectFrom('reports').select('id').where('id', 'in', ids).where('history_dirty', '=', 1).execute()
        ).map((r) => Number(r.id)),
      );
      const mine = results.filter((r) => live.has(r.id));
      if (mine.length === 0) return new Set<number>();
      const liveIds = mine.map((r) => r.id);
      await trx.deleteFrom('findings').where('report_id', 'in', liveIds).where('origin', '=', 'history').execute();
      await insertFindings(
        trx,
        store.backend,
        mine.flatMap((r) => r.findings.map((f) => findingRow(r.id, f, 'history'))),
      );
      const sev = await trx
        .selectFrom('findings')
        .select(['report_id', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
        .where('report_id', 'in', liveIds)
        .groupBy(['report_id', 'severity'])
        .execute();
      const n = (id: number, s: string) => Number(sev.find((x) => x.report_id === id && x.severity === s)?.n ?? 0);
      const now = nowIso();
      if (store.backend === 'postgres') {
        const errors = liveIds.map((id) => n(id, 'error'));
        const warnings = liveIds.map((id) => n(id, 'warning'));
        await sql`update reports set history_dirty = 0, history_checked_at = ${now}, errors = v.e, warnings = v.w
          from unnest(${liveIds}::int4[], ${errors}::int4[], ${warnings}::int4[]) as v(id, e, w) where reports.id = v.id`.execute(trx);
      } else
        for (const id of liveIds)
          await trx.updateTable('reports').set({ history_dirty: 0, history_checked_at: now, errors: n(id, 'error'), warnings: n(id, 'warning') }).where('id', '=', id).execute();
      const recheck = [...new Set(mine.flatMap((r) => r.recheck))];
      if (recheck.length) await trx.updateTable('reports').set({ history_dirty: 1 }).where('id', 'in', recheck).where('status', '=', 'ok').execute();
      return new Set(liveIds);
    }));
  } catch (e) {
    throw storeFailure(store, e);
  }
}
