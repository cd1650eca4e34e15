/**
 * Scanned-report benchmark (issue 9):
 *   node --import tsx bench/scan.ts [--count N] [--seed S] [--dpi 200] [--jobs N] [--out DIR] [--keep DIR] [--scan-only]
 *
 * `--only a,b`: only the documents whose id contains a or b, or whose presentation is a or b.
 * Documents whose text PDF already lost table rows before scanning (LibreOffice's narrow layouts)
 * are left out and named, as the layout zoo leaves them out (test/zoo/render-check.ts).
 *
 * Makes scanned copies of zoo reports (valid and with injected defects, both templates): the
 * DOCX presentations rendered to PDF by LibreOffice, each page rasterised by pdftoppm at the
 * given dpi, stamped with a red seal (multiplied, like ink), rotated up to ±2°, on grey paper,
 * blurred, speckled and JPEG-compressed at varied quality (ImageMagick), rebuilt into an
 * image-only PDF by img2pdf. The truth is the source report. Then parses every scan through
 * the pipeline `nianbao parse` uses and prints cells exact, wrong numbers, blanks flagged,
 * injected errors found, false errors, seconds per page (one core per worker) and the heap.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { generateCorpus, type CorpusEntry } from '../test/zoo/generate.js';
import { dropLostRenderings } from '../test/zoo/render-check.js';
import { Rng } from '../test/zoo/rng.js';
import { TALLY_HEADER, add, emptyTally, formatTable, tallyRow, type DocScore } from '../test/zoo/score.js';

interface Args {
  count: number;
  seed: number;
  dpi: number;
  jobs: number;
  out?: string;
  keep?: string;
  /** Only the documents whose id or presentation contains one of these (comma-separated). */
  only?: string[];
  clean: boolean;
  /** Make the scans (kept for later runs) and stop. */
  scanOnly: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { count: 50, seed: 9, dpi: 200, jobs: Math.max(1, Math.min(2, os.availableParallelism())), clean: false, scanOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    const next = () => argv[++i] ?? fail(`选项 ${v} 缺少取值`);
    if (v === '--count') a.count = Number(next());
    else if (v === '--seed') a.seed = Number(next());
    else if (v === '--dpi') a.dpi = Number(next());
    else if (v === '--jobs') a.jobs = Number(next());
    else if (v === '--out') a.out = next();
    else if (v === '--keep') a.keep = next();
    else if (v === '--only') a.only = next().split(',').filter(Boolean);
    else if (v === '--clean') a.clean = true;
    else if (v === '--scan-only') a.scanOnly = true;
    else fail(`未知选项“${v}”`);
  }
  return a;
}

function fail(msg: string): never {
  process.stderr.write(`错误：${msg}\n`);
  process.exit(2);
}

function run(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => execFile(bin, args, { maxBuffer: 64 << 20, timeout: 300_000 }, (e, _o, err) => (e ? reject(new Error(`${bin}: ${err || e.message}`)) : resolve())));
}

export interface ScanParams {
  angle: number;
  quality: number;
  blur: number;
  speckle: number;
  grey: number;
  seal: boolean;
  /** ImageMagick's random seed for the speckle (the same seed, the same specks: scans made again are the same). */
  noise?: number;
}

/** Degradation of one document's pages, decided by its seed. `clean`: none (the render itself). */
export function scanParams(rng: Rng, clean: boolean): ScanParams {
  if (clean) return { angle: 0, quality: 95, blur: 0, speckle: 0, grey: 0, seal: false, noise: 1 };
  // Drawn in this order (noise last), so the other degradations are those of earlier rounds' seeds.
  return {
    angle: Math.round((rng.int(-200, 200) / 100) * 100) / 100,
    quality: rng.int(45, 92),
    blur: rng.pick([0, 0.4, 0.7]),
    speckle: rng.pick([0, 0.15, 0.3]),
    grey: rng.int(0, 12),
    seal: rng.chance(0.7),
    noise: rng.int(1, 1_000_000),
  };
}

