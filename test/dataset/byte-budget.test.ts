import { describe, expect, it } from 'vitest';
import { ByteBudget } from '../../src/dataset/ingest.js';

describe('ByteBudget', () => {
  it('reads one file at a time and only while under the budget: memory exceeds it by one file at most', async () => {
    const budget = new ByteBudget(100);
    let peak = 0;
    const sizes = [60, 60, 60, 10, 200, 5];
    const read = (n: number) => async () => {
      await new Promise((r) => setTimeout(r, 1));
      return new Uint8Array(n);
    };
    const order: number[] = [];
    const lanes = sizes.map(async (n, i) => {
      const bytes = await budget.admit(read(n), (b) => b.length);
      order.push(i);
      peak = Math.max(peak, budget.held);
      await new Promise((r) => setTimeout(r, 5 + i));
      budget.give(bytes.length);
    });
    await Promise.all(lanes);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBeLessThanOrEqual(100 + 200);
    expect(peak).toBeGreaterThanOrEqual(120); // two 60-byte files held at once: room was used
    expect(budget.held).toBe(0);
  });

  it('a failed read leaves the budget usable', async () => {
    const budget = new ByteBudget(10);
    await expect(budget.admit(() => Promise.reject(new Error('gone')), () => 0)).rejects.toThrow('gone');
    expect(await budget.admit(async () => 'ok', () => 1)).toBe('ok');
  });
});
