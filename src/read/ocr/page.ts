/**
 * One scanned page → table grids and prose lines, the same entries the PDF text reader lays
 * out, so extraction is the same for a scan as for a text PDF.
 *
 * Tables come from the image, not from OCR lines: deskew, find the ruling lines (official
 * tables are fully ruled), build the cell grid with the PDF reader's grid builder
 * (pdf-grid.ts), then recognise every cell's crop on its own — all cells of the page stacked
 * into one strip for one engine call per mode: the Chinese model for every cell, and a
 * digits-only pass for the cells that look like figures. A figure is kept only when both
 * readings agree with good confidence; otherwise the cell is left blank and the page and
 * pixel box are reported (`doubt`), with the readings as candidates for the identities to
 * decide (resolve.ts). Prose is the page's OCR with the tables blanked out, line by line.
 *
 * Pure apart from the injected engine.
 */
import { findRuledTables, type RuledTable } from '../pdf-grid.js';
import { barLeftOf, crop, despeckle, encodePgm, median3, findRules, leadingBar, otsu, paperLevel, rotate, skewAngle, speckleShare, type Grey } from './raster.js';
import { isTemplateLabel, labelCutShort, snapHeading, snapLabel, wrappedHeading } from './labels.js';
import { glyphAdded, glyphLost } from './misread.js';
import type { OcrEngine, OcrMode, OcrWord } from './tesseract.js';

/** Pixel box (left, top, right, bottom) on the deskewed page image. */
export type Box = [number, number, number, number];

export interface OcrCell {
  text: string;
  /** Position in PDF points from the page's top-left (as the text reader gives it). */
  x: number;
  yTop: number;
  rowSpan: number;
  colSpan: number;
  box: Box;
  /** The figure could not be read with certainty: the text is blank, these are the readings. */
  doubt?: string[];
  /**
   * A figure read surely, and what else it could be from this cell's own evidence: another
   * figure a recogniser read (unsurely), or — where the pixels show more or fewer digits than
   * the figure has — the figure with a glyph lost or added. For the identities alone (resolve.ts):
   * a figure that breaks them where one of these would hold is a doubt.
   */
  alts?: string[];
}

export type OcrEntry =
  | { kind: 'grid'; cy: number; rows: OcrCell[][] }
  | { kind: 'line'; cy: number; text: string; pos: { x: number; yTop: number }; box: Box };

export interface OcrPageResult {
  entries: OcrEntry[];
  skew: number;
  dpi: number;
  cells: number;
  doubtful: number;
}

/** Label cells read again on their own at most, per page (each is one more engine call). */
const MAX_REREAD = 8;

/** Lower than this (tesseract 0..100) a figure is not trusted. */
const MIN_CONF = 60;

/** The third reading's confidence needed when both its readings and two of the first three agree. */
const MIN_CONF_FOUR = 40;

interface Crop {
  img: Grey;
  /** Where the crop sits on the strip. */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Ink bounding box of a region, or null when (nearly) blank: specks are not ink. */
export function inkBox(img: Grey, b: Box, thr: number, dpi: number): Box | null {
  const [x0, y0, x1, y1] = b.map(Math.round) as Box;
  const minRun = Math.max(2, Math.round(dpi / 100));
  let bx0 = Infinity, by0 = Infinity, bx1 = -1, by1 = -1, count = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    let run = 0;
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      if (img.data[y * img.width + x] < thr) {
        run++;
        count++;
        // Count a pixel as ink only inside a stroke (a run, or ink above and below), not a speck.
        const up = y > 0 && img.data[(y - 1) * img.width + x] < thr;
        const down = y + 1 < img.height && img.data[(y + 1) * img.width + x] < thr;
        if (run >= minRun || (up && down)) {
          if (x < bx0) bx0 = x - run + 1;
          if (x > bx1) bx1 = x;
          if (y < by0) by0 = y;
          if (y > by1) by1 = y;
        }
      } else run = 0;
    }
  }
  const minInk = Math.round((dpi / 100) * (dpi / 100) * 10);
  if (bx1 < 0 || count < minInk || bx1 - bx0 < 2 || by1 - by0 < Math.round(dpi / 30)) return null;
  return [bx0, by0, bx1 + 1, by1 + 1];
}

/**
 * A zero mark (-, —) alone in a cell, from the pixels: too little ink for inkBox, so the cell
 * would read as the report's own blank. The ink is looked at as connected pieces, not as one
 * box: specks (small pieces) are passed over wherever they lie, and what is left must be one
 * thin horizontal bar across the middle of the cell's height, clear of its left and right
 * edges and shorter than a rule. Anything else left (a second piece, a stroke, a bar at the
 * top) is no mark: null.
 */
export function dashMark(g: Grey, thr: number, dpi: number): Box | null {
  const { width: w, height: h } = g;
  const speck = Math.max(4, Math.round((dpi / 100) ** 2 * 4));
  // Specks (few pixels and short) left aside: a minus-sized bar is long, so it is never a speck.
  const pieces = inkPieces(g, thr).filter((p) => p.n >= speck || Math.max(p.x1 - p.x0, p.y1 - p.y0) + 1 >= dpi * 0.03);
  // A bar broken by JPEG into pieces end to end on the same rows, a pixel or two apart, is one bar
  // (seed 77/000011: a dash in two pieces was read as nothing, a doubt).
  const gap = Math.max(2, Math.round(dpi / 70));
  pieces.sort((a, b) => a.x0 - b.x0);
  for (let i = 0; i + 1 < pieces.length; ) {
    const [a, b] = [pieces[i], pieces[i + 1]];
    if (b.x0 - a.x1 - 1 <= gap && b.x0 > a.x1 && b.y0 <= a.y1 && b.y1 >= a.y0) {
      pieces.splice(i, 2, { x0: a.x0, y0: Math.min(a.y0, b.y0), x1: b.x1, y1: Math.max(a.y1, b.y1), n: a.n + b.n });
    } else i++;
  }
  if (pieces.length !== 1) return null;
  const p = pieces[0];
  const bw = p.x1 - p.x0 + 1;
  const bh = p.y1 - p.y0 + 1;
  const mid = (p.y0 + p.y1) / 2;
  const edge = Math.max(2, Math.round(dpi / 100));
  const bar =
    bw >= dpi * 0.03 &&
    bw <= Math.min(dpi * 0.3, 0.7 * w) &&
    bh <= Math.max(3, dpi * 0.03) &&
    bw >= 2.5 * bh &&
    p.n >= 1.2 * bw &&
    mid >= 0.25 * h &&
    mid <= 0.75 * h &&
    p.x0 >= edge &&
    p.x1 < w - edge;
  return bar ? [p.x0, p.y0, p.x1 + 1, p.y1 + 1] : null;
}

/**
 * The figure's own ink in a cell, from the pixels: its digit-high pieces of ink and the pieces
 * close beside them (a minus, a decimal point, a digit broken by JPEG), not the specks of a
 * speckled page that widen inkBox to most of the cell — a speck far left of the figure was taken
 * for its minus, and a minus left of a box widened by specks was not looked at (seed 77/000012:
 * 37 and 42 doubts, -32 a doubt). Null when no piece is a digit high.
 */
export function figureBox(g: Grey, thr: number, dpi: number): Box | null {
  const pieces = inkPieces(g, thr);
  const tall = Math.max(0, ...pieces.map((p) => p.y1 - p.y0 + 1));
  if (tall < dpi * 0.05) return null;
  const inBox = pieces.map((p) => p.y1 - p.y0 + 1 >= 0.5 * tall);
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  const take = (p: (typeof pieces)[number]) => {
    x0 = Math.min(x0, p.x0);
    y0 = Math.min(y0, p.y0);
    x1 = Math.max(x1, p.x1);
    y1 = Math.max(y1, p.y1);
  };
  pieces.forEach((p, i) => inBox[i] && take(p));
  // Pieces within half a digit of the figure, across or beside it, join it (and may bring others).
  const gap = 0.5 * tall;
  for (let grown = true; grown; ) {
    grown = false;
    pieces.forEach((p, i) => {
      if (inBox[i] || p.x1 < x0 - gap || p.x0 > x1 + gap || p.y1 < y0 - gap / 2 || p.y0 > y1 + gap / 2) return;
      inBox[i] = true;
      take(p);
      grown = true;
    });
  }
  return [x0, y0, x1 + 1, y1 + 1];
}

/** Longer than any stroke of a character in a table cell (inches): a piece of a rule. */
const RULE_PIECE = 0.25;

/**
 * A cell's inside with the pieces of its ruling lines whitened: after deskewing, a rule may
 * lie a pixel or two inside the cell along its edge (most on a wide merged cell), often broken
 * into dashes by JPEG and speckle, and the recogniser reads it as 一一一. A piece is ink along
 * the edge band running (gaps bridged) longer than any stroke of a character; a dash printed
 * in the cell is not at its edge.
 */
export function eraseEdgeRules(g: Grey, thr: number, dpi: number): Grey {
  const { width: w, height: h, data } = g;
  const band = Math.max(3, Math.round(dpi / 40));
  const long = Math.round(dpi * RULE_PIECE);
  const bridge = Math.max(3, Math.round(dpi / 25));
  const ink = (x: number, y: number) => data[y * w + x] < thr;
  // Along a line: the stretches of ink (gaps up to `bridge` bridged) at least `long` long.
  const stretches = (n: number, at: (p: number) => boolean) => {
    const out: [number, number][] = [];
    let start = -1;
    let last = -1;
    for (let p = 0; p <= n; p++) {
      if (p < n && at(p)) {
        if (start < 0) start = p;
        last = p;
      } else if (start >= 0 && (p === n || p - last > bridge)) {
        if (last - start + 1 >= long) out.push([start, last]);
        start = -1;
      }
    }
    return out;
  };
  const white: number[] = [];
  for (let y = 0; y < h; y++) {
    if (y >= band && y < h - band) continue;
    for (const [a, b] of stretches(w, (x) => ink(x, y))) for (let x = a; x <= b; x++) white.push(y * w + x);
  }
  for (let x = 0; x < w; x++) {
    if (x >= band && x < w - band) continue;
    for (const [a, b] of stretches(h, (y) => ink(x, y))) for (let y = a; y <= b; y++) white.push(y * w + x);
  }
  for (const i of white) data[i] = 255;
  return g;
}

