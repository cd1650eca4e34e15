/** nianbao command line. Every user-facing word is Chinese; machine output follows contract.md. */
import { Command } from 'commander';
import { registerParse } from './parse.js';

const program = new Command();
program
  .name('nianbao')
  .description('政府信息公开工作年度报告：读取、抽取、检查、入库、渲染')
  .version('0.1.0', '-V, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand('help [命令]', '显示某个命令的帮助')
  .configureHelp({ sortSubcommands: false })
  .showHelpAfterError('（使用 --help 查看用法）');

registerParse(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
