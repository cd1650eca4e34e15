/**
 * Thirteenth round of scans (docs/ocr.md): a speckled page's figure the smoothed copy reads surely
 * is not taken where the page as scanned was read twice as another figure — at 150 dpi (seed 598)
 * the median turned a 55 read 55 and 35 into 35, a 0 read 4 twice into 9: two wrong numbers.
 */
import { describe, expect, it } from 'vitest';
import { readTwiceAsAnother } from '../../src/read/ocr/page.js';

describe('readTwiceAsAnother', () => {
  it('is true where two readings give one other figure (signs aside)', () => {
    // Seed 598/000006, t2 行政强制 55: first readings -55, 35, 55; third 55, 35, 35, 35. The smoothed copy said 35.
    expect(readTwiceAsAnother('35', ['-55', '35', '55', '55', '35', '35', '35'])).toBe(true);
    // Seed 598/000004, a 0: first readings nothing, 8, nothing; third 9, 4, nothing, 4. The smoothed copy said 9.
    expect(readTwiceAsAnother('9', [null, '8', null, '9', '4', '', '4'])).toBe(true);
  });

  it('is false where the other figures were read once each, or not as figures', () => {
    expect(readTwiceAsAnother('35', ['35', '55', null, '38', '35'])).toBe(false);
    expect(readTwiceAsAnother('0', ['()', 'O', '0', '', '6'])).toBe(false);
    // The figure itself with a sign is no other figure.
    expect(readTwiceAsAnother('5', ['-5', '-5', '5'])).toBe(false);
  });
});
