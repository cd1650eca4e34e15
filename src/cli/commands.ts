/**
 * The command line's surface: every command's name, arguments, options and help text. A
 * command's implementation (and with it the readers, databases, renderers it needs) is
 * imported only when that command runs, so `--help`, `--version` and a usage error load
 * nothing but commander and this file.
 */
import type { Command } from 'commander';
import { DEFAULT_FILE_LIMITS } from '../core/file-limits.js';
import { OUTPUT_FORMATS } from '../render/formats.js';

/** Runs an action whose module is loaded on demand; the number it returns (if any) is the exit status. */
function lazy<A extends unknown[]>(run: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const code = await run(...args);
    if (typeof code === 'number') process.exitCode = code;
  };
}

export function addDbOption(cmd: Command): Command {
  return cmd.option('--db <数据库>', '数据库：文件路径为 SQLite，postgres:// 地址为 PostgreSQL（默认取环境变量 NIANBAO_DB，否则为当前文件夹下的 nianbao.sqlite）');
}

/** --time-limit / --memory-limit on the commands that read reports. */
export function addLimitOptions(cmd: Command): Command {
  return cmd
    .option('--time-limit <秒>', `每个文件的读取时间上限（秒，默认 ${DEFAULT_FILE_LIMITS.timeSeconds}，或环境变量 NIANBAO_FILE_TIMEOUT）`)
    .option('--memory-limit <MB>', `每个文件的读取内存上限（MB，默认 ${DEFAULT_FILE_LIMITS.memoryMb}，或环境变量 NIANBAO_FILE_MEMORY）`);
}

