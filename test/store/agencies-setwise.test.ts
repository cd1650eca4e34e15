import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';
import { writeReport, writeReports, type ReportInput } from '../../src/store/queries.js';
import { InlineParser } from '../../src/dataset/pool.js';
import type { ParsedFile } from '../../src/store/parsed.js';
import { BACKENDS } from './backends.js';
import { SEEDS } from '../helpers/paths.js';

/** A parsed seed report re-labelled as another agency's. */
function as(parsed: ParsedFile, agency: string, level: string | null): ParsedFile {
  if (!parsed.outcome.ok) throw new Error('seed not read');
  return { ...parsed, outcome: { ...parsed.outcome, meta: { ...parsed.outcome.meta, agency, level: level as never } } };
}

describe.each(BACKENDS)('agencies of a batch on $name', (backend) => {
  it('are resolved as by one writeReport after another: same ids, regions learned, parents linked both ways, aliases', async () => {
    const seed = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()[0];
    const parsed = await new InlineParser().parse(fs.readFileSync(path.join(SEEDS, seed)), seed);
    const before = ['洪泽区人民政府', '南京市鼓楼区人民政府', '洪泽区财政局', '清江浦区人民政府'];
    const batch = [
      '淮安市洪泽区人民政府', // a longer spelling of a stored agency: its region grows, its parent is not known yet
      '淮安市洪泽区财政局',
      '淮安市人民政府', // new: the stored agencies naming it as their parent are linked to it
      '福州市鼓楼区人民政府', // shares a leaf with a stored agency of another city
      '淮安市洪泽区人民政府办公室', // another alias of the same agency
      '江苏省人民政府',
      '江苏省淮安市人民政府', // the new city learns its province
      '淮安市洪泽区老子山镇人民政府', // new, its parent created earlier in the batch
      '洪泽区人民政府', // an alias already stored
      '老子山镇人民政府',
      '淮安市清江浦区人民政府',
      '某某单位', // no region at all
      '某某单位', // twice in one batch
    ];
    const level = (n: string) => (/省/.test(n) ? 'province' : /市人民政府$/.test(n) ? 'city' : /局$/.test(n) ? 'department' : 'county');
    const input = (name: string, i: number, tag: string): ReportInput => ({ source: `${tag}${i}.txt`, hash: `${tag}${i}`, parsed: as(parsed, name, level(name)), parserVersion: 1 });
    const dumps: unknown[] = [];
    for (const setwise of [false, true]) {
      const target = await backend.create();
      const store: Store = await openStore(target);
      try {
        for (const [i, n] of before.entries()) await writeReport(store, input(n, i, 'before'));
        const inputs = batch.map((n, i) => input(n, i, 'batch'));
        if (setwise) await writeReports(store, inputs);
        else for (const i of inputs) await writeReport(store, i);
        dumps.push({
          agencies: await store.db.selectFrom('agencies').select(['id', 'name', 'norm_name', 'leaf', 'region', 'level', 'parent_norm', 'parent_id']).orderBy('id').execute(),
          aliases: await store.db.selectFrom('agency_aliases').selectAll().orderBy('alias').execute(),
          reports: await store.db.selectFrom('reports').select(['content_hash', 'agency_id']).orderBy('content_hash').execute(),
        });
      } finally {
        await store.close();
        await backend.drop(target);
      }
    }
    expect(dumps[1]).toEqual(dumps[0]);
    const agencies = (dumps[0] as { agencies: { id: number; name: string; region: string; parent_id: number | null }[] }).agencies;
    const byName = (n: string) => agencies.find((a) => a.name === n)!;
    expect(byName('洪泽区人民政府').region).toBe('江苏省淮安市洪泽区'.slice(3)); // 淮安市洪泽区
    expect(byName('洪泽区人民政府').parent_id).toBe(byName('淮安市人民政府').id);
  });
});
