/** `nianbao serve` (the web workbench) and `nianbao user add` (accounts, the first admin especially). */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../server/app.js';
import { ensureRegionPath, placeAgencies, wdb } from '../server/data.js';
import { UserInputError, createUser } from '../server/users.js';
import { findAgency, resolveAgency } from '../store/queries.js';
import { openStore, StoreError, type Store } from '../store/db.js';
import { collectInputs } from '../dataset/inputs.js';
import { runHistory } from '../dataset/history.js';
import { storeUpload } from '../server/upload.js';
import { withStore } from './store-cli.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UserInputError('请通过标准输入提供密码，例如：echo "密码" | nianbao user add 张三 --role admin --password-stdin');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** `serve --import`: the files go in as uploads do (source kept for the detail view), with progress. */
async function importPaths(store: Store, paths: string[]): Promise<void> {
  const { items, problems } = await collectInputs(paths);
  const counts = { added: 0, duplicate: 0, failed: problems.length };
  for (const p of problems) process.stdout.write(`失败：${p.source}：${p.message}\n`);
  for (const [i, item] of items.entries()) {
    let r;
    try {
      r = await storeUpload(store, item.source, await item.read());
    } catch (e) {
      r = { name: item.source, status: 'failed' as const, code: 'file-unreadable', message: e instanceof Error ? e.message : String(e) };
    }
    if (r.status === 'failed') {
      counts.failed++;
      process.stdout.write(`失败：${item.source}：${r.message}\n`);
    } else if (r.status === 'duplicate') counts.duplicate++;
    else counts.added++;
    if (process.stdout.isTTY) process.stdout.write(`\r导入 ${i + 1}/${items.length}`);
  }
  if (process.stdout.isTTY && items.length) process.stdout.write('\n');
  await runHistory(store);
  process.stdout.write(`导入完成：新增 ${counts.added}，已有 ${counts.duplicate}，失败 ${counts.failed}。\n`);
}

export async function runServe(opts: { port: string; host: string; db?: string; secureCookies?: boolean; import?: string[] }): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`错误：端口“${opts.port}”无效，应为 0–65535 的整数。\n`);
    process.exitCode = 2;
    return;
  }
  let store;
  try {
    store = await openStore(opts.db);
  } catch (e) {
    process.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
    return;
  }
  const db = wdb(store);
  let hint = '';
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (!anyUser) {
    // First start: an administrator with a random password, shown once.
    const password = randomBytes(9).toString('base64url');
    await createUser(db, { username: 'admin', password, role: 'admin' });
    hint = `首次启动，已创建管理员账号：用户名 admin，密码 ${password}（只显示这一次，请登录后在“用户”页修改或新建账号）。`;
  }
  if (Array.isArray(opts.import) && opts.import.length) await importPaths(store, opts.import);
  await placeAgencies(db);
  const app = await buildApp({ store, secureCookies: Boolean(opts.secureCookies) });
  try {
    await app.listen({ port, host: opts.host });
  } catch (e) {
    const code = (e as { code?: string }).code;
    process.stderr.write(`错误：无法在 ${opts.host}:${port} 上启动（${code === 'EADDRINUSE' ? '端口已被占用，请用 --port 换一个' : e instanceof Error ? e.message : String(e)}）。\n`);
    await store.close();
    process.exitCode = 2;
    return;
  }
  const addr = app.server.address();
  const realPort = typeof addr === 'object' && addr ? addr.port : port;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  process.stdout.write(`网页工作台已启动：http://${shownHost}:${realPort}/\n数据库：${store.location}\n`);
  process.stdout.write(hint ? `${hint}\n` : `用已有账号登录；新建账号：echo "密码" | npx nianbao user add 用户名 --role admin --password-stdin\n`);
  process.stdout.write('按 Ctrl+C 停止。\n');
  const stop = async () => {
    await app.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export async function runUserAdd(name: string, opts: { role: string; region?: string; agency?: string; passwordStdin?: boolean; db?: string }): Promise<void> {
  if (!opts.passwordStdin) {
    process.stderr.write('错误：请用 --password-stdin 从标准输入提供密码（不要把密码写在命令行上）。\n');
    process.exitCode = 2;
    return;
  }
  await withStore(opts.db, async (store) => {
    const db = wdb(store);
    try {
      const password = await readStdin();
      let regionId: number | null = null;
      let agencyId: number | null = null;
      if (opts.region) regionId = await ensureRegionPath(db, opts.region.split(/[/／]/).map((s) => s.trim()).filter(Boolean));
      if (opts.agency) agencyId = (await findAgency(store.db, opts.agency))?.id ?? (await resolveAgency(store.db, opts.agency, null));
      await placeAgencies(db);
      const id = await createUser(db, { username: name, password, role: opts.role, regionId, agencyId });
      process.stdout.write(`已创建账号“${name}”（编号 ${id}，角色 ${opts.role}${opts.region ? `，地区 ${opts.region}` : ''}${opts.agency ? `，单位 ${opts.agency}` : ''}）。\n`);
      return 0;
    } catch (e) {
      if (e instanceof UserInputError || e instanceof StoreError) {
        process.stderr.write(`错误：${e.message}\n`);
        return 2;
      }
      throw e;
    }
  }, { create: true });
}
