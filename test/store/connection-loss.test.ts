/**
 * A PostgreSQL session ended while the store holds it between two statements (the server
 * restarted, an administrator ended it): the process goes on and the next statement fails with
 * the store's own message — it used to end the process through an error event nobody heard
 * ("程序内部出错"), half-way through an ingest.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { isConnectionLoss, storeFailure, StoreError } from '../../src/store/db.js';
import { freshPgStore, PG_OK } from './backends.js';

describe.skipIf(!PG_OK)('a session ended between two statements (PostgreSQL)', () => {
  const pgStore = freshPgStore();

  it('fails the next statement with the pgStore.store\'s message instead of ending the process', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const outcome = await pgStore.store.db
        .transaction()
        .execute(async (trx) => {
          const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid;
          // ended from another session while this one is idle in its transaction
          const admin = new pg.Client({ connectionString: pgStore.target });
          await admin.connect();
          await admin.query('select pg_terminate_backend($1)', [pid]);
          await admin.end();
          await new Promise((r) => setTimeout(r, 300));
          await sql`select 1`.execute(trx);
          return 'went on';
        })
        .catch((e: unknown) => e);
      expect(uncaught).toEqual([]);
      expect(outcome).not.toBe('went on');
      expect(isConnectionLoss(outcome)).toBe(true);
      const failure = storeFailure(pgStore.store, outcome);
      expect(failure).toBeInstanceOf(StoreError);
      expect((failure as StoreError).code).toBe('db-unreachable');
      expect(failure.message).toMatch(/连接中断.*已提交的报告不会丢失/);
      // the pgStore.store goes on with another session
      expect((await sql<{ one: number }>`select 1 as one`.execute(pgStore.store.db)).rows[0].one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('tells a lost connection from other errors', () => {
    expect(isConnectionLoss(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isConnectionLoss(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isConnectionLoss(new TypeError('x is undefined'))).toBe(false);
  });
});
