/**
 * Zero marks (-, —) in scanned cells: too little ink for a figure, they were taken for the
 * report's own blank (silent blanks and false cell-missing). Told from the pixels as one thin
 * bar across the middle of the cell, specks passed over wherever they lie.
 */
import { describe, expect, it } from 'vitest';
import { dashMark, readPageImage } from '../../src/read/ocr/page.js';
import type { Grey } from '../../src/read/ocr/raster.js';
import type { OcrEngine, OcrMode, OcrWord } from '../../src/read/ocr/tesseract.js';
import { gridCells, inkBands, ruledPage } from '../helpers/scan-grid.js';

/** A cell's inside at 200 dpi: grey paper, with specks of one and two pixels scattered over it. */
function inside(w = 140, h = 44, specks = true): Grey {
  const data = new Uint8Array(w * h).fill(235);
  if (specks) {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 25; i++) {
      const x = Math.floor(rnd() * (w - 1));
      const y = Math.floor(rnd() * (h - 1));
      data[y * w + x] = 30;
      if (i % 3 === 0) data[y * w + x + 1] = 30;
    }
  }
  return { width: w, height: h, data };
}

function bar(g: Grey, x0: number, y0: number, len: number, thick = 2): Grey {
  for (let y = y0; y < y0 + thick; y++) g.data.fill(25, y * g.width + x0, y * g.width + x0 + len);
  return g;
}

describe('zero marks from the pixels', () => {
  it('finds a hyphen and a dash across the middle of a speckled cell, and only the bar', () => {
    expect(dashMark(bar(inside(), 64, 21, 11), 128, 200)).toEqual([64, 21, 75, 23]);
    expect(dashMark(bar(inside(), 56, 20, 28, 3), 128, 200)).toEqual([56, 20, 84, 23]);
  });

  it('finds a ragged dash (blurred, JPEG-eaten: two rows whole, a third in part, a pixel above and below)', () => {
    const g = bar(inside(), 41, 21, 28);
    g.data.fill(25, 23 * 140 + 50, 23 * 140 + 58);
    g.data[20 * 140 + 44] = 25;
    g.data[24 * 140 + 55] = 25;
    expect(dashMark(g, 128, 200)).toEqual([41, 20, 69, 25]);
  });

  it('finds nothing in a blank cell, however speckled', () => {
    expect(dashMark(inside(), 128, 200)).toBeNull();
  });

  it('is no mark when the bar is not alone, not in the middle, too thick, or a rule across the cell', () => {
    // A bar with a stroke beside it (a figure half read): not a mark.
    const withStroke = bar(inside(), 64, 21, 11);
    for (let y = 12; y < 32; y++) withStroke.data.fill(25, y * 140 + 90, y * 140 + 92);
    expect(dashMark(withStroke, 128, 200)).toBeNull();
    // Near the top of the cell (an underline or a stroke of the row above): not a mark.
    expect(dashMark(bar(inside(), 64, 3, 11), 128, 200)).toBeNull();
    // A block, not a bar.
    expect(dashMark(bar(inside(), 64, 16, 11, 10), 128, 200)).toBeNull();
    // A rule's remains running from edge to edge.
    expect(dashMark(bar(inside(), 0, 21, 140), 128, 200)).toBeNull();
  });
});

/** A ruled table of two rows of three cells: a hyphen, an em dash and a figure-sized block; three blocks. */
function page(): Grey {
  const w = 800;
  const x0 = 100, y0 = 100, cw = 200, rh = 60;
  const g = ruledPage(w, 400, x0, y0, cw, rh, 3, 2);
  const data = g.data;
  bar(g, x0 + 95, y0 + 30, 11);
  bar(g, x0 + cw + 86, y0 + 30, 28);
  for (const [r, c] of [[0, 2], [1, 0], [1, 1], [1, 2]]) for (let y = y0 + r * rh + 18; y < y0 + r * rh + 44; y++) data.fill(30, y * w + x0 + c * cw + 92, y * w + x0 + c * cw + 106);
  return g;
}

/** Reads every crop on a strip as `say` tells (crops found as bands of inked rows or, in a line, columns). */
function scripted(say: (mode: OcrMode, i: number) => string): OcrEngine {
  return {
    name: 'scripted',
    async recognize(img, mode) {
      if (mode === 'page') return [];
      const bands = inkBands(img);
      return bands.map(([a, b], i): OcrWord => ({ text: say(mode, i), conf: 90, x0: 10, y0: a, x1: img.width - 10, y1: b, block: 1, par: 1, line: i + 1 }));
    },
  };
}

