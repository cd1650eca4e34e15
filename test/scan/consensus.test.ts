/**
 * A figure all readings give but for glyphs a recogniser lost (page.ts, consensusFigure): seed 44's
 * doubts 11 (English model: 1 or nothing), 57 (Chinese digits: 7) and 1 (third reading: nothing).
 * Never another number: a reading of another digit, a sign, a decimal or a glyph count that does
 * not match keeps the doubt.
 */
import { describe, expect, it } from 'vitest';
import { consensusFigure, glyphCount, oneStroke, type Reading } from '../../src/read/ocr/page.js';
import type { Grey } from '../../src/read/ocr/raster.js';

const r = (text: string, conf: number, english = false): Reading => ({ text, conf, english });

/** A white crop with `n` digit-high blocks side by side, and optional small specks and a minus. */
function crop(n: number, opts: { speck?: boolean; minus?: boolean; broken?: boolean } = {}): Grey {
  const w = 20 + n * 16 + 12;
  const h = 40;
  const data = new Uint8Array(w * h).fill(255);
  const fill = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++) data.fill(20, y * w + x0, y * w + x1);
  };
  if (opts.minus) fill(2, 19, 12, 21);
  for (let i = 0; i < n; i++) {
    const x = 16 + i * 16;
    if (opts.broken) {
      // A faint 0 read as (): its left and right strokes apart, each nearly its height.
      fill(x, 8, x + 3, 32);
      fill(x + 8, 8, x + 11, 32);
    } else fill(x, 8, x + 10, 32);
  }
  if (opts.speck) fill(w - 4, 2, w - 2, 4);
  return { width: w, height: h, data };
}

