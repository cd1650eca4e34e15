/**
 * Which reports a run checks again. A new report makes the reports its prose resembles check
 * themselves again — but not those the same run checked after it was stored (they already saw
 * it): one ingest of copies checks each report once, a later ingest re-checks the earlier
 * copies, and either way the findings equal a check of everything from scratch.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHistory } from '../../src/dataset/history.js';
import { InlineParser } from '../../src/dataset/pool.js';
import { ingest } from '../../src/dataset/ingest.js';
import { openStore, type Store } from '../../src/store/db.js';
import { SEEDS } from '../helpers/paths.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-recheck-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The first seed under town names 0…n-1 (same prose, other agencies), into `to`. */
function copies(to: string, from: number, n: number): void {
  fs.mkdirSync(to, { recursive: true });
  const f = fs.readdirSync(SEEDS).filter((x) => x.endsWith('.txt')).sort()[0];
  const text = fs.readFileSync(path.join(SEEDS, f), 'utf8');
  const town = /([\u4e00-\u9fff]{2,3}镇)/.exec(text)![1];
  for (let i = from; i < from + n; i++) fs.writeFileSync(path.join(to, `copy-${i}.txt`), text.replaceAll(town, `${'甲乙丙丁戊己庚辛'[i]}${town}`));
}

async function historyFindings(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('findings').select(['report_id', 'rule', 'message']).where('origin', '=', 'history').execute();
  return rows.map((r) => `${r.report_id} ${r.rule} ${r.message}`).sort();
}

describe('history re-checks', () => {
  it('one run checks each report once; a later run re-checks the copies it resembles; both equal a check from scratch', async () => {
    const store = await openStore(path.join(dir, 'x.sqlite'));
    try {
      copies(path.join(dir, 'a'), 0, 5);
      const first = await ingest(store, [path.join(dir, 'a')], { parser: new InlineParser() });
      expect(first.added).toBe(5);
      expect(first.historyChecked).toBe(5);
      const afterFirst = await historyFindings(store);
      expect(afterFirst.filter((f) => f.includes('copied-report')).length).toBe(5);

      copies(path.join(dir, 'b'), 5, 1);
      const second = await ingest(store, [path.join(dir, 'b')], { parser: new InlineParser() });
      expect(second.added).toBe(1);
      // the new copy, and the earlier copies it resembles
      expect(second.historyChecked).toBe(6);
      const incremental = await historyFindings(store);

      await store.db.updateTable('reports').set({ history_dirty: 1, history_checked_at: null }).execute();
      expect(await runHistory(store)).toBe(6);
      expect(await historyFindings(store)).toEqual(incremental);
      expect(await store.db.selectFrom('reports').select('id').where('history_dirty', '=', 1).execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
