/**
 * Document → fields: the cells of tab rows and table grids, and whole lines otherwise,
 * each with its normalised text and the way back to its source position.
 */
import { hasTraditional, linesHaveTraditional, normalizeText, normalizeWithMap } from '../core/normalize.js';
import { withoutRowNumbers } from '../core/row-numbers.js';
import type { SourceDocument, SourcePos } from '../core/types.js';

export interface Field {
  text: string;
  norm: string;
  /** Offsets of `norm` in `text`, built on first use (most fields never need it). */
  map?: number[];
  /** Whether `text` needed traditional → simplified conversion for `norm`. */
  trad: boolean;
  /** Position of the field's first character. */
  pos: SourcePos;
  /** Index of the visual row (line or grid row) the field belongs to. */
  row: number;
  /** Blank fields are meaningful (an empty cell of a tab row or grid), not just spacing. */
  cellLike: boolean;
  /** A cell of a table grid (HTML, DOCX, PDF rules, Markdown pipes): its row is a real table row. */
  grid?: boolean;
  /** An empty cell at a line's edge (after a trailing tab, a line of tabs alone): maybe spacing. */
  edge?: boolean;
  /** An empty cell seen only in the spacing (web-page text: two extra blank lines). */
  spaced?: boolean;
  /** A scanned cell OCR could not read with certainty (blank, its readings kept as candidates). */
  doubt?: boolean;
  /** A table grid's cell: its first column, the columns it spans, and how many columns its row covers (merged cells from above included). */
  place?: GridPlace;
  /** A cell of rows laid out from a PDF page's words, not of a ruled grid. */
  layout?: boolean;
}

export interface GridPlace {
  col: number;
  span: number;
  width: number;
}

/**
 * A table row whose cells are parted by one ideographic space each (０　３　　５: an empty cell
 * between 3 and 5), as some editors copy tables: the spaces are cell borders, as tabs are.
 * Indentation before the first cell is kept as spaces. Prose never qualifies: it has
 * sentence punctuation, and no run of figures parted by ideographic spaces.
 */
function ideographicCells(text: string): string {
  if (text.includes('\t') || !text.includes('\u3000') || /[。，；！？]/.test(text)) return text;
  const figures = text.split(/\u3000+/).filter((p) => /^\s*(?:[-+－＋]?[\d０-９][\d０-９,.．]*|[—\-/／－–])\s*$/.test(p)).length;
  if (figures < 2) return text;
  const indent = /^[\s\u3000]*/.exec(text)![0];
  return ' '.repeat(indent.length) + text.slice(indent.length).replace(/\u3000/g, '\t');
}