export function registerCommands(program: Command): void {
  addLimitOptions(
    program
      .command('parse')
      .description('读取年度报告并输出抽取结果（元数据、章节、每个单元格、检查结果）')
      .argument('<文件...>', '报告文件或文件夹（txt、md、html、docx、doc、pdf、xlsx、json）')
      .option('-f, --format <格式>', '输出格式：json（单个文件为一个对象，多个文件每行一个）或 jsonl', 'json')
      .option('--pretty', '单个文件时缩进输出 JSON')
      .helpOption('-h, --help', '显示帮助'),
  ).action(lazy(async (inputs: string[], opts) => (await import('./parse.js')).runParse(inputs, opts)));

  addDbOption(
    addLimitOptions(
      program
        .command('ingest')
        .description('把年度报告读入数据库（文件、文件夹、zip 压缩包）：抽取每个单元格、检查、保存；可重复运行，中断后重跑即可补齐')
        .argument('[路径...]', '报告文件、文件夹或 .zip 压缩包')
        .option('-j, --jobs <数量>', '并行读取的线程数（默认：CPU 核数）')
        .option('--enqueue', '只把文件放入任务队列（PostgreSQL），由各台机器上的 --worker 进程处理')
        .option('--worker', '作为队列工作进程运行：从 PostgreSQL 任务队列领取文件并入库')
        .option('--until-empty', '与 --worker 合用：队列处理完即退出')
        .option('-q, --quiet', '不显示进度')
        .option('-v, --verbose', '逐个列出重复、跳过和失败的文件')
        .option('--json', '以 JSON 输出汇总')
        .helpOption('-h, --help', '显示帮助'),
    ),
  ).action(lazy(async (paths: string[], opts) => (await import('./ingest.js')).runIngest(paths, opts)));

  addDbOption(
    program
      .command('compare')
      .description('比较同一机关两个年度的报告：每个单元格的变化、各部分文字差异、检查结果的新增与消除')
      .argument('<机关>', '机关名称（写法不同也能找到，如“洪泽区人民政府”与“淮安市洪泽区人民政府”）')
      .option('--years <年度>', '两个年度，用逗号分隔，如 2023,2024（默认：最近两个年度）')
      .option('--all', '列出所有单元格（默认只列有变化的）')
      .option('--json', '以 JSON 输出')
      .helpOption('-h, --help', '显示帮助'),
  ).action(lazy(async (name: string, opts) => (await import('./compare.js')).runCompare(name, opts)));

  addDbOption(
    program
      .command('summary')
      .description('汇总数据库：报告数、各规则的错误和警告、关键单元格合计、问题最多的报告')
      .option('--region <地区>', '只统计该地区（如“淮安市”）')
      .option('--year <年度>', '只统计该年度')
      .option('--top <数量>', '列出问题最多的报告数量', '10')
      .option('--json', '以 JSON 输出')
      .helpOption('-h, --help', '显示帮助'),
  ).action(lazy(async (opts) => (await import('./summary.js')).runSummary(opts)));

  addDbOption(
    program
      .command('export')
      .description('导出数据：每份报告一行（元数据、每个单元格、错误/警告数），另附检查结果表')
      .requiredOption('-f, --format <格式>', '输出格式：csv、xlsx 或 jsonl')
      .option('-o, --out <文件>', '输出文件（不给则输出到标准输出；csv 另写 <文件>.findings.csv）')
      .option('--year <年度>', '只导出该年度')
      .option('--agency <机关>', '只导出该机关（名称写法不同也能找到）')
      .option('--region <地区>', '只导出该地区')
      .option('--no-bom', 'CSV 开头不加 UTF-8 BOM（默认加，便于 Excel 直接打开）')
      .option('--keys', 'CSV 在中文表头下另加一行单元格键名（如 t3.granted.total），便于程序处理')
      .helpOption('-h, --help', '显示帮助'),
  ).action(lazy(async (opts) => (await import('./export.js')).runExport(opts)));

  addLimitOptions(
    program
      .command('check')
      .description('检查年度报告，按表格分组列出错误、警告和提示（文件:行:列，标出原文中的单元格）')
      .argument('<文件...>', '报告文件或文件夹（文件夹会逐层查找 txt、md、html、docx、doc、wps、rtf、odt、pdf、xlsx、xls、ods、json 和扫描图片）')
      .option('-f, --format <格式>', '输出格式：text（供人阅读）或 json（与 parse 相同的对象，每个文件一行）', 'text')
      .option('-q, --quiet', '只显示错误（隐藏警告和提示）')
      .option('-v, --verbose', '列出每条问题比较的全部单元格')
      .option('--no-summary', '不显示末尾的汇总表')
      .option('--no-color', '不使用颜色（也可设置环境变量 NO_COLOR）')
      .helpOption('-h, --help', '显示帮助')
      .addHelpText(
        'after',
        '\n退出状态：0 没有错误；1 至少一个文件有错误；2 有文件无法读取（其他文件照常检查）。\n\n示例：\n  nianbao check 报告.txt\n  nianbao check 报告目录/ --quiet\n  nianbao check 报告目录/ --format json > 结果.jsonl\n  nianbao explain requests-balance    查看某条规则的说明',
      ),
  ).action(lazy(async (inputs: string[], opts) => (await import('./check.js')).runCheck(inputs, opts)));

  program
    .command('explain')
    .description('说明某条检查规则：检查什么、严重程度、如何修改；不带参数时列出全部规则')
    .argument('[规则]', '规则编号，如 requests-balance（即检查结果方括号中的编号）')
    .option('--no-color', '不使用颜色（也可设置环境变量 NO_COLOR）')
    .helpOption('-h, --help', '显示帮助')
    .option('--no-example', '不从示例报告中查找示例')
    .action(lazy(async (id: string | undefined, opts) => (await import('./explain.js')).runExplain(id, opts)));

  program
    .command('render')
    .description('按官方格式生成年度报告（标题、六个部分、三张统计表）')
    .argument('<输入>', '报告文件：规范 JSON（nianbao parse 的输出或手写）、填好的 xlsx 工作簿，或任一支持的格式')
    .option('-f, --format <格式>', `输出格式：${OUTPUT_FORMATS.join('、')}（默认按 --out 的扩展名）`)
    .option('-o, --out <文件>', '输出文件（txt、md、html 可省略，输出到标准输出）')
    .option('--force', '报告有错误时仍然生成（并列出错误）')
    .helpOption('-h, --help', '显示帮助')
    .action(lazy(async (input: string, opts) => (await import('./render-report.js')).runRender(input, opts)));

  program
    .command('template')
    .description('生成空白填报表（xlsx 工作簿或规范 JSON），格式与官方表格一致')
    .option('-y, --year <年度>', '报告年度，如 2024（决定采用 2019 或 2021 年格式）')
    .option('-a, --agency <机关名称>', '机关名称，如 北宫镇人民政府')
    .option('-f, --format <格式>', '输出格式：xlsx 或 json', 'xlsx')
    .option('-o, --out <文件>', '输出文件（json 可省略，输出到标准输出）')
    .helpOption('-h, --help', '显示帮助')
    .action(lazy(async (opts) => (await import('./template.js')).runTemplate(opts)));

  program
    .command('fix')
    .description('对可识别的填表错误（错行、合计加错、合计空白）给出修正建议及理由')
    .argument('<文件>', '报告文件（任一支持的格式或规范 JSON）')
    .option('-w, --write <文件>', '把修正后的报告写成规范 JSON')
    .option('--json', '以 JSON 输出修正建议')
    .helpOption('-h, --help', '显示帮助')
    .action(lazy(async (file: string, opts) => (await import('./fix.js')).runFix(file, opts)));

  addDbOption(
    program
      .command('serve')
      .description('启动网页工作台（导入、年报列表与详情、对比、总览、填报、单位与地区、用户）')
      .option('--port <端口>', '监听端口', '8787')
      .option('--host <地址>', '监听地址（默认只在本机可访问）', '127.0.0.1')
      // One path per --import (repeatable): commander reads `<路径...>` (non-ASCII name) as a single value.
      .option('--import <路径>', '启动前把报告文件、文件夹或 zip 导入数据库（保存原文，供详情页对照；已导入的跳过；可重复）', (v: string, prev: string[] = []) => [...prev, v])
      .option('--secure-cookies', '会话 Cookie 加 Secure 标记（经 HTTPS 反向代理提供服务时使用）')
      .helpOption('-h, --help', '显示帮助'),
  ).action(lazy(async (opts) => (await import('./serve.js')).runServe(opts)));

  const user = program.command('user').description('管理工作台账号').helpOption('-h, --help', '显示帮助');
  addDbOption(
    user
      .command('add')
      .description('新建账号（密码从标准输入读取）')
      .argument('<用户名>', '登录名')
      .requiredOption('--role <角色>', 'admin（管理员）、reviewer（审核员，限一个地区及其下级）或 clerk（填报员，限一个单位）')
      .option('--region <地区>', '审核员负责的地区，用 / 分隔上下级，例如 北京市/房山区（不存在则创建）')
      .option('--agency <单位>', '填报员所属单位名称（不存在则创建）')
      .option('--password-stdin', '从标准输入读取密码（必需）')
      .helpOption('-h, --help', '显示帮助'),
  ).action(lazy(async (name: string, opts) => (await import('./serve.js')).runUserAdd(name, opts)));
}
