/**
 * Tables drawn with characters in plain text: box drawing (┌─┬─┐ │ ├─┼─┤, as text browsers
 * like w3m and elinks dump a web page, and as some portals print tables in text) and ASCII
 * grids (+----+----+ with | between cells, as pandoc and reStructuredText write them). Each
 * table becomes a grid of cells with their spans, as an HTML table would: a label that
 * wraps over several lines inside its cell is one cell, and a cell that spans rows is read
 * once, at its first row.
 *
 * Cells are found from the drawing itself (a rectangle closed by rules on four sides), on a
 * canvas of display columns: a Chinese character takes two columns, as the dumping program
 * laid it out. Where a program counted some characters' widths differently (quotes, box
 * characters in a CJK locale), the widths that make every rule meet are used; a drawing no
 * width makes consistent is not read as a table.
 */
import type { GridCell } from '../core/types.js';
import { charWidth } from '../core/width.js';
import { findWikiTables } from './wiki-tables.js';

export interface DrawnTable {
  /** First and last line (0-based, inclusive) of the drawing. */
  first: number;
  last: number;
  rows: GridCell[][];
}

const H = 1; // horizontal rule
const V = 2; // vertical rule
const J = 3; // junction (corner, tee, cross)
const CONT = 4; // second column of a wide character
const TEXT = 0;

const BOX_H = /[─━═╌╍┄┅┈┉╼╾]/;
const BOX_V = /[│┃║╎╏┆┇┊┋╽╿]/;
const BOX_J = /[┌┍┎┏┐┑┒┓└┕┖┗┘┙┚┛├┝┞┟┠┡┢┣┤┥┦┧┨┩┪┫┬┭┮┯┰┱┲┳┴┵┶┷┸┹┺┻┼┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬╭╮╯╰]/;
const BOX_ANY = /[\u2500-\u257f]/;
/** A top rule: box corners and lines, or an ASCII grid border (+---+---+). */
const BOX_RULE = /^\s*[┌┏╔╒╓╭├┝┠┣╞╟╠][─━═╌╍┄┅┈┉┬┭┮┯┰┱┲┳╤╥╦┼╪╫╬]*[─━═╌╍┄┅┈┉][─━═╌╍┄┅┈┉┬┭┮┯┰┱┲┳╤╥╦┼╪╫╬]*[┐┒┓┑╗╕╖╮┤┥┨┫╡╢╣]\s*$/;
const ASCII_RULE = /^\s*\+(?:[-=:]{2,}\+){1,}\s*$/;

/** Ambiguous-width characters a dumping program may count as one column or two. */
const AMBIGUOUS = /[“”‘’…—–·×÷°§№※″′‰℃Ⅰ-Ⅻⅰ-ⅻ①-⒇⑴-⒛⒈-⒛○●◎□■△▲☆★→←↑↓]/;

const wide = (cp: number) => charWidth(cp) === 2;

interface Widths {
  box: 1 | 2;
  ambiguous: 1 | 2;
}

interface Canvas {
  kind: number[][];
  /** The character at each display column (empty for the second column of a wide one). */
  chars: string[][];
  /** Code-unit index in the source line of each display column's character. */
  index: number[][];
}

