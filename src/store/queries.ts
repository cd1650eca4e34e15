/** The query layer: every read and write of the store goes through these functions (Kysely, both backends). */
import { CompiledQuery, PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Finding } from '../core/types.js';
import { agencyKey, cleanName, pickAgency, enclosingRegions, type StoredAgency } from '../core/agency.js';
import { cellRowsOf, copyCellsFor, copyReportRows, FINDING_COLS, findingCounts, findingRow, findingRowsOf, NO_CELLS, SECTION_COLS, sectionRowsOf, type CellColumns, type CellRow, type ParsedFile, type PgCellColumns } from './parsed.js';
import { CopyData } from './pg-copy.js';
import { PgElements, pgArray, pgElements } from './pg-binary.js';
import { levelOf } from '../extract/meta.js';
import { isConnectionLoss, retryOnDeadlock, storeFailure, type Store } from './db.js';
import { nowIso, type Backend, type DB, type FindingTable } from './schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface ExistingReport {
  id: number;
  parser_version: number;
  status: string;
  source_name: string;
}

export async function reportByHash(db: Q, hash: string): Promise<ExistingReport | undefined> {
  return db.selectFrom('reports').select(['id', 'parser_version', 'status', 'source_name']).where('content_hash', '=', hash).executeTakeFirst();
}

/** hash → parser version of every stored report (to skip work before parsing). */
export async function storedHashes(db: Q): Promise<Map<string, { version: number; source: string }>> {
  const rows = await db.selectFrom('reports').select(['content_hash', 'parser_version', 'source_name']).execute();
  return new Map(rows.map((r) => [r.content_hash, { version: r.parser_version, source: r.source_name }]));
}

/** Finds or creates the agency a printed name belongs to (see core/agency.ts). */
export async function resolveAgency(db: Q, printed: string, level: string | null): Promise<number> {
  const alias = cleanName(printed);
  const hit = await db.selectFrom('agency_aliases').select('agency_id').where('alias', '=', alias).executeTakeFirst();
  if (hit) return hit.agency_id;
  const key = agencyKey(printed);
  // In id order: pickAgency takes the first of equally good candidates (SQLite's index gives this
  // order anyway; PostgreSQL's was the rows' place on disk). resolveAgenciesPg relies on it too.
  const cands = (await db.selectFrom('agencies').select(['id', 'norm_name', 'region', 'leaf']).where('leaf', '=', key.leaf).orderBy('id').execute()) as StoredAgency[];
  const pick = pickAgency(key, cands);
  let id: number;
  if (pick) {
    id = pick.id;
    if (key.region.length > pick.region.length && key.region.endsWith(pick.region)) {
      await db.updateTable('agencies').set({ region: key.region, parent_norm: key.parentNorm }).where('id', '=', id).execute();
      await linkParent(db, id, key.parentNorm);
    }
  } else {
    const ins = await db
      .insertInto('agencies')
      .values({ name: alias, norm_name: key.norm, leaf: key.leaf, region: key.region, level: level ?? levelOf(alias), parent_norm: key.parentNorm, parent_id: null, created_at: nowIso() })
      .onConflict((oc) => oc.column('norm_name').doNothing())
      .returning('id')
      .executeTakeFirst();
    id = ins ? ins.id : (await db.selectFrom('agencies').select('id').where('norm_name', '=', key.norm).executeTakeFirstOrThrow()).id;
    await linkParent(db, id, key.parentNorm);
    // Children already stored that name this agency as their parent.
    await db.updateTable('agencies').set({ parent_id: id }).where('parent_norm', '=', key.norm).where('parent_id', 'is', null).execute();
  }
  await db.insertInto('agency_aliases').values({ alias, agency_id: id }).onConflict((oc) => oc.column('alias').doNothing()).execute();
  return id;
}

interface AgencyRow extends StoredAgency {
  name: string;
  level: string | null;
  parent_norm: string | null;
  parent_id: number | null;
  created_at: string;
}

/**
 * resolveAgency for the new names of a batch (PostgreSQL), with the same result as calling it for
 * each in turn, in a fixed number of statements instead of ~6 per new agency (most of a crawl's
 * round trips: one made-up township per four files). Every stored agency the names can touch —
 * sharing a leaf (candidates), named as a norm or a parent (links), or naming one of the norms as
 * its parent (children to link) — is read at once, the names are resolved in order in memory by
 * resolveAgency's rules, and the outcome is written back: new agencies with the ids the sequence
 * would have given them one by one (reserved in one call, including one for each insert that
 * would have met an existing norm), changed ones in one update, the aliases in one insert. The
 * caller holds the writers' lock (no other process creates agencies meanwhile).
 */
