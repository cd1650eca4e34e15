/**
 * Tolerant matching of a printed row label that is not in the lexicon: a word inserted or
 * dropped (确认或重新出具已获取的信息, 需要另外制作), punctuation (信访、举报、投诉类申请), a
 * misprint (其他法律行政止公开). The label must be clearly closer to one template row than
 * to any other; the caller still places the row only where template order allows.
 */
import { stripOrdinal } from '../core/normalize.js';
import type { TableId } from '../core/template.js';
import type { LexEntry, Lexicon } from './lexicon.js';

/** Punctuation and brackets carry no meaning for the comparison. */
const NOISE = /[.,:;()!?·、\-—_"'“”‘’]/g;

/** Length of the longest common subsequence. */
function lcs(a: string, b: string): number {
  const n = b.length;
  let prev = new Uint16Array(n + 1);
  let cur = new Uint16Array(n + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= n; j++) cur[j] = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/** Similarity 0..1: common subsequence over the longer length. */
export function labelSimilarity(a: string, b: string): number {
  const x = a.replace(NOISE, '');
  const y = b.replace(NOISE, '');
  if (!x || !y) return 0;
  return lcs(x, y) / Math.max(x.length, y.length);
}

const MIN_SCORE = 0.7;
const MIN_MARGIN = 0.08;

const rowEntries = new Map<string, LexEntry[]>();

function rowsOf(lex: Lexicon, table: TableId): LexEntry[] {
  const k = `${lex.version}:${table}`;
  let list = rowEntries.get(k);
  if (!list) {
    list = lex.entries.filter((e) => e.kind === 'row' && e.table === table && e.pattern.length >= 4);
    rowEntries.set(k, list);
  }
  return list;
}

/** The template row a deviating printed label stands for, or undefined when none is clearly meant. */
export function fuzzyRow(lex: Lexicon, table: TableId, printedNorm: string): LexEntry | undefined {
  const { ordinal, rest } = stripOrdinal(printedNorm);
  const text = rest.replace(NOISE, '');
  if (text.length < 3 || text.length > 60 || /\d{2,}/.test(text)) return undefined;
  const best = new Map<string, { entry: LexEntry; score: number }>();
  for (const e of rowsOf(lex, table)) {
    const len = e.pattern.replace(NOISE, '').length;
    // Far longer or shorter than the label: no point comparing.
    if (text.length < 0.5 * len || text.length > 1.6 * len) continue;
    let score = labelSimilarity(text, e.pattern);
    if (ordinal && e.ordinal && ordinal.replace(/\.$/, '') === e.ordinal.replace(/\.$/, '')) score += 0.05;
    const prev = best.get(e.rowKey!);
    if (!prev || score > prev.score) best.set(e.rowKey!, { entry: e, score });
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score);
  const [first, second] = ranked;
  if (!first || first.score < MIN_SCORE) return undefined;
  if (second && first.score - second.score < MIN_MARGIN) return undefined;
  return first.entry;
}

/** Whether a printed label (normalised) is the entry's own wording, apart from its ordinal and punctuation. */
export function isExactLabel(printedNorm: string, entry: LexEntry): boolean {
  return stripOrdinal(printedNorm).rest.replace(NOISE, '') === entry.pattern.replace(NOISE, '');
}

/** Whether a printed label (normalised) is a stretch of the entry's wording, at least half of it: a label cut where it wrapped. */
export function isLabelPart(printedNorm: string, entry: LexEntry): boolean {
  const text = stripOrdinal(printedNorm).rest.replace(NOISE, '');
  const full = entry.pattern.replace(NOISE, '');
  return text.length >= 0.5 * full.length && text.length < full.length && full.includes(text);
}

/**
 * Whether a printed label (normalised) is a wording of its row cut where it wrapped past a
 * shorter wording of the same row: （二）部分公开（区 — the short form 部分公开 and the start
 * of the long one, its rest on lines not joined. A stretch of the row's own words, no misprint.
 */
export function cutPastShortWording(printedNorm: string, wordings: { pattern: string }[]): boolean {
  const text = stripOrdinal(printedNorm).rest.replace(NOISE, '');
  const forms = wordings.map((w) => w.pattern.replace(NOISE, ''));
  return forms.some((short) => text.length > short.length && text.startsWith(short) && forms.some((full) => full.length > text.length && full.startsWith(text)));
}

/**
 * Whether a printed label (normalised) differs from a wording only as a layout leaves it: cut
 * at its ends (a wrapped label whose other line was not joined), with pieces of the table's
 * other text in between or around (a side label's characters, a column header, the end of the
 * header's note run over into the cell below). Such a label is no misprint of the report's.
 */
export function onlyLayoutNoise(printedNorm: string, wording: string, ordinal: string | undefined, words: { inner: string[]; tail: string[] }): boolean {
  let p = printedNorm;
  const at = ordinal ? p.indexOf(ordinal) : -1;
  if (ordinal && at >= 0) p = p.slice(0, at) + p.slice(at + ordinal.length);
  // Punctuation is compared too: a label printed with other punctuation (信访、举报、投诉类申请) is a variant.
  const x = p;
  const y = wording;
  if (!x || !y) return false;
  // Longest common subsequence with its alignment.
  const n = x.length;
  const m = y.length;
  const L: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const inX = new Array<boolean>(n).fill(false);
  const inY: number[] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (x[i] === y[j]) {
      inX[i] = true;
      inY.push(j);
      i++;
      j++;
    } else if (L[i + 1][j] >= L[i][j + 1]) i++;
    else j++;
  }
  // The wording's characters kept: one stretch of it, at least half.
  if (inY.length < 0.5 * m || inY[inY.length - 1] - inY[0] + 1 !== inY.length) return false;
  const inner = words.inner.map((w) => w.replace(NOISE, ''));
  const tail = words.tail.map((w) => w.replace(NOISE, ''));
  // Every stretch of added characters is a piece of the table's other text.
  for (let i = 0; i < n; ) {
    if (inX[i]) {
      i++;
      continue;
    }
    let k = i;
    while (k < n && !inX[k]) k++;
    // Punctuation or digits alone added are no piece of other text.
    const added = x.slice(i, k).replace(/\d/g, '').replace(NOISE, '');
    if (!added || (!inner.some((w) => w.includes(added)) && !tail.some((w) => w.endsWith(added)))) return false;
    i = k;
  }
  return true;
}
