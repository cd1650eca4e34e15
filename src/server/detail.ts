/**
 * A report's detail (GET /api/reports/:id) as JSON text, and who may read it.
 *
 * The cells and their provenance — two hundred rows, most of the answer — are assembled into JSON
 * by the database in one aggregate per report (each cell's stored provenance is already a JSON
 * object: it is spliced in, not parsed and written again); the rest is a handful of small
 * statements on SQLite, one statement with the report row on PostgreSQL. The text is kept for recently read reports while the dataset's version stays the
 * same (src/server/versions.ts), together with what the scope check needs, so a reviewer going
 * back and forth between findings costs a lookup.
 */
import { sql } from 'kysely';
import { findingFromRow, type FindingColumns } from '../store/queries.js';
import type { Backend } from '../store/schema.js';
import { findingKey, type Access, type Scope, type WDB } from './data.js';
import type { DataVersion } from './versions.js';

interface Head {
  id: number;
  agency_id: number | null;
  agency: string | null;
  region: string | null;
  region_path: string | null;
  agency_printed: string | null;
  year: number | null;
  template: string | null;
  level: string | null;
  published_at: string | null;
  title: string | null;
  status: string;
  failure_code: string | null;
  failure_message: string | null;
  source_name: string;
  format: string | null;
  errors: number;
  warnings: number;
  ingested_at: string;
}

/** Whether a scope covers a report of this agency, placed in the region with this path. */
export function covers(scope: Scope, agencyId: number | null, regionPath: string | null): boolean {
  if (scope.role === 'admin') return true;
  if (agencyId === null) return false;
  if (scope.role === 'clerk') return Boolean(scope.agencyId) && agencyId === scope.agencyId;
  return Boolean(scope.regionPath) && regionPath !== null && regionPath.startsWith(scope.regionPath!);
}

function cellsSql(backend: Backend, id: number) {
  // {"key": value, …} and {"key": {"raw": "…", …stored provenance}, …}; a report without cells gives {}.
  if (backend === 'postgres')
    return sql<{ cells: string | null; prov: string | null }>`select
        '{' || string_agg(to_json(key)::text || ':' || coalesce(to_json(value)::text, 'null'), ',') || '}' as cells,
        '{' || string_agg(to_json(key)::text || ':{"raw":' || to_json(coalesce(raw, ''))::text
          || case when provenance is null or provenance = '{}' then '}' else ',' || substr(provenance, 2) end, ',') || '}' as prov
      from cells where report_id = ${id}`;
  return sql<{ cells: string | null; prov: string | null }>`select
      '{' || group_concat(json_quote(key) || ':' || json_quote(value), ',') || '}' as cells,
      '{' || group_concat(json_quote(key) || ':{"raw":' || json_quote(coalesce(raw, ''))
        || case when provenance is null or provenance = '{}' then '}' else ',' || substr(provenance, 2) end, ',') || '}' as prov
    from cells where report_id = ${id}`;
}

const HEAD_COLUMNS = sql`r.id, r.agency_id, a.name as agency, a.region, g.path as region_path, r.agency_printed, r.year, r.template,
  r.level, r.published_at, r.title, r.status, r.failure_code, r.failure_message, r.source_name, r.format, r.errors, r.warnings, r.ingested_at`;
const HEAD_FROM = sql`reports r left join agencies a on a.id = r.agency_id left join regions g on g.id = a.region_id`;

async function head(db: WDB, id: number): Promise<Head | undefined> {
  return (await sql<Head>`select ${HEAD_COLUMNS} from ${HEAD_FROM} where r.id = ${id}`.execute(db)).rows[0];
}

/** Whether the report exists and the scope covers it (one statement). */
export async function reportAccess(db: WDB, scope: Scope, id: number): Promise<Access> {
  const r = (
    await sql<{ agency_id: number | null; path: string | null }>`select r.agency_id, g.path
        from reports r left join agencies a on a.id = r.agency_id left join regions g on g.id = a.region_id
       where r.id = ${id}`.execute(db)
  ).rows[0];
  if (!r) return 'missing';
  return covers(scope, r.agency_id === null ? null : Number(r.agency_id), r.path) ? 'ok' : 'forbidden';
}

type SectionRow = { key: string; title: string; numbering: string; text: string };
type FindingRow = FindingColumns;
type ReviewRow = { finding_key: string; status: string; comment: string; created_at: string; username: string | null };
type CorrectionRow = { id: number; key: string; original_value: number | null; original_raw: string | null; value: number | null; comment: string; created_at: string; username: string | null };

interface Parts {
  cells: { cells: string | null; prov: string | null } | undefined;
  sections: SectionRow[];
  findings: FindingRow[];
  reviews: ReviewRow[];
  corrections: CorrectionRow[];
  hasFile: boolean;
}

/** SQLite: a few statements on the one connection (no round trips to save), after the scope check. */
async function partsSqlite(db: WDB, id: number): Promise<Parts> {
  const cells = await cellsSql('sqlite', id).execute(db);
  const sections = await sql<SectionRow>`select key, title, numbering, text from sections where report_id = ${id} order by ord`.execute(db);
  const findings = await sql<FindingRow>`select rule, severity, message, cells, pos, expected, found, origin from findings where report_id = ${id} order by id`.execute(db);
  const reviews = await sql<ReviewRow>`select v.finding_key, v.status, v.comment, v.created_at, u.username
      from finding_reviews v left join users u on u.id = v.user_id where v.report_id = ${id} order by v.id`.execute(db);
  const corrections = await sql<CorrectionRow>`select c.id, c.key, c.original_value, c.original_raw, c.value, c.comment, c.created_at, u.username
      from corrections c left join users u on u.id = c.user_id where c.report_id = ${id} order by c.id`.execute(db);
  const file = await sql<{ one: number }>`select 1 as one from report_files where report_id = ${id}`.execute(db);
  return { cells: cells.rows[0], sections: sections.rows, findings: findings.rows, reviews: reviews.rows, corrections: corrections.rows, hasFile: file.rows.length > 0 };
}

