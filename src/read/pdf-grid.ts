/**
 * Ruled tables of a PDF page, from the lines the page draws.
 *
 * Official tables are fully ruled, and a cell's rectangle is the only reliable way to say
 * which figure belongs to which row: figures vertically centred in a tall row, a label
 * wrapped over three lines, a figure pushed below its baseline by spaces all stay inside
 * their cell's rectangle, while their baselines say little. So: drawn segments → grid lines
 * → elementary cells → cells merged where the separating rule is missing (rowspan/colspan)
 * → each text item to the cell that contains its centre.
 *
 * Pure: works on pdf.js's operator list (numbers) and text items; coordinates are PDF user
 * space (points, y up from the bottom of the page).
 */

/** A horizontal (y fixed) or vertical (x fixed) rule: `at` is the fixed coordinate, [from, to] its extent. */
export interface Rule {
  at: number;
  from: number;
  to: number;
}

export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` applied first, then `ctm` (PDF `cm` semantics). */
function compose(ctm: Matrix, m: Matrix): Matrix {
  const [a, b, c, d, e, f] = ctm;
  return [m[0] * a + m[1] * c, m[0] * b + m[1] * d, m[2] * a + m[3] * c, m[2] * b + m[3] * d, m[4] * a + m[5] * c + e, m[4] * b + m[5] * d + f];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Thinner than this (points) a filled rectangle is a rule, not a shaded area. */
const THIN = 3;
/** Rules shorter than this are glyph parts or ticks, not table borders. */
const MIN_RULE = 4;

/**
 * Every axis-aligned rule the page strokes or fills (a thin filled rectangle is a rule too),
 * in page coordinates. Curves, clip paths and shaded areas are ignored.
 */
export function rulesFromOps(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, ops: OpCodes): { h: Rule[]; v: Rule[] } {
  const h: Rule[] = [];
  const v: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const strokeOps = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fillOps = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const addSeg = (x0: number, y0: number, x1: number, y1: number) => {
    if (Math.abs(y0 - y1) < 0.5 && Math.abs(x1 - x0) >= MIN_RULE) h.push({ at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
    else if (Math.abs(x0 - x1) < 0.5 && Math.abs(y1 - y0) >= MIN_RULE) v.push({ at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.transform) ctm = compose(ctm, argsArray[i] as Matrix);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = (argsArray[i] as [Matrix | null])[0];
      if (m) ctm = compose(ctm, m);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.constructPath) {
      const [drawOp, data] = argsArray[i] as [number, [ArrayLike<number> | null]];
      const stroked = strokeOps.has(drawOp);
      const filled = fillOps.has(drawOp);
      if (!stroked && !filled) continue;
      // Rotated or skewed drawing: not a table of this report.
      if (Math.abs(ctm[1]) > 1e-3 * Math.abs(ctm[0]) + 1e-6 || Math.abs(ctm[2]) > 1e-3 * Math.abs(ctm[3]) + 1e-6) continue;
      const path = data?.[0];
      if (!path || typeof (path as ArrayLike<number>).length !== 'number') continue;
      for (const sub of subpaths(path)) {
        const pts = sub.map(([x, y]) => apply(ctm, x, y));
        if (stroked) for (let k = 1; k < pts.length; k++) addSeg(pts[k - 1][0], pts[k - 1][1], pts[k][0], pts[k][1]);
        if (filled) {
          // A border drawn as a thin polygon is a rule whatever its corners: browsers mitre
          // each side of a cell border into a trapezoid.
          const box = axisRect(pts) ?? thinBox(pts);
          if (!box) continue;
          const [x0, y0, x1, y1] = box;
          if (y1 - y0 <= THIN && x1 - x0 >= MIN_RULE) h.push({ at: (y0 + y1) / 2, from: x0, to: x1 });
          else if (x1 - x0 <= THIN && y1 - y0 >= MIN_RULE) v.push({ at: (x0 + x1) / 2, from: y0, to: y1 });
        }
      }
    }
  }
  return { h: mergeRules(h), v: mergeRules(v) };
}

/** pdf.js path data (DrawOPS: 0 moveTo, 1 lineTo, 2 curveTo, 3 quadraticCurveTo, 4 closePath) → polylines; curves break them. */
function subpaths(d: ArrayLike<number>): [number, number][][] {
  const out: [number, number][][] = [];
  let cur: [number, number][] = [];
  const flush = () => {
    if (cur.length > 1) out.push(cur);
    cur = [];
  };
  for (let i = 0; i < d.length; ) {
    const op = d[i];
    if (op === 0) {
      flush();
      cur.push([d[i + 1], d[i + 2]]);
      i += 3;
    } else if (op === 1) {
      cur.push([d[i + 1], d[i + 2]]);
      i += 3;
    } else if (op === 2) {
      flush();
      cur.push([d[i + 5], d[i + 6]]);
      i += 7;
    } else if (op === 3) {
      flush();
      cur.push([d[i + 3], d[i + 4]]);
      i += 5;
    } else if (op === 4) {
      if (cur.length > 1) cur.push(cur[0]);
      const start = cur[0];
      flush();
      if (start) cur.push(start);
      i += 1;
    } else break;
  }
  flush();
  return out;
}

/** The bounding box of a polygon no thicker than a rule, else null. */
function thinBox(pts: [number, number][]): [number, number, number, number] | null {
  if (pts.length < 3 || pts.length > 8) return null;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  return (x1 - x0 <= THIN && y1 - y0 >= MIN_RULE) || (y1 - y0 <= THIN && x1 - x0 >= MIN_RULE) ? [x0, y0, x1, y1] : null;
}

/** The box of a closed axis-aligned rectangle (4 corners, maybe repeated), else null. */
function axisRect(pts: [number, number][]): [number, number, number, number] | null {
  if (pts.length < 4 || pts.length > 6) return null;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const onEdge = pts.every(([x, y]) => (Math.abs(x - x0) < 0.5 || Math.abs(x - x1) < 0.5) && (Math.abs(y - y0) < 0.5 || Math.abs(y - y1) < 0.5));
  return onEdge ? [x0, y0, x1, y1] : null;
}

/**
 * Rules this close (pt) are one rule: a web page printed with its cells' borders apart
 * (border-spacing, <table border=1> without cellspacing=0) draws each cell's own box, 2–3 pt
 * from its neighbour's. No column or row is that narrow.
 */
const TOL = 3.5;

/** Collinear rules that overlap or nearly touch become one. */
function mergeRules(rules: Rule[]): Rule[] {
  const sorted = [...rules].sort((a, b) => a.at - b.at || a.from - b.from);
  const lanes: Rule[][] = [];
  for (const r of sorted) {
    const lane = lanes.at(-1);
    if (lane && Math.abs(lane[0].at - r.at) <= 1) lane.push(r);
    else lanes.push([r]);
  }
  const out: Rule[] = [];
  for (const lane of lanes) {
    const at = lane.reduce((s, r) => s + r.at, 0) / lane.length;
    lane.sort((a, b) => a.from - b.from);
    let cur: Rule | null = null;
    for (const r of lane) {
      if (cur && r.from <= cur.to + TOL) cur.to = Math.max(cur.to, r.to);
      else {
        cur = { at, from: r.from, to: r.to };
        out.push(cur);
      }
    }
  }
  return out;
}

export interface RuledCell {
  /** Grid position of the cell's top-left elementary cell and its spans. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  x0: number;
  x1: number;
  /** Bottom and top (PDF y, up). */
  y0: number;
  y1: number;
}

export interface RuledTable {
  /** Column boundaries left → right. */
  xs: number[];
  /** Row boundaries top → bottom (descending y). */
  ys: number[];
  cells: RuledCell[];
  /** cellAt[r][c]: index into `cells` of the cell covering elementary cell (r, c). */
  cellAt: number[][];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}


/** Clusters of nearly equal coordinates → their means, ascending. */
function clusterCoords(values: number[], tol: number): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of s) {
    const last = out.at(-1);
    if (last && v - last[last.length - 1] <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
}

/** How much of [from, to] the rules at coordinate `at` cover (0..1). */
function coverage(rules: Rule[], at: number, from: number, to: number): number {
  let covered = 0;
  for (const r of rules) {
    if (Math.abs(r.at - at) > TOL) continue;
    covered += Math.max(0, Math.min(r.to, to) - Math.max(r.from, from));
  }
  return to > from ? covered / (to - from) : 0;
}

/**
 * Tables formed by crossing rules. A lone box (one cell: a page frame, a boxed note) is not
 * a table. Cells are merged where the rule between two elementary cells is missing.
 */
export function findRuledTables(rules: { h: Rule[]; v: Rule[] }): RuledTable[] {
  const { h, v } = rules;
  if (h.length < 2 || v.length < 2) return [];
  // Connected components of crossing (or touching) rules.
  const n = h.length + v.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let i = 0; i < h.length; i++)
    for (let j = 0; j < v.length; j++) {
      const hh = h[i], vv = v[j];
      if (vv.at >= hh.from - TOL && vv.at <= hh.to + TOL && hh.at >= vv.from - TOL && hh.at <= vv.to + TOL) parent[find(i)] = find(h.length + j);
    }
  const comps = new Map<number, { h: Rule[]; v: Rule[] }>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!comps.has(r)) comps.set(r, { h: [], v: [] });
    if (i < h.length) comps.get(r)!.h.push(h[i]);
    else comps.get(r)!.v.push(v[i - h.length]);
  }
  const tables: RuledTable[] = [];
  for (const c of comps.values()) {
    if (c.h.length < 2 || c.v.length < 2) continue;
    const t = gridOf(c.h, c.v);
    // A frame with no column rules inside is a box around text laid out in columns, not a
    // grid: its one cell per row would glue the rows' words together. (One row of cells is a
    // grid: a table's last row carried over to the next page.)
    if (t && t.cells.length >= 2 && t.xs.length >= 3) tables.push(t);
  }
  return tables.sort((a, b) => b.y1 - a.y1);
}

function gridOf(h: Rule[], v: Rule[]): RuledTable | null {
  const xs = clusterCoords(v.map((r) => r.at), TOL);
  const ys = clusterCoords(h.map((r) => r.at), TOL).reverse();
  if (xs.length < 2 || ys.length < 2) return null;
  const R = ys.length - 1;
  const C = xs.length - 1;
  // A rule is present between two elementary cells when drawn along most of their edge.
  const rightOpen = (r: number, c: number) => c + 1 < C && coverage(v, xs[c + 1], ys[r + 1], ys[r]) < 0.5;
  const bottomOpen = (r: number, c: number) => r + 1 < R && coverage(h, ys[r + 1], xs[c], xs[c + 1]) < 0.5;
  const cells: RuledCell[] = [];
  const cellAt: number[][] = Array.from({ length: R }, () => Array(C).fill(-1));
  // Merged cells as rectangles, greedily from the top-left: span right while the rule is
  // missing, then down while the rule under the whole span is missing and the next row is
  // open inside the span. Rules broken in ways no rectangle explains stay separate cells
  // rather than gluing unrelated rows together.
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      if (cellAt[r][c] !== -1) continue;
      let c1 = c;
      while (rightOpen(r, c1) && cellAt[r][c1 + 1] === -1) c1++;
      let r1 = r;
      for (;;) {
        const next = r1 + 1;
        if (next >= R) break;
        let ok = true;
        for (let k = c; k <= c1 && ok; k++) if (!bottomOpen(r1, k) || cellAt[next][k] !== -1) ok = false;
        for (let k = c; k < c1 && ok; k++) if (!rightOpen(next, k)) ok = false;
        if (!ok) break;
        r1 = next;
      }
      const idx = cells.length;
      cells.push({ row: r, col: c, rowSpan: r1 - r + 1, colSpan: c1 - c + 1, x0: xs[c], x1: xs[c1 + 1], y1: ys[r], y0: ys[r1 + 1] });
      for (let i = r; i <= r1; i++) for (let k = c; k <= c1; k++) cellAt[i][k] = idx;
    }
  return { xs, ys, cells, cellAt, x0: xs[0], x1: xs[C], y0: ys[R], y1: ys[0] };
}

/** Index of the cell of `t` that contains point (x, y), or -1 when the point is outside the table. */
export function cellIndexAt(t: RuledTable, x: number, y: number): number {
  if (x < t.x0 - 1 || x > t.x1 + 1 || y < t.y0 - 1 || y > t.y1 + 1) return -1;
  let c = 0;
  while (c < t.xs.length - 2 && x > t.xs[c + 1]) c++;
  let r = 0;
  while (r < t.ys.length - 2 && y < t.ys[r + 1]) r++;
  return t.cellAt[r][c];
}

/** A run of text on the page: its extent, baseline (PDF y, up) and height. */
export interface WordBox {
  s: string;
  x0: number;
  x1: number;
  y: number;
  h: number;
}

/** A figure, not an ordinal (1.) or a year. */
/** A word or cell that is one figure (a zero mark too). */
export const FIGURE = /^[+-]?\d[\d,，]*(?:\.\d+)?%?$|^[-—–－/／]$/;

/** The middle value (the upper one of an even count); 0 for none. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

/**
 * Columns from cell extents: narrow cells first establish columns; a cell overlapping one
 * column widens it, a cell overlapping several (a wide number) joins the best one without
 * merging them, a cell overlapping none opens a new column.
 */
export function inferColumns(cells: { x0: number; x1: number }[]): { x0: number; x1: number }[] {
  const cols: { x0: number; x1: number }[] = [];
  for (const c of [...cells].sort((a, b) => a.x1 - a.x0 - (b.x1 - b.x0))) {
    const hits = cols.filter((k) => Math.min(k.x1, c.x1) - Math.max(k.x0, c.x0) > 0);
    if (hits.length === 0) cols.push({ x0: c.x0, x1: c.x1 });
    else if (hits.length === 1) {
      hits[0].x0 = Math.min(hits[0].x0, c.x0);
      hits[0].x1 = Math.max(hits[0].x1, c.x1);
    }
  }
  // Widening may have made neighbours touch: merge those.
  cols.sort((a, b) => a.x0 - b.x0);
  const out: { x0: number; x1: number }[] = [];
  for (const k of cols) {
    const last = out.at(-1);
    if (last && k.x0 < last.x1 - 0.5) last.x1 = Math.max(last.x1, k.x1);
    else out.push({ ...k });
  }
  return out;
}

/**
 * The figures among a table's words: numerals standing alone. A numeral run into the words
 * beside it (an ordinal `8` before `.属于…`, set in another font) is part of them.
 */
function standingFigures(words: WordBox[]): Set<WordBox> {
  const out = new Set<WordBox>();
  for (const w of words) {
    if (!FIGURE.test(w.s.trim())) continue;
    const touches = words.some((o) => o !== w && Math.abs(o.y - w.y) < 0.5 * w.h && Math.min(Math.abs(o.x0 - w.x1), Math.abs(w.x0 - o.x1)) < 0.3 * w.h);
    if (!touches) out.add(w);
  }
  return out;
}

/** Whether, cut at the drawn boundaries, no cell holds both a figure and other words. */
function cellsKeepFiguresApart(band: WordBox[], figures: Set<WordBox>, drawn: number[]): boolean {
  const cells = new Map<number, { figure: boolean; word: boolean }>();
  for (const w of band) {
    const k = drawn.filter((x) => x <= (w.x0 + w.x1) / 2).length;
    const c = cells.get(k) ?? { figure: false, word: false };
    if (figures.has(w)) c.figure = true;
    else c.word = true;
    cells.set(k, c);
  }
  return [...cells.values()].every((c) => !(c.figure && c.word));
}

/**
 * Column rules a table leaves out (rules between its rows only, as a Word table styled with
 * horizontal borders or a web page with row borders prints), put back from its words: where
 * the figures stand in columns, a boundary runs down each gutter between them, and down
 * each line where a row's rule starts inside the table (a merged side label's edge). In each
 * band between two row rules the boundary is drawn only where no word crosses it, so a label
 * spanning several columns stays one cell. The result goes to `findRuledTables` with the
 * page's own rules; a stack of row rules already crossed by column rules is left alone.
 */
export function columnRulesFromWords(rules: { h: Rule[]; v: Rule[] }, words: WordBox[]): Rule[] {
  // Stacks of row rules: four or more ending at the same right edge.
  const byRight = new Map<number, Rule[]>();
  for (const r of rules.h) {
    const key = [...byRight.keys()].find((k) => Math.abs(k - r.to) <= TOL) ?? r.to;
    byRight.set(key, [...(byRight.get(key) ?? []), r]);
  }
  const out: Rule[] = [];
  const mid = (w: WordBox) => w.y + 0.35 * w.h;
  // Tables one under another with the same width share a right edge: a band holding a line
  // of larger type (a heading, the prose between two tables) parts them.
  const stacks: Rule[][] = [];
  for (const all of byRight.values()) {
    const ys = clusterCoords(all.map((r) => r.at), 1).reverse();
    const left = Math.min(...all.map((r) => r.from));
    const right = Math.max(...all.map((r) => r.to));
    const inBand = (b: number) => words.filter((w) => mid(w) < ys[b] && mid(w) > ys[b + 1] && w.x1 > left && w.x0 < right);
    const cellHeight = median(words.filter((w) => mid(w) < ys[0] && mid(w) > ys[ys.length - 1] && FIGURE.test(w.s.trim())).map((w) => w.h));
    let from = 0;
    for (let b = 0; b < ys.length; b++) {
      const last = b === ys.length - 1;
      if (!last && !inBand(b).some((w) => cellHeight > 0 && w.h > 1.3 * cellHeight)) continue;
      const top = ys[from];
      const bottom = ys[b];
      stacks.push(all.filter((r) => r.at <= top + 1 && r.at >= bottom - 1));
      from = b + 1;
    }
  }
  for (const stack of stacks) {
    const ys = clusterCoords(stack.map((r) => r.at), 1).reverse();
    if (ys.length < 4) continue;
    const x0 = Math.min(...stack.map((r) => r.from));
    const x1 = Math.max(...stack.map((r) => r.to));
    const top = ys[0];
    const bottom = ys[ys.length - 1];
    // Column rules inside already: a ruled table.
    const inside = rules.v.filter((v) => v.at > x0 + TOL && v.at < x1 - TOL && v.to > bottom + TOL && v.from < top - TOL);
    if (inside.length > 0) continue;
    const within = words.filter((w) => w.x0 >= x0 - 1 && w.x1 <= x1 + 1 && mid(w) < top && mid(w) > bottom && w.s.trim() !== '');
    // Columns of figures, as the page layout infers them.
    const figures = standingFigures(within);
    const cols = inferColumns([...figures]);
    if (cols.length < 2) continue;
    const bounds: number[] = [];
    for (let i = 0; i + 1 < cols.length; i++) if (cols[i + 1].x0 > cols[i].x1) bounds.push((cols[i].x1 + cols[i + 1].x0) / 2);
    // Before the first column of figures: halfway from the words left of it.
    const leftWords = within.filter((w) => w.x1 <= cols[0].x0 + 0.5);
    if (leftWords.length) bounds.push((Math.max(...leftWords.map((w) => w.x1)) + cols[0].x0) / 2);
    // Where a row's rule starts inside the table: the edge of a cell merged down the side.
    for (const r of stack) if (r.from > x0 + TOL && r.from < cols[0].x0 - TOL) bounds.push(r.from);
    // Boundaries closer than any column is wide are one.
    const lines = clusterCoords(bounds, 8);
    // The columns must be plain: in every band, each figure between its own two boundaries
    // and no boundary through a figure. Else the words are left to the page's layout.
    const figureLines = lines.filter((x) => x > cols[0].x0 - TOL);
    const edges = [x0, ...figureLines, x1];
    let plain = true;
    const segs: Rule[] = [];
    // How many bands have a figure in each slot between two boundaries.
    const slotUse = new Array<number>(edges.length).fill(0);
    for (let b = 0; b + 1 < ys.length && plain; b++) {
      const band = within.filter((w) => mid(w) < ys[b] && mid(w) > ys[b + 1]);
      const figs = band.filter((w) => figures.has(w));
      const slot = (w: WordBox) => edges.findIndex((e, i) => i + 1 < edges.length && w.x0 >= e - 0.5 && w.x1 <= edges[i + 1] + 0.5);
      const slots = figs.map(slot);
      if (slots.some((k) => k < 0) || new Set(slots).size < slots.length) plain = false;
      for (const k of slots) if (k >= 0) slotUse[k]++;
      const drawn = lines.filter((x) => !band.some((w) => w.x0 < x - 0.5 && w.x1 > x + 0.5));
      for (const x of drawn) segs.push({ at: x, from: ys[b + 1], to: ys[b] });
      // A figure sharing a cell with words would be read into a label (a label's long first line
      // across the gutter before its row's figures; columns inferred from another table's figures).
      if (figs.length && !cellsKeepFiguresApart(band, figures, drawn)) plain = false;
    }
    // A slot between figure columns that no band fills is no column of the table (a boundary
    // from another table's figures): read by it, a row's blank would move a column.
    const used = slotUse.flatMap((n, k) => (n > 0 ? [k] : []));
    if (used.length && slotUse.slice(used[0], used[used.length - 1] + 1).some((n) => n === 0)) plain = false;
    if (!plain) continue;
    out.push({ at: x0, from: bottom, to: top }, { at: x1, from: bottom, to: top }, ...segs);
  }
  return out;
}
