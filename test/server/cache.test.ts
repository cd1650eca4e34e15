/**
 * The server keeps sessions, the report list and report details while the dataset is unchanged
 * (src/server/versions.ts): every kind of change must show at once — the server's own writes,
 * another process writing the same SQLite file (as `nianbao ingest` does), a revoked session, a
 * changed scope — and the in-memory list must answer as the SQL it replaced did.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/dataset/ingest.js';
import { openStore } from '../../src/store/db.js';
import { ROOT } from '../helpers/paths.js';
import { dataVersion } from '../../src/server/versions.js';
import { makeBench, multipart, PASSWORD, type Bench } from './harness.js';

const SAMPLES = path.join(ROOT, 'samples');

let bench: Bench;
const s: Record<string, { cookie: string; csrf: string }> = {};

async function login(username: string) {
  const r = await bench.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: PASSWORD } });
  expect(r.statusCode).toBe(200);
  s[username] = { cookie: String(r.headers['set-cookie']).split(';')[0], csrf: r.json().csrf };
}

function as(user: string, method: string, url: string, payload?: object) {
  const headers: Record<string, string> = { cookie: s[user].cookie };
  if (method !== 'GET') headers['x-csrf-token'] = s[user].csrf;
  return bench.app.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  bench = await makeBench();
  for (const u of ['admin', 'fangshan', 'fangxian']) await login(u);
  const m = multipart(['000_2790cd25742a97b3.txt', '003_397039d31f300f54.txt'].map((f) => ({ name: f, bytes: fs.readFileSync(path.join(SAMPLES, f)) })));
  const up = await bench.app.inject({ method: 'POST', url: '/api/reports', payload: m.payload, headers: { ...m.headers, cookie: s.admin.cookie, 'x-csrf-token': s.admin.csrf } });
  expect(up.json().added).toBe(2);
}, 120_000);

afterAll(async () => {
  await bench?.close();
});

describe('cached reads follow every change', () => {
  it('reports written by another process into the same file appear in the list at once', async () => {
    expect((await as('admin', 'GET', '/api/reports')).json().total).toBe(2);
    const dir = fs.mkdtempSync(path.join(bench.dir, 'in-'));
    fs.copyFileSync(path.join(SAMPLES, '001_5f25c15575702d27.txt'), path.join(dir, 'a.txt'));
    const other = await openStore(path.join(bench.dir, 'wb.sqlite'));
    try {
      await ingest(other, [dir], { jobs: 1 });
    } finally {
      await other.close();
    }
    const list = (await as('admin', 'GET', '/api/reports')).json();
    expect(list.total).toBe(3);
    expect((await as('admin', 'GET', `/api/reports/${list.items[0].id}`)).statusCode).toBe(200);
  });

  it('a correction shows in the next read of the detail and the list counts', async () => {
    const list = (await as('fangshan', 'GET', '/api/reports')).json();
    const id = list.items[0].id;
    const before = (await as('fangshan', 'GET', `/api/reports/${id}`)).json();
    const key = 't3.newReceived.total';
    const r = await as('fangshan', 'POST', `/api/reports/${id}/corrections`, { key, value: 12345, comment: '测试缓存' });
    expect(r.statusCode).toBe(200);
    expect(r.json().cells[key]).toBe(12345);
    const after = (await as('fangshan', 'GET', `/api/reports/${id}`)).json();
    expect(after.cells[key]).toBe(12345);
    expect(after.corrections).toHaveLength(before.corrections.length + 1);
    const row = (await as('fangshan', 'GET', '/api/reports')).json().items.find((i: { id: number }) => i.id === id);
    expect([row.errors, row.warnings]).toEqual([after.errors, after.warnings]);
  });

  it('a logout ends the session at once; a moved reviewer sees the new scope at once', async () => {
    await login('fangxian');
    const old = s.fangxian;
    expect((await as('fangxian', 'GET', '/api/reports')).statusCode).toBe(200);
    expect((await as('fangxian', 'DELETE', '/api/session')).statusCode).toBe(200);
    expect((await bench.app.inject({ method: 'GET', url: '/api/reports', headers: { cookie: old.cookie } })).statusCode).toBe(401);

    await login('fangxian');
    const beigong = (await as('admin', 'GET', '/api/reports?q=北宫镇')).json().items[0].id;
    expect((await as('fangxian', 'GET', `/api/reports/${beigong}`)).statusCode).toBe(403);
    const ids = async () => (await as('fangxian', 'GET', '/api/reports')).json().items.map((i: { id: number }) => i.id);
    expect(await ids()).not.toContain(beigong);
    // The admin moves 房县's reviewer to 房山区: their sessions end, a new login sees 房山区.
    const users = (await as('admin', 'GET', '/api/users')).json() as { id: number; username: string }[];
    const id = users.find((u) => u.username === 'fangxian')!.id;
    expect((await as('admin', 'PATCH', `/api/users/${id}`, { regionId: bench.ids.fangshan })).statusCode).toBe(200);
    expect((await as('fangxian', 'GET', '/api/reports')).statusCode).toBe(401);
    await login('fangxian');
    expect((await as('fangxian', 'GET', `/api/reports/${beigong}`)).statusCode).toBe(200);
    expect(await ids()).toContain(beigong);
  });

  it('a login or logout moves only the version sessions follow; a review moves the one reports follow', async () => {
    const v = dataVersion(bench.store);
    const a = await v.current();
    await login('fangshan');
    const b = await v.current();
    expect(b.data).toBe(a.data);
    expect(b.any).not.toBe(a.any);
    const id = (await as('fangshan', 'GET', '/api/reports')).json().items[0].id;
    const d = (await as('fangshan', 'GET', `/api/reports/${id}`)).json();
    expect((await as('fangshan', 'POST', `/api/reports/${id}/reviews`, { findingKey: d.findings[0].key, status: 'confirmed' })).statusCode).toBe(200);
    expect((await v.current()).data).not.toBe(b.data);
    const again = (await as('fangshan', 'GET', `/api/reports/${id}`)).json();
    expect(again.findings[0].review.status).toBe('confirmed');
  });

  it('search: a substring of either name, Latin letters in any case, % and _ taken literally', async () => {
    const all = (await as('admin', 'GET', '/api/reports')).json();
    expect((await as('admin', 'GET', `/api/reports?q=${encodeURIComponent('宫')}`)).json().total).toBe(1);
    expect((await as('admin', 'GET', `/api/reports?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
    expect((await as('admin', 'GET', `/api/reports?q=${encodeURIComponent('_')}`)).json().total).toBe(0);
    expect((await as('admin', 'GET', `/api/reports?q=${encodeURIComponent(' ')}`)).json().total).toBe(all.total);
    // Pages of the same query never overlap and cover the total, in either direction.
    for (const order of ['asc', 'desc']) {
      const seen: number[] = [];
      for (let p = 1; p <= 3; p++) seen.push(...(await as('admin', 'GET', `/api/reports?pageSize=1&page=${p}&sort=errors&order=${order}`)).json().items.map((i: { id: number }) => i.id));
      expect(new Set(seen).size).toBe(all.total);
    }
  });
});
