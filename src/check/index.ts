/** Runs every single-report rule over an extracted report. */
import type { ExtractedReport, Finding } from '../core/types.js';
import { makeContext, type Rule } from './rule.js';
import { RULES } from './rules/index.js';

export { RULES };

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

/** Findings of one rule, with its id and default severity filled in. */
export function runRule(rule: Rule, report: ExtractedReport, ctx = makeContext(report)): Finding[] {
  return rule.check(ctx).map((f) => ({ rule: rule.meta.id, severity: rule.meta.severity, ...f }) as Finding);
}

export function checkReport(report: ExtractedReport, rules: Rule[] = RULES): Finding[] {
  const ctx = makeContext(report);
  const out: Finding[] = [];
  for (const rule of rules) out.push(...runRule(rule, report, ctx));
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.pos?.line ?? 0) - (b.pos?.line ?? 0));
}
