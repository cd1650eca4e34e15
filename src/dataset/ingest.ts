/**
 * `nianbao ingest` orchestration: inputs → bytes → content hash → (skip if stored with the
 * current parser version) → parse in a parse process → written in batches on the main
 * thread (one transaction per batch, each report whole or not at all) → history-aware checks
 * for what changed. A failed file is recorded with its
 * failure and the batch goes on. Killing the process loses at most the reports in flight:
 * rerunning skips what is committed and completes the rest.
 */
import { createHash } from 'node:crypto';
import { PlannerStatistics, type Store } from '../store/db.js';
import { sameAgencyYears, storedHashes, writeReport, writeReports, type ReportInput, type WriteResult } from '../store/queries.js';
import { countWaiting, runHistory, WrittenViews } from './history.js';
import { collectInputs, InputError, type InputItem, type SkippedFile } from './inputs.js';
import { NO_CELLS, type ParsedFile } from '../store/parsed.js';
import type { FileLimits } from '../core/file-limits.js';
import { WorkerPool, defaultJobs, type Parser } from './pool.js';
import { PARSER_VERSION } from './version.js';

/** Bytes of files read and not yet parsed, at most (many lanes keep the parse processes fed; a folder of large PDFs must not fill memory). */
const HELD_BYTES = 64 * 1024 * 1024;

/**
 * Bytes of files read and not yet done with. Files are read one at a time, each only while the
 * bytes held are under the budget: however many lanes wait, memory exceeds it by one file at most.
 */
export class ByteBudget {
  private used = 0;
  private waiting: (() => void)[] = [];
  private reading: Promise<unknown> = Promise.resolve();
  constructor(private readonly max: number) {}

  /** Runs `read` when there is room, and counts what it returns as held until give(). */
  admit<T>(read: () => Promise<T>, size: (t: T) => number): Promise<T> {
    const turn = this.reading.then(async () => {
      while (this.used >= this.max) await new Promise<void>((r) => this.waiting.push(r));
      const t = await read();
      this.used += size(t);
      return t;
    });
    this.reading = turn.catch(() => undefined);
    return turn;
  }

  give(n: number): void {
    this.used -= n;
    for (const w of this.waiting.splice(0)) w();
  }

  get held(): number {
    return this.used;
  }
}

/** Most parsed reports written together (one transaction, a few statements; see writeReports). */
const WRITE_BATCH = 64;
/** How long the writer waits for a batch to fill (a report is written at most this much later). */
const GATHER_MS = 250;

export interface Progress {
  start(total: number): void;
  /** `info` while files are read; absent in later phases (history checks). */
  update(done: number, info?: { added: number; failed: number; skipped: number }): void;
  phase(name: string, total?: number): void;
  stop(): void;
}

export interface IngestOptions {
  jobs?: number;
  parserVersion?: number;
  progress?: Progress;
  /** Parse on this (tests); default: a worker pool of `jobs` threads. */
  parser?: Parser;
  /** Run the history-aware checks at the end (default true). */
  history?: boolean;
  /** Per-file time and memory limits (default DEFAULT_FILE_LIMITS). */
  limits?: FileLimits;
}

export interface FileFailure {
  source: string;
  code: string;
  message: string;
}

