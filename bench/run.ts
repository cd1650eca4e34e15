/**
 * `npm run bench`: throughput and memory of parse+check, per format, and of ingest.
 * Prints figures; never asserts (speed targets are read from this output, not from tests).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBytes } from '../src/pipeline.js';
import { baseTexts, variant } from './corpus.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const enc = new TextEncoder();

/** CPU seconds used by this process since `c0`: on a busy machine this, not wall time, is the per-core cost. */
export function cpuSeconds(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

function mb(n: number): string {
  return `${(n / 1048576).toFixed(0)} MB`;
}

async function benchText(count: number): Promise<void> {
  const bases = baseTexts();
  // Warm-up: compile regexes, load the converter.
  for (let i = 0; i < 50; i++) await parseBytes(enc.encode(variant(bases, i).text), 'warm.txt');
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const checkpoints: string[] = [];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let errors = 0;
  for (let i = 0; i < count; i++) {
    const v = variant(bases, i);
    const o = await parseBytes(enc.encode(v.text), v.name);
    if (!o.ok) errors++;
    if (i % 100 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    if ((i + 1) % Math.max(1, Math.floor(count / 4)) === 0) {
      // Live memory after a collection: what stays allocated as the count grows.
      globalThis.gc?.();
      checkpoints.push(`${i + 1}: 堆 ${mb(process.memoryUsage().heapUsed)} / RSS ${mb(process.memoryUsage().rss)}`);
    }
  }
  const secs = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(c0);
  console.log(`文本报告 parse+check：${count} 份，用时 ${secs.toFixed(2)} s（${(count / secs).toFixed(0)} 份/秒），CPU ${cpu.toFixed(2)} s（单核 ${(count / cpu).toFixed(0)} 份/CPU 秒），峰值 RSS ${mb(peak)}（起始 ${mb(rss0)}），读取失败 ${errors}`);
  console.log(`  内存随数量：${checkpoints.join('，')}`);
}

const count = Number(process.env.BENCH_COUNT ?? 2000);
await benchText(count);

// Other formats and ingest have their own scripts; run those that exist.
for (const script of ['formats.ts', 'ingest.ts']) {
  const p = path.join(here, script);
  if (!existsSync(p)) continue;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', p], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) console.log(`（${script} 退出码 ${r.status}）`);
}
