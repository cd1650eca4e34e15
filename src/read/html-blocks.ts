/**
 * HTML reading, stage 3: the article's content as paragraph and table blocks in document
 * order. Tables are laid out on a true grid (rowspan/colspan), every cell emitted once, at
 * its origin.
 */
import type { Block, GridCell, SourcePos } from '../core/types.js';
import { BLOCK, Element, MAX_DEPTH, Node, SKIP, TextNode, clean, isElement, textOf, textOfSawTable } from './html-tree.js';
import { SECTION_MARKERS } from './html-article.js';

// ---------------------------------------------------------------- blocks and lines

export interface Builder {
  blocks: Block[];
  lines: string[];
  /** Inline text gathered for the current line. */
  buf: string;
  /** Path of the element the current line belongs to. */
  bufPath: string;
  /** Per tag name: how many were seen in the article (for paths). */
  counts: Map<string, number>;
  /** Path of the enclosing block element for inline text. */
  pathStack: string[];
  /** Inside <pre>: keep line breaks and tabs. */
  pre: number;
}

export function nextIndex(b: Builder, tag: string): number {
  const n = (b.counts.get(tag) ?? 0) + 1;
  b.counts.set(tag, n);
  return n;
}

export function pushLine(b: Builder, text: string, path: string): void {
  const pos: SourcePos = { line: b.lines.length + 1, column: 1, length: text.length, path };
  b.lines.push(text);
  b.blocks.push({ kind: 'paragraph', text, pos });
}

export function flush(b: Builder): void {
  if (b.buf !== '') {
    if (b.pre > 0) {
      // Preformatted: one line per source line; tabs stay (tab rows are cells to the extractor).
      for (const raw of b.buf.replace(/\r\n?/g, '\n').split('\n')) {
        const t = raw.replace(/[ \f]+/g, ' ').replace(/^[ \u00a0\u3000]+|[ \t\u00a0\u3000]+$/g, '');
        if (t !== '') pushLine(b, t, b.bufPath);
      }
    } else {
      const t = clean(b.buf);
      if (t !== '') pushLine(b, t, b.bufPath);
    }
    b.buf = '';
  }
  b.bufPath = b.pathStack[b.pathStack.length - 1] ?? '';
}

export function isPre(tag: string): boolean {
  return tag === 'pre' || tag === 'listing' || tag === 'xmp' || tag === 'plaintext';
}

export function walk(b: Builder, n: Node, depth: number): void {
  if (n.type === 'text') {
    if (b.buf === '') b.bufPath = b.pathStack[b.pathStack.length - 1] ?? '';
    b.buf += (n as TextNode).data;
    return;
  }
  if (!isElement(n)) return;
  const tag = n.name;
  if (SKIP.has(tag)) return;
  if (tag === 'br') {
    flush(b);
    return;
  }
  if (tag === 'table') {
    flush(b);
    if (isLayoutTable(n)) {
      // A table used for page layout around the report: its cells are ordinary content.
      const idx = nextIndex(b, 'table');
      b.pathStack.push(`table[${idx}]`);
      for (const row of tableRows(n)) for (const cell of rowCells(row)) {
        for (const c of cell.children) walk(b, c, depth + 1);
        flush(b);
      }
      b.pathStack.pop();
      return;
    }
    emitTable(b, n);
    return;
  }
  if (depth > MAX_DEPTH) {
    // Pathologically deep markup: read what is left as one flat line.
    b.buf += textOf(n);
    return;
  }
  const block = BLOCK.has(tag);
  if (block) {
    flush(b);
    const path = `${tag}[${nextIndex(b, tag)}]`;
    b.pathStack.push(path);
    b.bufPath = path;
    if (isPre(tag)) b.pre++;
  }
  for (const c of n.children) walk(b, c, depth + 1);
  if (block) {
    flush(b);
    if (isPre(tag)) b.pre--;
    b.pathStack.pop();
    b.bufPath = b.pathStack[b.pathStack.length - 1] ?? '';
  }
}

/** The table's own rows (not those of nested tables), in order. */
export function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of table.children) {
    if (!isElement(c)) continue;
    if (c.name === 'tr') rows.push(c);
    else if (c.name === 'tbody' || c.name === 'thead' || c.name === 'tfoot') for (const r of c.children) if (isElement(r) && r.name === 'tr') rows.push(r);
  }
  return rows;
}

export function rowCells(tr: Element): Element[] {
  const out: Element[] = [];
  for (const c of tr.children) if (isElement(c) && (c.name === 'td' || c.name === 'th')) out.push(c);
  return out;
}

/** Tables nested in a cell (at any depth, not counting tables inside those). */
export function nestedTables(el: Element): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [...el.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n) || SKIP.has(n.name)) continue;
    if (n.name === 'table') {
      out.push(n);
      continue;
    }
    const k = n.children;
    for (let i = k.length - 1; i >= 0; i--) stack.push(k[i]);
  }
  return out;
}

/**
 * A table that lays out the page rather than holding figures: it wraps other tables,
 * or its cells hold long running text / several paragraphs, and it has at most two columns.
 */
export function isLayoutTable(table: Element): boolean {
  const rows = tableRows(table);
  const cellsOf = rows.map(rowCells);
  // Only a table of one or two columns can be page layout: decide that before reading any text.
  if (cellsOf.some((cells) => cells.length > 2)) return false;
  let nested = false;
  let prose = false;
  for (const cells of cellsOf) {
    for (const c of cells) {
      const t = clean(textOf(c));
      if (textOfSawTable()) nested = true;
      if (t.length > 300 || SECTION_MARKERS.some((re) => re.test(t) && t.length > 40)) prose = true;
    }
  }
  return nested || prose;
}

