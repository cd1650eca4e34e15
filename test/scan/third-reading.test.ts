/**
 * The third reading of doubtful figures (page.ts) with a scripted engine: which readings a
 * figure is kept on, and that a third reading alone never makes a figure (no wrong number).
 */
import { describe, expect, it } from 'vitest';
import type { Grey } from '../../src/read/ocr/raster.js';
import type { OcrEngine, OcrMode, OcrWord } from '../../src/read/ocr/tesseract.js';
import { gridCells, inkBands, ruledPage } from '../helpers/scan-grid.js';

/** A page with a ruled table of two rows of two cells, a figure-sized block of ink in each. */
function page(): Grey {
  const w = 700;
  const x0 = 100, y0 = 150, cw = 200, rh = 100;
  const g = ruledPage(w, 600, x0, y0, cw, rh, 2, 2);
  const data = g.data;
  // A "digit" in each cell: a block (no hole, no bar).
  for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) for (let y = y0 + r * rh + 35; y < y0 + r * rh + 65; y++) data.fill(30, y * w + x0 + c * cw + 90, y * w + x0 + c * cw + 106);
  return g;
}

/** An engine that finds the crops stacked on the strip (bands of inked rows) and reads each as told. */
function scripted(say: (mode: OcrMode, big: boolean, i: number) => [string, number]): OcrEngine {
  return {
    name: 'scripted',
    async recognize(img, mode, dpi) {
      if (mode === 'page') return [];
      const bands = inkBands(img);
      return bands.map(([a, b], i): OcrWord => {
        const [text, conf] = say(mode, dpi > 250, i);
        return { text, conf, x0: 10, y0: a, x1: img.width - 10, y1: b, block: 1, par: 1, line: i + 1 };
      });
    },
  };
}

const cellsOf = (engine: OcrEngine) => gridCells(page(), engine);

