import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReports } from '../../src/dataset/generate.js';
import { enqueue } from '../../src/dataset/queue.js';
import { openStore, type Store } from '../../src/store/db.js';
import { countRows } from '../../src/store/queries.js';
import { PG_OK, postgresBackend, sqliteBackend } from '../store/backends.js';

import { CLI } from '../helpers/paths.js';

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe.skipIf(!PG_OK)('scale-out: two `ingest --worker` processes share a pg-boss queue', () => {
  let target: string;
  let store: Store;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-queue-'));
  beforeAll(async () => {
    target = await postgresBackend.create();
    store = await openStore(target);
  });
  afterAll(async () => {
    await store?.close();
    await postgresBackend.drop(target);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('each file is processed once', async () => {
    generateReports(dir, 80);
    const q = await enqueue(store, [dir]);
    expect(q.queued).toBe(80);
    // enqueueing again while the jobs wait adds nothing (same content hash)
    const q2 = await enqueue(store, [dir]);
    expect(q2.queued).toBe(0);
    const [a, b] = await Promise.all([run(['ingest', '--worker', '--until-empty', '--json', '-q', '--jobs', '1', '--db', target]), run(['ingest', '--worker', '--until-empty', '--json', '-q', '--jobs', '1', '--db', target])]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    const sa = JSON.parse(a.out.trim().split('\n').at(-1)!);
    const sb = JSON.parse(b.out.trim().split('\n').at(-1)!);
    expect(sa.added + sb.added).toBe(80);
    expect(sa.added).toBeGreaterThan(0);
    expect(sb.added).toBeGreaterThan(0);
    expect(await countRows(store.db, 'reports')).toBe(80);
    const perSource = await store.db.selectFrom('reports').select('source_name').distinct().execute();
    expect(perSource.length).toBe(80);
    const dirty = await store.db.selectFrom('reports').select('id').where('history_dirty', '=', 1).execute();
    expect(dirty).toHaveLength(0);
    // a second round of enqueue finds everything stored
    expect((await enqueue(store, [dir])).queued).toBe(0);
  });

  it('the queue needs PostgreSQL: a SQLite store gets a clear message', async () => {
    const f = await sqliteBackend.create();
    const r = await run(['ingest', '--worker', '--until-empty', '--db', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/任务队列.*需要 PostgreSQL/);
    await sqliteBackend.drop(f);
  });
});