export function toFields(doc: SourceDocument): Field[] {
  const out: Field[] = [];
  let row = 0;
  // Decide once per document whether traditional characters need converting.
  const trad = linesHaveTraditional(doc.lines) || doc.blocks.some((b) => b.kind === 'table' && b.rows.some((r) => r.some((c) => hasTraditional(c.text))));
  const gaps = blankLineCells(doc);
  /** The cells of the last tab row without figures (a header row), for repeated merged cells. */
  let header: string[] = [];
  doc.blocks.forEach((b, bi) => {
    if (b.kind === 'paragraph') {
      row++;
      const text = ideographicCells(b.text);
      const gap = gaps.get(bi);
      if (gap) for (let k = 0; k < gap.cells; k++) out.push(gap.edge ? { text: '', norm: '', trad, pos: b.pos, row, cellLike: true, edge: true, spaced: true } : { text: '', norm: '', trad, pos: b.pos, row, cellLike: true, spaced: true });
      if (!text.includes('\t')) {
        if (text.trim() === '') return;
        out.push({ text, norm: normalizeText(text, trad), trad, pos: b.pos, row, cellLike: false });
        return;
      }
      const parts = text.split('\t');
      const onlyTabs = text.trim() === '';
      const above = header;
      if (!parts.some((p) => FIGURE.test(p))) header = parts.map((p) => p.trim());
      const valuesOnly = !onlyTabs && !/[\u4e00-\u9fff]/.test(text) && parts.filter((p) => p.trim() !== '').length >= 2;
      let col = 0;
      parts.forEach((p, i) => {
        const start = col;
        col += p.length + 1;
        // A merged cell's figure written into every column it covers (python-docx, some exports),
        // under a header that repeats the same way: one cell, not several.
        // Only where the figure fills every column of the header's span: equal figures side by
        // side are common (0 0 0) and each its own cell under a header that spans columns
        // above sub-headers of their own (法人或其他组织 over 商业企业, 科研机构 …).
        const trimmed = p.trim();
        if (i > 0 && trimmed !== '' && trimmed === parts[i - 1].trim() && FIGURE.test(p) && above[i] && above[i] === above[i - 1] && fillsHeaderSpan(parts, above, i)) return;
        const empty = trimmed === '';
        // The text before a leading tab is indentation: no cell. A line of tabs alone is one
        // empty cell per tab (text copied from Word, a cell per line), and the text after a
        // trailing tab may be an empty last cell or line-end spacing: both are kept as
        // "edge" blanks, which a row takes only when it cannot fill its width otherwise.
        // Except before a row of figures alone (\t1\t3\t3…): there the first cell is empty.
        if (i === 0 && (empty || onlyTabs) && !(valuesOnly && parts.length > 2)) return;
        const edge = empty && (onlyTabs || i === 0 || i === parts.length - 1);
        const norm = normalizeText(p, trad);
        const at = b.cells?.[i];
        const pos: SourcePos = at ? { ...at, length: p.length } : b.pos.line !== undefined ? { line: b.pos.line, column: (b.pos.column ?? 1) + start, length: p.length } : { ...b.pos };
        out.push(edge ? { text: p, norm, trad, pos, row, cellLike: true, edge: true } : { text: p, norm, trad, pos, row, cellLike: true });
      });
    } else {
      // Columns taken by merged cells from the rows above: how many rows each stays taken.
      const taken: number[] = [];
      for (const r of withoutRowNumbers(b.rows)) {
        row++;
        let col = 0;
        const cells: Field[] = [];
        for (const c of r) {
          while ((taken[col] ?? 0) > 0) col++;
          const span = Math.max(1, c.colSpan ?? 1);
          const f: Field = { text: c.text, norm: normalizeText(c.text, trad), trad, pos: c.pos, row, cellLike: true, grid: true, place: { col, span, width: 0 } };
          if (b.layout) f.layout = true;
          if (c.candidates) f.doubt = true;
          for (let k = 0; k < span; k++) taken[col + k] = Math.max(1, c.rowSpan ?? 1);
          col += span;
          cells.push(f);
        }
        const width = taken.reduce((n, t) => n + (t > 0 ? 1 : 0), 0);
        for (const f of cells) f.place!.width = width;
        out.push(...cells);
        for (let k = 0; k < taken.length; k++) if (taken[k] > 0) taken[k]--;
      }
    }
  });
  return out;
}

/** How many non-empty fields of the kind `counts` each visual row holds (a cell alone on its row reads as a line). */
export function filledPerRow(fields: Field[], counts: (f: Field) => boolean): Map<number, number> {
  const out = new Map<number, number>();
  for (const f of fields) if (f.norm.length > 0 && counts(f)) out.set(f.row, (out.get(f.row) ?? 0) + 1);
  return out;
}

/** Whether the cells under the header's repeated span around column i all hold the same text. */
function fillsHeaderSpan(parts: string[], above: string[], i: number): boolean {
  let from = i;
  let to = i;
  while (from > 0 && above[from - 1] === above[i]) from--;
  while (to + 1 < above.length && above[to + 1] === above[i]) to++;
  const t = parts[i].trim();
  for (let k = from; k <= to; k++) if ((parts[k] ?? '').trim() !== t) return false;
  return true;
}

const SHORT_CELL = 30;
const FIGURE = /^[\s\u3000\u00a0]*[-+]?[\d０-９][\d０-９,.\s]*[\s\u3000\u00a0]*$|^[\s\u3000\u00a0]*[-—/／–－][\s\u3000\u00a0]*$/;

/** Empty cells seen only as blank lines, to insert before a block: how many, and whether only maybe cells (at a row's edge). */
interface BlankLineGap {
  cells: number;
  edge: boolean;
}

/**
 * Cells one per line leave an empty cell only as blank lines, in two ways:
 * - web-page text puts one blank line between cells, so an empty cell shows as two extra blank
 *   lines: a run of 2k+1 blank lines next to a figure stands for k empty cells (maybe cells);
 * - a word processor's text export (LibreOffice's "Text" filter) puts cells on consecutive lines
 *   and an empty cell, or a merged cell's covered part, on a blank line of its own: there k blank
 *   lines before a figure are k empty cells, and before a label or a heading k maybe cells.
 * Block index → the empty cells to insert before that block.
 */
