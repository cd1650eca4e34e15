/**
 * The store's MinHash LSH buckets (prose_bands) held in memory for one ingest's history checks on
 * PostgreSQL. Finding a group's prose candidates on the server (candidatesOnServer: two bounded
 * index reads per bucket, then the leads' exact overlap) was about half of the history phase's
 * time; read once at the start of the phase — one statement, the buckets with their rows already in
 * index order — the same candidates are picked here, by the same rules, without a round trip.
 *
 * The snapshot answers only while it is current: rows written after it by another process would
 * be missing from it, so before each group the store's largest report id is compared with the one
 * read before the snapshot (a new report has a larger id), and once it differs the checks go back
 * to the server for the rest of the run. Past MAX_ROWS the buckets are not held (memory stays
 * bounded) and the server does it all, as before.
 */
import { sql } from 'kysely';
import { storeFailure, type Store } from '../store/db.js';

/** Most similar-prose candidates considered per report. */
export const MAX_CANDIDATES = 8;
/** Rows read per LSH bucket and direction when looking for candidates. */
export const BUCKET_ROWS = MAX_CANDIDATES;

/** Each report's candidates: its id and how many of their bands are equal, most first. */
export type Candidates = Map<number, { id: number; n: number }[]>;

/** Band rows held at most (16 a report with prose: about 60,000 reports; ~10 bytes a row). */
const MAX_ROWS = 1_000_000;

/** Each report's candidates: most shared bands first, then lowest id; at most MAX_CANDIDATES. */
export function mostShared(ids: number[], exactOf: Map<number, Map<number, number>>): Candidates {
  const out: Candidates = new Map();
  for (const id of ids)
    out.set(
      id,
      [...(exactOf.get(id) ?? [])]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, MAX_CANDIDATES)
        .map(([rid, n]) => ({ id: rid, n })),
    );
  return out;
}

/** The leading candidates of a report's bucket hits: most hits first, then lowest id. */
export function leadOf(hits: number[]): number[] {
  const seen = new Map<number, number>();
  for (const rid of hits) seen.set(rid, (seen.get(rid) ?? 0) + 1);
  return [...seen]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_CANDIDATES * 2)
    .map(([rid]) => rid);
}

export class BucketSnapshot {
  private constructor(
    /** Every row, bucket after bucket, each bucket's rows in the index's order (agency, then report). */
    private readonly agencies: Int32Array,
    private readonly reports: Int32Array,
    /** Where bucket b's rows start (its end: the next bucket's start). */
    private readonly starts: Int32Array,
    /** The bucket of each row. */
    private readonly bucketOfRow: Int32Array,
    /** Each report's rows (indices into the arrays above). */
    private readonly rowsOf: Map<number, number[]>,
    /** The store's largest report id read before the buckets. */
    private readonly topId: number,
  ) {}

  /** The buckets as the store holds them now; null when there are more rows than it keeps. */
  static async load(store: Store, maxRows = MAX_ROWS): Promise<BucketSnapshot | null> {
    if (store.backend !== 'postgres') return null;
    try {
      return await BucketSnapshot.read(store, maxRows);
    } catch (e) {
      throw storeFailure(store, e);
    }
  }

  private static async read(store: Store, maxRows: number): Promise<BucketSnapshot | null> {
    const top = await sql<{ id: number | null }>`select max(id) as id from reports`.execute(store.db);
    const count = Number((await sql<{ n: string }>`select count(*) as n from prose_bands`.execute(store.db)).rows[0]?.n ?? 0);
    if (count > maxRows) return null;
    // The rows read in the bucket index's order and gathered per bucket in that order, each column
    // as one string of big-endian int4s (an ORDER BY inside the aggregate sorted every bucket
    // again, and an int4[] is parsed element by element from its text). The order is checked
    // below all the same, and a bucket that came otherwise is sorted here.
    const buckets = await store.db.transaction().execute(async (trx) => {
      await sql`select set_config('max_parallel_workers_per_gather', '0', true)`.execute(trx);
      return (
        await sql<{ agencies: Uint8Array; reports: Uint8Array }>`select string_agg(int4send(agency_id), ''::bytea) as agencies, string_agg(int4send(report_id), ''::bytea) as reports
          from (select band, hash, agency_id, report_id from prose_bands order by band, hash, agency_id, report_id) as rows group by band, hash`.execute(trx)
      ).rows;
    });
    const total = buckets.reduce((n, b) => n + b.reports.byteLength / 4, 0);
    const agencies = new Int32Array(total);
    const reports = new Int32Array(total);
    const bucketOfRow = new Int32Array(total);
    const starts = new Int32Array(buckets.length + 1);
    const rowsOf = new Map<number, number[]>();
    let at = 0;
    buckets.forEach((b, bucket) => {
      starts[bucket] = at;
      const a = int4s(b.agencies);
      const r = int4s(b.reports);
      inIndexOrder(a, r);
      for (let i = 0; i < r.length; i++, at++) {
        agencies[at] = a[i];
        reports[at] = r[i];
        bucketOfRow[at] = bucket;
        const list = rowsOf.get(r[i]);
        if (list) list.push(at);
        else rowsOf.set(r[i], [at]);
      }
    });
    starts[buckets.length] = at;
    return new BucketSnapshot(agencies, reports, starts, bucketOfRow, rowsOf, Number(top.rows[0]?.id ?? 0));
  }

