/**
 * Splitting a run of digits whose cell boundaries were lost (`801000081` → 80,1,0,0,0,0,81).
 * A split is only ever taken when the table's own identities leave exactly one choice.
 */
import { LIMITS } from '../core/limits.js';
import type { ValueKind } from '../core/template.js';

const INT = /^(?:0|[1-9]\d*)$/;
const DEC = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;
/** 本年增/减 may be negative: its minus sign also marks where the cell before it ended (2648-18538). */
const SIGNED = /^(?:0|[-+]?[1-9]\d*)$/;
/** Zeros written as a dash or slash, run in with the figures (—000000: seven cells). */
const ZERO_MARK = /^[—\/－–-]$/;

/** The text of each part of a chosen split, in order (so a zero written — keeps its mark). */
export function splitPieces(digits: string, parts: number[]): string[] {
  const s = normaliseRun(digits);
  const out: string[] = [];
  let at = 0;
  for (const p of parts) {
    if (p === 0 && ZERO_MARK.test(s[at] ?? '') && !(s[at] === '-' && /\d/.test(s[at + 1] ?? ''))) {
      out.push(s[at]);
      at += 1;
      continue;
    }
    const t = String(p);
    out.push(t);
    at += t.length;
  }
  return out;
}

/**
 * For each position of the normalised run, how far a number starting there may reach:
 * up to the next whitespace the text had between two figures.
 */
function spanLimits(digits: string, length: number): number[] {
  const kept = digits.normalize('NFKC').replace(/(万元|元)$/, '');
  const cuts: number[] = [];
  let at = 0;
  let gap = false;
  for (const ch of kept) {
    if (/[\s\u00a0\u3000]/.test(ch)) {
      gap = at > 0;
      continue;
    }
    if (gap) cuts.push(at);
    gap = false;
    at += ch.length;
  }
  const isCut = new Set(cuts);
  const limit: number[] = Array(length + 1).fill(length);
  let next = length;
  for (let i = length; i >= 0; i--) {
    limit[i] = next;
    if (isCut.has(i)) next = i;
  }
  return limit;
}

function normaliseRun(digits: string): string {
  return digits.normalize('NFKC').replace(/[\s\u00a0\u3000]/g, '').replace(/(万元|元)$/, '');
}

/**
 * Every way to cut `digits` into `kinds.length` numbers written without leading zeros.
 * `prune(parts)` is called after each part; returning false abandons that branch.
 * Returns null when there are too many to enumerate.
 */
export function enumerateSplits(digits: string, kinds: ValueKind[], prune?: (parts: number[]) => boolean, cap = 20000): number[][] | null {
  const s = normaliseRun(digits);
  if (s.length > LIMITS.maxRunLength) return null;
  // A space between figures is a cell border the text kept: no number spans it.
  return splitsOf(s, spanLimits(digits, s.length), kinds, prune, cap);
}

/** enumerateSplits on a run already normalised (`s`), with its span limits. */
function splitsOf(s: string, limit: number[], kinds: ValueKind[], prune: ((parts: number[]) => boolean) | undefined, cap: number): number[][] | null {
  const out: number[][] = [];
  const parts: number[] = [];
  let overflow = false;
  const n = kinds.length;
  const rec = (at: number) => {
    if (overflow) return;
    const k = parts.length;
    if (k === n) {
      if (at === s.length) {
        out.push([...parts]);
        if (out.length > cap) overflow = true;
      }
      return;
    }
    const remainingParts = n - k - 1;
    for (let len = 1; at + len <= s.length - remainingParts && at + len <= limit[at]; len++) {
      const piece = s.slice(at, at + len);
      // A dash or slash alone is a zero; a minus before digits is a signed cell's sign.
      if (len === 1 && ZERO_MARK.test(piece) && !(piece === '-' && kinds[k] === 'signed' && /\d/.test(s[at + 1] ?? ''))) {
        parts.push(0);
        if (!prune || prune(parts)) rec(at + 1);
        parts.pop();
        break;
      }
      if (/[—\/－–]/.test(piece)) break;
      const ok = kinds[k] === 'decimal' ? DEC.test(piece) : kinds[k] === 'signed' ? SIGNED.test(piece) : INT.test(piece);
      if (!ok) {
        // A leading zero only stands alone; a sign only leads a signed cell.
        if (/^[-+]?0\d/.test(piece) || (piece.includes('.') && kinds[k] !== 'decimal') || /\d[-+]/.test(piece) || (/^[-+]/.test(piece) && kinds[k] !== 'signed')) break;
        continue;
      }
      parts.push(Number(piece));
      if (!prune || prune(parts)) rec(at + len);
      parts.pop();
    }
  };
  rec(0);
  return overflow ? null : out;
}

/** Splits of one table-三 row: six applicant columns whose sum is the 总计 column. */
export function splitRequestsRow(digits: string): number[][] | null {
  return enumerateSplits(digits, Array(7).fill('count'), (p) => p.length < 7 || p[6] === p[0] + p[1] + p[2] + p[3] + p[4] + p[5]);
}

/** Splits of table 四's single data row: three groups of five, each group's fifth the sum of its first four. */
export function splitAppealsRow(digits: string): number[][] | null {
  return enumerateSplits(digits, Array(15).fill('count'), (p) => {
    if (p.length % 5 !== 0) return true;
    const g = p.slice(p.length - 5);
    return g[4] === g[0] + g[1] + g[2] + g[3];
  });
}

/**
 * Every reading of a run in which any cells may have been blank (a blank cell leaves no
 * trace in run-together text): each candidate has one entry per column, null where blank.
 * Used where no identity can catch a lost cell (table 二): a split counts as read only when
 * it is the one reading even allowing for blanks.
 */
export function enumerateWithBlanks(digits: string, kinds: ValueKind[], cap = 2000): (number | null)[][] | null {
  const n = kinds.length;
  const out: (number | null)[][] = [];
  // The run's normal form and span limits are the same for every choice of columns: made once.
  // (Too long a run: null, as enumerateSplits gives for the first choice, when there is one.)
  const s = normaliseRun(digits);
  if (s.length > LIMITS.maxRunLength) return n > 0 ? null : out;
  const limit = spanLimits(digits, s.length);
  for (let mask = 1; mask < 1 << n; mask++) {
    const cols = kinds.map((_, i) => i).filter((i) => mask & (1 << i));
    const splits = splitsOf(s, limit, cols.map((i) => kinds[i]), undefined, cap);
    if (splits === null) return null;
    for (const parts of splits) {
      const row: (number | null)[] = Array(n).fill(null);
      cols.forEach((c, j) => (row[c] = parts[j]));
      out.push(row);
      if (out.length > cap) return null;
    }
  }
  return out;
}