/** One PDF → an image-only PDF as a scanner would make it. */
export async function scanPdf(pdf: string, out: string, dpi: number, p: ScanParams, tmp: string): Promise<number> {
  mkdirSync(tmp, { recursive: true });
  await run('pdftoppm', ['-r', String(dpi), pdf, path.join(tmp, 'p')]);
  const pages = readdirSync(tmp).filter((f) => f.endsWith('.ppm')).sort();
  const jpgs: string[] = [];
  for (const [i, f] of pages.entries()) {
    const src = path.join(tmp, f);
    const jpg = path.join(tmp, `${i}.jpg`);
    const args = [...(p.noise ? ['-seed', String(p.noise + i)] : []), src];
    // The seal: a red ring with a star, multiplied onto the page like ink (text under it stays black),
    // over the title of the first page and the signature of the last.
    if (p.seal && (i === 0 || i === pages.length - 1)) {
      const r = Math.round(dpi * 0.8);
      const cx = Math.round(dpi * (i === 0 ? 4.3 : 5.2));
      const cy = Math.round(dpi * (i === 0 ? 1.6 : 3.0));
      const star = Array.from({ length: 10 }, (_, k) => {
        const a = -Math.PI / 2 + (k * Math.PI) / 5;
        const rr = k % 2 ? r * 0.12 : r * 0.3;
        return `${Math.round(cx + rr * Math.cos(a))},${Math.round(cy + rr * Math.sin(a))}`;
      }).join(' ');
      args.push('(', '+clone', '-fill', 'white', '-colorize', '100', '-fill', 'none', '-stroke', 'rgb(225,40,45)', '-strokewidth', String(Math.round(dpi / 28)), '-draw', `circle ${cx},${cy} ${cx + r},${cy}`, '-fill', 'rgb(225,40,45)', '-stroke', 'none', '-draw', `polygon ${star}`, ')', '-compose', 'Multiply', '-composite');
    }
    if (p.angle) args.push('-background', 'white', '-rotate', String(p.angle));
    if (p.grey) args.push('+level', `${Math.round(p.grey / 2)}%,${100 - p.grey}%`);
    if (p.blur) args.push('-blur', `0x${p.blur}`);
    if (p.speckle) args.push('-attenuate', String(p.speckle), '+noise', 'Impulse');
    args.push('-units', 'PixelsPerInch', '-density', String(dpi), '-quality', String(p.quality), jpg);
    await run('convert', args);
    jpgs.push(jpg);
  }
  await run('img2pdf', ['-o', out, ...jpgs]);
  rmSync(tmp, { recursive: true, force: true });
  return pages.length;
}

/**
 * CPU seconds of this process and its finished child processes (tesseract, pdftoppm): user and
 * system time from /proc (Linux), so a loaded machine does not inflate the figure; 0 elsewhere.
 */
function cpuSeconds(): number {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8');
    const v = f.slice(f.lastIndexOf(')') + 2).split(' ');
    // Fields 14–17 of stat (utime, stime, cutime, cstime), counted after the command's closing bracket.
    return (Number(v[11]) + Number(v[12]) + Number(v[13]) + Number(v[14])) / 100;
  } catch {
    return 0;
  }
}

