import type { Out } from '../util.js';
import type { Rule } from '../rule.js';

/** Template instructions or placeholders left in the text. */
export const RESIDUE_PATTERNS: RegExp[] = [
  /编写说明|填报说明|填写说明|填表说明|编制说明/,
  /此处填写|请填写|请在此|【[^】]{0,8}填写[^】]{0,8}】|\[请[^\]]{0,10}\]/,
  /[XＸxｘ]{2,}(年|月|日|镇|乡|街道|县|区|市|局|单位|件|条|个)/,
  /[×✕╳]{2,}/,
  /[（(]\s*[XＸ×]+\s*[)）]/,
];

const QUICK = /[说填XＸxｘ×✕╳]/;

const rule: Rule = {
  meta: {
    id: 'template-residue',
    severity: 'warning',
    group: 'sections',
    title: '正文残留模板说明或占位符',
    description: '报告正文中残留了格式模板的说明文字或占位符，例如“编写说明”“填报说明”“此处填写”“XX年”“××”。',
    fix: '删除模板说明文字，把占位符替换为实际内容。',
  },
  check(ctx) {
    const out: Out[] = [];
    ctx.report.lines.forEach((line, i) => {
      if (!QUICK.test(line)) return; // every pattern needs one of these characters
      for (const re of RESIDUE_PATTERNS) {
        const m = re.exec(line);
        if (!m) continue;
        out.push({
          message: `第 ${i + 1} 行残留模板说明或占位符“${m[0]}”：“${line.trim().slice(0, 40)}”。应删除或替换为实际内容。`,
          cells: [],
          pos: { line: i + 1, column: m.index + 1, length: m[0].length },
          expected: null,
          found: m[0],
        });
        break;
      }
    });
    return out;
  },
};
export default rule;
