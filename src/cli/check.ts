/** `nianbao check FILE|DIR…`: findings for people (or the parse objects as JSON Lines). */
import cliProgress from 'cli-progress';
import { defaultJobs } from '../dataset/pool.js';
import { expandInputs, limitsFrom, parseInOrder, skippedText } from './io.js';
import { toJson } from './json.js';
import { renderOutcome, renderSummary, summarize, type FileSummary, type RenderOptions } from './render.js';
import { makeStyle, wantColor } from './style.js';

interface CheckOptions {
  format: string;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  summary?: boolean;
  timeLimit?: string;
  memoryLimit?: string;
}

/** 0 no error finding, 1 some error finding, 2 some file could not be read (contract.md). */
export function statusOf(rows: FileSummary[]): number {
  if (rows.some((r) => r.failure)) return 2;
  if (rows.some((r) => r.errors > 0)) return 1;
  return 0;
}

/** Progress bar on stderr while files are read; output lines are written above it. */
class Progress {
  private bar: cliProgress.SingleBar | null = null;
  constructor(total: number) {
    if (total < 2 || !process.stderr.isTTY) return;
    this.bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: '检查中 [{bar}] {value}/{total} 个文件  {file}',
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, { file: '' });
  }
  tick(value: number, file: string): void {
    this.bar?.update(value, { file: file.length > 40 ? '…' + file.slice(-39) : file });
  }
  /** Writes to stdout without tearing the bar when both go to the same terminal. */
  write(text: string): void {
    if (!text) return;
    if (this.bar && process.stdout.isTTY) {
      process.stderr.write('\r\x1b[2K');
      process.stdout.write(text);
      (this.bar as unknown as { render(force?: boolean): void }).render(true);
    } else process.stdout.write(text);
  }
  stop(): void {
    this.bar?.stop();
  }
}

export async function runCheck(inputs: string[], opts: CheckOptions): Promise<number> {
  if (!['text', 'json', 'jsonl'].includes(opts.format)) {
    process.stderr.write(`错误：不支持的输出格式“${opts.format}”，可用：text（默认，供人阅读）、json（每个文件一行 JSON）\n`);
    return 2;
  }
  const json = opts.format !== 'text';
  const ropts: RenderOptions = { style: makeStyle(!json && wantColor(opts.color)), quiet: opts.quiet, verbose: opts.verbose };
  const limits = limitsFrom(opts);
  if (!limits) return 2;
  const { files, skipped } = await expandInputs(inputs);
  process.stderr.write(skippedText(skipped));
  if (files.length === 0) {
    process.stderr.write('错误：给出的文件夹中没有可检查的报告文件（txt、md、html、docx、doc、wps、pdf、xlsx、json、ofd）。\n');
    return 2;
  }
  const rows: FileSummary[] = [];
  const progress = new Progress(files.length);
  try {
    let i = 0;
    for await (const o of parseInOrder(files, limits, defaultJobs())) {
      const file = files[i];
      progress.tick(i, file);
      rows.push(summarize(o));
      if (json) progress.write(JSON.stringify(toJson(o)) + '\n');
      else {
        let text: string;
        try {
          text = renderOutcome(o, ropts);
        } catch (e) {
          text = `${file}  显示检查结果时发生内部错误：${e instanceof Error ? e.message : String(e)}\n\n`;
        }
        progress.write(text);
      }
      progress.tick(++i, file);
    }
  } finally {
    progress.stop();
  }
  if (!json && opts.summary !== false) process.stdout.write(renderSummary(rows, ropts));
  return statusOf(rows);
}
