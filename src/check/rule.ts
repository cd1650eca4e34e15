/**
 * A check rule, after ESLint's design: one module per rule, carrying its own metadata
 * (id, default severity, Chinese title, what it checks, how to fix) and a `check` function
 * that looks at one extracted report and returns findings.
 */
import type { ExtractedReport, Finding, Severity, SourcePos } from '../core/types.js';
import { TEMPLATES, type TemplateDef, type TemplateVersion } from '../core/template.js';
import { hasTraditional, linesHaveTraditional, toSimplifiedChinese } from '../core/normalize.js';

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** Short Chinese title. */
  title: string;
  /** What the rule compares, in Chinese, for `nianbao explain`. */
  description: string;
  /** How a clerk fixes it, in Chinese. */
  fix: string;
  /** Which table the findings belong to, for grouping in reports. */
  group: 't2' | 't3' | 't4' | 'sections' | 'meta' | 'read';
}

export interface RuleContext {
  report: ExtractedReport;
  /** The template the report was read with (detected, falling back to the year's). */
  template: TemplateDef;
  version: TemplateVersion;
  /** Value of a cell, undefined when the template has no such cell. */
  cell(key: string): number | null | undefined;
  /** Source position of a cell, when known. */
  posOf(key: string): SourcePos | undefined;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Omit<Finding, 'rule' | 'severity'>[] | Finding[];
}

/**
 * The report as rules read it: traditional characters converted to simplified in the text
 * rules search (lines, section bodies, title), so 撰寫時間 is found as 撰写时间. The
 * conversion keeps every string's length, so positions stay valid.
 */
function simplifiedView(report: ExtractedReport): ExtractedReport {
  const trad = linesHaveTraditional(report.lines) || report.sections.some((s) => hasTraditional(s.text) || hasTraditional(s.title));
  if (!trad) return report;
  return {
    ...report,
    lines: report.lines.map(toSimplifiedChinese),
    sections: report.sections.map((s) => ({ ...s, title: toSimplifiedChinese(s.title), text: toSimplifiedChinese(s.text) })),
    meta: { ...report.meta, title: report.meta.title === null ? null : toSimplifiedChinese(report.meta.title) },
  };
}

export function makeContext(original: ExtractedReport): RuleContext {
  const report = simplifiedView(original);
  const version: TemplateVersion = report.meta.template ?? (report.meta.year && report.meta.year < 2021 ? '2019' : '2021');
  return {
    report,
    template: TEMPLATES[version],
    version,
    // (A key not in the cells reads as undefined: the same as testing `key in cells` first, one lookup.)
    cell: (key) => report.cells[key],
    posOf: (key) => report.cellSources[key]?.pos,
  };
}

/**
 * Where of `keys` exactly one is blank, a scanned figure OCR could not read surely whose readings
 * are known (ReadIssue.candidates), and every other is filled: that cell and its readings. An
 * identity over `keys` that breaks with every reading is the report's error whichever it is.
 */
export function unsureCell(ctx: RuleContext, keys: string[]): { key: string; readings: number[] } | null {
  const blank = keys.filter((k) => ctx.report.cells[k] == null);
  if (blank.length !== 1) return null;
  const issue = ctx.report.readIssues.find((i) => i.candidates?.length && i.cells?.length === 1 && i.cells[0] === blank[0]);
  return issue ? { key: blank[0], readings: issue.candidates! } : null;
}

/** The sum of `keys` with `key` counted as `value` (the others filled). */
export function sumWith(ctx: RuleContext, keys: string[], key: string, value: number): number {
  let s = 0;
  for (const k of keys) s += k === key ? value : (ctx.report.cells[k] ?? 0);
  return roundSum(s);
}

/** Sum of cells, or null when any is missing (arithmetic rules stay silent on blanks). */
export function sumOrNull(ctx: RuleContext, keys: string[]): number | null {
  const cells = ctx.report.cells;
  let s = 0;
  for (let i = 0; i < keys.length; i++) {
    const v = cells[keys[i]];
    if (v === null || v === undefined) return null;
    s += v;
  }
  return roundSum(s);
}

/** Guard against float noise when decimals are summed. */
export function roundSum(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
