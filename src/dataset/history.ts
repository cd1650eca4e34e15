/**
 * Runs the history-aware rules for every report flagged `history_dirty` (new reports, and
 * reports a new neighbour affects: the agency's next year, a region's consolidated report,
 * reports with similar prose). Reports are checked a few dozen at a time: what they need is
 * loaded with one query per table for the whole group, and their history findings are
 * replaced and their flags cleared in one transaction per group, so an interrupted run
 * resumes where it stopped (a group is either wholly done or still flagged).
 */
import { CompiledQuery, sql } from 'kysely';
import { checkHistory, HISTORY_READS, type HistoryReport } from '../check/history/index.js';
import { retryOnDeadlock, storeFailure, type Store } from '../store/db.js';
import { byPreference, findingRow, insertFindings, loadReports, type AgencyYearCandidate, type ReportView } from '../store/queries.js';
import { nowIso } from '../store/schema.js';
import { historyCells, type HistoryData } from '../store/parsed.js';
import type { Finding } from '../core/types.js';
import { PROSE_SECTIONS } from '../core/similarity.js';
import { HistoryPool } from './history-pool.js';
import { BUCKET_ROWS, BucketSnapshot, leadOf, MAX_CANDIDATES, mostShared, type Candidates } from './bucket-snapshot.js';

/** Band overlap from which a new report also makes a candidate re-check itself. */
const RECHECK_BANDS = 4;

function toHistory(v: ReportView): HistoryReport {
  return { id: v.id, agency: v.agency, agencyId: v.agencyId, year: v.year, template: v.template, region: v.region, cells: v.cells, sections: v.sections, shingles: v.shingles };
}

/** Reports checked (and written) together. */
const GROUP = 50;

/** Reports as the history rules see them: only the cells and sections they read (HISTORY_READS). */
function loadHistoryViews(store: Store, ids: number[], written?: WrittenViews): Promise<Map<number, ReportView>> {
  return loadViews(store, ids, HISTORY_READS.sections, HISTORY_READS.cells, written);
}

/** Bytes of reports WrittenViews holds at most (past it, the others are read from the store as before). */
const WRITTEN_BYTES = 64 * 1024 * 1024;

/**
 * What an ingest has just written of its reports, as the history rules read it (HistoryData, made
 * by the parse processes): its history checks take their cells and prose from here instead of
 * reading back from the server what was sent to it moments before (on PostgreSQL, reading a
 * report's cells back was a third of the server's work in the history phase). The reports' rows
 * (agency, region, year…) are still read from the store. Bounded: past WRITTEN_BYTES, reports are
 * not kept and are read from the store as before.
 */
export class WrittenViews {
  private views = new Map<number, HistoryData>();
  private bytes = 0;
  constructor(private readonly max = WRITTEN_BYTES) {}

  add(id: number, data: HistoryData): void {
    let size = 512 + data.values.byteLength + data.present.byteLength + (data.shingles?.byteLength ?? 0);
    for (const k in data.sections) size += 64 + 2 * data.sections[k].length;
    if (this.bytes + size > this.max) return;
    this.bytes += size;
    // Copies of the arrays: those of a message from a parse process are views of the whole
    // message's bytes (~30 KB a report), which keeping them would keep.
    this.views.set(id, { values: data.values.slice(), present: data.present.slice(), sections: data.sections, shingles: data.shingles && data.shingles.slice() });
  }

  get(id: number): HistoryData | undefined {
    return this.views.get(id);
  }

  has(id: number): boolean {
    return this.views.has(id);
  }

  get size(): number {
    return this.views.size;
  }
}

const HISTORY_CELLS = new Set(HISTORY_READS.cells);
const HISTORY_SECTIONS = new Set<string>(HISTORY_READS.sections);

/**
 * loadReports (sections and cells as it takes them: all, none or these keys), the cells and
 * sections of reports in `written` taken from there when it holds all that is asked for.
 */
