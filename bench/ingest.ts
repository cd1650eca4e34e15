/**
 * Ingest benchmark: generates N text reports by varying the seeds, ingests them into a
 * fresh SQLite file and, when reachable, a fresh PostgreSQL database; prints reports/s,
 * wall time and peak RSS. Also the crash test at scale: with --kill, the SQLite run is
 * killed (-9) half-way and rerun, and the report count is verified.
 *
 *   npx tsx bench/ingest.ts [N=5000] [--jobs J] [--kill] [--pg postgres://postgres@127.0.0.1:5432/postgres]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateReports } from '../src/dataset/generate.js';
import { openStore } from '../src/store/db.js';
import { countRows } from '../src/store/queries.js';

const args = process.argv.slice(2);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 5000);
const jobs = args.includes('--jobs') ? args[args.indexOf('--jobs') + 1] : String(os.availableParallelism());
const kill = args.includes('--kill');
const PG_ADMIN = args.includes('--pg') ? args[args.indexOf('--pg') + 1] : (process.env.NIANBAO_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'nianbao.js');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-'));
const dir = path.join(work, 'reports');
let t = Date.now();
generateReports(dir, N);
console.log(`生成 ${N} 份报告：${((Date.now() - t) / 1000).toFixed(1)} 秒（${dir}）`);

/** Runs `nianbao ingest` in a child process; wall time and peak RSS (from /usr/bin/time or getrusage). */
function ingestOnce(target: string): { seconds: number; rssMb: number; out: string } {
  const t0 = Date.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, 'ingest', dir, '--db', target, '--jobs', jobs, '-q', '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (Date.now() - t0) / 1000;
  if (r.error) {
    // no /usr/bin/time: run directly, RSS unknown
    const d = spawnSync(process.execPath, [BIN, 'ingest', dir, '--db', target, '--jobs', jobs, '-q', '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    return { seconds: (Date.now() - t0) / 1000, rssMb: NaN, out: d.stdout };
  }
  const kb = Number(r.stderr.trim().split('\n').at(-1));
  return { seconds, rssMb: kb / 1024, out: r.stdout };
}

function line(name: string, r: { seconds: number; rssMb: number; out: string }): void {
  const s = JSON.parse(r.out.trim().split('\n').at(-1) ?? '{}') as { added?: number; failed?: unknown[] };
  console.log(`${name}：${s.added ?? '?'} 份，用时 ${r.seconds.toFixed(1)} 秒，${((s.added ?? 0) / r.seconds).toFixed(1)} 份/秒，峰值内存（主进程含线程）${r.rssMb.toFixed(0)} MB，失败 ${s.failed?.length ?? '?'}`);
}

async function killAndResume(target: string): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'ingest', dir, '--db', target, '--jobs', jobs, '-q'], { stdio: 'ignore' });
  const probe = await openStore(target);
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    if ((await countRows(probe.db, 'reports').catch(() => 0)) >= N / 2) break;
  }
  child.kill('SIGKILL');
  const mid = await countRows(probe.db, 'reports');
  await probe.close();
  const r = ingestOnce(target);
  const s = await openStore(target);
  const total = await countRows(s.db, 'reports');
  const distinct = (await s.db.selectFrom('reports').select('source_name').distinct().execute()).length;
  await s.close();
  console.log(`kill -9 于 ${mid} 份时；重跑 ${r.seconds.toFixed(1)} 秒；最终 ${total} 份（不同文件 ${distinct}）${total === N && distinct === N ? ' ✔' : ' ✘'}`);
}

const sqliteFile = path.join(work, 'bench.sqlite');
t = Date.now();
line('SQLite', ingestOnce(sqliteFile));
if (kill) await killAndResume(path.join(work, 'kill.sqlite'));

const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
let pgOk = true;
await admin.connect().catch(() => (pgOk = false));
if (pgOk) {
  const name = `nianbao_bench_${Date.now().toString(36)}`;
  await admin.query(`create database ${name}`);
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  try {
    line('PostgreSQL', ingestOnce(u.toString()));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} else console.log(`PostgreSQL 不可达（${PG_ADMIN}），跳过。`);
fs.rmSync(work, { recursive: true, force: true });
