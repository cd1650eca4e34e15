import { SECTIONS } from '../../core/template.js';
import type { Rule } from '../rule.js';

/** The present sections are not in template order. */
const rule: Rule = {
  meta: {
    id: 'section-order',
    severity: 'warning',
    group: 'sections',
    title: '报告各部分顺序不对',
    description: '报告六个部分应按规定顺序排列：总体情况、主动公开、收到和处理申请、行政复议和行政诉讼、存在的问题及改进、其他需要报告的事项。',
    fix: '按规定格式调整各部分的先后顺序。',
  },
  check(ctx) {
    const idx = (k: string) => SECTIONS.findIndex((s) => s.key === k);
    const present = [...ctx.report.sections].sort((a, b) => a.order - b.order);
    const bad = present.find((s, i) => i > 0 && idx(s.key) < idx(present[i - 1].key));
    if (!bad) return [];
    const printed = present.map((s) => {
      const d = SECTIONS[idx(s.key)];
      return `${d.numeral}、${d.title}`;
    });
    const expected = SECTIONS.filter((d) => present.some((s) => s.key === d.key)).map((d) => `${d.numeral}、${d.title}`);
    return [
      {
        message: `报告各部分的顺序与规定格式不一致：“${SECTIONS[idx(bad.key)].title}”出现在“${SECTIONS[idx(present[present.indexOf(bad) - 1].key)].title}”之后。现在的顺序是：${printed.join('；')}。`,
        cells: [],
        pos: bad.pos,
        expected: expected.join('；'),
        found: printed.join('；'),
      },
    ];
  },
};
export default rule;
