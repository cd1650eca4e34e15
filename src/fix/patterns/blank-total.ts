/**
 * A total left blank while all its parts are given: table 三's 总计 column and （七）总计 row,
 * table 四's group totals. The total is the sum of its parts; nothing else is assumed.
 */
import type { FixPattern, FixProposal } from '../types.js';
import { totalsOf } from '../totals.js';
import { fmt, sum, val } from '../util.js';

export const blankTotal: FixPattern = {
  id: 'blank-total',
  title: '合计栏空白',
  description: '合计栏（表三“总计”列、“（七）总计”行，表四各组“总计”）空白，而相加的各项都已填写：合计即各项之和。',
  propose(r) {
    const out: FixProposal[] = [];
    for (const t of totalsOf(r)) {
      if (val(r, t.total) !== null) continue;
      const parts = t.parts.map((k) => val(r, k));
      const s = sum(parts);
      if (s === null) continue;
      out.push({
        pattern: 'blank-total',
        title: `${t.name}空白`,
        reason: `${t.name}空白，而${t.partsName}都已填写（${parts.map(fmt).join(' + ')}），合计应为 ${s}。`,
        changes: [{ key: t.total, from: null, to: s }],
      });
    }
    return out;
  },
};