async function loadViews(store: Store, ids: number[], sections: readonly string[] | false, cells: readonly string[] | false, written?: WrittenViews): Promise<Map<number, ReportView>> {
  const covered = written && written.size > 0 && (sections === false || sections.every((k) => HISTORY_SECTIONS.has(k))) && (cells === false || cells.every((k) => HISTORY_CELLS.has(k)));
  const mine = covered ? ids.filter((id) => written.has(id)) : [];
  if (mine.length === 0) return loadReports(store.db, ids, sections, cells);
  const mineSet = new Set(mine);
  const others = ids.filter((id) => !mineSet.has(id));
  const out = await loadReports(store.db, mine, false, false);
  for (const [id, v] of out) {
    const data = written!.get(id)!;
    if (cells) {
      const all = historyCells(data);
      for (const k of cells) if (Object.prototype.hasOwnProperty.call(all, k)) v.cells[k] = all[k];
    }
    // The prose copied-report alone reads stands as its shingles (HistoryData).
    if (sections) for (const k of sections) if (Object.prototype.hasOwnProperty.call(data.sections, k)) v.sections[k] = data.sections[k];
    v.shingles = data.shingles;
  }
  if (others.length) for (const [id, v] of await loadReports(store.db, others, sections, cells)) out.set(id, v);
  return out;
}

/**
 * Reports read during one run, by id: an agency's previous year and the reports whose prose is
 * compared are read again and again by the groups of a run (consecutive years are neighbours
 * by id; a few early reports lead many candidate lists). Only neighbours and candidates are
 * taken from it — the reports being checked are always read afresh. Bounded (oldest dropped).
 * A full view holds what the history rules read (loadHistoryViews); the others, prose only.
 */
export class ViewCache {
  private views = new Map<number, { view: ReportView; full: boolean }>();
  constructor(private readonly max = 300) {}

  get(id: number, needFull: boolean): ReportView | undefined {
    const hit = this.views.get(id);
    return hit && (hit.full || !needFull) ? hit.view : undefined;
  }

  put(views: Map<number, ReportView>, full: boolean): void {
    for (const [id, view] of views) {
      if (!full && this.views.get(id)?.full) continue;
      this.views.delete(id);
      this.views.set(id, { view, full });
    }
    for (const id of this.views.keys()) {
      if (this.views.size <= this.max) break;
      this.views.delete(id);
    }
  }

  /** The views of these ids: from the cache where it has them, the rest in one load. */
  async load(store: Store, ids: number[], full: boolean, written?: WrittenViews): Promise<Map<number, ReportView>> {
    const out = new Map<number, ReportView>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const v = this.get(id, full);
      if (v) out.set(id, v);
      else missing.push(id);
    }
    if (missing.length) {
      const loaded = full ? await loadHistoryViews(store, missing, written) : await loadViews(store, missing, PROSE_SECTIONS, false, written);
      this.put(loaded, full);
      for (const [id, v] of loaded) out.set(id, v);
    }
    return out;
  }
}

/**
 * What a run knows about what its checks have already seen. A new report makes the reports its
 * prose resembles check themselves again (their copied-report finding may now name it) — but
 * not those this run has checked since the new report was stored: their candidates were read
 * with it in the store, and a second check would read the same. Reports are stored one
 * writer at a time (writeBatch's lock), so every report with an id up to the largest at the
 * run's start was already committed then.
 */
export interface RunSeen {
  /** Largest report id when the run started. */
  upTo: number;
  /** Reports this run has checked or is checking now (all read after its start). */
  checked: Set<number>;
}

/** Dirty reports from which a run computes in child processes (below, their start-up costs more than it saves). */
const POOL_FROM = 400;

export interface HistoryOptions {
  /** Processes computing findings at once (default 1: this one). Used when many reports wait. */
  processes?: number;
  /** How many reports wait, when the caller has counted them already (see countWaiting). */
  waiting?: number;
  /**
   * What the calling ingest has just written (PostgreSQL): its reports are checked in this
   * process, their cells and prose taken from here, the others read from the store as before.
   */
  written?: WrittenViews;
}

