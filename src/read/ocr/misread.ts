/**
 * The figures a recogniser could plausibly have read in place of the printed one: a glyph lost
 * (2377 read 237), a glyph added (a speck read as a digit), or one digit taken for a digit of
 * like shape (0, 6, 8 and 9; 1 and 7; 3 and 8). Whole non-negative figures only (the identities'
 * cells: counts of requests and cases); a decimal or a signed figure has none.
 *
 * Pure. Used by page.ts (a glyph count that does not match the reading) and resolve.ts (a figure
 * read surely that breaks the table identities a misreading would satisfy).
 */

/** Digits of like shape, each to the digits it is taken for. */
const LOOKALIKE: Record<string, string> = { '0': '689', '6': '089', '8': '0369', '9': '068', '1': '7', '7': '1', '3': '8' };

const whole = (s: string) => /^\d+$/.test(s) && (s === '0' || !s.startsWith('0'));

/** `value` with one digit lost by the recogniser: the figures one digit longer that read so. */
export function glyphLost(value: string): string[] {
  if (!whole(value)) return [];
  const out = new Set<string>();
  for (let i = 0; i <= value.length; i++) for (let d = 0; d <= 9; d++) out.add(value.slice(0, i) + d + value.slice(i));
  return [...out].filter((x) => whole(x) && x !== value);
}

/** `value` with one digit added by the recogniser (a speck, a stroke): the figures one digit shorter. */
export function glyphAdded(value: string): string[] {
  if (!whole(value) || value.length < 2) return [];
  const out = new Set<string>();
  for (let i = 0; i < value.length; i++) out.add(value.slice(0, i) + value.slice(i + 1));
  return [...out].filter(whole);
}

/** `value` with one digit taken for another of like shape. */
export function lookalikes(value: string): string[] {
  if (!whole(value)) return [];
  const out = new Set<string>();
  for (let i = 0; i < value.length; i++) for (const d of LOOKALIKE[value[i]] ?? '') out.add(value.slice(0, i) + d + value.slice(i + 1));
  return [...out].filter(whole);
}

/** Every plausible misreading of `value` (glyph lost, glyph added, lookalike digit), as figures. */
export function misreadings(value: string): string[] {
  return [...new Set([...glyphLost(value), ...glyphAdded(value), ...lookalikes(value)])].filter((x) => x !== value);
}