function layOut(lines: string[], ascii: boolean, w: Widths): Canvas {
  const kind: number[][] = [];
  const chars: string[][] = [];
  const index: number[][] = [];
  for (const line of lines) {
    const k: number[] = [];
    const c: string[] = [];
    const ix: number[] = [];
    let i = 0;
    for (const ch of line) {
      const cp = ch.codePointAt(0)!;
      let t = TEXT;
      if (BOX_H.test(ch) || (ascii && (ch === '-' || ch === '=' || ch === ':'))) t = H;
      else if (BOX_V.test(ch) || (ascii && ch === '|')) t = V;
      else if (BOX_J.test(ch) || (ascii && ch === '+')) t = J;
      const width = BOX_ANY.test(ch) ? w.box : AMBIGUOUS.test(ch) ? w.ambiguous : wide(cp) ? 2 : 1;
      k.push(t);
      c.push(ch === '\t' ? ' ' : ch);
      ix.push(i);
      for (let x = 1; x < width; x++) {
        k.push(t === TEXT ? CONT : t === V ? TEXT : t);
        c.push('');
        ix.push(i);
      }
      i += ch.length;
    }
    kind.push(k);
    chars.push(c);
    index.push(ix);
  }
  return { kind, chars, index };
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const at = (cv: Canvas, r: number, c: number) => cv.kind[r]?.[c] ?? -1;
const isRuleH = (t: number) => t === H || t === J;
const isRuleV = (t: number) => t === V || t === J;

/**
 * The cell whose top-left corner is (r0, c0): the smallest rectangle closed by rules,
 * found by walking right along the top, down a side, left along the bottom and up.
 */
function cellAt(cv: Canvas, r0: number, c0: number): Rect | null {
  const width = cv.kind[r0].length;
  for (let c1 = c0 + 1; c1 < width && isRuleH(at(cv, r0, c1)); c1++) {
    if (at(cv, r0, c1) !== J || !isRuleV(at(cv, r0 + 1, c1))) continue;
    for (let r1 = r0 + 1; r1 < cv.kind.length && isRuleV(at(cv, r1, c1)); r1++) {
      if (at(cv, r1, c1) !== J) continue;
      if (!isRuleH(at(cv, r1, c1 - 1))) continue;
      let ok = true;
      for (let c = c1 - 1; c > c0 && ok; c--) ok = isRuleH(at(cv, r1, c));
      if (!ok || at(cv, r1, c0) !== J) continue;
      for (let r = r1 - 1; r > r0 && ok; r--) ok = isRuleV(at(cv, r, c0));
      if (ok) return { top: r0, left: c0, bottom: r1, right: c1 };
    }
  }
  return null;
}

/** Cells of a drawing, or null where its rules do not close into cells covering every character. */
function scanCells(cv: Canvas): Rect[] | null {
  const cells: Rect[] = [];
  const covered = cv.kind.map((row) => new Uint8Array(row.length));
  for (let r = 0; r < cv.kind.length - 1; r++) {
    for (let c = 0; c < cv.kind[r].length; c++) {
      if (cv.kind[r][c] !== J || covered[r][c] & 1) continue;
      // A top-left corner has a rule to its right and one below it.
      if (!isRuleH(at(cv, r, c + 1)) || !isRuleV(at(cv, r + 1, c))) continue;
      const rect = cellAt(cv, r, c);
      if (!rect) continue;
      if (cells.some((o) => o.top === rect.top && o.left === rect.left)) continue;
      cells.push(rect);
      covered[r][c] |= 1;
      for (let y = rect.top + 1; y < rect.bottom; y++) for (let x = rect.left + 1; x < rect.right; x++) if (y < covered.length && x < covered[y].length) covered[y][x] |= 2;
    }
  }
  if (cells.length < 2) return null;
  // Every character of the drawing lies inside a cell or on a rule; a stray one means the
  // widths (or the drawing) are off.
  for (let r = 0; r < cv.kind.length; r++)
    for (let c = 0; c < cv.kind[r].length; c++) {
      const t = cv.kind[r][c];
      if ((t === TEXT || t === CONT) && cv.chars[r][c].trim() !== '' && !(covered[r][c] & 2)) return null;
      if (t === V && !(covered[r][c] & 2) && !cells.some((x) => (x.left === c || x.right === c) && r > x.top && r < x.bottom)) return null;
    }
  return cells;
}

const CJK_END = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f（）《》“”、，。：；]$/;
const CJK_START = /^[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f（）《》“”、，。：；]/;

/** A cell's text wrapped over lines, joined: Chinese runs on, other words take a space. */
function joinLines(before: string, piece: string): string {
  return before && !(CJK_END.test(before) || CJK_START.test(piece)) ? `${before} ${piece}` : before + piece;
}

function cellText(cv: Canvas, rect: Rect): { text: string; line: number; column: number; length: number } {
  let text = '';
  let line = rect.top + 1;
  let column = rect.left + 1;
  let length = 0;
  let seen = false;
  for (let r = rect.top + 1; r < rect.bottom; r++) {
    const piece = cv.chars[r].slice(rect.left + 1, rect.right).join('').trim();
    if (!piece) continue;
    if (!seen) {
      seen = true;
      line = r;
      const firstCol = cv.chars[r].findIndex((ch, c) => c > rect.left && c < rect.right && ch.trim() !== '');
      column = cv.index[r][firstCol] ?? 0;
      length = piece.length;
    }
    text = joinLines(text, piece);
  }
  return { text, line, column, length };
}

