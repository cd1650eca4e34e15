import type { Rule } from '../rule.js';

/** Problems met while reading: WE could not read the document there (not a defect of the report). */
const rule: Rule = {
  meta: {
    id: 'unreadable',
    severity: 'warning',
    group: 'read',
    title: '本工具未能读取此处',
    description: '读取文件时遇到本工具无法可靠识别的内容（如数字连在一起无法确定拆分方式、扫描件、乱码）。这不表示报告有错，而是相关内容未被检查。',
    fix: '请人工核对此处内容；如能提供可复制文字的版本（网页、Word），可重新检查。',
  },
  check(ctx) {
    return ctx.report.readIssues.map((i) => ({
      message: /无法|未能|不能|读不出|识别不/.test(i.message) ? i.message : `本工具未能可靠读取此处：${i.message}`,
      cells: i.cells ?? [],
      pos: i.pos,
      unreadable: true,
    }));
  },
};
export default rule;