function blankLineCells(doc: SourceDocument): Map<number, BlankLineGap> {
  const out = new Map<number, BlankLineGap>();
  const lines: { bi: number; text: string }[] = [];
  doc.blocks.forEach((b, bi) => {
    if (b.kind === 'paragraph' && !b.text.includes('\t')) lines.push({ bi, text: b.text });
  });
  // Blank lines before each non-empty short line.
  const runs: { bi: number; blanks: number; prev: string; text: string }[] = [];
  let blanks = 0;
  let prev: string | null = null;
  let single = 0;
  let adjacent = 0;
  let pairs = 0;
  let lastBi = -2;
  for (const l of lines) {
    // Another kind of block between two lines breaks the run.
    if (l.bi !== lastBi + 1 && lastBi >= 0) {
      prev = null;
      blanks = 0;
    }
    lastBi = l.bi;
    if (l.text.trim() === '') {
      blanks++;
      continue;
    }
    if (prev !== null && isShort(l.text) && isShort(prev)) {
      pairs++;
      if (blanks === 1) single++;
      if (blanks === 0) adjacent++;
    }
    // A long row label (2.申请人逾期未按收费通知要求缴纳费用…) may follow a row's empty last cell.
    if (prev !== null) runs.push({ bi: l.bi, blanks, prev, text: l.text });
    prev = l.text;
    blanks = 0;
  }
  if (pairs < 20) return out;
  if (single >= 0.8 * pairs) {
    for (const r of runs)
      if (r.blanks >= 3 && r.blanks % 2 === 1 && isShort(r.prev) && isShort(r.text) && (FIGURE.test(r.prev) || FIGURE.test(r.text))) out.set(r.bi, { cells: (r.blanks - 1) / 2, edge: true });
    return out;
  }
  if (adjacent < 0.8 * pairs) return out;
  // A text export: only where the tables show blank lines as cells — between a figure and the
  // next (an empty cell inside a row) or between a figure and a label (merged label cells) —
  // is a blank line next to a figure a cell; elsewhere it is spacing, and a row with a cell
  // missing stays unreadable.
  const tabled = runs.filter((r) => r.blanks > 0 && FIGURE.test(r.prev));
  if (tabled.length < 3) return out;
  for (const r of runs)
    if (r.blanks > 0 && (FIGURE.test(r.prev) || FIGURE.test(r.text))) out.set(r.bi, { cells: r.blanks, edge: !FIGURE.test(r.text) });
  return out;
}

const isShort = (line: string) => line.trim().length <= SHORT_CELL;

/** Source position of a span [from, to) of a field's normalised text. */
function mapOf(f: Field): number[] {
  return (f.map ??= normalizeWithMap(f.text, f.trad).map);
}

/**
 * The map of a text that normalisation left as it was (norm === text) is the identity: each
 * character either stays, is dropped (spaces, quotes: never found in a normal form) or becomes
 * others that never begin with it, so a normal form equal to its text changed nothing. Such
 * fields (most table cells: figures, CJK labels) need no map built: `map[i]` is `i` inside the
 * text and undefined outside it, as the built map would give.
 */
function sourceAt(f: Field, identity: boolean, i: number): number | undefined {
  return identity ? (i >= 0 && i < f.norm.length ? i : undefined) : mapOf(f)[i];
}

export function spanPos(f: Field, from: number, to: number): SourcePos {
  const p = f.pos;
  if (p.line === undefined) return p;
  const identity = f.norm === f.text;
  const a = sourceAt(f, identity, from) ?? 0;
  const b = to > from ? (sourceAt(f, identity, to - 1) ?? a) + 1 : a + 1;
  const column = (p.column ?? 1) + a;
  const length = Math.max(1, b - a);
  // Hot path: text positions are just line/column/length (no object spread).
  if (p.page === undefined && p.path === undefined) return { line: p.line, column, length };
  return { ...p, column, length };
}

/** Original text of a span of a field's normalised text. */
export function spanText(f: Field, from: number, to: number): string {
  if (from >= to) return '';
  const identity = f.norm === f.text;
  if (from === 0 && to === f.norm.length && identity) return f.text;
  const a = sourceAt(f, identity, from) ?? 0;
  const b = (sourceAt(f, identity, to - 1) ?? a) + 1;
  return f.text.slice(a, b);
}