  private stale = false;

  /**
   * Whether no report has been stored since the snapshot (by another process: a history run writes
   * none). Once one has, never again.
   */
  async current(store: Store): Promise<boolean> {
    if (this.stale) return false;
    const top = await sql<{ id: number | null }>`select max(id) as id from reports`.execute(store.db).catch((e: unknown) => {
      throw storeFailure(store, e);
    });
    this.stale = Number(top.rows[0]?.id ?? 0) !== this.topId;
    return !this.stale;
  }

  /**
   * candidatesOnServer on the snapshot: for each of a report's band rows, the BUCKET_ROWS rows of
   * its bucket nearest below its agency and the BUCKET_ROWS nearest above (an agency-less report's
   * row: the bucket's first BUCKET_ROWS rows but its own); the reports hit most (then lowest id)
   * lead, and each lead's exact overlap is how many of its rows fall in the report's buckets.
   */
  candidates(ids: number[]): Candidates {
    const { agencies, reports, starts, bucketOfRow } = this;
    const exactOf = new Map<number, Map<number, number>>();
    for (const me of ids) {
      const mine = this.rowsOf.get(me);
      if (!mine) continue;
      const hits: number[] = [];
      for (const row of mine) {
        const bucket = bucketOfRow[row];
        const agency = agencies[row];
        const start = starts[bucket];
        const end = starts[bucket + 1];
        if (agency === 0) {
          for (let i = start, n = 0; i < end && n < BUCKET_ROWS; i++)
            if (reports[i] !== me) {
              hits.push(reports[i]);
              n++;
            }
          continue;
        }
        const below = firstAtLeast(agencies, start, end, agency);
        for (let i = below - 1; i >= start && i >= below - BUCKET_ROWS; i--) hits.push(reports[i]);
        const above = firstAtLeast(agencies, below, end, agency + 1);
        for (let i = above; i < end && i < above + BUCKET_ROWS; i++) hits.push(reports[i]);
      }
      const myBuckets = new Set<number>();
      for (const row of mine) myBuckets.add(bucketOfRow[row]);
      const exact = new Map<number, number>();
      for (const rid of leadOf(hits)) {
        let n = 0;
        for (const row of this.rowsOf.get(rid) ?? []) if (myBuckets.has(bucketOfRow[row])) n++;
        exact.set(rid, n);
      }
      exactOf.set(me, exact);
    }
    return mostShared(ids, exactOf);
  }
}

/** Big-endian int4s (int4send's bytes, one after another). */
function int4s(bytes: Uint8Array): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array(bytes.byteLength >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(4 * i);
  return out;
}

/** A bucket's rows by agency, then report (sorted here, in place, unless they came so). */
export function inIndexOrder(a: Int32Array, r: Int32Array): void {
  let sorted = true;
  for (let i = 1; i < r.length && sorted; i++) sorted = a[i - 1] < a[i] || (a[i - 1] === a[i] && r[i - 1] <= r[i]);
  if (sorted) return;
  const order = Array.from(r, (_, i) => i).sort((i, j) => a[i] - a[j] || r[i] - r[j]);
  const a2 = order.map((i) => a[i]);
  const r2 = order.map((i) => r[i]);
  a.set(a2);
  r.set(r2);
}

/** The first index in [lo, hi) whose value is at least `v`, the range ascending (hi when none is). */
function firstAtLeast(a: Int32Array, lo: number, hi: number, v: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
