/**
 * When the dataset last changed, cheaply enough to ask on every request: the server's caches (sessions,
 * the report list index, report details) keep what they hold only while this answer stays the same.
 * Two answers: `data` moves with anything a report list or detail shows (reports, their cells,
 * sections and findings, agencies, regions, users' names, reviews, corrections, stored files); `any`
 * with every write, sessions and the audit log included (the sessions cache follows it). So a login
 * does not make the server read the report list again.
 *
 * SQLite: one statement reads `data_version` (moves when another connection or process commits, e.g.
 * `nianbao ingest` into the same file), `total_changes()` (rows this connection has written, whoever
 * wrote them through it) and a counter that temporary triggers on this connection raise on every
 * write to the tables behind `data`. All exact. Kysely's SQLite driver runs one statement at a time on
 * its one connection and holds it for the whole of a transaction, so a reader never sees a moved
 * counter before the rows it counts are committed.
 *
 * PostgreSQL: the server's own writes are counted as they pass through Kysely (a plugin on the store's
 * query builder); writes by other processes are noticed within a second (the answer also changes each
 * second), as no cheap exact signal exists there that is not also moved by other databases on the cluster.
 */
import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import type { Store } from '../store/db.js';

export interface Versions {
  /** Differs whenever anything a report list or detail shows may have changed since it was last different. */
  data: string;
  /** Differs whenever anything stored may have changed (sessions, users, the audit log too). */
  any: string;
}

export interface DataVersion {
  current(): Promise<Versions>;
  /**
   * The part of a version that only writes move (PostgreSQL: the server's own writes; the rest is the
   * second). Two versions with the same part differ only by time: a cache may go on answering from
   * the older while it reads the newer (other processes' writes then show within a second or so).
   */
  writes(version: string): string;
}

const READS = new Set(['SelectQueryNode']);

function isRead(node: RootOperationNode): boolean {
  if (READS.has(node.kind)) return true;
  if (node.kind === 'RawNode') return /^\s*(select|pragma|with\s[^;]*\)\s*select|show|explain)\b/i.test((node as { sqlFragments: readonly string[] }).sqlFragments.join('?'));
  return false;
}

class WriteCounter implements KyselyPlugin {
  count = 0;
  private pending = new WeakSet<object>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (!isRead(args.node)) {
      this.count++;
      this.pending.add(args.queryId);
    }
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // Again once the write is done: a cache filled while it ran is then out of date.
    if (this.pending.has(args.queryId)) this.count++;
    return args.result;
  }
}

const versions = new WeakMap<Store, DataVersion>();

/** The version source of a store (one per store, shared by every app built on it). */
export function dataVersion(store: Store): DataVersion {
  let v = versions.get(store);
  if (v) return v;
  if (store.backend === 'sqlite') {
    const db = store.db;
    let ready: Promise<unknown> | undefined;
    const q = sql<{ d: number; t: number; n: number }>`select (select data_version from pragma_data_version) as d, total_changes() as t, (select n from temp.nianbao_changes) as n`;
    v = {
      async current() {
        ready ??= watchTables(store);
        await ready;
        const r = (await q.execute(db)).rows[0];
        return { data: `${r.d}:${r.n}`, any: `${r.d}:${r.t}:${r.n}` };
      },
      writes: (version) => version,
    };
  } else {
    const counter = new WriteCounter();
    // Every later use of this store (the server's routes, uploads, history checks) goes through the counter.
    store.db = store.db.withPlugin(counter);
    v = {
      async current() {
        const x = `${counter.count}@${Math.floor(Date.now() / 1000)}`;
        return { data: x, any: x };
      },
      writes: (version) => version.split('@')[0],
    };
  }
  versions.set(store, v);
  return v;
}

/** The tables whose rows a report list or detail shows. */
const DATA_TABLES = ['reports', 'cells', 'sections', 'findings', 'agencies', 'regions', 'users', 'finding_reviews', 'corrections', 'report_files'];

/** SQLite: a counter in a temporary table (this connection only), raised by temporary triggers on every write to DATA_TABLES. */
async function watchTables(store: Store): Promise<void> {
  const db = store.db;
  await sql`create temp table if not exists nianbao_changes (n integer not null)`.execute(db);
  await sql`insert into temp.nianbao_changes (n) select 0 where not exists (select 1 from temp.nianbao_changes)`.execute(db);
  for (const t of DATA_TABLES)
    for (const op of ['insert', 'update', 'delete'])
      await sql`${sql.raw(`create temp trigger if not exists nianbao_${t}_${op} after ${op} on main.${t} begin update temp.nianbao_changes set n = n + 1; end`)}`.execute(db);
}
