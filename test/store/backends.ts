/**
 * The two store backends every store/dataset test runs against: a real SQLite file and a
 * real PostgreSQL database (created per test, dropped after). PostgreSQL is skipped only
 * when unreachable AND env CI is not set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';

export const PG_ADMIN = process.env.NIANBAO_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export const PG_OK = await reachable();
if (!PG_OK && process.env.CI) throw new Error(`PostgreSQL 不可达（${PG_ADMIN}），而 CI 环境要求两种后端都要测试。`);

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty store target (file path or URL). */
  create(): Promise<string>;
  /** Removes what create() made. */
  drop(target: string): Promise<void>;
}

export const sqliteBackend: Backend = {
  name: 'sqlite',
  async create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-test-'));
    return path.join(dir, 'test.sqlite');
  },
  async drop(target) {
    fs.rmSync(path.dirname(target), { recursive: true, force: true });
  },
};

export const postgresBackend: Backend = {
  name: 'postgres',
  async create() {
    const name = `nianbao_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    const u = new URL(PG_ADMIN);
    u.pathname = `/${name}`;
    return u.toString();
  },
  async drop(target) {
    const name = new URL(target).pathname.slice(1);
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  },
};

/** Backends to parametrise over (describe.each). */
export const BACKENDS: Backend[] = PG_OK ? [sqliteBackend, postgresBackend] : [sqliteBackend];

/** A fresh PostgreSQL database and its open store for one describe block: made before its tests, dropped after. */
export function freshPgStore(): { readonly store: Store; readonly target: string } {
  const held = {} as { store: Store; target: string };
  beforeAll(async () => {
    held.target = await postgresBackend.create();
    held.store = await openStore(held.target);
  });
  afterAll(async () => {
    await held.store?.close();
    if (held.target) await postgresBackend.drop(held.target);
  });
  return held;
}
