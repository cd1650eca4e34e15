/** `nianbao parse FILE… --format json|jsonl`: the scriptable surface (contract.md). */
import { defaultJobs } from '../dataset/pool.js';
import { expandInputs, limitsFrom, parseInOrder, skippedText } from './io.js';
import { toJson } from './json.js';
import type { ParseOutcome } from '../pipeline.js';

export function exitStatus(outcomes: ParseOutcome[]): number {
  if (outcomes.some((o) => !o.ok)) return 2;
  if (outcomes.some((o) => o.ok && o.findings.some((f) => f.severity === 'error'))) return 1;
  return 0;
}

export async function runParse(inputs: string[], opts: { format: string; pretty?: boolean; timeLimit?: string; memoryLimit?: string }): Promise<number> {
  if (!['json', 'jsonl'].includes(opts.format)) {
    process.stderr.write(`错误：不支持的输出格式“${opts.format}”，可用：json、jsonl\n`);
    return 2;
  }
  const limits = limitsFrom(opts);
  if (!limits) return 2;
  const { files, skipped } = await expandInputs(inputs);
  process.stderr.write(skippedText(skipped));
  const outcomes: ParseOutcome[] = [];
  for await (const o of parseInOrder(files, limits, defaultJobs())) {
    outcomes.push(o);
    const single = files.length === 1 && opts.format === 'json';
    process.stdout.write(JSON.stringify(toJson(o), null, single && opts.pretty ? 2 : undefined) + '\n');
  }
  return exitStatus(outcomes);
}
