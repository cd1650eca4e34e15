import { T3_COLUMN_KEYS } from '../../core/template.js';
import type { Rule, RuleContext } from '../rule.js';
import { sumOrNull } from '../rule.js';
import { outcomeRowsFor, outcomeSums } from '../t3.js';
import { describeRow, firstPos, fmt, key, type Out } from '../util.js';

const same = (a: (number | null | undefined)[], b: (number | null | undefined)[]) => a.every((x, i) => x != null && x === b[i]);
const blankOrZero = (a: (number | null | undefined)[]) => a.every((x) => x == null || x === 0);

function rowValues(ctx: RuleContext, row: string) {
  return rowCells(row).map((k) => ctx.cell(k));
}
/** A row's cells in column order (kept per row; callers copy before changing). */
const ROW_CELLS = new Map<string, string[]>();
function rowCells(row: string) {
  let keys = ROW_CELLS.get(row);
  if (!keys) ROW_CELLS.set(row, (keys = Object.freeze(T3_COLUMN_KEYS.map((c) => key('t3', row, c))) as string[]));
  return keys;
}

/** A row holds exactly the figures another row should hold (e.g. 总计 typed into 结转下年度). */
const rule: Rule = {
  meta: {
    id: 'row-shift',
    severity: 'info',
    group: 't3',
    title: '数字可能填错了行',
    description:
      '表三某一行的数字恰好是另一行应有的数字，例如各项办理结果之和（应填入“（七）总计”）被填进了“四、结转下年度继续办理”，而总计行为 0 或空白。这通常是填表时错行所致。',
    fix: '把数字移回应在的行：总计行填各项办理结果之和，结转下年度行填尚未办结的申请数。',
  },
  check(ctx) {
    const out: Out[] = [];
    const sums = outcomeSums(ctx, T3_COLUMN_KEYS);
    const total = rowValues(ctx, 'total');
    const cf = rowValues(ctx, 'carriedForward');
    // Main case: the （七）总计 figures typed into 结转下年度继续办理.
    if (sums.every((x) => x != null) && !same(total, sums) && same(cf, sums) && !blankOrZero(sums)) {
      out.push({
        message:
          `${describeRow('t3', 'carriedForward')}的数字（${cf.map(fmt).join('、')}）恰好等于各项办理结果之和，应是${describeRow('t3', 'total')}的数字；` +
          `而总计行填的是 ${total.map(fmt).join('、')}。看来总计的数字填进了结转下年度一行，请把它们移到“总计”行，并重新填写结转下年度的数字。`,
        cells: [...rowCells('total'), ...rowCells('carriedForward')],
        pos: firstPos(ctx, [...rowCells('carriedForward'), ...rowCells('total')]),
        expected: sums.map(fmt).join(','),
        found: cf.map(fmt).join(','),
      });
      return out;
    }
    // The total typed into the last outcome row, the 总计 row left blank or 0.
    if (blankOrZero(total)) {
      const rows = outcomeRowsFor(ctx, T3_COLUMN_KEYS[T3_COLUMN_KEYS.length - 1]);
      const last = rows[rows.length - 1];
      {
        const lastVals = rowValues(ctx, last);
        const others = T3_COLUMN_KEYS.map((c) => sumOrNull(ctx, outcomeRowsFor(ctx, c).filter((r) => r !== last).map((r) => key('t3', r, c))));
        if (!blankOrZero(others) && same(lastVals, others)) {
          out.push({
            message:
              `${describeRow('t3', last, ctx.version)}的数字（${lastVals.map(fmt).join('、')}）恰好等于其余各项办理结果之和，而${describeRow('t3', 'total')}为空白或 0。` +
              `看来总计的数字填进了上一行，请把它们移到“总计”行，并核对该行本身的数字。`,
            cells: [...rowCells(last), ...rowCells('total')],
            pos: firstPos(ctx, rowCells(last)),
            expected: others.map(fmt).join(','),
            found: lastVals.map(fmt).join(','),
          });
        }
      }
    }
    return out;
  },
};
export default rule;
