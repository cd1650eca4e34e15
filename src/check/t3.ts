/** Helpers shared by several table-三 rules. */
import { outcomeRowKeys } from '../core/template.js';
import type { RuleContext } from './rule.js';
import { sumOrNull } from './rule.js';
import { key, otherRows } from './util.js';

/**
 * Outcome rows summed by （七）总计 for column c. On the 2021 template, when the three
 * （六） sub-rows are blank in that column and a single 其他处理 row (other.total) was read,
 * that row stands in for them.
 */
export function outcomeRowsFor(ctx: RuleContext, c: string): string[] {
  const rows = outcomeRowKeys(ctx.version);
  if (ctx.version !== '2021') return rows;
  const { single, subRows } = otherRows();
  const subsBlank = subRows.every((r) => ctx.cell(key('t3', r, c)) == null);
  const singleVal = ctx.cell(key('t3', single, c));
  if (subsBlank && singleVal != null) return [...rows.filter((r) => !subRows.includes(r)), single];
  return rows;
}

/** Expected （七）总计 per column (sum of outcome rows), null where not computable. */
export function outcomeSums(ctx: RuleContext, cols: string[]): (number | null)[] {
  return cols.map((c) => sumOrNull(ctx, outcomeRowsFor(ctx, c).map((r) => key('t3', r, c))));
}
