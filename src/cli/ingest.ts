/** `nianbao ingest PATH…`: read, extract, check and store reports (files, folders, .zip); queue mode for several machines. */
import { ingest, type IngestSummary } from '../dataset/ingest.js';
import { makeProgress } from './progress.js';
import { limitsFrom } from './io.js';
import { withStore } from './store-cli.js';

interface Opts {
  db?: string;
  jobs?: string;
  worker?: boolean;
  enqueue?: boolean;
  untilEmpty?: boolean;
  quiet?: boolean;
  json?: boolean;
  verbose?: boolean;
  timeLimit?: string;
  memoryLimit?: string;
}

/** Lists long enough to drown the summary are shown as counts unless --verbose. */
const LIST_MAX = 20;

function listOrCount<T>(out: string[], items: T[], verbose: boolean, line: (x: T) => string, byKey: (x: T) => string, what: string): void {
  if (items.length === 0) return;
  if (verbose || items.length <= LIST_MAX) {
    for (const x of items) out.push(line(x));
    return;
  }
  const by = new Map<string, number>();
  for (const x of items) by.set(byKey(x), (by.get(byKey(x)) ?? 0) + 1);
  for (const [k, n] of by) out.push(`${what} ${n} 个：${k}`);
  out.push(`（共 ${items.length} 个，加 --verbose 逐个列出）`);
}

export function ingestReport(s: IngestSummary, location: string, verbose: boolean): string {
  const fresh = s.added + s.reextracted;
  const rate = fresh > 0 && s.seconds > 0 ? `，${(fresh / s.seconds).toFixed(fresh / s.seconds < 10 ? 1 : 0)} 份/秒` : '';
  const out = [
    `入库完成：共 ${s.total} 个文件，新增 ${s.added}，重新抽取 ${s.reextracted}，未变 ${s.unchanged}，重复 ${s.duplicates.length}，失败 ${s.failed.length}` +
      `${s.skipped.length ? `；另跳过 ${s.skipped.length} 个不是报告的文件` : ''}；历史检查 ${s.historyChecked} 份；用时 ${s.seconds.toFixed(1)} 秒${rate}。`,
    `数据库：${location}`,
  ];
  if (s.unchanged && verbose) out.push(`未变 ${s.unchanged} 个文件：内容与已入库的相同，未重新读取。`);
  if (s.duplicates.length) {
    if (verbose) for (const d of s.duplicates) out.push(`重复：“${d.source}”与已入库的“${d.sameAs}”内容完全相同，只保存一份（已记下这个文件名）。`);
    else out.push(`重复 ${s.duplicates.length} 个文件与已入库的文件内容完全相同，只保存一份（已记下文件名；加 --verbose 逐个列出）。`);
  }
  listOrCount(out, s.skipped, verbose, (x) => `跳过：${x.source}：${x.reason}`, (x) => x.reason, '跳过');
  listOrCount(out, s.failed, verbose, (f) => `失败：${f.source}：${f.message}`, (f) => `[${f.code}]`, '失败');
  if (s.failed.length) out.push(`失败的文件已记录在数据库中（状态为失败）；修正后重新运行同一命令即可，已入库的不会重复。`);
  for (const w of s.sameYear ?? []) out.push(`注意：${w}`);
  return out.join('\n') + '\n';
}

function report(s: IngestSummary, location: string, json: boolean, verbose: boolean): number {
  if (json) process.stdout.write(JSON.stringify(s) + '\n');
  else process.stdout.write(ingestReport(s, location, verbose));
  return s.failed.length ? 1 : 0;
}

export async function runIngest(paths: string[], opts: Opts): Promise<void> {
  const limits = limitsFrom(opts);
  if (!limits) {
    process.exitCode = 2;
    return;
  }
  const jobs = opts.jobs ? Number(opts.jobs) : undefined;
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) {
    process.stderr.write(`错误：--jobs 应为正整数，收到“${opts.jobs}”。\n`);
    process.exitCode = 2;
    return;
  }
  if (!opts.worker && paths.length === 0) {
    process.stderr.write('错误：请给出要入库的文件、文件夹或 zip 压缩包（或用 --worker 处理队列）。\n');
    process.exitCode = 2;
    return;
  }
  await withStore(opts.db, async (store) => {
    const progress = makeProgress(process.stderr, opts.quiet);
    if (opts.enqueue) {
      const { enqueue } = await import('../dataset/queue.js'); // pg-boss: only for the queue modes
      const r = await enqueue(store, paths);
      process.stdout.write(`已放入队列 ${r.queued} 个文件，跳过（已入库或重复）${r.skipped} 个，无法读取 ${r.failed} 个。请在各台机器上运行：nianbao ingest --worker --db <同一 PostgreSQL 地址>\n`);
      return r.failed ? 1 : 0;
    }
    if (opts.worker) {
      const ac = new AbortController();
      const onSig = () => ac.abort();
      process.once('SIGINT', onSig);
      process.once('SIGTERM', onSig);
      if (!opts.quiet) process.stderr.write(`队列工作进程已启动（${store.location}），${opts.untilEmpty ? '队列处理完即退出' : '按 Ctrl+C 停止'}。\n`);
      const { work } = await import('../dataset/queue.js');
      const s = await work(store, { jobs, untilEmpty: opts.untilEmpty, progress, signal: ac.signal, limits });
      return report(s, store.location, !!opts.json, !!opts.verbose);
    }
    const s = await ingest(store, paths, { jobs, progress, limits });
    return report(s, store.location, !!opts.json, !!opts.verbose);
  }, { create: true });
}
