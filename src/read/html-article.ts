/** HTML reading, stage 2: the article container among the site chrome (scored by report markers). */
import { Element, ParentNode, SKIP, TextNode, children, isElement } from './html-tree.js';

// ---------------------------------------------------------------- article container

/** Section titles (simplified and traditional) and the statistical tables' own wording. */
export const SECTION_MARKERS: RegExp[] = [
  /总体情况|總體情況/,
  /主动公开政府信息情况|主動公開政府資訊情況|主動公開政府信息情況/,
  /收到和处理政府信息公开申请|收到和處理政府(信息|資訊)公開申請/,
  /行政复议[、和]?(提起)?行政诉讼|行政復議[、和]?(提起)?行政訴訟/,
  /存在的主要问题|存在的主要問題/,
  /其他需要报告的事项|其他需要報告的事項/,
];
export const TABLE_MARKERS: RegExp[] = [
  /第二十条|第二十條|信息内容|資訊內容|信息內容/,
  /申请人情况|申請人情況|本年新收|自然人/,
  /维持|維持|尚未审结|尚未審結/,
];
/** Any marker at all: one pass rules out the (usual) text that holds none. */
export const ANY_SECTION = new RegExp(SECTION_MARKERS.map((r) => r.source).join('|'));
export const ANY_MARKER = new RegExp([...SECTION_MARKERS, ...TABLE_MARKERS].map((r) => r.source).join('|'));
/** Words the page-wide hints need (a date line, a publisher line), whitespace removed. */
export const HINT_WORDS = /(?:发布|發布|發佈|公开|公開)(?:日期|时间|時間)|发布机构|發布機構|發佈機構/;

export interface Score {
  el: Element;
  markers: number;
  text: number;
}

export interface Frame {
  node: ParentNode;
  inTable: boolean;
  bits: number;
  text: number;
  /** Text of the subtree while short, null once too long to be a title. */
  str: string | null;
  /** Non-empty pieces `str` was joined from: one piece was tested already. */
  pieces: number;
  i: number;
}

/**
 * The element holding the report: of the elements that contain (nearly) all the report's
 * markers — section titles in the text, table wording inside tables — the innermost one.
 * A bare fragment ends at <body>; a page without any marker keeps its whole body.
 * Also tells whether the page's text holds the words of the page-wide hints.
 */
export function findArticle(doc: ParentNode, body: Element): { article: Element; hintWords: boolean } {
  const scores: Score[] = [];
  const all: string[] = [];
  // Iterative post-order: each element's marker bits and text length from its children.
  // Short subtrees are also tested as a whole, for titles split over inline elements.
  const SHORT = 200;
  const stack: Frame[] = [{ node: doc, inTable: false, bits: 0, text: 0, str: '', pieces: 0, i: 0 }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    const kids = f.node.children;
    if (f.i < kids.length) {
      const c = kids[f.i++];
      if (c.type === 'text') {
        let t = (c as TextNode).data;
        if (/\s/.test(t)) t = t.replace(/\s+/g, '');
        if (t.length === 0) continue;
        all.push(t);
        f.text += t.length;
        f.bits |= markerBits(t, f.inTable);
        if (f.str !== null) {
          f.str = f.str.length + t.length <= SHORT ? f.str + t : null;
          f.pieces++;
        }
      } else if (isElement(c) && !SKIP.has(c.name)) {
        stack.push({ node: c, inTable: f.inTable || c.name === 'table', bits: 0, text: 0, str: '', pieces: 0, i: 0 });
      }
      continue;
    }
    stack.pop();
    if (f.str !== null && f.pieces > 1) f.bits |= markerBits(f.str, f.inTable);
    const n = f.node;
    // Elements without any marker can never qualify: no score needed.
    if (f.bits !== 0 && isElement(n)) scores.push({ el: n, markers: popcount(f.bits), text: f.text });
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.bits |= f.bits;
      parent.text += f.text;
      if (parent.str !== null) {
        if (f.str === null || parent.str.length + f.str.length > SHORT) parent.str = null;
        else if (f.str !== '') {
          parent.str += f.str;
          parent.pieces++;
        }
      }
    }
  }
  const hintWords = HINT_WORDS.test(all.join(''));
  const max = scores.reduce((m, s) => Math.max(m, s.markers), 0);
  if (max === 0) return { article: body, hintWords };
  const need = max >= 3 ? Math.max(2, Math.ceil(0.8 * max)) : max;
  const qualifying = scores.filter((s) => s.markers >= need);
  const set = new Set(qualifying.map((s) => s.el));
  // Innermost: no qualifying descendant. Marking the nearest qualifying ancestor suffices
  // (qualifying elements nest in chains), which keeps deep markup linear.
  const hasQualifyingChild = new Set<Element>();
  for (const s of qualifying) {
    for (let p = s.el.parent; p && isElement(p); p = p.parent) {
      if (set.has(p)) {
        hasQualifyingChild.add(p);
        break;
      }
    }
  }
  const minimal = qualifying.filter((s) => !hasQualifyingChild.has(s.el));
  minimal.sort((a, b) => b.markers - a.markers || b.text - a.text);
  return { article: minimal[0]?.el ?? body, hintWords };
}

export function markerBits(t: string, inTable: boolean): number {
  let bits = 0;
  if (!(inTable ? ANY_MARKER : ANY_SECTION).test(t)) return 0;
  for (let i = 0; i < SECTION_MARKERS.length; i++) if (SECTION_MARKERS[i].test(t)) bits |= 1 << i;
  if (inTable) for (let i = 0; i < TABLE_MARKERS.length; i++) if (TABLE_MARKERS[i].test(t)) bits |= 1 << (SECTION_MARKERS.length + i);
  return bits;
}

export function popcount(n: number): number {
  let c = 0;
  for (; n; n &= n - 1) c++;
  return c;
}
