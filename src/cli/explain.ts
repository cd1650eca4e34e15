/** `nianbao explain [RULE]`: what a rule checks and how to fix what it reports; without RULE, the list. */
import type { Command } from 'commander';
import { RULES, ruleById } from '../check/index.js';
import type { Rule } from '../check/rule.js';
import { GROUP_ORDER, GROUP_TITLES, SEVERITY_LABELS } from './render.js';
import { displayWidth, makeStyle, padEnd, wantColor, type Style } from './style.js';

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Rules whose id is near the query (typo, part of the id) or whose Chinese title contains it. */
export function closeMatches(query: string, rules: Rule[] = RULES): Rule[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored: { r: Rule; score: number }[] = [];
  for (const r of rules) {
    const id = r.meta.id;
    const d = levenshtein(q, id);
    let score = Infinity;
    if (d <= Math.max(2, Math.floor(id.length / 4))) score = d;
    if (id.includes(q) || (q.length >= 4 && q.includes(id))) score = Math.min(score, 1);
    if (q.split(/[-_\s]+/).some((w) => w.length >= 4 && id.split('-').includes(w))) score = Math.min(score, 3);
    if (r.meta.title.includes(query.trim()) || r.meta.description.includes(query.trim())) score = Math.min(score, 2);
    if (score < Infinity) scored.push({ r, score });
  }
  return scored.sort((a, b) => a.score - b.score || a.r.meta.id.localeCompare(b.r.meta.id)).slice(0, 6).map((s) => s.r);
}

function sevColored(r: Rule, st: Style): string {
  const l = SEVERITY_LABELS[r.meta.severity];
  return r.meta.severity === 'error' ? st.red(l) : r.meta.severity === 'warning' ? st.yellow(l) : st.cyan(l);
}

export function renderRule(r: Rule, st: Style): string {
  const m = r.meta;
  const out = [
    `${st.bold(m.id)}  ${sevColored(r, st)}  ${st.bold(m.title)}`,
    '',
    `${st.bold('所属部分：')}${GROUP_TITLES[m.group] ?? m.group}`,
    `${st.bold('严重程度：')}${SEVERITY_LABELS[m.severity]}${m.severity === 'error' ? '（出现即视为报告有错，check 退出状态为 1）' : m.severity === 'warning' ? '（可能有问题，需人工确认）' : '（仅供参考）'}`,
    '',
    st.bold('检查什么：'),
    `  ${m.description}`,
    '',
    st.bold('如何修改：'),
    `  ${m.fix}`,
    '',
    st.dim(`在检查结果中显示为：报告.txt:行:列  ${SEVERITY_LABELS[m.severity]}  ……  [${m.id}]`),
  ];
  return out.join('\n') + '\n';
}

export function renderRuleList(st: Style, rules: Rule[] = RULES): string {
  const idW = Math.max(...rules.map((r) => displayWidth(r.meta.id)));
  const out = [st.bold(`全部检查规则（${rules.length} 条）`), ''];
  for (const g of GROUP_ORDER) {
    const inG = rules.filter((r) => r.meta.group === g);
    if (!inG.length) continue;
    out.push(st.bold(`【${GROUP_TITLES[g]}】`));
    for (const r of inG) out.push(`  ${padEnd(r.meta.id, idW)}  ${sevColored(r, st)}  ${r.meta.title}`);
    out.push('');
  }
  const other = rules.filter((r) => !GROUP_ORDER.includes(r.meta.group));
  for (const r of other) out.push(`  ${padEnd(r.meta.id, idW)}  ${sevColored(r, st)}  ${r.meta.title}`);
  out.push('用 nianbao explain <规则> 查看某条规则的详细说明。');
  return out.join('\n') + '\n';
}

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('说明某条检查规则：检查什么、严重程度、如何修改；不带参数时列出全部规则')
    .argument('[规则]', '规则编号，如 requests-balance（即检查结果方括号中的编号）')
    .option('--no-color', '不使用颜色（也可设置环境变量 NO_COLOR）')
    .helpOption('-h, --help', '显示帮助')
    .action((id: string | undefined, opts: { color?: boolean }) => {
      const st = makeStyle(wantColor(opts.color));
      if (!id) {
        process.stdout.write(renderRuleList(st));
        return;
      }
      const rule = ruleById(id.trim()) ?? ruleById(id.trim().toLowerCase());
      if (rule) {
        process.stdout.write(renderRule(rule, st));
        return;
      }
      const near = closeMatches(id);
      const lines = [`错误：没有名为“${id}”的检查规则。`];
      if (near.length) {
        lines.push('', '您要找的是不是：');
        for (const r of near) lines.push(`  ${r.meta.id}  ${r.meta.title}`);
      }
      lines.push('', '用 nianbao explain（不带参数）列出全部规则。');
      process.stderr.write(lines.join('\n') + '\n');
      process.exitCode = 2;
    });
}
