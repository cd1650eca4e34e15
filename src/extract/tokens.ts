/**
 * Fields of a table region → a stream of tokens: labels (rows, groups, headers) and values
 * (numbers, zero notations, blanks, digit runs, invalid text). Labels are found inside
 * fields too, which is how run-together text (`规章000行政规范性文件77132470`) comes apart.
 */
import { normalizeText, readNumber } from '../core/normalize.js';
import type { SourcePos } from '../core/types.js';
import { spanPos, spanText, type Field, type GridPlace } from './fields.js';
import type { LexEntry, Lexicon } from './lexicon.js';

export type Token =
  | { type: 'label'; entry: LexEntry; printed: string; ordinal: string; pos: SourcePos; field: number; row: number }
  /** `embedded`: the figure sat between labels inside a longer field (run-together text), not in a cell of its own. */
  /** `place`: the figure fills a table grid's cell, which stands there. */
  | { type: 'value'; kind: 'number'; value: number; raw: string; zeroNotation?: boolean; embedded?: boolean; pos: SourcePos; row: number; place?: GridPlace }
  /** `grid`: an empty cell of a table grid (its row is known). */
  /** `doubt`: a scanned cell OCR could not read with certainty. */
  | { type: 'value'; kind: 'blank'; raw: string; pos: SourcePos; row: number; grid?: boolean; edge?: boolean; spaced?: boolean; place?: GridPlace; doubt?: boolean }
  | { type: 'value'; kind: 'run'; digits: string; raw: string; pos: SourcePos; row: number }
  | { type: 'value'; kind: 'invalid'; raw: string; pos: SourcePos; row: number }
  /** Words that are no label; `cell`: they fill a table cell (not a line of prose). */
  /** `whole`: the normalised text of the whole cell, when the words fill part of a table cell. */
  /** `side`: a piece of a group label printed down the side, on the line of a row label's words
   * (`piece`), or those words (`after`: their column in the text is shifted by the piece). */
  | { type: 'text'; raw: string; pos: SourcePos; cell: boolean; whole?: string; side?: 'piece' | 'after' };

export type ValueToken = Extract<Token, { type: 'value' }>;

export interface Cursor {
  field: number;
  offset: number;
}

const ORDINAL_TAIL = /(?:\((?:[一二三四五六七八九十]+|\d{1,2})\)|[一二三四五六七八九十]+\.|[1-9]\d?\.|[①-⑳])$/;
const INVALID_WORDS = /^(无|空|暂无|不详|略|未统计|n\/a|N\/A|\?|？|x|X|×)$/;
/** Any CJK character: labels are made of them. */
const HAS_WORD = /[\u4e00-\u9fff]/;
/** Figures run together; a minus sign inside starts a signed cell (2019 本年增/减: 2648-18538). */
const RUN = /^[\d\s—\/-]*\d(?:[\d\s—\/]|[-+](?=\d)|-|\.(?=\d))*(?:元|万元)?$/;

interface MatchState {
  /** Index of the last row label accepted, per table. */
  lastRow: number;
  table: 't2' | 't3' | 't4';
}

/**
 * `until`: stop after the first field that gives a token it accepts. A field's tokens depend
 * only on the fields before it (and the one after), so what is returned is exactly the start of
 * the whole region's tokens, up to and including that field's: a caller that reads only up to
 * such a token need not tokenize a long section of prose after it.
 */
export function tokenize(fields: Field[], from: Cursor, to: Cursor, lex: Lexicon, table: 't2' | 't3' | 't4', until?: (t: Token) => boolean): Token[] {
  const tokens: Token[] = [];
  const state: MatchState = { lastRow: -1, table };
  let looked = 0;
  for (let fi = from.field; fi <= to.field && fi < fields.length; fi++) {
    if (until) {
      for (; looked < tokens.length; looked++) if (until(tokens[looked])) break;
      if (looked < tokens.length) break;
    }
    const f = fields[fi];
    const start = fi === from.field ? from.offset : 0;
    const end = fi === to.field ? to.offset : f.norm.length;
    if (end < start) continue;
    if (start === end) {
      if (f.cellLike && f.norm.length === 0) tokens.push(blankOf(f, f.text, f.pos));
      continue;
    }
    segmentField(f, fi, start, end, lex, state, tokens, fields[fi + 1], table === 't3' ? lex.sides : NO_SIDES);
  }
  return tokens;
}