/**
 * A crop as the recogniser should see it: paper white (grey paper, JPEG haze gone), ink kept
 * with its shading, and lone specks (ink with fewer than two inked neighbours) removed.
 */
function clean(img: Grey, thr: number): Grey {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const v = data[i];
      if (v >= thr) {
        out[i] = 255;
        continue;
      }
      let n = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          if (!dx && !dy) continue;
          const xx = x + dx;
          const yy = y + dy;
          if (xx >= 0 && yy >= 0 && xx < w && yy < h && data[yy * w + xx] < thr) n++;
        }
      out[i] = n < 2 ? 255 : Math.round((v * 200) / thr);
    }
  return { width: w, height: h, data: out };
}

/**
 * Where a lone digit's hole lies, from the pixels: 'ring' (one hole over most of its height, a
 * 0), 'top' or 'bottom' (one smaller hole, a 9 or a 6), or null (none, or more). A speck of
 * JPEG noise inside a 0 makes all three recognisers read 9 alike; the hole still says 0.
 */
export function holeShape(g: Grey): 'ring' | 'top' | 'bottom' | null {
  const { width: w, height: h, data } = g;
  const ink = (i: number) => data[i] < 230;
  let top = h, bottom = -1;
  for (let i = 0; i < w * h; i++) if (ink(i)) (top = Math.min(top, Math.floor(i / w))), (bottom = Math.max(bottom, Math.floor(i / w)));
  if (bottom - top < 6) return null;
  // Paper reachable from the edge (4-connected); the rest is holes.
  const outside = new Uint8Array(w * h);
  const stack: number[] = [];
  for (let x = 0; x < w; x++) stack.push(x, (h - 1) * w + x);
  for (let y = 0; y < h; y++) stack.push(y * w, y * w + w - 1);
  while (stack.length) {
    const i = stack.pop()!;
    if (outside[i] || ink(i)) continue;
    outside[i] = 1;
    const x = i % w;
    if (x > 0) stack.push(i - 1);
    if (x < w - 1) stack.push(i + 1);
    if (i >= w) stack.push(i - w);
    if (i < w * (h - 1)) stack.push(i + w);
  }
  const holes: { y0: number; y1: number; n: number }[] = [];
  const seen = new Uint8Array(w * h);
  for (let s0 = 0; s0 < w * h; s0++) {
    if (seen[s0] || outside[s0] || ink(s0)) continue;
    const hole = { y0: h, y1: -1, n: 0 };
    stack.push(s0);
    seen[s0] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % w;
      const y = (i - x) / w;
      hole.n++;
      hole.y0 = Math.min(hole.y0, y);
      hole.y1 = Math.max(hole.y1, y);
      for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i - w, i + w]) if (j >= 0 && j < w * h && !seen[j] && !ink(j) && !outside[j]) (seen[j] = 1), stack.push(j);
    }
    if (hole.n >= 2) holes.push(hole);
  }
  if (holes.length !== 1) return null;
  const H = bottom - top + 1;
  const span = (holes[0].y1 - holes[0].y0 + 1) / H;
  const mid = ((holes[0].y0 + holes[0].y1) / 2 - top) / H;
  if (span >= 0.55 && mid > 0.35 && mid < 0.65) return 'ring';
  if (span < 0.5 && mid < 0.45) return 'top';
  if (span < 0.5 && mid > 0.55) return 'bottom';
  return null;
}

/**
 * A doubtful figure's crop for a third reading, made differently from the first two: the
 * cell's ink from the deskewed page, enlarged twice (bilinear), its specks (blobs smaller than a
 * stroke's dot) removed and thresholded on its own histogram — small figures blurred or eaten by
 * JPEG read better large and in black and white. `bar`: the pixels show a minus, maybe faint —
 * the paper left of the ink is taken in and the threshold set halfway to the paper, so the
 * recognisers see it too.
 */
