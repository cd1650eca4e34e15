/**
 * The template's wording as the dictionary of label cells: an OCR reading that is the
 * template's label but for characters the recogniser is known to garble (brackets, the
 * ordinal's dot, a character no label contains, a low-confidence word) is replaced by the
 * label, so extraction matches it as it matches printed text. A reading that differs in
 * plausible characters read with confidence is kept as printed: it may be a real wording
 * variant, which the label-variant rule must still see.
 *
 * The words come from src/core/template.ts (no second copy of the labels).
 */
import { editDistance } from '../../core/edit-distance.js';
import { FORM_WORDING, SECTIONS, TEMPLATES, rowDisplayLabel } from '../../core/template.js';

let dict: { entries: string[]; norm: string[]; chars: Set<string> } | null = null;

/** Brackets, dots and strokes the recogniser confuses or drops. */
const FRAGILE = /[()（）〈〉《》<>[\]【】{}|丨.．·:：;；,，'"‘’“”\s_]/g;

function norm(s: string): string {
  return s.normalize('NFKC').replace(FRAGILE, '');
}

function dictionary() {
  if (dict) return dict;
  const words = new Set<string>();
  for (const t of Object.values(TEMPLATES)) {
    for (const b of t.t2.blocks) {
      words.add(b.heading);
      for (const c of b.columns) [c.label, ...(c.aliases ?? [])].forEach((w) => words.add(w));
      for (const r of b.rows) [rowDisplayLabel(r), r.label, ...(r.variants ?? [])].forEach((w) => words.add(w));
    }
    for (const c of t.t3.columns) [c.label, ...(c.aliases ?? [])].forEach((w) => words.add(w));
    for (const r of t.t3.rows) {
      [rowDisplayLabel(r), ...(r.variants ?? []).map((v) => `${r.ordinal ?? ''}${v}`)].forEach((w) => words.add(w));
      if (r.group) words.add(r.group);
    }
    for (const g of t.t4.groups) [g.label, g.parent].forEach((w) => words.add(w));
    for (const c of t.t4.columns) [c.label, ...(c.aliases ?? [])].forEach((w) => words.add(w));
  }
  for (const w of Object.values(FORM_WORDING)) if (typeof w === 'string') words.add(w);
  const entries = [...words].filter((w) => w.length >= 2);
  const chars = new Set<string>();
  for (const w of entries) for (const ch of norm(w)) chars.add(ch);
  dict = { entries, norm: entries.map(norm), chars };
  return dict;
}

const ORDINAL_AT_START = /^(?:\d{1,2}\.|[(（][一二三四五六七八九十]+[)）])/;

/**
 * A wrapped label cell whose later line OCR left unread (read again line by line, that line gave
 * nothing): the reading is the label's ordinal and the start of its words (1.属于国 for
 * 1.属于国家秘密, seed 510). It stands for the one template label with that ordinal that starts
 * so, when three of its words at least were read; else null.
 */
export function labelCutShort(text: string): string | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '').replace(/^(\d{1,2})(?=[\u4e00-\u9fff])/, '$1.');
  const m = ORDINAL_AT_START.exec(t);
  if (!m || norm(t.slice(m[0].length)).length < 3) return null;
  const n = norm(t);
  const d = dictionary();
  const hits = new Map<string, string>();
  d.entries.forEach((w, i) => {
    if (d.norm[i].length > n.length && d.norm[i].startsWith(n) && ORDINAL_AT_START.test(w.normalize('NFKC'))) hits.set(d.norm[i], w);
  });
  return hits.size === 1 ? [...hits.values()][0] : null;
}

/** Pairs of characters alike in print that the Chinese model takes one for the other. */
const LOOKALIKES = new Set(['四由', '四田', '由田', '四回', '己已', '已巳', '己巳', '未末', '土士', '人入', '日曰', '天夭', '大太', '壬王']);

/** Whether `a` is `b` with one character replaced by its lookalike (same length, one place). */
function lookalikeSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let at = -1;
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i]) {
      if (at >= 0) return false;
      at = i;
    }
  return at >= 0 && (LOOKALIKES.has(a[at] + b[at]) || LOOKALIKES.has(b[at] + a[at]));
}

