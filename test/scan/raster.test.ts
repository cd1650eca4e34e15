/** The pure parts of the OCR path: page images, deskew, ruling lines → cell grid, the label dictionary. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findRuledTables } from '../../src/read/pdf-grid.js';
import { snapHeading, snapLabel } from '../../src/read/ocr/labels.js';
import { eraseEdgeRules, holeShape, inkBox, rereadCrop, textLines, twoFigures, wrapsInCell } from '../../src/read/ocr/page.js';
import { decodePnm, despeckle, encodePgm, findRules, joinPieces, leadingBar, otsu, rotate, skewAngle, speckleShare, type Grey } from '../../src/read/ocr/raster.js';

const FIX = path.join(import.meta.dirname, 'fixtures');

/** A white page with a fully ruled table of `rows` × `cols` cells (2-pixel rules), like a scanned form. */
function ruledPage(w: number, h: number, rows: number, cols: number): Grey {
  const data = new Uint8Array(w * h).fill(235);
  const x0 = 100, y0 = 150, cw = 120, rh = 50;
  for (let r = 0; r <= rows; r++) for (let t = 0; t < 2; t++) data.fill(20, (y0 + r * rh + t) * w + x0, (y0 + r * rh + t) * w + x0 + cols * cw + 2);
  for (let c = 0; c <= cols; c++) for (let y = y0; y < y0 + rows * rh + 2; y++) for (let t = 0; t < 2; t++) data[y * w + x0 + c * cw + t] = 20;
  // A "figure" in every cell: a small solid block.
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) for (let y = 15; y < 35; y++) data.fill(30, (y0 + r * rh + y) * w + x0 + c * cw + 50, (y0 + r * rh + y) * w + x0 + c * cw + 62);
  return { width: w, height: h, data };
}

describe('page images', () => {
  it('decodes PGM and PPM (ink from the red channel: a red seal is paper)', () => {
    const g: Grey = { width: 3, height: 2, data: new Uint8Array([0, 128, 255, 10, 20, 30]) };
    expect(decodePnm(encodePgm(g))).toEqual(g);
    const ppm = new Uint8Array([...new TextEncoder().encode('P6\n# scanner\n2 1\n255\n'), 230, 30, 30, 0, 0, 0]);
    expect([...decodePnm(ppm).data]).toEqual([230, 0]);
  });

  it('finds a ruled table and its cells, also after a 1.5° rotation is measured and undone', () => {
    const page = ruledPage(1000, 900, 6, 5);
    const thr = otsu(page);
    const direct = findRules(page, thr, 200);
    const k = 72 / 200;
    const toPt = (r: ReturnType<typeof findRules>) => ({
      h: r.h.map((x) => ({ at: (page.height - x.at) * k, from: x.from * k, to: x.to * k })),
      v: r.v.map((x) => ({ at: x.at * k, from: (page.height - x.to) * k, to: (page.height - x.from) * k })),
    });
    expect(findRuledTables(toPt(direct))[0].cells).toHaveLength(30);
    const skewed = rotate(page, -1.5);
    const angle = skewAngle(skewed, otsu(skewed));
    expect(Math.abs(angle - 1.5)).toBeLessThan(0.1);
    const level = rotate(skewed, angle);
    const tables = findRuledTables(toPt(findRules(level, otsu(level), 200)));
    expect(tables).toHaveLength(1);
    expect(tables[0].cells).toHaveLength(30);
  });

  it('removes specks but keeps thin rules and strokes', () => {
    const page = ruledPage(600, 600, 3, 3);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 4000; i++) page.data[Math.floor(rnd() * page.data.length)] = 0;
    const thr = otsu(page);
    expect(speckleShare(page, thr)).toBeGreaterThan(0.15);
    const clean = despeckle(page, thr, 12);
    expect(speckleShare(clean, thr)).toBeLessThan(0.02);
    const rules = findRules(clean, thr, 200);
    expect(rules.h.length).toBeGreaterThanOrEqual(4);
    expect(rules.v.length).toBeGreaterThanOrEqual(4);
  });
});