export function rereadCrop(img: Grey, left: number, ink: Box, dpi: number, bar: boolean, faint = false): Grey {
  const m = Math.round(dpi / 50);
  const x0 = bar ? Math.min(ink[0] - m, Math.max(left, ink[0] - Math.round(dpi * 0.15))) : ink[0] - m;
  const src = crop(img, x0, ink[1] - m, ink[2] + m, ink[3] + m);
  const w = src.width * 2;
  const h = src.height * 2;
  const big = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(src.height - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(src.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(src.width - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
      const xa = Math.floor(sx);
      const xb = Math.min(src.width - 1, xa + 1);
      const fx = sx - xa;
      const a = src.data[y0 * src.width + xa] + (src.data[y0 * src.width + xb] - src.data[y0 * src.width + xa]) * fx;
      const b = src.data[y1 * src.width + xa] + (src.data[y1 * src.width + xb] - src.data[y1 * src.width + xa]) * fx;
      big[y * w + x] = a + (b - a) * fy;
    }
  }
  const g: Grey = { width: w, height: h, data: big };
  const t0 = otsu(g);
  const t = bar || faint ? Math.round((t0 + paperLevel(g, t0)) / 2) : t0;
  // Specks: blobs of fewer pixels than a small stroke piece at twice the resolution.
  const minSize = Math.round(((2 * dpi) / 100) ** 2 * 4);
  const bw = despeckle(g, t, minSize, Math.max(4, Math.round(dpi / 25)));
  return { width: w, height: h, data: bw.data.map((v) => (v < t ? 0 : 255)) };
}

/**
 * A 0 every recogniser saw but none surely (blurred and eaten by JPEG, its thin top and bottom
 * lost: read as 0 at low confidence, or as nothing, never as another digit): taken from the
 * pixels when one of its crops shows a 0's ring (one hole over most of its height) and its ink is
 * one digit wide — never a figure of two digits (10 read as 0 has a 1 beside the ring).
 */
export function zeroByPixels(
  a: { d: string; d2: string; fig: string | null; txt: string; bar: boolean },
  third: string[],
  third2: string[],
  crops: Grey[],
  ink: Box,
  dpi: number,
): boolean {
  const clean = (x: string) => x.replace(/\s+/g, '');
  const digits = [a.d, ...third.map(clean)];
  const digits2 = [a.d2, ...third2.map(clean)];
  const all = [...digits, ...digits2, a.fig ?? ''];
  // Any other digit in any reading, or a sign, and it is no 0 (a crop's stray marks and specks may be read as - or .).
  if (a.bar || [...all, a.txt].some((x) => /[1-9]/.test(x)) || a.d !== '0' && a.d2 !== '0') return false;
  // Both digit models said 0 at least once, and three readings in all.
  if (!digits.includes('0') || !digits2.includes('0') || all.filter((x) => x === '0').length < 3) return false;
  if (ink[3] - ink[1] < dpi * 0.05) return false;
  // The crop's largest piece of ink is the 0 (specks about it left aside, not a figure's other digit):
  // one digit wide, everything else in the crop specks beside it.
  return crops.some((g) => {
    if (holeShape(g) !== 'ring') return false;
    const b = blobs(g);
    return b.length > 0 && b[0].w <= 0.8 * b[0].h && b.slice(1).every((o) => o.n < 0.1 * b[0].n);
  });
}

/**
 * A crop's pieces of ink, the height of the highest, and the pieces at least half as high (the
 * digits, left to right): what the pixel tests of a figure below start from.
 */
function digitPieces(g: Grey): { pieces: ReturnType<typeof inkPieces>; tall: number; digits: ReturnType<typeof inkPieces> } {
  const pieces = inkPieces(g, 250);
  const tall = Math.max(0, ...pieces.map((p) => p.y1 - p.y0 + 1));
  const digits = pieces.filter((p) => p.y1 - p.y0 + 1 >= 0.5 * tall).sort((a, b) => a.x0 - b.x0);
  return { pieces, tall, digits };
}

/**
 * The digits a crop shows, from the pixels: its pieces of ink at least half as high as the
 * tallest (a minus, a decimal point, specks left aside). A printed digit is one piece; a digit
 * broken in two (a faint 0 read as `()`) or two digits run together by blur count otherwise, and
 * the count then matches no reading — a doubt, never a figure.
 */
export function glyphCount(g: Grey): number {
  const { tall, digits } = digitPieces(g);
  return tall < 6 ? 0 : digits.length;
}

/**
 * A 0 whose thin top and bottom the page's threshold lost: the crop's digit-high pieces are two
 * arcs facing each other, ( and ), together one digit wide — the left one bowed left (its ink
 * reaches further left in its middle rows than at its ends), the right one bowed right. Two 1s
 * are straight (a 1's flag bends the other way), two digits are wider than one.
 */
export function brokenZero(g: Grey): boolean {
  const { tall, digits } = digitPieces(g);
  if (tall < 8) return false;
  if (digits.length !== 2) return false;
  const [l, r] = digits;
  const top = Math.min(l.y0, r.y0);
  const h = Math.max(l.y1, r.y1) - top + 1;
  if (l.x1 >= r.x0 || r.x1 - l.x0 + 1 > 0.8 * h || [l, r].some((p) => p.y1 - p.y0 + 1 < 0.7 * h)) return false;
  // The piece's outer edge (leftmost or rightmost ink) over a band of its rows.
  const edge = (p: typeof l, from: number, to: number, left: boolean) => {
    let best = left ? Infinity : -Infinity;
    for (let y = p.y0 + Math.floor(from * (p.y1 - p.y0 + 1)); y <= p.y0 + Math.ceil(to * (p.y1 - p.y0 + 1)) - 1; y++)
      for (let x = p.x0; x <= p.x1; x++) if (g.data[y * g.width + x] < 250) best = left ? Math.min(best, x) : Math.max(best, x);
    return best;
  };
  const bowed = (p: typeof l, left: boolean) => {
    const mid = edge(p, 0.4, 0.6, left);
    const ends = [edge(p, 0, 0.2, left), edge(p, 0.8, 1, left)];
    return ends.every((e) => Number.isFinite(e) && (left ? e >= mid + 1 : e <= mid - 1));
  };
  return bowed(l, true) && bowed(r, false);
}

/**
 * Where a figure's decimal point stands, from the pixels: the number of digits after it, or null
 * when the crop shows no point, or anything else that could be one. The digits are the pieces of
 * ink at least half as high as the tallest (as glyphCount); the point is one small piece (no higher
 * than a third of a digit and about as wide as high) sitting on the digits' baseline, wholly in the
 * gap between two digits. A second small piece in a gap between digits makes the answer null (a
 * speck could be taken for the point as easily); pieces beside the figure or across a digit's
 * width (specks, a piece of a digit broken off) are passed over.
 */
export function decimalPoint(g: Grey): number | null {
  const { pieces, tall, digits } = digitPieces(g);
  if (tall < 8) return null;
  if (digits.length < 2) return null;
  // Small pieces in a gap between two digits (a piece beside the figure is a speck, one across a
  // digit's width a piece of that digit broken off): exactly one, and it is the point.
  const inGap = pieces.filter((p) => p.y1 - p.y0 + 1 < 0.5 * tall && p.x0 > digits[0].x1 && p.x1 < digits[digits.length - 1].x0 && !digits.some((q) => p.x0 <= q.x1 && p.x1 >= q.x0));
  if (inGap.length !== 1) return null;
  const d = inGap[0];
  const dw = d.x1 - d.x0 + 1;
  const dh = d.y1 - d.y0 + 1;
  const base = digits.map((p) => p.y1).sort((a, b) => a - b)[Math.floor(digits.length / 2)];
  const small = dh <= tall / 3 && dw <= tall / 3 && dw <= 2 * dh && dh <= 2 * dw && d.n >= 0.4 * dw * dh && dw >= 2 && dh >= 2;
  const onBase = Math.abs(d.y1 - base) <= Math.max(2, 0.12 * tall);
  if (!small || !onBase) return null;
  return digits.length - digits.findIndex((p) => p.x0 > d.x1);
}

/**
 * Whether a figure's digits stand apart somewhere as if a decimal point stood between them: figures
 * are set with digits of one width, so their centres are evenly spaced; a point adds a good part
 * of a digit's width between two of them. On a page cleaned of specks the point itself can be gone
 * (a point is no bigger than a speck), its room stays (701.9 read 7019 by every reading). With two
 * digits only, their spacing is compared with their height (a digit is about half an em wide and
 * two thirds of one high). Pieces are the digits' ink as decimalPoint takes them — but a glyph the
 * threshold broke is one glyph: the figure's height is that of its digits with the pieces standing
 * over or under them (a 2 whose base was cut off is 13 px high among 19), and two pieces close
 * together, together no wider than a digit, are one (a 0's two arcs): counted apart they had left
 * "room" in 20 and 22 read surely by all three recognisers (held-out seed 422).
 */
export function roomForPoint(g: Grey): boolean {
  const { pieces, tall, digits } = digitPieces(g);
  if (tall < 8 || digits.length < 2) return false;
  // (No taller than half again the tallest piece: ink standing far above or below is no part of a digit.)
  const over = pieces.filter((p) => digits.some((d) => p.x0 <= d.x1 && p.x1 >= d.x0));
  const height = Math.min(Math.max(...over.map((p) => p.y1)) - Math.min(...over.map((p) => p.y0)) + 1, Math.round(1.5 * tall));
  const glyphs: { x0: number; x1: number }[] = [];
  for (const d of digits) {
    const last = glyphs.at(-1);
    if (last && d.x0 - last.x1 <= 0.2 * height && d.x1 - last.x0 + 1 <= 0.7 * height) last.x1 = Math.max(last.x1, d.x1);
    else glyphs.push({ x0: d.x0, x1: d.x1 });
  }
  if (glyphs.length < 2) return false;
  const centres = glyphs.map((p) => (p.x0 + p.x1) / 2);
  const steps = centres.slice(1).map((c, i) => c - centres[i]);
  const usual = [...steps].sort((a, b) => a - b)[Math.floor((steps.length - 1) / 2)];
  if (steps.length >= 2) return Math.max(...steps) >= 1.3 * usual && Math.max(...steps) - usual >= 0.15 * height;
  return steps[0] >= 0.95 * height;
}

/**
 * The one piece of ink as high as a digit at this resolution (0.06–0.2 in), where a crop holds
 * exactly one piece at least half as high as its highest; else null.
 */
function loneDigitPiece(g: Grey, dpi: number): ReturnType<typeof inkPieces>[number] | null {
  const { digits } = digitPieces(g);
  if (digits.length !== 1) return null;
  const h = digits[0].y1 - digits[0].y0 + 1;
  return h >= dpi * 0.06 && h <= dpi * 0.2 ? digits[0] : null;
}

/**
 * A lone 1 from the pixels: the crop's one digit-high piece of ink is an upright stroke — at most
 * a third as wide as it is high, filling half its box or more (a 7, a 4 or a 0 is wide; a stroke
 * broken by JPEG is no one piece), a digit high at this resolution. The English model reads
 * nothing at all for a lone 1, and the third reading's enlarged crop neither.
 */
export function oneStroke(g: Grey, dpi: number): boolean {
  const p = loneDigitPiece(g, dpi);
  if (!p) return false;
  const w = p.x1 - p.x0 + 1;
  const h = p.y1 - p.y0 + 1;
  return w <= h / 3 && p.n >= 0.5 * w * h;
}

/** A reading of a figure cell: its text and its confidence, and whether the English digit model made it. */
export interface Reading {
  text: string;
  conf: number;
  english: boolean;
}

/** `short` is `long` with some of its digits lost (a recogniser passed over a glyph: 1 for 11, 7 for 57). */
function lostDigits(short: string, long: string): boolean {
  if (short.length >= long.length) return false;
  let i = 0;
  for (const ch of long) if (i < short.length && short[i] === ch) i++;
  return i === short.length;
}

/**
 * A figure every reading gives, save readings that lost a glyph or read nothing (the English
 * model passes over one of two 1s, or reads nothing at all, where the Chinese models read 11
 * surely; a minus sign dropped): taken when every other reading is empty or the figure with
 * digits lost (never another digit, another figure of its length, or a sign it has not), the
 * pixels show as many digits as it has and a minus exactly when it has one (`bar`), and enough
 * readings give it: three, two of them with confidence ≥ 80 and one of them the English model's;
 * or four, three at ≥ 75; or four at ≥ 65, one of them the English model's. No decimals (a point
 * is a speck as easily), no leading zero. A lone 1 (`stroke`: the pixels show one upright
 * stroke, see oneStroke) needs only the two Chinese readings, at ≥ 60 and one at ≥ 70, or four
 * readings at ≥ 55 from both kinds of model, the English model's among them (every other reading
 * empty or the same, as above). A figure with a minus the pixels show may also be read
 * five times alike but for the minus, twice with it. Null otherwise.
 */
export function consensusFigure(readings: Reading[], glyphs: number, bar = false, stroke = false): string | null {
  const said = readings.map((r) => ({ ...r, text: r.text.replace(/\s+/g, '') })).filter((r) => r.text !== '' && r.text !== '-');
  if (!said.length || said.some((r) => !/^-?\d+$/.test(r.text))) return null;
  const digitsOf = (t: string) => t.replace('-', '');
  const longest = Math.max(...said.map((r) => digitsOf(r.text).length));
  const full = [...new Set(said.filter((r) => digitsOf(r.text).length === longest).map((r) => digitsOf(r.text)))];
  if (full.length !== 1) return null;
  const digits = full[0];
  if (digits.length !== glyphs || (digits.length > 1 && digits.startsWith('0')) || (bar && digits === '0')) return null;
  const x = bar ? `-${digits}` : digits;
  // A sign read where the pixels show none is another figure; a minus dropped is a glyph lost.
  if (!said.every((r) => (bar || !r.text.startsWith('-')) && (r.text === x || lostDigits(digitsOf(r.text), digits) || r.text === digits))) return null;
  const same = said.filter((r) => r.text === x);
  const sure = (c: number) => same.filter((r) => r.conf >= c).length;
  const english = same.some((r) => r.english);
  // A lone 1 the pixels show as one upright stroke: both Chinese readings say it, the English model nothing.
  // Or four readings of it from both kinds of model, none unsure below 55, the English model's among
  // them (seed 111/000003: 1 read at 58, 72, 58 and 59, nothing else read — a total left a doubt).
  const lone1 = stroke && digits === '1' && same.length >= 2 && ((sure(60) >= 2 && sure(70) >= 1) || (sure(55) >= 4 && english && same.some((r) => !r.english)));
  // A minus the pixels show, read with the figure twice or more and dropped by other readings of
  // the same digits: five readings of the digits, two of them sure, one the English model's.
  const alike = said.filter((r) => digitsOf(r.text) === digits);
  const signed = bar && same.length >= 2 && alike.length >= 5 && alike.filter((r) => r.conf >= 80).length >= 2 && alike.some((r) => r.english);
  const enough = (same.length >= 3 && sure(80) >= 2 && english) || (same.length >= 4 && sure(75) >= 3) || (same.length >= 4 && sure(65) >= 4 && english) || lone1 || signed;
  return enough ? x : null;
}

/**
 * A row label read with its ordinal whose words are no template label, however garbled: a
 * wrapped label whose line lost characters in the strip's reading (6.属于四信息 for
 * 6.属于四类过程性信息, seed 144/000002 — the row matched no template row and was unreadable).
 */
export function orphanLabel(text: string): boolean {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  return /^\d{1,2}[.．,，、]?[\u4e00-\u9fff]{2}/.test(t) && !isTemplateLabel(t);
}

/**
 * The crop's ink is one narrow glyph a digit high (digit-high pieces: one, at most four fifths as
 * wide as high, 0.06–0.2 in high): a figure of one digit, never a label — labels are two
 * characters or more, and a Chinese character is about as wide as high.
 */
export function oneNarrowGlyph(g: Grey, dpi: number): boolean {
  const p = loneDigitPiece(g, dpi);
  return !!p && p.x1 - p.x0 + 1 <= 0.8 * (p.y1 - p.y0 + 1);
}

/** A reading with one point, comma or dash after its digits (5., 0-): the digits, a speck beside them read as a mark; else null. */
export function trailingSpeck(t: string): string | null {
  const m = /^(-?\d+)[.,，。·'’-]$/.exec(t.replace(/\s+/g, ''));
  return m ? m[1] : null;
}

/** The hole each digit of like shape has (holeShape): what the pixels say among 0, 6 and 9. */
const HOLE_OF: Record<string, 'ring' | 'top' | 'bottom'> = { '0': 'ring', '6': 'bottom', '9': 'top' };

/** A figure with one more digit than `digits` has, the others in order: a speck or a stroke read as a glyph. */
function glyphMore(x: string, digits: string): boolean {
  return x.length === digits.length + 1 && lostDigits(digits, x);
}

/**
 * A whole figure read surely and alike by most readings, against a dissent its own evidence
 * discounts (seed 77: 5 read 5 four times at 93–97, once 9 at 20; 16 read alike six times and
 * once 106 at 55; 6 read 6 five times at 91–97 and 0 twice, the pixels showing a 6's hole).
 * Taken when three readings or more say it at ≥ 80, the English model and a Chinese model among
 * them, the pixels show as many digits (and a minus exactly when it has one), and every other
 * reading is the figure with glyphs lost (a minus dropped where the pixels show it), or
 * - the figure with one glyph more, read unsurely (< 60): the pixels show the figure's digits;
 * - a lone 0, 6 or 9 against a lone 0, 6 or 9 whose hole the pixels show (`hole`, see holeShape),
 *   four readings saying it surely;
 * - the one other reading, unsure (< 30: the recogniser's own word that it could not read the
 *   glyph) — three sure readings from both models are more than two digit readings agreeing at
 *   ≥ 60, which a figure is kept on at once.
 * A lone 0, 6 or 9 whose pixels show another one's hole is a doubt.
 * A reading trailing a point or a dash (5., 0-: a speck beside the figure) is the figure read
 * with a speck; the glyph count still holds it. No decimals, no leading zero. Null otherwise.
 */
export function sureFigure(readings: Reading[], glyphs: number, hole: ReturnType<typeof holeShape>, bar: boolean): string | null {
  const said = readings
    .map((r) => ({ ...r, text: trailingSpeck(r.text) ?? r.text.replace(/\s+/g, '') }))
    .filter((r) => r.text !== '' && r.text !== '-');
  const sure = said.filter((r) => r.conf >= 80 && /^-?\d+$/.test(r.text));
  if (!sure.length) return null;
  const count = (v: string) => sure.filter((r) => r.text === v).length;
  const v = [...new Set(sure.map((r) => r.text))].sort((a, b) => count(b) - count(a))[0];
  const digits = v.replace('-', '');
  if (digits.length !== glyphs || (digits.length > 1 && digits.startsWith('0')) || v.startsWith('-') !== bar || v === '-0') return null;
  const same = sure.filter((r) => r.text === v);
  if (same.length < 3 || !same.some((r) => r.english) || !same.some((r) => !r.english)) return null;
  const shaped = HOLE_OF[v] !== undefined && hole === HOLE_OF[v];
  const sign = (t: string) => t.startsWith('-');
  const dissent = said.filter((r) => r.text !== v && !(/^-?\d+$/.test(r.text) && (sign(r.text) === sign(v) || (bar && !sign(r.text))) && (lostDigits(r.text.replace('-', ''), digits) || r.text === digits)));
  const excused = (r: Reading) =>
    (r.conf < 60 && /^-?\d+$/.test(r.text) && sign(r.text) === sign(v) && glyphMore(r.text.replace('-', ''), digits)) ||
    (shaped && same.length >= 4 && /^[069]$/.test(r.text)) ||
    (r.conf < 30 && dissent.length === 1);
  // A lone 0, 6 or 9 whose pixels show another one's hole is no matter of confidence.
  if (HOLE_OF[v] !== undefined && hole !== null && hole !== HOLE_OF[v]) return null;
  return dissent.every(excused) ? v : null;
}

/**
 * What else a figure read surely could be, from its cell's own evidence: the other figures its
 * readings gave (unsurely), and the figure with a glyph lost or added where the pixels show more
 * or fewer digits than it has (`glyphs`, see glyphCount).
 */
export function otherReadings(value: string, readings: (string | null)[], glyphs: number): string[] {
  const out = new Set<string>();
  for (const r of readings) if (r && FIGURE.test(r) && r !== value) out.add(r);
  const n = value.replace(/[-.]/g, '').length;
  if (glyphs > n) for (const x of glyphLost(value)) if (x.length === glyphs) out.add(x);
  if (glyphs > 0 && glyphs < n) for (const x of glyphAdded(value)) if (x.length === glyphs) out.add(x);
  return [...out];
}

/**
 * One Chinese character alone in a cell: no template label is one character, so it is a figure
 * (or figures) read as a character — a doubt, never a label and never the report's own blank. A
 * word a report writes for no figure (无, 空, 略) is kept as printed, for cell-invalid.
 */
export function loneChar(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return /^[\u4e00-\u9fff]$/.test(t) && !/^[无空略]$/.test(t);
}

/** Connected pieces of ink (darker than 128) of a crop, largest first. */
function blobs(g: Grey): { w: number; h: number; n: number }[] {
  return inkPieces(g, 128)
    .map((p) => ({ w: p.x1 - p.x0 + 1, h: p.y1 - p.y0 + 1, n: p.n }))
    .sort((a, b) => b.n - a.n);
}

/** Connected pieces (eight neighbours) of pixels darker than `thr`, in scan order: each piece's box and pixel count. */
function inkPieces(g: Grey, thr: number): { x0: number; y0: number; x1: number; y1: number; n: number }[] {
  const { width: w, height: h, data } = g;
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  const out: { x0: number; y0: number; x1: number; y1: number; n: number }[] = [];
  for (let s = 0; s < w * h; s++) {
    if (seen[s] || data[s] >= thr) continue;
    const p = { x0: w, y0: h, x1: -1, y1: -1, n: 0 };
    seen[s] = 1;
    stack.push(s);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % w;
      const y = (i - x) / w;
      p.n++;
      if (x < p.x0) p.x0 = x;
      if (x > p.x1) p.x1 = x;
      if (y < p.y0) p.y0 = y;
      if (y > p.y1) p.y1 = y;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const j = yy * w + xx;
          if (!seen[j] && data[j] < thr) (seen[j] = 1), stack.push(j);
        }
    }
    out.push(p);
  }
  return out;
}

