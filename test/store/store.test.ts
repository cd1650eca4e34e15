import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, resolveTarget, StoreError, type Store } from '../../src/store/db.js';
import { bulkInsert, countRows, findAgency, pgArrayLiteral, resolveAgency, writeReport, writeReports } from '../../src/store/queries.js';
import { BACKENDS, PG_OK } from './backends.js';
import { InlineParser } from '../../src/dataset/pool.js';
import { cellColumns, cellRowsOf, NO_CELLS, type CellRow } from '../../src/store/parsed.js';
import { CLI, SEEDS } from '../helpers/paths.js';

const SEED = path.join(SEEDS, '004_e9b0b4183da4b0c6.txt');

describe.each(BACKENDS)('store on $name', (backend) => {
  let target: string;
  let store: Store;
  beforeAll(async () => {
    target = await backend.create();
    store = await openStore(target);
  });
  afterAll(async () => {
    await store?.close();
    await backend.drop(target);
  });

  it('migrates to the one schema, and again without change', async () => {
    expect(store.backend).toBe(backend.name);
    await store.close();
    store = await openStore(target); // second open: migrations already applied
    expect(await countRows(store.db, 'reports')).toBe(0);
  });

  it('links agencies written differently (洪泽区人民政府 / 淮安市洪泽区人民政府)', async () => {
    const a = await resolveAgency(store.db, '洪泽区人民政府', 'county');
    const b = await resolveAgency(store.db, '淮安市洪泽区人民政府', 'county');
    const c = await resolveAgency(store.db, '淮安市洪泽区人民政府办公室', 'county');
    expect(b).toBe(a);
    expect(c).toBe(a);
    const other = await resolveAgency(store.db, '南京市鼓楼区人民政府', 'county');
    const other2 = await resolveAgency(store.db, '福州市鼓楼区人民政府', 'county');
    expect(other2).not.toBe(other);
    // a department links the same way, and gets the city as parent once the city is known
    const d1 = await resolveAgency(store.db, '洪泽区财政局', 'department');
    const d2 = await resolveAgency(store.db, '淮安市洪泽区财政局', 'department');
    expect(d2).toBe(d1);
    expect((await findAgency(store.db, '淮安市洪泽区'))?.id).toBe(a);
    const city = await resolveAgency(store.db, '淮安市人民政府', 'city');
    const row = await store.db.selectFrom('agencies').select(['parent_id', 'region']).where('id', '=', a).executeTakeFirstOrThrow();
    expect(row.region).toBe('淮安市洪泽区');
    expect(row.parent_id).toBe(city);
  });

  it('writes a report in one transaction, idempotent by content hash; a newer parser version re-extracts', async () => {
    const parsed = await new InlineParser().parse(fs.readFileSync(SEED), SEED);
    const first = await writeReport(store, { source: SEED, hash: 'h1', parsed, parserVersion: 1 });
    expect(first.kind).toBe('added');
    const cells = await countRows(store.db, 'cells');
    expect(cells).toBeGreaterThan(150);
    const again = await writeReport(store, { source: SEED, hash: 'h1', parsed, parserVersion: 1 });
    expect(again.kind).toBe('exists');
    expect(await countRows(store.db, 'reports')).toBe(1);
    expect(await countRows(store.db, 'cells')).toBe(cells);
    const newer = await writeReport(store, { source: SEED, hash: 'h1', parsed, parserVersion: 2 });
    expect(newer).toEqual({ kind: 'reextracted', id: first.id });
    expect(await countRows(store.db, 'reports')).toBe(1);
    expect(await countRows(store.db, 'cells')).toBe(cells);
    const r = await store.db.selectFrom('reports').selectAll().executeTakeFirstOrThrow();
    expect(r.parser_version).toBe(2);
    expect(r.year).toBe(2023);
    const c = await store.db.selectFrom('cells').selectAll().where('key', '=', 't2.punishment.decisions').executeTakeFirstOrThrow();
    expect(c.raw).not.toBeNull();
  });
  it('bulkInsert stores every value exactly as a row-by-row insert does (quotes, backslashes, braces, NULL as text, line breaks, non-finite numbers)', async () => {
    const texts = ['', ' ', 'NULL', 'null', '"', '\\', '\\"', 'a,b', '{x}', '{"a":1}', 'line\nbreak\ttab\r', '引号“”，逗号', 'emoji 🎉', 'end\\', '"quoted"', 'x'.repeat(3000)];
    const values = [0, -0, 1.5, -2.25, 1e21, 123456789.125, Number.NaN, Number.POSITIVE_INFINITY, null];
    // Keys: quotes, backslashes, braces, commas and the word null, but no control character (the JSON-shaped literal); raw: every kind (the quoted loop).
    const rows: unknown[][] = texts.map((t, i) => [1_000_000, `k${String(i).padStart(2, '0')} "q" \\ {b},null`, values[i % values.length], t, i % 3 === 0 ? null : `{"pos":"${t.slice(0, 20)}"}`]);
    const cols = [['report_id', 'int'], ['key', 'text'], ['value', 'float'], ['raw', 'text'], ['provenance', 'text']] as const;
    await bulkInsert(store.db, store.backend, 'cells', cols, rows);
    // The reference: the query builder, one parameterised row at a time (non-finite numbers stored as NULL, as before).
    for (const r of rows)
      await store.db
        .insertInto('cells')
        .values({ report_id: 1_000_001, key: r[1] as string, value: Number.isFinite(r[2]) ? (r[2] as number) : null, raw: r[3] as string, provenance: r[4] as string | null })
        .execute();
    const read = async (id: number) =>
      (await store.db.selectFrom('cells').select(['key', 'value', 'raw', 'provenance']).where('report_id', '=', id).orderBy('key').execute()).map((c) => ({ ...c, value: c.value === null ? null : Number(c.value) }));
    const bulk = await read(1_000_000);
    expect(bulk).toHaveLength(texts.length);
    expect(bulk).toEqual(await read(1_000_001));
    expect(bulk.find((c) => c.key.startsWith('k02'))?.raw).toBe('NULL'); // the word, not a null
    expect(bulk[0].key).toBe('k00 "q" \\ {b},null');
    await store.db.deleteFrom('cells').where('report_id', 'in', [1_000_000, 1_000_001]).execute();
  });

  it('a report\'s cells are stored exactly as read, alone and in a batch (awkward text in any column, blanks, non-finite numbers)', async () => {
    const parsed = await new InlineParser().parse(fs.readFileSync(SEED), SEED);
    const awkward: CellRow[] = [
      ['x.quote', 1, '"1"', '{"pos":{"line":1},"label":"\\"引号\\""}'],
      ['x.backslash', 2.5, 'a\\b', null],
      ['x.newline', null, 'line\nbreak', '{"label":"tab\\there"}'],
      ['x.null-word', -3, 'NULL', 'null'],
      ['x.braces', Number.POSITIVE_INFINITY, '{1,2}', ''],
    ];
    const rows = [...cellRowsOf(parsed.cells).slice(0, 20), ...awkward];
    expect(cellRowsOf(cellColumns(rows))).toEqual(rows.map((r) => [r[0], Number.isFinite(r[1]) || r[1] === null ? r[1] : null, r[2], r[3]]));
    const inputs = [
      { source: 'awk-1.txt', hash: 'awk-1', parsed: { ...parsed, cells: cellColumns(rows) }, parserVersion: 1 },
      { source: 'awk-2.txt', hash: 'awk-2', parsed: { ...parsed, cells: cellColumns(awkward) }, parserVersion: 1 },
      { source: 'awk-3.txt', hash: 'awk-3', parsed: { ...parsed, cells: cellColumns(rows.slice(0, 3)) }, parserVersion: 1 },
    ];
    const alone = await writeReport(store, inputs[0]);
    const batch = await writeReports(store, inputs.slice(1));
    const stored = async (id: number) =>
      (await store.db.selectFrom('cells').select(['key', 'value', 'raw', 'provenance']).where('report_id', '=', id).execute())
        .map((c): CellRow => [c.key, c.value === null ? null : Number(c.value), c.raw, c.provenance])
        .sort((a, b) => a[0].localeCompare(b[0]));
    const expected = (rs: CellRow[]) => cellRowsOf(cellColumns(rs)).sort((a, b) => a[0].localeCompare(b[0]));
    expect(await stored(alone.id)).toEqual(expected(rows));
    expect(await stored(batch[0].id)).toEqual(expected(awkward));
    expect(await stored(batch[1].id)).toEqual(expected(rows.slice(0, 3)));
    expect((await stored(batch[0].id)).find((c) => c[0] === 'x.braces')?.[1]).toBeNull();
  });

  it('writes a batch of reports like one writeReport after another (added, exists, renamed, re-extracted, repeated, failed)', async () => {
    const seeds = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().slice(0, 3);
    const parser = new InlineParser();
    const parsed = await Promise.all(seeds.map(async (f) => parser.parse(fs.readFileSync(path.join(SEEDS, f)), f)));
    const failed = { outcome: { ok: false as const, source: 'bad.pdf', failure: { code: 'corrupt', message: 'x' } }, cells: NO_CELLS, bands: [], consolidated: false };
    // Two fresh stores, one written by the batch, the other report by report: the same rows in both.
    const other = await backend.create();
    const one = await openStore(other);
    const second = await backend.create();
    const batchStore = await openStore(second);
    try {
      const before = [
        { source: 'a.txt', hash: 'b-a', parsed: parsed[0], parserVersion: 1 },
        { source: 'old.txt', hash: 'b-old', parsed: parsed[1], parserVersion: 1 },
      ];
      const batch = [
        { source: 'a.txt', hash: 'b-a', parsed: parsed[0], parserVersion: 1 }, // exists
        { source: 'a-copy.txt', hash: 'b-a', parsed: parsed[0], parserVersion: 1 }, // exists, another name
        { source: 'old.txt', hash: 'b-old', parsed: parsed[1], parserVersion: 2 }, // re-extracted
        { source: 'c.txt', hash: 'b-c', parsed: parsed[2], parserVersion: 1 }, // added
        { source: 'c-again.txt', hash: 'b-c', parsed: parsed[2], parserVersion: 1 }, // same content twice in the batch
        { source: 'bad.pdf', hash: 'b-bad', parsed: failed, parserVersion: 1 }, // a failure, stored as such
        { source: 'b.txt', hash: 'b-b', parsed: parsed[1], parserVersion: 1 }, // added (the agency known)
      ];
      const dumps: unknown[] = [];
      for (const [s, write] of [
        [
          one,
          async (st: Store) => {
            const r = [];
            for (const i of batch) r.push(await writeReport(st, i));
            return r;
          },
        ],
        [batchStore, (st: Store) => writeReports(st, batch)],
      ] as const) {
        for (const i of before) await writeReport(s, i);
        const results = await write(s);
        const ids = new Map<number, string>((await s.db.selectFrom('reports').select(['id', 'content_hash']).execute()).map((r) => [r.id, r.content_hash]));
        const byHash = (id: number) => ids.get(id);
        const rows = async (table: 'cells' | 'sections' | 'findings' | 'prose_bands' | 'report_sources') =>
          ((await s.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[])
            .map(({ id: _id, report_id, ...rest }) => JSON.stringify({ report: byHash(Number(report_id)), ...rest }))
            .sort();
        const reports = ((await s.db.selectFrom('reports').selectAll().execute()) as Record<string, unknown>[])
          .map(({ id: _id, ingested_at: _t, agency_id, ...rest }) => JSON.stringify({ ...rest, agency: agency_id === null ? null : 'some' }))
          .sort();
        dumps.push({
          results: results.map((r) => ({ kind: r.kind, report: byHash(r.id), source: 'source' in r ? r.source : undefined })),
          reports,
          cells: await rows('cells'),
          sections: await rows('sections'),
          findings: await rows('findings'),
          bands: await rows('prose_bands'),
          sources: await rows('report_sources'),
          agencies: (await s.db.selectFrom('agencies').select(['name', 'region', 'level']).execute()).map((a) => JSON.stringify(a)).sort(),
        });
      }
      expect(dumps[1]).toEqual(dumps[0]);
      expect((dumps[0] as { results: { kind: string }[] }).results.map((r) => r.kind)).toEqual(['exists', 'exists', 'reextracted', 'added', 'exists', 'added', 'added']);
    } finally {
      await one.close();
      await batchStore.close();
      await backend.drop(other);
      await backend.drop(second);
    }
  });
});

describe('pgArrayLiteral', () => {
  it('is the JSON of the column with braces when its strings escape only quote and backslash; unquoted null is NULL', () => {
    expect(pgArrayLiteral([[1], [null], [2.5], [Number.NaN], [undefined]], 0)).toBe('{1,null,2.5,null,null}');
    expect(pgArrayLiteral([['a"b'], ['c\\d'], ['NULL'], ['']], 0)).toBe('{"a\\"b","c\\\\d","NULL",""}');
  });
  it('quotes each element itself when a string holds a control character or a lone surrogate (JSON would write \\n, which the array input reads as n)', () => {
    expect(pgArrayLiteral([['x\ny'], ['a"\\'], [null], [3]], 0)).toBe('{"x\ny","a\\"\\\\",NULL,3}');
    expect(pgArrayLiteral([['\ud800'], ['\\n']], 0)).toBe('{"\ud800","\\\\n"}');
  });
});

describe('bad store targets: clear Chinese errors, nothing lost', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bad-'));
  afterAll(() => {
    if (fs.existsSync(path.join(tmp, 'ro'))) fs.chmodSync(path.join(tmp, 'ro'), 0o755);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a corrupt database file is refused and left untouched', async () => {
    const f = path.join(tmp, 'corrupt.sqlite');
    const junk = Buffer.from('这不是数据库'.repeat(500));
    fs.writeFileSync(f, junk);
    const err = await openStore(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('db-corrupt');
    expect((err as Error).message).toMatch(/不是 SQLite 数据库文件|已损坏/);
    expect((err as Error).message).toContain(f);
    expect(fs.readFileSync(f).equals(junk)).toBe(true);
  });

  it('a damaged SQLite file (valid header, garbage pages) is reported as corrupt', async () => {
    const f = path.join(tmp, 'damaged.sqlite');
    const s = await openStore(f);
    await s.close();
    const buf = fs.readFileSync(f);
    buf.fill(0x5a, 100);
    fs.writeFileSync(f, buf);
    for (const ext of ['-wal', '-shm']) fs.rmSync(f + ext, { force: true });
    const err = await openStore(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('db-corrupt');
  });

  it('a read-only database path is refused (file and folder); the data is untouched', async () => {
    const dir = path.join(tmp, 'ro');
    fs.mkdirSync(dir);
    fs.chmodSync(tmp, 0o755);
    const f = path.join(dir, 'kept.sqlite');
    const s = await openStore(f);
    await s.close();
    for (const ext of ['-wal', '-shm']) fs.rmSync(f + ext, { force: true });
    const before = fs.readFileSync(f);
    fs.chmodSync(f, 0o444);
    fs.chmodSync(dir, 0o555);
    if (process.getuid?.() === 0) {
      // root ignores permissions: run the CLI as an unprivileged user instead.
      // summary on the existing file; ingest (the one command that creates a dataset) on a new one.
      for (const args of [['summary', '--db', f], ['ingest', path.join(tmp, 'nothing.txt'), '--db', path.join(dir, 'new.sqlite')]]) {
        const r = spawnSync(process.execPath, [...CLI, ...args], { uid: 65534, gid: 65534, encoding: 'utf8', env: { ...process.env, HOME: '/tmp' } });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/只读|没有写权限/);
        expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
      }
    } else {
      const e1 = await openStore(f).catch((e: unknown) => e);
      expect((e1 as StoreError).code).toBe('db-readonly');
      expect((e1 as Error).message).toMatch(/只读/);
      const e2 = await openStore(path.join(dir, 'new.sqlite')).catch((e: unknown) => e);
      expect((e2 as StoreError).code).toBe('db-readonly');
    }
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });

  it('a read-only file system location (/proc) is refused', async () => {
    const err = await openStore('/proc/self/nianbao.sqlite').catch((e: unknown) => e);
    expect((err as StoreError).code).toBe('db-readonly');
  });

  it('a missing folder and a folder given as the file', async () => {
    expect(((await openStore(path.join(tmp, 'nope', 'x.sqlite')).catch((e: unknown) => e)) as StoreError).code).toBe('db-dir-missing');
    expect(((await openStore(tmp).catch((e: unknown) => e)) as StoreError).code).toBe('db-is-directory');
  });

  it('an unreachable PostgreSQL URL', async () => {
    const err = await openStore('postgres://postgres@127.0.0.1:1/nianbao').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('db-unreachable');
    expect((err as Error).message).toMatch(/无法连接 PostgreSQL.*127\.0\.0\.1:1/);
    expect((err as Error).message).toMatch(/请确认/);
  });

  it.skipIf(!PG_OK)('a PostgreSQL database that does not exist; the password is masked', async () => {
    const err = await openStore('postgres://postgres:secret@127.0.0.1:5432/nianbao_no_such_db').catch((e: unknown) => e);
    expect((err as StoreError).code).toBe('db-missing');
    expect((err as Error).message).toContain('createdb');
    expect((err as Error).message).not.toContain('secret');
  });

  it('target: option, then NIANBAO_DB, then ./nianbao.sqlite', () => {
    const old = process.env.NIANBAO_DB;
    delete process.env.NIANBAO_DB;
    expect(resolveTarget()).toBe(path.resolve('nianbao.sqlite'));
    process.env.NIANBAO_DB = 'postgres://x@h/db';
    expect(resolveTarget()).toBe('postgres://x@h/db');
    expect(resolveTarget('a.sqlite')).toBe(path.resolve('a.sqlite'));
    if (old === undefined) delete process.env.NIANBAO_DB;
    else process.env.NIANBAO_DB = old;
  });
});
