import { describe, expect, it } from 'vitest';
import { bar } from '../../src/cli/summary.js';

describe('summary bars', () => {
  it('is proportional, full at the maximum, empty for nothing', () => {
    expect(bar(5, 5)).toBe('█'.repeat(24));
    expect(bar(0, 5)).toBe('');
    expect(bar(1, 0)).toBe('');
    expect([...bar(1, 2)].length).toBe(12);
    expect(bar(1, 1000)).toBe('▏'); // never invisible when there is something
  });
});