function toRows(cv: Canvas, cells: Rect[], firstLine: number): GridCell[][] {
  const tops = [...new Set(cells.flatMap((c) => [c.top, c.bottom]))].sort((a, b) => a - b);
  const lefts = [...new Set(cells.flatMap((c) => [c.left, c.right]))].sort((a, b) => a - b);
  const rows: GridCell[][] = tops.slice(0, -1).map(() => []);
  for (const rect of [...cells].sort((a, b) => a.top - b.top || a.left - b.left)) {
    const row = tops.indexOf(rect.top);
    const rowSpan = tops.indexOf(rect.bottom) - row;
    const colSpan = lefts.indexOf(rect.right) - lefts.indexOf(rect.left);
    const t = cellText(cv, rect);
    const cell: GridCell = { text: t.text, pos: { line: firstLine + t.line + 1, column: t.column + 1, length: t.length } };
    if (rowSpan > 1) cell.rowSpan = rowSpan;
    if (colSpan > 1) cell.colSpan = colSpan;
    rows[row].push(cell);
  }
  return rows.filter((r) => r.length > 0);
}

const WIDTHS: Widths[] = [
  { box: 1, ambiguous: 1 },
  { box: 1, ambiguous: 2 },
  { box: 2, ambiguous: 2 },
  { box: 2, ambiguous: 1 },
];

function readDrawing(lines: string[], ascii: boolean, firstLine: number): GridCell[][] | null {
  for (const w of ascii ? WIDTHS.filter((x) => x.box === 1) : WIDTHS) {
    const cv = layOut(lines, ascii, w);
    const cells = scanCells(cv);
    if (cells) return toRows(cv, cells, firstLine);
  }
  return null;
}

/** Whether a line continues a drawing: it starts (after indentation) with a rule character. */
function continues(line: string, ascii: boolean): boolean {
  const t = line.trimStart();
  if (!t) return false;
  return ascii ? t[0] === '+' || t[0] === '|' : BOX_V.test(t[0]) || BOX_J.test(t[0]);
}

/** Every drawn table in the text, in order. Cheap when there is none. */
export function findDrawnTables(lines: string[]): DrawnTable[] {
  const out: DrawnTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const box = BOX_RULE.test(line);
    const ascii = !box && ASCII_RULE.test(line);
    if (!box && !ascii) continue;
    let j = i + 1;
    while (j < lines.length && continues(lines[j], ascii)) j++;
    const last = j - 1;
    if (last - i < 2) continue;
    const rows = readDrawing(lines.slice(i, last + 1), ascii, i);
    if (rows) {
      out.push({ first: i, last, rows });
      i = last;
    }
  }
  return out;
}

// ---------- tables laid out in columns under dash rules (pandoc's simple and multiline tables) ----------

/** A rule of dash groups, one per column: `  -------- ------ -----`. */
const DASH_GROUPS = /^\s*-{3,}(?: +-{3,})+\s*$/;
/** A rule across the whole table (a multiline table's top and bottom with a header). */
const DASH_FULL = /^\s*-{8,}\s*$/;

interface Column {
  start: number;
  end: number;
}

function dashColumns(line: string): Column[] {
  return [...line.matchAll(/-{3,}/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
}

/** Display column where each character of a line starts. */
function displayStarts(line: string, ambiguous: 1 | 2): { ch: string; at: number; index: number }[] {
  const out: { ch: string; at: number; index: number }[] = [];
  let at = 0;
  let index = 0;
  for (const ch of line) {
    out.push({ ch, at, index });
    at += AMBIGUOUS.test(ch) ? ambiguous : wide(ch.codePointAt(0)!) ? 2 : 1;
    index += ch.length;
  }
  return out;
}

/**
 * A line cut at the columns: each column takes the characters that start inside it or in
 * the gap after it. Null where a word runs across a column's start (the widths are not the
 * ones the table was laid out with).
 */
function sliceLine(line: string, cols: Column[], ambiguous: 1 | 2): { text: string; index: number }[] | null {
  const chars = displayStarts(line, ambiguous);
  const cells = cols.map(() => ({ text: '', index: -1 }));
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c.ch.trim() === '') continue;
    let k = cols.length - 1;
    while (k > 0 && c.at < cols[k].start) k--;
    // A word that began in the column before and goes on into this one.
    const prev = chars[i - 1];
    if (k > 0 && c.at >= cols[k].start && prev && prev.ch.trim() !== '' && prev.at < cols[k].start) return null;
    if (cells[k].index < 0) cells[k].index = c.index;
    cells[k].text += c.ch;
    if (chars[i + 1]?.ch.trim() === '' && chars[i + 2] && chars[i + 2].ch.trim() !== '' && (k === cols.length - 1 || chars[i + 2].at < cols[k + 1].start)) cells[k].text += ' ';
  }
  return cells;
}

