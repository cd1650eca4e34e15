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
  if (subsBlank && singleVal != null) return (SINGLE_OTHER ??= Object.freeze([...rows.filter((r) => !subRows.includes(r)), single]) as string[]);
  return rows;
}

/** The 2021 outcome rows with the single （六）其他处理 row in place of its sub-rows (always the same). */
let SINGLE_OTHER: string[] | null = null;

/** Cell keys of outcome rows in one column, built once per row list and column. */
const OUTCOME_CELLS = new WeakMap<string[], Map<string, string[]>>();
function outcomeCells(rows: string[], c: string): string[] {
  let byCol = OUTCOME_CELLS.get(rows);
  if (!byCol) OUTCOME_CELLS.set(rows, (byCol = new Map()));
  let keys = byCol.get(c);
  if (!keys) byCol.set(c, (keys = rows.map((r) => key('t3', r, c))));
  return keys;
}

/** Expected （七）总计 per column (sum of outcome rows), null where not computable. */
export function outcomeSums(ctx: RuleContext, cols: string[]): (number | null)[] {
  return cols.map((c) => sumOrNull(ctx, outcomeCells(outcomeRowsFor(ctx, c), c)));
}
