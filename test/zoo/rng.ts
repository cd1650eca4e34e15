/** A small seeded PRNG (mulberry32) so every zoo document is reproducible from (seed, index). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)];
  }
  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  /** Mostly zero, sometimes small, rarely large (up to 5 digits). */
  count(zeroP = 0.6, smallMax = 30, largeP = 0.04): number {
    if (this.chance(zeroP)) return 0;
    if (this.chance(largeP)) return this.int(100, 99999);
    return this.int(1, smallMax);
  }
}

/** Seed of document i of a run: independent streams per document. */
export function docSeed(seed: number, i: number): number {
  let h = (seed * 0x9e3779b1) ^ (i * 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
