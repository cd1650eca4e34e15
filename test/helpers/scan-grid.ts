/** The cells a scanned page's grid reads to, with a scripted engine: text, or `?a/b` for a doubt with its candidates. */
import { readPageImage } from '../../src/read/ocr/page.js';
import type { Grey } from '../../src/read/ocr/raster.js';
import type { OcrEngine } from '../../src/read/ocr/tesseract.js';

export async function gridCells(page: Grey, engine: OcrEngine): Promise<string[]> {
  const r = await readPageImage(page, 200, engine);
  const grid = r.entries.find((e) => e.kind === 'grid');
  if (!grid || grid.kind !== 'grid') throw new Error('no grid');
  return grid.rows.flat().map((c) => (c.doubt ? `?${c.doubt.join('/')}` : c.text));
}

/** Bands of inked pixel rows of a strip (the crops an engine is handed, stacked top to bottom). */
export function inkBands(img: Grey): [number, number][] {
  const bands: [number, number][] = [];
  let start = -1;
  for (let y = 0; y <= img.height; y++) {
    const ink = y < img.height && img.data.subarray(y * img.width, (y + 1) * img.width).some((v) => v < 128);
    if (ink && start < 0) start = y;
    if (!ink && start >= 0) bands.push([start, y]), (start = -1);
  }
  return bands;
}

/** A light page with a ruled table: `cols` × `rows` cells of `cw` × `rh` px from (x0, y0), rules 2 px. */
export function ruledPage(w: number, h: number, x0: number, y0: number, cw: number, rh: number, cols: number, rows: number): Grey {
  const data = new Uint8Array(w * h).fill(240);
  for (let r = 0; r <= rows; r++) for (let t = 0; t < 2; t++) data.fill(20, (y0 + r * rh + t) * w + x0, (y0 + r * rh + t) * w + x0 + cols * cw + 2);
  for (let c = 0; c <= cols; c++) for (let y = y0; y < y0 + rows * rh + 2; y++) for (let t = 0; t < 2; t++) data[y * w + x0 + c * cw + t] = 20;
  return { width: w, height: h, data };
}
