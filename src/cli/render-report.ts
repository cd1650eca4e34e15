/** `nianbao render INPUT --format docx|html|md|txt|xlsx --out FILE`: the report in the official form. */
import path from 'node:path';
import { OUTPUT_FORMATS as FORMATS, type RenderFormat } from '../render/formats.js';
import { renderReport } from '../render/index.js';
import { writeOutput } from './output.js';
import { formatFindings, loadReport } from './report-input.js';

type Format = (typeof FORMATS)[number];

function formatFromName(out: string | undefined): Format | undefined {
  const ext = out ? path.extname(out).slice(1).toLowerCase() : '';
  const alias: Record<string, Format> = { markdown: 'md', htm: 'html', text: 'txt' };
  const f = (alias[ext] ?? ext) as Format;
  return FORMATS.includes(f) ? f : undefined;
}

export async function runRender(input: string, opts: { format?: string; out?: string; force?: boolean }): Promise<number> {
  const format = (opts.format ?? formatFromName(opts.out)) as Format | undefined;
  if (!format || !FORMATS.includes(format)) {
    process.stderr.write(`错误：请用 --format 指定输出格式：${FORMATS.join('、')}${opts.format ? `（不支持“${opts.format}”）` : ''}\n`);
    return 2;
  }
  if (!opts.out && (format === 'docx' || format === 'xlsx')) {
    process.stderr.write(`错误：${format} 是二进制格式，请用 --out 指定输出文件。\n`);
    return 2;
  }
  const input_ = await loadReport(input);
  if (!input_.ok) {
    process.stderr.write(`错误：无法读取“${input}”：${input_.message}\n`);
    return 2;
  }
  const errors = input_.findings.filter((f) => f.severity === 'error');
  if (errors.length && !opts.force) {
    process.stderr.write(
      `报告有 ${errors.length} 个错误，未生成文件：\n${formatFindings(errors)}\n` +
        `可以先运行 nianbao fix ${input} 查看能自动识别的修正（--write 修正后.json 写出修正后的报告，再渲染它）；确需按原样生成请加 --force。\n`,
    );
    return 1;
  }
  if (errors.length) process.stderr.write(`注意：报告有 ${errors.length} 个错误，按 --force 仍生成文件：\n${formatFindings(errors)}\n`);
  const bytes = format === 'xlsx' ? await (await import('../render/workbook.js')).renderWorkbook(input_.report) : await renderReport(input_.report, format as RenderFormat);
  if (opts.out) {
    if (!(await writeOutput(opts.out, bytes))) return 2;
    process.stderr.write(`已生成 ${opts.out}\n`);
  } else process.stdout.write(bytes);
  return 0;
}