interface Result {
  score: DocScore;
  findings: { rule: string; severity: string; cells: string[]; message: string; unreadable?: boolean }[];
  ms?: number;
  heap?: number;
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  // A text PDF that LibreOffice printed without some of its table rows (a narrow layout ends table 三
  // after its first row) is left out, as the layout zoo leaves it out: its scan cannot hold figures
  // its truth has, and scoring it would blame the OCR for the renderer.
  const { corpus, lost } = dropLostRenderings(await generateCorpus({ seed: a.seed, count: a.count, formats: ['pdf-narrow', 'pdf-pushed-split'] }));
  if (corpus.skippedPdf) fail('需要 LibreOffice（soffice）生成 PDF。');
  if (lost.length) process.stdout.write(`注意：LibreOffice 排版时丢失了 ${lost.length} 份文档的表格行（文字版 PDF 中的数字少于真值，扫描前已缺），这些文档不计入：${lost.map((e) => e.id).join('、')}\n`);
  const scanDir = a.keep ?? `${corpus.dir}-scan${a.dpi}${a.clean ? 'c' : ''}`;
  mkdirSync(scanDir, { recursive: true });
  const entries: CorpusEntry[] = [];
  const chosen = a.only ? corpus.entries.filter((e) => a.only!.some((o) => e.id.includes(o) || e.presentation === o)) : corpus.entries;
  let pages = 0;
  let next = 0;
  const worker = async () => {
    while (next < chosen.length) {
      const e = chosen[next++];
      const file = `${e.id}.scan${a.dpi}.pdf`;
      const out = path.join(scanDir, file);
      const meta = `${out}.pages`;
      if (!existsSync(meta)) {
        const rng = new Rng(a.seed * 7919 + e.index);
        const n = await scanPdf(path.join(corpus.dir, e.file), out, a.dpi, scanParams(rng, a.clean), path.join(os.tmpdir(), `nianbao-scan-${process.pid}-${e.index}`));
        writeFileSync(meta, String(n));
      }
      pages += Number(readFileSync(meta, 'utf8'));
      entries.push({ ...e, file });
      process.stderr.write(`\r扫描件 ${entries.length}/${chosen.length}`);
    }
  };
  await Promise.all(Array.from({ length: a.jobs }, worker));
  entries.sort((x, y) => x.index - y.index);
  process.stderr.write('\n');
  process.stdout.write(`扫描件：${entries.length} 份 ${pages} 页，${a.dpi} dpi，目录 ${scanDir}，准备 ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);

  if (a.scanOnly) return;
  const overall = emptyTally();
  const byDefect = new Map<string, ReturnType<typeof emptyTally>>();
  const wrong: string[] = [];
  const missed: string[] = [];
  const falseErr: string[] = [];
  let ms = 0;
  let maxHeap = 0;
  const heaps: number[] = [];
  const t1 = performance.now();
  const cpu1 = cpuSeconds();
  const parts: CorpusEntry[][] = Array.from({ length: a.jobs }, () => []);
  entries.forEach((e, i) => parts[i % a.jobs].push(e));
  const boot = new URL('../test/zoo/worker-boot.mjs', import.meta.url);
  if (a.out) mkdirSync(a.out, { recursive: true });
  let done = 0;
  await Promise.all(
    parts.map(
      (part) =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(boot, { env: { ...process.env, NIANBAO_QUIET: '1' } });
          w.on('message', (m: { ready?: boolean; done?: boolean } & Result) => {
            if (m.ready) w.postMessage({ dir: scanDir, entries: part });
            else if (m.done) void w.terminate().then(() => resolve());
            else {
              const s = m.score;
              add(overall, s);
              const d = s.defect ?? '(valid)';
              if (!byDefect.has(d)) byDefect.set(d, emptyTally());
              add(byDefect.get(d)!, s);
              for (const x of s.diffs) if (x.kind === 'wrong') wrong.push(`${s.id} ${x.key} 应为 ${x.truth} 读出 ${x.parsed}`);
              for (const x of s.missed) missed.push(`${s.id} ${x}`);
              for (const x of s.falseErrors) falseErr.push(`${s.id} ${x}`);
              if (m.heap) {
                heaps.push(m.heap);
                maxHeap = Math.max(maxHeap, m.heap);
              }
              if (a.out && !s.fileExact) {
                const e = entries.find((x) => x.id === s.id)!;
                copyFileSync(path.join(scanDir, e.file), path.join(a.out, e.file));
                const lines = [
                  s.failure ? `读取失败：${s.failure}` : '',
                  ...s.metaDiff.map((x) => `meta ${x}`),
                  ...s.diffs.map((x) => `${x.kind} ${x.key} 应为 ${x.truth} 读出 ${x.parsed ?? '(空)'}`),
                  ...s.missed.map((x) => `漏报 ${x}`),
                  ...s.falseErrors.map((x) => `误报 ${x}`),
                  ...m.findings.map((f) => `  ${f.severity} ${f.rule}${f.unreadable ? ' (unreadable)' : ''} [${f.cells.join(',')}] ${f.message}`),
                ].filter(Boolean);
                writeFileSync(path.join(a.out, `${s.id}.diff.txt`), lines.join('\n') + '\n');
              }
              // Each document's score as it comes (a long run stopped early still tells its figures).
              if (a.out) appendFileSync(path.join(a.out, 'scores.jsonl'), JSON.stringify({ ...s, pages: Number(readFileSync(path.join(scanDir, `${s.id}.scan${a.dpi}.pdf.pages`), 'utf8')) }) + '\n');
              done++;
              process.stderr.write(`\r解析 ${done}/${entries.length}`);
            }
          });
          w.on('error', reject);
        }),
    ),
  );
  ms = performance.now() - t1;
  const cpu = cpuSeconds() - cpu1;
  process.stderr.write('\n');
  process.stdout.write(`\n${formatTable([TALLY_HEADER, ...[...byDefect.keys()].sort().map((k) => tallyRow(k, byDefect.get(k)!)), tallyRow('ALL', overall)])}\n`);
  const pct = (x: number, n: number) => (n ? ((100 * x) / n).toFixed(2) : '—');
  process.stdout.write(
    `\n${a.dpi} dpi：${pages} 页，单元格 ${overall.cells}，完全正确 ${pct(overall.exact, overall.cells)}%，错数 ${overall.wrong}，留空并标注 ${overall.abstain}，无提示留空 ${overall.silent}，注入错误 ${overall.found}/${overall.expected}，误报 ${overall.falseErrors}\n` +
      `速度：${((ms / 1000) * a.jobs / pages).toFixed(2)} s/页（每个工作线程一个核，${a.jobs} 个线程，load ${os.loadavg()[0].toFixed(1)}）\n` +
      (cpu > 0 ? `CPU 时间：${(cpu / pages).toFixed(2)} s/页（本进程与 tesseract、pdftoppm 等子进程合计，不受机器负载影响）\n` : ''),
  );
  for (const [title, list] of [['错数', wrong], ['漏报', missed], ['误报', falseErr]] as const) if (list.length) process.stdout.write(`\n${title}：\n${list.slice(0, 30).map((x) => `  ${x}`).join('\n')}\n`);
}

// A script, and a module for the fixture maker (test/scan/make-fixtures.ts): run only when started.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main().catch((e) => {
  process.stderr.write(`错误：${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