/** Reports flagged for history checks. */
export async function countWaiting(store: Store): Promise<number> {
  const r = await store.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).where('history_dirty', '=', 1).where('status', '=', 'ok').executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function runHistory(store: Store, onProgress?: (done: number) => void, opts: HistoryOptions = {}): Promise<number> {
  let done = 0;
  const skip = new Set<number>();
  const cache = new ViewCache();
  const top = await store.db.selectFrom('reports').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const seen: RunSeen = { upTo: Number(top?.id ?? 0), checked: new Set() };
  let pool: HistoryPool | null = null;
  // With what an ingest has just written at hand, the reading left for the server is small: this
  // process does the rest, while the server answers on the other cores (measured: less CPU a
  // report than child processes reading everything back from the store).
  // (Many reports not written by it — a large re-check — are read and compared by child processes as before.)
  const waiting = (opts.processes ?? 1) > 1 ? (opts.waiting ?? (await countWaiting(store))) : 0;
  const written = store.backend === 'postgres' && opts.written && opts.written.size > 0 && waiting - opts.written.size < POOL_FROM ? opts.written : undefined;
  if (!written && (opts.processes ?? 1) > 1 && waiting >= POOL_FROM)
    pool = new HistoryPool(store.target, opts.processes!, store.backend === 'postgres' ? 2 : 1);
  // A group a child could not do is computed here.
  // An ingest's checks on PostgreSQL find prose candidates in a snapshot of the buckets (BucketSnapshot).
  const buckets = written ? await BucketSnapshot.load(store) : null;
  const compute = (group: { id: number; firstTime: boolean }[]) => (pool ? pool.compute(group).catch(() => computeGroup(store, group, cache)) : computeGroup(store, group, cache, written, buckets));
  // SQLite has one connection: writes one after another (PostgreSQL's wait on row locks instead).
  let writing: Promise<unknown> = Promise.resolve();
  const write = (computed: GroupResult[]) => {
    const w = store.backend === 'postgres' ? writeGroup(store, computed, seen) : writing.then(() => writeGroup(store, computed, seen));
    writing = w.catch(() => undefined);
    return w;
  };
  type Waiting = { id: number; history_checked_at: string | null };
  const one = async (group: Waiting[]) => {
    const wrote = await write(await compute(group.map((r) => ({ id: r.id, firstTime: r.history_checked_at === null }))));
    for (const r of group) if (!wrote.has(r.id)) skip.add(r.id);
    done += group.length;
    onProgress?.(done);
  };
  /** Flagged reports in id order: after `after`, none of `busy` (being checked) or of skip. */
  const next = async (limit: number, after = 0, busy: Iterable<number> = []): Promise<Waiting[]> => {
    let q = store.db.selectFrom('reports').select(['id', 'history_checked_at']).where('history_dirty', '=', 1).where('status', '=', 'ok');
    if (after > 0) q = q.where('id', '>', after);
    const exclude = [...skip, ...busy];
    if (exclude.length) q = q.where('id', 'not in', exclude);
    const rows = await q.orderBy('id').limit(limit).execute();
    for (const r of rows) seen.checked.add(r.id);
    return rows;
  };
  try {
    if (pool || store.backend === 'postgres') {
      // Groups computed at once: in child processes, or on PostgreSQL on connections of their own
      // (their queries wait on round trips, not on this thread). A group starts as soon as one
      // ends: in rounds of four, each round waited for its slowest group with the others done.
      // Read on from the last group's ids (reading from the start each time passed over every
      // report checked so far); once none is left past it, from the start again: reports flagged
      // anew meanwhile.
      const width = 4 * (pool ? pool.size : 1);
      const busy = new Set<number>();
      const running = new Set<Promise<void>>();
      let failure: { error: unknown } | null = null;
      let after = 0;
      for (;;) {
        while (running.size < width && failure === null) {
          let group = await next(GROUP, after, busy);
          if (group.length === 0 && after > 0) group = await next(GROUP, (after = 0), busy);
          if (group.length === 0) break;
          after = group[group.length - 1].id;
          for (const r of group) busy.add(r.id);
          const run: Promise<void> = one(group)
            .catch((e: unknown) => {
              failure ??= { error: e };
            })
            .finally(() => {
              for (const r of group) busy.delete(r.id);
              running.delete(run);
            });
          running.add(run);
        }
        if (running.size === 0) break;
        await Promise.race(running);
      }
      if (failure) throw (failure as { error: unknown }).error;
    } else
      // SQLite in this process: one group after another.
      for (;;) {
        const batch = await next(GROUP * 4);
        if (batch.length === 0) break;
        for (let i = 0; i < batch.length; i += GROUP) await one(batch.slice(i, i + GROUP));
      }
  } finally {
    await pool?.close();
  }
  return done;
}