export function positiveInt(v: string | undefined, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  const n = parseInt(v.trim(), 10);
  if (!Number.isFinite(n)) return dflt;
  return Math.min(Math.max(n, 0), max);
}

export interface RawCell {
  text: string;
  path: string;
  rowSpan: number;
  colSpan: number;
}

export const BREAK = '\u0001';
export const BREAK_RUN = /[ \t\n\r\f]*\u0001[ \t\n\r\f\u0001]*/g;

export function isHan(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);
}

/**
 * Cell text: text content with inner paragraphs and line breaks flattened. A break between
 * two Chinese characters (结果<br>纠正) joins them; elsewhere it becomes a space.
 */
export function cellText(cell: Element): string {
  return breaksFlattened(textOf(cell, BREAK));
}

/** A cell holding one text node: its text, no break handling needed (the cell's own break is trimmed). */
export function soleText(cell: Element): string | undefined {
  const k = cell.children;
  if (k.length !== 1 || k[0].type !== 'text') return undefined;
  const t = (k[0] as TextNode).data;
  return t.includes(BREAK) ? undefined : t;
}

export function breaksFlattened(s: string): string {
  if (!s.includes(BREAK)) return clean(s);
  const raw = s.replace(BREAK_RUN, BREAK);
  let out = '';
  let from = 0;
  for (let i = raw.indexOf(BREAK); i >= 0; i = raw.indexOf(BREAK, i + 1)) {
    out += raw.slice(from, i);
    if (!(isHan(raw.charCodeAt(i - 1)) && isHan(raw.charCodeAt(i + 1)))) out += ' ';
    from = i + 1;
  }
  return clean(out + raw.slice(from));
}

/** Rows of raw cells of one table; a nested table in a cell is flattened into that row. */
export function rawRows(table: Element, tablePath: string): RawCell[][] {
  const out: RawCell[][] = [];
  const rows = tableRows(table);
  for (let ri = 0; ri < rows.length; ri++) {
    const row: RawCell[] = [];
    const cells = rowCells(rows[ri]);
    for (let ci = 0; ci < cells.length; ci++) {
      const td = cells[ci];
      const path = `${tablePath} tr[${ri + 1}] ${td.name}[${ci + 1}]`;
      const rowSpan = positiveInt(td.attribs.rowspan, 1, 65534);
      const colSpan = Math.max(1, positiveInt(td.attribs.colspan, 1, 1000));
      const sole = soleText(td);
      if (sole !== undefined) {
        row.push({ text: clean(sole), path, rowSpan, colSpan });
        continue;
      }
      const raw = textOf(td, BREAK);
      if (!textOfSawTable()) {
        row.push({ text: breaksFlattened(raw), path, rowSpan, colSpan });
        continue;
      }
      const inner = nestedTables(td);
      // A sub-table in a cell: a single row of sub-cells continues the outer row; more rows
      // are read as text (the sub-table's rows joined by spaces).
      const subRows = inner.flatMap((t) => tableRows(t));
      if (inner.length === 1 && subRows.length === 1 && clean(textOf(td).replace(textOf(inner[0]), '')) === '') {
        rowCells(subRows[0]).forEach((sc, si) => row.push({ text: cellText(sc), path: `${path} td[${si + 1}]`, rowSpan, colSpan: 1 }));
        continue;
      }
      row.push({ text: breaksFlattened(raw), path, rowSpan, colSpan });
    }
    out.push(row);
  }
  return out;
}

export function emitTable(b: Builder, table: Element): void {
  const idx = nextIndex(b, 'table');
  const tablePath = `table[${idx}]`;
  for (const c of table.children) {
    if (isElement(c) && c.name === 'caption') {
      const t = cellText(c);
      if (t) pushLine(b, t, `${tablePath} caption`);
    }
  }
  const raw = rawRows(table, tablePath);
  // Lay the cells out on the grid: each cell at its origin, spans occupy the slots they cover.
  // Rows left without a cell of their own (all covered by spans) give no line.
  const occupied: boolean[][] = raw.map(() => []);
  const rows: GridCell[][] = [];
  const firstLine = b.lines.length + 1;
  for (let r = 0; r < raw.length; r++) {
    const cells = raw[r];
    if (cells.length === 0) continue;
    const row: GridCell[] = [];
    const line = b.lines.length + 1;
    let text = '';
    let col = 0;
    let column = 1;
    for (const c of cells) {
      while (occupied[r][col]) col++;
      // rowspan="0" spans to the end of the table.
      const rs = c.rowSpan === 0 ? raw.length - r : Math.min(c.rowSpan, raw.length - r);
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < c.colSpan; dc++) occupied[r + dr][col + dc] = true;
      const cell: GridCell = { text: c.text, pos: { line, column, length: c.text.length, path: c.path } };
      if (rs > 1) cell.rowSpan = rs;
      if (c.colSpan > 1) cell.colSpan = c.colSpan;
      text = row.length === 0 ? c.text : text + '\t' + c.text;
      row.push(cell);
      col += c.colSpan;
      column += c.text.length + 1;
    }
    rows.push(row);
    b.lines.push(text);
  }
  if (rows.length === 0) return;
  b.blocks.push({ kind: 'table', rows, pos: { line: firstLine, column: 1, path: tablePath } });
}
