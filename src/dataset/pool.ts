/**
 * A pool of parse processes, one per core by default. Each file is read + extracted +
 * checked in a child process under two limits (src/core/file-limits.ts): wall time, and
 * memory — the child's V8 heap is capped and its resident size is watched, because the
 * buffers a reader inflates (a PDF stream of 1 GB of zeros) live outside the heap. A file
 * over a limit fails with `timeout` / `too-complex`, the child is replaced, the batch goes on.
 * Processes rather than threads: a thread's buffers cannot be measured or freed on their own.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FILE_LIMITS, type FileLimits } from '../core/file-limits.js';
import type { ParseOutcome } from '../pipeline.js';
import { NO_CELLS, slim, type CellFormat, type ParsedFile } from '../store/parsed.js';

export interface Parser {
  parse(bytes: Uint8Array, source: string): Promise<ParsedFile>;
  close(): Promise<void>;
  readonly size: number;
  /** Files it can usefully hold at once (default: two per process). */
  readonly capacity?: number;
}

type Result = ParsedFile | ParseOutcome;

interface Pending {
  id: number;
  source: string;
  bytes: Uint8Array;
  full: boolean;
  resolve: (r: Result) => void;
  timer?: NodeJS.Timeout;
  /** Set when the pool itself stopped the child: the failure to report. */
  stopped?: { code: string; message: string };
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  /** Files sent to the child, in order; the first is the one it is reading now. */
  sent: Pending[];
  /** Last lines the child wrote to stderr (a V8 out-of-memory report, say). */
  stderr: string;
}

/**
 * A child's entry: under TypeScript sources (tsx, vitest) a small .mjs that registers tsx first
 * (told which worker by its first argument: workerArgs); in a compiled build (dist/) the
 * compiled worker itself.
 */
export function workerEntry(here = import.meta.url, worker: 'parse' | 'history' = 'parse'): string {
  if (here.endsWith('.ts')) return fileURLToPath(new URL('./worker-boot.mjs', here));
  // The parse process bundled by the build (scripts/bundle-worker.mjs), when it is there.
  const bundled = fileURLToPath(new URL(`./worker/${worker}-worker.js`, here));
  return fs.existsSync(bundled) ? bundled : fileURLToPath(new URL(`./${worker}-worker.js`, here));
}

/** Arguments for workerEntry's child (the boot script needs the worker's name). */
export function workerArgs(worker: 'parse' | 'history', here = import.meta.url): string[] {
  return here.endsWith('.ts') ? [worker] : [];
}

export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export function failedOutcome(source: string, code: string, message: string): Extract<ParseOutcome, { ok: false }> {
  return { ok: false, source, failure: { code, message } };
}

function failed(p: Pending, code: string, message: string): Result {
  const outcome = failedOutcome(p.source, code, message);
  return p.full ? outcome : { outcome, cells: NO_CELLS, bands: [], consolidated: false };
}

/** Resident memory of a process in bytes (Linux /proc), or null where it cannot be read. */
export function residentBytes(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s*kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function timeoutMessage(limits: FileLimits): string {
  return `读取超时：处理该文件超过 ${limits.timeSeconds} 秒仍未完成，已停止并跳过（其他文件不受影响）。文件可能结构异常（如极深的嵌套）；确属正常报告时可用 --time-limit 放宽上限。`;
}

export function tooComplexMessage(limits: FileLimits): string {
  return `文件过于复杂：读取时占用内存超过 ${limits.memoryMb} MB，已停止并跳过（其他文件不受影响）。文件可能含有解压后极大的内容；确属正常报告时可用 --memory-limit 放宽上限。`;
}

/** Heap cap of a parse process: below the memory limit (the rest is for buffers, code and the runtime). */
function heapMbFor(limits: FileLimits): number {
  return Math.max(96, Math.floor(limits.memoryMb * 0.75));
}

/**
 * Scheduling priority of an ingest's parse processes, below the process that writes (and below
 * the database server). Storing is a chain — build a batch, the server writes it, the next — and
 * parsing runs ahead of it; when both want the two cores, the chain must not wait for a core while
 * parse processes fill a backlog the writer cannot take. With nothing else to run they get the CPU
 * all the same. (`parse` and `check` keep the normal priority: there the parse is the work a person waits for.)
 */
const PARSE_NICE = 10;

function forkParser(heapMb: number, preload?: 'pdf', yieldToWriter = false): ChildProcess {
  const child = fork(workerEntry(), workerArgs('parse'), {
    // An ingest's parse processes collect garbage on their own thread: the two cores are
    // oversubscribed (parse processes, writer, server), where V8's helper threads for parallel and
    // concurrent collection added CPU (~0.2 ms a report) rather than saved time.
    execArgv: [`--max-old-space-size=${heapMb}`, '--stack-size=4000', ...(yieldToWriter ? ['--single-threaded-gc'] : [])],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, NIANBAO_PARSE_WORKER: '1', ...(preload ? { NIANBAO_PRELOAD: preload } : {}) },
  });
  if (yieldToWriter && child.pid !== undefined)
    try {
      os.setPriority(child.pid, Math.min(19, os.getPriority(process.pid) + PARSE_NICE));
    } catch {
      // not allowed here (some containers): same priority as the writer, only slower
    }
  return child;
}