/** The counted report of each agency-year (reportOf's choice: byPreference), a query or two for all of them. */
export async function reportsOf(store: Store, keys: { agencyId: number; year: number }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const want = new Set(keys.map((k) => `${k.agencyId}:${k.year}`));
  if (want.size === 0) return out;
  const agencies = [...new Set(keys.map((k) => k.agencyId))];
  const years = [...new Set(keys.map((k) => k.year))];
  const best = new Map<string, AgencyYearCandidate>();
  for (let i = 0; i < agencies.length; i += 500) {
    const rows = await store.db
      .selectFrom('reports')
      .select(['reports.id', 'reports.agency_id', 'reports.year', 'reports.source_name', 'reports.published_at'])
      .where('reports.agency_id', 'in', agencies.slice(i, i + 500))
      .where('reports.year', 'in', years)
      .where('reports.status', '=', 'ok')
      .execute();
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) {
      const k = `${r.agency_id}:${r.year}`;
      if (!want.has(k)) continue;
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
    // Cells read count only where an agency-year has several files to choose from.
    const contested = [...byKey.values()].filter((rs) => rs.length > 1).flat().map((r) => r.id);
    const filledOf = new Map<number, number>();
    for (let j = 0; j < contested.length; j += 500)
      for (const f of await store.db
        .selectFrom('cells')
        .select(['report_id', (eb) => eb.fn.count<number>('key').as('filled')])
        .where('report_id', 'in', contested.slice(j, j + 500))
        .where('value', 'is not', null)
        .groupBy('report_id')
        .execute())
        filledOf.set(f.report_id, Number(f.filled));
    for (const [k, rs] of byKey)
      for (const r of rs) {
        const c: AgencyYearCandidate = { id: r.id, source: r.source_name, publishedAt: r.published_at, filled: filledOf.get(r.id) ?? 0 };
        const cur = best.get(k);
        if (!cur || byPreference(c, cur) < 0) best.set(k, c);
      }
  }
  for (const [k, c] of best) out.set(k, c.id);
  return out;
}

/** Bands of these reports, by report. */
async function bandsOf(store: Store, ids: number[]): Promise<Map<number, { band: number; hash: string; agency_id: number }[]>> {
  const out = new Map<number, { band: number; hash: string; agency_id: number }[]>();
  const uniq = [...new Set(ids)];
  for (let i = 0; i < uniq.length; i += 500)
    for (const b of await store.db.selectFrom('prose_bands').select(['report_id', 'band', 'hash', 'agency_id']).where('report_id', 'in', uniq.slice(i, i + 500)).execute()) {
      const list = out.get(b.report_id) ?? [];
      list.push({ band: b.band, hash: b.hash, agency_id: Number(b.agency_id) });
      out.set(b.report_id, list);
    }
  return out;
}

/**
 * Reports whose prose may resemble each of these: those sharing MinHash LSH bands with it, of
 * other agencies, most shared bands first. Each (band, hash) bucket is read by index range
 * (agency below / above the report's own) and at most BUCKET_ROWS rows each way, so the cost
 * stays bounded when thousands of reports share a bucket (boilerplate prose, or many copies of
 * one agency's report); the overlap of the leading candidates is then counted exactly.
 * PostgreSQL does all of it for the whole group in one statement (candidatesOnServer); SQLite, in
 * process, reads the buckets with one query per report and the leading candidates' bands with one
 * query for the group.
 */
