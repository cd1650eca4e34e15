/** A workbench on a fresh SQLite file: regions, an admin, district reviewers and a clerk. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { ensureRegionPath, placeAgencies, wdb } from '../../src/server/data.js';
import { createUser } from '../../src/server/users.js';
import { openStore, type Store } from '../../src/store/db.js';
import { resolveAgency } from '../../src/store/queries.js';

export const PASSWORD = 'correct-horse-9';

export interface Bench {
  dir: string;
  store: Store;
  app: FastifyInstance;
  ids: { fangshan: number; fangxian: number; changyang: number; beijing: number };
  close(): Promise<void>;
}

export async function makeBench(opts: { webRoot?: string | null; target?: string } = {}): Promise<Bench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-web-'));
  const store = await openStore(opts.target ?? path.join(dir, 'wb.sqlite'));
  const db = wdb(store);
  const beijing = (await ensureRegionPath(db, ['北京市']))!;
  const fangshan = (await ensureRegionPath(db, ['北京市', '房山区']))!;
  await ensureRegionPath(db, ['北京市', '房山区', '北宫镇']);
  await ensureRegionPath(db, ['北京市', '房山区', '阎村镇']);
  await ensureRegionPath(db, ['北京市', '房山区', '长阳镇']);
  const fangxian = (await ensureRegionPath(db, ['湖北省', '十堰市', '房县']))!;
  await ensureRegionPath(db, ['湖北省', '十堰市', '房县', '白鹤镇']);
  const changyang = await resolveAgency(store.db, '长阳镇人民政府', 'township');
  await placeAgencies(db);
  await createUser(db, { username: 'admin', password: PASSWORD, role: 'admin' });
  await createUser(db, { username: 'fangshan', password: PASSWORD, role: 'reviewer', regionId: fangshan });
  await createUser(db, { username: 'fangxian', password: PASSWORD, role: 'reviewer', regionId: fangxian });
  await createUser(db, { username: 'clerk', password: PASSWORD, role: 'clerk', agencyId: changyang });
  const app = await buildApp({ store, webRoot: opts.webRoot ?? null });
  return {
    dir,
    store,
    app,
    ids: { fangshan, fangxian, changyang, beijing },
    async close() {
      await app.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A multipart body with one `file` part per entry (as a browser sends it). */
export function multipart(files: { name: string; bytes: Uint8Array | string; field?: string }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----nianbao' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(typeof f.bytes === 'string' ? Buffer.from(f.bytes) : Buffer.from(f.bytes));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
