import { T3_COLUMN_KEYS } from '../../core/template.js';
import type { Rule } from '../rule.js';
import { roundSum } from '../rule.js';
import { describeCol, describeRow, firstPos, fmt, key, type Out } from '../util.js';

/** 勾稽关系: newReceived[c] + carriedOver[c] = total[c] + carriedForward[c], per column of table 三. */
const rule: Rule = {
  meta: {
    id: 'requests-balance',
    severity: 'error',
    group: 't3',
    title: '表三勾稽关系不成立',
    description:
      '逐列核对表三：“一、本年新收”加“二、上年结转”之和，应等于“（七）总计”加“四、结转下年度继续办理”之和（表头注明的勾稽关系）。任一单元格空白时不核对该列。',
    fix: '核对该列四个数字：本年新收与上年结转之和，应等于本年办结（总计）与结转下年度之和。常见原因是总计或结转下年度填错行、漏算。',
  },
  check(ctx) {
    const out: Out[] = [];
    for (const c of T3_COLUMN_KEYS) {
      const ks = { nr: key('t3', 'newReceived', c), co: key('t3', 'carriedOver', c), tot: key('t3', 'total', c), cf: key('t3', 'carriedForward', c) };
      const v = { nr: ctx.cell(ks.nr), co: ctx.cell(ks.co), tot: ctx.cell(ks.tot), cf: ctx.cell(ks.cf) };
      if (v.nr == null || v.co == null || v.tot == null || v.cf == null) continue;
      const left = roundSum(v.nr + v.co);
      const right = roundSum(v.tot + v.cf);
      if (left === right) continue;
      out.push({
        message:
          `${describeCol('t3', c)}勾稽关系不成立：${describeRow('t3', 'newReceived')}（${fmt(v.nr)}）加${describeRow('t3', 'carriedOver')}（${fmt(v.co)}）共 ${fmt(left)} 件，` +
          `应等于${describeRow('t3', 'total')}（${fmt(v.tot)}）加${describeRow('t3', 'carriedForward')}（${fmt(v.cf)}）之和；应为 ${fmt(left)}，实为 ${fmt(right)}。`,
        cells: [ks.nr, ks.co, ks.tot, ks.cf],
        pos: firstPos(ctx, [ks.tot, ks.cf, ks.nr, ks.co]),
        expected: left,
        found: right,
      });
    }
    return out;
  },
};
export default rule;
