/**
 * OCR speed and memory on one core (issue 9):
 *   node --import tsx --expose-gc bench/scan-speed.ts [--pages 100] [--file scan.pdf]
 * Reads the pages of a scanned PDF (default: the 150 dpi fixture, pages reused round-robin)
 * one after another through the reader's OCR path — each tesseract call single-threaded,
 * one call at a time, so the figure is seconds per page on one core — and prints the heap
 * and RSS after every tenth page: memory must stay flat however many pages are read.
 * `npm run bench -- --scan` runs it after the default bench.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ocrPdfPages } from '../src/read/ocr/scan.js';
import { ocrAvailability } from '../src/read/ocr/tesseract.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const pages = Number(opt('--pages', '100'));
const file = opt('--file', path.join(here, '../test/scan/fixtures/outcome-total-150dpi.pdf'));

if (!ocrAvailability().ok) {
  console.log(`扫描件 OCR：跳过（未安装 ${ocrAvailability().missing.join('、')}）`);
  process.exit(0);
}
const pdf = new Uint8Array(readFileSync(file));
const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 1);
const mb = (x: number) => `${(x / 1048576).toFixed(0)} MB`;
const marks: string[] = [];
let cells = 0;
let doubtful = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < pages; i++) {
  const page = (i % n) + 1;
  const r = (await ocrPdfPages(pdf, [page], path.basename(file))).get(page)!;
  cells += r.cells;
  doubtful += r.doubtful;
  if ((i + 1) % 10 === 0 || i + 1 === pages) {
    globalThis.gc?.();
    const m = process.memoryUsage();
    marks.push(`${i + 1}: 堆 ${mb(m.heapUsed)} / RSS ${mb(m.rss)}`);
  }
}
const secs = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(
  `扫描件 OCR（${path.basename(file)}，${pages} 页，逐页、每次一个 tesseract 进程单线程）：${(secs / pages).toFixed(2)} s/页（墙钟；load ${os.loadavg()[0].toFixed(1)}），本进程 CPU ${((cpu.user + cpu.system) / 1e6 / pages).toFixed(2)} s/页；单元格 ${cells}，存疑 ${doubtful}`,
);
console.log(`  内存随页数（回收后）：${marks.join('，')}`);