const cellsOf = (engine: OcrEngine) => gridCells(page(), engine);

describe('zero marks on a scanned page', () => {
  it('reads a hyphen and an em dash alone in their cells as zero marks (the recognisers saw nothing in them)', async () => {
    const said: Record<string, string[]> = { text: ['', '一', '5'], digits: ['', '', '5'], digits2: ['', '-', '5'] };
    expect(await cellsOf(scripted((mode, i) => said[mode][i] ?? '5'))).toEqual(['-', '—', '5', '5', '5', '5']);
  });

  it('makes a mark a digit reading took for a figure a doubt, never a figure and never a blank', async () => {
    const said: Record<string, string[]> = { text: ['', '', '5'], digits: ['1', '', '5'], digits2: ['', '', '5'] };
    expect(await cellsOf(scripted((mode, i) => said[mode][i] ?? '5'))).toEqual(['?', '—', '5', '5', '5', '5']);
  });
});

/** Two rows of two cells: a 0 (a ring) in the first, a 10 (a stroke and a ring) in the second, figure-sized blocks below. */
function zeroPage(): Grey {
  const w = 700, h = 500;
  const data = new Uint8Array(w * h).fill(240);
  const x0 = 100, y0 = 100, cw = 200, rh = 80;
  for (const y of [y0, y0 + rh, y0 + 2 * rh]) for (let t = 0; t < 2; t++) data.fill(20, (y + t) * w + x0, (y + t) * w + x0 + 2 * cw + 2);
  for (let c = 0; c <= 2; c++) for (let y = y0; y < y0 + 2 * rh + 2; y++) for (let t = 0; t < 2; t++) data[y * w + x0 + c * cw + t] = 20;
  const ring = (cx: number, cy: number) => {
    for (let y = cy - 15; y <= cy + 15; y++)
      for (let x = cx - 10; x <= cx + 10; x++) {
        const r = ((x - cx) / 9) ** 2 + ((y - cy) / 14) ** 2;
        const r2 = ((x - cx) / 6) ** 2 + ((y - cy) / 11) ** 2;
        if (r <= 1 && r2 >= 1) data[y * w + x] = 25;
      }
  };
  ring(x0 + 100, y0 + 40);
  ring(x0 + cw + 108, y0 + 40);
  for (let y = y0 + 26; y <= y0 + 54; y++) data.fill(25, y * w + x0 + cw + 86, y * w + x0 + cw + 90);
  for (const c of [0, 1]) for (let y = y0 + rh + 26; y < y0 + rh + 54; y++) data.fill(30, y * w + x0 + c * cw + 92, y * w + x0 + c * cw + 106);
  return { width: w, height: h, data };
}

describe('a 0 no recogniser read surely', () => {
  const read = async (first: Record<string, string[]>, third: string[] = ['', '', '', '']) => {
    const engine: OcrEngine = {
      name: 'scripted',
      async recognize(img, mode, dpi) {
        const e = scripted((m, i) => (dpi > 250 ? third[i] ?? '' : first[m][i] ?? '5'));
        // First readings of the zero cells are unsure by the Chinese model's digits.
        return (await e.recognize(img, mode, dpi)).map((w, i) => (dpi <= 250 && mode === 'digits2' && i < 2 ? { ...w, conf: 20 } : w));
      },
    };
    const r = await readPageImage(zeroPage(), 200, engine);
    const grid = r.entries.find((e) => e.kind === 'grid');
    if (!grid || grid.kind !== 'grid') throw new Error('no grid');
    return grid.rows.flat().map((c) => (c.doubt ? `?${c.doubt.join('/')}` : c.text));
  };

  it('is a 0 when every reading says 0 or nothing and the pixels show one ring one digit wide', async () => {
    const first = { text: ['0', '0'], digits: ['0', '0'], digits2: ['0', '0'] };
    // The 10 whose 1 every recogniser lost stays a doubt: the 1 is ink beside the ring.
    expect(await read(first)).toEqual(['0', '?0', '5', '5']);
  });

  it('is a doubt when any reading saw another digit', async () => {
    expect(await read({ text: ['8', '0'], digits: ['0', '0'], digits2: ['0', '0'] })).toEqual(['?0/8/-8', '?0', '5', '5']);
    expect(await read({ text: ['0', '0'], digits: ['0', '0'], digits2: ['0', '0'] }, ['', '6', '', ''])).toEqual(['?0', '?0', '5', '5']);
  });
});
