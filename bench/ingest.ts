/**
 * Ingest benchmark (the dataset targets): generates N text reports by varying the seeds
 * (default 10,000), ingests them with `nianbao ingest` in a child process into a fresh SQLite
 * file and, when reachable, a fresh PostgreSQL database, and prints reports/s, wall time,
 * peak RSS sampled over the run (the ingest process and its children: worker threads
 * included) and the RSS when 25/50/75/100% of the reports are stored (flat = memory does not
 * grow with the count), the CPU of its processes and the server's, and how many of them could
 * run at once (sampled every 20 ms: time with at most one runnable leaves a core of two unused). Then the crash test: a separate ingest of K files (default 5,000)
 * into SQLite (and PostgreSQL) is killed with SIGKILL half-way and rerun; the final count must be exactly K
 * with no duplicates and no half-stored report.
 *
 *   node --import tsx --expose-gc bench/ingest.ts [N=10000] [--jobs J] [--kill-files K=5000]
 *   (npm run bench passes 2000 and 1000 by default, 10000 and 5000 with --full)
 *        [--no-kill] [--no-pg] [--no-sqlite] [--pg postgres://postgres@127.0.0.1:5432/postgres]
 *        [--bin path/to/nianbao.js] [--reports DIR]
 *
 * --bin measures another build (a copy of an earlier dist/, for interleaved before/after runs);
 * --reports reuses a folder of generated reports (made there once when empty, then kept).
 *
 * Everything it creates (reports, SQLite files, PostgreSQL databases) is removed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { generateReports } from '../src/dataset/generate.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const N = Number(args.find((a, i) => /^\d+$/.test(a) && !/^--/.test(args[i - 1] ?? '')) ?? 10000);
const jobs = opt('--jobs') ?? String(os.availableParallelism());
const KILL_FILES = args.includes('--no-kill') ? 0 : Number(opt('--kill-files') ?? 5000);
const PG_ADMIN = opt('--pg') ?? process.env.NIANBAO_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BIN = path.resolve(opt('--bin') ?? path.join(import.meta.dirname, '..', 'bin', 'nianbao.js'));
const REPORTS = opt('--reports');
const SQLITE = !args.includes('--no-sqlite');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-'));
const pgDatabases: string[] = [];
let admin: pg.Client | null = null;
let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  if (admin) {
    for (const name of pgDatabases) await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
  fs.rmSync(work, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    void cleanup().finally(() => process.exit(130));
  });

// ---- measuring a child process -------------------------------------------------------

/** CPU seconds (user + system) a process has used, from /proc; undefined when gone. */
function cpuOf(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100;

/** RSS in bytes of a process and all its descendants (Linux /proc), 0 when gone; `cpu` gets each one's CPU seconds so far. */
function treeRss(pid: number, cpu?: Map<number, number>): number {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const c = cpu && cpuOf(p);
      if (c !== undefined && cpu) cpu.set(p, Math.max(cpu.get(p) ?? 0, c));
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      if (m) total += Number(m[1]) * 1024;
      for (const t of fs.readdirSync(`/proc/${p}/task`)) {
        const kids = fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim();
        if (kids) stack.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/** Counts stored reports (any status) in a store being written by another process; on PostgreSQL, also lists the server processes serving it (not this one). */
function reportCounter(target: string): { count(): Promise<number>; backends?(): Promise<number[]>; close(): Promise<void> } {
  if (/^postgres/.test(target)) {
    const client = new pg.Client({ connectionString: target });
    const ready = client.connect().then(
      () => true,
      () => false,
    );
    // One query at a time on the one client (the two timers would otherwise overlap).
    let turn: Promise<unknown> = ready;
    const query = <T>(text: string, read: (rows: Record<string, unknown>[]) => T, none: T): Promise<T> => {
      const r = turn.then(async () => ((await ready) ? read((await client.query(text)).rows) : none)).catch(() => none);
      turn = r;
      return r;
    };
    return {
      count: () => query('select count(*)::int as n from reports', (rows) => Number(rows[0].n), 0),
      backends: () => query('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()', (rows) => rows.map((x) => Number(x.pid)), [] as number[]),
      close: async () => {
        await client.end().catch(() => undefined);
      },
    };
  }
  let db: Database.Database | null = null;
  return {
    async count() {
      try {
        db ??= new Database(target, { readonly: true, fileMustExist: true, timeout: 5000 });
        return Number((db.prepare('select count(*) as n from reports').get() as { n: number }).n);
      } catch {
        db?.close();
        db = null;
        return 0;
      }
    },
    close: async () => {
      db?.close();
    },
  };
}

const MB = 1048576;
const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;

interface Run {
  seconds: number;
  peakRss: number;
  /** RSS when 25/50/75/100% of the expected reports were stored, and at the end. */
  marks: { label: string; rss: number; at: number }[];
  /** CPU seconds when every report was stored (before the history checks): the ingest's processes and the server's. */
  stored?: { ingest: number; server: number };
  summary: { added?: number; failed?: unknown[]; historyChecked?: number } | null;
  code: number | null;
  /** CPU seconds of the ingest process and its children, and of the PostgreSQL server processes serving it (sampled every 0.1 s: a process's last 0.1 s may be missed). */
  cpu: { ingest: number; server: number; byRole: Record<string, number> };
  /** Samples with 0, 1, 2 or more of the ingest's processes (their main threads) and the server's runnable, before and after all were stored. */
  runnable: { store: number[]; history: number[] };
}

/** What a process of the ingest is, from its command line: the command itself, a parse or a history process. */
function roleOf(pid: number, main: number): string {
  if (pid === main) return '主进程';
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /history/.test(cmd) ? '历史检查进程' : /parse/.test(cmd) ? '解析进程' : '其他';
  } catch {
    return '其他';
  }
}

/** Runs `nianbao ingest DIR --db TARGET` in a child; samples RSS every 100 ms and the stored count every 250 ms. */
async function ingestRun(dir: string, target: string, expected: number, onChild?: (c: ChildProcess, count: () => Promise<number>) => void): Promise<Run> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [BIN, 'ingest', dir, '--db', target, '--jobs', jobs, '-q', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const counter = reportCounter(target);
  let peak = 0;
  let lastRss = 0;
  const marks: Run['marks'] = [];
  const quarters = [0.25, 0.5, 0.75, 1];
  const treeCpu = new Map<number, number>();
  const roles = new Map<number, string>();
  const serverCpu = new Map<number, number>();
  let serverPids: number[] = [];
  const rssTimer = setInterval(() => {
    lastRss = treeRss(child.pid!, treeCpu);
    // Looked at again while '其他': a child seen between fork and exec still shows the parent's command line.
    for (const p of treeCpu.keys()) if ((roles.get(p) ?? '其他') === '其他') roles.set(p, roleOf(p, child.pid!));
    peak = Math.max(peak, lastRss);
    for (const p of serverPids) {
      const c = cpuOf(p);
      if (c !== undefined) serverCpu.set(p, Math.max(serverCpu.get(p) ?? 0, c));
    }
  }, 100);
  const pidTimer = setInterval(() => void counter.backends?.().then((p) => (serverPids = p)), 500);
  let polling = false;
  let stored: Run['stored'];
  const countTimer = setInterval(() => {
    if (polling || quarters.length === 0) return;
    polling = true;
    void counter.count().then((n) => {
      polling = false;
      while (quarters.length && n >= quarters[0] * expected) {
        if (quarters[0] === 1) stored = { ingest: [...treeCpu.values()].reduce((a, b) => a + b, 0), server: [...serverCpu.values()].reduce((a, b) => a + b, 0) };
        marks.push({ label: `${quarters.shift()! * 100}%`, rss: lastRss, at: (Date.now() - t0) / 1000 });
      }
    });
  }, 250);
  // How many of the run's processes can use a core at once (state R: running or waiting for a
  // core). Under load every runnable process waits longer, so compare builds at the same load;
  // samples with at most one runnable are time the pipeline itself leaves a core of two unused.
  const runnable: Run['runnable'] = { store: [0, 0, 0], history: [0, 0, 0] };
  const stateOf = (pid: number) => {
    try {
      return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0];
    } catch {
      return '';
    }
  };
  const runTimer = setInterval(() => {
    let n = 0;
    for (const p of new Set([child.pid!, ...treeCpu.keys(), ...serverPids])) if (stateOf(p) === 'R') n++;
    (stored ? runnable.history : runnable.store)[Math.min(2, n)]++;
  }, 20);
  onChild?.(child, () => counter.count());
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearInterval(rssTimer);
  clearInterval(pidTimer);
  clearInterval(countTimer);
  clearInterval(runTimer);
  await counter.close();
  const seconds = (Date.now() - t0) / 1000;
  marks.push({ label: '结束', rss: lastRss, at: seconds });
  let summary: Run['summary'] = null;
  try {
    summary = JSON.parse(out.trim().split('\n').at(-1) ?? 'null');
  } catch {
    if (code !== null && code > 1) console.log(`  ingest 退出码 ${code}：${err.trim().split('\n').slice(-3).join(' ')}`);
  }
  const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const byRole: Record<string, number> = {};
  for (const [p, c] of treeCpu) byRole[roles.get(p) ?? '其他'] = (byRole[roles.get(p) ?? '其他'] ?? 0) + c;
  return { seconds, peakRss: peak, marks, stored, summary, code, cpu: { ingest: sum(treeCpu), server: sum(serverCpu), byRole }, runnable };
}

function printRun(name: string, r: Run, target: number): void {
  const added = r.summary?.added ?? 0;
  const rate = added / r.seconds;
  console.log(
    `${name}：${added} 份，用时 ${r.seconds.toFixed(1)} 秒，${rate.toFixed(1)} 份/秒（目标 ≥ ${target} ${rate >= target ? '✔' : '✘'}），峰值内存 ${mb(r.peakRss)}（主进程含线程及子进程，每 0.1 秒采样），` +
      `失败 ${r.summary?.failed?.length ?? '?'}，历史检查 ${r.summary?.historyChecked ?? '?'} 份`,
  );
  console.log(`  内存随数量：${r.marks.map((m) => `${m.label}（${m.at.toFixed(0)} 秒）${mb(m.rss)}`).join('，')}`);
  const per = (s: number) => (added ? `${((s * 1000) / added).toFixed(2)} 毫秒/份` : '—');
  console.log(
    `  CPU：入库进程及其子进程 ${r.cpu.ingest.toFixed(1)} 秒（${per(r.cpu.ingest)}：${Object.entries(r.cpu.byRole)
      .map(([k, v]) => `${k} ${per(v)}`)
      .join('，')}）` +
      (r.cpu.server ? `，PostgreSQL 服务进程 ${r.cpu.server.toFixed(1)} 秒（${per(r.cpu.server)}）` : '') +
      `；运行结束时负载 ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`,
  );
  if (r.stored)
    console.log(
      `  其中入库阶段（全部报告存好之前）：入库进程 ${per(r.stored.ingest)}` + (r.cpu.server ? `，PostgreSQL 服务进程 ${per(r.stored.server)}` : '') +
        `；历史检查阶段：入库进程 ${per(r.cpu.ingest - r.stored.ingest)}` + (r.cpu.server ? `，PostgreSQL 服务进程 ${per(r.cpu.server - r.stored.server)}` : ''),
    );
  const shares = (h: number[]) => {
    const n = h.reduce((a, b) => a + b, 0);
    return n ? h.map((x, i) => `${i < 2 ? i : '≥ 2'} 个 ${((100 * x) / n).toFixed(1)}%`).join('，') : '—';
  };
  console.log(`  同时可运行的进程数（每 20 毫秒采样，入库进程、解析进程、服务进程）：入库阶段 ${shares(r.runnable.store)}；历史检查阶段 ${shares(r.runnable.history)}`);
}

interface Verified {
  total: number;
  distinctHash: number;
  distinctSource: number;
  withoutCells: number;
  dirty: number;
}

const VERIFY_SQL = {
  total: 'select count(*) as n from reports',
  distinctHash: 'select count(distinct content_hash) as n from reports',
  distinctSource: 'select count(distinct source_name) as n from reports',
  withoutCells: `select count(*) as n from reports r where r.status = 'ok' and not exists (select 1 from cells c where c.report_id = r.id)`,
  dirty: 'select count(*) as n from reports where history_dirty = 1',
};

async function verify(target: string): Promise<Verified> {
  const out = {} as Verified;
  if (/^postgres/.test(target)) {
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    try {
      for (const [k, q] of Object.entries(VERIFY_SQL)) out[k as keyof Verified] = Number((await c.query(q)).rows[0].n);
    } finally {
      await c.end();
    }
    return out;
  }
  const db = new Database(target, { readonly: true });
  try {
    for (const [k, q] of Object.entries(VERIFY_SQL)) out[k as keyof Verified] = Number((db.prepare(q).get() as { n: number }).n);
    return out;
  } finally {
    db.close();
  }
}

/** Ingest of K files killed with SIGKILL half-way, then rerun: exactly K reports, none twice, none half-written. */
async function killTest(name: string, killDir: string, target: string): Promise<void> {
  let killedAt = 0;
  const first = await ingestRun(killDir, target, KILL_FILES, (child, count) => {
    const poll = setInterval(() => {
      void count().then((n) => {
        if (n >= KILL_FILES / 2 && killedAt === 0) {
          killedAt = n;
          child.kill('SIGKILL');
          clearInterval(poll);
        }
      });
    }, 100);
    child.on('exit', () => clearInterval(poll));
  });
  const mid = await verify(target);
  const again = await ingestRun(killDir, target, KILL_FILES);
  const v = await verify(target);
  const dup = v.total - v.distinctHash;
  const ok = first.code === null && v.total === KILL_FILES && dup === 0 && v.distinctSource === KILL_FILES && v.withoutCells === 0 && v.dirty === 0;
  console.log(
    `kill -9（${KILL_FILES} 个文件，${name}）：在已存 ${mid.total} 份时强行结束（${first.seconds.toFixed(1)} 秒）；重跑新增 ${again.summary?.added ?? '?'} 份，用时 ${again.seconds.toFixed(1)} 秒；` +
      `最终 ${v.total} 份，重复 ${dup}，不同文件 ${v.distinctSource}，缺单元格的报告 ${v.withoutCells}，待历史检查 ${v.dirty} ${ok ? '✔' : '✘'}`,
  );
}

// ---- the runs -------------------------------------------------------------------------

try {
  const dir = REPORTS ? path.resolve(REPORTS) : path.join(work, 'reports');
  const t = Date.now();
  const kept = REPORTS && fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((f) => path.join(dir, f)) : [];
  // The generator is deterministic: a kept folder holds the same reports it would make again.
  const files = kept.length >= Math.max(N, KILL_FILES) ? kept : generateReports(dir, Math.max(N, KILL_FILES), undefined, { distinct: true });
  console.log(`${kept.length ? '沿用' : '生成'} ${files.length} 份报告：${((Date.now() - t) / 1000).toFixed(1)} 秒；并行读取线程 ${jobs}；程序 ${BIN}`);
  let mainDir = dir;
  if (files.length > N) {
    mainDir = path.join(work, 'main');
    fs.mkdirSync(mainDir);
    for (const f of files.slice(0, N)) fs.linkSync(f, path.join(mainDir, path.basename(f)));
  }

  if (SQLITE) {
    printRun('SQLite', await ingestRun(mainDir, path.join(work, 'bench.sqlite'), N), 225);
    for (const f of fs.readdirSync(work)) if (f.startsWith('bench.sqlite')) fs.rmSync(path.join(work, f));
  }

  admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  let pgOk = !args.includes('--no-pg');
  if (pgOk) await admin.connect().catch(() => (pgOk = false));
  if (pgOk) {
    const name = `nianbao_bench_${Date.now().toString(36)}`;
    await admin.query(`create database ${name}`);
    pgDatabases.push(name);
    const u = new URL(PG_ADMIN);
    u.pathname = `/${name}`;
    printRun('PostgreSQL', await ingestRun(mainDir, u.toString(), N), 400);
    await admin.query(`drop database if exists ${name} with (force)`);
  } else {
    console.log(`PostgreSQL 不可达或已跳过（${PG_ADMIN}），跳过 PostgreSQL。`);
    await admin.end().catch(() => undefined);
    admin = null;
  }

  if (KILL_FILES > 0) {
    const killDir = path.join(work, 'kill');
    fs.mkdirSync(killDir);
    for (const f of files.slice(0, KILL_FILES)) fs.linkSync(f, path.join(killDir, path.basename(f)));
    if (SQLITE) await killTest('SQLite', killDir, path.join(work, 'kill.sqlite'));
    if (admin) {
      const name = `nianbao_bench_kill_${Date.now().toString(36)}`;
      await admin.query(`create database ${name}`);
      pgDatabases.push(name);
      const u = new URL(PG_ADMIN);
      u.pathname = `/${name}`;
      await killTest('PostgreSQL', killDir, u.toString());
      await admin.query(`drop database if exists ${name} with (force)`);
    }
  }
} finally {
  await cleanup();
}
