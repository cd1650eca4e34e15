/**
 * `npm run bench`: cold start of the command line, throughput and memory of parse+check, per
 * format, and of ingest. Prints figures; never asserts (speed targets are read from this output,
 * not from tests). The default run fits in about three minutes on a 2-core machine;
 * `npm run bench -- --full` runs the ingest on 10,000 reports and the kill -9 test on 5,000.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coldStart } from './coldstart.js';
import { baseTexts, variant } from './corpus.js';

// The compiled build is what `npx nianbao` runs: that is measured, not the sources through tsx's loader
// (whose hooks cost about a fifth of a text report's time). `npm run bench` builds first.
const { parseBytes } = (await import(new URL('../dist/pipeline.js', import.meta.url).href)) as typeof import('../src/pipeline.js');

const here = path.dirname(fileURLToPath(import.meta.url));
const enc = new TextEncoder();

function mb(n: number): string {
  return `${(n / 1048576).toFixed(0)} MB`;
}

const BATCH = 250;

/**
 * Parse+check of `count` distinct text reports on this thread. Inputs are made in batches
 * outside the timed part (the generator is not what is measured); memory is read after a
 * collection at each quarter, to show it stays flat as the count grows.
 */
async function benchText(count: number): Promise<void> {
  const bases = baseTexts();
  for (let i = 0; i < 200; i++) await parseBytes(enc.encode(variant(bases, i).text), 'warm.txt'); // warm-up (JIT, regexes)
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const checkpoints: string[] = [];
  let busy = 0;
  let errors = 0;
  for (let start = 0; start < count; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const v = variant(bases, i);
      batch.push({ name: v.name, bytes: enc.encode(v.text) });
    }
    const t0 = performance.now();
    for (const b of batch) if (!(await parseBytes(b.bytes, b.name)).ok) errors++;
    busy += performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().rss);
    const done = start + batch.length;
    if (done % Math.max(BATCH, Math.floor(count / 4 / BATCH) * BATCH) === 0 || done === count) {
      globalThis.gc?.();
      checkpoints.push(`${done}: 堆 ${mb(process.memoryUsage().heapUsed)} / RSS ${mb(process.memoryUsage().rss)}`);
    }
  }
  const secs = busy / 1000;
  console.log(`文本报告 parse+check（单线程）：${count} 份，${secs.toFixed(2)} s，${(count / secs).toFixed(0)} 份/秒，峰值 RSS ${mb(peak)}（起始 ${mb(rss0)}），读取失败 ${errors}`);
  console.log(`  内存随数量（回收后）：${checkpoints.join('，')}`);
}

const full = process.argv.includes('--full');
const t0 = Date.now();
coldStart(Number(process.env.BENCH_ROUNDS ?? 7));
const count = Number(process.env.BENCH_COUNT ?? 5000);
await benchText(count);

// Other formats and ingest have their own scripts.
// Scanned pages (OCR, seconds per page) only on request: `npm run bench -- --scan`.
const scan = process.argv.includes('--scan') || process.env.BENCH_SCAN === '1';
const scripts: [string, string[]][] = [
  ['formats.ts', []],
  ['ingest.ts', full ? ['10000', '--kill-files', '5000'] : ['2000', '--kill-files', '1000']],
  ...(scan ? ([['scan-speed.ts', []]] as [string, string[]][]) : []),
];
for (const [script, args] of scripts) {
  const p = path.join(here, script);
  if (!existsSync(p)) continue;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', p, ...args], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) console.log(`（${script} 退出码 ${r.status}）`);
}
console.log(`基准测试用时 ${((Date.now() - t0) / 1000).toFixed(0)} 秒${full ? '（--full）' : '（默认规模；npm run bench -- --full 为 10,000 份入库与 5,000 份 kill -9 测试）'}。`);
