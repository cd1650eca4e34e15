/** `nianbao template --year Y --agency NAME --format xlsx|json`: a blank fill-in report. */
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