describe('short rows, rule remains, merged rows', () => {
  /** Table 四 in a narrow layout: a tall header row, then a data row of one line of small figures. */
  function shortRowTable(): Grey {
    const w = 900, h = 500;
    const data = new Uint8Array(w * h).fill(240);
    const x0 = 100, cw = 100, cols = 6, ys = [100, 200, 226];
    for (const y of ys) for (let t = 0; t < 2; t++) data.fill(20, (y + t) * w + x0, (y + t) * w + x0 + cols * cw + 2);
    // Column rules drawn through both rows, but broken by a white speck of 3 px at the data row's
    // top, as JPEG and speckle leave them: the data row's piece is then shorter than a rule must be.
    for (let c = 0; c <= cols; c++) for (let y = ys[0]; y < ys[2] + 2; y++) if (y < ys[1] + 2 || y > ys[1] + 4) for (let t = 0; t < 2; t++) data[y * w + x0 + c * cw + t] = 20;
    for (let c = 0; c < cols; c++) for (let y = ys[1] + 8; y < ys[2] - 6; y++) data.fill(30, y * w + x0 + c * cw + 45, y * w + x0 + c * cw + 53);
    return { width: w, height: h, data };
  }

  it('carries a column rule on across a row too short for its own piece to count as a rule (its cells are cells, not one)', () => {
    const page = shortRowTable();
    const thr = otsu(page);
    const rules = findRules(page, thr, 200);
    const k = 72 / 200;
    const tables = findRuledTables({
      h: rules.h.map((x) => ({ at: (page.height - x.at) * k, from: x.from * k, to: x.to * k })),
      v: rules.v.map((x) => ({ at: x.at * k, from: (page.height - x.to) * k, to: (page.height - x.from) * k })),
    });
    expect(tables).toHaveLength(1);
    // Two rows of six cells each: the data row is not one merged cell.
    expect(tables[0].cells).toHaveLength(12);
    expect(tables[0].cells.every((c) => c.colSpan === 1)).toBe(true);
  });

  it('does not make a rule of a stroke in a short row: only the line of a rule found elsewhere is carried on', () => {
    const page = shortRowTable();
    const w = page.width;
    // A tall stroke (a 1 touching both rules) in the data row, off every column rule.
    for (let y = 202; y < 226; y++) page.data[y * w + 175] = page.data[y * w + 176] = 20;
    const rules = findRules(page, otsu(page), 200);
    expect(rules.v.some((r) => Math.abs(r.at - 175.5) < 3)).toBe(false);
  });

  /** Two rows × two columns (150 × 100 px cells); `mid` draws the rule between the rows. */
  function twoRows(mid: (data: Uint8Array, w: number, y: number) => void): Grey {
    const w = 600, h = 400;
    const data = new Uint8Array(w * h).fill(240);
    const x0 = 100, x1 = 400, xs = [100, 250, 400], ys = [100, 200, 300];
    for (const y of [ys[0], ys[2]]) for (let t = 0; t < 2; t++) data.fill(20, (y + t) * w + x0, (y + t) * w + x1 + 2);
    mid(data, w, ys[1]);
    for (const x of xs) for (let y = ys[0]; y < ys[2] + 2; y++) for (let t = 0; t < 2; t++) data[y * w + x + t] = 20;
    return { width: w, height: h, data };
  }
  const cellsOf = (page: Grey) => {
    const rules = findRules(page, otsu(page), 200, 200);
    const k = 72 / 200;
    const t = findRuledTables({
      h: rules.h.map((x) => ({ at: (page.height - x.at) * k, from: x.from * k, to: x.to * k })),
      v: rules.v.map((x) => ({ at: x.at * k, from: (page.height - x.to) * k, to: (page.height - x.from) * k })),
    });
    return t[0]?.cells.length ?? 0;
  };
  /** A rule along y from x0 to x1 that speckle broke: its pixels alternate between two rows every 4 px. */
  const zigzag = (data: Uint8Array, w: number, y: number, x0: number, x1: number) => {
    for (let x = x0; x < x1; x++) data[(y + (Math.floor(x / 4) % 2)) * w + x] = 20;
  };

  it('keeps a row rule whose end speckle broke short of the border, drops a line of strokes inside a cell', () => {
    // The rule between the rows is whole but for its last 24 px, broken; a line of character
    // strokes 110 px long starts at the left border inside the first row's first cell.
    const page = twoRows((data, w, y) => {
      for (let t = 0; t < 2; t++) data.fill(20, (y + t) * w + 100, (y + t) * w + 378);
      zigzag(data, w, y, 378, 402);
    });
    for (let t = 0; t < 2; t++) page.data.fill(20, (150 + t) * page.width + 100, (150 + t) * page.width + 210);
    expect(cellsOf(page)).toBe(4);
  });

  it('drops a line of strokes across a wrapped label cell with text above and below it (its row was split and lost)', () => {
    // Seed 101/000012, page 4 (200 dpi, speckled), deskewed, the part of table 三 about
    // 4.无正当理由大量反复申请 — stored in three levels (ink at the threshold, ink at the loose
    // threshold, paper), which is all findRules looks at. The bottoms of 理由大量 lined up from border
    // to border of the label cell made a rule across it at y 232.
    const img = decodePnm(new Uint8Array(gunzipSync(readFileSync(path.join(FIX, 'wrapped-label-strokes.pgm.gz')))));
    const rules = findRules(img, 182, 200, 212);
    expect(rules.h.filter((r) => r.at > 220 && r.at < 245)).toEqual([]);
    // The table's real rules are all still there.
    expect(rules.h.length).toBe(7);
    expect(rules.v.length).toBe(16);
  });

  it('keeps a row rule that runs on a little past the border (blur, a speck beyond it)', () => {
    const page = twoRows((data, w, y) => {
      for (let t = 0; t < 2; t++) data.fill(20, (y + t) * w + 90, (y + t) * w + 402);
    });
    expect(cellsOf(page)).toBe(4);
  });

  it('recovers a row rule speckle broke all along, where a column rule stops at it', () => {
    // The second row is one merged cell: the middle column rule stops at the broken row rule.
    const page = twoRows((data, w, y) => zigzag(data, w, y, 100, 402));
    for (let y = 203; y < 300; y++) page.data[y * page.width + 250] = page.data[y * page.width + 251] = 240;
    expect(cellsOf(page)).toBe(3);
  });

  it('does not make rules of a heading\'s strokes just above a table (the table would swallow the heading)', () => {
    const page = twoRows((data, w, y) => {
      for (let t = 0; t < 2; t++) data.fill(20, (y + t) * w + 100, (y + t) * w + 402);
    });
    // Two vertical strokes of one character, 8 px apart, joined at the top, ending just above the table.
    const w = page.width;
    for (let y = 40; y < 94; y++) for (const x of [200, 201, 208, 209]) page.data[y * w + x] = 20;
    page.data.fill(20, 40 * w + 200, 40 * w + 210);
    const rules = findRules(page, otsu(page), 200, 200);
    expect(Math.min(...rules.h.map((r) => r.at))).toBeGreaterThanOrEqual(99);
    expect(rules.v.every((r) => r.from >= 95)).toBe(true);
  });

  it('drops a box of a heading\'s strokes standing on the table\'s top rule (三、收到和处理… read as a row of the table)', () => {
    const page = twoRows((data, w, y) => {
      for (let t = 0; t < 2; t++) data.fill(20, (y + t) * w + 100, (y + t) * w + 402);
    });
    const w = page.width;
    // A stroke across (y 50, x 200–320, longer than a short rule) on two uprights down to the table's top rule.
    for (let t = 0; t < 2; t++) page.data.fill(20, (50 + t) * w + 200, (50 + t) * w + 322);
    for (let y = 44; y < 100; y++) for (const x of [200, 201, 320, 321]) page.data[y * w + x] = 20;
    const rules = findRules(page, otsu(page), 200, 200);
    expect(Math.min(...rules.h.map((r) => r.at))).toBeGreaterThanOrEqual(99);
    expect(rules.v.every((r) => r.from >= 95)).toBe(true);
    expect(cellsOf(page)).toBe(4);
    // A rule under a merged header cell stays: its uprights run on above it.
    const header = twoRows((data, w, y) => {
      for (let t = 0; t < 2; t++) data.fill(20, (y + t) * w + 250, (y + t) * w + 402);
    });
    expect(findRules(header, otsu(header), 200, 200).h.some((r) => Math.abs(r.at - 200.5) < 2)).toBe(true);
  });

  it('keeps a column rule whose last stretch JPEG lost, from the row rule above to the one below the rows it runs through whole', () => {
    const page = twoRows((data, w, y) => {
      for (let t = 0; t < 2; t++) data.fill(20, (y + t) * w + 100, (y + t) * w + 402);
    });
    // The middle column rule is lost over the last 40 px above the bottom rule.
    for (let y = 260; y < 302; y++) page.data[y * page.width + 250] = page.data[y * page.width + 251] = 240;
    const rules = findRules(page, otsu(page), 200, 200);
    const mid = rules.v.filter((r) => Math.abs(r.at - 250.5) < 3);
    expect(mid).toHaveLength(1);
    expect(mid[0].from).toBeLessThanOrEqual(101);
    expect(Math.abs(mid[0].to - 200.5)).toBeLessThan(3);
    // Two cells in the first row, one in the second.
    expect(cellsOf(page)).toBe(3);
  });

  it('drops strokes of a heading above a table that hold each other up as rules (二、主动公开… split by a cell of its own strokes)', () => {
    const page = twoRows((data, w, y) => {
      for (let t = 0; t < 2; t++) data.fill(20, (y + t) * w + 100, (y + t) * w + 402);
    });
    const w = page.width;
    // A stroke across (y 40, x 230–300) between two upright strokes: the right one runs down to
    // the table's top rule, the left one ends in the paper, anchored by nothing but the stroke across.
    for (let t = 0; t < 2; t++) page.data.fill(20, (40 + t) * w + 230, (40 + t) * w + 302);
    for (let y = 30; y < 100; y++) page.data[y * w + 300] = page.data[y * w + 301] = 20;
    for (const left of [
      [10, 70],
      [47, 85],
    ]) {
      const p = { ...page, data: page.data.slice() };
      for (let y = left[0]; y < left[1]; y++) p.data[y * w + 230] = p.data[y * w + 231] = 20;
      const rules = findRules(p, otsu(p), 200, 200);
      expect(Math.min(...rules.h.map((r) => r.at))).toBeGreaterThanOrEqual(99);
      expect(rules.v.every((r) => r.from >= 95)).toBe(true);
      expect(cellsOf(p)).toBe(4);
    }
  });

  it('whitens a broken rule lying along a cell\'s edge, keeps a dash printed in the cell', () => {
    const w = 600, h = 40;
    const data = new Uint8Array(w * h).fill(255);
    // A rule's remains at the top edge, dashed (JPEG), and a figure and a dash in the middle.
    for (let x = 0; x < w; x++) if (x % 9 < 6) data[x] = data[w + x] = 40;
    for (let y = 12; y < 30; y++) data.fill(30, y * w + 280, y * w + 292);
    for (let y = 20; y < 22; y++) data.fill(30, y * w + 320, y * w + 390);
    const g = eraseEdgeRules({ width: w, height: h, data }, 128, 200);
    expect(inkBox(g, [0, 0, w, h], 128, 200)).toEqual([280, 12, 390, 30]);
  });

  it('tells a 0 with a speck inside from a 9 by its hole', () => {
    /** Rows of a glyph: '#' ink, '.' paper. */
    const glyph = (rows: string[]): Grey => {
      const w = rows[0].length + 4, h = rows.length + 4;
      const data = new Uint8Array(w * h).fill(255);
      rows.forEach((r, y) => [...r].forEach((c, x) => c === '#' && (data[(y + 2) * w + x + 2] = 60)));
      return { width: w, height: h, data };
    };
    // The 0 of the 150 dpi scan that all three recognisers read as 9: a speck joined to its ring.
    const zeroWithSpeck = glyph(['..####..', '.#....#.', '##....##', '#......#', '#......#', '#......#', '#......#', '#...####', '#......#', '#......#', '##....##', '.#....#.', '..####..']);
    const nine = glyph(['..####..', '.#....#.', '#......#', '#......#', '.#....##', '..####.#', '.......#', '.......#', '......#.', '.....#..', '..###...']);
    const six = glyph(['...###..', '..#.....', '.#......', '#.......', '#.####..', '##....#.', '#......#', '#......#', '.#....#.', '..####..']);
    expect(holeShape(zeroWithSpeck)).toBe('ring');
    expect(holeShape(nine)).toBe('top');
    expect(holeShape(six)).toBe('bottom');
  });

  it('counts the lines of figures in a crop: two figures stacked are two rows merged', () => {
    const w = 60;
    const one = new Uint8Array(w * 30).fill(255);
    for (let y = 5; y < 25; y++) one.fill(0, y * w + 10, y * w + 22);
    expect(textLines({ width: w, height: 30, data: one }, 250, 200)).toBe(1);
    const two = new Uint8Array(w * 70).fill(255);
    for (const top of [5, 42]) for (let y = top; y < top + 20; y++) two.fill(0, y * w + 10, y * w + 22);
    expect(textLines({ width: w, height: 70, data: two }, 250, 200)).toBe(2);
    // A minus sign before a figure, a broken stroke: still one line.
    const minus = new Uint8Array(w * 30).fill(255);
    for (let y = 5; y < 25; y++) if (y !== 14) minus.fill(0, y * w + 20, y * w + 30);
    minus.fill(0, 15 * w + 5, 15 * w + 15);
    expect(textLines({ width: w, height: 30, data: minus }, 250, 200)).toBe(1);
  });
});

