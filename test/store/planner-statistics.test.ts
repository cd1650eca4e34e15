/**
 * PostgreSQL's planner statistics follow the store as it grows during an ingest (autovacuum may be
 * off): a pass when the store has doubled since the last, on its own connection, awaited by settled().
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openStore, PlannerStatistics } from '../../src/store/db.js';
import { PG_OK, postgresBackend } from './backends.js';

describe.skipIf(!PG_OK)('planner statistics on PostgreSQL', () => {
  it('analyses once the store has doubled, not before; settled() waits for the pass', async () => {
    const target = await postgresBackend.create();
    const store = await openStore(target);
    try {
      const lastAnalyze = async () =>
        (await sql<{ n: number }>`select count(last_analyze)::int as n from pg_stat_user_tables where relname in ('reports', 'cells', 'prose_bands')`.execute(store.db)).rows[0].n;
      const stats = new PlannerStatistics(store);
      await stats.grown(100); // below the first threshold (256)
      await stats.settled();
      expect(await lastAnalyze()).toBe(0);
      // some rows, so that the pass has something to take statistics of
      await store.db.insertInto('cells').values([1, 2, 3].map((i) => ({ report_id: i, key: `k${i}`, value: i, raw: String(i), provenance: '{"pos":1}' }))).execute();
      await store.db.insertInto('sections').values([1, 2].map((i) => ({ report_id: i, key: 'overview', title: '一', numbering: '一', ord: 0, text: '正文'.repeat(i) }))).execute();
      await stats.grown(300);
      await stats.settled();
      // the server publishes its activity statistics shortly after a transaction ends
      for (let i = 0; i < 30 && (await lastAnalyze()) < 3; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await lastAnalyze()).toBe(3);
      // the columns queries filter by have statistics; the long texts none (not worth their cost)
      const columns = (await sql<{ c: string }>`select tablename || '.' || attname as c from pg_stats where tablename in ('cells', 'sections') order by 1`.execute(store.db)).rows.map((r) => r.c);
      expect(columns).toEqual(['cells.key', 'cells.report_id', 'cells.value', 'sections.key', 'sections.report_id']);
      expect(columns).not.toContain('cells.provenance');
      expect(columns).not.toContain('sections.text');
      // statistics of 300 reports: the next pass at 600
      const before = (await sql<{ t: string }>`select max(last_analyze)::text as t from pg_stat_user_tables where relname = 'reports'`.execute(store.db)).rows[0].t;
      await stats.grown(500);
      await stats.settled();
      expect((await sql<{ t: string }>`select max(last_analyze)::text as t from pg_stat_user_tables where relname = 'reports'`.execute(store.db)).rows[0].t).toBe(before);
    } finally {
      await store.close();
      await postgresBackend.drop(target);
    }
  }, 60_000);
});
