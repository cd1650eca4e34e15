/**
 * Seed 77's doubts at 200 dpi (eighth round, page.ts): the figure's own ink for its sign (specks
 * about it are no minus, and widen no box past its minus), a figure read surely against a dissent
 * its own evidence discounts (sureFigure), a lone 0/6/9 told by its hole, a crop of one digit read
 * with a leading zero. Never another number: every rule has the case that must stay a doubt.
 */
import { describe, expect, it } from 'vitest';
import { figureBox, holeShape, oneNarrowGlyph, sureFigure, trailingSpeck, type Reading } from '../../src/read/ocr/page.js';
import type { Grey } from '../../src/read/ocr/raster.js';
import type { OcrEngine, OcrMode, OcrWord } from '../../src/read/ocr/tesseract.js';
import { gridCells, inkBands, ruledPage } from '../helpers/scan-grid.js';

const r = (text: string, conf: number, english = false): Reading => ({ text, conf, english });

function blank(w: number, h: number): Grey {
  return { width: w, height: h, data: new Uint8Array(w * h).fill(240) };
}
function fill(g: Grey, x0: number, y0: number, x1: number, y1: number, v = 20): void {
  for (let y = y0; y < y1; y++) g.data.fill(v, y * g.width + x0, y * g.width + x1);
}

describe('the figure’s own ink', () => {
  it('is its digit-high pieces and what stands close beside them (a minus), not specks across the cell', () => {
    // -32 at 200 dpi (seed 77/000012): a minus 8 × 2 two pixels left of two digits 10 × 20; specks 3 × 3 far left and right.
    const g = blank(360, 60);
    fill(g, 160, 29, 168, 31);
    fill(g, 170, 20, 180, 40);
    fill(g, 182, 20, 192, 40);
    for (const x of [20, 60, 100, 260, 300, 340]) fill(g, x, 30, x + 3, 33);
    expect(figureBox(g, 128, 200)).toEqual([160, 20, 192, 40]);
    // Only specks (nothing a digit high): no figure.
    const specks = blank(100, 60);
    fill(specks, 20, 30, 23, 33);
    expect(figureBox(specks, 128, 200)).toBeNull();
  });

  it('reads the sign from the figure, not from specks far left of it (37 read alike by all, a doubt before)', async () => {
    // Four cells 250 × 60, each with two digit blocks on its right; in the first, a run of specks
    // (8 × 2) in the middle band 120 px left of the figure: once taken for its minus.
    const g = ruledPage(700, 400, 100, 150, 250, 60, 2, 2);
    for (const [x, y] of [[100, 150], [350, 150], [100, 210], [350, 210]]) {
      fill(g, x + 180, y + 20, x + 192, y + 40);
      fill(g, x + 194, y + 20, x + 206, y + 40);
    }
    fill(g, 160, 180, 168, 182, 120);
    const engine: OcrEngine = {
      name: 'scripted',
      async recognize(img, mode) {
        if (mode === 'page') return [];
        return inkBands(img).map(([a, b], i): OcrWord => ({ text: '37', conf: 92, x0: 10, y0: a, x1: img.width - 10, y1: b, block: 1, par: 1, line: i + 1 }));
      },
    };
    expect(await gridCells(g, engine)).toEqual(['37', '37', '37', '37']);
  });
});