/** A cleaned crop in black and white: every pixel that is not paper is ink. */
function solid(g: Grey): Grey {
  return { width: g.width, height: g.height, data: g.data.map((v) => (v < 250 ? 0 : 255)) };
}

/**
 * Crops laid out for one engine call: `column` stacks them top to bottom (label cells, which
 * may wrap over lines); `rows` sets them side by side in lines of figures far apart, which
 * the line recogniser reads better than many one-digit lines.
 */
function buildStrip(crops: Grey[], dpi: number, layout: 'column' | 'rows' = 'column'): { strip: Grey; placed: Crop[] } {
  const pad = Math.round(dpi / 10);
  const gap = Math.round(dpi / 5);
  const placed: Crop[] = [];
  let width = 0;
  let height = gap;
  if (layout === 'column') {
    width = Math.max(...crops.map((c) => c.width)) + 2 * pad;
    for (const c of crops) {
      placed.push({ img: c, top: height, bottom: height + c.height, left: pad, right: pad + c.width });
      height += c.height + gap;
    }
  } else {
    const maxW = Math.max(Math.round(dpi * 12), ...crops.map((c) => c.width + 2 * pad));
    const hgap = Math.round(dpi / 3);
    let i = 0;
    while (i < crops.length) {
      const line: Grey[] = [];
      let w = pad;
      while (i < crops.length && (line.length === 0 || w + crops[i].width + pad <= maxW)) {
        line.push(crops[i]);
        w += crops[i].width + hgap;
        i++;
      }
      const lh = Math.max(...line.map((c) => c.height));
      let x = pad;
      for (const c of line) {
        const top = height + Math.floor((lh - c.height) / 2);
        placed.push({ img: c, top, bottom: top + c.height, left: x, right: x + c.width });
        x += c.width + hgap;
      }
      width = Math.max(width, x - hgap + pad);
      height += lh + gap;
    }
  }
  const data = new Uint8Array(width * height).fill(255);
  for (const p of placed)
    for (let y = 0; y < p.img.height; y++) data.set(p.img.data.subarray(y * p.img.width, (y + 1) * p.img.width), (p.top + y) * width + p.left);
  return { strip: { width, height, data }, placed };
}