/** The label a label cell's reading stands for, or the reading itself (tidied). */
export function snapLabel(text: string, conf: number): string {
  let t = text.normalize('NFKC').replace(/\s+/g, '').replace(/^[|丨]+|[|丨]+$/g, '');
  // An ordinal whose dot was lost: 3要求… → 3.要求…
  t = t.replace(/^(\d{1,2})(?=[\u4e00-\u9fff])/, '$1.');
  const n = norm(t);
  if (n.length < 2) return t;
  const d = dictionary();
  // A bracketed ordinal the recogniser garbled ((tb)总计 for （七）总计): the rest of the label
  // decides, when exactly one label of the template is a bracketed ordinal and that rest.
  const garbled = /^[(（]([^)）]{1,3})[)）](.{2,})$/.exec(t);
  if (garbled && !/^(?:[一二三四五六七八九十]+|\d{1,2})$/.test(garbled[1])) {
    const rest = norm(garbled[2]);
    const hits = d.entries.filter((w) => /^（[一二三四五六七八九十]+）/.test(w) && norm(w.replace(/^（[一二三四五六七八九十]+）/, '')) === rest);
    if (hits.length === 1) return hits[0];
  }
  let best = -1;
  let bestD = Infinity;
  let second = Infinity;
  d.norm.forEach((w, i) => {
    if (Math.abs(w.length - n.length) > Math.max(2, n.length * 0.3)) return;
    const x = editDistance(n, w);
    if (x < bestD || (x === bestD && d.entries[i].length > d.entries[best].length)) {
      if (x < bestD) second = bestD;
      bestD = x;
      best = i;
    } else if (x < second) second = x;
  });
  if (best < 0) return t;
  if (bestD === 0) return d.entries[best];
  // One character of a pair the recogniser mistakes for each other (由 for 四, seed 499: 6.属于由类过程性信息
  // read at confidence 80+): the label, however sure the reading — no report's wording differs so.
  if (bestD === 1 && second > 1 && lookalikeSwap(n, d.norm[best])) return d.entries[best];
  const foreign = [...n].some((ch) => !d.chars.has(ch));
  // Characters no label has are misreadings for sure: allow more of them.
  const limit = Math.max(1, Math.round(d.norm[best].length * (foreign ? 0.4 : 0.25)));
  if (bestD <= limit && second > bestD && (foreign || conf < 80)) return d.entries[best];
  return t;
}

/**
 * A prose line that is a section heading but for a garbled character or two (情况 → 情;):
 * the title is restored from the template, the numbering stays as printed (a wrong numeral
 * is the report's own, for section-numbering to see).
 */
export function snapHeading(line: string): string {
  const h = headingOf(line);
  if (h !== null) return h;
  // A heading whose numeral the prose OCR lost, its 、 left (、存在的主要问题及改进情况 for 五、…,
  // seed 144/000008: a false section-missing): the title alone — the numeral is not made up.
  const lost = /^[、，,]\s*([\u4e00-\u9fff].*)$/.exec(line.trim());
  const t = lost ? headingOf(`一、${lost[1]}`) : null;
  return t ? t.slice(2) : line;
}

/** The section heading a prose line is (as printed, or its title restored), or null when it is none. */
function headingOf(line: string): string | null {
  const m = /^([一二三四五六七八九十]{1,3}[、.．，,]?)(.{3,30})$/.exec(line.replace(/\s+/g, ''));
  if (!m) return null;
  const rest = m[2];
  let best: string | null = null;
  let bestD = Infinity;
  let second = Infinity;
  for (const s of SECTIONS)
    for (const p of new Set([s.title, ...s.patterns])) {
      if (Math.abs(p.length - rest.length) > 2) continue;
      const x = editDistance(norm(rest), norm(p));
      if (x < bestD) {
        second = bestD;
        bestD = x;
        best = p;
      } else if (x < second && p !== best) second = x;
    }
  if (!best) return null;
  if (bestD === 0) return line;
  if (bestD > Math.max(1, Math.round(best.length * 0.15)) || second <= bestD) return null;
  return `${m[1].replace(/[，,]$/, '、')}${best}`;
}

/**
 * A section heading wrapped onto a second line (四、政府信息公 / 开行政复议、行政诉讼情况, its last
 * character garbled): the heading the two lines make, when the first alone is none; else null.
 */
export function wrappedHeading(first: string, second: string): string | null {
  if (headingOf(first) !== null || /^[一二三四五六七八九十]{1,3}[、.．]/.test(second.trim())) return null;
  const joined = `${first.trim()}${second.trim()}`;
  return headingOf(joined);
}

/**
 * Whether a label cell's reading is a template label, or one the dictionary takes for one
 * (snapLabel at the least confidence). A reading of an ordinal and words that is none — 6.属于四信息
 * for 6.属于四类过程性信息, four characters of a wrapped label's line lost — is read again line by line.
 */
export function isTemplateLabel(text: string): boolean {
  const d = dictionary();
  return d.entries.includes(snapLabel(text, 0));
}
