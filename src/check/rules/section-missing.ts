import { SECTIONS } from '../../core/template.js';
import type { Rule } from '../rule.js';

/** One of the six sections is absent. */
const rule: Rule = {
  meta: {
    id: 'section-missing',
    severity: 'error',
    group: 'sections',
    title: '缺少报告部分',
    description: '年度报告应包括六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。按标题文字识别，不看编号。',
    fix: '按规定格式补上缺少的部分；没有内容的也应保留标题并写明“无”。',
  },
  check(ctx) {
    const present = new Set(ctx.report.sections.map((s) => s.key));
    // A scanned heading OCR could not read, its section's table found: a read issue says so (unreadable), not this rule.
    for (const i of ctx.report.readIssues) if (i.code === 'heading-unreadable' && i.section) present.add(i.section);
    return SECTIONS.filter((s) => !present.has(s.key)).map((s) => ({
      message: `报告缺少第${s.numeral}部分“${s.numeral}、${s.title}”。`,
      cells: [],
      expected: `${s.numeral}、${s.title}`,
      found: null,
    }));
  },
};
export default rule;
