/** `nianbao template --year Y --agency NAME --format xlsx|json`: a blank fill-in report. */
import type { Command } from 'commander';
import { blankReport } from '../render/canonical.js';
import { reportTitle } from '../render/model.js';
import { templateWorkbook } from '../render/workbook.js';
import { writeOutput } from './output.js';

export async function runTemplate(opts: { year?: string; agency?: string; format: string; out?: string }): Promise<number> {
  const year = opts.year === undefined ? null : Number(opts.year);
  if (year !== null && !(Number.isInteger(year) && year >= 2008 && year <= 2100)) {
    process.stderr.write(`错误：年度“${opts.year}”无效，应为四位年份，如 2024。\n`);
    return 2;
  }
  const agency = opts.agency?.trim() || null;
  if (opts.format === 'json') {
    const json = JSON.stringify(blankReport(agency, year), null, 2) + '\n';
    if (opts.out) {
      if (!(await writeOutput(opts.out, json))) return 2;
    } else process.stdout.write(json);
    return 0;
  }
  if (opts.format !== 'xlsx') {
    process.stderr.write(`错误：不支持的格式“${opts.format}”，可用：xlsx、json\n`);
    return 2;
  }
  const out = opts.out ?? `${reportTitle(agency, year)}（填报表）.xlsx`;
  if (!(await writeOutput(out, await templateWorkbook(agency, year)))) return 2;
  process.stderr.write(`已生成填报工作簿 ${out}：在浅黄色单元格填写数字和正文，合计由公式计算，勾稽关系不成立时单元格变红。填好后可直接用 nianbao check / nianbao render 读取。\n`);
  return 0;
}

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('生成空白填报表（xlsx 工作簿或规范 JSON），格式与官方表格一致')
    .option('-y, --year <年度>', '报告年度，如 2024（决定采用 2019 或 2021 年格式）')
    .option('-a, --agency <机关名称>', '机关名称，如 北宫镇人民政府')
    .option('-f, --format <格式>', '输出格式：xlsx 或 json', 'xlsx')
    .option('-o, --out <文件>', '输出文件（json 可省略，输出到标准输出）')
    .helpOption('-h, --help', '显示帮助')
    .action(async (opts: { year?: string; agency?: string; format: string; out?: string }) => {
      process.exitCode = await runTemplate(opts);
    });
}