describe('a figure read surely against a dissent its own evidence discounts', () => {
  it('takes 5 read four times at 93–97 against one 9 at 20 (seed 77/000015)', () => {
    // text 5 (96), English 5 (97), Chinese nothing; third: English 5 (97) / 5 (93), Chinese 9 (20) / 5 (38).
    const said = [r('5', 96), r('5', 97, true), r('', 0), r('5', 97, true), r('5', 93, true), r('9', 20), r('5', 38)];
    expect(sureFigure(said, 1, null, false)).toBe('5');
    // The dissent surer than 30, or two of them, or the pixels another count: a doubt.
    expect(sureFigure([...said.slice(0, 5), r('9', 35), r('5', 38)], 1, null, false)).toBeNull();
    expect(sureFigure([...said.slice(0, 5), r('9', 20), r('3', 10)], 1, null, false)).toBeNull();
    expect(sureFigure(said, 2, null, false)).toBeNull();
    // seed 77/000000: 0 read surely three times (96, 94, 87: both models), once 9 at 0; the hole a 0's, or unknown.
    const zero = [r('0', 96), r('0', 58, true), r('0', 65), r('0', 94, true), r('9', 0, true), r('0', 87), r('0', 68)];
    expect(sureFigure(zero, 1, 'ring', false)).toBe('0');
    expect(sureFigure(zero, 1, null, false)).toBe('0');
    // The pixels show a 9's hole: a doubt, however sure the readings.
    expect(sureFigure(zero, 1, 'top', false)).toBeNull();
    // seed 88/000000: 58318 read surely three times, 8318 (a glyph lost), 38318 at 17.
    const five = [r('58318', 82), r('58318', 95, true), r('58318', 50), r('58318', 95, true), r('8318', 0), r('58318', 23, true), r('38318', 17)];
    expect(sureFigure(five, 5, null, false)).toBe('58318');
    // Two sure readings only: a doubt.
    expect(sureFigure([r('58318', 62), ...five.slice(1)], 5, null, false)).toBeNull();
  });

  it('takes 16 against 106 read once at 55, 53 against 353 at 57: a glyph more where the pixels show two', () => {
    const said = [r('16', 59), r('16', 91, true), r('16', 59), r('16', 97, true), r('16', 97, true), r('106', 55), r('16', 93)];
    expect(sureFigure(said, 2, null, false)).toBe('16');
    // The pixels show three digits, or the longer reading is sure: a doubt.
    expect(sureFigure(said, 3, null, false)).toBeNull();
    expect(sureFigure([...said.slice(0, 5), r('106', 75), r('16', 93)], 2, null, false)).toBeNull();
    // Another digit, not a glyph more (126), is no glyph added.
    expect(sureFigure([...said.slice(0, 5), r('18', 55), r('16', 93)], 2, null, false)).toBeNull();
  });

  it('takes a lone 6 read 0 surely twice when the pixels show a 6’s hole (seed 77/000004), never without it', () => {
    const said = [r('0', 90), r('6', 96, true), r('6', 91), r('6', 97, true), r('0', 76), r('6', 97, true), r('6', 97)];
    expect(sureFigure(said, 1, 'bottom', false)).toBe('6');
    expect(sureFigure(said, 1, 'ring', false)).toBeNull();
    expect(sureFigure(said, 1, null, false)).toBeNull();
    // A lone 6 against a 5 is no matter of holes.
    expect(sureFigure([r('5', 90), ...said.slice(1)], 1, 'bottom', false)).toBeNull();
  });

  it('needs the English model and a Chinese model among three sure readings; no decimals, signs only as the pixels show', () => {
    expect(sureFigure([r('5', 96), r('5', 97), r('5', 93), r('9', 10)], 1, null, false)).toBeNull();
    expect(sureFigure([r('5', 96, true), r('5', 97, true), r('5', 93, true), r('5', 90, true)], 1, null, false)).toBeNull();
    expect(sureFigure([r('1.5', 96), r('1.5', 97, true), r('1.5', 93), r('1.5', 90, true)], 2, null, false)).toBeNull();
    const minus = [r('-32', 93), r('-32', 93, true), r('-32', 93), r('32', 44, true), r('-32', 90, true)];
    expect(sureFigure(minus, 2, null, true)).toBe('-32');
    expect(sureFigure(minus, 2, null, false)).toBeNull();
    // A speck beside the figure read as a point or a dash (5., 0-) is the figure read with a speck.
    expect(sureFigure([r('5.', 96), r('5', 97, true), r('5.', 93), r('5', 90, true)], 1, null, false)).toBe('5');
  });

  it('tells a lone digit’s hole from its pixels', () => {
    // A 6: a block with one hole low in it.
    const six = blank(16, 30);
    for (let i = 0; i < six.data.length; i++) six.data[i] = 255;
    fill(six, 2, 2, 14, 28);
    fill(six, 5, 17, 11, 24, 255);
    expect(holeShape(six)).toBe('bottom');
  });
});