export async function candidatesOfGroup(store: Store, ids: number[]): Promise<Candidates> {
  if (store.backend === 'postgres') return candidatesOnServer(store, ids);
  const mineOf = await bandsOf(store, ids);
  const hitsOf = new Map<number, number[]>();
  for (const [id, mine] of mineOf) hitsOf.set(id, await bucketHits(store, id, mine));
  const leads = new Map([...hitsOf].map(([id, hits]) => [id, leadOf(hits)]));
  const leadBands = await bandsOf(store, [...leads.values()].flat());
  const exactOf = new Map<number, Map<number, number>>();
  for (const id of ids) {
    const lead = leads.get(id) ?? [];
    const key = new Set((mineOf.get(id) ?? []).map((b) => `${b.band}\u0000${b.hash}`));
    const exact = new Map<number, number>(lead.map((rid) => [rid, 0]));
    for (const rid of lead) for (const b of leadBands.get(rid) ?? []) if (key.has(`${b.band}\u0000${b.hash}`)) exact.set(rid, (exact.get(rid) ?? 0) + 1);
    exactOf.set(id, exact);
  }
  return mostShared(ids, exactOf);
}

/**
 * candidatesOfGroup on PostgreSQL, in one statement: the bucket rows (LATERAL, bounded), the
 * leading candidates (leadOf: most hits, then lowest id) and their exact band overlap, counted by
 * the server — a few rows a report come back instead of ~600 (bucket hits and the leads' bands).
 */
async function candidatesOnServer(store: Store, ids: number[]): Promise<Candidates> {
  const exactOf = new Map<number, Map<number, number>>();
  if (ids.length) {
    // A bucket's bounded reads depend only on (band, hash, agency): read once for the group's
    // reports that share it (an agency's other years, copied prose) and joined back to each —
    // a third of the reads in a crawl-shaped group of 50 (800 bands, 200–300 distinct buckets).
    const bounded = (cond: string, order: string) =>
      `select b.band, b.hash, b.agency_id, t.report_id from buckets b cross join lateral (select p.report_id from prose_bands p where p.band = b.band and p.hash = b.hash and ${cond} order by ${order} limit ${BUCKET_ROWS}) as t`;
    // A lead's exact overlap: its bands compared with the report's by band number (the report's
    // hashes in band order, when its bands are 0…n−1, as writeReport stores them), else by text.
    const text = `with mine as (select report_id, band, hash, agency_id from prose_bands where report_id = any($1::int4[])),
      buckets as (select distinct band, hash, agency_id from mine where agency_id <> 0),
      found as (${bounded('p.agency_id < b.agency_id', 'p.agency_id desc, p.report_id desc')}
        union all ${bounded('p.agency_id > b.agency_id', 'p.agency_id, p.report_id')}),
      hits as (select m.report_id as me, f.report_id from mine m join found f on f.band = m.band and f.hash = m.hash and f.agency_id = m.agency_id
        union all select m.report_id as me, t.report_id from mine m cross join lateral (select p.report_id from prose_bands p where p.band = m.band and p.hash = m.hash and m.agency_id = 0 and p.report_id <> m.report_id order by p.agency_id, p.report_id limit ${BUCKET_ROWS}) as t),
      lead as (select me, report_id from (select me, report_id, row_number() over (partition by me order by count(*) desc, report_id) as r from hits group by me, report_id) as c where r <= ${MAX_CANDIDATES * 2}),
      keys as (select report_id, array_agg(hash order by band) as k, min(band) = 0 and max(band) = count(*) - 1 and count(distinct band) = count(*) as dense,
        array_agg(band::text || ' ' || hash) as kb from mine group by report_id)
      select l.me, l.report_id, (select count(*) from prose_bands p where p.report_id = l.report_id
        and case when keys.dense then p.hash = keys.k[p.band + 1] else (p.band::text || ' ' || p.hash) = any(keys.kb) end)::int as n
      from lead l join keys on keys.report_id = l.me`;
    // The bounded read needs the index order (band, hash, agency_id, report_id) and a stop after
    // BUCKET_ROWS entries. The planner estimates every bucket at the table's average size (a few
    // rows), so it prefers a bitmap scan of the whole bucket and a sort — thousands of rows per
    // bucket when many reports share boilerplate (measured: 570 ms a group instead of 9 ms).
    const r = await store.db.transaction().execute(async (trx) => {
      // SET LOCAL of the three, in one round trip. Sorts made dear push the plan's cost past the
      // JIT threshold: compiling took ~400 ms a group.
      await sql`select set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true), set_config('jit', 'off', true)`.execute(trx);
      return trx.executeQuery<{ me: number; report_id: number; n: number }>(CompiledQuery.raw(text, [ids]));
    });
    for (const h of r.rows) {
      const me = Number(h.me);
      const exact = exactOf.get(me) ?? new Map<number, number>();
      exact.set(Number(h.report_id), Number(h.n));
      exactOf.set(me, exact);
    }
  }
  return mostShared(ids, exactOf);
}