describe('a figure every reading gives but for lost glyphs', () => {
  it('counts the digits of a crop from its pixels (a minus and specks are no digit; a broken 0 is two pieces)', () => {
    expect(glyphCount(crop(1))).toBe(1);
    expect(glyphCount(crop(2, { speck: true, minus: true }))).toBe(2);
    expect(glyphCount(crop(1, { broken: true }))).toBe(2);
  });

  it('takes 11 when the English model read 1 or nothing, 57 when a Chinese reading lost the 5, 1 when the third reading saw nothing', () => {
    // seed 44/000000: text 11 (81), English "", Chinese digits 11 (80); third: English 1 / "", Chinese 11 (0) / 11 (82).
    expect(consensusFigure([r('11', 81), r('', 0, true), r('11', 80), r('1', 72, true), r('', 0, true), r('11', 0), r('11', 82)], 2)).toBe('11');
    // seed 44/000001: text 57 (90), English 57 (47), Chinese 57 (0); third: English 57 (94, 84), Chinese 7 (49, 9).
    expect(consensusFigure([r('57', 90), r('57', 47, true), r('57', 0), r('57', 94, true), r('57', 84, true), r('7', 49), r('7', 9)], 2)).toBe('57');
    // seed 44/000002: text 1 (96), English 1 (47), Chinese 1 (95); the third reading read nothing.
    expect(consensusFigure([r('1', 96), r('1', 47, true), r('1', 95), r('', 0, true), r('', 0)], 1)).toBe('1');
  });

  it('takes 51 read alike four times at ≥ 65 with the English model among them, -5 when the pixels show the minus', () => {
    // seed 61/000001: text 51 (78), English 5 (0), Chinese 51 (78); third: English "" / 51 (70), Chinese 51 (74) / 5 (5).
    expect(consensusFigure([r('51', 78), r('5', 0, true), r('51', 78), r('', 0, true), r('51', 70, true), r('51', 74), r('5', 5)], 2)).toBe('51');
    // Without the English model's 51, four at ≥ 65 are not enough.
    expect(consensusFigure([r('51', 78), r('5', 0, true), r('51', 78), r('', 0, true), r('5', 70, true), r('51', 74), r('51', 66)], 2)).toBeNull();
    // seed 61/000009: text -5 (96), English -5 (51), Chinese -5 (85); third: English 5 (82, minus dropped), Chinese -5 (80).
    const minus5 = [r('-5', 96), r('-5', 51, true), r('-5', 85), r('5', 82, true), r('-5', 80)];
    expect(consensusFigure(minus5, 1, true)).toBe('-5');
    // The pixels show no minus: the readings' sign is another figure.
    expect(consensusFigure(minus5, 1, false)).toBeNull();
    // The pixels show a minus no reading has: still -5 only when readings give -5 (here none do).
    expect(consensusFigure([r('5', 96), r('5', 90, true), r('5', 90)], 1, true)).toBeNull();
    // seed 61/000015: -8 by the text (58) and the Chinese digits (63), 8 by the English model (81); third 8 (76) and -8 (95).
    const minus8 = [r('-8', 58), r('8', 81, true), r('-8', 63), r('8', 76, true), r('-8', 95)];
    expect(consensusFigure(minus8, 1, true)).toBe('-8');
    expect(consensusFigure(minus8, 1, false)).toBeNull();
    // Four readings of the digits only, or one sure one: no.
    expect(consensusFigure(minus8.slice(0, 4), 1, true)).toBeNull();
    expect(consensusFigure([r('-8', 58), r('8', 70, true), r('-8', 63), r('8', 76, true), r('-8', 95)], 1, true)).toBeNull();
    // A 0 has no sign.
    expect(consensusFigure([r('-0', 96), r('-0', 90, true), r('-0', 90)], 1, true)).toBeNull();
  });

  it('keeps the doubt when a reading gives another digit, the pixels another count, or confidence is short', () => {
    // Another digit anywhere, even unsure.
    expect(consensusFigure([r('57', 90), r('57', 90, true), r('57', 90), r('37', 10)], 2)).toBeNull();
    expect(consensusFigure([r('11', 90), r('17', 30, true), r('11', 90)], 2)).toBeNull();
    // A shorter reading that is not the figure with digits lost (71 is no part of 17 in order).
    expect(consensusFigure([r('17', 90), r('17', 90, true), r('17', 90), r('71', 20)], 2)).toBeNull();
    expect(consensusFigure([r('11', 90), r('2', 30, true), r('11', 90), r('11', 90)], 2)).toBeNull();
    // The pixels show one digit where the readings say two (a speck read as a 1), or two pieces for one.
    expect(consensusFigure([r('11', 90), r('1', 90, true), r('11', 90), r('11', 90)], 1)).toBeNull();
    expect(consensusFigure([r('0', 90), r('0', 90, true), r('0', 90)], 2)).toBeNull();
    // Two readings only, or one confident one.
    expect(consensusFigure([r('1', 96), r('', 0, true), r('1', 95)], 1)).toBeNull();
    expect(consensusFigure([r('1', 96), r('1', 47, true), r('1', 70)], 1)).toBeNull();
    // Without the English model: four readings, three of them sure, are needed.
    expect(consensusFigure([r('11', 81), r('', 0, true), r('11', 80), r('11', 82)], 2)).toBeNull();
    // Signs, decimals, a leading zero, a mark: never.
    expect(consensusFigure([r('-5', 90), r('-5', 90, true), r('-5', 90)], 1)).toBeNull();
    expect(consensusFigure([r('1.5', 90), r('1.5', 90, true), r('1.5', 90)], 3)).toBeNull();
    expect(consensusFigure([r('05', 90), r('05', 90, true), r('05', 90)], 2)).toBeNull();
    expect(consensusFigure([r('人', 90), r('5', 90, true), r('5', 90), r('5', 90)], 1)).toBeNull();
    // Nothing read at all.
    expect(consensusFigure([r('', 0), r('', 0, true)], 1)).toBeNull();
  });

  it('takes a lone 1 the English model and the third reading read nothing for, when the pixels show one upright stroke', () => {
    // A 1 at 200 dpi (seed 61/000006): 4–5 px wide, 19 high, a small flag.
    const one: Grey = { width: 12, height: 27, data: new Uint8Array(12 * 27).fill(255) };
    for (let y = 4; y < 23; y++) one.data.fill(20, y * 12 + 4, y * 12 + 7);
    one.data[4 * 12 + 3] = 20;
    expect(oneStroke(one, 200)).toBe(true);
    // A digit as wide as half its height (0, 4, 7), a stroke broken in two, or a stroke as tall as a rule: no.
    expect(oneStroke(crop(1), 200)).toBe(false);
    const broken: Grey = { width: 12, height: 27, data: new Uint8Array(12 * 27).fill(255) };
    for (const [a, b] of [[4, 12], [14, 23]]) for (let y = a; y < b; y++) broken.data.fill(20, y * 12 + 4, y * 12 + 7);
    expect(oneStroke(broken, 200)).toBe(false);
    const rule: Grey = { width: 12, height: 80, data: new Uint8Array(12 * 80).fill(255) };
    for (let y = 2; y < 78; y++) rule.data.fill(20, y * 12 + 4, y * 12 + 7);
    expect(oneStroke(rule, 200)).toBe(false);
    // seed 61/000006: text 1 (94), English nothing, Chinese 1 (91), the third reading nothing.
    const said = [r('1', 94), r('', 0, true), r('1', 91), r('', 0, true), r('', 0), r('', 0, true), r('', 0)];
    expect(consensusFigure(said, 1, false, true)).toBe('1');
    expect(consensusFigure(said, 1, false, false)).toBeNull();
    // seed 61/000005: -1 by the text (76) and the Chinese digits (86), the English model a minus at 19; the pixels show the bar.
    expect(consensusFigure([r('-1', 76), r('-', 19, true), r('-1', 86), r('', 0, true), r('', 0)], 1, true, true)).toBe('-1');
    // Any digit read otherwise, or a figure other than 1, or one reading only: no.
    expect(consensusFigure([r('1', 94), r('7', 20, true), r('1', 91)], 1, false, true)).toBeNull();
    expect(consensusFigure([r('4', 94), r('', 0, true), r('4', 91)], 1, false, true)).toBeNull();
    expect(consensusFigure([r('1', 94), r('', 0, true), r('', 0)], 1, false, true)).toBeNull();
    expect(consensusFigure([r('1', 65), r('', 0, true), r('1', 62)], 1, false, true)).toBeNull();
  });
});