interface Prewarmed {
  child: ChildProcess;
  heapMb: number;
  ready: boolean;
  stderr: string;
  /** Hands the child over to a pool (its listeners here removed, the process referenced again). */
  release(): void;
}

let prewarmed: Prewarmed | null = null;

/**
 * Starts one parse process with the default limits before the command line has even parsed
 * its arguments (`parse`, `check`): its start-up — a second Node and the whole pipeline —
 * then overlaps with the command's own on a second core, instead of following it. The first
 * pool with the same heap cap takes it over; if none does, it keeps nothing alive and ends with
 * this process.
 */
export function prewarm(limits: FileLimits = DEFAULT_FILE_LIMITS, preload?: 'pdf'): void {
  if (prewarmed) return;
  const heapMb = heapMbFor(limits);
  const child = forkParser(heapMb, preload);
  const early: Prewarmed = {
    child,
    heapMb,
    ready: false,
    stderr: '',
    release: () => {
      child.off('message', onMessage);
      child.stderr?.off('data', onData);
      child.off('error', onError);
      keepsAlive(child, true);
    },
  };
  const onMessage = (m: { ready?: boolean }) => {
    if (m.ready) early.ready = true;
  };
  const onData = (d: Buffer) => {
    early.stderr = (early.stderr + d.toString('utf8')).slice(-2000);
  };
  const onError = () => undefined;
  child.on('message', onMessage);
  child.stderr?.on('data', onData);
  child.on('error', onError);
  keepsAlive(child, false);
  prewarmed = early;
}

/** Whether a child keeps this process alive: the process, its channel and its stderr pipe together. */
function keepsAlive(child: ChildProcess, yes: boolean): void {
  const pipe = child.stderr as { ref?: () => void; unref?: () => void } | null;
  if (yes) {
    child.ref();
    child.channel?.ref();
    pipe?.ref?.();
  } else {
    child.unref();
    child.channel?.unref();
    pipe?.unref?.();
  }
}

function takePrewarmed(heapMb: number): Prewarmed | null {
  const p = prewarmed;
  if (!p || p.heapMb !== heapMb || p.child.exitCode !== null || p.child.signalCode !== null || !p.child.connected) return null;
  prewarmed = null;
  return p;
}

