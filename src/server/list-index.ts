/**
 * The report list (年报列表) served from memory: one row per report with what the list shows and
 * filters on, read from the dataset in one query and kept while the dataset's version stays the
 * same (src/server/versions.ts). Filtering 10,000 rows in memory costs well under a millisecond,
 * where SQL needed a full scan for an agency-name search (LIKE '%…%') and a COUNT over a join for
 * every page; sort orders and recent filter results are kept per version; a rule filter reads that
 * rule's reports from the findings' index when first asked for.
 *
 * Same results as the SQL it replaces: scope (a reviewer sees agencies placed in their region
 * subtree, a clerk their agency, reports without an agency only an admin), the filters, the sort
 * with the id as tie-break in the same direction, NULLs first when ascending (SQLite's order).
 * The search matches a substring of the agency's name or the name printed in the report, ignoring
 * the case of Latin letters.
 */
import { sql } from 'kysely';
import type { ListQuery, Scope, WDB } from './data.js';
import type { DataVersion } from './versions.js';

interface Row {
  /** Position in the snapshot's rows (by id). */
  index: number;
  id: number;
  agencyId: number | null;
  agencyName: string | null;
  printed: string | null;
  /** Agency name and printed name with Latin letters lower-cased, for the search (null: absent). */
  nameKey: string | null;
  printedKey: string | null;
  regionId: number | null;
  region: string | null;
  year: number | null;
  level: string | null;
  status: string;
  errors: number;
  warnings: number;
  source: string;
  format: string | null;
  failure: string | null;
  ingestedAt: string;
}

type SortKey = 'id' | 'year' | 'agency' | 'errors' | 'warnings' | 'ingested';
const SORT_FIELD: Record<SortKey, (r: Row) => string | number | null> = {
  id: (r) => r.id,
  year: (r) => r.year,
  agency: (r) => r.agencyName,
  errors: (r) => r.errors,
  warnings: (r) => r.warnings,
  ingested: (r) => r.ingestedAt,
};

function lowerLatin(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

class Snapshot {
  private sorted = new Map<SortKey, Row[]>();
  /** Recent filter results (rows in ascending sort order), by scope, filters and sort; at most ~2 million row references in all. */
  readonly results = new Map<string, Row[]>();
  resultRows = 0;
  private rules = new Map<string, Promise<Set<number>>>();
  constructor(
    readonly version: string,
    readonly rows: Row[],
    /** region id → its path (/1/5/). */
    readonly regionPaths: Map<number, string>,
    private readonly db: WDB,
  ) {}

  ascending(key: SortKey): Row[] {
    let s = this.sorted.get(key);
    if (!s) {
      const f = SORT_FIELD[key];
      s = key === 'id' ? this.rows : [...this.rows].sort((a, b) => compare(f(a), f(b)) || a.id - b.id);
      this.sorted.set(key, s);
    }
    return s;
  }

  /** The reports with a finding of this rule (read from the findings' (rule, report) index when first asked). */
  ruleReports(rule: string): Promise<Set<number>> {
    let p = this.rules.get(rule);
    if (!p) {
      p = sql<{ report_id: number }>`select distinct report_id from findings where rule = ${rule}`.execute(this.db).then((r) => new Set(r.rows.map((x) => Number(x.report_id))));
      this.rules.set(rule, p);
      p.catch(() => this.rules.delete(rule));
    }
    return p;
  }

  private haystack?: { text: string; starts: Int32Array };

  /**
   * Rows whose agency name or printed name contains the needle (flags by row index): one scan of all
   * names joined into one string, ten times faster than a test per row.
   */
  search(needle: string): Uint8Array {
    const n = this.rows.length;
    if (!this.haystack) {
      const parts: string[] = [];
      const starts = new Int32Array(n + 1);
      let at = 0;
      for (let i = 0; i < n; i++) {
        const r = this.rows[i];
        const part = `${r.nameKey ?? ''}\u0001${r.printedKey ?? ''}\n`;
        starts[i] = at;
        at += part.length;
        parts.push(part);
      }
      starts[n] = at;
      this.haystack = { text: parts.join(''), starts };
    }
    const { text, starts } = this.haystack;
    const hit = new Uint8Array(n);
    for (let at = text.indexOf(needle); at >= 0; ) {
      // The row whose part holds this position: the last start ≤ at.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= at) lo = mid;
        else hi = mid - 1;
      }
      hit[lo] = 1;
      at = text.indexOf(needle, starts[lo + 1]);
    }
    return hit;
  }

  /** The agency's region lies in the subtree whose path is given. */
  inRegion(r: Row, pathPrefix: string): boolean {
    if (r.regionId === null) return false;
    const p = this.regionPaths.get(r.regionId);
    return p !== undefined && p.startsWith(pathPrefix);
  }
}

async function load(db: WDB, version: string): Promise<Snapshot> {
  const rows = await sql<{
    id: number;
    agency_id: number | null;
    name: string | null;
    agency_printed: string | null;
    region_id: number | null;
    region: string | null;
    year: number | null;
    level: string | null;
    status: string;
    errors: number;
    warnings: number;
    source_name: string;
    format: string | null;
    failure_message: string | null;
    ingested_at: string;
  }>`select r.id, r.agency_id, a.name, r.agency_printed, a.region_id, a.region, r.year, r.level, r.status, r.errors, r.warnings,
            r.source_name, r.format, r.failure_message, r.ingested_at
       from reports r left join agencies a on a.id = r.agency_id
      order by r.id`.execute(db);
  const out: Row[] = rows.rows.map((r, index) => ({
    index,
    id: Number(r.id),
    agencyId: r.agency_id === null ? null : Number(r.agency_id),
    agencyName: r.name,
    printed: r.agency_printed,
    nameKey: r.name === null ? null : lowerLatin(r.name),
    printedKey: r.agency_printed === null ? null : lowerLatin(r.agency_printed),
    regionId: r.region_id === null ? null : Number(r.region_id),
    region: r.region,
    year: r.year === null ? null : Number(r.year),
    level: r.level,
    status: r.status,
    errors: Number(r.errors),
    warnings: Number(r.warnings),
    source: r.source_name,
    format: r.format,
    failure: r.failure_message,
    ingestedAt: r.ingested_at,
  }));
  const regions = await sql<{ id: number; path: string }>`select id, path from regions`.execute(db);
  return new Snapshot(version, out, new Map(regions.rows.map((r) => [Number(r.id), r.path])), db);
}

