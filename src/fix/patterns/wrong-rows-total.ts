/**
 * A total of table 三 that is the sum of the wrong cells: one part left out, or a row that
 * is not an outcome (本年新收, 上年结转, 结转下年度) added in. The total becomes the sum of
 * its parts only when a second identity of the table (the 勾稽关系, or the 总计 column
 * summed down) confirms that the parts, not the total, are right.
 */
import { describeCell } from '../../core/template.js';
import type { CanonicalReport } from '../../render/canonical.js';
import { totalsOf, type TotalDef } from '../totals.js';
import type { FixPattern, FixProposal } from '../types.js';
import { fmt, key, outcomeRows, sum, val } from '../util.js';

function recognise(r: CanonicalReport, t: TotalDef, total: number, parts: number[]): string | null {
  const s = parts.reduce((a, b) => a + b, 0);
  const left = t.parts.filter((_, i) => parts[i] !== 0 && s - parts[i] === total);
  const names = (ks: string[]) => ks.map((k) => `${describeCell(k)}（${fmt(val(r, k))}）`).join('或');
  // Which of equal parts was left out does not matter: the sum of the parts is the same.
  if (left.length >= 1) return `合计 ${total} 恰好是少加了${names(left)}的结果`;
  const added = t.strays.filter((k) => {
    const v = val(r, k);
    return v !== null && v !== 0 && s + v === total;
  });
  if (added.length >= 1) return `合计 ${total} 恰好是多加了${names(added)}的结果`;
  const [nr, co] = t.strays.slice(0, 2).map((k) => val(r, k));
  if (t.strays.length >= 2 && nr !== null && co !== null && nr + co === total) return `合计 ${total} 恰好是“本年新收”加“上年结转”之和，不是各项办理结果之和`;
  return null;
}

/** A second identity of the table that holds with the corrected total. */
function confirm(r: CanonicalReport, totalKey: string, value: number): string | null {
  const get = (k: string) => (k === totalKey ? value : val(r, k));
  const [, row, col] = /^t3\.(.+)\.([^.]+)$/.exec(totalKey) ?? [];
  if (!row) return null;
  const balance = (c: string) => {
    const [nr, co, tot, cf] = ['newReceived', 'carriedOver', 'total', 'carriedForward'].map((x) => get(key('t3', x, c)));
    return nr !== null && co !== null && tot !== null && cf !== null && nr + co === tot + cf;
  };
  if (row === 'total' || ['newReceived', 'carriedOver', 'carriedForward'].includes(row)) return balance(col) ? '修正后勾稽关系（第一项加第二项之和，等于第三项加第四项之和）成立' : null;
  if (col === 'total' && outcomeRows(r, 'total').includes(row)) {
    const down = sum(outcomeRows(r, 'total').map((x) => get(key('t3', x, 'total'))));
    return down !== null && down === get(key('t3', 'total', 'total')) ? '修正后“总计”列各项办理结果之和等于“（七）总计”' : null;
  }
  return null;
}

export const wrongRowsTotal: FixPattern = {
  id: 'wrong-rows-total',
  title: '合计加错了行或列',
  description: '表三的合计不等于各项之和，而恰好等于少加一项、多加一行（本年新收、上年结转、结转下年度）或“本年新收 + 上年结转”的结果；且表内另一关系证实各项无误时，合计改为各项之和。',
  propose(r) {
    const out: FixProposal[] = [];
    for (const t of totalsOf(r)) {
      if (!t.total.startsWith('t3.')) continue;
      const total = val(r, t.total);
      const parts = t.parts.map((k) => val(r, k));
      const s = sum(parts);
      if (total === null || s === null || s === total) continue;
      const why = recognise(r, t, total, parts as number[]);
      if (!why) continue;
      const ok = confirm(r, t.total, s);
      if (!ok) continue;
      out.push({
        pattern: 'wrong-rows-total',
        title: `${t.name}加错了`,
        reason: `${t.name}填的是 ${total}，${t.partsName}相加为 ${s}：${why}。${ok}，所以应改为 ${s}。`,
        changes: [{ key: t.total, from: total, to: s }],
      });
    }
    return out;
  },
};