const NO_SIDES: readonly string[] = [];

/** An empty cell (or an empty part of one) of a field, with what the field says of its place. */
function blankOf(f: Field, raw: string, pos: SourcePos): Token {
  return { type: 'value', kind: 'blank', raw, pos, row: f.row, grid: f.grid, edge: f.edge, spaced: f.spaced, place: f.place, ...(f.doubt ? { doubt: true } : {}) };
}

/** Whether s[start, end) holds a CJK character (HAS_WORD, without cutting the span out). */
export function hasWordIn(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) return true;
  }
  return false;
}

/** NFKC, skipped for plain ASCII (most figures), which it leaves as it is. */
function nfkc(s: string): string {
  return /[^\x00-\x7f]/.test(s) ? s.normalize('NFKC') : s;
}

function segmentField(f: Field, fi: number, start: number, end: number, lex: Lexicon, state: MatchState, out: Token[], next: Field | undefined, sides: readonly string[]): void {
  // Most fields of a table are bare figures: no label can be in them.
  if (!hasWordIn(f.norm, start, end)) {
    pushGap(f, start, end, out, sides);
    return;
  }
  const text = f.norm.slice(0, end);
  let cursor = start;
  lex.regex.lastIndex = start;
  for (let m = lex.regex.exec(text); m; m = lex.regex.exec(text)) {
    const entry = pickEntry(lex, m[0], f, m.index, m.index + m[0].length, cursor, state, next);
    if (!entry) {
      lex.regex.lastIndex = m.index + 1;
      continue;
    }
    // An ordinal directly before the label belongs to it (二、上年结转… / 2.重复申请).
    let labelStart = m.index;
    const ord = ordinalBefore(f.norm.slice(cursor, m.index), entry);
    if (ord) labelStart = m.index - ord.length;
    pushGap(f, cursor, labelStart, out, sides);
    const labelEnd = m.index + m[0].length;
    out.push({ type: 'label', entry, printed: spanText(f, labelStart, labelEnd), ordinal: f.norm.slice(labelStart, m.index), pos: spanPos(f, labelStart, labelEnd), field: fi, row: f.row });
    if (entry.kind === 'row' && entry.table === state.table) state.lastRow = entry.index!;
    cursor = labelEnd;
    lex.regex.lastIndex = labelEnd;
  }
  pushGap(f, cursor, end, out, sides);
}

/**
 * The ordinal printed right before a label. A digit ordinal run into a run of figures
 * (`00000002.其他…`) is only taken off when it is the row's own ordinal.
 */
function ordinalBefore(gap: string, entry: LexEntry): string {
  if (entry.ordinal && /^\d/.test(entry.ordinal) && gap.endsWith(entry.ordinal)) return entry.ordinal;
  const om = ORDINAL_TAIL.exec(gap);
  if (!om) return '';
  const before = gap.slice(0, gap.length - om[0].length);
  if (/^\d/.test(om[0]) && /\d$/.test(before)) return '';
  return om[0];
}

/** Words (an ordinal at most before them), then figures glued on, more parted by spaces, to the line's end. */
const GLUED_FIGURES = /^((?:[1-9]\d?\.)?[^\d\s]{1,40}?)(\d+(?:\.\d+)?(?:[ \u00a0\u3000]+(?:\d+(?:\.\d+)?|[—\/－–-]))*)\s*$/;

/** A figure with a unit right after a label: prose (予以公开5件), never a table row. */
const PROSE_FIGURE = /^\d+(?:\.\d+)?[件个条项次人家份起宗例余]/;
/** Unless another figure with its unit comes right after it: a table's row whose cells carry their unit (12件 0件 0件 …). */
const UNIT_CELLS = /^\d+件\s*(?:[—\/－–-]\s*)*\d+件/;
/** Figures each with the unit 件, parted by spaces (a text browser's table row: 42件 0件   0件 …), zero marks among them. */
const UNIT_RUN = /^\s*(?:\d+件|[—\/－–-])(?:[\s\u00a0\u3000]+(?:\d+件|[—\/－–-]))+\s*$/;

