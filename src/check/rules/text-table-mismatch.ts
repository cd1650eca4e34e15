import type { SectionKey } from '../../core/template.js';
import type { Finding, SourcePos } from '../../core/types.js';
import type { Rule, RuleContext } from '../rule.js';
import { sumOrNull } from '../rule.js';
import { describeCell } from '../../core/template.js';
import { describeRow, findLine, fmt, key } from '../util.js';

/** Sections whose prose states the year's figures. */
const PROSE_SECTIONS: SectionKey[] = ['overview', 'requests', 'appeals'];

type Out = Omit<Finding, 'rule' | 'severity'>;

/**
 * Sentences: text between 。 and ；. A line break ends a sentence only after closing
 * punctuation; elsewhere it is a hard wrap (PDF text) and the lines are joined.
 */
export function sentences(text: string): string[] {
  return joinHardWraps(text.normalize('NFKC').replace(/\r/g, ''))
    .split(/[。;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Characters after which a line break ends a sentence (the line break itself too). */
const CLOSING = new Set([...'。;；:：!！?？\n'].map((c) => c.charCodeAt(0)));
const isGap = (c: number) => c === 0x20 || c === 0x09 || c === 0x3000;
const NON_SPACE = /\S/;

/**
 * Lines joined where a line break is a hard wrap: the same as
 * `t.replace(/([^。;；:：!！?？\n])[ \t\u3000]*\n[ \t\u3000]*(?=\S)/g, '$1')`, found from the line
 * breaks alone instead of trying the pattern at every character. A break (with the spaces and
 * tabs around it) goes when a character other than closing punctuation stands before it (a
 * space or tab before it counts as one) and a non-space after the spaces following it.
 */
export function joinHardWraps(t: string): string {
  let out = '';
  let from = 0;
  for (let j = t.indexOf('\n'); j >= 0; j = t.indexOf('\n', j + 1)) {
    let a = j;
    while (a > 0 && isGap(t.charCodeAt(a - 1))) a--;
    // Where the removed part starts: after the character before the spaces, if it may end a wrapped line; else after the first space.
    const q = a > 0 && !CLOSING.has(t.charCodeAt(a - 1)) ? a : a < j ? a + 1 : -1;
    if (q < 0) continue;
    let b = j + 1;
    while (b < t.length && isGap(t.charCodeAt(b))) b++;
    if (b >= t.length || !NON_SPACE.test(t[b])) continue;
    out += t.slice(from, q);
    from = b;
  }
  return from === 0 ? t : out + t.slice(from);
}

/** Parts of a sentence between commas, for patterns that must not run across a comma. */
const NOCOMMA = '[^,，:：]';

// Compiled once: these run on every sentence of every report.
// The figure and its 件 that the patterns below end with; a figure glued to a Latin letter or a
// symbol (申请$2件: OCR's reading of 52) is no figure the prose states.
const FIGURE = String.raw`(?<![A-Za-z$¥￥#@&%*])(\d+)\s*件`;
const RECEIVED = new RegExp(`(新收|收到|受理|接收|接到)(${NOCOMMA}{0,30}?)申请(?:件)?([^,，。\\d]{0,6}?)${FIGURE}`, 'g');
const GRANTED = new RegExp(String.raw`(?<!不)予以公开([^,，。\d及和与、]{0,4}?)` + FIGURE);
const CARRIED_FORWARD = new RegExp(String.raw`结转(?:至|到)?下一?年度?([^,，。\d]{0,8}?)` + FIGURE);
const REVIEWS = new RegExp(String.raw`行政复议(?:案件)?([^,，。\d]{0,6}?)` + FIGURE);
const SUITS = new RegExp(String.raw`(?<!复议后|直接)(?:行政)?诉讼(?:案件)?([^,，。\d]{0,6}?)` + FIGURE);
const NOT_RECEIVED = new RegExp(`(未|没有)(收到|接到|受理)${NOCOMMA}{0,30}?申请`);

const v = (ctx: RuleContext, k: string) => ctx.cell(k);
const CAN_HIT = /[\d未没无均]/;

interface Hit {
  quote: string;
  /** The figure the prose states. */
  stated: number;
  cells: string[];
  /** Plain-language comparison. */
  detail: string;
  /** The table's figure it is compared with. */
  table: number | null;
}

/** The cells the prose is compared with (the same key strings every time). */
const REQUEST_KEYS = {
  nr: key('t3', 'newReceived', 'total'),
  co: key('t3', 'carriedOver', 'total'),
  tot: key('t3', 'total', 'total'),
  cf: key('t3', 'carriedForward', 'total'),
  granted: key('t3', 'granted', 'total'),
  partial: key('t3', 'partialGrant', 'total'),
};
const APPEAL_KEYS = { review: key('t4', 'review', 'total'), direct: key('t4', 'suitDirect', 'total'), after: key('t4', 'suitAfterReview', 'total') };

/** Figures about requests (table 三). */
function requestHits(ctx: RuleContext, s: string): Hit[] {
  const hits: Hit[] = [];
  // Every pattern below names 申请, 公开 or 结转: a sentence without them has none of these figures.
  if (!s.includes('申请') && !s.includes('公开') && !s.includes('结转')) return hits;
  const { nr, co, tot, cf, granted, partial } = REQUEST_KEYS;

  // 新收 / 收到 / 受理 / 接收 … 申请 N 件
  for (const m of s.matchAll(RECEIVED)) {
    if (/结转|上年|复议|诉讼|投诉|举报|留言/.test(m[2] + m[3])) continue;
    // The table's own row label with its first cell (申请数量 | 9 件), read with the section's text: no sentence.
    if (m[3].startsWith('数量')) continue;
    const n = Number(m[4]);
    const a = v(ctx, nr);
    if (a == null) continue;
    const plausible = [a, v(ctx, tot), sumOrNull(ctx, [nr, co])].filter((x): x is number => x != null);
    if (plausible.includes(n)) continue;
    hits.push({ quote: m[0], stated: n, cells: [nr, tot], table: a, detail: `${describeCell(nr)}为 ${fmt(a)}，${describeCell(tot)}为 ${fmt(v(ctx, tot))}` });
  }

  // 未收到 … 申请 / 无依申请公开 / 依申请公开 0 件
  const none =
    NOT_RECEIVED.exec(s) ??
    /无(政府信息公开|依申请公开)(申请|事项|件|情况|$)/.exec(s) ??
    null;
  if (none && !/复议|诉讼|投诉|举报/.test(none[0])) {
    const a = v(ctx, nr);
    const b = v(ctx, tot);
    if ((a ?? 0) > 0 || (b ?? 0) > 0) {
      hits.push({
        quote: none[0],
        stated: 0,
        cells: [nr, tot],
        table: ((a ?? 0) > 0 ? a : b) ?? null,
        detail: `但${describeCell(nr)}为 ${fmt(a)}，${describeCell(tot)}为 ${fmt(b)}`,
      });
    }
  }

  // 予以公开及部分公开 N 件
  const both = /予以公开(?:及|和|与|、)部分公开[^,，。\d]{0,6}?(\d+)\s*件/.exec(s);
  if (both) {
    const n = Number(both[1]);
    const sum = sumOrNull(ctx, [granted, partial]);
    if (sum != null && sum !== n)
      hits.push({ quote: both[0], stated: n, cells: [granted, partial], table: sum, detail: `${describeCell(granted)}与${describeCell(partial)}合计为 ${fmt(sum)}` });
  } else {
    // 予以公开 N 件 (not 不予公开 / 不予以公开)
    const g = GRANTED.exec(s);
    if (g) {
      const n = Number(g[2]);
      const a = v(ctx, granted);
      const sum = sumOrNull(ctx, [granted, partial]);
      if (a != null && a !== n && sum !== n)
        hits.push({ quote: g[0], stated: n, cells: [granted], table: a, detail: `${describeCell(granted)}为 ${fmt(a)}` });
    }
  }

  // 结转下年度(继续)办理 N 件
  // …or N 件结转下年度(继续)办理.
  const fwd = CARRIED_FORWARD.exec(s) ?? /(?<![\d.])()(\d+)\s*件[^,，。；;\d]{0,4}?结转(?:至|到)?下一?年度?/.exec(s);
  if (fwd) {
    const n = Number(fwd[2]);
    const a = v(ctx, cf);
    if (a != null && a !== n) hits.push({ quote: fwd[0], stated: n, cells: [cf], table: a, detail: `${describeCell(cf)}为 ${fmt(a)}` });
  }
  return hits;
}

const ALL_UPHELD = /均(?:获|被|予以|已|得到)?(?:法院|复议机关)?(?:维持|支持)/;

/** The words before 均获维持 that say what was upheld (行政复议7件，诉讼9件，均获维持). */
function upheldQuote(s: string): string {
  const m = ALL_UPHELD.exec(s)!;
  const firsts = [s.indexOf('复议'), s.indexOf('诉讼')].filter((i) => i >= 0 && i <= m.index);
  const from = Math.max(0, Math.min(...firsts) - 2, m.index - 40);
  return s.slice(from, m.index + m[0].length);
}

/** Figures about 行政复议 / 行政诉讼 (table 四). */
function appealHits(ctx: RuleContext, s: string): Hit[] {
  const hits: Hit[] = [];
  // Every pattern below names 复议 or 诉讼.
  if (!s.includes('复议') && !s.includes('诉讼')) return hits;
  const { review, direct, after } = APPEAL_KEYS;

  const rv = REVIEWS.exec(s);
  if (rv && !/诉讼|起诉/.test(rv[1])) {
    const n = Number(rv[2]);
    const a = v(ctx, review);
    if (a != null && a !== n) hits.push({ quote: rv[0], stated: n, cells: [review], table: a, detail: `${describeCell(review)}为 ${fmt(a)}` });
  }
  const su = SUITS.exec(s);
  if (su && !/复议/.test(su[1])) {
    const n = Number(su[2]);
    const d = v(ctx, direct);
    const r = v(ctx, after);
    const sum = sumOrNull(ctx, [direct, after]);
    if (sum != null && n !== sum && n !== d && n !== r)
      hits.push({ quote: su[0], stated: n, cells: [direct, after], table: sum, detail: `表四行政诉讼两组总计合计为 ${fmt(sum)}` });
  }

  // 未开展 / 未发生 / 无 … 行政复议、行政诉讼
  const none =
    /(?:未|没有)(?:开展|发生|收到|产生|出现|涉及|接到|有|被申请|被提起)([^,，。败纠撤]{0,14}?)(行政复议|行政诉讼|复议|诉讼)/.exec(s) ??
    /(?:^|[,，])无(?:因?政府信息公开(?:工作)?(?:引起的|而被申请的|的)?)?(行政复议|行政诉讼)/.exec(s);
  if (none && !/未经复议/.test(none[0])) {
    const clause = s.slice(none.index);
    const keys: string[] = [];
    if (/复议/.test(clause)) keys.push(review);
    if (/诉讼|起诉/.test(clause)) keys.push(direct, after);
    const positive = keys.filter((k) => (v(ctx, k) ?? 0) > 0);
    if (positive.length)
      hits.push({
        quote: clause.slice(0, 40),
        stated: 0,
        cells: keys,
        table: v(ctx, positive[0]) ?? null,
        detail: `但${positive.map((k) => `${describeCell(k)}为 ${fmt(v(ctx, k))}`).join('，')}`,
      });
  }

  // 行政复议 N 件、诉讼 M 件，均获维持
  if (ALL_UPHELD.test(s) && /复议|诉讼/.test(s)) {
    const groups: string[] = [];
    if (/复议/.test(s.replace(/复议后起诉|未经复议/g, ''))) groups.push('review');
    if (/诉讼|起诉/.test(s)) groups.push('suitDirect', 'suitAfterReview');
    for (const g of groups) {
      const up = key('t4', g, 'upheld');
      const tt = key('t4', g, 'total');
      const pend = key('t4', g, 'pending');
      const u = v(ctx, up);
      const t = v(ctx, tt);
      if (u == null || t == null || t === 0 || u === t) continue;
      hits.push({
        quote: upheldQuote(s),
        stated: t,
        cells: [up, tt, pend].filter((k) => v(ctx, k) !== undefined),
        table: u,
        detail: `但${describeRow('t4', g)}结果维持 ${fmt(u)} 件、总计 ${fmt(t)} 件${v(ctx, pend) ? `，尚未审结 ${fmt(v(ctx, pend))} 件` : ''}，并非全部维持`,
      });
    }
  }
  return hits;
}

/** Three figures, each with its unit, one after another: a table's cells run together, not prose. */
const TABLE_CELLS = /\d\s*件\s*\d+\s*件\s*\d+\s*件/;

/** A figure stated in the prose contradicts the table. */
const rule: Rule = {
  meta: {
    id: 'text-table-mismatch',
    severity: 'warning',
    group: 't3',
    title: '正文数字与表格不一致',
    description:
      '核对正文（总体情况、收到和处理申请、行政复议诉讼部分）明确写出的数字与表格：新收/收到/受理申请N件（可对应本年新收，或含上年结转的总数）、予以公开N件、结转下年度N件、未收到申请、行政复议N件、行政诉讼N件、未发生行政复议诉讼、均获维持。只在句子明确写出该数字时比较。',
    fix: '核对正文和表格，改正写错的一方，使正文所述数字与表格一致。',
  },
  check(ctx) {
    const out: Out[] = [];
    const seen = new Set<string>();
    for (const sk of PROSE_SECTIONS) {
      for (const sec of ctx.report.sections.filter((x) => x.key === sk)) {
        for (const s of sentences(sec.text)) {
          // Every pattern needs a figure, a negation (未/没有/无) or 均 (all upheld): most sentences have none.
          if (!CAN_HIT.test(s)) continue;
          // A table's row written with its unit in each cell (34件0件28件…): no sentence of prose.
          if (TABLE_CELLS.test(s)) continue;
          for (const h of [...requestHits(ctx, s), ...appealHits(ctx, s)]) {
            const id = `${h.cells.join(',')}|${h.stated}`;
            if (seen.has(id)) continue;
            seen.add(id);
            const pos: SourcePos | undefined = findLine(ctx.report.lines, h.quote.trim()) ?? sec.pos;
            out.push({
              message: `正文写“${h.quote.trim()}”，与表格不一致：${h.detail}。正文为 ${fmt(h.stated)}，表格为 ${fmt(h.table)}。`,
              cells: h.cells,
              pos,
              expected: h.table,
              found: h.stated,
            });
          }
        }
      }
    }
    return out;
  },
};
export default rule;