/** Words → the crop their centre falls in, joined in reading order. */
function readStrip(words: OcrWord[], placed: Crop[]): { text: string; conf: number; cover: number }[] {
  const per: OcrWord[][] = placed.map(() => []);
  for (const w of words) {
    const cy = (w.y0 + w.y1) / 2;
    const cx = (w.x0 + w.x1) / 2;
    let i = placed.findIndex((p) => cy >= p.top - 4 && cy <= p.bottom + 4 && cx >= p.left - 8 && cx <= p.right + 8);
    // A word spanning two crops (two figures run together) belongs to neither: both stay unread.
    if (i >= 0 && placed.some((p, j) => j !== i && w.x0 < p.right && w.x1 > p.left && cy >= p.top - 4 && cy <= p.bottom + 4)) i = -1;
    if (i >= 0) per[i].push(w);
  }
  return per.map((ws) => {
    ws.sort((a, b) => a.block - b.block || a.par - b.par || a.line - b.line || a.x0 - b.x0);
    let text = '';
    let prev: OcrWord | null = null;
    for (const w of ws) {
      if (prev && /[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(w.text) && prev.line === w.line) text += ' ';
      text += w.text;
      prev = w;
    }
    // How much of the crop's height the words read cover (a line left unread shows here).
    const p = placed[per.indexOf(ws)];
    const cover = ws.length ? (Math.min(p.bottom, Math.max(...ws.map((w) => w.y1))) - Math.max(p.top, Math.min(...ws.map((w) => w.y0)))) / Math.max(1, p.bottom - p.top) : 0;
    return { text, conf: ws.length ? Math.min(...ws.map((w) => w.conf)) : 0, cover };
  });
}

/**
 * Lines of text in a crop (`thr`: ink is darker; a cleaned crop has white paper): bands of
 * inked pixel rows at least a small figure high, parted by
 * blank rows. A figure is printed on one line; two mean two cells' figures in one crop.
 */
export function textLines(g: Grey, thr: number, dpi: number): number {
  return lineBands(g, thr, dpi).length;
}

/** The text lines of a crop as [top, bottom) pixel rows (see textLines). */
export function lineBands(g: Grey, thr: number, dpi: number): [number, number][] {
  const minBand = Math.max(4, Math.round(dpi / 25));
  const minGap = Math.max(2, Math.round(dpi / 50));
  const out: [number, number][] = [];
  let start = -1;
  let last = -1;
  for (let y = 0; y <= g.height; y++) {
    let n = 0;
    if (y < g.height) for (let x = 0; x < g.width; x++) if (g.data[y * g.width + x] < thr) n++;
    if (n < 2) continue;
    // A short gap inside a line (a broken stroke) does not part it; a band too low is a speck.
    if (start >= 0 && y - last - 1 >= minGap) {
      if (last - start + 1 >= minBand) out.push([start, last + 1]);
      start = -1;
    }
    if (start < 0) start = y;
    last = y;
  }
  if (start >= 0 && last - start + 1 >= minBand) out.push([start, last + 1]);
  return out;
}

/**
 * A figure wrapped in its cell: exactly two lines, the first filling (nearly) the cell's
 * inside width — a printer wraps only what does not fit. Two rows' figures stacked where a rule
 * was lost are each as wide as their own figure.
 */
export function wrapsInCell(g: Grey, insideWidth: number, dpi: number): boolean {
  const bands = lineBands(g, 250, dpi);
  if (bands.length !== 2) return false;
  let x0 = Infinity, x1 = -1;
  for (let y = bands[0][0]; y < bands[0][1]; y++)
    for (let x = 0; x < g.width; x++)
      if (g.data[y * g.width + x] < 250) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
      }
  return x1 >= 0 && x1 - x0 + 1 >= 0.8 * insideWidth;
}

/** Characters the Chinese model prints for digits in a figure cell. */
const DIGIT_LIKE: Record<string, string> = { O: '0', o: '0', '〇': '0', D: '0', Q: '0', l: '1', I: '1', '|': '1', '丨': '1', Z: '2', S: '5', B: '8', g: '9' };

/** The Chinese model's reading of a cell as a figure (its digit look-alikes mapped), or null. */
function asFigure(s: string): string | null {
  const t = s.normalize('NFKC').replace(/\s+/g, '');
  if (!t || t.length > 12) return null;
  const mapped = [...t].map((c) => DIGIT_LIKE[c] ?? c).join('');
  return FIGURE.test(mapped) && /\d/.test(t) ? mapped : null;
}

/**
 * Digits with a character or so of Chinese (031了: two cells' figures merged where a column rule
 * was lost, a stroke read as a character): no label, and no figure to trust either.
 */
function mixedFigure(t: string): boolean {
  return /\d/.test(t) && t.length <= 6 && (t.match(/[\u4e00-\u9fff]/g) ?? []).length === 1;
}

/**
 * A digit reading that is two figures, not one: groups of digits apart on the line (two cells
 * merged where a column rule was lost), or a leading zero no printed figure has (0 31 read as 031).
 */
export function twoFigures(raw: string): boolean {
  const t = raw.trim();
  return /\d\s+-?\d/.test(t) || /^-?0\d/.test(t.replace(/\s+/g, ''));
}

/** What a figure cell may hold: a count, a signed change, an amount with decimals. */
const FIGURE = /^-?\d+(?:\.\d+)?$/;

const ZERO_MARKS = /^[-—–－/／]$/;

/**
 * A faint 0 whose thin top and bottom were lost, read by the Chinese model as brackets about a
 * 0-like letter — (O), (0), （〇） — a figure cell to read again, not a label (table 四's data row
 * of seed 61/000004 read 14 figures for 15 columns, the row unreadable). The same with a speck
 * or the 0's broken top read as one character before it and a bracket maybe lost — 人(), 人(O),
 * 人O) (seed 101: three rows of table 三 each lost whole, a "label" amid their figures). No label
 * of the template is one character and brackets.
 */
const FAINT_ZERO = /^[\u4e00-\u9fff]?(?:[(（][0OoQD〇]?[)）]|[0OoQD〇][)）])$/;

/** Strokes alone (一一一, ||): a rule's remains or a figure misread, never a label. */
const STROKES = /^[一丨|_—–－-]{2,}$/;

/** Rules in pixels (y down) → PDF-style rules in points (y up) for the grid builder. */
function toPoints(h: { at: number; from: number; to: number }[], v: { at: number; from: number; to: number }[], H: number, k: number) {
  return {
    h: h.map((r) => ({ at: (H - r.at) * k, from: r.from * k, to: r.to * k })),
    v: v.map((r) => ({ at: r.at * k, from: (H - r.to) * k, to: (H - r.from) * k })),
  };
}

/**
 * Prose lines with a section heading wrapped onto the next line joined into one (四、政府信息公 /
 * 开行政复议、行政诉讼情;): each line alone is no heading, and the section was reported missing.
 * The second line must follow the first closely (within a line's height below it).
 */
