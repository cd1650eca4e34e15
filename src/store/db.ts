/**
 * Opens the dataset store: a SQLite file (default, zero set-up) or a PostgreSQL database,
 * chosen by `--db` (path → SQLite, postgres:// URL → PostgreSQL), else NIANBAO_DB, else
 * ./nianbao.sqlite. Every failure becomes a StoreError with a Chinese message that says
 * what went wrong, where, and what to do; nothing stored is touched before it is safe.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type MigrationProvider } from 'kysely';
import type pg from 'pg';
import { migrations, type Backend, type DB } from './schema.js';
import { enableCopy } from './pg-copy.js';

export class StoreError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface Store {
  backend: Backend;
  db: Kysely<DB>;
  /** Where the store is, for messages (password masked). */
  location: string;
  /** The connection string / absolute path used to open it (for child processes). */
  target: string;
  close(): Promise<void>;
}

export const DEFAULT_DB_FILE = 'nianbao.sqlite';

/** The store target from an option, NIANBAO_DB, or the default file in the current folder. */
export function resolveTarget(option?: string): string {
  const t = option?.trim() || process.env.NIANBAO_DB?.trim() || DEFAULT_DB_FILE;
  return isPostgresUrl(t) ? t : path.resolve(t);
}

export function isPostgresUrl(t: string): boolean {
  return /^postgres(ql)?:\/\//i.test(t);
}

export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  }
}

let pgTypesSet = false;
function setPgTypes(pg: typeof import('pg').default): void {
  if (pgTypesSet) return;
  // count(*) and sums come back as int8 / numeric strings: read them as numbers.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  pgTypesSet = true;
}

/** A URL of a database nianbao does not speak (mysql://, sqlite://, file://…): refused as such, never taken for a file name. */
export function unsupportedScheme(t: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(t.trim());
  return m && !isPostgresUrl(t.trim()) ? m[1] : null;
}

export interface OpenOptions {
  migrate?: boolean;
  /**
   * Create the dataset when it does not exist (default true for the API). The CLI passes
   * false except for `ingest`: a mistyped --db must not leave an empty database behind.
   */
  create?: boolean;
}

function notADataset(where: string, why: string): StoreError {
  return new StoreError(
    'db-not-found',
    `${why}：“${where}”。请检查 --db（或环境变量 NIANBAO_DB）是否写错；数据集由 nianbao ingest 创建，例如：nianbao ingest 报告目录 --db ${where}`,
  );
}