describe('a crop of one digit read with a leading zero', () => {
  it('is one figure misread (06 for 6), read again — not two figures merged', async () => {
    const g = ruledPage(700, 600, 100, 150, 200, 100, 2, 2);
    for (let rr = 0; rr < 2; rr++) for (let c = 0; c < 2; c++) fill(g, 100 + c * 200 + 90, 150 + rr * 100 + 35, 100 + c * 200 + 106, 150 + rr * 100 + 65, 30);
    const first: Record<string, string[]> = { text: ['6', '5', '5', '5'], digits: ['6', '5', '5', '5'], digits2: ['06', '5', '5', '5'] };
    const engine = (third: string): OcrEngine => ({
      name: 'scripted',
      async recognize(img, mode: OcrMode, dpi) {
        if (mode === 'page') return [];
        return inkBands(img).map(([a, b], i): OcrWord => ({ text: dpi > 250 ? third : first[mode][i], conf: 90, x0: 10, y0: a, x1: img.width - 10, y1: b, block: 1, par: 1, line: i + 1 }));
      },
    });
    expect(await gridCells(g, engine('6'))).toEqual(['6', '5', '5', '5']);
    // The third reading says another figure: a doubt with candidates, never 06's digits for two cells.
    expect((await gridCells(g, engine('8')))[0]).toMatch(/^\?/);
  });
});

describe('a dash among specks', () => {
  /** A cell's inside at 200 dpi: paper, a dash across the middle, and specks of 2 × 3 px about it. */
  function cell(parts: [number, number][]): Grey {
    const g = blank(110, 90);
    for (const [a, b] of parts) fill(g, a, 49, b, 52);
    for (const [x, y] of [[10, 15], [78, 8], [58, 74], [96, 73]]) fill(g, x, y, x + 2, y + 3);
    return g;
  }

  it('is one bar when JPEG broke it in two end to end (seed 77/000011: read as nothing, a doubt)', async () => {
    const { dashMark } = await import('../../src/read/ocr/page.js');
    expect(dashMark(cell([[43, 55], [57, 71]]), 128, 200)).toEqual([43, 49, 71, 52]);
    // Two bars far apart, or on other rows, are no dash.
    const apart = cell([[20, 35], [60, 75]]);
    expect(dashMark(apart, 128, 200)).toBeNull();
    const g = cell([[43, 55]]);
    fill(g, 57, 60, 71, 63);
    expect(dashMark(g, 128, 200)).toBeNull();
  });

  it('is nothing a digit high: a figure beside it is no dash (figureBox)', () => {
    const g = cell([[43, 71]]);
    expect(figureBox(g, 128, 200)).toBeNull();
    fill(g, 80, 40, 90, 62);
    expect(figureBox(g, 128, 200)).not.toBeNull();
  });
});

/**
 * Two rows of two cells, a digit block in each; `extra` (x0, y0, x1, y1 within cell 0): a second
 * digit-high block beside the first.
 */
function twoByTwo(extra?: [number, number, number, number]): Grey {
  const g = ruledPage(700, 600, 100, 150, 200, 100, 2, 2);
  for (let rr = 0; rr < 2; rr++) for (let c = 0; c < 2; c++) fill(g, 100 + c * 200 + 90, 150 + rr * 100 + 35, 100 + c * 200 + 106, 150 + rr * 100 + 65, 30);
  if (extra) fill(g, 100 + extra[0], 150 + extra[1], 100 + extra[2], 150 + extra[3], 30);
  return g;
}

/** An engine reading each ink band of a crop as scripted: `first[mode][i]` at the first dpi, `third` at the third reading's. The digit models are handed the figure cells only; here every cell is one. */
const engine = (first: Record<string, string[]>, third: string): OcrEngine => ({
  name: 'scripted',
  async recognize(img, mode: OcrMode, dpi) {
    if (mode === 'page') return [];
    return inkBands(img).map(([a, b], i): OcrWord => ({ text: dpi > 250 ? third : first[mode][i], conf: 92, x0: 10, y0: a, x1: img.width - 10, y1: b, block: 1, par: 1, line: i + 1 }));
  },
});

