/**
 * `npm run zoo -- --count 5000 --seed 1 [--formats a,b] [--out DIR] [--jobs N] [--no-pdf]`
 *
 * The layout zoo benchmark (issue 8): generates reports of both templates (valid and with each
 * injectable defect) in every presentation and perturbation (test/zoo/), parses each through the
 * pipeline `nianbao parse` uses, and prints per presentation, per perturbation, per defect and
 * overall: files exact, cells exact, wrong numbers (the invariant breaker), blanks flagged
 * unreadable, silent blanks, meta, injected errors found, false errors — and docs/s.
 * With --out, every failing document is copied there with a diff of its cells and findings.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PRESENTATION_NAMES } from '../test/zoo/present.js';
import { dropLostRenderings } from '../test/zoo/render-check.js';
import { generateCorpus, type CorpusEntry } from '../test/zoo/generate.js';
import { TALLY_HEADER, add, emptyTally, formatTable, tallyRow, type DocScore, type Tally } from '../test/zoo/score.js';

interface Args {
  count: number;
  seed: number;
  formats?: string[];
  out?: string;
  jobs: number;
  noPdf: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { count: 1000, seed: 1, jobs: Math.max(1, Math.min(2, os.availableParallelism())), noPdf: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    const next = () => {
      const x = argv[++i];
      if (x === undefined) fail(`选项 ${v} 缺少取值`);
      return x;
    };
    if (v === '--count') a.count = Number(next());
    else if (v === '--seed') a.seed = Number(next());
    else if (v === '--formats') a.formats = next().split(',').map((s) => s.trim()).filter(Boolean);
    else if (v === '--out') a.out = next();
    else if (v === '--jobs') a.jobs = Number(next());
    else if (v === '--no-pdf') a.noPdf = true;
    else if (v === '--help' || v === '-h') {
      process.stdout.write(`用法：npm run zoo -- [--count N] [--seed S] [--formats ${PRESENTATION_NAMES.join(',')}] [--out 目录] [--jobs N] [--no-pdf]\n`);
      process.exit(0);
    } else fail(`未知选项“${v}”，用 --help 查看用法`);
  }
  if (!Number.isInteger(a.count) || a.count < 1) fail('--count 应为正整数');
  if (!Number.isInteger(a.seed)) fail('--seed 应为整数');
  if (!Number.isInteger(a.jobs) || a.jobs < 1) fail('--jobs 应为正整数');
  const unknown = (a.formats ?? []).filter((f) => !PRESENTATION_NAMES.includes(f));
  if (unknown.length) fail(`未知的呈现形式：${unknown.join('、')}；可用：${PRESENTATION_NAMES.join('、')}`);
  return a;
}

function fail(msg: string): never {
  process.stderr.write(`错误：${msg}\n`);
  process.exit(2);
}

let lastTenth = -1;
function progress(stage: string, done: number, total: number) {
  if (process.stderr.isTTY) return void process.stderr.write(`\r${stage} ${done}/${total}   `);
  // Without a terminal: one line per tenth of the work.
  const tenth = Math.floor((10 * done) / total);
  if (tenth !== lastTenth || done === 0) process.stderr.write(`${stage} ${done}/${total}\n`);
  lastTenth = done === total ? -1 : tenth;
}

interface Result {
  score: DocScore;
  findings: { rule: string; severity: string; cells: string[]; message: string; unreadable?: boolean }[];
}

async function parseAll(dir: string, entries: CorpusEntry[], jobs: number, onResult: (r: Result) => void): Promise<void> {
  // Interleave so each worker gets a mix of slow (PDF) and fast documents.
  const parts: CorpusEntry[][] = Array.from({ length: jobs }, () => []);
  entries.forEach((e, i) => parts[i % jobs].push(e));
  const boot = new URL('../test/zoo/worker-boot.mjs', import.meta.url);
  await Promise.all(
    parts.map(
      (part) =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(boot);
          w.on('message', (m: { ready?: boolean; done?: boolean } & Result) => {
            if (m.ready) w.postMessage({ dir, entries: part });
            else if (m.done) void w.terminate().then(() => resolve());
            else onResult(m);
          });
          w.on('error', reject);
        }),
    ),
  );
}

function writeFailure(out: string, dir: string, e: CorpusEntry, r: Result): void {
  const s = r.score;
  copyFileSync(path.join(dir, e.file), path.join(out, e.file));
  const lines = [
    `文件 ${e.file}  呈现 ${e.presentation}  缺陷 ${e.defect ?? '无'}  扰动 ${e.perturbations.join(',') || '无'}`,
    `机关 ${e.meta.agency}  年度 ${e.meta.year}  模板 ${e.meta.template}  层级 ${e.meta.level}  发布 ${e.meta.publishedAt}`,
    e.details.length ? `呈现细节 ${e.details.join('；')}` : '',
    s.failure ? `读取失败：${s.failure}` : '',
    ...s.metaDiff.map((d) => `meta  ${d}`),
    ...s.diffs.map((d) => `${d.kind.padEnd(8)} ${d.key.padEnd(44)} 应为 ${d.truth}  读出 ${d.parsed ?? '(空)'}`),
    ...s.missed.map((m) => `漏报  ${m}`),
    ...s.falseErrors.map((f) => `误报  ${f}`),
    ...s.falseWarnings.map((f) => `误报警告  ${f}`),
    '',
    '全部发现：',
    ...r.findings.map((f) => `  ${f.severity} ${f.rule}${f.unreadable ? ' (unreadable)' : ''} [${f.cells.join(',')}] ${f.message}`),
  ].filter((l) => l !== '');
  writeFileSync(path.join(out, `${e.id}.diff.txt`), lines.join('\n') + '\n');
  writeFileSync(path.join(out, `${e.id}.truth.json`), JSON.stringify(e, null, 1));
}

function top(counts: Map<string, number>, n: number): string {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${String(v).padStart(6)}  ${k}`)
    .join('\n');
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const { corpus, lost } = dropLostRenderings(await generateCorpus({ seed: a.seed, count: a.count, formats: a.formats, noPdf: a.noPdf, onProgress: progress }));
  const genSec = (performance.now() - t0) / 1000;
  if (process.stderr.isTTY) process.stderr.write('\n');
  process.stdout.write(`语料：${corpus.entries.length} 份（seed ${a.seed}），${corpus.cached ? '使用缓存' : `生成 ${genSec.toFixed(1)} s`}，目录 ${corpus.dir}\n`);
  if (lost.length) process.stdout.write(`注意：LibreOffice 排版时丢失了 ${lost.length} 份文档的表格行（PDF 中的数字少于真值），这些文档不计入：${lost.map((e) => e.file).join('、')}\n`);
  if (corpus.skippedPdf) process.stdout.write(`注意：未找到 LibreOffice 或指定了 --no-pdf，已跳过 PDF 呈现形式。\n`);
  if (a.out) mkdirSync(a.out, { recursive: true });

  const byPres = new Map<string, Tally>();
  const byPert = new Map<string, Tally>();
  const byDefect = new Map<string, Tally>();
  const overall = emptyTally();
  const missed = new Map<string, number>();
  const falseErr = new Map<string, number>();
  const falseWarn = new Map<string, number>();
  const wrongCells = new Map<string, number>();
  const silentCells = new Map<string, number>();
  const flaggedCells = new Map<string, number>();
  const metaMiss = new Map<string, number>();
  const entryById = new Map(corpus.entries.map((e) => [e.id, e]));
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const tally = (m: Map<string, Tally>, k: string) => m.get(k) ?? m.set(k, emptyTally()).get(k)!;
  let done = 0;
  let failing = 0;
  const t1 = performance.now();
  await parseAll(corpus.dir, corpus.entries, a.jobs, (r) => {
    const s = r.score;
    add(overall, s);
    add(tally(byPres, s.presentation), s);
    for (const p of s.perturbations.length ? s.perturbations : ['(none)']) add(tally(byPert, p), s);
    add(tally(byDefect, s.defect ?? '(valid)'), s);
    for (const m of s.missed) bump(missed, `${s.presentation.padEnd(16)} ${m.replace(/\[.*$/, '')}`);
    for (const f of s.falseErrors) bump(falseErr, `${s.presentation.padEnd(16)} ${f.replace(/\[.*$/, '')}`);
    for (const f of s.falseWarnings) bump(falseWarn, `${s.presentation.padEnd(16)} ${f.replace(/\[.*$/, '')}`);
    for (const d of s.diffs) bump(d.kind === 'wrong' ? wrongCells : d.kind === 'silent' ? silentCells : flaggedCells, `${s.presentation.padEnd(16)} ${d.key.split('.').slice(0, -1).join('.')}`);
    for (const d of s.metaDiff) bump(metaMiss, `${s.presentation.padEnd(16)} ${d.split(':')[0]}`);
    if (!s.fileExact) failing++;
    // A document read exactly may still carry a false warning: written out too, to look at.
    if (a.out && (!s.fileExact || s.falseWarnings.length)) writeFailure(a.out, corpus.dir, entryById.get(s.id)!, r);
    done++;
    progress('解析', done, corpus.entries.length);
  });
  const parseSec = (performance.now() - t1) / 1000;
  if (process.stderr.isTTY) process.stderr.write('\n');

  const order = (m: Map<string, Tally>, names: string[]) => names.filter((n) => m.has(n)).map((n) => tallyRow(n, m.get(n)!));
  const section = (title: string, rows: string[][]) => `\n${title}\n${formatTable([TALLY_HEADER, ...rows])}\n`;
  process.stdout.write(section('按呈现形式 (presentation)', [...order(byPres, PRESENTATION_NAMES), tallyRow('ALL', overall)]));
  process.stdout.write(section('按扰动 (perturbation)', [...byPert.keys()].sort().map((k) => tallyRow(k, byPert.get(k)!))));
  process.stdout.write(section('按注入缺陷 (defect)', [...byDefect.keys()].sort().map((k) => tallyRow(k, byDefect.get(k)!))));
  if (wrongCells.size) process.stdout.write(`\n错数最多的行（呈现 行）：\n${top(wrongCells, 15)}\n`);
  if (silentCells.size) process.stdout.write(`\n无提示空白最多的行：\n${top(silentCells, 10)}\n`);
  if (flaggedCells.size) process.stdout.write(`\n标注无法读取的空白最多的行：\n${top(flaggedCells, 10)}\n`);
  if (missed.size) process.stdout.write(`\n漏报最多：\n${top(missed, 15)}\n`);
  if (falseErr.size) process.stdout.write(`\n误报最多：\n${top(falseErr, 15)}\n`);
  if (falseWarn.size) process.stdout.write(`\n误报警告最多（注入类规则）：\n${top(falseWarn, 10)}\n`);
  if (metaMiss.size) process.stdout.write(`\nmeta 不符最多：\n${top(metaMiss, 12)}\n`);
  process.stdout.write(
    `\n解析 ${corpus.entries.length} 份用时 ${parseSec.toFixed(1)} s（${a.jobs} 个工作线程）：${(corpus.entries.length / parseSec).toFixed(1)} docs/s；未完全正确 ${failing} 份${a.out ? `，已写入 ${a.out}` : ''}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.NIANBAO_DEBUG) console.error(e);
  process.exit(1);
});
