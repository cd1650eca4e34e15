/**
 * PDF → document, from the text layer (pdfjs-dist, legacy build for Node).
 *
 * Items → lines (shared baseline) → chunks (items closer than half a character joined,
 * so a number the layout split in two comes back whole). A line holding a number chunk
 * next to other chunks is a table row ("anchor"); consecutive anchors on a page form a
 * table whose value columns are inferred from the x-extents of the anchors' cells.
 * Wrapped labels (lines stacked at line pitch in one column) are joined into one cell and
 * attached to the row whose anchor they span; vertical one-character-per-line group labels
 * become one cell of the first row they span, so nothing stray lands inside a value row.
 * Running headers, footers and page numbers are dropped; a table continues across pages
 * because its rows are simply emitted in reading order.
 *
 * Positions: `page` (1-based), `x` from the left edge and `y` from the top edge of the
 * page to the top of the text, in PDF points; `line` indexes `lines` (1-based).
 */
import { ReadFailure } from '../core/failure.js';
import { LIMITS } from '../core/limits.js';
import { GARBLED_ALL, unifyRadicals } from '../core/normalize.js';
import type { Block, GridCell, ReadIssue, SourceDocument, SourcePos } from '../core/types.js';
import { registerReader } from './index.js';
import { FIGURE, cellIndexAt, columnRulesFromWords, findRuledTables, inferColumns, median, rulesFromOps, type OpCodes, type Rule, type RuledTable } from './pdf-grid.js';
import type { OcrEntry } from './ocr/page.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsPromise: Promise<PdfJs> | null = null;

/**
 * pdf.js loads @napi-rs/canvas as it is imported, for drawing pages — which nianbao never asks
 * of it (text and ruling lines only; scans are rasterised by pdftoppm). Loading that native
 * module costs about 130 ms of CPU, a tenth of a one-file PDF `parse`. So the module's place in the require
 * cache is taken by an empty one, and the three drawing classes pdf.js would take from it are
 * empty stand-ins (a drawing call would fail loudly, never draw wrongly).
 */