describe('a speck beside a figure read as a character or a mark', () => {
  const page = (extra = false) => twoByTwo(extra ? [120, 33, 140, 67] : undefined);

  it('takes 0 read 人0 by the Chinese model and 0 by both digit models when the pixels show one digit (seed 88/000000)', async () => {
    const first = { text: ['人0', '5', '5', '5'], digits: ['0', '5', '5', '5'], digits2: ['0', '5', '5', '5'] };
    expect(await gridCells(page(), engine(first, ''))).toEqual(['0', '5', '5', '5']);
    // A second glyph as high as a digit beside it: digits and a character, two cells' figures maybe — a doubt.
    expect((await gridCells(page(true), engine(first, '')))[0]).toMatch(/^\?/);
  });

  it('counts a first reading 0. as a reading of 0 for the third reading (seed 88/000003: 人, 0., nothing; third 0/0 twice)', async () => {
    const first = { text: ['人', '5', '5', '5'], digits: ['0.', '5', '5', '5'], digits2: ['', '5', '5', '5'] };
    expect(await gridCells(page(), engine(first, '0'))).toEqual(['0', '5', '5', '5']);
    // The third reading of another figure: a doubt.
    expect((await gridCells(page(), engine(first, '8')))[0]).toMatch(/^\?/);
    expect(trailingSpeck('0.')).toBe('0');
    expect(trailingSpeck('15-')).toBe('15');
    expect(trailingSpeck('1.5')).toBeNull();
    expect(trailingSpeck('.5')).toBeNull();
  });
});

describe('a 0 amid specks read as 人0四, 0 7, or nothing', () => {
  const page = (extra = false) => twoByTwo(extra ? [120, 35, 136, 65] : undefined);

  it('tells one narrow glyph a digit high from characters', () => {
    const one = blank(30, 40);
    fill(one, 10, 10, 22, 32);
    expect(oneNarrowGlyph(one, 200)).toBe(true);
    const square = blank(50, 40);
    fill(square, 10, 5, 40, 35);
    expect(oneNarrowGlyph(square, 200)).toBe(false);
    const two = blank(50, 40);
    fill(two, 5, 10, 17, 32);
    fill(two, 25, 10, 37, 32);
    expect(oneNarrowGlyph(two, 200)).toBe(false);
  });

  it('reads a cell of one narrow glyph read 人0四 as a figure cell (seed 77/000000, 99/000006: a row lost), its 0 7 read again', async () => {
    const first = { text: ['人0四', '5', '5', '5'], digits: ['0 7', '5', '5', '5'], digits2: ['0', '5', '5', '5'] };
    expect(await gridCells(page(), engine(first, '0'))).toEqual(['0', '5', '5', '5']);
    // 0 7 read alike by both digit models on one glyph: never taken as read; the third reading decides.
    const both = { text: ['0 7', '5', '5', '5'], digits: ['0 7', '5', '5', '5'], digits2: ['0 7', '5', '5', '5'] };
    expect((await gridCells(page(), engine(both, '')))[0]).toMatch(/^\?/);
    // Two glyphs a digit high: not one narrow glyph — read as before (its text, for the extraction to judge), never a figure.
    expect((await gridCells(page(true), engine(first, '0')))[0]).toBe('人0四');
  });

  it('reads again a figure no first reading read at all (seed 99/000006: a clear 0 amid specks), taken only on the new readings', async () => {
    const first = { text: ['', '5', '5', '5'], digits: ['', '5', '5', '5'], digits2: ['', '5', '5', '5'] };
    expect(await gridCells(page(), engine(first, '0'))).toEqual(['0', '5', '5', '5']);
    expect((await gridCells(page(), engine(first, '')))[0]).toMatch(/^\?/);
  });
});
