/** `nianbao parse FILE… --format json|jsonl`: the scriptable surface (contract.md). */
import type { Command } from 'commander';
import { defaultJobs } from '../dataset/pool.js';
import { addLimitOptions, expandInputs, limitsFrom, parseInOrder, skippedText } from './io.js';
import { toJson } from './json.js';
import type { ParseOutcome } from '../pipeline.js';

export function exitStatus(outcomes: ParseOutcome[]): number {
  if (outcomes.some((o) => !o.ok)) return 2;
  if (outcomes.some((o) => o.ok && o.findings.some((f) => f.severity === 'error'))) return 1;
  return 0;
}

export function registerParse(program: Command): void {
  const cmd = program
    .command('parse')
    .description('读取年度报告并输出抽取结果（元数据、章节、每个单元格、检查结果）')
    .argument('<文件...>', '报告文件或文件夹（txt、md、html、docx、doc、pdf、xlsx、json）')
    .option('-f, --format <格式>', '输出格式：json（单个文件为一个对象，多个文件每行一个）或 jsonl', 'json')
    .option('--pretty', '单个文件时缩进输出 JSON')
    .helpOption('-h, --help', '显示帮助');
  addLimitOptions(cmd).action(async (inputs: string[], opts: { format: string; pretty?: boolean; timeLimit?: string; memoryLimit?: string }) => {
      if (!['json', 'jsonl'].includes(opts.format)) {
        process.stderr.write(`错误：不支持的输出格式“${opts.format}”，可用：json、jsonl\n`);
        process.exitCode = 2;
        return;
      }
      const limits = limitsFrom(opts);
      if (!limits) {
        process.exitCode = 2;
        return;
      }
      const { files, skipped } = await expandInputs(inputs);
      process.stderr.write(skippedText(skipped));
      const outcomes: ParseOutcome[] = [];
      for await (const o of parseInOrder(files, limits, defaultJobs())) {
        outcomes.push(o);
        const single = files.length === 1 && opts.format === 'json';
        process.stdout.write(JSON.stringify(toJson(o), null, single && opts.pretty ? 2 : undefined) + '\n');
      }
      process.exitCode = exitStatus(outcomes);
    });
}