/** The bucket rows of one report's bands (see candidatesOfGroup), one query. */
async function bucketHits(store: Store, id: number, mine: { band: number; hash: string; agency_id: number }[]): Promise<number[]> {
  if (mine.length === 0) return [];
  const agency = mine[0].agency_id;
  const parts = mine.flatMap((b) =>
    agency === 0
      ? [sql`select report_id from (select report_id from prose_bands where band = ${b.band} and hash = ${b.hash} and report_id <> ${id} order by agency_id, report_id limit ${BUCKET_ROWS}) as t`]
      : [
          sql`select report_id from (select report_id from prose_bands where band = ${b.band} and hash = ${b.hash} and agency_id < ${agency} order by agency_id desc, report_id desc limit ${BUCKET_ROWS}) as t`,
          sql`select report_id from (select report_id from prose_bands where band = ${b.band} and hash = ${b.hash} and agency_id > ${agency} order by agency_id, report_id limit ${BUCKET_ROWS}) as t`,
        ],
  );
  return (await sql<{ report_id: number }>`${sql.join(parts, sql` union all `)}`.execute(store.db)).rows.map((r) => Number(r.report_id));
}

async function membersOf(store: Store, me: ReportView, written?: WrittenViews): Promise<HistoryReport[] | null> {
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
  const ids: number[] = [];
  for (const r of rows) {
    if (r.agency_id === null || seen.has(r.agency_id)) continue;
    seen.add(r.agency_id);
    ids.push(r.id);
  }
  const views = await loadViews(store, ids, false, HISTORY_READS.cells, written);
  return ids.flatMap((id) => {
    const v = views.get(id);
    return v ? [toHistory(v)] : [];
  });
}

/** Checks one report; false when it vanished or another process did it meanwhile. */
export async function checkOne(store: Store, id: number, firstTime: boolean): Promise<boolean> {
  return (await checkGroup(store, [{ id, firstTime }])).has(id);
}

/** Checks a group of reports; returns the ids written (not those vanished or done meanwhile by another process). */
export async function checkGroup(store: Store, group: { id: number; firstTime: boolean }[], cache = new ViewCache(), seen?: RunSeen): Promise<Set<number>> {
  return writeGroup(store, await computeGroup(store, group, cache), seen);
}

/** A report's history findings, and the reports its prose resembles that may need to check themselves again. */
export interface GroupResult {
  id: number;
  findings: Finding[];
  /** Candidates sharing RECHECK_BANDS or more bands (a first check only); writeGroup drops those that already saw it. */
  recheck: number[];
}

