/**
 * The workbench's reads and writes over the dataset store: scope (which reports and agencies a
 * user may see), the report list and detail, regions and agency placement, users, the audit log.
 * Every query takes the user's scope; nothing here trusts an id from a request on its own.
 */
import { LEVEL_NAMES } from '../core/levels.js';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Store } from '../store/db.js';
import { findingsOf } from '../store/queries.js';
import { nowIso } from '../store/schema.js';
import type { WorkbenchDB } from '../store/workbench-schema.js';
import type { Role, SessionUser } from './auth.js';

export type WDB = Kysely<WorkbenchDB>;

export function wdb(store: Store): WDB {
  return store.db as unknown as WDB;
}

export const LEVEL_LABELS: Record<string, string> = LEVEL_NAMES;

// ---- scope ------------------------------------------------------------------------

export interface Scope {
  role: Role;
  /** Reviewer: path prefix of the region subtree ('' = none assigned: sees nothing). */
  regionPath?: string;
  /** Clerk: the one agency. */
  agencyId?: number | null;
}

export async function scopeOf(db: WDB, user: Pick<SessionUser, 'role' | 'regionId' | 'agencyId'>): Promise<Scope> {
  if (user.role === 'admin') return { role: 'admin' };
  if (user.role === 'clerk') return { role: 'clerk', agencyId: user.agencyId };
  const r = user.regionId === null ? undefined : await db.selectFrom('regions').select('path').where('id', '=', user.regionId).executeTakeFirst();
  return { role: 'reviewer', regionPath: r?.path ?? '' };
}

/** Restricts a query that joins `agencies` to what the scope may see. */
export function inScope<QB extends SelectQueryBuilder<any, any, any>>(q: QB, scope: Scope): QB {
  if (scope.role === 'admin') return q;
  if (scope.role === 'clerk') return (scope.agencyId ? q.where('agencies.id', '=', scope.agencyId) : q.where(sql<boolean>`1 = 0`)) as QB;
  if (!scope.regionPath) return q.where(sql<boolean>`1 = 0`) as QB;
  return q.where('agencies.region_id', 'in', (eb: any) => eb.selectFrom('regions').select('regions.id').where('regions.path', 'like', `${scope.regionPath}%`)) as QB;
}

export type Access = 'ok' | 'missing' | 'forbidden';

export async function reportAccess(db: WDB, scope: Scope, id: number): Promise<Access> {
  const base = db.selectFrom('reports').leftJoin('agencies', 'agencies.id', 'reports.agency_id').select('reports.id').where('reports.id', '=', id);
  if (!(await base.executeTakeFirst())) return 'missing';
  return (await inScope(base, scope).executeTakeFirst()) ? 'ok' : 'forbidden';
}

export async function agencyAccess(db: WDB, scope: Scope, id: number): Promise<Access> {
  const base = db.selectFrom('agencies').select('agencies.id').where('agencies.id', '=', id);
  if (!(await base.executeTakeFirst())) return 'missing';
  return (await inScope(base, scope).executeTakeFirst()) ? 'ok' : 'forbidden';
}

export async function regionAccess(db: WDB, scope: Scope, id: number): Promise<Access> {
  const r = await db.selectFrom('regions').select('path').where('id', '=', id).executeTakeFirst();
  if (!r) return 'missing';
  if (scope.role === 'admin') return 'ok';
  if (scope.role === 'reviewer' && scope.regionPath && r.path.startsWith(scope.regionPath)) return 'ok';
  return 'forbidden';
}

// ---- report list ------------------------------------------------------------------

