/**
 * Human rendering of parse outcomes for `nianbao check`, the way compilers show diagnostics:
 * `文件:行:列  错误  message  [rule-id]`, the source line with the cell underlined, the cells
 * compared with their values, and a summary table at the end. Pure: outcome in, text out.
 */
import { ruleById } from '../check/index.js';
import type { RuleMeta } from '../check/rule.js';
import { describeCell } from '../core/template.js';
import type { Finding, Severity, SourcePos } from '../core/types.js';
import type { ParseOutcome } from '../pipeline.js';
import { place } from './place.js';
import { displayWidth, padEnd, padStart, printable, type Style } from './style.js';

export { place };

export type Group = RuleMeta['group'];

export const GROUP_ORDER: Group[] = ['t2', 't3', 't4', 'sections', 'meta', 'read'];
export const GROUP_TITLES: Record<Group, string> = {
  t2: '表二 主动公开政府信息情况',
  t3: '表三 收到和处理政府信息公开申请情况',
  t4: '表四 政府信息公开行政复议、行政诉讼情况',
  sections: '章节',
  meta: '基本信息',
  read: '无法读取的部分（本工具未能读取，并非报告错误）',
};

export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface RenderOptions {
  style: Style;
  /** Only error findings. */
  quiet?: boolean;
  /** List every compared cell, even when there are many. */
  verbose?: boolean;
  /** Mention --verbose when cells were left out (default true). */
  verboseHint?: boolean;
}

export interface FileSummary {
  source: string;
  errors: number;
  warnings: number;
  infos: number;
  unreadable: number;
  failure?: { code: string; message: string };
}

export function summarize(o: ParseOutcome): FileSummary {
  if (!o.ok) return { source: o.source, errors: 0, warnings: 0, infos: 0, unreadable: 0, failure: o.failure };
  const n = (s: Severity) => o.findings.filter((f) => f.severity === s).length;
  return { source: o.source, errors: n('error'), warnings: n('warning'), infos: n('info'), unreadable: o.findings.filter((f) => f.unreadable).length };
}

/** Under the table its cells belong to (a rule about cells of table 二 is listed under 表二), else the rule's group. */
export function groupOf(f: Finding): Group {
  if (f.unreadable) return 'read';
  return tableOfCells(f.cells) ?? ruleById(f.rule)?.meta.group ?? 'meta';
}

/** Rules whose finding explains other findings (a row shift explains the totals it breaks). */
const ROOT_CAUSE_RULES = new Set(['row-shift', 'template-version']);

/**
 * What --quiet keeps: the errors, and the hints that explain them — a root-cause rule's
 * finding (a row shift), or a cell we could not read among the cells of an error.
 */
export function quietFindings(findings: Finding[]): Finding[] {
  const errorCells = new Set(findings.filter((f) => f.severity === 'error').flatMap((f) => f.cells));
  return findings.filter((f) => f.severity === 'error' || (errorCells.size > 0 && (ROOT_CAUSE_RULES.has(f.rule) || (f.unreadable && f.cells.some((c) => errorCells.has(c))))));
}

function sevText(f: Finding, st: Style): string {
  if (f.unreadable) return st.cyan('无法读取');
  const label = SEVERITY_LABELS[f.severity] ?? f.severity;
  if (f.severity === 'error') return st.bold(st.red(label));
  if (f.severity === 'warning') return st.yellow(label);
  return st.cyan(label);
}

function spanColor(f: Finding, st: Style): (s: string) => string {
  if (f.severity === 'error' && !f.unreadable) return (s) => st.bold(st.red(s));
  if (f.severity === 'warning') return (s) => st.bold(st.yellow(s));
  return (s) => st.bold(st.cyan(s));
}

/** `文件:行:列` for text; `文件 表3 第5行第4列`, `文件 第3页（…）`, `文件 表三!D5` … for the other formats. */
export function location(source: string, pos: SourcePos | undefined, format?: string): string {
  const where = place(pos, format);
  if (!where) return source;
  return /^\d/.test(where) ? `${source}:${where}` : `${source} ${where}`;
}

