/**
 * A pool of parse workers (worker_threads), one per core by default. A worker that dies
 * or hangs fails only the file it held (recorded as that file's failure) and is replaced.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseBytes } from '../pipeline.js';
import { slim, type ParsedFile } from './parsed.js';

export interface Parser {
  parse(bytes: Uint8Array, source: string): Promise<ParsedFile>;
  close(): Promise<void>;
  readonly size: number;
}

interface Pending {
  id: number;
  source: string;
  bytes: Uint8Array;
  resolve: (r: ParsedFile) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: Pending | null;
}

const WORKER_URL = new URL('./worker-boot.mjs', import.meta.url);

export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

function failed(source: string, code: string, message: string): ParsedFile {
  return { outcome: { ok: false, source, failure: { code, message } }, bands: [], consolidated: false };
}

export class WorkerPool implements Parser {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size = defaultJobs(),
    private readonly timeoutMs = 120_000,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL);
    let markReady: () => void = () => undefined;
    const slot: Slot = { worker, ready: new Promise<void>((r) => (markReady = r)), busy: null };
    worker.on('message', (m: { ready?: boolean; id?: number; result?: ParsedFile; error?: string }) => {
      if (m.ready) {
        markReady();
        this.pump();
        return;
      }
      const p = slot.busy;
      if (!p || p.id !== m.id) return;
      clearTimeout(p.timer);
      slot.busy = null;
      p.resolve(m.result ?? failed(p.source, 'internal-error', `读取时发生内部错误：${m.error}。请把该文件反馈给维护者。`));
      this.pump();
    });
    const die = (why: string) => {
      const p = slot.busy;
      slot.busy = null;
      const i = this.slots.indexOf(slot);
      if (i >= 0 && !this.closed) this.slots[i] = this.spawn();
      if (p) {
        clearTimeout(p.timer);
        p.resolve(failed(p.source, 'worker-crashed', `处理该文件时读取进程异常退出（${why}）。其他文件不受影响；请把该文件反馈给维护者。`));
      }
    };
    worker.on('error', (e) => die(e.message));
    worker.on('exit', (code) => {
      if (!this.closed) die(`退出码 ${code}`);
    });
    worker.unref();
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const p = this.queue.shift()!;
      slot.busy = p;
      p.timer = setTimeout(() => {
        if (slot.busy !== p) return;
        void slot.worker.terminate();
        // 'exit' handler replaces the worker and fails p.
        p.resolve(failed(p.source, 'timeout', `读取超时（超过 ${Math.round(this.timeoutMs / 1000)} 秒），已跳过。请把该文件反馈给维护者。`));
        slot.busy = null;
      }, this.timeoutMs);
      const copy = p.bytes.slice();
      slot.worker.postMessage({ id: p.id, source: p.source, bytes: copy }, [copy.buffer]);
    }
  }

  parse(bytes: Uint8Array, source: string): Promise<ParsedFile> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, source, bytes, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Same interface without threads (one core, or tests of the write path). */
export class InlineParser implements Parser {
  readonly size = 1;
  async parse(bytes: Uint8Array, source: string): Promise<ParsedFile> {
    return slim(await parseBytes(bytes, source));
  }
  async close(): Promise<void> {}
}
