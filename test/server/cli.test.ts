/** `nianbao user add` and `nianbao serve` through the real CLI. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/paths.js';

const BIN = CLI;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-web-'));
const db = path.join(dir, 'w.sqlite');
const cli = (args: string[], input?: string) => spawnSync(process.execPath, [...BIN, ...args], { encoding: 'utf8', input, cwd: dir });

const children: ReturnType<typeof spawn>[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('nianbao user add', () => {
  it('creates an admin, a reviewer with a region path and a clerk with an agency; refuses bad input in Chinese', () => {
    const a = cli(['user', 'add', '管理员甲', '--role', 'admin', '--password-stdin', '--db', db], 'first-admin-pass\n');
    expect(a.status).toBe(0);
    expect(a.stdout).toContain('已创建账号“管理员甲”');
    const r = cli(['user', 'add', 'rev', '--role', 'reviewer', '--region', '北京市/房山区', '--password-stdin', '--db', db], 'reviewer-pass-1');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('地区 北京市/房山区');
    const c = cli(['user', 'add', 'clerk', '--role', 'clerk', '--agency', '北宫镇人民政府', '--password-stdin', '--db', db], 'clerk-pass-12');
    expect(c.status).toBe(0);
    const dup = cli(['user', 'add', 'rev', '--role', 'admin', '--password-stdin', '--db', db], 'another-pass-1');
    expect(dup.status).toBe(2);
    expect(dup.stderr).toContain('用户名“rev”已存在');
    const short = cli(['user', 'add', 'x2', '--role', 'admin', '--password-stdin', '--db', db], 'short');
    expect(short.stderr).toContain('密码至少 8 个字符');
    const noScope = cli(['user', 'add', 'x3', '--role', 'reviewer', '--password-stdin', '--db', db], 'long-enough-pass');
    expect(noScope.stderr).toContain('审核员必须指定负责的地区');
    const noStdin = cli(['user', 'add', 'x4', '--role', 'admin', '--db', db]);
    expect(noStdin.status).toBe(2);
    expect(noStdin.stderr).toContain('--password-stdin');
    for (const out of [dup, short, noScope, noStdin]) expect(out.stderr).not.toMatch(/\n\s+at /);
  }, 300_000);
});

describe('nianbao serve', () => {
  it('imports reports (sources kept), prints the address and a first-login hint, serves the app and the API', async () => {
    const fresh = path.join(dir, 'fresh.sqlite');
    const inputs = path.join(dir, 'in');
    fs.mkdirSync(inputs);
    for (const f of ['000_2790cd25742a97b3.txt', '004_e9b0b4183da4b0c6.txt']) fs.copyFileSync(path.join(ROOT, 'samples', f), path.join(inputs, f));
    const child = spawn(process.execPath, [...BIN, 'serve', '--db', fresh, '--port', '0', '--import', inputs], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c) => {
          out += c.toString();
          const m = /网页工作台已启动：(http:\/\/\S+)/.exec(out);
          if (m && out.includes('按 Ctrl+C')) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`exit ${code}: ${out}`)));
      });
      const pw = /用户名 admin，密码 (\S+?)（/.exec(out)?.[1];
      expect(pw).toBeTruthy();
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">|网页界面尚未构建/);
      expect((await fetch(`${url}api/reports`)).status).toBe(401);
      const login = await fetch(`${url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: pw }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      expect(out).toContain('导入完成：新增 2，已有 0，失败 0');
      const list: any = await (await fetch(`${url}api/reports`, { headers: { cookie } })).json();
      expect(list.total).toBe(2);
      const src: any = await (await fetch(`${url}api/reports/${list.items[0].id}/source`, { headers: { cookie } })).json();
      expect(src.available).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  }, 240_000);

  it('says so in Chinese when the port is taken', () => {
    const r = cli(['serve', '--db', db, '--port', '70000']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('端口“70000”无效');
  });
});
