/**
 * History checks look up what they need for a whole group of reports at once. On PostgreSQL the
 * prose candidates come from one LATERAL query for the group, which must equal the per-report
 * queries SQLite runs, on the same data; the previous years of a group (both backends) must be
 * what reportOf picks for each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidatesOfGroup, reportsOf, ViewCache } from '../../src/dataset/history.js';
import { InlineParser } from '../../src/dataset/pool.js';
import { ingest } from '../../src/dataset/ingest.js';
import { openStore, type Store } from '../../src/store/db.js';
import { loadReports, reportOf } from '../../src/store/queries.js';
import { PROSE_SECTIONS } from '../../src/core/similarity.js';
import { HISTORY_READS } from '../../src/check/history/index.js';
import { SEEDS } from '../helpers/paths.js';
import { PG_OK, postgresBackend } from '../store/backends.js';

/** Each seed under several town names (same prose, other agencies), and each copy a year earlier too. */
function corpus(dir: string): void {
  for (const f of fs.readdirSync(SEEDS).filter((x) => x.endsWith('.txt')).sort()) {
    const text = fs.readFileSync(path.join(SEEDS, f), 'utf8');
    const town = /([\u4e00-\u9fff]{2,3}镇)/.exec(text)?.[1];
    if (!town) continue;
    for (let i = 0; i < 6; i++) {
      const t = text.replaceAll(town, `${'甲乙丙丁戊己'[i]}${town}`);
      fs.writeFileSync(path.join(dir, `${f}-${i}.txt`), t);
      fs.writeFileSync(path.join(dir, `${f}-${i}-prev.txt`), t.replaceAll('2023', '2022').replaceAll('2022年结转', '2021年结转') + `\n（上一年度副本 ${i}）`);
    }
    // One agency-year in two files (a crawl's copies): one with a table row less, one identical but for a line.
    const lines = text.split('\n');
    const lastRow = lines.reduce((last, l, i) => (/\d+(\s+\d+){3,}\s*$/.test(l) ? i : last), -1);
    if (lastRow >= 0) fs.writeFileSync(path.join(dir, `${f}-again-short.txt`), [...lines.slice(0, lastRow), ...lines.slice(lastRow + 1)].join('\n'));
    fs.writeFileSync(path.join(dir, `${f}-again-same.txt`), `${text}\n（网站转载）`);
  }
}

describe.skipIf(!PG_OK)('set-wise history lookups on PostgreSQL', () => {
  let target: string;
  let store: Store;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-setwise-'));
  beforeAll(async () => {
    corpus(dir);
    target = await postgresBackend.create();
    store = await openStore(target);
    await ingest(store, [dir], { parser: new InlineParser() });
  });
  afterAll(async () => {
    await store?.close();
    await postgresBackend.drop(target);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prose candidates: one statement for the group (buckets, leads and their overlap counted by the server) equals the per-report queries', async () => {
    const ids = (await store.db.selectFrom('reports').select('id').where('status', '=', 'ok').orderBy('id').execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(40);
    const perReport = { ...store, backend: 'sqlite' as const }; // the per-report path, run on the same PostgreSQL data
    const a = await candidatesOfGroup(store, ids);
    const b = await candidatesOfGroup(perReport, ids);
    expect([...a.entries()]).toEqual([...b.entries()]);
    // the copies of one seed under other town names are each other's candidates
    expect([...a.values()].filter((c) => c.length > 0).length).toBeGreaterThan(ids.length / 2);
  });

  it('previous years: the set-wise lookup equals reportOf per (agency, year)', async () => {
    const rows = await store.db.selectFrom('reports').select(['agency_id', 'year']).where('status', '=', 'ok').execute();
    const keys = rows.flatMap((r) => (r.agency_id !== null && r.year !== null ? [{ agencyId: r.agency_id, year: r.year - 1 }, { agencyId: r.agency_id, year: r.year }] : []));
    const a = await reportsOf(store, keys);
    const b = new Map<string, number>();
    for (const k of keys) {
      const id = await reportOf(store.db, k.agencyId, k.year);
      if (id !== undefined) b.set(`${k.agencyId}:${k.year}`, id);
    }
    expect(a.size).toBeGreaterThan(10);
    // some agency-years have several files to choose from
    const perKey = new Map<string, number>();
    for (const r of rows) perKey.set(`${r.agency_id}:${r.year}`, (perKey.get(`${r.agency_id}:${r.year}`) ?? 0) + 1);
    expect([...perKey.values()].some((n) => n >= 2)).toBe(true);
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
  });

  it('the run\'s view cache gives what a load gives: prose-only views never stand in for whole ones, and it stays bounded', async () => {
    const ids = (await store.db.selectFrom('reports').select('id').where('status', '=', 'ok').orderBy('id').execute()).map((r) => r.id);
    const cache = new ViewCache(10);
    const prose = await cache.load(store, ids.slice(0, 8), false);
    expect([...prose.entries()]).toEqual([...(await loadReports(store.db, ids.slice(0, 8), PROSE_SECTIONS, false)).entries()]);
    expect(cache.get(ids[0], true)).toBeUndefined();
    expect(cache.get(ids[0], false)).toBe(prose.get(ids[0]));
    const full = await cache.load(store, ids.slice(0, 12), true);
    // A whole view holds what the history rules read: the server's key filter gives exactly those cells of a complete load.
    const complete = await loadReports(store.db, ids.slice(0, 12));
    const only = (o: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
    expect([...full.entries()]).toEqual([...complete.entries()].map(([id, v]) => [id, { ...v, cells: only(v.cells, HISTORY_READS.cells), sections: only(v.sections, HISTORY_READS.sections) }]));
    expect(Object.keys(full.get(ids[0])!.cells).length).toBeGreaterThan(20);
    expect(Object.keys(complete.get(ids[0])!.cells).length).toBeGreaterThan(100);
    // bounded: the oldest went, the newest stay
    expect(cache.get(ids[11], true)).toBe(full.get(ids[11]));
    expect(cache.get(ids[0], false)).toBeUndefined();
  });

  it('copied-report findings come out of the ingest, and no report is left for the history checks', async () => {
    const copied = await store.db.selectFrom('findings').select('report_id').where('rule', '=', 'copied-report').where('origin', '=', 'history').execute();
    expect(new Set(copied.map((c) => c.report_id)).size).toBeGreaterThan(10);
    const dirty = await store.db.selectFrom('reports').select('id').where('history_dirty', '=', 1).execute();
    expect(dirty).toEqual([]);
  });
});