/** Kills a child process; resolves when it has exited. */
export function killed(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** How often the children's memory is looked at. */
const WATCH_MS = 100;
/**
 * Files sent ahead to a child beyond the one it reads, and their bytes at most. The process that
 * sends them also writes to the database (SQLite: synchronously, ~100 ms a batch); with only one
 * file at a time a child would finish it and wait for that, idle half the time (measured).
 */
const SEND_AHEAD = 32;
const SEND_AHEAD_BYTES = 8 * 1024 * 1024;

export class WorkerPool implements Parser {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private watch: NodeJS.Timeout;

  /**
   * `feedsWriter`: the pool's output goes to a database writer in this process (ingest): see PARSE_NICE.
   * `cells`: how parse() hands a report's cells over (PostgreSQL's binary elements for a PostgreSQL store).
   */
  constructor(
    readonly size = defaultJobs(),
    readonly limits: FileLimits = DEFAULT_FILE_LIMITS,
    private readonly feedsWriter = false,
    private readonly cells: CellFormat = 'json',
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
    this.watch = setInterval(() => this.checkMemory(), WATCH_MS);
    this.watch.unref();
  }

  private spawn(): Slot {
    const heapMb = heapMbFor(this.limits);
    const early = this.feedsWriter ? null : takePrewarmed(heapMb);
    const child = early?.child ?? forkParser(heapMb, undefined, this.feedsWriter);
    const slot: Slot = { child, ready: false, sent: [], stderr: early?.stderr ?? '' };
    if (early) {
      early.release();
      slot.ready = early.ready;
      if (slot.ready) queueMicrotask(() => this.pump());
    }
    child.stderr?.on('data', (d: Buffer) => {
      slot.stderr = (slot.stderr + d.toString('utf8')).slice(-2000);
    });
    child.on('message', (m: { ready?: boolean; id?: number; result?: Result; error?: string; ocrPage?: boolean }) => {
      if (m.ready) {
        slot.ready = true;
        this.pump();
        return;
      }
      const p = slot.sent[0];
      if (!p || p.id !== m.id) return;
      if (m.ocrPage) {
        // A scan is read page by page: the time limit applies to each page, not the whole file.
        this.startClock(slot, p);
        return;
      }
      clearTimeout(p.timer);
      slot.sent.shift();
      // The child goes on with the next file it holds: that file starts now.
      if (slot.sent.length) this.begin(slot, slot.sent[0]);
      p.resolve(m.result ?? failed(p, 'internal-error', `读取时发生内部错误：${m.error}。请把该文件反馈给维护者。`));
      this.pump();
    });
    child.on('error', () => undefined); // 'exit' follows and handles it
    child.on('exit', (code, signal) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0 && !this.closed) this.slots[i] = this.spawn();
      // The file being read fails; those sent ahead go to another child, first in line.
      const [p, ...ahead] = slot.sent;
      slot.sent = [];
      if (this.closed) for (const q of ahead) q.resolve(failed(q, 'internal-error', '读取进程已关闭。'));
      else this.queue.unshift(...ahead);
      if (p) {
        clearTimeout(p.timer);
        if (p.stopped) p.resolve(failed(p, p.stopped.code, p.stopped.message));
        else if (/heap out of memory|Allocation failed|Invalid array length|Array buffer allocation failed/i.test(slot.stderr)) p.resolve(failed(p, 'too-complex', tooComplexMessage(this.limits)));
        else p.resolve(failed(p, 'worker-crashed', `处理该文件时读取进程异常退出（${signal ?? `退出码 ${code}`}）。其他文件不受影响；请把该文件反馈给维护者。`));
      }
      if (!this.closed) this.pump();
    });
    return slot;
  }

  /** The child starts reading `p` (the first file it holds): its stderr and its time limit count from here. */
  private begin(slot: Slot, p: Pending): void {
    slot.stderr = '';
    this.startClock(slot, p);
  }

  private startClock(slot: Slot, p: Pending): void {
    clearTimeout(p.timer);
    p.timer = setTimeout(() => this.stop(slot, 'timeout', timeoutMessage(this.limits)), this.limits.timeSeconds * 1000);
  }

  private stop(slot: Slot, code: string, message: string): void {
    const p = slot.sent[0];
    if (!p || p.stopped) return;
    p.stopped = { code, message };
    slot.child.kill('SIGKILL');
  }

  private checkMemory(): void {
    const cap = this.limits.memoryMb * 1024 * 1024;
    for (const slot of this.slots) {
      if (slot.sent.length === 0 || slot.child.pid === undefined) continue;
      const rss = residentBytes(slot.child.pid);
      if (rss !== null && rss > cap) this.stop(slot, 'too-complex', tooComplexMessage(this.limits));
    }
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready) continue;
      let ahead = slot.sent.slice(1).reduce((n, q) => n + q.bytes.length, 0);
      while (this.queue.length && slot.sent.length <= SEND_AHEAD) {
        const p = this.queue[0];
        if (slot.sent.length > 0 && ahead + p.bytes.length > SEND_AHEAD_BYTES) break;
        this.queue.shift();
        if (slot.sent.length > 0) ahead += p.bytes.length;
        else this.begin(slot, p);
        slot.sent.push(p);
        slot.child.send({ id: p.id, source: p.source, bytes: p.bytes, full: p.full, cells: this.cells });
      }
    }
  }

  /** Process ids of the parse processes (for watching them). */
  get pids(): number[] {
    return this.slots.flatMap((s) => (s.child.pid === undefined ? [] : [s.child.pid]));
  }

  /** Files the pool reads at once with those sent ahead (how many a caller may keep waiting). */
  get capacity(): number {
    return this.size * (SEND_AHEAD + 1);
  }

  private submit(bytes: Uint8Array, source: string, full: boolean): Promise<Result> {
    if (this.closed) return Promise.resolve(failed({ id: 0, source, bytes, full, resolve: () => undefined }, 'internal-error', '读取进程已关闭。'));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, source, bytes, full, resolve });
      this.pump();
    });
  }

  /** The slim result stored by ingest. */
  async parse(bytes: Uint8Array, source: string): Promise<ParsedFile> {
    return (await this.submit(bytes, source, false)) as ParsedFile;
  }

  /** The whole outcome with display lines (parse, check, render). */
  async parseFull(bytes: Uint8Array, source: string): Promise<ParseOutcome> {
    return (await this.submit(bytes, source, true)) as ParseOutcome;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watch);
    await Promise.all(this.slots.map((s) => killed(s.child)));
  }
}

/** Same interface in this process, without limits (tests of the write path). */
export class InlineParser implements Parser {
  readonly size = 1;
  /** `format`: as the parse processes hand reports over for this store ('pg' for PostgreSQL; default 'json'). */
  constructor(private readonly format: CellFormat = 'json') {}
  async parse(bytes: Uint8Array, source: string): Promise<ParsedFile> {
    const { parseBytes } = await import('../pipeline.js');
    return slim(await parseBytes(bytes, source), this.format);
  }
  async close(): Promise<void> {}
}