export async function openStore(option?: string, opts: OpenOptions = {}): Promise<Store> {
  const raw = option?.trim() || process.env.NIANBAO_DB?.trim() || DEFAULT_DB_FILE;
  const scheme = unsupportedScheme(raw);
  if (scheme)
    throw new StoreError('db-scheme', `不支持“${scheme}://”数据库地址（${maskUrl(raw)}）。nianbao 只支持 SQLite 文件（给出文件路径，如 nianbao.sqlite）和 PostgreSQL（postgres://用户@主机:端口/数据库名）。`);
  const target = resolveTarget(option);
  const create = opts.create !== false;
  if (!create && !isPostgresUrl(target)) {
    let size = -1;
    try {
      const st = fs.statSync(target);
      size = st.isDirectory() ? -2 : st.size;
    } catch {
      size = -1;
    }
    if (size === -1) throw notADataset(target, '数据库文件不存在');
    if (size === 0) throw notADataset(target, '数据库文件是空的（还没有入库过任何报告）');
  }
  // Each backend's driver is loaded only when that backend is opened.
  const store = isPostgresUrl(target) ? await openPostgres(target) : await openSqlite(target);
  if (!create) {
    try {
      if (!(await hasSchema(store))) throw notADataset(store.location, store.backend === 'sqlite' ? '该文件不是 nianbao 数据集（其中没有入库的报告）' : '该 PostgreSQL 数据库中还没有 nianbao 数据集');
    } catch (e) {
      await store.close().catch(() => undefined);
      throw e instanceof StoreError ? e : storeFailure(store, e);
    }
  }
  if (opts.migrate !== false) {
    try {
      await migrate(store);
    } catch (e) {
      await store.close().catch(() => undefined);
      throw e;
    }
  }
  return store;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

async function openSqlite(file: string): Promise<Store> {
  const dir = path.dirname(file);
  let exists = false;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw new StoreError('db-is-directory', `数据库路径“${file}”是一个文件夹。请在 --db 中给出文件名，例如 ${path.join(file, DEFAULT_DB_FILE)}。`);
    exists = true;
  } catch (e) {
    if (e instanceof StoreError) throw e;
  }
  if (!exists) {
    if (!fs.existsSync(dir)) throw new StoreError('db-dir-missing', `无法创建数据库“${file}”：文件夹“${dir}”不存在。请先创建该文件夹，或用 --db 指定其他位置。`);
    try {
      fs.accessSync(dir, fs.constants.W_OK);
    } catch {
      throw new StoreError('db-readonly', `无法创建数据库“${file}”：文件夹“${dir}”没有写权限（只读）。请用 --db 指定一个可写的位置，或修改该文件夹的权限。`);
    }
  } else {
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    fs.closeSync(fd);
    if (n > 0 && head.subarray(0, n).toString('latin1') !== SQLITE_MAGIC.slice(0, n))
      throw corrupt(file);
    try {
      fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
      fs.accessSync(dir, fs.constants.W_OK);
    } catch {
      throw new StoreError(
        'db-readonly',
        `数据库“${file}”是只读的（文件或所在文件夹没有写权限），无法写入。已入库的数据未做任何修改。请修改权限，或用 --db 指定一个可写的新文件。`,
      );
    }
  }
  const { default: Database } = await import('better-sqlite3');
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { timeout: 30_000 });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // Checkpoint every ~32 MB of WAL rather than 4 MB: far fewer fsyncs during a large ingest.
    sqlite.pragma('wal_autocheckpoint = 8192');
    sqlite.pragma('foreign_keys = OFF');
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch (e) {
    throw sqliteError(e, file);
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }) });
  return {
    backend: 'sqlite',
    db,
    location: file,
    target: file,
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * The connection as Kysely sees it, with prepared statements kept by SQL text: ingest runs the
 * same few statements for every report, and preparing each anew cost more than running it.
 * Bounded (least recently used dropped); a statement still being iterated is never shared.
 */
function cachedStatements(sqlite: Database.Database, max = 256): Pick<Database.Database, 'close' | 'prepare'> {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => {
      cache.clear();
      return sqlite.close();
    },
    prepare: ((sqlText: string) => {
      // Write transactions take the write lock when they begin: a deferred one that reads first
      // cannot wait for another process's lock when it upgrades (SQLITE_BUSY at once, no busy timeout).
      const text = /^begin$/i.test(sqlText.trim()) ? 'begin immediate' : sqlText;
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = sqlite.prepare(text);
      if (!hit) {
        cache.set(text, stmt);
        if (cache.size > max) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    }) as Database.Database['prepare'],
  };
}

function corrupt(file: string): StoreError {
  return new StoreError(
    'db-corrupt',
    `“${file}”不是 SQLite 数据库文件，或文件已损坏。本程序没有修改它。请检查 --db 路径是否写错；若文件确已损坏，请从备份恢复，或用 --db 指定一个新文件重新入库。`,
  );
}

/** Maps a better-sqlite3 error to a StoreError (other errors pass through unchanged). */
export function sqliteError(e: unknown, file: string): Error {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) return corrupt(file);
  if (code.startsWith('SQLITE_READONLY')) return new StoreError('db-readonly', `数据库“${file}”是只读的，无法写入。已入库的数据未做任何修改。请修改权限，或用 --db 指定一个可写的文件。`);
  if (code.startsWith('SQLITE_CANTOPEN')) return new StoreError('db-cantopen', `无法打开数据库“${file}”。请检查路径是否存在、是否有读写权限。`);
  if (code === 'SQLITE_FULL') return new StoreError('db-full', `数据库“${file}”所在磁盘已满。请清理磁盘空间后重新运行（已提交的报告不会丢失）。`);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new StoreError('db-busy', `数据库“${file}”正被其他程序长时间占用（锁定）。请等其他入库任务结束后重试。`);
  return e instanceof Error ? e : new Error(String(e));
}

