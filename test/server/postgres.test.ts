/** The workbench on PostgreSQL: migrations, upload with its source (bytea), list, scope, correction. */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { makeBench, multipart, PASSWORD, type Bench } from './harness.js';

const ADMIN_URL = process.env.NIANBAO_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `nianbao_web_${process.pid}`;

async function reachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const up = await reachable();
if (!up && process.env.CI) throw new Error(`PostgreSQL 不可用：${ADMIN_URL}`);

describe.skipIf(!up)('workbench on PostgreSQL', () => {
  let bench: Bench;
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${NAME} with (force)`);
    await admin.query(`create database ${NAME}`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${NAME}`;
    bench = await makeBench({ target: u.toString() });
  }, 120_000);
  afterAll(async () => {
    await bench?.close();
    await admin.query(`drop database if exists ${NAME} with (force)`).catch(() => undefined);
    await admin.end();
  });

  it('uploads, lists within scope, shows the source and re-checks after a correction', async () => {
    const login = async (username: string) => {
      const r = await bench.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: PASSWORD } });
      return { cookie: String(r.headers['set-cookie']).split(';')[0], csrf: r.json().csrf as string };
    };
    const a = await login('admin');
    const m = multipart(['000_2790cd25742a97b3.txt', '003_397039d31f300f54.txt'].map((f) => ({ name: f, bytes: fs.readFileSync(path.join(ROOT, 'samples', f)) })));
    const up = await bench.app.inject({ method: 'POST', url: '/api/reports', payload: m.payload, headers: { ...m.headers, cookie: a.cookie, 'x-csrf-token': a.csrf } });
    expect(up.json().added).toBe(2);
    const r = await login('fangshan');
    const list = (await bench.app.inject({ method: 'GET', url: '/api/reports', headers: { cookie: r.cookie } })).json();
    expect(list.items.map((i: { agency: string }) => i.agency)).toEqual(['北宫镇']);
    const id = list.items[0].id;
    const src = (await bench.app.inject({ method: 'GET', url: `/api/reports/${id}/source`, headers: { cookie: r.cookie } })).json();
    expect(src.lines.length).toBeGreaterThan(100);
    const other = up.json().results.find((x: { name: string }) => x.name.startsWith('003')).reportId;
    expect((await bench.app.inject({ method: 'GET', url: `/api/reports/${other}`, headers: { cookie: r.cookie } })).statusCode).toBe(403);
    const fixed = await bench.app.inject({ method: 'POST', url: `/api/reports/${id}/corrections`, payload: { key: 't3.total.naturalPerson', value: 22, comment: '原件为 22' }, headers: { cookie: r.cookie, 'x-csrf-token': r.csrf } });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().corrections[0]).toMatchObject({ originalValue: 0, value: 22, by: 'fangshan' });
    expect(fixed.json().findings.some((f: { rule: string; cells: string[] }) => f.rule === 'requests-outcome-total' && f.cells.includes('t3.total.naturalPerson'))).toBe(false);
  });
});
