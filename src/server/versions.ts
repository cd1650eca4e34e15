/**
 * When the dataset last changed, cheaply enough to ask on every request: the server's caches (sessions,
 * the report list index, report details) keep what they hold only while this answer stays the same.
 *
 * SQLite: one statement gives `total_changes()` (rows this connection has written, whoever wrote them
 * through it — uploads, corrections, the history checks, `serve --import`) and `data_version` (moves
 * when another connection or process commits, e.g. `nianbao ingest` into the same file). Both are exact.
 * Kysely's SQLite driver runs one statement at a time on its one connection and holds it for the whole
 * of a transaction, so a reader never sees a changed count before the rows it counts are committed.
 *
 * PostgreSQL: the server's own writes are counted as they pass through Kysely (a plugin on the store's
 * query builder); writes by other processes are noticed within a second (the answer also changes each
 * second), as no cheap exact signal exists there that is not also moved by other databases on the cluster.
 */
import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import type { Store } from '../store/db.js';

export interface DataVersion {
  /** A value that differs whenever anything stored may have changed since it was last different. */
  current(): Promise<string>;
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
    const q = sql<{ t: number; d: number }>`select total_changes() as t, (select data_version from pragma_data_version) as d`;
    v = {
      async current() {
        const r = (await q.execute(db)).rows[0];
        return `${r.d}:${r.t}`;
      },
      writes: (version) => version,
    };
  } else {
    const counter = new WriteCounter();
    // Every later use of this store (the server's routes, uploads, history checks) goes through the counter.
    store.db = store.db.withPlugin(counter);
    v = {
      async current() {
        return `${counter.count}@${Math.floor(Date.now() / 1000)}`;
      },
      writes: (version) => version.split('@')[0],
    };
  }
  versions.set(store, v);
  return v;
}