function keepCanvasUnloaded(): void {
  // Node's module system, found at run time (this reader is also bundled for the browser).
  const nodeModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('module') as typeof import('node:module') | undefined;
  if (!nodeModule) return;
  let canvasPath: string;
  try {
    canvasPath = nodeModule.createRequire(import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs')).resolve('@napi-rs/canvas');
  } catch {
    return; // not installed: pdf.js goes without it, as it would anyway
  }
  const g = globalThis as Record<string, unknown>;
  // Empty classes: pdf.js makes one matrix as it loads; any drawing would call a method they lack.
  for (const name of ['DOMMatrix', 'ImageData', 'Path2D']) g[name] ??= class {};
  const cache = nodeModule.createRequire(import.meta.url).cache;
  if (!cache[canvasPath]) {
    const stub = new nodeModule.Module(canvasPath);
    stub.filename = canvasPath;
    stub.loaded = true;
    stub.exports = {};
    cache[canvasPath] = stub;
  }
}

/**
 * Where pdf.js would install a page's fonts for drawing: nowhere. With no document, pdf.js
 * (font faces disabled) turns every glyph it meets in an operator list into a drawing path;
 * with this one it hands the font over and is done. Text and positions are unaffected.
 */
const fontlessDocument = {
  createElement: () => ({ sheet: { cssRules: [], insertRule: () => 0 }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
};

/**
 * In Node (no FontFace of its own), the same with a font set: pdf.js then hands each font over
 * as an inert FontFace object instead of encoding its whole program in base64 for a CSS rule
 * (measured: about a tenth of a PDF parse). A browser keeps its own font handling.
 */
function documentForFonts(): object {
  const g = globalThis as Record<string, unknown>;
  if (g.FontFace === undefined && (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node) g.FontFace = InertFontFace;
  return g.FontFace === InertFontFace ? { ...fontlessDocument, fonts: { add: () => undefined, delete: () => undefined } } : fontlessDocument;
}

/** The font face pdf.js makes for a document's font set: nothing to load, already loaded. */
class InertFontFace {
  readonly loaded = Promise.resolve(this);
  constructor(readonly family: string) {}
}

/** The library and its worker, loaded once, on the main thread (no worker threads in Node). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    keepCanvasUnloaded();
    const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const g = globalThis as { pdfjsWorker?: unknown };
    if (!g.pdfjsWorker) {
      // Untyped module: a variable specifier keeps the compiler from looking for declarations.
      const workerPath: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      g.pdfjsWorker = await import(workerPath);
    }
    // The legacy build's polyfills replace three of the engine's own functions for the whole
    // process with slower script versions (for edge cases of proposals nothing here uses):
    // every array push and JSON call after the first PDF would pay for them. Put back.
    Array.prototype.push = natives.push;
    JSON.parse = natives.parse;
    JSON.stringify = natives.stringify;
    return lib;
  })();
  return pdfjsPromise;
}

/** Starts loading pdf.js now (a parse process told that PDFs are coming: see prewarm). */
export function preloadPdfJs(): void {
  void loadPdfJs().catch(() => undefined); // a real failure shows when a PDF is read
}

// ---------------------------------------------------------------- layout model

export interface Item {
  s: string;
  x0: number;
  x1: number;
  /** Baseline, PDF coordinates (up from the bottom). */
  y: number;
  h: number;
  /** A run a converter wrote whole (positioned HTML): its figures are never joined to another run's. */
  whole?: true;
}

interface Chunk {
  text: string;
  x0: number;
  x1: number;
  y: number;
  h: number;
  line: Line;
  numeric: boolean;
  /** A figure wrapped over two lines of a narrow cell, joined: what it may read (a doubt for the table identities to settle). */
  wrapped?: string;
}

interface Line {
  items: Item[];
  chunks: Chunk[];
  /** Vertical centre (PDF coordinates). */
  cy: number;
  h: number;
  anchor: boolean;
}

export interface PageText {
  page: number;
  width: number;
  height: number;
  lines: Line[];
  /** Ruled tables, their text already placed in cells (not in `lines`). */
  grids: GridEntry[];
  /** Horizontal rules drawn on the page (looked for only on pages with figures in rows). */
  hRules?: Rule[];
  chars: number;
  /** A scanned page read by OCR: its entries replace the (empty) text layout. */
  ocr?: OcrEntry[];
  dpi?: number;
}

/** A ruled table of a page: rows of cells at their grid origin, with spans. */
interface GridEntry {
  kind: 'grid';
  cy: number;
  rows: { text: string; x: number; yTop: number; rowSpan: number; colSpan: number; box?: [number, number, number, number]; doubt?: string[]; alts?: string[] }[][];
}

/** One entry of a page in reading order: a text line or a table row. */
type Entry =
  | { kind: 'line'; cy: number; text: string; pos: { x: number; yTop: number }; box?: [number, number, number, number] }
  | { kind: 'row'; cy: number; cells: { text: string; x: number; yTop: number; wrapped?: string }[]; group: number }
  | GridEntry;

const NUMERIC = /^[+-]?\d[\d,，]*(?:\.\d+)?%?(?:元|万元)?$|^[+-]?\.\d+$|^[-—–－/／]$/;

function isNumeric(s: string): boolean {
  return NUMERIC.test(s.normalize('NFKC').replace(/\s+/g, ''));
}

function toItems(raw: unknown[]): { items: Item[]; rotated: number } {
  const items: Item[] = [];
  let rotated = 0;
  for (const r of raw) {
    const it = r as { str?: string; transform?: number[]; width?: number; height?: number };
    if (typeof it.str !== 'string' || !it.transform || it.str.trim() === '') continue;
    const [a, b, c, d, e, f] = it.transform;
    if (Math.abs(b) > 0.01 * Math.abs(a) + 1e-6 || Math.abs(c) > 0.01 * Math.abs(d) + 1e-6) {
      rotated++;
      continue;
    }
    const h = Math.abs(d) || it.height || 1;
    // (Radicals a font maps its glyphs to, 中华⼈⺠共和国: the characters they stand for.)
    items.push({ s: unifyRadicals(it.str), x0: e, x1: e + Math.max(0, it.width ?? 0), y: f, h });
  }
  return { items, rotated };
}

/** Items sharing a baseline (centres within half the smaller height) form a line. */
export function toLines(items: Item[]): Line[] {
  const sorted = [...items].sort((p, q) => q.y + q.h / 2 - (p.y + p.h / 2));
  const lines: Line[] = [];
  let cur: Line | null = null;
  for (const it of sorted) {
    const cy = it.y + it.h / 2;
    if (cur && Math.abs(cur.cy - cy) <= 0.5 * Math.min(cur.h, it.h)) {
      cur.items.push(it);
      cur.cy = cur.items.reduce((s, x) => s + x.y + x.h / 2, 0) / cur.items.length;
      cur.h = Math.min(cur.h, it.h);
    } else {
      cur = { items: [it], chunks: [], cy, h: it.h, anchor: false };
      lines.push(cur);
    }
  }
  for (const l of lines) {
    l.items.sort((p, q) => p.x0 - q.x0);
    let ch: Chunk | null = null;
    let last: Item | null = null;
    // A figure joined to words before it across a space: where it may start a cell of its own.
    const softJoins = new Map<Chunk, number>();
    for (const it of l.items) {
      const gap = ch ? it.x0 - ch.x1 : Infinity;
      const hmin = ch ? Math.min(ch.h, it.h) : it.h;
      // Two whole runs of figures are two cells, however near their estimated ends put them;
      // so are words and a figure run after a gap (a label filling its narrow cell up to the
      // figure's: 公开申 | 0). In prose a figure run starts where the words end.
      const apart = !!(it.whole && last?.whole && isNumeric(it.s) && (isNumeric(last.s) || (/[\u4e00-\u9fff]$/.test(last.s) && gap > 0.15 * hmin)));
      last = it;
      // Closer than about a digit's width: the same cell (a number split into two items).
      if (ch && gap < 0.6 * hmin && !apart) {
        if (gap > 0.3 * hmin && /^\d+$/.test(it.s.trim()) && /[\u4e00-\u9fff]$/.test(ch.text.trimEnd())) softJoins.set(ch, it.x0);
        ch.text += (gap > 0.3 * hmin ? ' ' : '') + it.s;
        ch.x1 = Math.max(ch.x1, it.x1);
        ch.y = Math.min(ch.y, it.y);
        ch.h = Math.max(ch.h, it.h);
      } else {
        ch = { text: it.s, x0: it.x0, x1: it.x1, y: it.y, h: it.h, line: l, numeric: false };
        l.chunks.push(ch);
      }
    }
    for (const c of l.chunks) {
      c.text = c.text.trim();
      c.numeric = isNumeric(c.text);
    }
    // A row label overflowing its cell up to the row's first figure (…其政府信息公开 0 | 0 0 0 16):
    // in a line of figures, a figure after a space at the end of words is a cell of its own.
    if (l.chunks.filter((c) => c.numeric).length >= 2)
      for (const [c, x0] of softJoins) {
        const m = /^(.*[\u4e00-\u9fff])\s+(\d+)$/.exec(c.text);
        if (!m) continue;
        const piece: Chunk = { text: m[2], x0, x1: c.x1, y: c.y, h: c.h, line: l, numeric: true };
        c.text = m[1];
        c.x1 = x0;
        l.chunks.splice(l.chunks.indexOf(c) + 1, 0, piece);
      }
    l.anchor = isAnchor(l);
  }
  return lines.filter((l) => l.chunks.length > 0);
}

/** A line of a table row: two chunks or more, a figure among them. */
function isAnchor(l: Line): boolean {
  return l.chunks.length >= 2 && l.chunks.some((c) => c.numeric);
}

function lineText(l: Line): string {
  let out = '';
  let prev: Chunk | null = null;
  for (const c of l.chunks) {
    if (prev) out += c.x0 - prev.x1 >= 1.5 * Math.min(c.h, prev.h) ? '\t' : ' ';
    out += c.text;
    prev = c;
  }
  return out;
}

// ---------------------------------------------------------------- headers, footers, page numbers

const PAGE_NUMBER = [
  /^[-—–－_\s]*\d{1,4}[-—–－_\s]*$/,
  /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/,
  /^共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^page\s*\d{1,4}(?:\s*of\s*\d{1,4})?$/i,
];

function inMargin(l: Line, p: PageText, frac: number): boolean {
  return l.cy < p.height * frac || l.cy > p.height * (1 - frac);
}

function dropRunning(pages: PageText[]): number {
  let dropped = 0;
  // Figures count as one mark (a page number, a date), except in a line of several figures: a
  // table's row at the foot of one page and another at the foot of the next are no running footer.
  const key = (l: Line) => {
    const text = l.chunks.map((c) => c.text).join('').replace(/\s+/g, '');
    return l.chunks.filter((c) => c.numeric).length > 2 ? text : text.replace(/\d+/g, '#');
  };
  const seen = new Map<string, Set<number>>();
  for (const p of pages) for (const l of p.lines) if (inMargin(l, p, 0.1)) {
    const k = key(l);
    if (!seen.has(k)) seen.set(k, new Set());
    seen.get(k)!.add(p.page);
  }
  const minPages = Math.max(2, Math.ceil(pages.length * 0.4));
  for (const p of pages) {
    p.lines = p.lines.filter((l) => {
      const text = l.chunks.map((c) => c.text).join(' ').trim();
      const margin = inMargin(l, p, 0.12);
      const pageNo = margin && l.chunks.length <= 3 && PAGE_NUMBER.some((re) => re.test(text));
      const running = inMargin(l, p, 0.1) && pages.length >= 2 && (seen.get(key(l))?.size ?? 0) >= minPages;
      if (pageNo || running) dropped++;
      return !(pageNo || running);
    });
  }
  return dropped;
}

// ---------------------------------------------------------------- tables

interface Group {
  id: number;
  anchors: Line[];
  /** Left edge of the value area: left of it are row labels. */
  valueStart: number;
  columns: { x0: number; x1: number }[];
}


/** Consecutive anchors belong to one table unless a prose line (larger type) lies between them. */
function groupAnchors(lines: Line[], nextId: () => number): Group[] {
  const groups: Group[] = [];
  const headers = new Map<Group, Line[]>();
  let cur: Group | null = null;
  let sinceLast: Line[] = [];
  const hTable = median(lines.filter((l) => l.anchor).map((l) => l.h));
  const isBreak = (x: Line, h: number) => x.chunks.length === 1 && x.h > 1.3 * Math.max(hTable, h);
  for (const l of lines) {
    if (!l.anchor) {
      sinceLast.push(l);
      continue;
    }
    let lastBreak = -1;
    sinceLast.forEach((x, i) => {
      if (isBreak(x, l.h)) lastBreak = i;
    });
    // A row of figures only, starting far left of every figure of the table so far (table 四's
    // row under table 三, the heading between them in the same type): another table, whose
    // figures must not move the first one's label column.
    const firstFigure = l.chunks.find((c) => c.numeric)!;
    const leftOfAll = cur !== null && cur.anchors.length >= 2 && l.chunks[0].numeric && firstFigure.x0 < cur.valueStart - 3 * l.h;
    if (!cur || lastBreak >= 0 || leftOfAll) {
      cur = { id: nextId(), anchors: [], valueStart: Infinity, columns: [] };
      groups.push(cur);
      headers.set(cur, []);
    }
    // Header lines: those since the last prose line, not too far above the row.
    headers.get(cur)!.push(...sinceLast.slice(lastBreak + 1).filter((x) => x.cy - l.cy <= 15 * l.h));
    cur.anchors.push(l);
    cur.valueStart = Math.min(cur.valueStart, firstFigure.x0);
    sinceLast = [];
  }
  for (const g of groups) {
    const cells = g.anchors.flatMap((l) => l.chunks.filter((c) => c.x0 >= g.valueStart - 0.5));
    g.columns = inferColumns(cells);
    // A header over no value at all marks a column left blank in every row (a one-row table 四).
    const heads = headers
      .get(g)!
      .flatMap((l) => l.chunks)
      .filter((c) => c.x0 >= g.valueStart - 0.5)
      .sort((a, b) => a.x1 - a.x0 - (b.x1 - b.x0));
    // It must stand clear of every column (a character's width at least): header words
    // printed left-aligned just beside a centred column of figures belong to that column.
    // Lines of one wrapped header cell (商业企 / 业, aligned, at line pitch) share its column.
    const stacked = (a: Chunk, b: Chunk) => {
      const h = Math.min(a.h, b.h);
      return a !== b && a.line !== b.line && overlap(a, b) > 0 && Math.abs(a.y - b.y) <= 2.3 * h && (Math.abs(a.x0 - b.x0) <= 0.5 * h || Math.abs(a.x0 + a.x1 - b.x0 - b.x1) <= h);
    };
    const bound = new Set(heads.filter((hc) => g.columns.some((k) => overlap(k, hc) > -hc.h)));
    for (let grew = true; grew; ) {
      grew = false;
      for (const hc of heads)
        if (!bound.has(hc) && [...bound].some((o) => stacked(o, hc))) {
          bound.add(hc);
          grew = true;
        }
    }
    for (const hc of heads) {
      if (bound.has(hc) || g.columns.some((k) => overlap(k, hc) > -hc.h)) continue;
      g.columns.push({ x0: hc.x0, x1: hc.x1 });
    }
    g.columns.sort((a, b) => a.x0 - b.x0);
  }
  return groups;
}

function overlap(a: { x0: number; x1: number }, b: { x0: number; x1: number }): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

function columnOf(cols: { x0: number; x1: number }[], c: { x0: number; x1: number }): number {
  let best = -1;
  let bestOv = -Infinity;
  cols.forEach((k, i) => {
    // Overlap, or minus the distance when there is none.
    const ov = overlap(k, c);
    if (ov > bestOv) {
      bestOv = ov;
      best = i;
    }
  });
  return best;
}

/** Union-find over chunks. */
class Sets {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

/**
 * Figures too wide for a narrow cell wrap onto two lines (10017 | 4 for 100174), the row's other
 * figures centred between the pieces: the upper piece would be read on the line above (another
 * row's, or a row of its own), the lower one as this row's figure — another number. A pair of
 * plain figures in one column, one a line above and one a line below a row of figures that has
 * nothing in that column, on lines holding fewer figures than the row, is taken for one figure
 * wrapped: moved onto the row as a doubt, which only the table's identities can settle.
 */
function joinWrappedFigures(lines: Line[]): Line[] {
  const plain = (c: Chunk) => /^\d+$/.test(c.text);
  const figures = (l: Line) => l.chunks.filter((c) => c.numeric).length;
  for (const row of lines) {
    const n = figures(row);
    if (n < 2) continue;
    const h = row.h;
    const above = lines.filter((l) => l !== row && l.cy > row.cy && l.cy - row.cy <= 1.7 * h && figures(l) < n);
    const below = lines.filter((l) => l !== row && l.cy < row.cy && row.cy - l.cy <= 1.7 * h && figures(l) < n);
    for (const up of above)
      for (const down of below) {
        if (Math.abs(up.cy - row.cy - (row.cy - down.cy)) > 0.6 * h) continue;
        for (const u of up.chunks.filter(plain))
          for (const d of down.chunks.filter(plain)) {
            const span = { x0: Math.min(u.x0, d.x0), x1: Math.max(u.x1, d.x1) };
            if (overlap(u, d) <= 0 || row.chunks.some((c) => overlap(c, span) > 0) || !up.chunks.includes(u) || !down.chunks.includes(d)) continue;
            const text = u.text + d.text;
            row.chunks.push({ text, ...span, y: row.chunks[0].y, h: row.chunks[0].h, line: row, numeric: true, wrapped: text });
            row.chunks.sort((a, b) => a.x0 - b.x0);
            up.chunks.splice(up.chunks.indexOf(u), 1);
            down.chunks.splice(down.chunks.indexOf(d), 1);
          }
      }
  }
  for (const l of lines) l.anchor = isAnchor(l);
  return lines.filter((l) => l.chunks.length > 0);
}

/** A page's lines → entries in reading order (table rows with their attached wrapped cells). */
function layoutPage(p: PageText, nextId: () => number): Entry[] {
  p.lines = joinWrappedFigures(p.lines);
  const groups = groupAnchors(p.lines, nextId);
  const groupOf = new Map<Line, Group>();
  for (const g of groups) for (const a of g.anchors) groupOf.set(a, g);
  const attachedTo = new Map<Chunk, Line>();

  for (const g of groups) {
    const hMed = median(g.anchors.map((a) => a.h));
    const top = Math.max(...g.anchors.map((a) => a.cy)) + 4 * hMed;
    const bottom = Math.min(...g.anchors.map((a) => a.cy)) - 4 * hMed;
    // Candidates: label cells of the anchors and every chunk of nearby non-anchor lines.
    const cand: Chunk[] = [];
    for (const l of p.lines) {
      if (l.cy > top || l.cy < bottom) continue;
      if (l.anchor) {
        if (groupOf.get(l) === g) cand.push(...l.chunks.filter((c) => c.x1 <= g.valueStart + 0.5 && c.x0 < g.valueStart - 0.5));
      } else if (l.h <= 1.3 * hMed && !l.chunks.some((c) => c.x0 >= g.valueStart - 0.5 && !c.numeric)) cand.push(...l.chunks);
      // (A line with words over the value columns is a header line, never part of a row.)
    }
    const idx = new Map(cand.map((c, i) => [c, i]));
    const sets = new Sets(cand.length);
    // Row-group labels printed one character per line: one block, whatever lines they fell on.
    const vertical = new Set<Chunk>();
    for (const run of verticalRuns(cand)) {
      for (const c of run) {
        vertical.add(c);
        sets.union(idx.get(c)!, idx.get(run[0])!);
      }
    }
    const anchorOfSet = new Map<number, Line>();
    for (const c of cand) if (c.line.anchor && !vertical.has(c)) anchorOfSet.set(idx.get(c)!, c.line);
    // A row whose label wrapped onto two lines with its figures centred between them (行政规范性文
    // | 46 34 0 | 件) has no label in that column on its own line: the pieces just above and
    // below it, as far from it either way, are its label — never the rest of the row above's.
    for (const row of g.anchors) {
      const h = row.h;
      const near = (c: Chunk, side: 1 | -1) => !c.line.anchor && !vertical.has(c) && side * (c.line.cy - row.cy) > 0 && side * (c.line.cy - row.cy) <= 1.7 * h;
      for (const up of cand.filter((c) => near(c, 1)))
        for (const down of cand.filter((c) => near(c, -1))) {
          if (overlap(up, down) <= 0 || Math.abs(up.line.cy - row.cy - (row.cy - down.line.cy)) > 0.6 * h) continue;
          // (A group label down the side may stand on the row's line; its own label column may not.)
          const span = { x0: Math.min(up.x0, down.x0), x1: Math.max(up.x1, down.x1) };
          if (cand.some((c) => c.line === row && overlap(c, span) > 0)) continue;
          const [ru, rd] = [sets.find(idx.get(up)!), sets.find(idx.get(down)!)];
          if (anchorOfSet.has(ru) || anchorOfSet.has(rd)) continue;
          sets.union(ru, rd);
          anchorOfSet.set(sets.find(ru), row);
        }
    }
    // Link chunks of the same column on adjacent lines at line pitch (a wrapped cell),
    // closest pairs first, so a line between two rows joins the row it is nearer to.
    const pairs: { a: Chunk; b: Chunk; d: number }[] = [];
    const linkable = cand.filter((c) => !vertical.has(c)).sort((a, b) => b.y - a.y);
    for (let i = 0; i < linkable.length; i++) {
      const a = linkable[i];
      for (let j = i + 1; j < linkable.length; j++) {
        const b = linkable[j];
        const d = a.y - b.y;
        if (d > 3 * Math.max(a.h, b.h)) break;
        if (a.line === b.line || overlap(a, b) <= 0 || d > 2.3 * Math.min(a.h, b.h) || ruledApart(a, b, p.hRules)) continue;
        pairs.push({ a, b, d });
      }
    }
    pairs.sort((p, q) => p.d - q.d);
    for (const { a, b } of pairs) {
      const ra = sets.find(idx.get(a)!);
      const rb = sets.find(idx.get(b)!);
      if (ra === rb) continue;
      const la = anchorOfSet.get(ra);
      const lb = anchorOfSet.get(rb);
      // Never join the labels of two different rows.
      if (la && lb && la !== lb) continue;
      sets.union(ra, rb);
      const root = sets.find(ra);
      if (la ?? lb) anchorOfSet.set(root, (la ?? lb)!);
    }
    const members = new Map<number, Chunk[]>();
    cand.forEach((c, i) => {
      const r = sets.find(i);
      members.set(r, [...(members.get(r) ?? []), c]);
    });
    for (const [root, chunks] of members) {
      let anchor = anchorOfSet.get(root);
      if (!anchor) {
        const lo = Math.min(...chunks.map((c) => c.y)) - 0.25 * hMed;
        const hi = Math.max(...chunks.map((c) => c.y + c.h)) + 0.25 * hMed;
        // The first row (topmost) the block spans: a row-spanning cell sits at its origin.
        anchor = g.anchors.filter((a) => a.cy >= lo && a.cy <= hi).sort((a, b) => b.cy - a.cy)[0];
        // A vertical label that spans no row centre still must not vanish from its own row.
        anchor ??= chunks.filter((c) => c.line.anchor).sort((a, b) => b.line.cy - a.line.cy)[0]?.line;
      }
      if (anchor) for (const c of chunks) attachedTo.set(c, anchor);
    }
  }

  const entries: Entry[] = [];
  const rowChunks = new Map<Line, Chunk[]>();
  for (const [c, a] of attachedTo) rowChunks.set(a, [...(rowChunks.get(a) ?? []), c]);
  for (const l of p.lines) {
    const g = groupOf.get(l);
    if (g) {
      entries.push({ kind: 'row', cy: l.cy, cells: rowCells(g, l, rowChunks.get(l) ?? [], p.height), group: g.id });
      continue;
    }
    const rest = l.chunks.filter((c) => !attachedTo.has(c));
    if (rest.length === 0) continue;
    const view: Line = { ...l, chunks: rest };
    entries.push({ kind: 'line', cy: l.cy, text: lineText(view), pos: { x: rest[0].x0, yTop: p.height - (rest[0].y + rest[0].h) } });
  }
  entries.push(...p.grids);
  entries.sort((a, b) => b.cy - a.cy);
  return entries;
}

/**
 * Whether a rule drawn across both chunks lies between them (a above b): a table ruled between
 * its rows only, where a line under a row parts its label from the next row's (or from a
 * heading row such as 第二十条第（五）项 spanning the table), however close the lines are. An
 * underline, just under its words, is no such rule.
 */
function ruledApart(a: Chunk, b: Chunk, rules: Rule[] | undefined): boolean {
  if (!rules?.length) return false;
  const lo = b.y + 0.5 * b.h;
  const hi = a.y - 0.2 * a.h;
  const x0 = Math.max(a.x0, b.x0);
  const x1 = Math.min(a.x1, b.x1);
  return rules.some((r) => r.at > lo && r.at < hi && r.from <= x0 + 0.5 && r.to >= x1 - 0.5);
}

/**
 * Runs of one or two characters (no digits) stacked in one column at line pitch, three or
 * more: text printed vertically, one character per line.
 */
function verticalRuns(cand: Chunk[]): Chunk[][] {
  const singles = cand
    .filter((c) => {
      const t = c.text.replace(/\s+/g, '');
      return t.length >= 1 && t.length <= 2 && !/[0-9０-９]/.test(t);
    })
    .sort((a, b) => a.x0 - b.x0 || b.y - a.y);
  const runs: Chunk[][] = [];
  const used = new Set<Chunk>();
  for (const start of singles) {
    if (used.has(start)) continue;
    const col = singles.filter((c) => !used.has(c) && Math.abs(c.x0 - start.x0) <= 1).sort((a, b) => b.y - a.y);
    let run: Chunk[] = [];
    // The top of a run directly under longer words of its column, at line pitch, not starting
    // a label (三、 （五）): the wrapped end of those words (…信息公开申请 | 数量), not the
    // first character of a label printed down the side.
    const tailOfAbove = (c: Chunk) =>
      !/^[一二三四五六七八九十（(]/.test(c.text) && cand.some((o) => o.text.replace(/\s+/g, '').length > 2 && overlap(o, c) > 0 && o.y > c.y && o.y - c.y <= 2.5 * Math.min(o.h, c.h));
    const flush = () => {
      while (run.length > 3 && tailOfAbove(run[0])) run.shift();
      if (run.length >= 3) {
        runs.push(run);
        for (const c of run) used.add(c);
      }
      run = [];
    };
    for (const c of col) {
      const prev = run.at(-1);
      const pitch = prev ? prev.y - c.y : 0;
      const h = prev ? Math.min(prev.h, c.h) : c.h;
      if (prev && !(pitch >= 0.8 * h && pitch <= 2.5 * h)) flush();
      run.push(c);
    }
    flush();
    for (const c of col) used.add(c);
  }
  return runs;
}

/** Cells of one table row: label blocks (left of the value area), then one cell per column. */
function rowCells(g: Group, anchor: Line, attached: Chunk[], pageHeight: number): { text: string; x: number; yTop: number; wrapped?: string }[] {
  const own = anchor.chunks.filter((c) => !(c.x1 <= g.valueStart + 0.5 && c.x0 < g.valueStart - 0.5));
  const all = [...attached, ...own];
  // Label side: one cell per block (attached chunks of the same column, top to bottom).
  const labelChunks = all.filter((c) => c.x0 < g.valueStart - 0.5);
  const valueChunks = all.filter((c) => c.x0 >= g.valueStart - 0.5);
  const labelBlocks: Chunk[][] = [];
  for (const c of [...labelChunks].sort((a, b) => a.x0 - b.x0)) {
    const blk = labelBlocks.find((b) => b.some((x) => overlap(x, c) > 0));
    if (blk) blk.push(c);
    else labelBlocks.push([c]);
  }
  const cells: { text: string; x: number; yTop: number; wrapped?: string }[] = [];
  const cellOf = (chunks: Chunk[]) => {
    const sorted = [...chunks].sort((a, b) => b.line.cy - a.line.cy || a.x0 - b.x0);
    let text = '';
    let prev: Chunk | null = null;
    for (const c of sorted) {
      if (prev) text += prev.line === c.line ? ' ' : /[A-Za-z0-9]$/.test(text) && /^[A-Za-z]/.test(c.text) ? ' ' : '';
      text += c.text;
      prev = c;
    }
    const first = sorted[0];
    return { text, x: Math.min(...chunks.map((c) => c.x0)), yTop: pageHeight - (first.y + first.h) };
  };
  for (const b of labelBlocks.sort((a, b2) => Math.min(...a.map((c) => c.x0)) - Math.min(...b2.map((c) => c.x0)))) cells.push(cellOf(b));
  const perCol: Chunk[][] = g.columns.map(() => []);
  for (const c of valueChunks) perCol[columnOf(g.columns, c)]?.push(c);
  perCol.forEach((chunks, i) => {
    const wrapped = chunks.find((c) => c.wrapped)?.wrapped;
    if (wrapped) cells.push({ ...cellOf(chunks), text: '', wrapped });
    else if (chunks.length) cells.push(cellOf(chunks));
    else cells.push({ text: '', x: g.columns[i].x0, yTop: pageHeight - (anchor.cy + anchor.h / 2) });
  });
  return cells;
}

// ---------------------------------------------------------------- ruled tables

function opCodes(pdfjs: PdfJs): OpCodes {
  const O = pdfjs.OPS as Record<string, number>;
  return {
    save: O.save, restore: O.restore, transform: O.transform, constructPath: O.constructPath,
    paintFormXObjectBegin: O.paintFormXObjectBegin, paintFormXObjectEnd: O.paintFormXObjectEnd,
    stroke: O.stroke, closeStroke: O.closeStroke, fill: O.fill, eoFill: O.eoFill, fillStroke: O.fillStroke,
    eoFillStroke: O.eoFillStroke, closeFillStroke: O.closeFillStroke, closeEOFillStroke: O.closeEOFillStroke,
  };
}

/** Width of a character relative to the font size: ideographs are square, the rest about half. */
export function charWidth(ch: string): number {
  return /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1 : 0.5;
}

/**
 * An item whose extent crosses a column rule (a generator that wrote several cells' text as
 * one run) is cut at its spaces, each word placed by its estimated position.
 */
function piecesOf(it: Item, t: RuledTable): Item[] {
  const mid = it.y + 0.35 * it.h;
  const a = cellIndexAt(t, it.x0 + 1, mid);
  const b = cellIndexAt(t, it.x1 - 1, mid);
  if (a === b || !/\S\s+\S/.test(it.s)) return [it];
  const chars = [...it.s];
  const total = chars.reduce((s, c) => s + charWidth(c), 0) || 1;
  const scale = (it.x1 - it.x0) / total;
  const out: Item[] = [];
  let x = it.x0;
  let word = '';
  let wx = x;
  for (const c of chars) {
    if (/\s/.test(c)) {
      if (word) out.push({ s: word, x0: wx, x1: x, y: it.y, h: it.h });
      word = '';
      x += charWidth(c) * scale;
      wx = x;
      continue;
    }
    if (!word) wx = x;
    word += c;
    x += charWidth(c) * scale;
  }
  if (word) out.push({ s: word, x0: wx, x1: x, y: it.y, h: it.h });
  return out;
}

/**
 * Text of one cell: its lines top to bottom, run together (a wrapped label is one label,
 * digits wrapped in a narrow cell one number). Words apart on one line keep a space, so
 * two figures in one cell never fuse into one.
 */
function cellText(items: Item[]): string {
  let text = '';
  for (const l of toLines(items)) {
    let line = '';
    for (const c of l.chunks) {
      if (line && /[A-Za-z0-9.%]$/.test(line) && /^[A-Za-z0-9]/.test(c.text)) line += ' ';
      line += c.text;
    }
    if (text && /[A-Za-z%]$/.test(text) && /^[A-Za-z0-9]/.test(line)) text += ' ';
    text += line;
  }
  return text.trim();
}

/** Items inside ruled tables go to the cell containing their centre; the rest stay page text. */
function placeInRuledTables(items: Item[], tables: RuledTable[], pageHeight: number): { grids: GridEntry[]; rest: Item[] } {
  const perCell: Item[][][] = tables.map((t) => t.cells.map(() => []));
  const rest: Item[] = [];
  for (const it of items) {
    const mid = it.y + 0.35 * it.h;
    const ti = tables.findIndex((t) => cellIndexAt(t, (it.x0 + it.x1) / 2, mid) >= 0);
    if (ti < 0) {
      rest.push(it);
      continue;
    }
    for (const piece of piecesOf(it, tables[ti])) {
      const ci = cellIndexAt(tables[ti], (piece.x0 + piece.x1) / 2, mid);
      if (ci >= 0) perCell[ti][ci].push(piece);
      else rest.push(piece);
    }
  }
  const grids: GridEntry[] = [];
  tables.forEach((t, ti) => {
    const texts = t.cells.map((_, ci) => cellText(perCell[ti][ci]));
    // Drawn boxes with no text (a decorative frame, a signature box) are no table.
    if (texts.every((x) => x === '')) return;
    const rows: GridEntry['rows'] = [];
    for (let r = 0; r < t.ys.length - 1; r++) {
      const row: GridEntry['rows'][number] = [];
      t.cells.forEach((c, ci) => {
        if (c.row !== r) return;
        const first = perCell[ti][ci].sort((p, q) => q.y - p.y || p.x0 - q.x0)[0];
        row.push({ text: texts[ci], x: first ? first.x0 : c.x0, yTop: pageHeight - (first ? first.y + first.h : c.y1), rowSpan: c.rowSpan, colSpan: c.colSpan });
      });
      rows.push(row.sort((p, q) => p.x - q.x));
    }
    grids.push({ kind: 'grid', cy: t.y1, rows });
  });
  return { grids, rest };
}

// ---------------------------------------------------------------- document

const r1 = (n: number) => Math.round(n * 10) / 10;

/** PDF date `D:20250225100250+08'00'` → ISO 8601. */
export function pdfDateToIso(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', hh, mi, ss] = m;
  if (!hh) return `${y}-${mo}-${d}`;
  const time = `${hh}:${mi ?? '00'}:${ss ?? '00'}`;
  const tz = m[7] ? 'Z' : m[8] ? `${m[8]}${m[9]}:${m[10] ?? '00'}` : '';
  return `${y}-${mo}-${d}T${time}${tz}`;
}

function errorName(e: unknown): string {
  return e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : '';
}

export async function readPdf(buf: Uint8Array, name: string, opts: { image?: boolean } = {}): Promise<SourceDocument> {
  const pdfjs = await loadPdfJs();
  const readIssues: ReadIssue[] = [];
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  const task = pdfjs.getDocument({
    data: new Uint8Array(buf),
    useSystemFonts: false,
    disableFontFace: false,
    ownerDocument: documentForFonts(),
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    if (errorName(e) === 'PasswordException')
      throw new ReadFailure('encrypted', `PDF 文件“${name}”已加密，需要密码才能打开，无法读取其中的文字。请向发布机关索取未加密的版本，或用密码打开后另存为不加密的 PDF 再上传。`);
    throw new ReadFailure('corrupt', `PDF 文件“${name}”已损坏或不完整（${e instanceof Error ? e.message : String(e)}），无法打开。请重新下载该文件，或在 PDF 阅读器中确认能正常打开。`);
  }
  try {
    return await readOpened(pdfjs, doc, name, readIssues, buf, opts.image === true);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

async function readOpened(pdfjs: PdfJs, doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>, name: string, readIssues: ReadIssue[], buf: Uint8Array, image: boolean): Promise<SourceDocument> {
  const hints: SourceDocument['hints'] = {};
  try {
    const meta = await doc.getMetadata();
    const created = pdfDateToIso((meta.info as Record<string, unknown> | undefined)?.CreationDate);
    if (created) hints.createdAt = created;
  } catch {
    // Metadata is optional.
  }
  const numPages = Math.min(doc.numPages, LIMITS.maxPdfPages);
  if (doc.numPages > LIMITS.maxPdfPages)
    readIssues.push({ code: 'too-many-pages', message: `PDF 共 ${doc.numPages} 页，超过上限 ${LIMITS.maxPdfPages} 页，只读取了前 ${LIMITS.maxPdfPages} 页；之后各页的内容没有读取。年度报告通常不超过 30 页，请确认文件是否正确。` });

  const pages: PageText[] = [];
  const failedPages: number[] = [];
  let rotatedItems = 0;
  for (let n = 1; n <= numPages; n++) {
    try {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const tc = await page.getTextContent();
      const { items, rotated } = toItems(tc.items);
      rotatedItems += rotated;
      // Shift to the page origin so x/y are relative to the visible page.
      for (const it of items) {
        it.x0 -= x0;
        it.x1 -= x0;
        it.y -= y0;
      }
      const chars = items.reduce((s, it) => s + it.s.replace(/\s+/g, '').length, 0);
      let lines = toLines(items);
      let grids: GridEntry[] = [];
      let hRules: Rule[] | undefined;
      // Drawn rules are looked for only on pages with figures in rows (the operator list costs
      // about as much as the text).
      if (lines.some((l) => l.anchor)) {
        const ol = await page.getOperatorList();
        const rules = rulesFromOps(ol.fnArray, ol.argsArray, opCodes(pdfjs));
        hRules = rules.h.map((r) => ({ at: r.at - y0, from: r.from - x0, to: r.to - x0 }));
        // Tables ruled between rows only: their column rules put back from the words.
        const synthetic = columnRulesFromWords(rules, items);
        const tables = findRuledTables(synthetic.length ? { h: rules.h, v: [...rules.v, ...synthetic] } : rules);
        if (tables.length) {
          const placed = placeInRuledTables(items, tables, y1 - y0);
          grids = placed.grids;
          if (grids.length) lines = toLines(placed.rest);
        }
      }
      pages.push({ page: n, width: x1 - x0, height: y1 - y0, lines, grids, chars, hRules });
      page.cleanup();
    } catch {
      failedPages.push(n);
      pages.push({ page: n, width: 0, height: 0, lines: [], grids: [], chars: 0 });
    }
  }
  if (failedPages.length === numPages)
    throw new ReadFailure('corrupt', `PDF 文件“${name}”已损坏：${numPages} 页中没有一页能够读取。请重新下载该文件，或在 PDF 阅读器中确认能正常打开。`);
  if (failedPages.length)
    readIssues.push({ code: 'pdf-page-unreadable', message: `PDF 第 ${failedPages.join('、')} 页已损坏，无法读取，这些页上的内容（可能包括统计表）没有读取。`, pos: { page: failedPages[0] } });

  // Scanned pages: (almost) no text but an image. Images are looked for only on those pages;
  // a page with a line of text and no image is a short text page, not a scan. They are read
  // by OCR (ocr/) where it is installed; the text pages of a mixed PDF stay text.
  const totalChars = pages.reduce((s, p) => s + p.chars, 0);
  const sparse = pages.filter((p) => p.chars < 20 && !failedPages.includes(p.page));
  const imagePages: number[] = [];
  for (const p of sparse) if (await hasImages(pdfjs, doc, p.page)) imagePages.push(p.page);
  // No text at all and no image either (glyphs drawn as outlines, or nothing): nothing to read.
  if (totalChars === 0 && imagePages.length === 0)
    throw new ReadFailure('scanned-pdf', `PDF 文件“${name}”没有文字层，也不是扫描件（没有图片，文字可能被转成了图形），OCR（文字识别）也无法读取。请使用发布机关网站上的网页版或可复制文字的 PDF/Word 版本。`);
  if (imagePages.length) {
    const ocr = await import('./ocr/tesseract.js');
    const what = image ? '是图片' : imagePages.length === pages.length ? '是扫描件，没有文字层' : `第 ${imagePages.join('、')} 页是扫描图片，没有文字层`;
    if (!ocr.ocrAvailability().ok) {
      if (imagePages.length === pages.length || totalChars < 30) throw ocr.needsOcr(name, what);
      readIssues.push({ code: 'scanned-pages', message: `${ocr.needsOcr(name, what).message} 这些页上的内容（可能包括统计表）没有读取。`, pos: { page: imagePages[0] } });
    } else {
      const { ocrPdfPages } = await import('./ocr/scan.js');
      let read;
      try {
        read = await ocrPdfPages(buf, imagePages, name);
      } catch (e) {
        throw new ReadFailure('ocr-failed', `“${name}”${what}，文字识别（OCR）失败：${e instanceof Error ? e.message : String(e)}。请确认文件能正常打开，或改用可复制文字的版本。`);
      }
      for (const [n, r] of read) {
        const p = pages.find((x) => x.page === n)!;
        // Page numbers in the margins are no prose (as on text pages).
        p.ocr = r.entries.filter((e) => !(e.kind === 'line' && (e.cy < p.height * 0.12 || e.cy > p.height * 0.88) && PAGE_NUMBER.some((re) => re.test(e.text.trim()))));
        p.dpi = r.dpi;
        p.lines = [];
        p.grids = [];
        for (const e of r.entries)
          if (e.kind === 'grid')
            for (const row of e.rows)
              for (const c of row)
                if (c.doubt)
                  readIssues.push({
                    code: 'ocr-unreadable',
                    message: `扫描件第 ${n} 页像素区域（${c.box.join(', ')}，${r.dpi} dpi）内的数字无法可靠识别${c.doubt.length ? `（可能是 ${c.doubt.join(' 或 ')}）` : ''}，已留空。请对照原件核对该单元格。`,
                    pos: { page: n, x: r1(c.x), y: r1(c.yTop), box: c.box, dpi: r.dpi },
                  });
      }
      // A section heading wrapped across a page break: its two lines are one heading.
      const { joinHeadingAcrossPages } = await import('./ocr/page.js');
      for (const p of pages) {
        const q = pages.find((x) => x.page === p.page + 1);
        if (p.ocr && q?.ocr) joinHeadingAcrossPages(p.ocr, q.ocr);
      }
    }
  }
  if (rotatedItems > 0 && rotatedItems > totalChars / 20)
    readIssues.push({ code: 'rotated-text', message: `PDF 中有 ${rotatedItems} 段旋转排列的文字未读取（可能是横向页面或竖排文字）。` });
  return documentFromPages(pages, 'pdf', hints, readIssues);
}

/**
 * Pages of positioned text (lines, ruled grids, OCR entries) → a document: running headers
 * dropped, lines and table rows in reading order. Shared by the PDF reader and by HTML that
 * is a PDF's text layer with positions (pdftohtml, mutool).
 */
export function documentFromPages(pages: PageText[], format: SourceDocument['format'], hints: SourceDocument['hints'], readIssues: ReadIssue[]): SourceDocument {
  // A font without a map to Unicode (a PDF re-distilled, some producers' subset fonts) turns its
  // characters into others: the labels read as garbage (ÿ二Ā部分公开), and figures set in such a
  // font could read as other figures. Said once, with the pages, so that the reviewer checks
  // them against the printed page.
  const garbledPages = pages.filter((p) => {
    const text = p.lines.map((l) => l.items.map((it) => it.s).join('')).join('') + p.grids.map((g) => g.rows.map((r) => r.map((c) => c.text).join('')).join('')).join('');
    return (text.match(GARBLED_ALL) ?? []).length >= 3;
  });
  if (garbledPages.length)
    readIssues.push({ code: 'garbled-text', message: `PDF 第 ${garbledPages.map((p) => p.page).join('、')} 页的文字层有字符无法正确转换（字体缺少到 Unicode 的映射），这些字读出来是乱码（如“ÿ”“Ā”）；行名因此与规定格式不符的，不作为报告的错误报告。请对照原件核对这些页上的数字。`, pos: { page: garbledPages[0].page } });

  dropRunning(pages);
  let gid = 0;
  const nextId = () => ++gid;

  const blocks: Block[] = [];
  const lines: string[] = [];
  let lastTable: { block: Extract<Block, { kind: 'table' }>; group: number } | null = null;
  for (const p of pages) {
    for (const e of p.ocr ?? layoutPage(p, nextId)) {
      const lineNo = lines.length + 1;
      if (e.kind === 'grid') {
        const block: Extract<Block, { kind: 'table' }> = { kind: 'table', rows: [], pos: { page: p.page, line: lineNo, column: 1 } };
        for (const r of e.rows) {
          const ln = lines.length + 1;
          let column = 1;
          block.rows.push(
            r.map((c) => {
              const cell: GridCell = { text: c.text, pos: { page: p.page, x: r1(c.x), y: r1(c.yTop), line: ln, column, length: c.text.length } };
              if (c.box) Object.assign(cell.pos, { box: c.box, dpi: p.dpi });
              if (c.doubt) cell.candidates = c.doubt;
              if (c.alts) cell.alternatives = c.alts;
              if (c.rowSpan > 1) cell.rowSpan = c.rowSpan;
              if (c.colSpan > 1) cell.colSpan = c.colSpan;
              column += c.text.length + 1;
              return cell;
            }),
          );
          lines.push(r.map((c) => c.text).join('\t'));
        }
        if (block.rows[0]?.[0]) block.pos = { ...block.rows[0][0].pos, column: 1 };
        blocks.push(block);
        lastTable = null;
        continue;
      }
      if (e.kind === 'line') {
        lines.push(e.text);
        blocks.push({ kind: 'paragraph', text: e.text, pos: { page: p.page, x: r1(e.pos.x), y: r1(e.pos.yTop), line: lineNo, column: 1, ...(e.box ? { box: e.box, dpi: p.dpi } : {}) } });
        lastTable = null;
        continue;
      }
      lines.push(e.cells.map((c) => c.text).join('\t'));
      let column = 1;
      const row: GridCell[] = e.cells.map((c) => {
        const pos: SourcePos = { page: p.page, x: r1(c.x), y: r1(c.yTop), line: lineNo, column, length: c.text.length };
        column += c.text.length + 1;
        if (c.wrapped === undefined) return { text: c.text, pos };
        readIssues.push({ code: 'figure-wrapped', message: `PDF 第 ${p.page} 页表格中一个数字在窄单元格里折成了两行（读作“${c.wrapped}”），也可能是上下两行各自的数字；表内勾稽关系不能唯一确定时按空白处理。请对照原件核对该单元格。`, pos: { page: p.page, x: pos.x, y: pos.y } });
        return { text: '', pos, candidates: [c.wrapped] };
      });
      if (lastTable && lastTable.group === e.group) lastTable.block.rows.push(row);
      else {
        const block: Extract<Block, { kind: 'table' }> = { kind: 'table', rows: [row], pos: { ...row[0].pos, column: 1 }, layout: true };
        blocks.push(block);
        lastTable = { block, group: e.group };
      }
    }
  }
  joinRowsBrokenAcrossPages(blocks);
  for (const b of blocks) if (b.kind === 'table' && b.layout) b.rows = withoutEmptyColumns(b.rows);
  // Columns laid out from runs placed partly by estimate (positioned HTML has no widths) do not
  // tell where an empty cell is: the row keeps its text cells only, and a row short of figures
  // is read as text is (the table's identities, or unreadable).
  if (format !== 'pdf') for (const b of blocks) if (b.kind === 'table' && b.layout) b.rows = b.rows.map((r) => r.filter((c) => c.text.trim() !== ''));
  return { format, blocks, lines, hints, readIssues };
}

/**
 * A table laid out from words (no ruled grid) whose rows of figures all hold an empty cell at
 * the same place among their figures (a column boundary from another table's figures, or cell
 * borders that do not line up): no column of the table. Read by it, a row's blank would take a
 * column the row's figures never had. Places are counted from the row's end, in the rows of
 * the usual width; a column blank in every row goes too (its rows are then short, and
 * unreadable, never shifted).
 */
export function withoutEmptyColumns(rows: GridCell[][]): GridCell[][] {
  const isFigure = (c: GridCell) => FIGURE.test(c.text.trim());
  const figureRows = new Set(rows.filter((r) => r.filter(isFigure).length >= 2));
  const widths = new Map<number, number>();
  for (const r of figureRows) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
  const [width, count] = [...widths.entries()].sort((x, y) => y[1] - x[1])[0] ?? [0, 0];
  if (count < 3) return rows;
  const usual = [...figureRows].filter((r) => r.length === width);
  const phantom = new Set<number>();
  for (let i = 1; i < width - 1; i++) {
    // Between figures: some row has a figure on each side of the place.
    const between = usual.some((r) => r.slice(0, r.length - 1 - i).some(isFigure) && r.slice(r.length - i).some(isFigure));
    if (between && usual.every((r) => r[r.length - 1 - i].text.trim() === '' && !r[r.length - 1 - i].candidates && (r[r.length - 1 - i].colSpan ?? 1) === 1)) phantom.add(i);
  }
  if (phantom.size === 0) return rows;
  return rows.map((r) => (r.length === width && figureRows.has(r) ? r.filter((_, j) => !phantom.has(r.length - 1 - j)) : r));
}

/**
 * A table row broken across a page (Word and LibreOffice let rows break by default): the next
 * page's grid starts with the rest of the row's label, alone in a cell of the label's column,
 * the row's other cells empty. That piece goes back to the label it continues; read alone, the
 * row's figures would have a label too short to name it and the piece a row without figures.
 */
function joinRowsBrokenAcrossPages(blocks: Block[]): void {
  for (let i = 0; i < blocks.length; i++) {
    const a = blocks[i];
    if (a.kind !== 'table' || a.layout) continue;
    // The next grid, past the page's foot (a page number) only.
    let j = i + 1;
    while (j < blocks.length && blocks[j].kind === 'paragraph' && (blocks[j] as { text: string }).text.trim().length <= 12) j++;
    const b = blocks[j];
    if (!b || b.kind !== 'table' || b.layout) continue;
    const last = a.rows.at(-1);
    const first = b.rows[0];
    if (!last?.length || !first?.length || first[0].pos.page !== (last[0].pos.page ?? -1) + 1) continue;
    const pieces = first.filter((c) => c.text.trim() !== '');
    if (pieces.length !== 1 || FIGURE.test(pieces[0].text.trim()) || (pieces[0].colSpan ?? 1) > 1) continue;
    const label = [...last].reverse().find((c) => c.text.trim() !== '' && !FIGURE.test(c.text.trim()));
    if (!label || !last.some((c) => FIGURE.test(c.text.trim()))) continue;
    // In the label's column: the piece starts where the label does.
    if (label.pos.x === undefined || pieces[0].pos.x === undefined || Math.abs(label.pos.x - pieces[0].pos.x) > 12) continue;
    label.text += pieces[0].text.trim();
    b.rows.shift();
    if (b.rows.length === 0) blocks.splice(j, 1);
  }
}

async function hasImages(pdfjs: PdfJs, doc: { getPage(n: number): Promise<{ getOperatorList(): Promise<{ fnArray: number[] }> }> }, n: number): Promise<boolean> {
  try {
    const ops = await (await doc.getPage(n)).getOperatorList();
    const O = pdfjs.OPS as Record<string, number>;
    const imageOps = new Set(['paintImageXObject', 'paintInlineImageXObject', 'paintImageMaskXObject', 'paintImageXObjectRepeat', 'paintImageMaskXObjectRepeat', 'paintImageMaskXObjectGroup', 'paintInlineImageXObjectGroup', 'paintJpegXObject', 'paintSolidColorImageMask'].map((k) => O[k]).filter((v) => v !== undefined));
    return ops.fnArray.some((f) => imageOps.has(f));
  } catch {
    return false;
  }
}

registerReader('pdf', readPdf);