export function joinWrappedHeadings(lines: { text: string; box: Box }[]): { text: string; box: Box }[] {
  const out: { text: string; box: Box }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i];
    const b = lines[i + 1];
    const h = a.box[3] - a.box[1];
    const heading = b && b.box[1] > a.box[1] && b.box[1] - a.box[3] <= h ? wrappedHeading(a.text, b.text) : null;
    if (heading) {
      out.push({ text: heading, box: [Math.min(a.box[0], b.box[0]), a.box[1], Math.max(a.box[2], b.box[2]), b.box[3]] });
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * A section heading wrapped across a page break (四、政府信息公开 last on one page,
 * 行政复议、行政诉讼情; first on the next; seed 177/000006): the two prose lines joined into one
 * heading on the first page, the second dropped. `prev` and `next` are the entries (in reading
 * order, page numbers left out) of two pages one after the other; changed in place.
 */
export function joinHeadingAcrossPages(prev: OcrEntry[], next: OcrEntry[]): void {
  const a = prev.at(-1);
  const b = next[0];
  if (a?.kind !== 'line' || b?.kind !== 'line') return;
  const heading = wrappedHeading(a.text, b.text);
  if (!heading) return;
  prev[prev.length - 1] = { ...a, text: heading };
  next.shift();
}

/** Reads one page image at `dpi`. */
export async function readPageImage(page: Grey, dpi: number, engine: OcrEngine): Promise<OcrPageResult> {
  const thr0 = otsu(page);
  // A speckled page loses its specks first (small ink blobs); a clean one is left as scanned.
  const speckled = speckleShare(page, thr0) > 0.15;
  if (speckled) page = despeckle(page, thr0, Math.round((dpi / 100) * (dpi / 100) * 6), Math.max(3, Math.round(dpi / 50)));
  const skew = skewAngle(page, thr0);
  const img = rotate(page, skew);
  const thr = otsu(img);
  const k = 72 / dpi;
  const H = img.height;
  // Rules are thin and, blurred or JPEG-compressed, lighter than text: where a rule is found,
  // it is followed again with a looser threshold halfway to the paper.
  const loose = Math.round((thr + paperLevel(img, thr)) / 2);
  const rules = findRules(img, thr, dpi, loose);
  // A table is at least an inch wide and two rows high (a seal's ring and star are no table) —
  // or one row of three cells or more across three inches: a table's last row carried over to
  // the next page (政府集中采购 | 217 | 8803.29 at the top of page 3), which no seal draws.
  const tables: RuledTable[] = findRuledTables(toPoints(rules.h, rules.v, H, k)).filter((t) => (t.cells.length >= 4 || (t.cells.length >= 3 && t.x1 - t.x0 >= 216)) && t.x1 - t.x0 >= 72 && t.y1 - t.y0 >= 20);
  const inset = Math.max(3, Math.round(dpi / 40));

  // Every non-blank cell: its box and its ink crop.
  // fig/figCrop: the figure's own ink (figureBox), for its sign and its third reading.
  interface Cell { t: number; c: number; box: Box; ink: Box | null; crop?: Grey; mark?: string; fig?: Box; figCrop?: Grey }
  const cells: Cell[] = [];
  /** A cell's box, ink and crops on an image of the page (the page itself, or its smoothed copy below). */
  const cellOn = (src: Grey, ti: number, ci: number): Cell => {
    const c = tables[ti].cells[ci];
    const box: Box = [c.x0 / k, H - c.y1 / k, c.x1 / k, H - c.y0 / k];
    // The cell's inside, without its rules, is what is read.
    const ix = Math.max(0, Math.floor(box[0] + inset));
    const iy = Math.max(0, Math.floor(box[1] + inset));
    const inside = eraseEdgeRules(crop(src, ix, iy, box[2] - inset, box[3] - inset), thr, dpi);
    let local = inkBox(inside, [0, 0, inside.width, inside.height], thr, dpi);
    // Too little ink for a figure: a zero mark (a dash) is still the cell's content. So is a dash
    // whose specks about it made ink enough, with nothing a digit high (seed 77/000011: — read as nothing).
    const own = local && figureBox(crop(inside, local[0], local[1], local[2], local[3]), thr, dpi);
    const dash = own ? null : dashMark(inside, thr, dpi);
    if (dash) local = dash;
    const ink: Box | null = local && [local[0] + ix, local[1] + iy, local[2] + ix, local[3] + iy];
    const cell: Cell = { t: ti, c: ci, box, ink };
    if (dash) cell.mark = dash[2] - dash[0] >= dpi * 0.1 ? '—' : '-';
    if (local) {
      const m = Math.round(dpi / 50);
      cell.crop = clean(crop(inside, local[0] - m, local[1] - m, local[2] + m, local[3] + m), thr);
      const fb = dash ? null : own;
      if (fb) {
        const f: Box = [fb[0] + local[0], fb[1] + local[1], fb[2] + local[0], fb[3] + local[1]];
        cell.fig = [f[0] + ix, f[1] + iy, f[2] + ix, f[3] + iy];
        cell.figCrop = clean(crop(inside, f[0] - m, f[1] - m, f[2] + m, f[3] + m), thr);
      }
    }
    return cell;
  };
  tables.forEach((t, ti) => t.cells.forEach((_, ci) => cells.push(cellOn(img, ti, ci))));
  type CellReading = { text: string; conf: number; cover: number };
  /** Cells' crops stacked on one strip, read in each of `modes` (one engine call each) into its map. */
  const readCells = async (list: Cell[], modes: [OcrMode, Map<Cell, CellReading>][]) => {
    const { strip, placed } = buildStrip(list.map((c) => c.crop!), dpi);
    for (const [mode, into] of modes) {
      const read = readStrip(await engine.recognize(strip, mode, dpi), placed);
      list.forEach((c, i) => into.set(c, read[i]));
    }
  };
  const inked = cells.filter((c) => c.crop);
  const texts = new Map<Cell, CellReading>();
  if (inked.length) {
    await readCells(inked, [['text', texts]]);
    // A wrapped label whose second line the strip's reading lost (政府集中 for 政府集中采购 on
    // two lines): read again on its own, and kept when that reading covers more of it.
    const lost = inked.filter((c) => {
      const r = texts.get(c)!;
      if (!/[\u4e00-\u9fff]/.test(r.text) || textLines(c.crop!, 250, dpi) < 2) return false;
      return r.cover < 0.7 || orphanLabel(r.text);
    });
    // Its lines are read as crops of their own, set well apart, in black and white (a line of
    // light strokes the recogniser passed over in grey it reads in black), and joined.
    const redo = lost.slice(0, MAX_REREAD).map((c) => ({ c, lines: lineBands(c.crop!, 250, dpi).map(([a, b]) => solid(crop(c.crop!, 0, a - 2, c.crop!.width, b + 2))) }));
    if (redo.length) {
      const { strip, placed } = buildStrip(redo.flatMap((r) => r.lines), dpi);
      const read = readStrip(await engine.recognize(strip, 'text', dpi), placed);
      let i = 0;
      for (const r of redo) {
        const parts = read.slice(i, i + r.lines.length);
        i += r.lines.length;
        const text = parts.map((p) => p.text).join('');
        // Kept only when every line was read (the first reading is not made worse).
        // A reading that was no template label is replaced only by one that is (a real wording
        // variant reads as itself again and stays as printed).
        if (parts.every((p) => /[\u4e00-\u9fff]/.test(p.text)) && (!orphanLabel(texts.get(r.c)!.text) || isTemplateLabel(text))) texts.set(r.c, { text, conf: Math.min(...parts.map((p) => p.conf)), cover: 1 });
        // A line read as nothing again, the rest an ordinal and the start of one template label's words: that label.
        else if (parts.some((p) => p.text.trim() === '')) {
          const whole = labelCutShort(parts.map((p) => p.text).join('')) ?? labelCutShort(texts.get(r.c)!.text);
          if (whole) texts.set(r.c, { text: whole, conf: texts.get(r.c)!.conf, cover: 1 });
        }
      }
    }
  }
  // Figures: a digits-only second reading of every cell that looks like one (or was not read).
  const figureCells = inked.filter((c) => {
    if (c.mark) return true;
    const r = texts.get(c)!;
    if (asFigure(r.text) !== null) return true;
    const tall = c.crop!.height > 2.5 * c.crop!.width && c.crop!.height > dpi * 0.3;
    const t = r.text.replace(/\s+/g, '');
    const words = (t.match(/[\u4e00-\u9fff]/g) ?? []).length >= 2 && r.conf >= 50;
    // Digits with a speck read as punctuation (,27 or 791.75-) are a figure to read again too.
    const digitsOnly = /\d/.test(t) && !/[\u4e00-\u9fff]/.test(t);
    // One narrow glyph a digit high is no label (labels are two characters or more, and square):
    // a 0 with specks about it read as 人0四 took a row's figure for a label (seed 77/000000, 99/000006).
    return STROKES.test(t) || digitsOnly || mixedFigure(t) || FAINT_ZERO.test(t) || (!tall && !words && t.length <= 2 && !ZERO_MARKS.test(t)) || oneNarrowGlyph(c.figCrop ?? c.crop!, dpi);
  });
  const digits = new Map<Cell, CellReading>();
  const digits2 = new Map<Cell, CellReading>();
  if (figureCells.length)
    await readCells(figureCells, [
      ['digits', digits],
      ['digits2', digits2],
    ]);

  /** What the readings of a figure cell say, and whether a value is contradicted by anything else. */
  const assess = (cell: Cell) => {
    const tx = texts.get(cell)!;
    const dg = digits.get(cell)!;
    const dg2 = digits2.get(cell)!;
    const fig = asFigure(tx.text);
    const d = dg.text.replace(/\s+/g, '');
    const d2 = dg2.text.replace(/\s+/g, '');
    // The minus sign is judged from the pixels as well: recognisers drop it. The crop is
    // cleaned (paper white, ink scaled below 200): all of its ink counts, not only the darkest,
    // or a thin minus seen by all three recognisers was taken for no minus at all.
    // The figure's own ink, not specks about it: a minus is its leftmost piece, or a faint bar just
    // left of it (within a digit's height: a minus stands beside its digits, never across the cell).
    const own = cell.fig ?? cell.ink!;
    const bar = leadingBar(cell.figCrop ?? cell.crop!, 200, dpi) || barLeftOf(img, Math.max(cell.box[0] + inset, own[0] - (own[3] - own[1])), own, loose, dpi);
    // A confident different reading by the Chinese model (a mark, another figure) is a doubt too.
    const txt = tx.text.replace(/\s+/g, '');
    // Figures on two lines: two rows merged where a rule was lost — neither is this cell's for sure.
    const stacked = textLines(cell.crop!, 250, dpi) > 1;
    // Two figures side by side in one crop (a column rule lost), or digits read with a character.
    // (A faint 0 read as 人0) is one 0, not digits with a character.)
    // Two figures are two glyphs at least: a crop the pixels show as one digit read 06 or 0 7 (a
    // speck read as a digit) is one figure misread — never taken as read, but read again.
    const two = (t: string) => twoFigures(t) && glyphCount(cell.crop!) >= 2;
    const gapped = twoFigures(dg.text) || twoFigures(dg2.text);
    // Digits and a character where the pixels show only the digits (人0: a speck read as 人 — a
    // character would be ink as high as a digit) are the digits, not two cells merged.
    // A 0 broken into two arcs by the threshold counts as its one glyph (seed 133/000003: 人0, 0 and 0).
    const speckChar = FIGURE.test(d) && d === d2 && (glyphCount(cell.crop!) === d.replace(/[-.]/g, '').length || (d === '0' && brokenZero(cell.crop!)));
    const merged = two(dg.text) || two(dg2.text) || (mixedFigure(txt) && !FAINT_ZERO.test(txt) && !speckChar);
    // The English model drops a minus sign the other two read: the sign is taken when the
    // pixels show the bar and both other readings have it, the digits agreeing in all three.
    const lostMinus = bar && !d.startsWith('-') && !d.includes('.') && d2 === `-${d}` && fig === d2 && tx.conf >= 80;
    const read = lostMinus ? d2 : d;
    const pointShown = (v: string) =>
      (fig === null || tx.conf < MIN_CONF || fig === v.replace('.', '')) &&
      decimalPoint(cell.crop!) === v.length - v.indexOf('.') - 1 &&
      glyphCount(cell.crop!) === v.replace(/[-.]/g, '').length;
    // Among the lone 0, 6 and 9 the hole the pixels show decides (a 6 read 0 surely by the Chinese model).
    const holeSays = (v: string, other: string) => /^[069]$/.test(v) && /^[069]$/.test(other) && holeShape(cell.figCrop ?? cell.crop!) === HOLE_OF[v];
    const contradicted = (v: string) =>
      // A lone 6 or 9 must not have a 0's hole (a speck of noise inside a 0 reads as 9, alike in all three).
      (/^-?[69]$/.test(v) && holeShape(cell.crop!) === 'ring') ||
      stacked ||
      merged ||
      ZERO_MARKS.test(txt) ||
      STROKES.test(txt) ||
      (fig !== null && fig !== v && tx.conf >= 80 && !(fig === v.replace('.', '') && pointShown(v)) && !holeSays(v, fig)) ||
      // A decimal point is a speck as easily as a digit: decimals need the Chinese model's reading
      // too, or the pixels to show the point where the figure has it, and its digits — the Chinese
      // reading then unsure, or the figure with its point lost (148.43 read 14843, 836.94 8306.94 at 17).
      (v.includes('.') && fig !== v && !pointShown(v)) ||
      // A 0 has no sign: a speck taken for a bar beside a 0 whose ring the pixels show is no minus.
      (v.startsWith('-') !== bar && !(v === '0' && holeShape(cell.crop!) === 'ring')) ||
      // A figure without a point whose digits leave a point's room between two of them, on a page
      // whose specks were cleaned away (the point with them).
      (speckled && !v.includes('.') && v.replace('-', '').length >= 2 && roomForPoint(cell.figCrop ?? cell.crop!));
    const agreed = FIGURE.test(read) && read === d2 && Math.min(dg.conf, dg2.conf) >= MIN_CONF && !gapped && !contradicted(read);
    return { tx, dg, dg2, fig, d, d2, txt, bar, stacked, merged, two, read, contradicted, agreed };
  };
  type Assessment = ReturnType<typeof assess>;
  const assessed = new Map<Cell, Assessment>();
  for (const c of figureCells) assessed.set(c, assess(c));

  // A third reading, only of the figures the first two left in doubt (nothing else is paid for):
  // the crop made anew (enlarged, thresholded on its own), read by both digit models again. A
  // figure is then kept when both new readings agree with confidence, agree with one of the
  // first readings too, and nothing contradicts it (sign from the pixels, marks, hole, decimals).
  /** What the third reading's recognisers said of each cell it read again (whatever it settled). */
  const thirdSaid = new Map<Cell, string[]>();
  /** The third reading of `candidates` (cells of `src`: the page, or its smoothed copy), figures it settles. */
  const thirdReading = async (candidates: Cell[], src: Grey): Promise<Map<Cell, string>> => {
    const third = new Map<Cell, string>();
    const retry = candidates.filter((c) => {
      const a = assessed.get(c)!;
      // A figure no first reading read at all (a clear 0 amid specks read as nothing by all three) is
      // read again from its own ink; only the readings of that crop can then make it a figure.
      const unread = a.d === '' && a.d2 === '' && a.txt === '' && c.fig !== undefined;
      return !c.mark && !a.agreed && !a.stacked && !a.merged && !ZERO_MARKS.test(a.txt) && !STROKES.test(a.txt) && ([a.d, a.d2, a.fig ?? ''].some((x) => /\d/.test(x)) || unread);
    });
    if (retry.length) {
      // Each figure in two crops on one strip: thresholded on its own histogram, and halfway to the
      // paper (faint strokes kept: a blurred 0 whose thin top and bottom the first crop lost reads
      // as ()). The same crop when the pixels show a minus (that one is already made so).
      const crops = retry.map((c) => {
        const bar = assessed.get(c)!.bar;
        const ink = c.fig ?? c.ink!;
        return bar ? [rereadCrop(src, c.box[0] + inset, ink, dpi, true)] : [rereadCrop(src, c.box[0] + inset, ink, dpi, false), rereadCrop(src, c.box[0] + inset, ink, dpi, false, true)];
      });
      const { strip, placed } = buildStrip(crops.flat(), dpi * 2);
      const r3 = readStrip(await engine.recognize(strip, 'digits', dpi * 2), placed);
      const r4 = readStrip(await engine.recognize(strip, 'digits2', dpi * 2), placed);
      let at = 0;
      retry.forEach((c, i) => {
        const a = assessed.get(c)!;
        const found = new Set<string>();
        thirdSaid.set(c, [...r3.slice(at, at + crops[i].length), ...r4.slice(at, at + crops[i].length)].map((r) => r.text.replace(/\s+/g, '')));
        for (let k = 0; k < crops[i].length; k++, at++) {
          const v = r3[at].text.replace(/\s+/g, '');
          if (process.env.NIANBAO_OCR_DEBUG) process.stderr.write(`third ${JSON.stringify(r3[at])} ${JSON.stringify(r4[at])} first ${a.d}/${a.d2}/${a.fig} bar=${a.bar} ${c.box.map(Math.round)}\n`);
          // Four readings of two crops by two models alike may be less sure each; two alone may not.
          // A first reading with a trailing point or dash (0., 5-: a speck beside the figure) is a
          // reading of the figure when a crop shows as many digits as the figure has.
          const shown = [c.crop!, ...crops[i]].some((g) => glyphCount(g) === v.replace(/[-.]/g, '').length);
          const firsts = [a.d, a.d2, a.fig].filter((x) => x === v || (shown && x !== null && trailingSpeck(x) === v)).length;
          const conf = Math.min(r3[at].conf, r4[at].conf);
          if (FIGURE.test(v) && v === r4[at].text.replace(/\s+/g, '') && firsts >= 1 && conf >= (firsts >= 2 ? MIN_CONF_FOUR : MIN_CONF) && !a.contradicted(v)) found.add(v);
        }
        // The two crops saying different figures are a doubt still, and so is any new reading of
        // another figure, passing or not (a 0 read 9/9 in one crop and 6/0 in the other at 150 dpi).
        const others = [...r3.slice(at - crops[i].length, at), ...r4.slice(at - crops[i].length, at)].map((r) => ({ x: r.text.replace(/\s+/g, ''), conf: r.conf })).filter((r) => FIGURE.test(r.x));
        const mine3 = r3.slice(at - crops[i].length, at);
        const mine4 = r4.slice(at - crops[i].length, at);
        // A reading that lost a glyph of the figure (1 for 11) is no other figure when the pixels show the figure's digits.
        const lost = (x: string, f: string) => !f.includes('.') && !x.includes('.') && x.startsWith('-') === f.startsWith('-') && lostDigits(x.replace('-', ''), f.replace('-', '')) && glyphCount(c.crop!) === f.replace('-', '').length;
        // Nor is a reading of one glyph more, unsure, where the pixels show the figure's digits (16 read 106 at 55).
        const added = (x: string, conf: number, f: string) => conf < 60 && !f.includes('.') && !x.includes('.') && x.startsWith('-') === f.startsWith('-') && glyphMore(x.replace('-', ''), f.replace('-', '')) && glyphCount(c.crop!) === f.replace('-', '').length;
        // Nor, for a decimal, the other crop's reading of its digits with the point lost, read without
        // confidence (< 30: seed 133/000001, 84919.09 read alike at 90–92 by the text model, the English
        // model and both models on one crop, 8491909 at 0–1 on the other).
        const pointLost = (x: string, conf: number, f: string) => conf < 30 && f.includes('.') && x === f.replace('.', '');
        if (found.size === 1 && others.every(({ x, conf }) => x === [...found][0] || lost(x, [...found][0]) || added(x, conf, [...found][0]) || pointLost(x, conf, [...found][0]))) third.set(c, [...found][0]);
        // A 0 one crop read surely, vetoed by a reading of 00 (its faint first crop broken into two
        // arcs, seed 111/000000): the pixels decide, as for a 0 no reading read surely.
        else if ((found.size === 0 || (found.size === 1 && found.has('0'))) && zeroByPixels(a, mine3.map((r) => r.text), mine4.map((r) => r.text), [c.crop!, ...crops[i]], c.ink!, dpi)) third.set(c, '0');
        else {
          // All seven readings alike but for glyphs lost: the figure, when nothing else contradicts it.
          const readings: Reading[] = [
            { text: a.fig ?? a.txt, conf: a.tx.conf, english: false },
            { text: a.d, conf: a.dg.conf, english: true },
            { text: a.d2, conf: a.dg2.conf, english: false },
            ...mine3.map((r) => ({ text: r.text, conf: r.conf, english: true })),
            ...mine4.map((r) => ({ text: r.text, conf: r.conf, english: false })),
          ];
          const v = consensusFigure(readings, glyphCount(c.crop!), a.bar, oneStroke(c.crop!, dpi)) ?? sureFigure(readings, glyphCount(c.crop!), holeShape(c.figCrop ?? c.crop!), a.bar);
          if (v !== null && !a.contradicted(v)) third.set(c, v);
          if (process.env.NIANBAO_OCR_DEBUG) process.stderr.write(`consensus ${v ?? '-'} ${v !== null && !a.contradicted(v) ? 'taken' : ''} glyphs=${glyphCount(c.crop!)} ${c.box.map(Math.round)}\n`);
        }
      });
    }
    return third;
  };
  const third = await thirdReading(figureCells, img);

  // A speckled page's figures still in doubt, read again from the page smoothed by a 3×3 median
  // (salt-and-pepper specks gone, strokes two pixels wide and more kept): all three recognisers
  // on the smoothed cell, taken only as a first reading is — the three agreeing, surely, and
  // nothing contradicting the figure — and then only when the page's own pixels do not contradict
  // it either (its sign, its hole, its point) and no sure first reading said another figure.
  // A median thins what is one pixel thin (a faint minus, a decimal point): those are judged on
  // the page as scanned, never on the smoothed copy.
  const second = new Map<Cell, string>();
  const unsure = speckled
    ? figureCells.filter((c) => {
        const a = assessed.get(c)!;
        return !c.mark && !a.agreed && !third.has(c) && !a.stacked && !a.merged;
      })
    : [];
  if (unsure.length) {
    const smooth = median3(img);
    const twins = new Map<Cell, Cell>();
    for (const c of unsure) {
      const twin = cellOn(smooth, c.t, c.c);
      if (twin.crop && !twin.mark) twins.set(c, twin);
    }
    const list = [...twins.values()];
    if (list.length) {
      await readCells(list, [
        ['text', texts],
        ['digits', digits],
        ['digits2', digits2],
      ]);
      for (const twin of list) assessed.set(twin, assess(twin));
      // Read a third time as the page's own figures are, from the smoothed page.
      const thirdOfTwins = await thirdReading(list.filter((t) => !assessed.get(t)!.agreed), smooth);
      for (const [c, twin] of twins) {
        const a = assessed.get(twin)!;
        const v = a.agreed ? a.read : thirdOfTwins.get(twin);
        const first = assessed.get(c)!;
        const sureOther = [
          { x: first.fig, conf: first.tx.conf },
          { x: first.d, conf: first.dg.conf },
          { x: first.d2, conf: first.dg2.conf },
        ].some((r) => r.x && FIGURE.test(r.x) && r.x !== v && r.conf >= 80);
        // Nor when the page as scanned was read as another figure twice, however unsurely (first and
        // third readings: 55 by two recognisers and a crop where the smoothed copy said 35 at 150 dpi;
        // 4 twice where it said 9) — the median then chose between two figures, it did not clear one.
        const twiceOther = v !== undefined && readTwiceAsAnother(v, [first.fig, first.d, first.d2, ...(thirdSaid.get(c) ?? [])]);
        if (v !== undefined && !first.contradicted(v) && !sureOther && !twiceOther) second.set(c, v);
        if (process.env.NIANBAO_OCR_DEBUG) process.stderr.write(`smoothed ${JSON.stringify(a.tx)} ${JSON.stringify(a.dg)} ${JSON.stringify(a.dg2)} agreed=${a.agreed} third=${thirdOfTwins.get(twin) ?? '-'} taken=${second.has(c)} ${c.box.map(Math.round)}\n`);
      }
    }
  }

  let doubtful = 0;
  const debugCrops: { name: string; img: Grey }[] = [];
  const entries: OcrEntry[] = [];
  tables.forEach((t, ti) => {
    const rows: OcrCell[][] = [];
    for (let r = 0; r < t.ys.length - 1; r++) rows.push([]);
    for (const cell of cells.filter((c) => c.t === ti)) {
      const rc = t.cells[cell.c];
      const out: OcrCell = { text: '', x: rc.x0, yTop: H * k - rc.y1, rowSpan: rc.rowSpan, colSpan: rc.colSpan, box: cell.box.map(Math.round) as Box };
      const tx = texts.get(cell);
      const a = assessed.get(cell);
      if (tx) {
        if (a) {
          const { d, d2, txt, bar, stacked, merged, fig } = a;
          const cjk = /[\u4e00-\u9fff]/.test(tx.text);
          if (process.env.NIANBAO_OCR_DEBUG === 'crops') debugCrops.push({ name: `${d || 'x'}-${cell.box.map(Math.round).join('_')}-${bar}`, img: cell.crop! });
          // A dash alone, told from the pixels: a zero mark, unless a digit reading saw a digit.
          if (cell.mark) {
            if (!/\d/.test(d + d2)) out.text = cell.mark;
            else {
              out.doubt = [];
              doubtful++;
            }
          } else if (a.agreed || third.has(cell) || second.has(cell)) {
            out.text = a.agreed ? a.read : (third.get(cell) ?? second.get(cell)!);
            const alts = otherReadings(out.text, [d, d2, fig], glyphCount(cell.crop!));
            if (alts.length) out.alts = alts;
          }
          else if (ZERO_MARKS.test(d) && d === d2 && ZERO_MARKS.test(txt) && bar && cell.ink![3] - cell.ink![1] <= dpi * 0.04) out.text = d;
          // One character alone where the digit models read nothing (a 4 read 才): no template label
          // is one character, so it is a figure unread — a doubt, never the report's own blank. A
          // word a report writes for no figure (无, 空, 略) is kept, for cell-invalid.
          else if (!merged && d === '' && d2 === '' && loneChar(txt)) {
            out.doubt = [];
            doubtful++;
          } else if (!merged && d === '' && d2 === '' && tx.text.trim() !== '' && !FAINT_ZERO.test(txt) && ((cjk && tx.conf >= 60 && !/\d/.test(txt)) || ZERO_MARKS.test(txt))) out.text = ZERO_MARKS.test(tx.text.trim()) ? tx.text.trim() : snapLabel(tx.text, tx.conf);
          else {
            // A figure too long for its narrow cell wraps onto a second line, its first line as wide
            // as the cell: the two lines read as one are a candidate, for the identities alone to settle.
            const wrapped = stacked && wrapsInCell(cell.crop!, cell.box[2] - cell.box[0] - 2 * inset, dpi) && FIGURE.test(d) && d === d2 && !d.startsWith('-');
            // Digits beside a stray character (了3, 人4: a speck or a stroke read as one), both digit
            // readings alike and no sign of two figures: the digits are a candidate, for the identities alone.
            const stray = merged && !stacked && !a.two(a.dg.text) && !a.two(a.dg2.text) && FIGURE.test(d) && d === d2 && !d.startsWith('-');
            // A faint 0 read as brackets (人(), (O)) is a 0 for the identities to settle, whatever the digit models saw.
            const faint = FAINT_ZERO.test(txt) ? '0' : null;
            const cands = merged ? (stray ? [d] : []) : stacked ? (wrapped ? [d] : []) : [...new Set([d, d2, fig, faint].flatMap((x) => (x && FIGURE.test(x) ? [x, x.startsWith('-') ? x.slice(1) : `-${x}`] : [])))].filter((x) => Number(x) !== 0 || x === '0');
            out.doubt = cands;
            doubtful++;
            if (process.env.NIANBAO_OCR_DEBUG) process.stderr.write(`doubt bar=${bar} stacked=${stacked} ${JSON.stringify(tx)} ${JSON.stringify(a.dg)} ${JSON.stringify(a.dg2)} ${cell.box.map(Math.round)}\n`);
          }
        } else if (loneChar(tx.text)) {
          // A cell of several rows merged where row rules were lost (their figures read as 才 at 0).
          out.doubt = [];
          doubtful++;
        } else out.text = ZERO_MARKS.test(tx.text.trim()) ? tx.text.trim() : snapLabel(tx.text, tx.conf);
      }
      rows[rc.row].push(out);
    }
    for (const row of rows) row.sort((a, b) => a.x - b.x);
    if (rows.every((row) => row.every((c) => !c.text && !c.doubt))) return;
    entries.push({ kind: 'grid', cy: t.y1, rows });
  });

  if (debugCrops.length) {
    const fs = await import('node:fs');
    for (const c of debugCrops) fs.writeFileSync(`/tmp/s9/crops/${c.name}.pgm`, encodePgm(c.img));
  }
  // Prose: the page with its tables blanked, read line by line.
  // Cleaned first: a white box on grey, speckled paper would look like a picture to the layout.
  const prose: Grey = clean(img, thr);
  for (const t of tables) {
    const x0 = Math.max(0, Math.floor(t.x0 / k) - inset), x1 = Math.min(img.width, Math.ceil(t.x1 / k) + inset);
    const y0 = Math.max(0, Math.floor(H - t.y1 / k) - inset), y1 = Math.min(img.height, Math.ceil(H - t.y0 / k) + inset);
    for (let y = y0; y < y1; y++) prose.data.fill(255, y * img.width + x0, y * img.width + x1);
  }
  if (inkBox(prose, [0, 0, prose.width, prose.height], thr, dpi)) {
    const words = await engine.recognize(prose, "page", dpi);

    const lines = new Map<string, OcrWord[]>();
    for (const w of words) {
      const key = `${w.block}.${w.par}.${w.line}`;
      if (!lines.has(key)) lines.set(key, []);
      lines.get(key)!.push(w);
    }
    const read: { text: string; box: Box }[] = [];
    for (const ws of lines.values()) {
      ws.sort((a, b) => a.x0 - b.x0);
      let text = '';
      for (const w of ws) {
        if (text && /[A-Za-z0-9%.]$/.test(text) && /^[A-Za-z0-9]/.test(w.text)) text += ' ';
        text += w.text;
      }
      text = text.trim();
      // Specks read as lone punctuation are no line.
      if (!text || !/[\p{L}\p{N}]/u.test(text)) continue;
      read.push({ text, box: [Math.min(...ws.map((w) => w.x0)), Math.min(...ws.map((w) => w.y0)), Math.max(...ws.map((w) => w.x1)), Math.max(...ws.map((w) => w.y1))] });
    }
    for (const l of joinWrappedHeadings(read)) entries.push({ kind: 'line', cy: (H - (l.box[1] + l.box[3]) / 2) * k, text: snapHeading(l.text), pos: { x: l.box[0] * k, yTop: l.box[1] * k }, box: l.box });
  }
  entries.sort((a, b) => b.cy - a.cy);
  return { entries, skew, dpi, cells: inked.length, doubtful };
}

/**
 * Whether, of a cell's readings (`said`: the recognisers' texts, null where none), two or more
 * give one figure other than `v` (signs aside): the cell was read as two figures.
 */
export function readTwiceAsAnother(v: string, said: (string | null | undefined)[]): boolean {
  const figures = said.map((x) => (x ?? '').replace(/\s+/g, '').replace(/^-/, '')).filter((x) => FIGURE.test(x));
  const own = v.replace(/^-/, '');
  return figures.some((x) => x !== own && figures.filter((y) => y === x).length >= 2);
}