describe('column rules from their pieces', () => {
  it('joins a column rule\'s pieces lying a pixel or two apart into one rule, top to bottom (a heavily speckled page of table 三)', () => {
    // The pieces of the rule between the labels and 自然人 as found on a seed-33 scan (cut at every
    // row rule, ends given back), and a short duplicate beside the header's piece. Joined in order
    // of position, 838…1146 became a rule of its own whose upper end met nothing, and was dropped.
    const at = [838, 838.5, 838.5, 838.5, 838.5, 838.5, 839, 839.5, 839.5, 839.5, 839.5, 839.5, 840.33, 840.5];
    const spans = [[418, 543], [1265, 1385], [1385, 1506], [1506, 1659], [1659, 1861], [1861, 1980], [1146, 1265], [543, 663], [663, 784], [784, 904], [904, 1026], [1026, 1146], [344, 543], [294, 344]];
    const rules = joinPieces(at.map((a, i) => ({ at: a, from: spans[i][0], to: spans[i][1] })), 14);
    const long = rules.filter((r) => r.to - r.from > 200);
    expect(long).toHaveLength(1);
    expect([long[0].from, long[0].to]).toEqual([294, 1980]);
  });

  it('keeps two column rules apart, and a rule of its own apart from one side by side with it', () => {
    const rules = joinPieces([
      { at: 100, from: 0, to: 300 },
      { at: 140, from: 0, to: 300 },
      { at: 101, from: 290, to: 600 },
    ], 14);
    expect(rules.map((r) => [Math.round(r.at), r.from, r.to])).toEqual([[100, 0, 600], [140, 0, 300]]);
  });
});

