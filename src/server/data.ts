/**
 * The workbench's reads and writes over the dataset store: scope (which reports and agencies a
 * user may see), the report list and detail, regions and agency placement, users, the audit log.
 * Every query takes the user's scope; nothing here trusts an id from a request on its own.
 */
import { LEVEL_NAMES } from '../core/levels.js';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Store } from '../store/db.js';
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

// ---- report list (served from memory: list-index.ts) ----------------------------------

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

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

// ---- report detail (detail.ts) -------------------------------------------------------

export function findingKey(f: { rule: string; cells: string[] }): string {
  return `${f.rule}|${[...f.cells].sort().join(',')}`;
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
  if (f.q) q = q.where(sql<boolean>`agencies.name like ${`%${escapeLike(f.q.trim())}%`} escape '\\'`);
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
