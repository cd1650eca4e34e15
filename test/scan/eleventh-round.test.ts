/**
 * Eleventh round of the scanned-report reader (docs/ocr.md): a decimal point cleaned away with the
 * page's specks leaves its room between two digits (701.9 read 7019 by every reading on held-out
 * seed 400) — such a figure is a doubt, never a figure without its point.
 */
import { describe, expect, it } from 'vitest';
import { roomForPoint } from '../../src/read/ocr/page.js';
import type { Grey } from '../../src/read/ocr/raster.js';

/** A crop with a digit-like block (8 × 20 px) at each of `xs`. */
function digitsAt(xs: number[]): Grey {
  const g: Grey = { width: 90, height: 40, data: new Uint8Array(90 * 40).fill(255) };
  for (const x of xs) for (let y = 10; y < 30; y++) for (let dx = 0; dx < 8; dx++) if (dx < 2 || dx > 5 || y < 12 || y > 27) g.data[y * 90 + x + dx] = 0;
  return g;
}

describe('room for a lost decimal point', () => {
  it('digits evenly spaced have none; a step of a point more between two of them has', () => {
    expect(roomForPoint(digitsAt([10, 21, 32, 43]))).toBe(false);
    expect(roomForPoint(digitsAt([10, 21, 32, 49]))).toBe(true);
    expect(roomForPoint(digitsAt([10, 27, 38, 49]))).toBe(true);
  });

  it('two digits: spaced as one figure, or a point apart', () => {
    expect(roomForPoint(digitsAt([10, 21]))).toBe(false);
    expect(roomForPoint(digitsAt([10, 30]))).toBe(true);
  });

  it('a lone digit, or nothing a digit high, says nothing', () => {
    expect(roomForPoint(digitsAt([10]))).toBe(false);
    expect(roomForPoint({ width: 20, height: 20, data: new Uint8Array(400).fill(255) })).toBe(false);
  });
});