/** The history findings of a group of reports: reads only (a parse of the group's neighbours and candidates), writes nothing. */
export async function computeGroup(store: Store, group: { id: number; firstTime: boolean }[], cache = new ViewCache(), written?: WrittenViews, buckets?: BucketSnapshot | null): Promise<GroupResult[]> {
  try {
    const views = await loadHistoryViews(store, group.map((g) => g.id), written);
    cache.put(views, true);
    // The agencies' previous years and the prose candidates: a few queries for the whole group.
    const prevOf = await reportsOf(
      store,
      [...views.values()].flatMap((v) => (v.agencyId !== null && v.year !== null ? [{ agencyId: v.agencyId, year: v.year - 1 }] : [])),
    );
    const prevViews = await cache.load(store, [...prevOf.values()], true, written);
    const checked = group.filter((g) => views.has(g.id)).map((g) => g.id);
    const candsOf = buckets && (await buckets.current(store)) ? buckets.candidates(checked) : await candidatesOfGroup(store, checked);
    // Candidates are compared by their prose only (copied-report): the other sections stay in the database.
    const candViews = await cache.load(
      store,
      [...candsOf.values()].flatMap((cs) => cs.map((c) => c.id)),
      false,
      written,
    );
    const results: GroupResult[] = [];
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
      const members = await membersOf(store, me, written);
      const findings = checkHistory({ report: toHistory(me), previous, candidates, members });
      const overlap = new Map(cands.map((c) => [c.id, c.n]));
      const recheck = g.firstTime ? candidates.filter((c) => (overlap.get(c.id) ?? 0) >= RECHECK_BANDS).map((c) => c.id) : [];
      results.push({ id: g.id, findings, recheck });
    }
    return results;
  } catch (e) {
    throw storeFailure(store, e);
  }
}

/**
 * Writes a group's findings in one transaction: replaces the reports' history findings, clears
 * their flags, and flags the reports to check again (but those this run has checked since: see RunSeen).
 */
export async function writeGroup(store: Store, computed: GroupResult[], seen?: RunSeen): Promise<Set<number>> {
  /** Whether report `other` has been checked by this run (or is being checked now) since `id` was stored. */
  const sawAlready = (other: number, id: number) => seen !== undefined && id <= seen.upTo && seen.checked.has(other);
  const results = computed.map((r) => ({ ...r, recheck: r.recheck.filter((c) => !sawAlready(c, r.id)) }));
  if (results.length === 0) return new Set();
  try {
    return await retryOnDeadlock(store, () => store.db.transaction().execute(async (trx) => {
      const ids = results.map((r) => r.id);
      // Still flagged (another process, or a group checked at the same time, may have checked some
      // meanwhile). On PostgreSQL the rows this transaction writes — its own and those it flags for
      // re-checking — are locked first, in id order, so groups checked at once wait for each other.
      let live: Set<number>;
      if (store.backend === 'postgres') {
        const own = new Set(ids);
        const lock = [...new Set([...ids, ...results.flatMap((r) => r.recheck)])].sort((a, b) => a - b);
        // The commit need not wait for the disk (this transaction only): a server crash loses at
        // most the last groups' findings whole, and their reports stay flagged for the next run.
        const rows = (
          await sql<{ id: number; history_dirty: number }>`select id, history_dirty from reports, set_config('synchronous_commit', 'off', true) where id in (${sql.join(lock)}) order by id for update of reports`.execute(trx)
        ).rows;
        live = new Set(rows.filter((r) => own.has(Number(r.id)) && Number(r.history_dirty) === 1).map((r) => Number(r.id)));
      } else live = new Set((await trx.selectFrom('reports').select('id').where('id', 'in', ids).where('history_dirty', '=', 1).execute()).map((r) => r.id));
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
      // Again now that the rows are locked: a report this run has fetched since the filter above
      // (and perhaps checked and committed already) need not be checked once more.
      const recheck = [...new Set(mine.flatMap((r) => r.recheck.filter((c) => !sawAlready(c, r.id))))];
      if (recheck.length) await trx.updateTable('reports').set({ history_dirty: 1 }).where('id', 'in', recheck).where('status', '=', 'ok').execute();
      return new Set(liveIds);
    }));
  } catch (e) {
    throw storeFailure(store, e);
  }
}