describe('doubtful figures: third reading, merged and wrapped figures', () => {
  it('makes the third reading\'s crop twice the size, black and white, with a faint minus left of the ink', () => {
    const w = 200, h = 60;
    const data = new Uint8Array(w * h).fill(215);
    // A figure (dark block) and a faint minus 20 px left of it, the cell's inside starting at x 10.
    for (let y = 15; y < 45; y++) data.fill(40, y * w + 100, y * w + 118);
    for (let y = 29; y < 32; y++) data.fill(150, y * w + 66, y * w + 80);
    const g = rereadCrop({ width: w, height: h, data }, 10, [100, 15, 118, 45], 200, true);
    expect(g.height).toBe((30 + 8) * 2);
    expect(new Set(g.data)).toEqual(new Set([0, 255]));
    // The minus is in the crop, as ink: some ink rows in the middle band left of the figure.
    const minusInk = [...Array(g.height).keys()].filter((y) => g.data.subarray(y * g.width, y * g.width + 30).some((v) => v === 0));
    expect(minusInk.length).toBeGreaterThan(2);
    expect(minusInk.length).toBeLessThan(12);
  });

  it('sees the thin minus of a small figure in a cleaned crop (all three recognisers read -1, the pixels said no minus)', () => {
    // The crop of -1 from a 200 dpi scan, cleaned: '#' dark ink, '+' light ink (scaled below 200), ' ' paper.
    const rows = [
      '                ++        ',
      '              +###        ',
      '             +++##        ',
      '               +##+       ',
      '                ##+       ',
      '                ##        ',
      '                ##        ',
      '                ##+       ',
      '                ##+       ',
      '                ##        ',
      '  ++++++        +#        ',
      ' +######+       ##+       ',
      '  ++++++        ##        ',
      '                ##        ',
      '                ##        ',
      '                ##        ',
      '               +##+       ',
      '             +#+####+     ',
    ];
    const glyph = (rs: string[]): Grey => {
      const w = rs[0].length + 4, h = rs.length + 8;
      const data = new Uint8Array(w * h).fill(255);
      rs.forEach((r, y) => [...r].forEach((c, x) => (data[(y + 4) * w + x + 2] = c === '#' ? 60 : c === '+' ? 170 : 255)));
      return { width: w, height: h, data };
    };
    expect(leadingBar(glyph(rows), 200, 200)).toBe(true);
    // The same 1 without its minus.
    expect(leadingBar(glyph(rows.map((r, i) => (i >= 10 && i <= 12 ? `          ${r.slice(10)}` : r))), 200, 200)).toBe(false);
  });

  it('tells two figures in one reading (a column rule lost) from one', () => {
    expect(twoFigures('0 31')).toBe(true);
    expect(twoFigures('031')).toBe(true);
    expect(twoFigures('-05')).toBe(true);
    expect(twoFigures('31')).toBe(false);
    expect(twoFigures('0')).toBe(false);
    expect(twoFigures('-0')).toBe(false);
    expect(twoFigures('0.5')).toBe(false);
    expect(twoFigures('75474')).toBe(false);
  });

  it('tells a figure wrapped in its narrow cell from two rows\' figures stacked', () => {
    const w = 100;
    const make = (first: [number, number], second: [number, number]) => {
      const data = new Uint8Array(w * 70).fill(255);
      for (let y = 5; y < 25; y++) data.fill(0, y * w + first[0], y * w + first[1]);
      for (let y = 42; y < 62; y++) data.fill(0, y * w + second[0], y * w + second[1]);
      return { width: w, height: 70, data };
    };
    // 2398 / 43: the first line fills the cell's inside (90 px).
    expect(wrapsInCell(make([5, 95], [35, 65]), 90, 200)).toBe(true);
    // 5 / 3: two small figures one above the other.
    expect(wrapsInCell(make([40, 55], [40, 55]), 90, 200)).toBe(false);
  });
});

