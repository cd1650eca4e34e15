/**
 * Finds the six section headings by their titles (never by numeral alone: numbering in
 * the wild is unreliable), on their own line or run into a flattened page.
 */
import { SECTIONS, type SectionKey } from '../core/template.js';
import type { Section, SourcePos } from '../core/types.js';
import { fromScan } from '../core/types.js';
import { oneEditApart } from '../core/edit-distance.js';
import { normLabel } from '../core/normalize.js';
import { filledPerRow, spanPos, spanText, type Field } from './fields.js';

export interface Heading {
  key: SectionKey;
  field: number;
  /** Span of the heading (numbering included) in the field's normalised text. */
  start: number;
  end: number;
  numbering: string;
  title: string;
  pos: SourcePos;
  /** The heading is a line of its own (not run into other text). */
  own: boolean;
  /** Field where the heading ends, when it wraps onto the next line (`end` is then in that field). */
  endField?: number;
}

/** Where a heading's text ends: its own field, or the next one when it wrapped. */
export function headingEnd(h: Heading): { field: number; offset: number } {
  return { field: h.endField ?? h.field, offset: h.end };
}

const NUMBERING = String.raw`(?:[一二三四五六七八九十]+\.?|\d{1,2}\.|\((?:[一二三四五六七八九十]+|\d{1,2})\)\.?)`;
const PATTERNS = SECTIONS.flatMap((s) => s.patterns.map((p) => ({ key: s.key, p: normLabel(p) }))).sort((a, b) => b.p.length - a.p.length);
const ALT = PATTERNS.map((x) => x.p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
/** A heading alone on its line: numbering, a short prefix (政府信息公开工作…), the title, punctuation. */
const OWN_LINE = new RegExp(`^(${NUMBERING})?([^.,:;]{0,16}?)(${ALT})[.:]?$`);
/** A sentence's last few characters before a heading on its line (况。). */
const TAIL_BEFORE_HEADING = /^[^.\d一二三四五六七八九十()]{1,4}\./;
/** A numbered heading at the start of a line or cell, more words after it. */
const LEADING = new RegExp(`^(${NUMBERING})([^.,:;]{0,16}?)(${ALT})`);
/** A heading run into a flattened page: numbering required, after a sentence end or a figure. */
/** Run into figures, an arabic section number is one digit (…336.65 3、收到… is 336.65, then 3、). */
const NUMBERING_EMBEDDED = String.raw`(?:[一二三四五六七八九十]+\.?|[1-9]\.|\((?:[一二三四五六七八九十]+|\d{1,2})\)\.?)`;
const EMBEDDED = new RegExp(`(?:^|(?<=[.;!?\\d)元件条]))(${NUMBERING_EMBEDDED})([^.,:;\\d]{0,16}?)(${ALT})|([一二三四五六]\\.)([^.,:;\\d]{0,16}?)(${ALT})`, 'g');

/** The last characters of the titles: a line ending otherwise (most table cells) is no heading. */
// (As UTF-16 code units: asked of every field, and `at` would make a one-character string each time;
// an empty or too short text gives NaN, which no title ends with.)
const TITLE_ENDS = new Set(PATTERNS.map((x) => x.p.charCodeAt(x.p.length - 1)));
const DOT = 0x2e;
const COLON = 0x3a;
const mayEndTitle = (norm: string) => {
  const last = norm.charCodeAt(norm.length - 1);
  return TITLE_ENDS.has(last === DOT || last === COLON ? norm.charCodeAt(norm.length - 2) : last);
};

function keyOf(p: string): SectionKey {
  return PATTERNS.find((x) => x.p === p)!.key;
}

export function findHeadings(fields: Field[]): Heading[] {
  const found: Heading[] = [];
  // A grid cell alone on its row (a workbook's heading in column A) is a line as prose is.
  const filled = filledPerRow(fields, (f) => f.grid === true);
  const line = (f: Field) => !f.cellLike || (f.grid === true && filled.get(f.row) === 1);
  fields.forEach((f, i) => {
    if (f.norm.length <= 48) {
      const m = mayEndTitle(f.norm) ? OWN_LINE.exec(f.norm) : null;
      if (m) {
        const numbering = m[1] ? spanText(f, 0, m[1].length) : '';
        const titleStart = (m[1]?.length ?? 0);
        found.push({ key: keyOf(m[3]), field: i, start: 0, end: f.norm.length, numbering, title: spanText(f, titleStart, f.norm.length).trim(), pos: spanPos(f, 0, f.norm.length), own: true });
        return;
      }
      // A heading after the last characters of the paragraph before it, which a converter put
      // on its line (Ghostscript's txtwrite: 况。二、主动公开政府信息情况): it starts after them.
      const tail = TAIL_BEFORE_HEADING.exec(f.norm);
      const after = tail ? f.norm.slice(tail[0].length) : '';
      const t = tail && mayEndTitle(after) ? OWN_LINE.exec(after) : null;
      if (t && t[1] && /^[一二三四五六]\.$/.test(t[1])) {
        const start = tail![0].length;
        found.push({ key: keyOf(t[3]), field: i, start, end: f.norm.length, numbering: spanText(f, start, start + t[1].length), title: spanText(f, start + t[1].length, f.norm.length).trim(), pos: spanPos(f, start, f.norm.length), own: true });
        return;
      }
      // A heading wrapped onto a second short line (…提起行政诉讼 / 情况).
      const next = fields[i + 1];
      if (next && line(f) && line(next) && next.norm.length > 0 && next.norm.length <= 12 && f.norm.length >= 6) {
        const w = mayEndTitle(next.norm) ? OWN_LINE.exec(f.norm + next.norm) : null;
        if (w && (w[1] || w[2].length === 0) && (w[1]?.length ?? 0) + w[2].length < f.norm.length) {
          const numbering = w[1] ? spanText(f, 0, w[1].length) : '';
          const title = (spanText(f, numbering.length ? w[1].length : 0, f.norm.length) + next.text).replace(/\s+/g, '');
          found.push({ key: keyOf(w[3]), field: i, start: 0, end: next.norm.length, endField: i + 1, numbering, title, pos: spanPos(f, 0, f.norm.length), own: true });
          return;
        }
      }
    }
    // A numbered heading run into the words after it in one cell or line (a PDF's page
    // layout putting the heading in the row of a table ruled between rows): it starts there.
    const embedded = f.norm.length >= 30 && /情况|事项|概述/.test(f.norm);
    const lead = embedded ? null : LEADING.exec(f.norm);
    if (lead && /^[一二三四五六七八九十]/.test(lead[1])) {
      const end = lead[0].length;
      found.push({ key: keyOf(lead[3]), field: i, start: 0, end, numbering: spanText(f, 0, lead[1].length), title: spanText(f, lead[1].length, end), pos: spanPos(f, 0, end), own: false });
      return;
    }
    if (!embedded) return;
    EMBEDDED.lastIndex = 0;
    for (let m = EMBEDDED.exec(f.norm); m; m = EMBEDDED.exec(f.norm)) {
      // Either alternative: numbering after a sentence end, or a Chinese section numeral anywhere.
      const numbering = m[1] ?? m[4];
      const start = m.index;
      const end = start + m[0].length;
      found.push({ key: keyOf(m[3] ?? m[6]), field: i, start, end, numbering: spanText(f, start, start + numbering.length), title: spanText(f, start + numbering.length, end), pos: spanPos(f, start, end), own: false });
    }
  });
  // One heading per section: the first line of its own, else the first run-in one.
  const chosen = new Map<SectionKey, Heading>();
  for (const h of found) {
    const prev = chosen.get(h.key);
    if (!prev || (!prev.own && h.own)) chosen.set(h.key, h);
  }
  garbledHeadings(fields, chosen, line);
  return [...chosen.values()].sort((a, b) => a.field - b.field || a.start - b.start);
}

/** Titles long enough that one garbled character still leaves them unmistakable. */
const GARBLE_MIN = 8;

/**
 * A section heading not found whose line has one character garbled or lost (Ghostscript's text
 * of a browser's PDF: `五、存在的主要问题及改ß情况`), or its numbering lost (below). Taken only
 * where the line is a line of its own, starts with the section's own numeral (the anchor), ends
 * with one of the section's long titles but for one character put in, left out or replaced, and
 * stands after the heading found for the section before it and before the one after it.
 */
function garbledHeadings(fields: Field[], chosen: Map<SectionKey, Heading>, line: (f: Field) => boolean): void {
  SECTIONS.forEach((s, k) => {
    if (chosen.has(s.key)) return;
    const prev = SECTIONS.slice(0, k).map((x) => chosen.get(x.key)).filter((h): h is Heading => !!h).at(-1);
    const next = SECTIONS.slice(k + 1).map((x) => chosen.get(x.key)).find((h): h is Heading => !!h);
    const whole = s.patterns.map(normLabel);
    const titles = whole.filter((p) => [...p].length >= GARBLE_MIN);
    // What a heading cut where it wrapped may begin with: the full title or one of its wordings.
    const beginnings = [normLabel(s.title), ...whole];
    // Characters that end with one of the long titles but for one character put in, left out or
    // replaced, after at most `prefix` characters with no punctuation among them.
    const endsWithGarbledTitle = (rest: string[], prefix: number) =>
      titles.some((t) => {
        const n = [...t].length;
        for (const len of [n - 1, n, n + 1]) {
          if (len > rest.length || rest.length - len > prefix) continue;
          const before = rest.slice(0, rest.length - len).join('');
          if (!/[.,:;]/.test(before) && oneEditApart(rest.slice(rest.length - len).join(''), t)) return true;
        }
        return false;
      });
    // The line as the section's heading, its numbering the first `numbered` characters.
    const take = (f: Field, i: number, numbered: number) =>
      chosen.set(s.key, { key: s.key, field: i, start: 0, end: f.norm.length, numbering: spanText(f, 0, numbered), title: spanText(f, numbered, f.norm.length).trim(), pos: spanPos(f, 0, f.norm.length), own: true });
    for (let i = prev ? (prev.endField ?? prev.field) + 1 : 0; i < (next ? next.field : fields.length); i++) {
      const f = fields[i];
      if (f.norm.length > 48 || !line(f)) continue;
      // Its numbering lost, the 、 left (pdftotext moving an arabic section number away from
      // its line: `5、存在…` → `、存在…`): the title itself must then be whole, nothing before it.
      if (f.norm.startsWith('.') && whole.includes(f.norm.slice(1).replace(/[.:]$/, ''))) {
        take(f, i, 1);
        return;
      }
      // On a scan, its numeral lost under a seal's ink and a character of the title garbled besides
      // (OCR: `、人存在的主要问题久改进情况`): a long title one edit off, at most two stray
      // characters before it. (In a text, a converter that moved the number keeps the title whole.)
      if (fromScan(f.pos) && f.norm.startsWith('.') && endsWithGarbledTitle([...f.norm.slice(1).replace(/[.:]$/, '')], 2)) {
        take(f, i, 1);
        return;
      }
      // On a scan, its numbering misprinted and garbled besides (`5$、人存在的主要问题及改进情况`: an
      // arabic 5 for 五, a speck read as $, another as 人): up to three characters, none of them
      // Chinese, before the 、, then the long title one edit off after at most two stray characters.
      const numbered = fromScan(f.pos) ? /^[^\u4e00-\u9fff.]{1,3}\./.exec(f.norm) : null;
      if (numbered && endsWithGarbledTitle([...f.norm.slice(numbered[0].length).replace(/[.:]$/, '')], 2)) {
        take(f, i, numbered[0].length);
        return;
      }
      if (!f.norm.startsWith(`${s.numeral}.`)) continue;
      // Cut where it wrapped, its rest put elsewhere by a converter (pdfminer: 四、政府信息公开行
      // … the table's figures … 政复议、行政诉讼情况): the line is the title's beginning.
      const said = f.norm.slice(s.numeral.length + 1);
      if ([...said].length >= 6 && beginnings.some((t) => t.length > said.length && t.startsWith(said))) {
        take(f, i, s.numeral.length + 1);
        return;
      }
      if (!endsWithGarbledTitle([...said.replace(/[.:]$/, '')], 16)) continue;
      take(f, i, s.numeral.length + 1);
      return;
    }
  });
}

/** Sections with their body text: from a heading to the next heading (in document order). */
export function buildSections(fields: Field[], headings: Heading[]): Section[] {
  return headings.map((h, order) => {
    const next = headings[order + 1];
    const parts: string[] = [];
    const start = headingEnd(h);
    for (let i = start.field; i < fields.length && (!next || i <= next.field); i++) {
      const f = fields[i];
      const from = i === start.field ? start.offset : 0;
      const to = next && i === next.field ? next.start : f.norm.length;
      if (to <= from) continue;
      parts.push(i === start.field || (next && i === next.field) ? spanText(f, from, to) : f.text);
    }
    return { key: h.key, title: h.title, numbering: h.numbering, pos: h.pos, text: parts.join('\n').trim(), order };
  });
}