export interface IngestSummary {
  total: number;
  added: number;
  reextracted: number;
  unchanged: number;
  duplicates: { source: string; sameAs: string }[];
  failed: FileFailure[];
  /** Files a folder or archive scan passed over (not reports), with the reason. */
  skipped: SkippedFile[];
  historyChecked: number;
  seconds: number;
  /** Agency-years now held by more than one report: which one counts (Chinese, one line each). */
  sameYear?: string[];
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Hash of a file that has no readable bytes: stable, so a rerun does not add it twice. */
export function placeholderHash(kind: string, source: string): string {
  return 'x' + sha256(Buffer.from(`${kind}\0${source}`, 'utf8')).slice(1);
}

/** The item's bytes; or, when it cannot be read, the failure, already recorded in the store. */
export async function readItem(store: Store, item: InputItem, parserVersion: number): Promise<{ bytes: Uint8Array } | { failure: FileFailure; result: WriteResult }> {
  try {
    return { bytes: await item.read() };
  } catch (e) {
    const code = e instanceof InputError ? e.code : 'file-unreadable';
    const message = e instanceof Error ? e.message : String(e);
    return { failure: { source: item.source, code, message }, result: await writeFailure(store, item.source, code, message, parserVersion) };
  }
}

/** Records a file that could not be read (or not even opened) as a failed report. */
export function writeFailure(store: Store, source: string, code: string, message: string, parserVersion: number): Promise<WriteResult> {
  return writeReport(store, { source, hash: placeholderHash(code, source), parserVersion, parsed: failedParse(source, code, message) });
}

function failedParse(source: string, code: string, message: string): ParsedFile {
  return { outcome: { ok: false, source, failure: { code, message } }, cells: NO_CELLS, bands: [], consolidated: false };
}

/** Names of files, the first few in full (a crawl can hold hundreds of copies of one report). */
function fileList(sources: string[], shown = 5): string {
  const named = sources.slice(0, shown).map((s) => `“${s}”`).join('、');
  return sources.length > shown ? `${named} 等共 ${sources.length} 个` : named;
}

export async function ingest(store: Store, inputs: string[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const t0 = Date.now();
  const version = opts.parserVersion ?? PARSER_VERSION;
  const { items, problems, skipped } = await collectInputs(inputs);
  const summary: IngestSummary = { total: items.length + problems.length, added: 0, reextracted: 0, unchanged: 0, duplicates: [], failed: [], skipped, historyChecked: 0, seconds: 0 };
  const known = await storedHashes(store.db);
  const inBatch = new Map<string, string>();
  const progress = opts.progress;
  progress?.start(summary.total);
  let done = 0;
  const tick = () => {
    done++;
    progress?.update(done, { added: summary.added + summary.reextracted, failed: summary.failed.length, skipped: summary.unchanged + summary.duplicates.length });
  };

  const record = (source: string, r: WriteResult, failure?: FileFailure) => {
    if (r.kind === 'exists') {
      if (r.source && r.source !== source) summary.duplicates.push({ source, sameAs: r.source });
      else summary.unchanged++;
      return;
    }
    if (r.kind === 'added') summary.added++;
    else summary.reextracted++;
    if (failure) summary.failed.push(failure);
  };

  for (const p of problems) {
    const r = await writeFailure(store, p.source, p.code, p.message, version);
    record(p.source, r.kind === 'exists' ? { ...r, source: p.source } : r, p);
    tick();
  }

  const jobs = Math.max(1, Math.min(opts.jobs ?? defaultJobs(), Math.max(1, items.length)));
  // Always in child processes, even for one file: the per-file time and memory limits hold everywhere.
  const parser: Parser = opts.parser ?? new WorkerPool(jobs, opts.limits, true, store.backend === 'postgres' ? 'pg' : 'json');
  // Parsed reports wait here to be written, WRITE_BATCH at a time. The writer waits (at most
  // GATHER_MS) for a batch to fill while parsing goes on, so a batch is rarely a handful of
  // reports paying the statements of a full one; at the end (no more to come) it writes what
  // is left at once. Parsing waits when the backlog reaches two batches (memory stays flat),
  // until the writer takes a batch from it — not until the backlog is empty: waiting for that
  // left the parse processes idle while the writer drained it, and the writer's last short
  // batch waited GATHER_MS for reports no lane was free to bring.
  const toWrite: { input: ReportInput; failure?: FileFailure }[] = [];
  const statistics = new PlannerStatistics(store);
  // What the history checks read of the reports written here (PostgreSQL: see WrittenViews).
  const written = store.backend === 'postgres' && opts.history !== false ? new WrittenViews() : undefined;
  let writing: Promise<void> | null = null;
  let writeError: unknown = null;
  let allParsed = false;
  let filled: (() => void) | null = null;
  const gather = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), GATHER_MS);
      const done = () => {
        clearTimeout(timer);
        filled = null;
        resolve();
      };
      filled = done;
    });
  const wake = () => filled?.();
  let roomWaiters: (() => void)[] = [];
  const room = () => {
    const w = roomWaiters;
    roomWaiters = [];
    for (const r of w) r();
  };
  const writeAll = async () => {
    try {
      while (toWrite.length && writeError === null) {
        if (toWrite.length < WRITE_BATCH && !allParsed) await gather();
        const batch = toWrite.splice(0, WRITE_BATCH);
        room();
        const results = await writeReports(
          store,
          batch.map((b) => b.input),
        );
        batch.forEach((b, i) => {
          const r = results[i];
          record(b.input.source, r, b.failure);
          if (written && r.kind !== 'exists' && b.input.parsed.history) written.add(r.id, b.input.parsed.history);
          tick();
        });
        await statistics.grown(known.size + summary.added);
      }
    } catch (e) {
      writeError = e;
    } finally {
      writing = null;
      room();
    }
  };
  const write = async (input: ReportInput, failure?: FileFailure) => {
    toWrite.push({ input, failure });
    if (toWrite.length >= WRITE_BATCH) wake();
    writing ??= writeAll();
    while (toWrite.length >= 2 * WRITE_BATCH && writeError === null) await new Promise<void>((r) => roomWaiters.push(r));
    if (writeError !== null) throw writeError;
  };
  const held = new ByteBudget(HELD_BYTES);
  try {
    let next = 0;
    /** Reads, hashes, skips or parses one item; true when it went to the writer (which counts it). */
    const handle = async (item: InputItem): Promise<boolean> => {
      const read = await held.admit(
        () => readItem(store, item, version),
        (r) => ('bytes' in r ? r.bytes.length : 0),
      );
      if ('failure' in read) {
        record(item.source, read.result, read.failure);
        return false;
      }
      const bytes = read.bytes;
      try {
        return await handleBytes(item, bytes);
      } finally {
        held.give(bytes.length);
      }
    };
    const handleBytes = async (item: InputItem, bytes: Uint8Array): Promise<boolean> => {
      const hash = sha256(bytes);
      const k = known.get(hash);
      if (k && k.version >= version) {
        if (k.source !== item.source) {
          summary.duplicates.push({ source: item.source, sameAs: k.source });
          // remember the other name; no parse, no new report
          await writeReport(store, { source: item.source, hash, parserVersion: version, parsed: failedParse(item.source, 'duplicate', '') });
        } else summary.unchanged++;
        return false;
      }
      const first = inBatch.get(hash);
      if (first !== undefined) {
        summary.duplicates.push({ source: item.source, sameAs: first });
        return false;
      }
      inBatch.set(hash, item.source);
      const parsed = await parser.parse(bytes, item.source);
      const o = parsed.outcome;
      await write({ source: item.source, hash, parserVersion: version, parsed }, o.ok ? undefined : { source: item.source, code: o.failure.code, message: o.failure.message });
      return true;
    };
    const lane = async () => {
      while (next < items.length && writeError === null) {
        const item = items[next++];
        if (!(await handle(item))) tick();
      }
    };
    await Promise.all(Array.from({ length: Math.max(2, parser.capacity ?? parser.size * 2) }, lane));
    allParsed = true;
    wake();
    while ((writing || toWrite.length) && writeError === null) await (writing ??= writeAll());
    if (writeError !== null) throw writeError;
    await statistics.settled();
  } finally {
    if (!opts.parser) await parser.close();
  }
  // Later duplicates of a name stored in the same batch: note the alternative name.
  for (const d of summary.duplicates) {
    const hashOf = [...inBatch.entries()].find(([, s]) => s === d.sameAs)?.[0];
    if (hashOf) await writeReport(store, { source: d.source, hash: hashOf, parserVersion: version, parsed: failedParse(d.source, 'duplicate', '') }).catch(() => undefined);
  }
  // The same agency-year from two files (a web page and a crawled text): both kept, one counted.
  const batchSources = new Set(items.map((i) => i.source));
  summary.sameYear = (await sameAgencyYears(store.db))
    .filter((d) => [d.used, ...d.others].some((c) => batchSources.has(c.source)))
    .map((d) => `${d.agency} ${d.year} 年有 ${d.others.length + 1} 个文件；统计与比较采用“${d.used.source}”（读出的单元格最多，相同时取较新的），其余照常保存：${fileList(d.others.map((o) => o.source))}。`);
  if (opts.history !== false) {
    const waiting = await countWaiting(store);
    progress?.phase('历史检查', waiting);
    summary.historyChecked = await runHistory(store, (d) => progress?.update(d), { processes: jobs, waiting, written });
  }
  progress?.stop();
  summary.seconds = (Date.now() - t0) / 1000;
  return summary;
}
