/**
 * Load of the web workbench (issue targets: with 10,000 reports stored, the list API ≤ 300 ms,
 * report detail ≤ 200 ms, p95 ≤ 100 ms at 50 concurrent users on loopback).
 *
 * Makes N reports (default 10,000) from the bundled text samples, each under its own agency name
 * (1,000 townships in 10 districts), ingests them into a SQLite file (kept in bench/.data/ and
 * reused by later runs), starts `nianbao serve` on it in a child process and measures:
 *  1. single requests, one at a time (median and worst of 50, and the server process's CPU time per
 *     request): list pages (first, deep, search, region filter as a district reviewer) and report
 *     details (each a different report, so none comes from the server's cache);
 *  2. 50 concurrent users for D seconds (default 20), each looping: a list page with random
 *     filters, then a random report's detail — p50 / p95 / p99, requests per second, CPU time per
 *     request of the server and of this client, and the load average (the machine is often shared).
 *
 *   node --import tsx bench/web-load.ts [N=10000] [--users 50] [--seconds 20] [--single 50]
 *     [--db FILE|postgres://…] [--cpu-prof DIR (the server's CPU profile)]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ingest } from '../src/dataset/ingest.js';
import { ensureRegionPath, wdb } from '../src/server/data.js';
import { createUser } from '../src/server/users.js';
import { openStore } from '../src/store/db.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const N = Number(args.find((a, i) => /^\d+$/.test(a) && !/^--/.test(args[i - 1] ?? '')) ?? 10000);
const USERS = Number(opt('--users') ?? 50);
const SECONDS = Number(opt('--seconds') ?? 20);
const SINGLE = Number(opt('--single') ?? 50);
const ROOT = path.resolve(import.meta.dirname, '..');
const DATA = path.join(ROOT, 'bench', '.data');
const DB = opt('--db') ?? path.join(DATA, `web-${N}.sqlite`);
const PASSWORD = 'load-test-password';

function log(s: string) {
  process.stdout.write(s + '\n');
}

async function prepare(): Promise<void> {
  const store = await openStore(DB);
  const db = wdb(store);
  const have = Number((await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (have < N) {
    const dir = path.join(DATA, `web-reports-${N}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const seeds = fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => /^00\d_.*\.txt$/.test(f)).map((f) => fs.readFileSync(path.join(ROOT, 'samples', f), 'utf8'));
    const names = ['北宫镇', '阎村镇', '柏香镇', '白鹤镇', '海青镇'];
    for (let i = 0; i < N; i++) {
      const s = i % seeds.length;
      const town = `测${Math.floor(i / seeds.length) % 1000}${names[s]}`;
      const text = seeds[s].split(names[s]).join(town).replace(/^(.*\n)/, `$1（第 ${i + 1} 份负载测试副本）\n`);
      fs.writeFileSync(path.join(dir, `${String(i).padStart(6, '0')}.txt`), text);
    }
    log(`生成 ${N} 份报告，入库中……`);
    const t0 = Date.now();
    const s = await ingest(store, [dir], { jobs: 2 });
    log(`入库 ${s.added} 份，用时 ${((Date.now() - t0) / 1000).toFixed(0)} 秒`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!(await db.selectFrom('users').select('id').where('username', '=', 'load-admin').executeTakeFirst())) {
    // 10 districts; agencies spread over them by id.
    const districts: number[] = [];
    for (let d = 0; d < 10; d++) districts.push((await ensureRegionPath(db, ['负载测试市', `第${d}区`]))!);
    const agencies = await db.selectFrom('agencies').select('id').execute();
    for (const a of agencies) await db.updateTable('agencies').set({ region_id: districts[a.id % 10] }).where('id', '=', a.id).execute();
    await createUser(db, { username: 'load-admin', password: PASSWORD, role: 'admin' });
    await createUser(db, { username: 'load-reviewer', password: PASSWORD, role: 'reviewer', regionId: districts[3] });
  }
  await store.close();
}

const agent = new http.Agent({ keepAlive: true, maxSockets: USERS + 4 });
let port = 0;

function request(method: string, url: string, cookie = '', body?: unknown): Promise<{ status: number; ms: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, path: url, method, agent, headers: { cookie, ...(data ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

async function login(username: string): Promise<string> {
  const r = await request('POST', '/api/session', '', { username, password: PASSWORD });
  if (r.status !== 200) throw new Error(`登录失败：${r.status} ${r.body}`);
  return String(r.headers['set-cookie']).split(';')[0];
}

/** CPU seconds (user + system) a process has used so far (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

const load = () => os.loadavg()[0].toFixed(1);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f1 = (x: number) => x.toFixed(1);

async function main() {
  fs.mkdirSync(DATA, { recursive: true });
  await prepare();
  const prof = opt('--cpu-prof');
  const child = spawn(process.execPath, [...(prof ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(prof)] : []), path.join(ROOT, 'bin', 'nianbao.js'), 'serve', '--db', DB, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c.toString();
      const m = /http:\/\/[^:]+:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`serve 退出（${code}）`)));
  });
  try {
    const admin = await login('load-admin');
    const reviewer = await login('load-reviewer');
    const total = JSON.parse((await request('GET', '/api/reports?pageSize=1', admin)).body).total as number;
    log(`数据集：${total} 份报告；服务：127.0.0.1:${port}`);
    const ids = JSON.parse((await request('GET', '/api/reports?pageSize=200&page=3', admin)).body).items.map((i: { id: number }) => i.id) as number[];
    const mine = JSON.parse((await request('GET', '/api/reports?pageSize=200', reviewer)).body).items.map((i: { id: number }) => i.id) as number[];
    // Each detail request reads another report (never a cached one) unless the row says otherwise; searches vary too.
    const single: [string, (i: number) => string, string][] = [
      ['列表第 1 页（管理员，20 条）', () => '/api/reports', admin],
      ['列表第 400 页起（按错误数排序）', (i) => `/api/reports?page=${400 - i}&sort=errors&order=desc`, admin],
      ['列表按机关名称搜索（每次不同的词）', (i) => `/api/reports?q=${encodeURIComponent(`测${100 + i}`)}`, admin],
      ['列表按年度和规则筛选', () => '/api/reports?year=2023&rule=requests-balance', admin],
      ['列表（区审核员，范围内）', () => '/api/reports', reviewer],
      ['报告详情（每次不同的报告）', (i) => `/api/reports/${ids[i % ids.length]}`, admin],
      ['报告详情（区审核员，每次不同的报告）', (i) => `/api/reports/${mine[i % mine.length]}`, reviewer],
      ['报告详情（同一份再次读取）', () => `/api/reports/${ids[0]}`, admin],
    ];
    log(`\n单个请求（依次发出，各 ${SINGLE} 次；负载 ${load()}）：`);
    const rows: string[] = [];
    for (const [name, url, cookie] of single) {
      if (name.includes('列表')) await request('GET', url(SINGLE), cookie);
      const ms: number[] = [];
      const cpu0 = cpuSeconds(child.pid!);
      for (let i = 0; i < SINGLE; i++) {
        const r = await request('GET', url(i), cookie);
        if (r.status !== 200) throw new Error(`${url(i)}：${r.status}`);
        ms.push(r.ms);
      }
      const cpu = ((cpuSeconds(child.pid!) - cpu0) * 1000) / SINGLE;
      rows.push(`| ${name} | ${f1(pct(ms, 50))} ms | ${f1(Math.max(...ms))} ms | ${cpu.toFixed(2)} ms |`);
      log(`  ${name}：中位 ${f1(pct(ms, 50))} ms，最慢 ${f1(Math.max(...ms))} ms，服务进程 CPU ${cpu.toFixed(2)} ms/次`);
    }
    const load0 = load();
    const cpu0 = cpuSeconds(child.pid!);
    const own0 = process.cpuUsage();
    const lat: { list: number[]; detail: number[] } = { list: [], detail: [] };
    let errors = 0;
    const failures = new Map<string, number>();
    const fail = (r: { status: number; body: string }) => {
      errors++;
      const k = `${r.status} ${r.body.slice(0, 80)}`;
      failures.set(k, (failures.get(k) ?? 0) + 1);
    };
    const until = Date.now() + SECONDS * 1000;
    const pages = Math.max(1, Math.floor(total / 20));
    const user = async (k: number) => {
      const cookie = k % 5 === 0 ? reviewer : admin;
      let n = k * 7919;
      while (Date.now() < until) {
        n = (n * 1103515245 + 12345) % 2147483648;
        const filters = [`page=${(n % pages) + 1}`, `page=${(n % 50) + 1}&sort=errors`, `q=${encodeURIComponent(`测${n % 1000}`)}`, `year=2023&page=${(n % 20) + 1}`][n % 4];
        const l = await request('GET', `/api/reports?${filters}`, cookie);
        if (l.status !== 200) {
          fail(l);
          continue;
        }
        lat.list.push(l.ms);
        const items = JSON.parse(l.body).items as { id: number }[];
        if (!items.length) continue;
        const id = items[n % items.length].id;
        const d = await request('GET', `/api/reports/${id}`, cookie);
        if (d.status !== 200) fail(d);
        lat.detail.push(d.ms);
      }
    };
    const t0 = Date.now();
    await Promise.all(Array.from({ length: USERS }, (_, k) => user(k)));
    const secs = (Date.now() - t0) / 1000;
    const all = [...lat.list, ...lat.detail];
    const cpuPer = ((cpuSeconds(child.pid!) - cpu0) * 1000) / all.length;
    const own = process.cpuUsage(own0);
    const clientPer = (own.user + own.system) / 1000 / all.length;
    log(`\n${USERS} 个并发用户，${SECONDS} 秒（每人循环：随机筛选的列表页 + 随机一份报告的详情；负载 ${load0} → ${load()}）：`);
    for (const [name, xs] of [['列表', lat.list], ['详情', lat.detail], ['全部', all]] as const)
      log(`  ${name}：${xs.length} 次，p50 ${f1(pct(xs, 50))} ms，p95 ${f1(pct(xs, 95))} ms，p99 ${f1(pct(xs, 99))} ms`);
    log(`  吞吐 ${(all.length / secs).toFixed(0)} 请求/秒，失败 ${errors}`);
    log(`  服务进程 CPU ${cpuPer.toFixed(2)} ms/请求（占一个核的 ${((cpuPer * all.length) / 10 / secs).toFixed(0)}%）；本测试客户端 CPU ${clientPer.toFixed(2)} ms/请求（${((clientPer * all.length) / 10 / secs).toFixed(0)}%）`);
    for (const [k, n] of failures) log(`    失败 ${n} 次：${k}`);
    log('\nREADME 表格行：');
    for (const r of rows) log(r);
    log(`| ${USERS} 并发：列表 p95 / 详情 p95 / 全部 p95 | ${f1(pct(lat.list, 95))} / ${f1(pct(lat.detail, 95))} / ${f1(pct(all, 95))} ms（${(all.length / secs).toFixed(0)} 请求/秒） | | ${cpuPer.toFixed(2)} ms |`);
  } finally {
    child.kill('SIGTERM');
    agent.destroy();
  }
}

main().catch((e) => {
  process.stderr.write(`负载测试失败：${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
