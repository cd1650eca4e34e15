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
import { crop, findRules, otsu, rotate, skewAngle, type Grey } from './raster.js';
import type { OcrEngine, OcrWord } from './tesseract.js';

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

/** Lower than this (tesseract 0..100) a figure is not trusted. */
const MIN_CONF = 60;

interface Crop {
  img: Grey;
  /** Where the crop sits on the strip (top, bottom). */
  top: number;
  bottom: number;
}

/** Ink bounding box of a region, or null when (nearly) blank: specks are not ink. */
function inkBox(img: Grey, b: Box, thr: number, dpi: number): Box | null {
  const [x0, y0, x1, y1] = b.map(Math.round) as Box;
  const minRun = Math.max(2, Math.round(dpi / 100));
  let bx0 = Infinity, by0 = Infinity, bx1 = -1, by1 = -1, count = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    let run = 0;
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      if (img.data[y * img.width + x] < thr) {
        run++;
        count++;
        // Count a pixel as ink only inside a horizontal or vertical stroke, not a lone speck.
        const up = y > 0 && img.data[(y - 1) * img.width + x] < thr;
        const down = y + 1 < img.height && img.data[(y + 1) * img.width + x] < thr;
        if (run >= minRun || up || down) {
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

/** Crops stacked top to bottom with white gaps: one image for one engine call. */
function buildStrip(crops: Grey[], dpi: number): { strip: Grey; placed: Crop[] } {
  const pad = Math.round(dpi / 10);
  const gap = Math.round(dpi / 5);
  const width = Math.max(...crops.map((c) => c.width)) + 2 * pad;
  let height = gap;
  const placed: Crop[] = [];
  for (const c of crops) {
    placed.push({ img: c, top: height, bottom: height + c.height });
    height += c.height + gap;
  }
  const data = new Uint8Array(width * height).fill(255);
  for (const p of placed)
    for (let y = 0; y < p.img.height; y++) data.set(p.img.data.subarray(y * p.img.width, (y + 1) * p.img.width), (p.top + y) * width + pad);
  return { strip: { width, height, data }, placed };
}

/** Words → the crop their vertical centre falls in, joined in reading order. */
function readStrip(words: OcrWord[], placed: Crop[]): { text: string; conf: number }[] {
  const per: OcrWord[][] = placed.map(() => []);
  for (const w of words) {
    const cy = (w.y0 + w.y1) / 2;
    let i = 0;
    let hi = placed.length - 1;
    while (i < hi) {
      const mid = (i + hi) >> 1;
      if (placed[mid].bottom + 1 < cy) i = mid + 1;
      else hi = mid;
    }
    if (i < placed.length && cy >= placed[i].top - 4 && cy <= placed[i].bottom + 4) per[i].push(w);
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
    return { text, conf: ws.length ? Math.min(...ws.map((w) => w.conf)) : 0 };
  });
}

/** Characters the Chinese model prints for digits in a figure cell. */
const DIGIT_LIKE: Record<string, string> = { O: '0', o: '0', '〇': '0', D: '0', Q: '0', l: '1', I: '1', '|': '1', '丨': '1', Z: '2', S: '5', B: '8', g: '9' };

/** The Chinese model's reading of a cell as a figure (its digit look-alikes mapped), or null. */
function asFigure(s: string): string | null {
  const t = s.normalize('NFKC').replace(/\s+/g, '');
  if (!t || t.length > 12) return null;
  const mapped = [...t].map((c) => DIGIT_LIKE[c] ?? c).join('');
  return /^\d+$/.test(mapped) && /\d/.test(t) ? mapped : null;
}

const ZERO_MARKS = /^[-—–－/／]$/;

/** Rules in pixels (y down) → PDF-style rules in points (y up) for the grid builder. */
function toPoints(h: { at: number; from: number; to: number }[], v: { at: number; from: number; to: number }[], H: number, k: number) {
  return {
    h: h.map((r) => ({ at: (H - r.at) * k, from: r.from * k, to: r.to * k })),
    v: v.map((r) => ({ at: r.at * k, from: (H - r.to) * k, to: (H - r.from) * k })),
  };
}

/** Reads one page image at `dpi`. */
export async function readPageImage(page: Grey, dpi: number, engine: OcrEngine): Promise<OcrPageResult> {
  const thr0 = otsu(page);
  const skew = skewAngle(page, thr0);
  const img = rotate(page, skew);
  const thr = otsu(img);
  const k = 72 / dpi;
  const H = img.height;
  const rules = findRules(img, thr, dpi);
  const tables: RuledTable[] = findRuledTables(toPoints(rules.h, rules.v, H, k)).filter((t) => t.cells.length >= 4);
  const inset = Math.max(3, Math.round(dpi / 40));

  // Every non-blank cell: its box and its ink crop.
  interface Cell { t: number; c: number; box: Box; ink: Box | null; crop?: Grey }
  const cells: Cell[] = [];
  tables.forEach((t, ti) =>
    t.cells.forEach((c, ci) => {
      const box: Box = [c.x0 / k, H - c.y1 / k, c.x1 / k, H - c.y0 / k];
      const ink = inkBox(img, [box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset], thr, dpi);
      const cell: Cell = { t: ti, c: ci, box, ink };
      if (ink) {
        const m = Math.round(dpi / 50);
        cell.crop = crop(img, ink[0] - m, ink[1] - m, ink[2] + m, ink[3] + m);
      }
      cells.push(cell);
    }),
  );
  const inked = cells.filter((c) => c.crop);
  const texts = new Map<Cell, { text: string; conf: number }>();
  if (inked.length) {
    const { strip, placed } = buildStrip(inked.map((c) => c.crop!), dpi);
    const read = readStrip(await engine.recognize(strip, 'text', dpi), placed);
    inked.forEach((c, i) => texts.set(c, read[i]));
  }
  // Figures: a digits-only second reading of every cell that looks like one (or was not read).
  const figureCells = inked.filter((c) => {
    const r = texts.get(c)!;
    return asFigure(r.text) !== null || r.text.replace(/\s+/g, '').length <= 2 && !ZERO_MARKS.test(r.text.trim());
  });
  const digits = new Map<Cell, { text: string; conf: number }>();
  if (figureCells.length) {
    const { strip, placed } = buildStrip(figureCells.map((c) => c.crop!), dpi);
    const read = readStrip(await engine.recognize(strip, 'digits', dpi), placed);
    figureCells.forEach((c, i) => digits.set(c, read[i]));
  }

  let doubtful = 0;
  const entries: OcrEntry[] = [];
  tables.forEach((t, ti) => {
    const rows: OcrCell[][] = [];
    for (let r = 0; r < t.ys.length - 1; r++) rows.push([]);
    for (const cell of cells.filter((c) => c.t === ti)) {
      const rc = t.cells[cell.c];
      const out: OcrCell = { text: '', x: rc.x0, yTop: H * k - rc.y1, rowSpan: rc.rowSpan, colSpan: rc.colSpan, box: cell.box.map(Math.round) as Box };
      const tx = texts.get(cell);
      const dg = digits.get(cell);
      if (tx) {
        const fig = asFigure(tx.text);
        if (dg) {
          const d = dg.text.replace(/\s+/g, '');
          if (fig !== null && d === fig && dg.conf >= MIN_CONF) out.text = d;
          else if (fig === null && d === '' && tx.text.trim() !== '') out.text = tx.text.replace(/\s+/g, '');
          else {
            const cands = [...new Set([d, fig].filter((x): x is string => !!x && /^\d+$/.test(x)))];
            out.doubt = cands;
            doubtful++;
          }
        } else out.text = ZERO_MARKS.test(tx.text.trim()) ? tx.text.trim() : tx.text.replace(/\s+/g, '');
      }
      rows[rc.row].push(out);
    }
    for (const row of rows) row.sort((a, b) => a.x - b.x);
    if (rows.every((row) => row.every((c) => !c.text && !c.doubt))) return;
    entries.push({ kind: 'grid', cy: t.y1, rows });
  });

  // Prose: the page with its tables blanked, read line by line.
  const prose: Grey = { width: img.width, height: img.height, data: new Uint8Array(img.data) };
  for (const t of tables) {
    const x0 = Math.max(0, Math.floor(t.x0 / k) - inset), x1 = Math.min(img.width, Math.ceil(t.x1 / k) + inset);
    const y0 = Math.max(0, Math.floor(H - t.y1 / k) - inset), y1 = Math.min(img.height, Math.ceil(H - t.y0 / k) + inset);
    for (let y = y0; y < y1; y++) prose.data.fill(255, y * img.width + x0, y * img.width + x1);
  }
  if (inkBox(prose, [0, 0, prose.width, prose.height], thr, dpi)) {
    const words = await engine.recognize(prose, 'page', dpi);
    const lines = new Map<string, OcrWord[]>();
    for (const w of words) {
      const key = `${w.block}.${w.par}.${w.line}`;
      if (!lines.has(key)) lines.set(key, []);
      lines.get(key)!.push(w);
    }
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
      const box: Box = [Math.min(...ws.map((w) => w.x0)), Math.min(...ws.map((w) => w.y0)), Math.max(...ws.map((w) => w.x1)), Math.max(...ws.map((w) => w.y1))];
      entries.push({ kind: 'line', cy: (H - (box[1] + box[3]) / 2) * k, text, pos: { x: box[0] * k, yTop: box[1] * k }, box });
    }
  }
  entries.sort((a, b) => b.cy - a.cy);
  return { entries, skew, dpi, cells: inked.length, doubtful };
}