function pickEntry(lex: Lexicon, pattern: string, f: Field, from: number, to: number, cursor: number, state: MatchState, next: Field | undefined): LexEntry | undefined {
  const list = lex.byPattern.get(pattern) ?? [];
  for (const e of list) {
    if (e.kind === 'section') continue;
    if (e.table !== state.table) continue;
    if (e.kind === 'row') {
      if (!followedByValues(lex, f.norm, to)) continue;
      if (!f.cellLike && PROSE_FIGURE.test(f.norm.slice(to, to + 12)) && !UNIT_CELLS.test(f.norm.slice(to, to + 24))) continue;
      // A table cell whose label is followed, in the same row, by another label cell is a
      // group heading ((六)其他处理 | 1.申请人无正当理由…), not a row of its own.
      if (f.cellLike && to === f.norm.length && next && next.row === f.row && startsWithLabel(lex, next.norm)) continue;
      // A short word (总计, 其他) is a row label only in row context.
      if (e.needsContext) {
        const gap = f.norm.slice(cursor, from);
        const hasOrdinal = e.ordinal !== undefined && gap.endsWith(e.ordinal);
        const wholeField = to === f.norm.length && gap.replace(ORDINAL_TAIL, '') === '';
        if (!hasOrdinal && !(wholeField && state.lastRow >= 0 && e.index! - state.lastRow <= 3)) continue;
      }
      return e;
    }
    return e;
  }
  return undefined;
}

function startsWithLabel(lex: Lexicon, norm: string): boolean {
  const om = /^(?:\((?:[一二三四五六七八九十]+|\d{1,2})\)|[一二三四五六七八九十]+\.|[1-9]\d?\.)/.exec(norm);
  lex.sticky.lastIndex = om ? om[0].length : 0;
  return lex.sticky.test(norm);
}

/** The characters of /^[\d\-—/–－]/ (a figure or a zero mark starts here). */
const FIGURE_START = new Set([...'0123456789-—/–－'].map((c) => c.charCodeAt(0)));

/** In prose a label is followed by more words; in a table by figures, a blank or the next label. */
function followedByValues(lex: Lexicon, norm: string, at: number): boolean {
  if (at >= norm.length) return true;
  if (FIGURE_START.has(norm.charCodeAt(at))) return true;
  if (INVALID_WORDS.test(norm.slice(at))) return true;
  lex.sticky.lastIndex = at;
  const m = lex.sticky.exec(norm);
  if (m) return true;
  // An ordinal then the next label: 1.属于国家秘密 after （三）不予公开.
  const om = /^(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+\.)/.exec(norm.slice(at));
  return !!om;
}

