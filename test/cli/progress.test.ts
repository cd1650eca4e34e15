/** Ingest progress: no ETA before the rate means something, then a sane one. */
import { describe, expect, it } from 'vitest';
import { duration, estimate } from '../../src/cli/progress.js';

describe('progress estimate', () => {
  it('no ETA after the first file or the first second', () => {
    expect(estimate(1, 300, 0.2).eta).toBeNull();
    expect(estimate(2, 300, 5).eta).toBeNull();
    expect(estimate(10, 300, 1).eta).toBeNull();
  });
  it('then the remaining files at the rate so far', () => {
    const e = estimate(30, 300, 10);
    expect(e.rate).toBe(3);
    expect(e.eta).toBe(90);
    expect(duration(90)).toBe('1分30秒');
    expect(duration(3725)).toBe('1小时02分');
  });
});