async function resolveAgenciesPg(db: Q, names: { name: string; level: string | null }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const todo: { name: string; level: string | null; alias: string; key: ReturnType<typeof agencyKey> }[] = [];
  for (const n of names) {
    const alias = cleanName(n.name);
    if (out.has(alias) || todo.some((t) => t.alias === alias)) continue;
    todo.push({ ...n, alias, key: agencyKey(n.name) });
  }
  if (todo.length === 0) return out;
  const leaves = [...new Set(todo.map((t) => t.key.leaf))];
  const norms = [...new Set(todo.flatMap((t) => (t.key.parentNorm ? [t.key.norm, t.key.parentNorm] : [t.key.norm])))];
  const own = [...new Set(todo.map((t) => t.key.norm))];
  const lit = (xs: string[]) => pgArrayLiteral(xs.map((x) => [x]), 0);
  const r = await db.executeQuery<AgencyRow>(
    CompiledQuery.raw(
      'select id, name, norm_name, leaf, region, level, parent_norm, parent_id, created_at from agencies where leaf = any($1::text[]) or norm_name = any($2::text[]) or parent_norm = any($3::text[]) order by id',
      [lit(leaves), lit(norms), lit(own)],
    ),
  );
  const rows = new Map<number, AgencyRow>();
  const byLeaf = new Map<string, AgencyRow[]>();
  const byNorm = new Map<string, AgencyRow>();
  const add = (a: AgencyRow) => {
    rows.set(a.id, a);
    const l = byLeaf.get(a.leaf);
    if (l) l.push(a);
    else byLeaf.set(a.leaf, [a]);
    byNorm.set(a.norm_name, a);
  };
  for (const a of r.rows) add({ ...a, id: Number(a.id), parent_id: a.parent_id === null ? null : Number(a.parent_id) });
  const changed = new Set<AgencyRow>();
  const created: AgencyRow[] = [];
  // Sequence values taken, in order: ids of new agencies are -1, -2, … until the real ones are known.
  let taken = 0;
  const linkParent = (a: AgencyRow, parentNorm: string | null) => {
    if (!parentNorm) return;
    const p = byNorm.get(parentNorm);
    if (p && p.id !== a.id) {
      a.parent_id = p.id;
      changed.add(a);
    }
  };
  const aliasOf = new Map<string, AgencyRow>();
  for (const t of todo) {
    const { key } = t;
    const pick = pickAgency(key, byLeaf.get(key.leaf) ?? []) as AgencyRow | null;
    let a: AgencyRow;
    if (pick) {
      a = pick;
      if (key.region.length > a.region.length && key.region.endsWith(a.region)) {
        a.region = key.region;
        a.parent_norm = key.parentNorm;
        changed.add(a);
        linkParent(a, key.parentNorm);
      }
    } else {
      const id = -++taken;
      const existing = byNorm.get(key.norm); // the insert would meet it (on conflict do nothing): its value is used up
      if (existing) a = existing;
      else {
        a = { id, name: t.alias, norm_name: key.norm, leaf: key.leaf, region: key.region, level: t.level ?? levelOf(t.alias), parent_norm: key.parentNorm, parent_id: null, created_at: nowIso() };
        add(a);
        created.push(a);
      }
      linkParent(a, key.parentNorm);
      for (const c of rows.values())
        if (c.parent_norm === key.norm && c.parent_id === null) {
          c.parent_id = a.id;
          changed.add(c);
        }
    }
    aliasOf.set(t.alias, a);
  }
  if (taken > 0) {
    const ids = (
      await db.executeQuery<{ id: number }>(CompiledQuery.raw(`select nextval(pg_get_serial_sequence('agencies', 'id'))::int4 as id from generate_series(1, $1::int4) order by 1`, [taken]))
    ).rows.map((x) => Number(x.id));
    const real = (id: number | null) => (id !== null && id < 0 ? ids[-id - 1] : id);
    for (const a of rows.values()) {
      a.id = real(a.id)!;
      a.parent_id = real(a.parent_id);
    }
  }
  await bulkInsert(
    db,
    'postgres',
    'agencies',
    AGENCY_COLS,
    created.map((a) => [a.id, a.name, a.norm_name, a.leaf, a.region, a.level, a.parent_norm, a.parent_id, a.created_at]),
  );
  const updates = [...changed].filter((a) => !created.includes(a));
  if (updates.length)
    await db.executeQuery(
      CompiledQuery.raw(
        'update agencies set region = v.region, parent_norm = v.parent_norm, parent_id = v.parent_id from (select unnest($1::int4[]) as id, unnest($2::text[]) as region, unnest($3::text[]) as parent_norm, unnest($4::int4[]) as parent_id) as v where agencies.id = v.id',
        [0, 1, 2, 3].map((j) => pgArrayLiteral(updates.map((a) => [a.id, a.region, a.parent_norm, a.parent_id]), j)),
      ),
    );
  await bulkInsert(db, 'postgres', 'agency_aliases', ALIAS_COLS, [...aliasOf].map(([alias, a]) => [alias, a.id]), 'on conflict do nothing');
  for (const [alias, a] of aliasOf) out.set(alias, a.id);
  return out;
}

async function linkParent(db: Q, id: number, parentNorm: string | null): Promise<void> {
  if (!parentNorm) return;
  const p = await db.selectFrom('agencies').select('id').where('norm_name', '=', parentNorm).executeTakeFirst();
  if (p && p.id !== id) await db.updateTable('agencies').set({ parent_id: p.id }).where('id', '=', id).execute();
}

/** Agency lookup by a name as a user types it (same linking rule, no insert). */
export async function findAgency(db: Q, name: string): Promise<{ id: number; name: string; region: string } | undefined> {
  const alias = cleanName(name);
  const hit = await db.selectFrom('agency_aliases').select('agency_id').where('alias', '=', alias).executeTakeFirst();
  const byId = (id: number) => db.selectFrom('agencies').select(['id', 'name', 'region']).where('id', '=', id).executeTakeFirst();
  if (hit) return byId(hit.agency_id);
  const key = agencyKey(name);
  const cands = (await db.selectFrom('agencies').select(['id', 'norm_name', 'region', 'leaf']).where('leaf', '=', key.leaf).execute()) as StoredAgency[];
  const pick = pickAgency(key, cands);
  return pick ? byId(pick.id) : undefined;
}