/** PostgreSQL: the report row and everything else in one statement (one round trip instead of seven; the pool is small). */
async function headAndPartsPostgres(db: WDB, id: number): Promise<{ head: Head; parts: Parts } | undefined> {
  const r = (
    await sql<Head & { cells: string | null; prov: string | null; sections: string; findings: string; reviews: string; corrections: string; has_file: boolean }>`select ${HEAD_COLUMNS}, x.cells, x.prov,
        (select coalesce(json_agg(json_build_object('key', key, 'title', title, 'numbering', numbering, 'text', text) order by ord), '[]')::text
           from sections where report_id = ${id}) as sections,
        (select coalesce(json_agg(json_build_object('rule', rule, 'severity', severity, 'message', message, 'cells', cells, 'pos', pos,
                  'expected', expected, 'found', found, 'origin', origin) order by id), '[]')::text
           from findings where report_id = ${id}) as findings,
        (select coalesce(json_agg(json_build_object('finding_key', v.finding_key, 'status', v.status, 'comment', v.comment, 'created_at', v.created_at,
                  'username', u.username) order by v.id), '[]')::text
           from finding_reviews v left join users u on u.id = v.user_id where v.report_id = ${id}) as reviews,
        (select coalesce(json_agg(json_build_object('id', c.id, 'key', c.key, 'original_value', c.original_value, 'original_raw', c.original_raw,
                  'value', c.value, 'comment', c.comment, 'created_at', c.created_at, 'username', u.username) order by c.id), '[]')::text
           from corrections c left join users u on u.id = c.user_id where c.report_id = ${id}) as corrections,
        exists (select 1 from report_files where report_id = ${id}) as has_file
      from ${HEAD_FROM} cross join (${cellsSql('postgres', id)}) x
     where r.id = ${id}`.execute(db)
  ).rows[0];
  if (!r) return undefined;
  return {
    head: r,
    parts: {
      cells: r,
      sections: JSON.parse(r.sections),
      findings: JSON.parse(r.findings),
      reviews: JSON.parse(r.reviews),
      corrections: JSON.parse(r.corrections),
      hasFile: r.has_file,
    },
  };
}

function build(h: Head, p: Parts): string {
  const lastReview = new Map(p.reviews.map((v) => [v.finding_key, v]));
  const out = {
    id: h.id,
    source: h.source_name,
    format: h.format,
    status: h.status,
    failure: h.status === 'failed' ? { code: h.failure_code, message: h.failure_message } : null,
    agencyId: h.agency_id,
    agency: h.agency ?? h.agency_printed,
    region: h.region,
    meta: { agency: h.agency_printed, year: h.year, template: h.template, level: h.level, publishedAt: h.published_at, title: h.title },
    sections: p.sections.map((s) => ({ key: s.key, title: s.title, numbering: s.numbering, text: s.text })),
    findings: p.findings.map((r, i) => {
      const f = findingFromRow(r);
      const key = findingKey(f);
      const rv = lastReview.get(key);
      return { index: i, key, ...f, review: rv ? { status: rv.status, comment: rv.comment, by: rv.username, at: rv.created_at } : null };
    }),
    errors: h.errors,
    warnings: h.warnings,
    ingestedAt: h.ingested_at,
    corrections: p.corrections.map((c) => ({
      id: c.id,
      key: c.key,
      originalValue: c.original_value === null ? null : Number(c.original_value),
      originalRaw: c.original_raw,
      value: c.value === null ? null : Number(c.value),
      comment: c.comment,
      by: c.username,
      at: c.created_at,
    })),
    hasSource: p.hasFile,
  };
  const c = p.cells;
  const text = JSON.stringify(out);
  return `${text.slice(0, -1)},"cells":${c?.cells ?? '{}'},"provenance":${c?.prov ?? '{}'}}`;
}

interface Entry {
  version: string;
  agencyId: number | null;
  regionPath: string | null;
  json: string;
}

/** Report details by id, the most recently read kept (by count) while the dataset is unchanged. */
export class ReportDetails {
  private cache = new Map<number, Entry>();
  constructor(
    private readonly db: WDB,
    private readonly backend: Backend,
    private readonly version: DataVersion,
    private readonly max = 300,
  ) {}

  /** The detail as JSON text, after the scope check ('missing' / 'forbidden' without it; `version`: the dataset's, when just read). */
  async get(scope: Scope, id: number, version?: string): Promise<{ access: Access; json?: string }> {
    const v = version ?? (await this.version.current()).data;
    let e = this.cache.get(id);
    if (e && e.version !== v) e = undefined;
    if (!e) {
      const got = this.backend === 'postgres' ? await headAndPartsPostgres(this.db, id) : await head(this.db, id).then((h) => (h ? { head: h, parts: undefined } : undefined));
      if (!got) return { access: 'missing' };
      const h = got.head;
      const agencyId = h.agency_id === null ? null : Number(h.agency_id);
      if (!covers(scope, agencyId, h.region_path)) return { access: 'forbidden' };
      e = { version: v, agencyId, regionPath: h.region_path, json: build(h, got.parts ?? (await partsSqlite(this.db, id))) };
    } else if (!covers(scope, e.agencyId, e.regionPath)) return { access: 'forbidden' };
    this.cache.delete(id);
    this.cache.set(id, e);
    if (this.cache.size > this.max) this.cache.delete(this.cache.keys().next().value!);
    return { access: 'ok', json: e.json };
  }
}
