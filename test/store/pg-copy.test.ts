import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';
import { CopyData } from '../../src/store/pg-copy.js';
import { copyRowsOf } from '../../src/store/pg-binary.js';
import { PG_OK, postgresBackend } from './backends.js';

describe.skipIf(!PG_OK)('COPY … FROM STDIN through the store (PostgreSQL)', () => {
  let target = '';
  let store: Store;
  beforeAll(async () => {
    target = await postgresBackend.create();
    store = await openStore(target);
    await store.db.executeQuery(CompiledQuery.raw('create table t (id int4 not null, s text, x float8, primary key (id))'));
  });
  afterAll(async () => {
    await store?.close();
    await postgresBackend.drop(target);
  });

  const copy = (parts: Uint8Array[]) => store.db.executeQuery(CompiledQuery.raw('copy t (id, s, x) from stdin (format binary)', [new CopyData(parts)]));

  it('inserts the rows of its parts in order, in the transaction it runs in; a bad row fails the statement and the connection goes on', async () => {
    const a = copyRowsOf(['int', 'text', 'float'], [[1, '中文', 1.5], [2, null, null]]).copy;
    const b = copyRowsOf(['int', 'text', 'float'], [[3, 'x\ty', -0]]).copy;
    await copy([a, new Uint8Array(0), b]);
    const rows = (await store.db.executeQuery<{ id: number; s: string | null; x: number | null }>(CompiledQuery.raw('select id, s, x from t order by id'))).rows;
    expect(rows).toEqual([
      { id: 1, s: '中文', x: 1.5 },
      { id: 2, s: null, x: null },
      { id: 3, s: 'x\ty', x: 0 },
    ]);
    // A duplicate key: the COPY fails as a whole (rows before it are not kept), in a rolled-back transaction.
    await expect(
      store.db.transaction().execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw('copy t (id, s, x) from stdin (format binary)', [new CopyData([copyRowsOf(['int', 'text', 'float'], [[4, 'a', 1], [1, 'dup', 2]]).copy])]));
      }),
    ).rejects.toThrow(/duplicate key/);
    // Rows of the wrong shape.
    await expect(copy([copyRowsOf(['int', 'text'], [[5, 'short']]).copy])).rejects.toThrow();
    const n = (await store.db.executeQuery<{ n: number }>(CompiledQuery.raw('select count(*)::int as n from t'))).rows[0].n;
    expect(n).toBe(3);
  });
});