describe('the template as dictionary', () => {
  it('restores labels the recogniser garbled, keeps a confidently read wording variant', () => {
    expect(snapLabel('《五)不巴处理', 40)).toBe('（五）不予处理');
    expect(snapLabel('3要求提供公开出版物', 90)).toBe('3.要求提供公开出版物');
    expect(snapLabel('7.属于行政执法案郑', 60)).toBe('7.属于行政执法案卷');
    expect(snapLabel('行政强制|', 96)).toBe('行政强制');
    expect(snapLabel('2.没有现成信息需要另外制作', 95)).toBe('2.没有现成信息需要另外制作');
    expect(snapLabel('某某街道自定义的一行', 95)).toBe('某某街道自定义的一行');
    // A garbled bracketed ordinal: the rest of the label decides when one template label fits.
    expect(snapLabel('(tb)总计', 90)).toBe('（七）总计');
    expect(snapLabel('(ab)不予处理', 90)).toBe('（五）不予处理');
    expect(snapLabel('(八)总计', 90)).toBe('(八)总计');
  });

  it('restores a section heading with a garbled character, keeping the printed numeral', () => {
    expect(snapHeading('四、政府信息公开行政复议、行政诉讼情;')).toBe('四、政府信息公开行政复议、行政诉讼情况');
    expect(snapHeading('三、总体情兄')).toBe('三、总体情况');
    expect(snapHeading('本年度未收取信息处理费。')).toBe('本年度未收取信息处理费。');
  });
});