export interface ListQuery {
  year?: number;
  region?: number;
  q?: string;
  level?: string;
  status?: string;
  rule?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const SORTS: Record<string, string> = {
  id: 'reports.id',
  year: 'reports.year',
  agency: 'agencies.name',
  errors: 'reports.errors',
  warnings: 'reports.warnings',
  ingested: 'reports.ingested_at',
};

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

function joined(db: WDB) {
  return db.selectFrom('reports').leftJoin('agencies', 'agencies.id', 'reports.agency_id');
}

export async function listReports(db: WDB, scope: Scope, f: ListQuery) {
  // The agencies join only when a filter needs it: counting 10,000 reports without it is 5× faster.
  const needsJoin = scope.role !== 'admin' || f.region !== undefined || Boolean(f.q) || f.sort === 'agency';
  let q = (needsJoin ? db.selectFrom('reports').leftJoin('agencies', 'agencies.id', 'reports.agency_id') : db.selectFrom('reports')) as ReturnType<typeof joined>;
  q = inScope(q, scope);
  if (f.year !== undefined) q = q.where('reports.year', '=', f.year);
  if (f.region !== undefined) {
    const r = await db.selectFrom('regions').select('path').where('id', '=', f.region).executeTakeFirst();
    const path = r?.path ?? '/none/';
    q = q.where('agencies.region_id', 'in', (eb) => eb.selectFrom('regions').select('regions.id').where('regions.path', 'like', `${path}%`));
  }
  if (f.q) {
    const like = `%${escapeLike(f.q.trim())}%`;
    q = q.where((eb) => eb.or([eb('agencies.name', 'like', like), eb('reports.agency_printed', 'like', like)]));
  }
  if (f.level) q = q.where('reports.level', '=', f.level);
  if (f.status === 'failed') q = q.where('reports.status', '=', 'failed');
  else if (f.status === 'errors') q = q.where('reports.status', '=', 'ok').where('reports.errors', '>', 0);
  else if (f.status === 'warnings') q = q.where('reports.status', '=', 'ok').where('reports.errors', '=', 0).where('reports.warnings', '>', 0);
  else if (f.status === 'clean') q = q.where('reports.status', '=', 'ok').where('reports.errors', '=', 0).where('reports.warnings', '=', 0);
  else if (f.status === 'ok') q = q.where('reports.status', '=', 'ok');
  if (f.rule) q = q.where('reports.id', 'in', (eb) => eb.selectFrom('findings').select('findings.report_id').where('findings.rule', '=', f.rule!));
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const col = SORTS[f.sort ?? 'id'] ?? 'reports.id';
  const dir = f.order === 'asc' ? 'asc' : 'desc';
  const page = await q
    .select('reports.id')
    .orderBy(sql.ref(col), dir)
    .orderBy('reports.id', dir)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const pageIds = page.map((r) => r.id);
  const found = pageIds.length
    ? await joined(db)
        .select([
      'reports.id',
      'agencies.name as agency',
      'agencies.id as agency_id',
      'agencies.region',
      'reports.agency_printed',
      'reports.year',
      'reports.level',
      'reports.status',
      'reports.errors',
      'reports.warnings',
      'reports.source_name',
      'reports.failure_message',
      'reports.ingested_at',
      'reports.format',
        ])
        .where('reports.id', 'in', pageIds)
        .execute()
    : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = pageIds.map((id) => byId.get(id)!).filter(Boolean);
  return {
    total,
    page: f.page,
    pageSize: f.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      agency: r.agency ?? r.agency_printed,
      agencyId: r.agency_id,
      region: r.region,
      year: r.year,
      level: r.level,
      status: r.status,
      errors: r.errors,
      warnings: r.warnings,
      source: r.source_name,
      format: r.format,
      failure: r.failure_message,
      ingestedAt: r.ingested_at,
    })),
  };
}

// ---- report detail ----------------------------------------------------------------

export function findingKey(f: { rule: string; cells: string[] }): string {
  return `${f.rule}|${[...f.cells].sort().join(',')}`;
}

