/**
 * History checks computed in child processes (a large run) write the same findings as checks
 * computed in this process; a child that cannot do its group hands it back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReports } from '../../src/dataset/generate.js';
import { HistoryPool } from '../../src/dataset/history-pool.js';
import { runHistory } from '../../src/dataset/history.js';
import { InlineParser } from '../../src/dataset/pool.js';
import { ingest } from '../../src/dataset/ingest.js';
import { openStore, type Store } from '../../src/store/db.js';
import { PG_OK, postgresBackend } from '../store/backends.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-hpool-'));
beforeAll(() => {
  generateReports(path.join(dir, 'in'), 480, undefined, { distinct: true });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function historyFindings(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('findings').select(['report_id', 'rule', 'message']).where('origin', '=', 'history').execute();
  return rows.map((r) => `${r.report_id} ${r.rule} ${r.message}`).sort();
}

async function sameInBothWays(target: string): Promise<void> {
  const store = await openStore(target);
  try {
    await ingest(store, [path.join(dir, 'in')], { parser: new InlineParser(), history: false });
    expect(await runHistory(store, undefined, { processes: 1 })).toBe(480);
    const here = await historyFindings(store);
    expect(here.filter((f) => /copied-report|carry-over|valid-docs/.test(f)).length).toBeGreaterThan(100);
    await store.db.updateTable('reports').set({ history_dirty: 1, history_checked_at: null }).execute();
    await store.db.deleteFrom('findings').where('origin', '=', 'history').execute();
    expect(await runHistory(store, undefined, { processes: 2 })).toBe(480);
    expect(await historyFindings(store)).toEqual(here);
    expect(await store.db.selectFrom('reports').select('id').where('history_dirty', '=', 1).execute()).toEqual([]);
  } finally {
    await store.close();
  }
}

describe('history in child processes', () => {
  it('SQLite: the same findings as in this process', async () => {
    await sameInBothWays(path.join(dir, 'a.sqlite'));
  }, 120_000);

  it.skipIf(!PG_OK)('PostgreSQL: the same findings as in this process', async () => {
    const target = await postgresBackend.create();
    try {
      await sameInBothWays(target);
    } finally {
      await postgresBackend.drop(target);
    }
  }, 120_000);

  it('a child that cannot open the store hands the group back as an error', async () => {
    const pool = new HistoryPool(path.join(dir, 'missing', 'x.sqlite'), 1);
    try {
      await expect(pool.compute([{ id: 1, firstTime: true }])).rejects.toThrow(/不存在|exist/);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
