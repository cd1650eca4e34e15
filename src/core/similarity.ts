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

/**
 * The distinct shingles (shingles()' set) as a sorted typed array, without a Set: the window
 * hashes are written into one array, sorted numerically and deduplicated in place. For many
 * comparisons of one text (jaccardSorted) and for MinHash (proseBands), where building and
 * walking a Set of ~1,000 numbers per report was most of the cost.
 */
export function sortedShingles(norm: string, k = SHINGLE): Uint32Array {
  const len = norm.length;
  // Start offset of each code point in `norm`, and one past the end.
  const starts = new Int32Array(len + 1);
  let n = 0;
  for (let i = 0; i < len; i++) {
    starts[n++] = i;
    const c = norm.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = norm.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  starts[n] = len;
  if (n < k) return n ? Uint32Array.of(fnv1a(norm)) : new Uint32Array(0);
  const out = new Uint32Array(n - k + 1);
  for (let i = 0; i + k <= n; i++) {
    let h = 0x811c9dc5;
    for (let j = starts[i], end = starts[i + k]; j < end; j++) {
      h ^= norm.charCodeAt(j);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out[i] = h >>> 0;
  }
  out.sort();
  let m = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[m - 1]) out[m++] = out[i];
  return m === out.length ? out : out.slice(0, m);
}

/** Code points in a string (what `[...s].length` counts), without building the array. */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
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
  // jaccard() of the two shingle sets, computed on their sorted arrays (the same value).
  return jaccardSorted(sortedShingles(normaliseProse(a)), sortedShingles(normaliseProse(b)));
}

// Fixed hash family for MinHash: h_i(x) = (a_i * x + b_i) mod 2^32.
const PERM_A = Uint32Array.from({ length: BANDS * ROWS }, (_, i) => (fnv1a(`a${i}`) | 1) >>> 0);
const PERM_B = Uint32Array.from({ length: BANDS * ROWS }, (_, i) => fnv1a(`b${i}`));

/** The distinct shingles of a normalised prose (sortedShingles), or null when it is too short to compare. */
export function proseShingles(norm: string): Uint32Array | null {
  return codePoints(norm) < MIN_PROSE_CHARS ? null : sortedShingles(norm);
}

/** LSH band keys of a prose text; [] when too short to compare. */
export function proseBands(norm: string): string[] {
  const u = proseShingles(norm);
  return u ? shingleBands(u) : [];
}

/** LSH band keys of a prose's shingles (proseShingles). */
export function shingleBands(u: Uint32Array): string[] {
  // The same shingles read as signed integers, and the hashes compared with their sign bit
  // flipped: (a·x + b) mod 2³² in int32 arithmetic only, which the compiler keeps in registers
  // (unsigned values above 2³¹ would be doubles). The unsigned order of v is the signed order of
  // v ^ 0x80000000.
  const xs = new Int32Array(u.buffer, u.byteOffset, u.length);
  const mins = new Uint32Array(PERM_A.length);
  // Four hash functions at a time over the distinct shingles (the minimum does not depend on
  // their order): each shingle loaded once for four, four minima kept in registers.
  for (let i = 0; i < PERM_A.length; i += 4) {
    const a0 = PERM_A[i] | 0, a1 = PERM_A[i + 1] | 0, a2 = PERM_A[i + 2] | 0, a3 = PERM_A[i + 3] | 0;
    const b0 = PERM_B[i] | 0, b1 = PERM_B[i + 1] | 0, b2 = PERM_B[i + 2] | 0, b3 = PERM_B[i + 3] | 0;
    // 0xffffffff with the sign bit flipped
    let m0 = 0x7fffffff, m1 = 0x7fffffff, m2 = 0x7fffffff, m3 = 0x7fffffff;
    for (let j = 0; j < xs.length; j++) {
      const x = xs[j];
      const v0 = ((Math.imul(a0, x) + b0) | 0) ^ 0x80000000;
      const v1 = ((Math.imul(a1, x) + b1) | 0) ^ 0x80000000;
      const v2 = ((Math.imul(a2, x) + b2) | 0) ^ 0x80000000;
      const v3 = ((Math.imul(a3, x) + b3) | 0) ^ 0x80000000;
      if (v0 < m0) m0 = v0;
      if (v1 < m1) m1 = v1;
      if (v2 < m2) m2 = v2;
      if (v3 < m3) m3 = v3;
    }
    mins[i] = (m0 ^ 0x80000000) >>> 0;
    mins[i + 1] = (m1 ^ 0x80000000) >>> 0;
    mins[i + 2] = (m2 ^ 0x80000000) >>> 0;
    mins[i + 3] = (m3 ^ 0x80000000) >>> 0;
  }
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) out.push(Array.from(mins.subarray(b * ROWS, (b + 1) * ROWS), (v) => v.toString(36)).join('.'));
  return out;
}