describe('the third reading of doubtful figures', () => {
  it('keeps a figure both new readings agree on with a first reading; a reading of its own is no figure', async () => {
    // Cell 0: first readings 7 / 1 (disagree), third 7 / 7 → 7. Cell 1: first 7 / 1, third 4 / 4
    // (agrees with no first reading) → still a doubt. Cells 2, 3: first 5 / 5 → 5, never read again.
    const first: Record<string, string[]> = { text: ['7', '7', '5', '5'], digits: ['7', '7', '5', '5'], digits2: ['1', '1', '5', '5'] };
    // Each doubtful figure is read in two crops (its own threshold, and halfway to the paper).
    const third: Record<string, string[]> = { digits: ['7', '7', '4', '4'], digits2: ['7', '7', '4', '4'] };
    const calls: string[] = [];
    const engine = scripted((mode, big, i) => {
      calls.push(`${mode}${big ? '×2' : ''}`);
      return [(big ? third : first)[mode][i], 90];
    });
    const cells = await cellsOf(engine);
    expect(cells).toEqual(['7', '?7/-7/1/-1', '5', '5']);
    // Two more calls, each for the two doubtful cells only (two crops each: four bands a call).
    expect(calls.filter((c) => c.endsWith('×2'))).toEqual(['digits×2', 'digits×2', 'digits×2', 'digits×2', 'digits2×2', 'digits2×2', 'digits2×2', 'digits2×2']);
  });

  it('needs confidence from two new readings alike, more when they agree with one first reading only', async () => {
    const first: Record<string, string[]> = { text: ['7', '7', '7', '7'], digits: ['7', '7', '7', '7'], digits2: ['1', '1', '7', '7'] };
    const conf = [[55, 55], [45, 45], [90, 90], [90, 90]];
    const engine = scripted((mode, big, i) => (big ? ['7', conf[Math.floor(i / 2)][mode === 'digits' ? 0 : 1]] : [first[mode][i], i === 2 && mode === 'digits' ? 30 : 90]));
    // Cells 0 and 1: 7 by the third reading and by two first readings (text and digits) → 40 is enough.
    // Cell 2: first readings agree but one is unsure (30) → third 7/7 at 90 → 7. Cell 3: agreed at once.
    expect(await cellsOf(engine)).toEqual(['7', '7', '7', '7']);
    const lone: Record<string, string[]> = { text: ['', '', '', ''], digits: ['7', '7', '7', '7'], digits2: ['1', '1', '1', '1'] };
    const engine2 = scripted((mode, big, i) => (big ? ['7', conf[Math.floor(i / 2)][mode === 'digits' ? 0 : 1]] : [lone[mode][i], 90]));
    // Only the English model's first reading agrees: 55 and 45 are not enough, 90 is.
    expect(await cellsOf(engine2)).toEqual(['?7/-7/1/-1', '?7/-7/1/-1', '7', '7']);
  });

  it('takes a figure from either of its two new crops, never when the two crops say different figures', async () => {
    const first: Record<string, string[]> = { text: ['', '', '5', '5'], digits: ['7', '7', '5', '5'], digits2: ['1', '1', '5', '5'] };
    // Cell 0: the first crop reads nothing, the faint one 7/7 → 7. Cell 1: 7/7 and 1/1, both agreeing
    // with a first reading → still a doubt.
    const third: Record<string, string[]> = { digits: ['', '7', '7', '1'], digits2: ['', '7', '7', '1'] };
    const engine = scripted((mode, big, i) => [(big ? third : first)[mode][i], 90]);
    expect(await cellsOf(engine)).toEqual(['7', '?7/-7/1/-1', '5', '5']);
  });

  it('is a doubt when either new crop reads another figure, even one that does not pass (a 0 read 9/9 and 6/0)', async () => {
    const first: Record<string, string[]> = { text: ['', '', '5', '5'], digits: ['9', '7', '5', '5'], digits2: ['9', '1', '5', '5'] };
    // Cell 0: first 9/9 unsure; the first crop 9/9 passes, the faint one reads 6 and 0 → a doubt.
    // Cell 1: first 7/1; 7/7 passes, the faint crop reads nothing → 7.
    const third: Record<string, string[]> = { digits: ['9', '6', '7', ''], digits2: ['9', '0', '7', ''] };
    const engine = scripted((mode, big, i) => [(big ? third : first)[mode][i], big || mode !== 'digits2' || i > 0 ? 90 : 30]);
    expect(await cellsOf(engine)).toEqual(['?9/-9', '7', '5', '5']);
  });

  it('gives digits read beside a stray character (了3) as a candidate only when both digit readings agree and nothing says two figures', async () => {
    const said = (t0: string, d0: string, e0: string): Record<string, string[]> => ({ text: [t0, '5', '5', '5'], digits: [d0, '5', '5', '5'], digits2: [e0, '5', '5', '5'] });
    // The character is ink a digit high beside the digit (a second block in cell 0).
    const g = page();
    for (let y = 183; y < 217; y++) g.data.fill(30, y * g.width + 100 + 120, y * g.width + 100 + 140);
    const run = (r: Record<string, string[]>) => gridCells(g, scripted((mode, big, i) => [big ? '' : r[mode][i], 90]));
    expect(await run(said('了3', '3', '3'))).toEqual(['?3', '5', '5', '5']);
    // Where the pixels show the digit alone, the character is a speck read as one: the figure (seed 88/000000, 人0).
    expect(await cellsOf(scripted((mode, big, i) => [big ? '' : said('了3', '3', '3')[mode][i], 90]))).toEqual(['3', '5', '5', '5']);
    expect(await run(said('了3', '3', '8'))).toEqual(['?', '5', '5', '5']);
    expect(await run(said('了3', '3 1', '3 1'))).toEqual(['?', '5', '5', '5']);
  });

  it('reads a faint 0 the Chinese model took for (O) as a figure cell, not a label (a row of table 四 one figure short)', async () => {
    const first: Record<string, string[]> = { text: ['(O)', '（0）', '5', '5'], digits: ['0', '0', '5', '5'], digits2: ['0', '0', '5', '5'] };
    const engine = scripted((mode, big, i) => [big ? '0' : first[mode][i], big || i >= 2 ? 95 : 50]);
    expect(await cellsOf(engine)).toEqual(['0', '0', '5', '5']);
  });

  it('reads a faint 0 read as 人(), 人(O) or 人O) as a figure cell, not a label (a row of table 三 lost whole)', async () => {
    // The Chinese model reads the faint 0 confidently as one character and brackets, the digit models
    // nothing or 0: before, the cell was a label amid the row's figures and the whole row unreadable.
    for (const text of ['人()', '人(O)', '人O)', '人0)']) {
      const first: Record<string, string[]> = { text: [text, text, '5', '5'], digits: ['0', '', '5', '5'], digits2: ['0', '', '5', '5'] };
      const engine = scripted((mode, big, i) => [big ? '0' : first[mode][i], 90]);
      const cells = await cellsOf(engine);
      // Cell 0: read 0 alike by both digit models → 0. Cell 1: no digit read at all → a doubt (0 its
      // one candidate, for the identities to settle), never a label.
      expect(cells).toEqual(['0', '?0', '5', '5']);
    }
    // A label of the template keeps being a label.
    // (The digit models read the figure cells only: cells 1, 2, 3.)
    // Its ink is characters as wide as high (one narrow glyph a digit high is a figure, oneNarrowGlyph).
    const g = page();
    for (let y = 185; y < 215; y++) for (const x of [150, 190]) g.data.fill(30, y * g.width + x, y * g.width + x + 30);
    const engine = scripted((mode, big, i) => [mode === 'text' ? ['其他处理', '人(O)', '5', '5'][i] : ['0', '5', '5'][i], 90]);
    expect(await gridCells(g, engine)).toEqual(['其他处理', '0', '5', '5']);
  });

  it('takes a third reading whose other crop lost a glyph of it (1 for 11) when the pixels show as many digits; never another digit', async () => {
    // Cells 0 and 1 hold two "digits" (blocks) each. First readings 11 / 11 / 1 (unsure); the third:
    // 11/11 in one crop, 1/11 in the other (a glyph lost) → 11. Cell 1: 11/11 and 17/11 → a doubt.
    const g = page();
    for (const x0 of [100, 300]) for (let y = 185; y < 215; y++) g.data.fill(30, y * g.width + x0 + 120, y * g.width + x0 + 136);
    const first: Record<string, string[]> = { text: ['11', '11', '5', '5'], digits: ['11', '11', '5', '5'], digits2: ['1', '1', '5', '5'] };
    const third: Record<string, string[]> = { digits: ['11', '1', '11', '17'], digits2: ['11', '11', '11', '11'] };
    const engine = scripted((mode, big, i) => [(big ? third : first)[mode][i], big ? 90 : mode === 'digits2' && i < 2 ? 30 : 90]);
    expect(await gridCells(g, engine)).toEqual(['11', '?11/-11/1/-1', '5', '5']);
    // One block where the readings say 11: the pixels show one digit, the lost glyph is no lost glyph.
    expect(await gridCells(page(), engine)).toEqual(['?11/-11/1/-1', '?11/-11/1/-1', '5', '5']);
  });

  it('takes a decimal two digit models read alike when the pixels show its point (the Chinese reading lost it or unsure); never without the point', async () => {
    // Five "digits" (blocks 12 px wide, 30 high) in cell 0 and cell 1; a point (4 × 4 on the
    // baseline) between the third and the fourth in cell 0 only.
    const g = page();
    const w = g.width;
    for (const x0 of [100, 300]) {
      for (let y = 185; y < 215; y++) g.data.fill(240, y * w + x0 + 90, y * w + x0 + 106);
      for (const dx of [40, 60, 80, 110, 130]) for (let y = 185; y < 215; y++) g.data.fill(30, y * w + x0 + dx, y * w + x0 + dx + 12);
    }
    for (let y = 211; y < 215; y++) g.data.fill(30, y * w + 100 + 97, y * w + 100 + 101);
    // Cells 2 and 3 stay one block each: their crops are narrower, each read as a word over its own ink.
    const text = (t0: string, c: number): OcrEngine => ({
      name: 'scripted',
      async recognize(img, mode, dpi) {
        if (mode === 'page') return [];
        return inkBands(img).map(([a, b], i): OcrWord => {
          let x0 = img.width, x1 = 0;
          for (let y = a; y < b; y++) for (let x = 0; x < img.width; x++) if (img.data[y * img.width + x] < 128) (x0 = Math.min(x0, x)), (x1 = Math.max(x1, x + 1));
          const txt = mode === 'text' ? [t0, t0, '5', '5'][i] : dpi > 250 ? '' : ['148.43', '148.43', '5', '5'][i];
          return { text: txt, conf: mode === 'text' && i < 2 ? c : 90, x0, y0: a, x1, y1: b, block: 1, par: 1, line: i + 1 };
        });
      },
    });
    // The Chinese model read it without the point (14843), or another figure unsurely: the point
    // the pixels show settles it. Cell 1 has no point: a doubt.
    expect(await gridCells(g, text('14843', 90))).toEqual(['148.43', '?148.43/-148.43/14843/-14843', '5', '5']);
    expect(await gridCells(g, text('1480.43', 20))).toEqual(['148.43', '?148.43/-148.43/1480.43/-1480.43', '5', '5']);
    // Read surely as another figure by the Chinese model: a doubt, point or not.
    expect((await gridCells(g, text('1480.43', 90)))[0]).toMatch(/^\?/);
  });
});