describe('doubtful figures and the table identities', () => {
  async function seed() {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { readDocument } = await import('../../src/read/index.js');
    await import('../../src/read/formats.js');
    const { extractReport } = await import('../../src/extract/index.js');
    const file = path.join(__dirname, '../fixtures/real/pingtan-2023.html');
    const doc = await readDocument(readFileSync(file), file);
    return { doc, report: extractReport(doc, file) };
  }
  /** Makes `key` a doubtful OCR cell with these readings, as page.ts and pdf.ts would. */
  function doubt(doc: Awaited<ReturnType<typeof seed>>['doc'], report: Awaited<ReturnType<typeof seed>>['report'], key: string, cands: string[]) {
    const pos = report.cellSources[key].pos!;
    for (const b of doc.blocks) if (b.kind === 'table') for (const row of b.rows) for (const c of row) if (JSON.stringify(c.pos) === JSON.stringify(pos)) c.candidates = cands;
    report.cells[key] = null;
    report.readIssues.push({ code: 'ocr-unreadable', message: '扫描件第 1 页像素区域内的数字无法可靠识别', pos });
  }

  it('takes the one reading that satisfies every identity; leaves the rest blank and names the cell', async () => {
    const { resolveOcrDoubts } = await import('../../src/read/ocr/resolve.js');
    const { doc, report } = await seed();
    const total = report.cells['t3.granted.total']!;
    const t2 = Object.keys(report.cells).find((k) => k.startsWith('t2.') && report.cells[k] !== null)!;
    doubt(doc, report, 't3.granted.total', [String(total + 10), String(total)]);
    doubt(doc, report, t2, ['1', '7']);
    const r = resolveOcrDoubts(doc, report);
    expect(r.cells['t3.granted.total']).toBe(total);
    expect(r.cells[t2]).toBeNull();
    const issues = r.readIssues.filter((i) => i.code === 'ocr-unreadable');
    expect(issues.map((i) => i.cells)).toEqual([[t2]]);
  });

  it('names every cell standing at one doubt\'s place, and settles none of them (a row made unreadable at another cell\'s doubt)', async () => {
    const { resolveOcrDoubts } = await import('../../src/read/ocr/resolve.js');
    const { doc, report } = await seed();
    const total = report.cells['t3.granted.total']!;
    doubt(doc, report, 't3.granted.total', [String(total)]);
    // Another row's cell given the same place (extraction's unreadableRow does so with a doubt's pos).
    report.cellSources['t3.partialGrant.total'] = { ...report.cellSources['t3.partialGrant.total'], pos: report.cellSources['t3.granted.total'].pos };
    report.cells['t3.partialGrant.total'] = null;
    const r = resolveOcrDoubts(doc, report);
    expect(r.cells['t3.granted.total']).toBeNull();
    expect(r.cells['t3.partialGrant.total']).toBeNull();
    const issues = r.readIssues.filter((i) => i.code === 'ocr-unreadable');
    expect(issues.map((i) => [...(i.cells ?? [])].sort())).toEqual([['t3.granted.total', 't3.partialGrant.total']]);
  });
});
