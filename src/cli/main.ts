/**
 * nianbao command line. Every user-facing word is Chinese; machine output follows contract.md.
 * Loads commander and the command definitions only: each command imports what it needs when
 * it runs (see commands.ts), so `--help` and `--version` start nearly as fast as Node itself.
 */
import { readFileSync } from 'node:fs';

// `parse` and `check` read every file in a parse process: it starts now, so that its start-up
// runs on another core while this process loads the command line (see prewarm).
// (A memory limit of its own would need another heap cap: the pool then starts its own.)
if (/^(parse|check)$/.test(process.argv[2] ?? '') && !process.argv.some((a) => a.startsWith('--memory-limit')) && !process.env.NIANBAO_FILE_MEMORY)
  // PDFs among the arguments: the process loads pdf.js (the largest part of a PDF parse's start) meanwhile too.
  (await import('../dataset/pool.js')).prewarm(undefined, process.argv.some((a) => /\.pdf$/i.test(a)) ? 'pdf' : undefined);

// Loaded after that start, not as static imports (those would load before any line here runs).
const { Command } = await import('commander');
const { registerCommands } = await import('./commands.js');
const { commanderStatus, localize } = await import('./help.js');

/** Internal failures end with a Chinese message and status 2, never a stack trace (NIANBAO_DEBUG=1 shows it). */
function fatal(e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`错误：程序内部出错（${msg}）。请把命令和输入文件反馈给维护者。\n`);
  if (process.env.NIANBAO_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  process.exit(2);
}
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);
// `nianbao check dir | head`: a closed pipe is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : fatal(e)));

/** The package's version (package.json sits two folders up from both src/cli and dist/cli). */
function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '未知';
  }
}

const program = new Command();
program
  .name('nianbao')
  .description('政府信息公开工作年度报告：读取、抽取、检查、入库、渲染')
  .version(version(), '-V, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand('help [命令]', '显示某个命令的帮助')
  .configureHelp({ sortSubcommands: false })
  .showHelpAfterError('（使用 --help 查看用法）');

registerCommands(program);

localize(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const status = commanderStatus(e);
  if (status !== undefined) process.exitCode = status;
  else fatal(e);
}
