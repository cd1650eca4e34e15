/**
 * An ingest's history checks on PostgreSQL pick prose candidates from a snapshot of the LSH
 * buckets (BucketSnapshot) instead of the server's statement: on the same rows the two must give
 * the same candidates, in the same order, with the same overlap counts — in crowded buckets (more
 * than BUCKET_ROWS rows below and above an agency), for reports without an agency, for rows of one
 * agency, and for bands that are not 0…n−1 — and the snapshot must stop answering once another
 * report is stored.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BucketSnapshot, BUCKET_ROWS, inIndexOrder } from '../../src/dataset/bucket-snapshot.js';
import { candidatesOfGroup } from '../../src/dataset/history.js';
import type { Store } from '../../src/store/db.js';
import { freshPgStore, PG_OK } from '../store/backends.js';

interface BandRow {
  report: number;
  band: number;
  hash: string;
  agency: number;
}

async function replaceBands(store: Store, rows: BandRow[]): Promise<void> {
  await store.db.deleteFrom('prose_bands').execute();
  for (let i = 0; i < rows.length; i += 1000)
    await store.db
      .insertInto('prose_bands')
      .values(rows.slice(i, i + 1000).map((r) => ({ report_id: r.report, band: r.band, hash: r.hash, agency_id: r.agency })))
      .execute();
  await sql`analyze prose_bands`.execute(store.db);
}

/** Reports with 16 bands each; a few shared hash values per band so that buckets crowd. */
function crowded(reports: number, agencies: number, hashes: number, seed: number): BandRow[] {
  let x = seed >>> 0 || 1;
  const next = (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  const rows: BandRow[] = [];
  for (let r = 1; r <= reports; r++) {
    // one report in seven has no agency (0), as prose_bands stores it
    const agency = r % 7 === 0 ? 0 : 1 + next(agencies);
    for (let band = 0; band < 16; band++) rows.push({ report: r, band, hash: `h${next(hashes)}`, agency });
  }
  return rows;
}

describe('a bucket\'s rows in the index\'s order', () => {
  it('leaves rows in order as they are and sorts others by agency, then report', () => {
    const a = Int32Array.of(1, 1, 3);
    const r = Int32Array.of(5, 9, 2);
    inIndexOrder(a, r);
    expect([...a, ...r]).toEqual([1, 1, 3, 5, 9, 2]);
    const b = Int32Array.of(3, 1, 1, 0);
    const s = Int32Array.of(2, 9, 5, 7);
    inIndexOrder(b, s);
    expect([...b]).toEqual([0, 1, 1, 3]);
    expect([...s]).toEqual([7, 5, 9, 2]);
  });
});

describe.skipIf(!PG_OK)('prose candidates from a snapshot of the buckets (PostgreSQL)', () => {
  const pgStore = freshPgStore();

  const same = async (ids: number[]) => {
    const snapshot = await BucketSnapshot.load(pgStore.store);
    expect(snapshot).not.toBeNull();
    const mine = snapshot!.candidates(ids);
    const server = await candidatesOfGroup(pgStore.store, ids);
    expect([...mine.entries()]).toEqual([...server.entries()]);
    return mine;
  };

  it('equals the server statement in crowded buckets, with agency-less reports and one agency\'s many years', async () => {
    await replaceBands(pgStore.store, crowded(400, 12, 3, 7));
    const ids = Array.from({ length: 400 }, (_, i) => i + 1);
    const found = await same(ids);
    // crowded indeed: some bucket holds more than BUCKET_ROWS rows below and above an agency
    const sizes = await sql<{ n: number }>`select count(*)::int as n from prose_bands group by band, hash`.execute(pgStore.store.db);
    expect(Math.max(...sizes.rows.map((r) => r.n))).toBeGreaterThan(4 * BUCKET_ROWS);
    expect([...found.values()].every((c) => c.length === 8)).toBe(true);
    // reports of agency 0 have candidates too
    expect(found.get(7)!.length).toBeGreaterThan(0);
  });

  it('equals the server statement on random bucket shapes (gaps in the bands, repeated rows, reports without bands)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ report: fc.integer({ min: 1, max: 40 }), band: fc.integer({ min: 0, max: 5 }), hash: fc.constantFrom('a', 'b', 'c'), agency: fc.integer({ min: 0, max: 4 }) }), { maxLength: 160 }),
        async (rows) => {
          // prose_bands keeps one agency a report (its report's)
          const agencyOf = new Map<number, number>();
          for (const r of rows) if (!agencyOf.has(r.report)) agencyOf.set(r.report, r.agency);
          await replaceBands(pgStore.store, rows.map((r) => ({ ...r, agency: agencyOf.get(r.report)! })));
          await same(Array.from({ length: 42 }, (_, i) => i + 1));
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  });

  it('stops answering once another report is stored, and is not taken past its row limit', async () => {
    await replaceBands(pgStore.store, crowded(30, 4, 2, 3));
    const snapshot = (await BucketSnapshot.load(pgStore.store))!;
    expect(await snapshot.current(pgStore.store)).toBe(true);
    await pgStore.store.db
      .insertInto('reports')
      .values({ agency_id: null, year: null, template: null, status: 'ok', failure_code: null, failure_message: null, source_name: 'x.txt', content_hash: 'snapshot-test', format: 'txt', title: null, agency_printed: null, level: null, published_at: null, parser_version: 1, consolidated: 0, errors: 0, warnings: 0, history_dirty: 0, history_checked_at: null, ingested_at: new Date().toISOString() } as never)
      .execute();
    expect(await snapshot.current(pgStore.store)).toBe(false);
    // stale stays stale
    expect(await snapshot.current(pgStore.store)).toBe(false);
    expect(await BucketSnapshot.load(pgStore.store, 100)).toBeNull();
  });
});
