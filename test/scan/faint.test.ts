/**
 * A figure too light for the page's threshold (a faint 0 on a light scan): with no ink at the
 * threshold it was the report's own blank (a silent blank and a false cell-missing at 150 dpi).
 * Halfway to the paper it still shows a glyph, clear of the cell's edges: a doubt.
 */
import { describe, expect, it } from 'vitest';
import { faintGlyph, inkBox } from '../../src/read/ocr/page.js';
import type { Grey } from '../../src/read/ocr/raster.js';

const DPI = 150;
/** Page threshold, and the looser one halfway to the paper (235), as readPageImage makes them. */
const THR = 140;
const LOOSE = Math.round((THR + 235) / 2);

/** A cell's inside: grey paper with a few one-pixel specks. */
function cell(w = 100, h = 34): Grey {
  const data = new Uint8Array(w * h).fill(235);
  for (const [x, y] of [[7, 5], [60, 28], [85, 9]]) data[y * w + x] = 120;
  return { width: w, height: h, data };
}

/** A 0's ring, `level` dark, about a digit high at 150 dpi (13 px), in the middle of the cell. */
function ring(g: Grey, level: number): Grey {
  const cx = 50, cy = 17, rx = 4.5, ry = 6.5;
  for (let y = 0; y < g.height; y++)
    for (let x = 0; x < g.width; x++) {
      const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      if (d >= 0.55 && d <= 1.25) g.data[y * g.width + x] = level;
    }
  return g;
}

describe('a glyph too light to be ink', () => {
  it('is found halfway to the paper when the page threshold sees nothing', () => {
    const g = ring(cell(), 175);
    expect(inkBox(g, [0, 0, g.width, g.height], THR, DPI)).toBeNull();
    expect(faintGlyph(g, LOOSE, DPI)).toBe(true);
  });

  it('is not found in a blank cell with specks, nor in what is left of a rule along its edge', () => {
    expect(faintGlyph(cell(), LOOSE, DPI)).toBe(false);
    const g = cell();
    // A light rule remnant along the top edge, and one down the left edge.
    for (let y = 0; y < 2; y++) g.data.fill(175, y * g.width, (y + 1) * g.width);
    for (let y = 0; y < g.height; y++) g.data[y * g.width + 1] = 175;
    expect(faintGlyph(g, LOOSE, DPI)).toBe(false);
  });
});
