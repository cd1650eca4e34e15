/** Chinese titles of every rule, single-report and cross-report, from the rule modules themselves. */
import { RULES } from '../../src/check/rules/index';
import { HISTORY_RULES } from '../../src/check/history/index';

const TITLES = new Map<string, string>([...RULES, ...HISTORY_RULES].map((r) => [r.meta.id, r.meta.title]));

export function ruleTitle(id: string): string {
  return TITLES.get(id) ?? id;
}

export const ALL_RULES = [...RULES, ...HISTORY_RULES].map((r) => ({ id: r.meta.id, title: r.meta.title }));
