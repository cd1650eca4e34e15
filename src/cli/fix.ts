/** `nianbao fix FILE [--write OUT]`: proposed corrections as a diff, never applied silently. */
import { formatFixDiff, proposeFixes } from '../fix/index.js';
import { writeOutput } from './output.js';
import { loadReport } from './report-input.js';

export async function runFix(file: string, opts: { write?: string; json?: boolean }): Promise<number> {
  const input = await loadReport(file);
  if (!input.ok) {
    process.stderr.write(`错误：无法读取“${file}”：${input.message}\n`);
    return 2;
  }
  const res = proposeFixes(input.report);
  if (opts.json) process.stdout.write(JSON.stringify({ source: file, proposals: res.proposals }, null, 2) + '\n');
  else process.stdout.write(formatFixDiff(file, res));
  if (opts.write) {
    const { report } = { report: res.corrected };
    if (!(await writeOutput(opts.write, JSON.stringify({ source: report.source ?? file, meta: report.meta, sections: report.sections, cells: report.cells }, null, 2) + '\n'))) return 2;
    process.stderr.write(`已写出修正后的规范 JSON：${opts.write}（${res.proposals.length} 处修正）\n`);
  }
  return 0;
}