/** The table a finding's cells belong to (all in one table), if any. */
export function tableOfCells(cells: string[]): 't2' | 't3' | 't4' | null {
  const ts = new Set(cells.map((c) => c.split('.')[0]));
  if (ts.size !== 1) return null;
  const t = [...ts][0];
  return t === 't2' || t === 't3' || t === 't4' ? t : null;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Cuts a display string to at most `max` columns, keeping its end (`…` in front) or its start. */
function clip(s: string, max: number, keepEnd: boolean): string {
  if (displayWidth(s) <= max) return s;
  const chars = [...s];
  let out = '';
  let w = 0;
  if (keepEnd) {
    for (let i = chars.length - 1; i >= 0; i--) {
      const cw = displayWidth(chars[i]);
      if (w + cw > max - 1) break;
      out = chars[i] + out;
      w += cw;
    }
    return '…' + out;
  }
  for (const ch of chars) {
    const cw = displayWidth(ch);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

/** The offending source line with the span underlined (^^^), plus the row label above when the line is a bare figure. */
export function snippet(lines: string[], f: Finding, st: Style): string[] {
  const pos = f.pos;
  if (!pos || pos.line == null || pos.line < 1 || pos.line > lines.length) return [];
  const idx = pos.line - 1;
  const raw = lines[idx] ?? '';
  const col0 = Math.min(Math.max((pos.column ?? 1) - 1, 0), raw.length);
  const len = Math.max(0, Math.min(pos.length ?? 1, raw.length - col0));
  let before = printable(raw.slice(0, col0));
  const span = printable(raw.slice(col0, col0 + len));
  let after = printable(raw.slice(col0 + len));
  before = clip(before, 50, true);
  after = clip(after, Math.max(20, 90 - displayWidth(before) - displayWidth(span)), false);

  const gutter = String(pos.line).length;
  const num = (n: number | null) => st.dim(`${n == null ? ' '.repeat(gutter) : padStart(String(n), gutter)} │ `);
  const out: string[] = [];

  // A cell alone on its line (one cell per line, as in many copied tables): show the row label too.
  if (f.cells.length > 0 && !CJK.test(raw) && raw.trim().length <= 16) {
    for (let j = idx - 1; j >= Math.max(0, idx - 10); j--) {
      const l = lines[j] ?? '';
      if (CJK.test(l)) {
        out.push('    ' + num(j + 1) + st.dim(clip(printable(l).trim(), 80, false)));
        if (j < idx - 1) out.push('    ' + num(null) + st.dim('…'));
        break;
      }
    }
  }
  const paint = spanColor(f, st);
  out.push('    ' + num(pos.line) + before + paint(span) + after);
  const carets = '^'.repeat(Math.max(1, displayWidth(span)));
  out.push('    ' + num(null) + ' '.repeat(displayWidth(before)) + paint(carets));
  return out;
}

function cellValue(o: Extract<ParseOutcome, { ok: true }>, key: string): string {
  if (!(key in o.cells)) return '（本模板无此格）';
  const v = o.cells[key];
  const src = o.cellSources[key];
  let s = v === null ? '空白' : String(v);
  const raw = src?.raw?.trim();
  if (raw && raw !== s && v !== null) s += `（原文“${raw}”）`;
  else if (raw && v === null) s += `（原文“${raw}”）`;
  return s;
}

/** The compared cells with their values; long lists keep the first cell and the non-zero ones. */
export function cellLines(o: Extract<ParseOutcome, { ok: true }>, f: Finding, opts: RenderOptions): string[] {
  const keys = [...new Set(f.cells)];
  if (keys.length === 0) return [];
  const st = opts.style;
  const shown: string[] = [];
  let hiddenZero = 0;
  let hiddenOther = 0;
  const many = keys.length > 8 && !opts.verbose;
  keys.forEach((k, i) => {
    const v = o.cells[k];
    if (many && i > 0) {
      if (v === 0) {
        hiddenZero++;
        return;
      }
      if (shown.length >= 10) {
        hiddenOther++;
        return;
      }
    }
    shown.push(k);
  });
  const width = Math.min(48, Math.max(...shown.map((k) => displayWidth(describeCell(k)))));
  const out = [`    ${st.dim('比较的单元格：')}`];
  for (const k of shown) out.push(`      ${padEnd(describeCell(k), width)}  ${st.bold(cellValue(o, k))}`);
  if (hiddenZero) out.push(`      ${st.dim(`另有 ${hiddenZero} 个单元格为 0`)}`);
  if (hiddenOther) out.push(`      ${st.dim(`另有 ${hiddenOther} 个单元格未列出`)}`);
  if ((hiddenZero || hiddenOther) && opts.verboseHint !== false) out.push(`      ${st.dim('（加 --verbose 列出全部单元格）')}`);
  return out;
}

function countsText(s: FileSummary, st: Style): string {
  const e = `错误 ${s.errors}`;
  const w = `警告 ${s.warnings}`;
  const i = `提示 ${s.infos}`;
  return [s.errors ? st.bold(st.red(e)) : e, s.warnings ? st.yellow(w) : w, s.infos ? st.cyan(i) : i].join('  ');
}

/** Everything `check` prints for one file. Empty string when quiet and nothing to show. */
export function renderOutcome(o: ParseOutcome, opts: RenderOptions): string {
  const st = opts.style;
  const out: string[] = [];
  if (!o.ok) {
    out.push(`${st.bold(o.source)}  ${st.bold(st.red('无法读取'))}  ${o.failure.message}  ${st.dim(`[${o.failure.code}]`)}`);
    return out.join('\n') + '\n\n';
  }
  const sum = summarize(o);
  const findings = opts.quiet ? quietFindings(o.findings) : o.findings;
  if (opts.quiet && findings.length === 0) return '';

  const m = o.meta;
  const facts = [
    m.agency ?? '（未识别出机关名称）',
    m.year != null ? `${m.year} 年度` : '（未识别出年度）',
    m.template ? `${m.template} 年版模板` : '（未识别出模板版本）',
  ];
  out.push(`${st.bold(`━━ ${o.source}`)}  ${facts.join(' · ')}  ${countsText(sum, st)}`);
  if (findings.length === 0) {
    out.push(`  ${st.green('✓ 未发现问题')}`);
    return out.join('\n') + '\n\n';
  }

  const fixShown = new Set<string>();
  for (const g of GROUP_ORDER) {
    const inGroup = findings
      .filter((f) => groupOf(f) === g)
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.pos?.line ?? 0) - (b.pos?.line ?? 0));
    if (inGroup.length === 0) continue;
    out.push('');
    out.push(st.bold(`【${GROUP_TITLES[g]}】`) + st.dim(`  ${inGroup.length} 条`));
    for (const f of inGroup) {
      out.push('');
      out.push(`${location(o.source, f.pos, o.format)}  ${sevText(f, st)}  ${f.message}  ${st.dim(`[${f.rule}]`)}`);
      if (f.unreadable) out.push(`    ${st.cyan('（本工具无法读取此处，并非报告错误；相关数字未经检查）')}`);
      out.push(...snippet(o.lines, f, st));
      out.push(...cellLines(o, f, opts));
      const meta = ruleById(f.rule)?.meta;
      if (meta?.fix && !fixShown.has(f.rule)) {
        fixShown.add(f.rule);
        out.push(`    ${st.green('修改建议：')}${meta.fix}`);
      }
    }
  }
  return out.join('\n') + '\n\n';
}

function clipPath(s: string, max: number): string {
  return displayWidth(s) <= max ? s : clip(s, max, true);
}

/** The closing table: per file errors / warnings / info and outcome; totals; failures with their message. */
export function renderSummary(rows: FileSummary[], opts: RenderOptions): string {
  const st = opts.style;
  // --quiet leaves out only the files with nothing to report; a file with warnings keeps its row.
  const listed = opts.quiet ? rows.filter((r) => r.failure || r.errors > 0 || r.warnings > 0) : rows;
  const fileW = Math.min(60, Math.max(displayWidth('文件'), displayWidth('合计'), ...listed.map((r) => displayWidth(r.source))));
  const numW = 6;
  const head = `  ${padEnd('文件', fileW)}  ${padStart('错误', numW)}${padStart('警告', numW)}${padStart('提示', numW)}  结果`;
  const out = [st.bold('检查汇总'), st.dim(head), st.dim('  ' + '─'.repeat(fileW + 2 + numW * 3 + 6))];
  for (const r of listed) {
    const name = padEnd(clipPath(r.source, fileW), fileW);
    if (r.failure) {
      out.push(`  ${name}  ${padStart('—', numW)}${padStart('—', numW)}${padStart('—', numW)}  ${st.red('无法读取')}：${r.failure.message}`);
      continue;
    }
    const verdict = r.errors ? st.red('有错误') : r.warnings ? st.yellow('有警告') : st.green('通过');
    out.push(`  ${name}  ${padStart(String(r.errors), numW)}${padStart(String(r.warnings), numW)}${padStart(String(r.infos), numW)}  ${verdict}`);
  }
  const ok = rows.filter((r) => !r.failure);
  const tot = (k: 'errors' | 'warnings' | 'infos') => ok.reduce((s, r) => s + r[k], 0);
  out.push(st.dim('  ' + '─'.repeat(fileW + 2 + numW * 3 + 6)));
  out.push(
    `  ${padEnd(`合计`, fileW)}  ${padStart(String(tot('errors')), numW)}${padStart(String(tot('warnings')), numW)}${padStart(String(tot('infos')), numW)}`,
  );
  const failed = rows.length - ok.length;
  const withErr = ok.filter((r) => r.errors > 0).length;
  const passed = ok.length - withErr;
  const parts = [`共检查 ${rows.length} 个文件`, `${withErr} 个有错误`, `${passed} 个无错误`];
  if (failed) parts.push(`${failed} 个无法读取`);
  if (opts.quiet && rows.length > listed.length) parts.push(`未列出没有问题的 ${rows.length - listed.length} 个文件`);
  out.push('');
  out.push(parts.join('，') + '。');
  return out.join('\n') + '\n';
}
