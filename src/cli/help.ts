/**
 * Chinese for commander's built-in words: help headings (Usage:/Options:/Commands:/Arguments:),
 * `[options]`/`[command]` in usage lines, `(default: …)`, and its error messages. Applied to
 * every command after they are all registered.
 */
import { Command, CommanderError, Help } from 'commander';
import { displayWidth } from './style.js';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

function zhUsage(s: string): string {
  return s.replace(/\[options\]/g, '[选项]').replace(/\[command\]/g, '[命令]');
}

function zhExtra(s: string): string {
  // "说明 (default: "json")" → "说明（默认：json）"
  const m = /\(((?:default|choices|preset|env): .*)\)$/.exec(s);
  if (!m) return s;
  const zh = m[1]
    .replace(/default: /g, '默认：')
    .replace(/choices: /g, '可选：')
    .replace(/preset: /g, '预设：')
    .replace(/env: /g, '环境变量：')
    .replace(/"([^"]*)"/g, '$1')
    .replace(/, /g, '，');
  return `${s.slice(0, m.index).trimEnd()}（${zh}）`;
}

export const helpConfig: Partial<Help> = {
  sortSubcommands: false,
  styleTitle: (s: string) => TITLES[s] ?? s,
  /** CJK characters take two columns: keeps the help columns aligned. */
  displayWidth: (s: string) => displayWidth(s),
  commandUsage(this: Help, cmd: Command) {
    return zhUsage(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(this: Help, cmd: Command) {
    return zhUsage(Help.prototype.subcommandTerm.call(this, cmd));
  },
  optionDescription(this: Help, option) {
    return zhExtra(Help.prototype.optionDescription.call(this, option));
  },
  argumentDescription(this: Help, argument) {
    return zhExtra(Help.prototype.argumentDescription.call(this, argument));
  },
};

/** commander's English error text → Chinese. */
export function zhError(str: string): string {
  let s = str;
  const rules: [RegExp, string][] = [
    [/error: unknown option '([^']*)'/, '错误：未知选项“$1”'],
    [/error: unknown command '([^']*)'/, '错误：未知命令“$1”'],
    [/error: missing required argument '([^']*)'/, '错误：缺少参数“$1”'],
    [/error: option '([^']*)' argument missing/, '错误：选项“$1”缺少取值'],
    [/error: required option '([^']*)' not specified/, '错误：必须给出选项“$1”'],
    [/error: option '([^']*)' argument '([^']*)' is invalid\./, '错误：选项“$1”的取值“$2”无效'],
    [/error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, '错误：参数过多：应为 $2 个，实际给了 $3 个'],
    [/\(Did you mean one of ([^?]*)\?\)/, '（您要输入的是不是以下之一：$1？）'],
    [/\(Did you mean ([^?]*)\?\)/, '（您要输入的是不是 $1？）'],
    [/^error: /m, '错误：'],
  ];
  for (const [re, zh] of rules) s = s.replace(re, zh);
  return s;
}

/** Applies the Chinese help and error output to a command and all its subcommands. */
export function localize(cmd: Command): void {
  cmd.configureHelp(helpConfig);
  cmd.configureOutput({ outputError: (str, write) => write(zhError(str)) });
  cmd.showHelpAfterError('（使用 --help 查看用法）');
  cmd.exitOverride();
  for (const sub of cmd.commands) localize(sub);
}

/** Exit status of a commander exit (help, version → 0; usage errors → 2). */
export function commanderStatus(e: unknown): number | undefined {
  if (!(e instanceof CommanderError)) return undefined;
  return e.exitCode === 0 ? 0 : 2;
}