export async function reportDetail(db: WDB, store: Store, id: number) {
  const r = await db
    .selectFrom('reports')
    .leftJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select([
      'reports.id',
      'reports.agency_id',
      'agencies.name as agency',
      'agencies.region',
      'reports.agency_printed',
      'reports.year',
      'reports.template',
      'reports.level',
      'reports.published_at',
      'reports.title',
      'reports.status',
      'reports.failure_code',
      'reports.failure_message',
      'reports.source_name',
      'reports.format',
      'reports.errors',
      'reports.warnings',
      'reports.ingested_at',
    ])
    .where('reports.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  const cells: Record<string, number | null> = {};
  const provenance: Record<string, Record<string, unknown>> = {};
  for (const c of await db.selectFrom('cells').select(['key', 'value', 'raw', 'provenance']).where('report_id', '=', id).execute()) {
    cells[c.key] = c.value === null ? null : Number(c.value);
    provenance[c.key] = { raw: c.raw ?? '', ...(c.provenance ? JSON.parse(c.provenance) : {}) };
  }
  const sections = (await db.selectFrom('sections').select(['key', 'title', 'numbering', 'ord', 'text']).where('report_id', '=', id).orderBy('ord').execute()).map((s) => ({
    key: s.key,
    title: s.title,
    numbering: s.numbering,
    text: s.text,
  }));
  const reviews = await db
    .selectFrom('finding_reviews')
    .leftJoin('users', 'users.id', 'finding_reviews.user_id')
    .select(['finding_reviews.finding_key', 'finding_reviews.status', 'finding_reviews.comment', 'finding_reviews.created_at', 'users.username'])
    .where('finding_reviews.report_id', '=', id)
    .orderBy('finding_reviews.id')
    .execute();
  const lastReview = new Map(reviews.map((v) => [v.finding_key, v]));
  const findings = (await findingsOf(store.db, id)).map((f, i) => {
    const key = findingKey(f);
    const rv = lastReview.get(key);
    return { index: i, key, ...f, review: rv ? { status: rv.status, comment: rv.comment, by: rv.username, at: rv.created_at } : null };
  });
  const corrections = await db
    .selectFrom('corrections')
    .leftJoin('users', 'users.id', 'corrections.user_id')
    .select(['corrections.id', 'corrections.key', 'corrections.original_value', 'corrections.original_raw', 'corrections.value', 'corrections.comment', 'corrections.created_at', 'users.username'])
    .where('corrections.report_id', '=', id)
    .orderBy('corrections.id')
    .execute();
  const file = await db.selectFrom('report_files').select(['name', 'format']).where('report_id', '=', id).executeTakeFirst();
  return {
    id: r.id,
    source: r.source_name,
    format: r.format,
    status: r.status,
    failure: r.status === 'failed' ? { code: r.failure_code, message: r.failure_message } : null,
    agencyId: r.agency_id,
    agency: r.agency ?? r.agency_printed,
    region: r.region,
    meta: { agency: r.agency_printed, year: r.year, template: r.template, level: r.level, publishedAt: r.published_at, title: r.title },
    sections,
    cells,
    provenance,
    findings,
    errors: r.errors,
    warnings: r.warnings,
    ingestedAt: r.ingested_at,
    corrections: corrections.map((c) => ({
      id: c.id,
      key: c.key,
      originalValue: c.original_value === null ? null : Number(c.original_value),
      originalRaw: c.original_raw,
      value: c.value === null ? null : Number(c.value),
      comment: c.comment,
      by: c.username,
      at: c.created_at,
    })),
    hasSource: Boolean(file),
  };
}

// ---- regions and agencies ---------------------------------------------------------

export interface RegionRow {
  id: number;
  name: string;
  parentId: number | null;
  level: string | null;
  path: string;
}

export async function allRegions(db: WDB): Promise<RegionRow[]> {
  const rows = await db.selectFrom('regions').selectAll().orderBy('path').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, level: r.level, path: r.path }));
}

export async function regionsInScope(db: WDB, scope: Scope): Promise<RegionRow[]> {
  const all = await allRegions(db);
  if (scope.role === 'admin') return all;
  if (scope.role === 'reviewer') return scope.regionPath ? all.filter((r) => r.path.startsWith(scope.regionPath!)) : [];
  if (!scope.agencyId) return [];
  const a = await db.selectFrom('agencies').select('region_id').where('id', '=', scope.agencyId).executeTakeFirst();
  const own = all.find((r) => r.id === a?.region_id);
  return own ? [own] : [];
}

