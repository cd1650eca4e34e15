/**
 * Prose similarity for copied-report and problems-boilerplate: character 5-gram shingles
 * of the prose (figures masked, so a copy with new numbers still counts), Jaccard
 * similarity, and MinHash LSH bands so candidates are found without comparing every pair.
 */
import type { SectionKey } from '../core/template.js';

/** Sections whose prose is compared (tables' sections carry template labels, not prose). */
export const PROSE_SECTIONS: SectionKey[] = ['overview', 'problems', 'other'];
/** Prose shorter than this is not compared (too little to call it copied). */
export const MIN_PROSE_CHARS = 150;
export const SHINGLE = 5;
export const BANDS = 16;
export const ROWS = 4;

export function normaliseProse(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\d+(?:\.\d+)?/g, '#')
    .replace(/[〇零一二三四五六七八九十百千万]+(?=件|条|个|次|人|项|万|%)/g, '#')
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function proseOf(sections: { key: string; text: string }[]): string {
  return normaliseProse(
    sections
      .filter((s) => (PROSE_SECTIONS as string[]).includes(s.key))
      .map((s) => s.text)
      .join('\n'),
  );
}

function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The FNV-1a hashes of every k-character window (characters as code points, so a window never
 * splits a surrogate pair). Each window is hashed over its UTF-16 units in place, which equals
 * fnv1a of the window's string without building it.
 */
export function shingles(norm: string, k = SHINGLE): Set<number> {
  const out = new Set<number>();
  // Start offset of each code point in `norm`, and one past the end.
  const starts: number[] = [];
  for (let i = 0; i < norm.length; i++) {
    starts.push(i);
    const c = norm.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < norm.length) {
      const d = norm.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  const n = starts.length;
  starts.push(norm.length);
  if (n < k) {
    if (n) out.add(fnv1a(norm));
    return out;
  }
  for (let i = 0; i + k <= n; i++) {
    let h = 0x811c9dc5;
    for (let j = starts[i], end = starts[i + k]; j < end; j++) {
      h ^= norm.charCodeAt(j);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out.add(h >>> 0);
  }
  return out;
}

export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of s) if (l.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** The shingles as a sorted array (for many comparisons of one text: see jaccardSorted). */
export function sortedShingles(norm: string, k = SHINGLE): Uint32Array {
  return Uint32Array.from(shingles(norm, k)).sort();
}

/** jaccard() of two sorted shingle arrays, by one merge pass (no hashing). */
export function jaccardSorted(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let inter = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

/** Similarity of two prose texts (already normalised or not), 0…1. */
export function textSimilarity(a: string, b: string): number {
  return jaccard(shingles(normaliseProse(a)), shingles(normaliseProse(b)));
}

// Fixed hash family for MinHash: h_i(x) = (a_i * x + b_i) mod 2^32.
const PERM_A = Uint32Array.from({ length: BANDS * ROWS }, (_, i) => (fnv1a(`a${i}`) | 1) >>> 0);
const PERM_B = Uint32Array.from({ length: BANDS * ROWS }, (_, i) => fnv1a(`b${i}`));

/** LSH band keys of a prose text; [] when too short to compare. */
export function proseBands(norm: string): string[] {
  if ([...norm].length < MIN_PROSE_CHARS) return [];
  const mins = new Uint32Array(PERM_A.length).fill(0xffffffff);
  // Typed arrays: this loop runs ~64 times per shingle, for every report stored.
  for (const x of shingles(norm))
    for (let i = 0; i < PERM_A.length; i++) {
      const v = (Math.imul(PERM_A[i], x) + PERM_B[i]) >>> 0;
      if (v < mins[i]) mins[i] = v;
    }
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) out.push(Array.from(mins.subarray(b * ROWS, (b + 1) * ROWS), (v) => v.toString(36)).join('.'));
  return out;
}
