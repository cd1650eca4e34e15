/**
 * Row shift in table 三: the （七）总计 figures typed into 四、结转下年度继续办理 (or into the
 * last outcome row), the 总计 row left 0 or blank. The figures move to 总计; the row they
 * left is recomputed from the report's own identities. Nothing is proposed when a figure
 * needed is blank, when the identities do not fix the value, or when it would be negative.
 */
import { rowDisplayLabel, TEMPLATES } from '../../core/template.js';
import type { CanonicalReport } from '../../render/canonical.js';
import type { CellChange, FixPattern, FixProposal } from '../types.js';
import { fmt, key, outcomeRows, outcomeSum, statedCarriedForward, sum, T3_COLS, val, version } from '../util.js';

const rowVals = (r: CanonicalReport, row: string) => T3_COLS.map((c) => val(r, key('t3', row, c)));
const blankOrZero = (a: (number | null)[]) => a.every((x) => x === null || x === 0);
const same = (a: (number | null)[], b: (number | null)[]) => a.every((x, i) => x !== null && x === b[i]);

export function t3Label(r: CanonicalReport, row: string): string {
  const def = TEMPLATES[version(r)].t3.rows.find((x) => x.key === row) ?? TEMPLATES['2019'].t3.rows.find((x) => x.key === row);
  return def ? `“${rowDisplayLabel(def)}”` : row;
}

function changesOf(r: CanonicalReport, row: string, to: number[]): CellChange[] {
  return T3_COLS.map((c, i) => ({ key: key('t3', row, c), from: val(r, key('t3', row, c)), to: to[i] })).filter((ch) => ch.from !== ch.to);
}

function evidence(r: CanonicalReport, cfTotal: number): string | undefined {
  const s = statedCarriedForward(r);
  if (!s) return undefined;
  return s.n === cfTotal ? `报告正文写明“${s.quote}”，与修正后的结转下年度总计 ${cfTotal} 一致。` : `注意：报告正文写的是“${s.quote}”，与按勾稽关系算出的 ${cfTotal} 不一致，请核实。`;
}

export const rowShift: FixPattern = {
  id: 'row-shift',
  title: '数字填错了行',
  description: '表三“（七）总计”的数字被填进了“四、结转下年度继续办理”（或最后一个办理结果行），总计行为 0 或空白：把数字移回总计行，并按表内关系重算被占用的那一行。',
  propose(r) {
    const out: FixProposal[] = [];
    const sums = T3_COLS.map((c) => outcomeSum(r, c));
    const total = rowVals(r, 'total');
    const cf = rowVals(r, 'carriedForward');
    const nr = rowVals(r, 'newReceived');
    const co = rowVals(r, 'carriedOver');
    // 总计 typed into 结转下年度.
    if (sums.every((x) => x !== null) && blankOrZero(total) && same(cf, sums) && !blankOrZero(sums)) {
      const newCf = T3_COLS.map((_, i) => (nr[i] === null || co[i] === null ? null : sum([nr[i], co[i]])! - sums[i]!));
      if (newCf.every((x) => x !== null && x >= 0)) {
        const cfTotal = newCf[newCf.length - 1]!;
        out.push({
          pattern: 'row-shift',
          title: `总计填进了${t3Label(r, 'carriedForward')}行`,
          reason:
            `${t3Label(r, 'carriedForward')}行的数字（${cf.map(fmt).join('、')}）恰好等于各项办理结果之和，而${t3Label(r, 'total')}行是 ${total.map(fmt).join('、')}：总计的数字填错了行。` +
            `把它们移到总计行；结转下年度按勾稽关系“第一项加第二项之和，等于第三项加第四项之和”重算，即本年新收 + 上年结转 − 总计 = ${newCf.map(fmt).join('、')}。`,
          evidence: evidence(r, cfTotal),
          changes: [...changesOf(r, 'total', sums as number[]), ...changesOf(r, 'carriedForward', newCf as number[])],
        });
      }
      return out;
    }
    // 总计 typed into the last outcome row: that row's own figures are then 0 (total = others + it).
    if (blankOrZero(total)) {
      const lastOf = (c: string) => outcomeRows(r, c).at(-1)!;
      const last = lastOf('total');
      if (T3_COLS.some((c) => lastOf(c) !== last)) return out;
      const lastVals = rowVals(r, last);
      const others = T3_COLS.map((c) => sum(outcomeRows(r, c).filter((x) => x !== last).map((x) => val(r, key('t3', x, c)))));
      if (blankOrZero(others) || !same(lastVals, others)) return out;
      // The 勾稽关系 must agree with the moved total where it can be evaluated.
      const balanced = T3_COLS.every((_, i) => nr[i] === null || co[i] === null || cf[i] === null || nr[i]! + co[i]! === lastVals[i]! + cf[i]!);
      if (!balanced) return out;
      out.push({
        pattern: 'row-shift',
        title: `总计填进了${t3Label(r, last)}行`,
        reason:
          `${t3Label(r, last)}行的数字（${lastVals.map(fmt).join('、')}）恰好等于其余各项办理结果之和，而${t3Label(r, 'total')}行为 0 或空白：总计填进了上一行。` +
          `把它们移到总计行；既然总计等于其余各行之和，该行本身应为 0。`,
        changes: [...changesOf(r, 'total', lastVals as number[]), ...changesOf(r, last, lastVals.map(() => 0))],
      });
    }
    return out;
  },
};
