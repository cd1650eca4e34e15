/**
 * Child processes that compute history findings (history-worker.ts) for runHistory, which
 * writes what they return. A group a child cannot do (it crashed, or could not open the store)
 * comes back as an error: the caller then computes it itself.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { GroupResult } from './history.js';
import { killed, workerArgs, workerEntry } from './pool.js';

interface Waiting {
  id: number;
  group: { id: number; firstTime: boolean }[];
  resolve: (r: GroupResult[]) => void;
  reject: (e: Error) => void;
}

interface Child {
  process: ChildProcess;
  ready: boolean;
  busy: Waiting[];
}

export class HistoryPool {
  private children: Child[] = [];
  private queue: Waiting[] = [];
  private nextId = 1;
  private closed = false;

  /**
   * `perChild`: groups a child works on at once — more than one where its queries wait on a
   * server's round trips (PostgreSQL), one where they run in its own thread (SQLite).
   */
  constructor(
    private readonly target: string,
    readonly size: number,
    private readonly perChild = 1,
  ) {
    for (let i = 0; i < size; i++) this.children.push(this.spawn());
  }

  private spawn(): Child {
    const process = fork(workerEntry(import.meta.url, 'history'), workerArgs('history', import.meta.url), {
      execArgv: [], // not the parent's flags (a profiler, a loader): the boot script registers its own
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const child: Child = { process, ready: false, busy: [] };
    process.on('message', (m: { ready?: boolean; id?: number; results?: GroupResult[]; error?: string }) => {
      if (m.ready) {
        child.ready = true;
        this.pump();
        return;
      }
      const i = child.busy.findIndex((b) => b.id === m.id);
      if (i < 0) return;
      const [w] = child.busy.splice(i, 1);
      if (m.results) w.resolve(m.results);
      else w.reject(new Error(m.error ?? 'history process failed'));
      this.pump();
    });
    process.on('error', () => undefined); // 'exit' follows
    process.on('exit', () => {
      for (const w of child.busy.splice(0)) w.reject(new Error('history process exited'));
      const i = this.children.indexOf(child);
      if (i >= 0) this.children.splice(i, 1);
      // A child that died is not replaced: its groups fall back to the caller, the others go on.
      if (this.children.length === 0) for (const q of this.queue.splice(0)) q.reject(new Error('no history process left'));
      else this.pump();
    });
    return child;
  }

  private pump(): void {
    for (const child of this.children)
      while (child.ready && child.busy.length < this.perChild && this.queue.length) {
        const w = this.queue.shift()!;
        child.busy.push(w);
        child.process.send({ id: w.id, target: this.target, group: w.group });
      }
  }

  /** The findings of a group, computed by a child. */
  compute(group: { id: number; firstTime: boolean }[]): Promise<GroupResult[]> {
    if (this.closed || this.children.length === 0) return Promise.reject(new Error('history pool closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, group, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.children.map((c) => killed(c.process)));
  }
}