export async function addRegion(db: WDB, name: string, parentId: number | null, level: string | null): Promise<number> {
  const parent = parentId === null ? undefined : await db.selectFrom('regions').select(['id', 'path']).where('id', '=', parentId).executeTakeFirst();
  const existing = await db
    .selectFrom('regions')
    .select('id')
    .where('name', '=', name)
    .where((eb) => (parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', parentId)))
    .executeTakeFirst();
  if (existing) return existing.id;
  const ins = await db.insertInto('regions').values({ name, parent_id: parent ? parent.id : null, level, path: '' }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('regions').set({ path: `${parent ? parent.path : '/'}${ins.id}/` }).where('id', '=', ins.id).execute();
  return ins.id;
}

/** Creates the regions of a path (北京市/房山区/北宫镇) as needed; the id of the last. */
export async function ensureRegionPath(db: WDB, names: string[], levels: (string | null)[] = []): Promise<number | null> {
  let parent: number | null = null;
  for (let i = 0; i < names.length; i++) parent = await addRegion(db, names[i], parent, levels[i] ?? null);
  return parent;
}

/** Region names of a region row and its ancestors: 北京市/房山区/北宫镇. */
export function regionPathNames(regions: RegionRow[], id: number | null): string {
  if (id === null) return '';
  const byId = new Map(regions.map((r) => [r.id, r]));
  const r = byId.get(id);
  if (!r) return '';
  return r.path
    .split('/')
    .filter(Boolean)
    .map((x) => byId.get(Number(x))?.name ?? '')
    .join('/');
}

/**
 * Places agencies that have no region yet: the region whose name the agency's own region chain
 * or name contains, the longest such name, then the deepest. Explicit placements are never changed.
 */
export async function placeAgencies(db: WDB): Promise<number> {
  const regions = await allRegions(db);
  if (regions.length === 0) return 0;
  const open = await db.selectFrom('agencies').select(['id', 'name', 'region']).where('region_id', 'is', null).execute();
  let placed = 0;
  for (const a of open) {
    const text = `${a.region}|${a.name}`;
    let best: RegionRow | undefined;
    for (const r of regions) {
      if (!text.includes(r.name)) continue;
      if (!best || r.name.length > best.name.length || (r.name.length === best.name.length && r.path.length > best.path.length)) best = r;
    }
    if (best) {
      await db.updateTable('agencies').set({ region_id: best.id }).where('id', '=', a.id).execute();
      placed++;
    }
  }
  return placed;
}

export async function listAgencies(db: WDB, scope: Scope, f: { q?: string; region?: number; limit?: number }) {
  let q = inScope(db.selectFrom('agencies'), scope);
  if (f.q) q = q.where('agencies.name', 'like', `%${escapeLike(f.q.trim())}%`);
  if (f.region !== undefined) {
    const r = await db.selectFrom('regions').select('path').where('id', '=', f.region).executeTakeFirst();
    q = q.where('agencies.region_id', 'in', (eb) => eb.selectFrom('regions').select('regions.id').where('regions.path', 'like', `${r?.path ?? '/none/'}%`));
  }
  const rows = await q
    .select(['agencies.id', 'agencies.name', 'agencies.level', 'agencies.region_id', 'agencies.expected', 'agencies.region'])
    .orderBy('agencies.name')
    .limit(f.limit ?? 500)
    .execute();
  const counts = rows.length
    ? await db
        .selectFrom('reports')
        .select(['agency_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('agency_id', 'in', rows.map((r) => r.id))
        .where('status', '=', 'ok')
        .groupBy('agency_id')
        .execute()
    : [];
  const n = new Map(counts.map((c) => [c.agency_id, Number(c.n)]));
  return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, regionId: r.region_id, expected: r.expected === 1, reports: n.get(r.id) ?? 0 }));
}

// ---- users and audit --------------------------------------------------------------

export async function audit(db: WDB, who: { id: number; username: string } | null, action: string, target: string | null, detail: unknown, ip: string | null): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ at: nowIso(), user_id: who?.id ?? null, username: who?.username ?? null, action, target, detail: detail === undefined ? null : JSON.stringify(detail), ip })
    .execute();
}

export async function listUsers(db: WDB) {
  const rows = await db
    .selectFrom('users')
    .leftJoin('regions', 'regions.id', 'users.region_id')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.username', 'users.role', 'users.region_id', 'users.agency_id', 'users.disabled', 'users.created_at', 'regions.name as region', 'agencies.name as agency'])
    .orderBy('users.id')
    .execute();
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    role: u.role,
    regionId: u.region_id,
    region: u.region,
    agencyId: u.agency_id,
    agency: u.agency,
    disabled: u.disabled === 1,
    createdAt: u.created_at,
  }));
}