function readColumns(lines: string[], first: number, rowsOf: number[][], cols: Column[]): GridCell[][] | null {
  for (const ambiguous of [1, 2] as const) {
    const rows: GridCell[][] = [];
    let ok = true;
    for (const row of rowsOf) {
      const cells: GridCell[] = cols.map(() => ({ text: '', pos: { line: first + row[0] + 1, column: 1 } }));
      const seen = cols.map(() => false);
      for (const li of row) {
        const sliced = sliceLine(lines[li], cols, ambiguous);
        if (!sliced) {
          ok = false;
          break;
        }
        sliced.forEach((piece, k) => {
          const text = piece.text.trim();
          if (!text) return;
          cells[k].text = joinLines(cells[k].text, text);
          if (!seen[k]) {
            seen[k] = true;
            cells[k].pos = { line: first + li + 1, column: piece.index + 1, length: text.length };
          }
        });
      }
      if (!ok) break;
      rows.push(cells);
    }
    if (ok) return rows;
  }
  return null;
}

/**
 * Tables laid out in columns under a rule of dash groups, as pandoc writes tables into
 * Markdown and plain text: the groups give each column's extent, so a blank cell stays a
 * blank. A simple table has a row per line; a multiline table parts its rows by blank lines
 * and ends with a rule. A label wrapped inside its column is joined.
 */
export function findDashTables(lines: string[]): DrawnTable[] {
  const out: DrawnTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!DASH_GROUPS.test(lines[i])) continue;
    const cols = dashColumns(lines[i]);
    const starts = cols.map((c) => c.start).join(',');
    // The header: lines right above the rule (up to a blank line, or a full rule above them).
    let top = i;
    while (top > 0 && lines[top - 1].trim() !== '' && !DASH_GROUPS.test(lines[top - 1]) && i - top < 6) top--;
    const fullAbove = top > 0 && DASH_FULL.test(lines[top - 1]);
    if (top < i && !fullAbove && top > 0 && lines[top - 1].trim() !== '') top = i;
    // The end: a closing rule (of the same columns, or full), else the first blank line.
    let end = -1;
    let blanks = 0;
    for (let j = i + 1; j < lines.length && j < i + 2000; j++) {
      if ((DASH_GROUPS.test(lines[j]) && dashColumns(lines[j]).map((c) => c.start).join(',') === starts) || DASH_FULL.test(lines[j])) {
        end = j;
        break;
      }
      blanks = lines[j].trim() === '' ? blanks + 1 : 0;
      if (blanks >= 2) break;
    }
    let bodyEnd: number;
    let multiline: boolean;
    if (end > 0) {
      bodyEnd = end - 1;
      multiline = lines.slice(i + 1, end).some((l) => l.trim() === '');
    } else {
      bodyEnd = i;
      while (bodyEnd + 1 < lines.length && lines[bodyEnd + 1].trim() !== '') bodyEnd++;
      multiline = false;
    }
    if (bodyEnd <= i) continue;
    const rowsOf: number[][] = [];
    const header = Array.from({ length: i - top }, (_, k) => top + k);
    if (header.length) {
      if (fullAbove) rowsOf.push(header);
      else for (const h of header) rowsOf.push([h]);
    }
    let group: number[] = [];
    for (let j = i + 1; j <= bodyEnd; j++) {
      if (lines[j].trim() === '') {
        if (group.length) rowsOf.push(group);
        group = [];
      } else if (multiline) group.push(j);
      else rowsOf.push([j]);
    }
    if (group.length) rowsOf.push(group);
    const first = fullAbove ? top - 1 : top;
    const last = end > 0 ? end : bodyEnd;
    const rows = readColumns(lines, 0, rowsOf, cols);
    if (!rows || rows.length < 2) continue;
    out.push({ first, last, rows });
    i = last;
  }
  return out;
}

/** Every table drawn with characters or laid out under dash rules, in order. */
export function findTextTables(lines: string[], text: string): DrawnTable[] {
  const drawn = BOX_ANY.test(text) || (text.includes('+-') && /^[ \t]*\+[-=]{2,}\+/m.test(text)) ? findDrawnTables(lines) : [];
  const dashed = text.includes('---') && /-{3,} +-{3,}/.test(text) ? findDashTables(lines).filter((t) => !drawn.some((d) => d.first <= t.last && t.first <= d.last)) : [];
  const taken = [...drawn, ...dashed];
  const wiki = text.includes('{|') ? findWikiTables(lines).filter((t) => !taken.some((d) => d.first <= t.last && t.first <= d.last)) : [];
  return [...taken, ...wiki].sort((a, b) => a.first - b.first);
}