export { findingRow };

export type WriteResult = { kind: 'added' | 'reextracted'; id: number } | { kind: 'exists'; id: number; source: string };

export interface ReportInput {
  source: string;
  hash: string;
  parsed: ParsedFile;
  parserVersion: number;
}

type ColType = 'int' | 'float' | 'text';
const PG_ARRAY: Record<ColType, string> = { int: 'int4[]', float: 'float8[]', text: 'text[]' };
/** Rows per multi-row INSERT on SQLite (5–9 columns: well under its 32,766 parameters). */
const SQLITE_ROWS = 128;
const insertSql = new Map<string, string>();

/** Characters a quoted element of a PostgreSQL array literal must escape. */
const ARRAY_QUOTE = /[\\"]/;
const ARRAY_QUOTE_ALL = /[\\"]/g;
/** A JSON escape the array input reads otherwise (\n there is the letter n); may also match after an escaped backslash (then only the slower path is taken). */
const JSON_ONLY_ESCAPE = /\\[bfnrtu]/;

/**
 * Column j of the rows as a PostgreSQL array literal ({1,NULL,"a\"b"}), the text the server's
 * array input reads directly — sent as it is, instead of JSON arrays (the server parsed each
 * twice, then sorted it back into order: a third of its time per report) or the driver's array
 * encoding (per-element escaping in JavaScript, slower than the insert). Mostly it is the column's
 * JSON with braces for brackets: a JSON array of numbers, strings and nulls is a valid literal as
 * long as its strings escape only " and \ (unquoted null is NULL; non-finite numbers become null,
 * as SQLite stores them). Strings with control characters or lone surrogates take the loop below.
 */
export function pgArrayLiteral(rows: readonly unknown[][], j: number): string {
  const json = JSON.stringify(rows.map((r) => r[j] ?? null));
  if (!JSON_ONLY_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    if (i) out += ',';
    const v = rows[i][j];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number') out += Number.isFinite(v) ? String(v) : 'NULL';
    else {
      // Every element quoted: then only " and \ need a backslash (commas, braces, blanks and line
      // breaks are taken as they are; the word NULL quoted is the text, not a null).
      const t = String(v);
      out += ARRAY_QUOTE.test(t) ? `"${t.replace(ARRAY_QUOTE_ALL, '\\$&')}"` : `"${t}"`;
    }
  }
  return out + '}';
}

/**
 * One INSERT of PostgreSQL arrays, one per column (all of one length), in one round trip: binary
 * arrays (pg-binary.ts; Buffers, which the driver sends in binary) or text literals.
 */
async function pgInsert(db: Q, table: keyof DB, cols: readonly (readonly [string, ColType])[], arrays: (Buffer | string)[], tail = ''): Promise<void> {
  const names = cols.map((c) => `"${c[0]}"`).join(', ');
  const key = `pg\0${table}\0${names}\0${tail}`;
  let text = insertSql.get(key);
  if (!text) {
    // unnest in the select list (arrays of one length unnest in step, in order): the rows go
    // straight to the insert, where `from unnest(…)` first stored them all in a tuplestore —
    // measured 1.07 → 0.83 ms of server time per report's cells.
    text = `insert into "${table}" (${names}) select ${cols.map((c, i) => `unnest($${i + 1}::${PG_ARRAY[c[1]]})`).join(', ')}${tail ? ` ${tail}` : ''}`;
    insertSql.set(key, text);
  }
  await db.executeQuery(CompiledQuery.raw(text, arrays));
}

/**
 * Inserts many rows with one statement of fixed text per row count: a multi-row VALUES on
 * SQLite (its prepared statement is reused for the next report of the same shape); on PostgreSQL
 * a COPY of the rows in binary (pg-copy.ts), or — with a `tail` (on conflict …), which COPY has
 * not — typed column arrays unnested (one round trip, same text every time). Bypasses the query
 * builder: for ~200 rows per report, building the statement cost more than running it.
 */
export async function bulkInsert(db: Q, backend: Backend, table: keyof DB, cols: readonly (readonly [string, ColType])[], rows: unknown[][], tail = ''): Promise<void> {
  if (rows.length === 0) return;
  const names = cols.map((c) => `"${c[0]}"`).join(', ');
  if (backend === 'postgres' && !tail) {
    const w = new PgElements(64 + rows.length * cols.length * 24);
    for (const r of rows) {
      w.row(cols.length);
      for (let j = 0; j < cols.length; j++) w.value(cols[j][1], r[j]);
    }
    await pgCopy(db, table, names, [w.bytes()]);
    return;
  }
  if (backend === 'postgres') {
    await pgInsert(db, table, cols, cols.map(([, type], j) => {
      const w = pgElements(type, rows.map((r) => r[j]));
      return pgArray(type, w.count, [w.bytes()], w.hasNull);
    }), tail);
    return;
  }
  for (let i = 0; i < rows.length; i += SQLITE_ROWS) {
    const part = rows.slice(i, i + SQLITE_ROWS);
    const key = `sqlite\0${table}\0${names}\0${part.length}\0${tail}`;
    let text = insertSql.get(key);
    if (!text) {
      const one = `(${cols.map(() => '?').join(', ')})`;
      text = `insert into "${table}" (${names}) values ${Array.from({ length: part.length }, () => one).join(', ')}${tail ? ` ${tail}` : ''}`;
      insertSql.set(key, text);
    }
    const params = part.flat();
    // ±Infinity as NULL, as on PostgreSQL (SQLite itself makes NaN a NULL): the same rows on both.
    for (let k = 0; k < params.length; k++) if (typeof params[k] === 'number' && !Number.isFinite(params[k])) params[k] = null;
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

/** COPY of rows in binary format (pg-copy.ts: parts of the rows, sent as they are) into these columns of a table. */
async function pgCopy(db: Q, table: keyof DB, names: string, parts: Uint8Array[]): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(`copy "${table}" (${names}) from stdin (format binary)`, [new CopyData(parts)]));
}

const CELL_COLS = [['report_id', 'int'], ['key', 'text'], ['value', 'float'], ['raw', 'text'], ['provenance', 'text']] as const;
/**
 * The cells of several reports in one statement. PostgreSQL: one COPY, each report's rows as the
 * parse process wrote them (PgCellColumns) with its id put in — columns given as JSON (tests,
 * single files) are written into rows here; SQLite: rows.
 */
async function insertCells(db: Q, backend: Backend, reports: { id: number; cells: CellColumns }[]): Promise<void> {
  const some = reports.filter((r) => r.cells.count > 0);
  if (some.length === 0) return;
  if (backend === 'postgres') {
    const parts = some.map((r) => ('copy' in r.cells ? copyCellsFor(r.cells, r.id) : copyCellsFor(pgCellColumnsOfRows(cellRowsOf(r.cells)), r.id)));
    await pgCopy(db, 'cells', CELL_COLS.map((c) => `"${c[0]}"`).join(', '), parts);
    return;
  }
  const rows: unknown[][] = [];
  for (const r of some) for (const c of cellRowsOf(r.cells)) rows.push([r.id, ...c]);
  await bulkInsert(db, backend, 'cells', CELL_COLS, rows);
}

/** A report's cell rows (from JSON columns) as COPY rows, report_id 0 (copyCellsFor puts it in). */
function pgCellColumnsOfRows(rows: readonly CellRow[]): PgCellColumns {
  const w = new PgElements(64 + rows.length * 96);
  for (const r of rows) {
    w.row(CELL_COLS.length);
    w.int(0);
    w.value('text', r[0]);
    w.value('float', r[1]);
    w.value('text', r[2]);
    w.value('text', r[3]);
  }
  return { count: rows.length, copy: w.bytes() };
}

/**
 * The sections and findings (origin 'report') of read reports, one statement a table: on
 * PostgreSQL COPY rows as the parse process wrote them (their ids put in), or made here.
 */
async function insertReportRows(db: Q, backend: Backend, reports: { id: number; parsed: ParsedFile }[]): Promise<void> {
  if (reports.length === 0) return;
  if (backend === 'postgres') {
    const sections: Uint8Array[] = [];
    const findings: Uint8Array[] = [];
    for (const r of reports) {
      const rows = copyReportRows(r.parsed, r.id);
      sections.push(rows.sections);
      findings.push(rows.findings);
    }
    if (sections.some((b) => b.byteLength)) await pgCopy(db, 'sections', colNames(SECTION_COLS), sections);
    if (findings.some((b) => b.byteLength)) await pgCopy(db, 'findings', colNames(FINDING_COLS), findings);
    return;
  }
  await bulkInsert(db, backend, 'sections', SECTION_COLS, reports.flatMap((r) => sectionRowsOf(r.parsed, r.id)));
  await bulkInsert(db, backend, 'findings', FINDING_COLS, reports.flatMap((r) => findingRowsOf(r.parsed, r.id)));
}

const colNames = (cols: readonly (readonly [string, ColType])[]) => cols.map((c) => `"${c[0]}"`).join(', ');

const BAND_COLS = [['report_id', 'int'], ['band', 'int'], ['hash', 'text'], ['agency_id', 'int']] as const;
const SOURCE_COLS = [['report_id', 'int'], ['source_name', 'text']] as const;
const AGENCY_COLS = [
  ['id', 'int'],
  ['name', 'text'],
  ['norm_name', 'text'],
  ['leaf', 'text'],
  ['region', 'text'],
  ['level', 'text'],
  ['parent_norm', 'text'],
  ['parent_id', 'int'],
  ['created_at', 'text'],
] as const;
const ALIAS_COLS = [['alias', 'text'], ['agency_id', 'int']] as const;

/** Finding rows (as produced by findingRow) inserted in one statement. */
export async function insertFindings(db: Q, backend: Backend, rows: ReturnType<typeof findingRow>[]): Promise<void> {
  await bulkInsert(db, backend, 'findings', FINDING_COLS, rows.map((f) => [f.report_id, f.rule, f.severity, f.message, f.cells, f.pos, f.expected, f.found, f.origin]));
}

async function deleteChildren(db: Q, id: number): Promise<void> {
  for (const t of ['cells', 'findings', 'sections', 'prose_bands'] as const) await db.deleteFrom(t).where('report_id', '=', id).execute();
}


/**
 * Writes one report — row, cells, sections, findings, prose bands — in one transaction.
 * Idempotent by content hash: an existing report with the same or a newer parser version is
 * left alone ('exists'); an older one is replaced in place (same id).
 */
export async function writeReport(store: Store, input: ReportInput): Promise<WriteResult> {
  try {
    return await retryOnDeadlock(store, () => store.db.transaction().execute(async (trx) => {
      // Several ingest processes on one PostgreSQL: serialise agency resolution and hash checks.
      // (and, as writeBatch, a commit that does not wait for the disk)
      if (store.backend === 'postgres') await sql`select pg_advisory_xact_lock(727401), set_config('synchronous_commit', 'off', true)`.execute(trx);
      return writeOne(trx, store.backend, input);
    }));
  } catch (e) {
    throw storeFailure(store, e);
  }
}

/** writeReport's work inside a transaction that holds the write lock. */
async function writeOne(trx: Transaction<DB>, backend: Backend, input: ReportInput): Promise<WriteResult> {
  const existing = await reportByHash(trx, input.hash);
  if (existing && existing.parser_version >= input.parserVersion) {
    await trx.insertInto('report_sources').values({ report_id: existing.id, source_name: input.source }).onConflict((oc) => oc.columns(['report_id', 'source_name']).doNothing()).execute();
    return { kind: 'exists' as const, id: existing.id, source: existing.source_name };
  }
  const o = input.parsed.outcome;
  const agencyId = o.ok && o.meta.agency ? await resolveAgency(trx, o.meta.agency, o.meta.level) : null;
  const row = reportRow(input, agencyId);
  let id: number;
  let kind: 'added' | 'reextracted';
  if (existing) {
    id = existing.id;
    kind = 'reextracted';
    await deleteChildren(trx, id);
    await trx.updateTable('reports').set(row).where('id', '=', id).execute();
  } else {
    const ins = await trx.insertInto('reports').values(row).onConflict((oc) => oc.column('content_hash').doNothing()).returning('id').executeTakeFirst();
    if (!ins) {
      const other = await reportByHash(trx, input.hash);
      return { kind: 'exists' as const, id: other?.id ?? 0, source: other?.source_name ?? '' };
    }
    id = ins.id;
    kind = 'added';
  }
  await trx.insertInto('report_sources').values({ report_id: id, source_name: input.source }).onConflict((oc) => oc.columns(['report_id', 'source_name']).doNothing()).execute();
  if (o.ok) {
    await insertCells(trx, backend, [{ id, cells: input.parsed.cells }]);
    await insertReportRows(trx, backend, [{ id, parsed: input.parsed }]);
    await bulkInsert(trx, backend, 'prose_bands', BAND_COLS, input.parsed.bands.map((hash, band) => [id, band, hash, agencyId ?? 0]));
    await markNeighboursDirty(trx, id, agencyId, o.meta.year);
  }
  return { kind, id };
}

/** The reports row of a parsed input (its agency resolved). */
function reportRow(input: ReportInput, agencyId: number | null) {
  const o = input.parsed.outcome;
  const c = findingCounts(input.parsed);
  return {
    agency_id: agencyId,
    year: o.ok ? o.meta.year : null,
    template: o.ok ? o.meta.template : null,
    status: o.ok ? 'ok' : 'failed',
    failure_code: o.ok ? null : o.failure.code,
    failure_message: o.ok ? null : o.failure.message,
    source_name: input.source,
    content_hash: input.hash,
    format: o.ok ? o.format : null,
    title: o.ok ? o.meta.title : null,
    agency_printed: o.ok ? o.meta.agency : null,
    level: o.ok ? o.meta.level : null,
    published_at: o.ok ? o.meta.publishedAt : null,
    parser_version: input.parserVersion,
    consolidated: input.parsed.consolidated ? 1 : 0,
    errors: c.errors,
    warnings: c.warnings,
    history_dirty: o.ok ? 1 : 0,
    history_checked_at: null,
    ingested_at: nowIso(),
  };
}

/** Rows per multi-row INSERT of reports (20 columns: within both backends' parameter limits). */
const REPORT_ROWS = 100;

/**
 * Writes several reports with the same results as calling writeReport for each in turn, in
 * one transaction and a fixed number of statements whatever their number: hashes already
 * stored looked up together, agencies resolved by one alias lookup (new names one by one,
 * as writeReport does), reports inserted in one multi-row statement, then every table's rows
 * of all of them in one statement each (PostgreSQL: one `unnest` per table), neighbours
 * flagged for the history checks set-wise. Each report's data is all in, or (the transaction
 * rolled back) none of it: a rerun finds what is missing, as after a crash. Should the
 * transaction fail for any other reason than a lost connection, each report is written on
 * its own (writeReport), so one bad report never holds back the others.
 */
export async function writeReports(store: Store, inputs: ReportInput[]): Promise<WriteResult[]> {
  if (inputs.length <= 1) return Promise.all(inputs.map((i) => writeReport(store, i)));
  try {
    return await retryOnDeadlock(store, () => store.db.transaction().execute((trx) => writeBatch(trx, store.backend, inputs)));
  } catch (e) {
    if (isConnectionLoss(e)) throw storeFailure(store, e);
    const out: WriteResult[] = [];
    for (const input of inputs) out.push(await writeReport(store, input));
    return out;
  }
}


async function writeBatch(trx: Transaction<DB>, backend: Backend, inputs: ReportInput[]): Promise<WriteResult[]> {
  // Several ingest processes on one PostgreSQL: serialise agency resolution and hash checks (as writeReport).
  // The commit need not wait for its WAL to reach the disk (SET LOCAL, this transaction only): a
  // server crash may lose the last moment's batches whole — never part of one — and a rerun stores
  // them again, as after killing the ingest.
  if (backend === 'postgres') await sql`select pg_advisory_xact_lock(727401), set_config('synchronous_commit', 'off', true)`.execute(trx);
  const hashes = [...new Set(inputs.map((i) => i.hash))];
  const stored = new Map<string, ExistingReport>();
  for (let i = 0; i < hashes.length; i += 500)
    for (const r of await trx.selectFrom('reports').select(['id', 'parser_version', 'status', 'source_name', 'content_hash']).where('content_hash', 'in', hashes.slice(i, i + 500)).execute())
      stored.set(r.content_hash, r);
  const results: (WriteResult | undefined)[] = new Array(inputs.length);
  const sources: unknown[][] = [];
  const fresh: number[] = [];
  const inBatch = new Map<string, number>();
  for (const [i, input] of inputs.entries()) {
    const existing = stored.get(input.hash);
    if (existing && existing.parser_version >= input.parserVersion) {
      sources.push([existing.id, input.source]);
      results[i] = { kind: 'exists', id: existing.id, source: existing.source_name };
    } else if (existing || inBatch.has(input.hash)) {
      // A re-extraction, or the same content twice in one batch: the one-report path, in order.
      fresh.push(-1 - i);
    } else {
      inBatch.set(input.hash, i);
      fresh.push(i);
    }
  }
  // Agencies: names seen before in one lookup; new ones resolved (created, linked) in order.
  const agencyOf = new Map<string, number>();
  const printed = fresh.flatMap((i) => {
    const o = i >= 0 ? inputs[i].parsed.outcome : null;
    return o?.ok && o.meta.agency ? [{ name: o.meta.agency, level: o.meta.level }] : [];
  });
  const aliases = [...new Set(printed.map((p) => cleanName(p.name)))];
  for (let i = 0; i < aliases.length; i += 500)
    for (const a of await trx.selectFrom('agency_aliases').select(['alias', 'agency_id']).where('alias', 'in', aliases.slice(i, i + 500)).execute()) agencyOf.set(a.alias, a.agency_id);
  if (backend === 'postgres') for (const [alias, id] of await resolveAgenciesPg(trx, printed.filter((p) => !agencyOf.has(cleanName(p.name))))) agencyOf.set(alias, id);
  else for (const p of printed) if (!agencyOf.has(cleanName(p.name))) agencyOf.set(cleanName(p.name), await resolveAgency(trx, p.name, p.level));
  const agencyIdOf = (input: ReportInput): number | null => {
    const o = input.parsed.outcome;
    return o.ok && o.meta.agency ? (agencyOf.get(cleanName(o.meta.agency)) ?? null) : null;
  };

  // New reports: one multi-row insert (in input order, so ids are assigned as one by one).
  const newIdx = fresh.filter((i) => i >= 0);
  const idOf = new Map<string, number>();
  for (let k = 0; k < newIdx.length; k += REPORT_ROWS) {
    const part = newIdx.slice(k, k + REPORT_ROWS);
    const rows = await trx
      .insertInto('reports')
      .values(part.map((i) => reportRow(inputs[i], agencyIdOf(inputs[i]))))
      .onConflict((oc) => oc.column('content_hash').doNothing())
      .returning(['id', 'content_hash'])
      .execute();
    for (const r of rows) idOf.set(r.content_hash, r.id);
  }
  const cells: { id: number; cells: CellColumns }[] = [];
  const read: { id: number; parsed: ParsedFile }[] = [];
  const bandRows: unknown[][] = [];
  const neighbours: { id: number; agencyId: number; year: number }[] = [];
  for (const i of fresh) {
    if (i < 0) continue;
    const input = inputs[i];
    const id = idOf.get(input.hash);
    if (id === undefined) continue; // stored meanwhile by another process: resolved below
    results[i] = { kind: 'added', id };
    sources.push([id, input.source]);
    const o = input.parsed.outcome;
    if (!o.ok) continue;
    const agencyId = agencyIdOf(input);
    cells.push({ id, cells: input.parsed.cells });
    read.push({ id, parsed: input.parsed });
    input.parsed.bands.forEach((hash, band) => bandRows.push([id, band, hash, agencyId ?? 0]));
    if (agencyId !== null && o.meta.year !== null) neighbours.push({ id, agencyId, year: o.meta.year });
  }
  await bulkInsert(trx, backend, 'report_sources', SOURCE_COLS, sources, 'on conflict do nothing');
  await insertCells(trx, backend, cells);
  await insertReportRows(trx, backend, read);
  await bulkInsert(trx, backend, 'prose_bands', BAND_COLS, bandRows);
  await markNeighboursDirtyMany(trx, neighbours);
  // What the set-wise path left (re-extractions, repeats in the batch, rows another process
  // stored meanwhile): one by one, in this transaction, exactly as writeReport.
  for (const [i, input] of inputs.entries()) if (!results[i]) results[i] = await writeOne(trx, backend, input);
  return results as WriteResult[];
}

/** Neighbours of many new reports flagged at once (see markNeighboursDirty). */
async function markNeighboursDirtyMany(db: Q, written: { id: number; agencyId: number; year: number }[]): Promise<void> {
  if (written.length === 0) return;
  const byYear = new Map<number, Set<number>>();
  for (const w of written) byYear.set(w.year + 1, (byYear.get(w.year + 1) ?? new Set()).add(w.agencyId));
  for (const [year, agencies] of byYear)
    await db.updateTable('reports').set({ history_dirty: 1 }).where('agency_id', 'in', [...agencies]).where('year', '=', year).where('status', '=', 'ok').where('history_dirty', '=', 0).execute();
  const agencyIds = [...new Set(written.map((w) => w.agencyId))];
  const regionOf = new Map((await db.selectFrom('agencies').select(['id', 'region']).where('id', 'in', agencyIds).execute()).map((a) => [a.id, a.region]));
  const regionsByYear = new Map<number, Set<string>>();
  for (const w of written) {
    const region = regionOf.get(w.agencyId);
    if (region === undefined) continue;
    const set = regionsByYear.get(w.year) ?? new Set<string>();
    for (const r of [region, ...enclosingRegions(region)]) set.add(r);
    regionsByYear.set(w.year, set);
  }
  // The new reports themselves are flagged already (history_dirty = 1): `<> id` of the one-report form is implied.
  for (const [year, regions] of regionsByYear)
    if (regions.size)
      await db
        .updateTable('reports')
        .set({ history_dirty: 1 })
        .where('consolidated', '=', 1)
        .where('year', '=', year)
        .where('history_dirty', '=', 0)
        .where('agency_id', 'in', (eb) => eb.selectFrom('agencies').select('id').where('region', 'in', [...regions]))
        .execute();
}

/** Reports whose history-aware checks depend on a report just written. */
async function markNeighboursDirty(db: Q, id: number, agencyId: number | null, year: number | null): Promise<void> {
  if (agencyId === null || year === null) return;
  await db.updateTable('reports').set({ history_dirty: 1 }).where('agency_id', '=', agencyId).where('year', '=', year + 1).where('status', '=', 'ok').where('history_dirty', '=', 0).execute();
  const ag = await db.selectFrom('agencies').select('region').where('id', '=', agencyId).executeTakeFirst();
  const regions = ag ? [ag.region, ...enclosingRegions(ag.region)] : [];
  if (regions.length === 0) return;
  await db
    .updateTable('reports')
    .set({ history_dirty: 1 })
    .where('consolidated', '=', 1)
    .where('year', '=', year)
    .where('id', '<>', id)
    .where('history_dirty', '=', 0)
    .where('agency_id', 'in', (eb) => eb.selectFrom('agencies').select('id').where('region', 'in', regions))
    .execute();
}

/** Records a file that could not even be read into memory (no bytes, no hash of content). */
export async function recordUnreadable(store: Store, source: string, hash: string, code: string, message: string, parserVersion: number): Promise<WriteResult> {
  return writeReport(store, { source, hash, parserVersion, parsed: { outcome: { ok: false, source, failure: { code, message } }, cells: NO_CELLS, bands: [], consolidated: false } });
}

// ---- reads -------------------------------------------------------------------------

export interface ReportView {
  id: number;
  agencyId: number | null;
  agency: string | null;
  region: string | null;
  year: number | null;
  template: string | null;
  consolidated: boolean;
  source: string;
  title: string | null;
  cells: Record<string, number | null>;
  sections: Record<string, string>;
  /** The shingles copied-report compares, when an ingest has them at hand (HistoryReport.shingles). */
  shingles?: Uint32Array | null;
}

export async function loadReport(db: Q, id: number, withSections = true, withCells: boolean | readonly string[] = true): Promise<ReportView | undefined> {
  return (await loadReports(db, [id], withSections, withCells)).get(id);
}

/** Several reports at once (three queries, whatever their number): id → view. */
/**
 * `withSections`: every section, or only those whose keys are listed (the prose a comparison reads);
 * `withCells` likewise (the cells the history rules read).
 */
export async function loadReports(db: Q, ids: number[], withSections: boolean | readonly string[] = true, withCells: boolean | readonly string[] = true): Promise<Map<number, ReportView>> {
  const out = new Map<number, ReportView>();
  const uniq = [...new Set(ids)];
  const cellKeys = Array.isArray(withCells) ? withCells : [];
  const wantCells = withCells === true || cellKeys.length > 0;
  // Some cells: filtered by key on the server (one array parameter), not read and dropped here.
  const someKeys = cellKeys.length ? sql` and key = any(${pgArrayLiteral(cellKeys.map((k) => [k]), 0)}::text[])` : sql``;
  for (let i = 0; i < uniq.length; i += 500) {
    const part = uniq.slice(i, i + 500);
    const rows = await db
      .selectFrom('reports')
      .leftJoin('agencies', 'agencies.id', 'reports.agency_id')
      .select(['reports.id', 'reports.agency_id', 'agencies.name as agency', 'agencies.region', 'reports.year', 'reports.template', 'reports.consolidated', 'reports.source_name', 'reports.title'])
      .where('reports.id', 'in', part)
      .execute();
    for (const r of rows)
      out.set(r.id, {
        id: r.id,
        agencyId: r.agency_id,
        agency: r.agency,
        region: r.region,
        year: r.year,
        template: r.template,
        consolidated: r.consolidated === 1,
        source: r.source_name,
        title: r.title,
        cells: {},
        sections: {},
      });
    if (wantCells && db.getExecutor().adapter instanceof PostgresAdapter) {
      // ~200 cells a report: one row per report, its cells as one JSON object (parsed natively,
      // not row by row by the driver).
      const r = await sql<{ report_id: number; cells: string }>`select report_id, json_object_agg(key, value)::text as cells from cells where report_id in (${sql.join(part)})${someKeys} group by report_id`.execute(db);
      for (const c of r.rows) {
        const v = out.get(Number(c.report_id));
        if (v) Object.assign(v.cells, JSON.parse(c.cells) as Record<string, number | null>);
      }
    } else if (wantCells) {
      let q = db.selectFrom('cells').select(['report_id', 'key', 'value']).where('report_id', 'in', part);
      if (cellKeys.length) q = q.where('key', 'in', cellKeys);
      for (const c of await q.execute()) {
        const v = out.get(c.report_id);
        if (v) v.cells[c.key] = c.value === null ? null : Number(c.value);
      }
    }
    if (withSections) {
      let q = db.selectFrom('sections').select(['report_id', 'key', 'text']).where('report_id', 'in', part);
      if (Array.isArray(withSections)) q = q.where('key', 'in', withSections);
      for (const s of await q.execute()) {
        const v = out.get(s.report_id);
        if (v) v.sections[s.key] = s.text;
      }
    }
  }
  return out;
}

/** The agency's report for a year (the most recently ingested, when a year has several sources). */
/** A report of an agency-year with what decides which one counts. */
export interface AgencyYearCandidate {
  id: number;
  source: string;
  publishedAt: string | null;
  /** Cells read (not blank): how complete the reading is. */
  filled: number;
}

/**
 * Which report is the agency-year's when several files hold it (a web page and a crawled
 * text of the same report): the most complete reading, then the newest (published, then
 * ingested). The others stay stored but are not counted twice.
 */
export function byPreference(a: AgencyYearCandidate, b: AgencyYearCandidate): number {
  return b.filled - a.filled || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id - a.id;
}

/** The readable reports of one agency-year, preferred first. */
export async function reportsOfYear(db: Q, agencyId: number, year: number): Promise<AgencyYearCandidate[]> {
  const rows = await db
    .selectFrom('reports')
    .leftJoin('cells', (j) => j.onRef('cells.report_id', '=', 'reports.id').on('cells.value', 'is not', null))
    .select(['reports.id', 'reports.source_name', 'reports.published_at', (eb) => eb.fn.count<number>('cells.key').as('filled')])
    .where('reports.agency_id', '=', agencyId)
    .where('reports.year', '=', year)
    .where('reports.status', '=', 'ok')
    .groupBy(['reports.id', 'reports.source_name', 'reports.published_at'])
    .execute();
  return rows.map((r) => ({ id: r.id, source: r.source_name, publishedAt: r.published_at, filled: Number(r.filled) })).sort(byPreference);
}

export async function reportOf(db: Q, agencyId: number, year: number): Promise<number | undefined> {
  return (await reportsOfYear(db, agencyId, year))[0]?.id;
}

/** An agency-year held by more than one readable report: the one counted and the others. */
export interface SameAgencyYear {
  agencyId: number;
  agency: string;
  year: number;
  used: AgencyYearCandidate;
  others: AgencyYearCandidate[];
}

/** Every agency-year with more than one readable report (optionally only those among `ids`' agency-years). */
export async function sameAgencyYears(db: Q): Promise<SameAgencyYear[]> {
  const groups = await db
    .selectFrom('reports')
    .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select(['reports.agency_id', 'agencies.name', 'reports.year', (eb) => eb.fn.countAll<number>().as('n')])
    .where('reports.status', '=', 'ok')
    .where('reports.year', 'is not', null)
    .groupBy(['reports.agency_id', 'agencies.name', 'reports.year'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .orderBy('agencies.name')
    .orderBy('reports.year')
    .execute();
  const out: SameAgencyYear[] = [];
  for (const g of groups) {
    const all = await reportsOfYear(db, g.agency_id!, g.year!);
    if (all.length > 1) out.push({ agencyId: g.agency_id!, agency: g.name, year: g.year!, used: all[0], others: all.slice(1) });
  }
  return out;
}

/** Ids of reports not counted because another report of the same agency-year is. */
export async function uncountedReports(db: Q): Promise<number[]> {
  return (await sameAgencyYears(db)).flatMap((s) => s.others.map((o) => o.id));
}

export interface StoredFinding extends Finding {
  origin: string;
}

/** The columns of a stored finding, as any query reads them. */
export type FindingColumns = Omit<FindingTable, 'id' | 'report_id'>;

/** A stored finding's row → the finding (JSON columns parsed, absent parts left out). */
export function findingFromRow(r: FindingColumns): StoredFinding {
  return {
    rule: r.rule,
    severity: r.severity as Finding['severity'],
    message: r.message,
    cells: JSON.parse(r.cells) as string[],
    ...(r.pos ? { pos: JSON.parse(r.pos) } : {}),
    ...(r.expected !== null ? { expected: r.expected } : {}),
    ...(r.found !== null ? { found: r.found } : {}),
    origin: r.origin,
  };
}

export async function findingsOf(db: Q, reportId: number): Promise<StoredFinding[]> {
  const rows = await db.selectFrom('findings').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
  return rows.map(findingFromRow);
}

export async function countRows(db: Q, table: keyof DB): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
