import { SECTIONS } from '../../core/template.js';
import type { Out } from '../util.js';
import type { Rule } from '../rule.js';
import { fromScan } from '../../core/types.js';

/** A section heading whose printed numbering is not 一、…六、 (一. 一． also accepted). */
export function numberingOk(numbering: string, numeral: string): boolean {
  const n = numbering.normalize('NFKC').replace(/\s/g, '');
  if (n === '') return true;
  return n === numeral || n === `${numeral}、` || n === `${numeral}.`;
}

const rule: Rule = {
  meta: {
    id: 'section-numbering',
    severity: 'warning',
    group: 'sections',
    title: '部分标题编号不对',
    description: '六个部分的标题应依次编号为“一、”至“六、”（一级标题用中文数字加顿号），不应写成“2、”“（一）”等。',
    fix: '把标题编号改为规定的“一、二、三、四、五、六、”。',
  },
  check(ctx) {
    const out: Out[] = [];
    for (const s of ctx.report.sections) {
      const d = SECTIONS.find((x) => x.key === s.key);
      if (!d || numberingOk(s.numbering, d.numeral)) continue;
      // A scan's heading whose numeral OCR lost (only its 、 read, the seal's ink over it): what
      // the page prints is not known, so nothing is said about it.
      if (fromScan(s.pos) && !/[一二三四五六七八九十\d]/.test(s.numbering.normalize('NFKC'))) continue;
      out.push({
        message: `“${d.title}”部分的标题编号印成了“${s.numbering.trim()}”，应为“${d.numeral}、”。`,
        cells: [],
        pos: s.pos,
        expected: `${d.numeral}、`,
        found: s.numbering,
      });
    }
    return out;
  },
};
export default rule;