export class ReportListIndex {
  private snap?: Snapshot;
  private loading?: { version: string; promise: Promise<Snapshot> };

  constructor(
    private readonly db: WDB,
    private readonly version: DataVersion,
  ) {}

  private async snapshot(known?: string): Promise<Snapshot> {
    const v = known ?? (await this.version.current()).data;
    const snap = this.snap;
    if (snap?.version === v) return snap;
    // Only time has passed (PostgreSQL): answer from what is held while the newer is read.
    const soon = snap !== undefined && this.version.writes(snap.version) === this.version.writes(v);
    if (soon && this.loading) return snap;
    if (this.loading?.version !== v) {
      const promise = load(this.db, v).then(
        (s) => {
          if (this.loading?.promise === promise) this.loading = undefined;
          this.snap = s;
          return s;
        },
        (e) => {
          if (this.loading?.promise === promise) this.loading = undefined;
          throw e;
        },
      );
      this.loading = { version: v, promise };
      if (soon) promise.catch(() => undefined);
    }
    return soon ? snap : this.loading.promise;
  }

  /** One page of the list and the count of all that match (`version`: the dataset's, when just read). */
  async list(scope: Scope, f: ListQuery, version?: string) {
    const s = await this.snapshot(version);
    const key = (f.sort && f.sort in SORT_FIELD ? f.sort : 'id') as SortKey;
    const cacheKey = JSON.stringify([scope.role, scope.regionPath ?? null, scope.agencyId ?? null, f.year ?? null, f.region ?? null, f.q ?? null, f.level ?? null, f.status ?? null, f.rule ?? null, key]);
    let matched = s.results.get(cacheKey);
    if (matched) {
      s.results.delete(cacheKey);
      s.results.set(cacheKey, matched);
    } else {
      matched = await this.filter(s, scope, f, key);
      s.results.set(cacheKey, matched);
      s.resultRows += matched.length;
      while (s.results.size > 1 && (s.results.size > 200 || s.resultRows > 2_000_000)) {
        const [k, v] = s.results.entries().next().value!;
        s.results.delete(k);
        s.resultRows -= v.length;
      }
    }
    const total = matched.length;
    const from = (f.page - 1) * f.pageSize;
    const page: Row[] = [];
    // Descending is the ascending order read backwards (the id tie-break turns with it).
    for (let i = from; i < Math.min(total, from + f.pageSize); i++) page.push(matched[f.order === 'asc' ? i : total - 1 - i]);
    return {
      total,
      page: f.page,
      pageSize: f.pageSize,
      items: page.map((r) => ({
        id: r.id,
        agency: r.agencyName ?? r.printed,
        agencyId: r.agencyId,
        region: r.region,
        year: r.year,
        level: r.level,
        status: r.status,
        errors: r.errors,
        warnings: r.warnings,
        source: r.source,
        format: r.format,
        failure: r.failure,
        ingestedAt: r.ingestedAt,
      })),
    };
  }

  private async filter(s: Snapshot, scope: Scope, f: ListQuery, key: SortKey): Promise<Row[]> {
    const tests: ((r: Row) => boolean)[] = [];
    if (scope.role === 'clerk') {
      const a = scope.agencyId;
      tests.push(a ? (r) => r.agencyId === a : () => false);
    } else if (scope.role === 'reviewer') {
      const p = scope.regionPath;
      tests.push(p ? (r) => r.agencyId !== null && s.inRegion(r, p) : () => false);
    } else if (scope.role !== 'admin') tests.push(() => false);
    if (f.year !== undefined) tests.push((r) => r.year === f.year);
    if (f.region !== undefined) {
      const p = s.regionPaths.get(f.region) ?? '/none/';
      tests.push((r) => r.agencyId !== null && s.inRegion(r, p));
    }
    if (f.q) {
      const needle = lowerLatin(f.q.trim());
      if (needle && !/[\u0001\n]/.test(needle)) {
        const hit = s.search(needle);
        tests.push((r) => hit[r.index] === 1);
      }
      // An absent name never matches (as LIKE on NULL).
      else tests.push((r) => (r.nameKey !== null && r.nameKey.includes(needle)) || (r.printedKey !== null && r.printedKey.includes(needle)));
    }
    if (f.level) tests.push((r) => r.level === f.level);
    if (f.status === 'failed') tests.push((r) => r.status === 'failed');
    else if (f.status === 'errors') tests.push((r) => r.status === 'ok' && r.errors > 0);
    else if (f.status === 'warnings') tests.push((r) => r.status === 'ok' && r.errors === 0 && r.warnings > 0);
    else if (f.status === 'clean') tests.push((r) => r.status === 'ok' && r.errors === 0 && r.warnings === 0);
    else if (f.status === 'ok') tests.push((r) => r.status === 'ok');
    if (f.rule) {
      const set = await s.ruleReports(f.rule);
      tests.push((r) => set.has(r.id));
    }
    const rows = s.ascending(key);
    if (tests.length === 0) return rows;
    return rows.filter((r) => {
      for (const t of tests) if (!t(r)) return false;
      return true;
    });
  }
}