function pushGap(f: Field, from: number, to: number, out: Token[], sides: readonly string[]): void {
  if (to <= from) {
    if (from === 0 && to === 0 && f.cellLike && f.norm.length === 0) out.push(blankOf(f, f.text, f.pos));
    return;
  }
  const gapNorm = f.norm.slice(from, to);
  // A piece of a group label printed down the side, a space, then a row label's words (a PDF's
  // text laid out in columns: （六）其 1.申请人无   0 0 0): two columns. The piece is no part of
  // the row label, and the words and figures after it are read as on a line of their own.
  // (The words may also be a label found after the gap: 结   2.其他法律.)
  if (!f.cellLike && sides.length) {
    const printedGap = spanText(f, from, to < f.norm.length ? to + 1 : to);
    // (Or the piece glued to the row label's ordinal, no space between: 开1.属于国家, pypdf's text.)
    const m = /^(\S{1,4})[\s\u3000]+(?=\S)/.exec(printedGap) ?? /^([^\d\s]{1,2})(?=[1-9]\.[\u4e00-\u9fff])/.exec(printedGap);
    const piece = m ? normalizeText(m[1], f.trad) : '';
    const cut = from + piece.length;
    const rest = f.norm.slice(cut, cut === to ? undefined : to);
    // (Or the row's figures alone: 理        4  0  0 … between the lines of 4.无正当理由大量反 | 复申请.)
    const figures = cut < to && /^[-+]?\d/.test(rest) && RUN.test(spanText(f, cut, to).normalize('NFKC').trim());
    // (Or another piece, of a second group label beside the first: 结    ）   2.其他法律.)
    const anotherPiece = rest.length > 0 && rest.length <= 2 && /^[\u4e00-\u9fff()]+$/.test(rest) && sides.some((s) => s.includes(rest));
    if (m && /[\u4e00-\u9fff()]/.test(piece) && gapNorm.startsWith(piece) && (HAS_WORD.test(rest) || figures || anotherPiece) && sides.some((s) => s.includes(piece))) {
      out.push({ type: 'text', raw: spanText(f, from, cut), pos: spanPos(f, from, cut), cell: false, side: 'piece' });
      if (cut === to) return;
      const n = out.length;
      pushGap(f, cut, to, out, sides);
      const words = out.slice(n).find((t) => t.type === 'text');
      if (words?.type === 'text') words.side ??= 'after';
      return;
    }
  }
  // Only in run-together table text: figures, then the ordinal of words we do not know.
  if (!f.cellLike && f.norm.length > 60 && (/^[\d\s]*\d[1-9]\.[\u4e00-\u9fff]/.test(gapNorm) || /^(?:[1-9]\d?\.|\([一二三四五六七八九十\d]+\))?[\u4e00-\u9fff][^\d]*\d[\d\s]*$/.test(gapNorm))) {
    splitMixedGap(f, from, gapNorm, out, sides);
    return;
  }
  // Words then figures parted by spaces (a wrapped label's middle line in text laid out in
  // columns: 正、行政机关不再处理其政府信   67   3   0 …): the figures are values of their own.
  const spanned = spanText(f, from, to);
  // (A part may be a zero mark: 信息需要另   0   3   0   —   3.)
  // (One figure only when far from the words: 行政   0 over 许可, a one-column table's label wrapped by a text browser.)
  // (Figures that carry their unit too: 2.没有现成信息需要另外制作   0件  0件 ….)
  if (!f.cellLike && /\d/.test(gapNorm) && /^(?:[1-9]\d?[.、．])?[^\d\-—/－–]*[\u4e00-\u9fff][^\d+\-—/－–]*?(?:\s+(?:[-+]?\d+(?:\.\d+)?|[—/－–-])(?:\s+(?:[-+]?\d+(?:\.\d+)?|[—/－–-])){1,}|[^\S\n]{3,}(?:[-+]?\d+(?:\.\d+)?|[—/－–-]))\s*$/.test(nfkc(spanned).replace(/(\d)件(?=\s|$)/g, '$1'))) {
    const ord = /^[1-9]\d?[.、．]/.exec(gapNorm)?.[0].length ?? 0;
    const at = from + ord + gapNorm.slice(ord).search(/[-+]?\d|[—/－–]/);
    const raw = spanText(f, from, at);
    out.push({ type: 'text', raw, pos: spanPos(f, from, at), cell: false });
    pushGap(f, at, to, out, sides);
    return;
  }
  // A short line of words with the row's figures glued to their end, nothing after them (pypdf's
  // text of a narrow table: a wrapped label's last line, 开申请数量240700031, 文件0 76692 51): the
  // figures are values of their own (not a caption's number: 附表2).
  if (!f.cellLike && to === f.norm.length) {
    const g = GLUED_FIGURES.exec(nfkc(spanned));
    // (Words longer than a narrow cell's line only before a row's worth of figures: no prose has those.)
    const figures = g ? g[2].trim().split(/[ \u00a0\u3000]+/).length : 0;
    if (g && /[\u4e00-\u9fff”"）)]$/.test(g[1]) && (g[1].length <= 12 || figures >= 3) && (figures > 1 || g[2].length >= 3 || (g[1].length >= 2 && !/(?:表|附件|图|页|第)$/.test(g[1])))) {
      const at = from + gapNorm.search(/\d(?:[\d.\s—\/－–-]*)$/);
      if (at > from) {
        out.push({ type: 'text', raw: spanText(f, from, at), pos: spanPos(f, from, at), cell: false });
        pushGap(f, at, to, out, sides);
        return;
      }
    }
  }
  // Figures run into the ordinal of a label we do not know (…00000002.其他法律行政止公开):
  // the ordinal belongs to the words after it.
  if (!f.cellLike && /\d[1-9]\.$/.test(gapNorm) && /^[\u4e00-\u9fff(]/.test(f.norm.slice(to, to + 1))) {
    pushGap(f, from, to - 2, out, sides);
    return;
  }
  const printed = spanText(f, from, to);
  // (Cells that carry their unit, parted by spaces, are read as the figures: the unit is no cell.)
  const raw = !f.cellLike && printed.includes('件') && UNIT_RUN.test(nfkc(printed)) ? printed.replace(/件/g, ' ') : printed;
  const pos = spanPos(f, from, to);
  // Punctuation left between labels (a stray bracket or dot) is not a value.
  // (A dash alone, or pandoc's --- for —, is a zero mark when it is a grid cell's whole text;
  // between tabs —— is one too, but a row of hyphens is a rule.)
  if (/^[.,:;()\-—]*$/.test(gapNorm) && !/^[-—]$/.test(gapNorm) && !(from === 0 && to === f.norm.length && (f.grid ? /^(?:-{2,3}|—{2})$/ : f.cellLike ? /^—{2}$/ : /^$/).test(gapNorm))) {
    if (gapNorm === '' && f.cellLike) out.push(blankOf(f, raw, pos));
    return;
  }
  const n = readNumber(raw);
  if (n.kind === 'number') {
    // Figures parted by spaces are several cells, a zero mark among them too (-   0   0 …: not
    // -00, nor a sign: no layout parts a sign from its digits).
    // (Full-width digits and ideographic spaces too: ５　０　０.)
    const plain = nfkc(raw);
    const spaced = /[\d—\/－–-][\s\u00a0\u3000]+[\d—\/－–-]/.test(plain) ? plain.trim().split(/[\s\u00a0\u3000]+/) : [];
    // (Decimals too: 9   952.51 is two cells, never the one figure 9952.51.)
    if (spaced.length > 1 && spaced.every((p) => /^\d+(?:\.\d+)?$/.test(p) || /^[—\/－–-]$/.test(p))) {
      out.push({ type: 'value', kind: 'run', digits: raw, raw, pos, row: f.row });
      return;
    }
    const embedded = from > 0 || to < f.norm.length;
    out.push({ type: 'value', kind: 'number', value: n.value, raw, zeroNotation: n.zeroNotation, embedded, pos, row: f.row, ...(f.place && !embedded ? { place: f.place } : {}) });
    return;
  }
  if (n.kind === 'blank') {
    if (f.cellLike) out.push(blankOf(f, raw, pos));
    return;
  }
  if (RUN.test(nfkc(raw).trim())) {
    out.push({ type: 'value', kind: 'run', digits: raw, raw, pos, row: f.row });
    return;
  }
  if (INVALID_WORDS.test(gapNorm)) {
    out.push({ type: 'value', kind: 'invalid', raw, pos, row: f.row });
    return;
  }
  out.push(f.cellLike && (from > 0 || to < f.norm.length) ? { type: 'text', raw, pos, cell: true, whole: f.norm } : { type: 'text', raw, pos, cell: f.cellLike });
}

/**
 * Run-together text between known labels that mixes figures and words (a label we do not
 * know: 00200025.要求行政机关确认或重新出具已获取的信息 0050005): figures and words become
 * tokens of their own, and an ordinal run into the figures before it goes with the words.
 */
function splitMixedGap(f: Field, from: number, gapNorm: string, out: Token[], sides: readonly string[]): void {
  const pieces: { a: number; b: number; words: boolean }[] = [];
  for (const m of gapNorm.matchAll(/[\d.\-+]+|[^\d]+/g)) {
    const a = from + m.index!;
    let b = a + m[0].length;
    const words = !/\d/.test(m[0]);
    if (!words && /\d[1-9]\.$/.test(m[0]) && b < from + gapNorm.length) b -= 2;
    else if (!words && /^[1-9]\.$/.test(m[0]) && b < from + gapNorm.length) {
      // An ordinal alone before words: part of the words.
      pieces.push({ a, b, words: true });
      continue;
    }
    pieces.push({ a, b, words });
    if (b < a + m[0].length) pieces.push({ a: b, b: a + m[0].length, words: true });
  }
  // Adjacent word pieces (an ordinal and its words) are one.
  const merged: typeof pieces = [];
  for (const p of pieces) {
    const last = merged.at(-1);
    if (last && last.words && p.words && last.b === p.a) last.b = p.b;
    else merged.push({ ...p });
  }
  for (const p of merged) {
    if (p.words) {
      const raw = spanText(f, p.a, p.b);
      if (/^[.,:;()\-—\s]*$/.test(f.norm.slice(p.a, p.b))) continue;
      out.push({ type: 'text', raw, pos: spanPos(f, p.a, p.b), cell: false });
    } else pushGap(f, p.a, p.b, out, sides);
  }
}
