/**
 * Scale-out: several `nianbao ingest --worker` processes (on any machines) share the work
 * through a pg-boss job queue in the same PostgreSQL database as the store. The producer
 * (`nianbao ingest --enqueue PATH…`) puts one job per file, carrying the file's bytes, so
 * workers need no shared disk. A job is fetched by one worker only (SKIP LOCKED); a
 * content hash is queued at most once at a time (queue policy "stately"), and the store's
 * unique content hash makes a retried job harmless.
 */
import PgBoss from 'pg-boss';
import { StoreError, type Store } from '../store/db.js';
import { reportByHash, storedHashes, writeReport } from '../store/queries.js';
import { runHistory } from './history.js';
import { collectInputs } from './inputs.js';
import { readItem, sha256, writeFailure, type IngestSummary, type Progress } from './ingest.js';
import type { FileLimits } from '../core/file-limits.js';
import { WorkerPool, defaultJobs, type Parser } from './pool.js';
import { PARSER_VERSION } from './version.js';

export const QUEUE = 'nianbao-ingest';

interface JobData {
  source: string;
  hash: string;
  /** File bytes, base64. */
  data: string;
}

function requirePg(store: Store): void {
  if (store.backend !== 'postgres')
    throw new StoreError('queue-needs-postgres', `任务队列（--enqueue / --worker）需要 PostgreSQL 数据库：当前是 SQLite 文件“${store.location}”。请用 --db postgres://… 指定各台机器共用的数据库。`);
}

async function startBoss(store: Store): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: store.target, max: 3, schema: 'pgboss' });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue(QUEUE, { name: QUEUE, policy: 'stately', retryLimit: 3, retryDelay: 2, expireInSeconds: 15 * 60 });
  return boss;
}

export async function enqueue(store: Store, inputs: string[], opts: { parserVersion?: number } = {}): Promise<{ queued: number; skipped: number; failed: number }> {
  requirePg(store);
  const version = opts.parserVersion ?? PARSER_VERSION;
  const { items, problems } = await collectInputs(inputs);
  for (const p of problems)
    await writeFailure(store, p.source, p.code, p.message, version);
  const known = await storedHashes(store.db);
  const boss = await startBoss(store);
  let queued = 0;
  let skipped = 0;
  let failed = problems.length;
  try {
    let batch: PgBoss.JobInsert[] = [];
    const flush = async () => {
      if (batch.length) await boss.insert(batch.map((j) => ({ ...j, name: QUEUE })) as PgBoss.JobInsert[]);
      batch = [];
    };
    // Hashes already waiting or being worked on (the queue would ignore them anyway).
    const pending = await boss.getDb().executeSql(`select singleton_key from pgboss.job where name = $1 and state in ('created', 'retry', 'active')`, [QUEUE]);
    const seen = new Set<string>(pending.rows.map((r: { singleton_key: string }) => r.singleton_key));
    for (const item of items) {
      const read = await readItem(store, item, version);
      if ('failure' in read) {
        failed++;
        continue;
      }
      const bytes = read.bytes;
      const hash = sha256(bytes);
      const k = known.get(hash);
      if ((k && k.version >= version) || seen.has(hash)) {
        skipped++;
        continue;
      }
      seen.add(hash);
      batch.push({ name: QUEUE, data: { source: item.source, hash, data: Buffer.from(bytes).toString('base64') } satisfies JobData, singletonKey: hash } as PgBoss.JobInsert);
      queued++;
      if (batch.length >= 100) await flush();
    }
    await flush();
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
  }
  return { queued, skipped, failed };
}

export interface WorkOptions {
  jobs?: number;
  parserVersion?: number;
  /** Stop when the queue is empty (otherwise run until SIGINT / SIGTERM). */
  untilEmpty?: boolean;
  progress?: Progress;
  parser?: Parser;
  signal?: AbortSignal;
  /** Per-file time and memory limits. */
  limits?: FileLimits;
}

export async function work(store: Store, opts: WorkOptions = {}): Promise<IngestSummary> {
  requirePg(store);
  const t0 = Date.now();
  const version = opts.parserVersion ?? PARSER_VERSION;
  const jobs = Math.max(1, opts.jobs ?? defaultJobs());
  const parser = opts.parser ?? new WorkerPool(jobs, opts.limits, true, 'pg');
  const summary: IngestSummary = { total: 0, added: 0, reextracted: 0, unchanged: 0, duplicates: [], failed: [], skipped: [], historyChecked: 0, seconds: 0 };
  const boss = await startBoss(store);
  let inFlight = 0;
  const handle = async (job: PgBoss.Job<JobData>) => {
    const { source, hash, data } = job.data;
    const existing = await reportByHash(store.db, hash);
    if (existing && existing.parser_version >= version) {
      summary.unchanged++;
      return;
    }
    const bytes = new Uint8Array(Buffer.from(data, 'base64'));
    if (sha256(bytes) !== hash) throw new Error(`任务数据与内容校验值不符：${source}`);
    const parsed = await parser.parse(bytes, source);
    const r = await writeReport(store, { source, hash, parserVersion: version, parsed });
    summary.total++;
    if (r.kind === 'exists') summary.unchanged++;
    else if (r.kind === 'added') summary.added++;
    else summary.reextracted++;
    if (!parsed.outcome.ok && r.kind !== 'exists') summary.failed.push({ source, ...parsed.outcome.failure });
    opts.progress?.update(summary.total, { added: summary.added + summary.reextracted, failed: summary.failed.length, skipped: summary.unchanged });
  };
  try {
    opts.progress?.start(0);
    await boss.work<JobData>(QUEUE, { batchSize: jobs, pollingIntervalSeconds: 0.5 }, async (batch) => {
      inFlight += batch.length;
      try {
        await Promise.all(batch.map(handle));
      } finally {
        inFlight -= batch.length;
      }
    });
    await new Promise<void>((resolve) => {
      const stop = () => {
        clearInterval(timer);
        resolve();
      };
      opts.signal?.addEventListener('abort', stop);
      let idle = 0;
      const timer = setInterval(async () => {
        if (!opts.untilEmpty) return;
        try {
          const waiting = await boss.getQueueSize(QUEUE);
          const active = await boss.getQueueSize(QUEUE, { before: 'completed' });
          idle = waiting === 0 && active === 0 && inFlight === 0 ? idle + 1 : 0;
          if (idle >= 2) stop();
        } catch {
          /* transient; try again */
        }
      }, 500);
    });
    await boss.offWork(QUEUE);
  } finally {
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => undefined);
    if (!opts.parser) await parser.close();
  }
  opts.progress?.phase('历史检查');
  summary.historyChecked = await runHistory(store);
  opts.progress?.stop();
  summary.seconds = (Date.now() - t0) / 1000;
  return summary;
}
