/** `nianbao explain [RULE]`: what a rule checks and how to fix what it reports; without RULE, the list. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES, ruleById } from '../check/index.js';
import { HISTORY_RULES } from '../check/history/index.js';
import type { RuleMeta } from '../check/rule.js';

/** A rule as explain shows it: single-report rules and the history rules (run by ingest, reported by summary). */
type Rule = { meta: RuleMeta; history?: boolean };

export const ALL_RULES: Rule[] = [...RULES, ...HISTORY_RULES.map((r) => ({ meta: r.meta, history: true }))];

function findRule(id: string): Rule | undefined {
  return ruleById(id) ?? ALL_RULES.find((r) => r.meta.id === id);
}
import { editDistance } from '../core/edit-distance.js';
import { parseFile } from './io.js';
import { cellLines, GROUP_ORDER, GROUP_TITLES, location, SEVERITY_LABELS, snippet } from './render.js';
import { displayWidth, makeStyle, padEnd, wantColor, type Style } from './style.js';

/** Rules whose id is near the query (typo, part of the id) or whose Chinese title contains it. */
export function closeMatches(query: string, rules: Rule[] = ALL_RULES): Rule[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored: { r: Rule; score: number }[] = [];
  for (const r of rules) {
    const id = r.meta.id;
    const d = editDistance(q, id);
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
    ...(r.history ? [`${st.bold('何时检查：')}入库时（nianbao ingest）与本机关上一年度的报告、其他机关的报告或本地区各机关的报告比较后给出；结果见 nianbao summary、nianbao export。单独 check 一个文件时不检查。`] : []),
    `${st.bold('严重程度：')}${SEVERITY_LABELS[m.severity]}${m.severity === 'error' ? '（出现即视为报告有错，check 退出状态为 1）' : m.severity === 'warning' ? '（可能有问题，需人工确认）' : '（仅供参考）'}`,
    '',
    st.bold('检查什么：'),
    `  ${m.description}`,
    '',
    st.bold('如何修改：'),
    `  ${m.fix}`,
  ];
  return out.join('\n') + '\n';
}

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples');

/**
 * An example finding of the rule, taken from the bundled text samples when one of them shows it
 * (cheap: only .txt samples, stops after about a second). Empty string when none does.
 */
export async function exampleFinding(r: Rule, st: Style, dir = SAMPLES, budgetMs = 1500): Promise<string> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  } catch {
    return '';
  }
  const t0 = Date.now();
  for (const n of names) {
    if (Date.now() - t0 > budgetMs) break;
    const file = path.join(dir, n);
    const o = await parseFile(file);
    if (!o.ok) continue;
    const f = o.findings.find((x) => x.rule === r.meta.id);
    if (!f) continue;
    const shown = path.relative(process.cwd(), file) || file;
    const out = [
      st.bold(`示例（取自 ${shown}）：`),
      `${location(shown, f.pos, o.format)}  ${SEVERITY_LABELS[f.severity]}  ${f.message}  ${st.dim(`[${f.rule}]`)}`,
      ...snippet(o.lines, f, st),
      ...cellLines(o, f, { style: st, verboseHint: false }),
    ];
    return out.join('\n') + '\n';
  }
  return '';
}

export function renderRuleList(st: Style, rules: Rule[] = ALL_RULES): string {
  const idW = Math.max(...rules.map((r) => displayWidth(r.meta.id)));
  const out = [st.bold(`全部检查规则（${rules.length} 条）`), ''];
  for (const g of GROUP_ORDER) {
    const inG = rules.filter((r) => r.meta.group === g && !r.history);
    if (!inG.length) continue;
    out.push(st.bold(`【${GROUP_TITLES[g]}】`));
    for (const r of inG) out.push(`  ${padEnd(r.meta.id, idW)}  ${sevColored(r, st)}  ${r.meta.title}`);
    out.push('');
  }
  const other = rules.filter((r) => !GROUP_ORDER.includes(r.meta.group) && !r.history);
  for (const r of other) out.push(`  ${padEnd(r.meta.id, idW)}  ${sevColored(r, st)}  ${r.meta.title}`);
  const history = rules.filter((r) => r.history);
  if (history.length) {
    out.push(st.bold('【跨年度、跨报告检查】') + st.dim('  入库时（nianbao ingest）比较多份报告后给出，见 nianbao summary'));
    for (const r of history) out.push(`  ${padEnd(r.meta.id, idW)}  ${sevColored(r, st)}  ${r.meta.title}`);
    out.push('');
  }
  out.push('用 nianbao explain <规则> 查看某条规则的详细说明。');
  return out.join('\n') + '\n';
}

export async function runExplain(id: string | undefined, opts: { color?: boolean; example?: boolean }): Promise<void> {
  const st = makeStyle(wantColor(opts.color));
  if (!id) {
    process.stdout.write(renderRuleList(st));
    return;
  }
  const rule = findRule(id.trim()) ?? findRule(id.trim().toLowerCase());
  if (rule) {
    process.stdout.write(renderRule(rule, st));
    if (rule.history) return;
    const ex = opts.example === false ? '' : await exampleFinding(rule, st).catch(() => '');
    process.stdout.write(
      ex ? `\n${ex}` : `\n${st.dim(`在检查结果中显示为：报告.txt:行:列  ${SEVERITY_LABELS[rule.meta.severity]}  ……  [${rule.meta.id}]`)}\n`,
    );
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
}
