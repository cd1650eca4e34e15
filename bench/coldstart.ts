/**
 * Cold start of the installed command line, measured as whole processes: each command is run
 * ROUNDS times (at least 5), interleaved with `node -e 0` so that both see the same machine
 * load, and the median wall time of each is compared with Node's own start. Runs the compiled
 * CLI (bin/nianbao.js → dist/; `npm run bench` builds it first) on the bundled samples.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'nianbao.js');
const TXT = path.join(ROOT, 'samples', '000_2790cd25742a97b3.txt');
const PDF = path.join(ROOT, 'samples', 'huaian-city-2024.pdf');

interface Case {
  label: string;
  args: string[];
  /** Target: at most this many times `node -e 0`. */
  target?: number;
}

const CASES: Case[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'nianbao --help', args: [BIN, '--help'], target: 2 },
  { label: 'nianbao --version', args: [BIN, '--version'] },
  { label: 'nianbao parse 文本报告 --format json', args: [BIN, 'parse', TXT, '--format', 'json'], target: 4 },
  { label: 'nianbao parse 淮安 PDF（6 页）', args: [BIN, 'parse', PDF, '--format', 'json'], target: 12 },
];

/** Pads to a display width (CJK characters take two columns). */
function pad(s: string, width: number): string {
  const w = [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, width - w));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function coldStart(rounds: number): void {
  const times = CASES.map(() => [] as number[]);
  for (const c of CASES) spawnSync(process.execPath, c.args, { stdio: 'ignore' }); // file cache warm, not measured
  for (let r = 0; r < rounds; r++)
    CASES.forEach((c, i) => {
      const t0 = process.hrtime.bigint();
      const p = spawnSync(process.execPath, c.args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (p.status !== null && p.status > 1) throw new Error(`${c.label} 退出码 ${p.status}：${String(p.stderr).slice(0, 300)}`);
      times[i].push(ms);
    });
  const base = median(times[0]);
  console.log(`冷启动（整个进程，${rounds} 次取中位数，与同一轮的 node -e 0 相比）：`);
  CASES.forEach((c, i) => {
    const m = median(times[i]);
    const ratio = m / base;
    const verdict = c.target === undefined ? '' : `  目标 ≤ ${c.target}× ${ratio <= c.target ? '✔' : '✘'}`;
    console.log(`  ${pad(c.label, 36)} ${m.toFixed(0).padStart(6)} ms  ${ratio.toFixed(2)}×${verdict}`);
  });
}

if (import.meta.filename === process.argv[1]) coldStart(Number(process.env.BENCH_ROUNDS ?? 7));