async function openPostgres(url: string): Promise<Store> {
  const { default: pg } = await import('pg');
  setPgTypes(pg);
  const where = maskUrl(url);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new StoreError('db-url-invalid', `PostgreSQL 地址“${where}”格式不正确。应为 postgres://用户:密码@主机:端口/数据库名。`);
  }
  const pool = new pg.Pool({ connectionString: url, max: 6, connectionTimeoutMillis: 8000 });
  pool.on('error', () => undefined); // idle-client errors surface on the next query
  pool.on('connect', (client) => {
    enableCopy(client); // the bulk inserts' COPY (pg-copy.ts)
    // A client in use loses its connection between two statements (the server restarted, an
    // administrator ended it): the pool listens only while it is idle, and an error event nobody
    // hears would end the process. The next statement on it fails instead (isConnectionLoss).
    client.on('error', () => undefined);
  });
  try {
    const c = await pool.connect();
    try {
      await c.query('select 1');
    } finally {
      c.release();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw pgError(e, u, where);
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    backend: 'postgres',
    db,
    location: where,
    target: url,
    close: async () => {
      await db.destroy();
    },
  };
}

export function pgError(e: unknown, u: URL, where: string): StoreError {
  const err = e as { code?: string; message?: string };
  const code = err.code ?? '';
  const host = `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  const dbName = decodeURIComponent(u.pathname.replace(/^\//, '')) || u.username || 'postgres';
  if (code === '3D000')
    return new StoreError('db-missing', `PostgreSQL 服务器 ${host} 上没有数据库“${dbName}”。请先创建它（例如：createdb -h ${u.hostname || 'localhost'} -U ${u.username || 'postgres'} ${dbName}），或检查 --db 中的数据库名。`);
  if (code === '28P01' || code === '28000')
    return new StoreError('db-auth', `PostgreSQL 服务器 ${host} 拒绝了用户“${decodeURIComponent(u.username)}”的登录。请检查 --db 中的用户名和密码。`);
  const reason =
    code === 'ECONNREFUSED'
      ? '连接被拒绝，服务器可能未启动或端口不对'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? '找不到该主机名'
        : /timeout/i.test(err.message ?? '') || code === 'ETIMEDOUT'
          ? '连接超时'
          : (err.message ?? '未知原因');
  return new StoreError(
    'db-unreachable',
    `无法连接 PostgreSQL（${where}）：${reason}。请确认服务器已启动、主机和端口正确、网络可达；或改用本地 SQLite 文件（--db ${DEFAULT_DB_FILE}）。本次没有写入任何数据。`,
  );
}

/** True when the store already holds nianbao's tables (it was created by ingest). */
async function hasSchema(store: Store): Promise<boolean> {
  const tables = await store.db.introspection.getTables();
  return tables.some((t) => t.name === 'nianbao_migration');
}

/** Brings the schema up to date (versioned, idempotent, safe with several processes). */
export async function migrate(store: Store): Promise<void> {
  const all = migrations(store.backend);
  const provider: MigrationProvider = { getMigrations: async () => all };
  const migrator = new Migrator({ db: store.db, provider, migrationTableName: 'nianbao_migration', migrationLockTableName: 'nianbao_migration_lock' });
  let result;
  // SQLite runs the migrations outside a transaction (no lock between processes): when two
  // ingests create one new file at once, the one that meets the other's tables waits and
  // tries again, and then finds the migrations done.
  const race = (e: unknown) => store.backend === 'sqlite' && /already exists|duplicate column|UNIQUE constraint failed|SQLITE_BUSY|database is locked/i.test(e instanceof Error ? e.message : String(e));
  for (let attempt = 0; ; attempt++) {
    try {
      result = await migrator.migrateToLatest();
    } catch (e) {
      if (attempt < 50 && race(e)) {
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        continue;
      }
      throw storeFailure(store, e);
    }
    if (result.error && attempt < 50 && race(result.error)) {
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      continue;
    }
    break;
  }
  if (result.error) {
    const msg = result.error instanceof Error ? result.error.message : String(result.error);
    if (/corrupted migrations/i.test(msg))
      throw new StoreError('db-newer', `数据库“${store.location}”由更新版本的 nianbao 创建（结构版本未知）。请升级 nianbao 后再使用它；数据未做修改。`);
    throw storeFailure(store, result.error);
  }
}

/** Any error from a store operation, made readable. */
/** Whether a database error is the connection lost: the server gone, unreachable, or ending the session. */
export function isConnectionLoss(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code ?? '';
  return /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|57P0\d|08\d\d\d)$/.test(code) || /Connection terminated|not queryable/i.test(e instanceof Error ? e.message : '');
}

export function storeFailure(store: Pick<Store, 'backend' | 'location'>, e: unknown): Error {
  if (e instanceof StoreError) return e;
  if (store.backend === 'sqlite') {
    const m = sqliteError(e, store.location);
    if (m instanceof StoreError) return m;
  } else {
    const code = (e as { code?: string }).code ?? '';
    if (isConnectionLoss(e) || /^(ECONN|ENOTFOUND|ETIMEDOUT|57P)/.test(code) || /Connection terminated|timeout/i.test((e as Error).message ?? ''))
      return new StoreError('db-unreachable', `与 PostgreSQL（${store.location}）的连接中断：${(e as Error).message}。已提交的报告不会丢失；请检查服务器后重新运行同一命令，未完成的部分会补上。`);
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new StoreError('db-error', `数据库操作失败（${store.location}）：${msg}。已提交的报告不会丢失；请重新运行同一命令。`);
}

/** PostgreSQL aborts one of two transactions that wait on each other (40P01), or a serialization failure (40001). */
function isRetryable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * Runs a transaction again when PostgreSQL chose it as a deadlock victim: several ingest
 * processes on one database lock reports in different orders now and then. The body must
 * be safe to repeat (each of ours re-reads what it needs at its start).
 */
export async function retryOnDeadlock<T>(store: Pick<Store, 'backend'>, run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      if (store.backend !== 'postgres' || i >= attempts || !isRetryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 25 * i + Math.floor(Math.random() * 50)));
    }
  }
}

/**
 * Tables whose row counts grow with every report (the planner's estimates go stale during an
 * ingest). The large ones with the columns queries select or join by only: the sampled rows are
 * read either way, but the statistics of their long texts (a cell's provenance, a section's body)
 * took most of a pass, and no plan uses them.
 */
const GROWING_TABLES = [
  'reports',
  'cells (report_id, key, value)',
  'sections (report_id, key)',
  'findings (report_id, rule, severity, origin)',
  'prose_bands',
  'report_sources',
  'agencies',
  'agency_aliases',
];

/**
 * Keeps PostgreSQL's planner statistics in step with a growing store. Without them (a fresh
 * database, or autovacuum off — as on some servers and on this project's CI machines) the
 * planner takes a table of two million cells for an empty one and reads a report's cells by a
 * full scan (measured: 266 ms instead of 6 ms for fifty reports). Tables are analysed again
 * whenever the store has doubled since the statistics were taken. SQLite needs nothing here.
 */
export class PlannerStatistics {
  private analysedAt = -1;
  private running: Promise<void> | null = null;
  constructor(private readonly store: Store) {}

  /**
   * Call with the number of reports now stored; analyses when that has doubled. The pass runs on
   * a connection of its own while writing goes on (it blocks no write); settled() waits for it.
   */
  async grown(reports: number): Promise<void> {
    if (this.store.backend !== 'postgres' || this.running) return;
    if (this.analysedAt < 0) {
      // reltuples: the count as of the last ANALYZE or VACUUM (-1 or 0 when never).
      const r = await sql<{ n: number }>`select greatest(reltuples, 0)::float8 as n from pg_class where relname = 'reports' and relkind = 'r'`.execute(this.store.db);
      this.analysedAt = Number(r.rows[0]?.n ?? 0);
    }
    if (reports < Math.max(MIN_ANALYSE_REPORTS, 2 * this.analysedAt)) return;
    this.analysedAt = reports;
    this.running = this.store.db
      .transaction()
      .execute(async (trx) => {
        // A sample of 9,000 rows a table instead of 30,000 (the default target, 100): a pass cost a
        // third as much, and the plans an ingest needs turn on row counts, not fine histograms.
        await sql`set local default_statistics_target = ${sql.raw(String(STATISTICS_TARGET))}`.execute(trx);
        await sql.raw(`analyze ${GROWING_TABLES.join(', ')}`).execute(trx);
      })
      .then(
        () => undefined,
        () => undefined, // statistics only make plans better: a failed pass (say, the server going away) shows in the writes
      )
      .finally(() => (this.running = null));
  }

  /** Waits for a pass under way. */
  async settled(): Promise<void> {
    await this.running;
  }
}
/** Statistics target of the passes during an ingest (rows sampled per table: 300 × this). */
const STATISTICS_TARGET = 30;
/** Below this many reports every plan is fast; statistics are not worth a pass. */
const MIN_ANALYSE_REPORTS = 256;
