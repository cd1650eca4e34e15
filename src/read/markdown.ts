/**
 * Markdown → document: what crawlers and PDF converters hand researchers. `#` and bold
 * headings become paragraphs, pipe tables become grids (an empty cell `||` stays blank; a
 * span written once with empty cells after it, or repeated in every cell, both read), and
 * HTML inside the Markdown is read as HTML: a `<table>` block through the HTML reader (with
 * its rowspan/colspan), inline tags (`<p align="right">…</p>`, `<br>`) reduced to their text.
 *
 * Positions are line/column in the Markdown source.
 */
import { unframeOneCellBoxes } from './unframe.js';
import { withoutRowNumbers } from '../core/row-numbers.js';
import type { Block, GridCell, SourceDocument } from '../core/types.js';
import { readHtmlFragment } from './html.js';
import { decodeText } from './decode.js';
import { registerReader } from './index.js';
import { unemphasised } from './text.js';
import { findTextTables } from './text-grid.js';

// `+` between the dashes: Org-mode's rule (|---+---|).
const SEPARATOR_ROW = /^\s*\|?\s*:?-{2,}:?\s*([|+]\s*:?-{2,}:?\s*)*\|?\s*$/;
// GFM allows one dash a cell (|-|-|); such a row is a separator only under a table's first
// row, since elsewhere a row of `-` is a row of zeros written as dashes.
const SHORT_SEPARATOR_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/;
const FENCE = /^\s*(```|~~~)/;
const ENTITIES: Record<string, string> = { nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ensp: '\u2002', emsp: '\u2003', ideographicspace: '\u3000' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/**
 * Inline Markdown and HTML → plain text: emphasis marks, code ticks, links (their text),
 * images (dropped), tags (dropped, `<br>` as nothing: a wrapped cell is one label), entities.
 */
export function inlineText(s: string): string {
  let t = s;
  t = t.replace(/!\[[^\]]*\]\([^)]*\)/g, '');
  t = t.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  t = t.replace(/<br\s*\/?>/gi, '');
  t = t.replace(/<\/?[a-zA-Z][^>]*>/g, '');
  t = t.replace(/(\*\*|__)(.+?)\1/g, '$2');
  t = t.replace(/(^|[^*\w])\*(?!\s)([^*]+?)\*(?!\w)/g, '$1$2');
  t = t.replace(/`([^`]*)`/g, '$1');
  // CommonMark lets any ASCII punctuation be escaped (pandoc writes \> in a breadcrumb).
  t = t.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return decodeEntities(t);
}

/** A heading line: `## 二、主动公开…` or a paragraph that is only bold text. */
function headingText(line: string): string | null {
  const m = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
  // Pandoc's heading attributes ({#id .class}) and MultiMarkdown's id (`# 标题 [id]`, an
  // identifier without spaces) are not part of the heading.
  return m ? m[1].replace(/\s*\{[#.][^}]*\}$/, '').replace(/(?<=\S)\s+\[[^\]\s]+\]$/, '') : null;
}

/**
 * Cells of a pipe row with the column where each starts; escaped pipes stay text. `bare`: the
 * table's rows are written without outer pipes, so where the row is narrower than the table, a
 * pipe at its start (end) is all that is left of an empty first (last) cell (at its start also
 * where the table's first row and separator go without outer pipes and the row has no pipe at its other end).
 */
function splitRow(line: string, bare = { lead: false, trail: false, width: 0, leadIsCell: false }): { text: string; column: number }[] {
  const cells: { text: string; column: number }[] = [];
  let start = 0;
  let i = 0;
  const trimmed = line.replace(/\s+$/, '');
  // Leading pipe: the row starts after it.
  const lead = /^\s*\|/.exec(trimmed);
  if (lead) start = i = lead[0].length;
  for (; i <= trimmed.length; i++) {
    const c = trimmed[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '|' || i === trimmed.length) {
      // A trailing pipe closes the row: nothing after it is a cell.
      if (i === trimmed.length && start === trimmed.length && trimmed.endsWith('|')) break;
      const raw = trimmed.slice(start, i);
      const offset = raw.length - raw.trimStart().length;
      cells.push({ text: raw.trim(), column: start + offset + 1 });
      start = i + 1;
    }
  }
  if (bare.lead && lead && (cells.length < bare.width || (bare.leadIsCell && !trimmed.endsWith('|')))) cells.unshift({ text: '', column: lead[0].length });
  if (bare.trail && trimmed.endsWith('|') && !trimmed.endsWith('\\|') && (cells.length < bare.width || (bare.leadIsCell && !lead))) cells.push({ text: '', column: trimmed.length });
  return cells;
}

/** Whether some of a table's rows go without their leading (trailing) pipe, and the table's width (its separator's, else its widest row's). */
function bareRows(lines: string[]): { lead: boolean; trail: boolean; width: number; leadIsCell: boolean } {
  const separator = lines.find((l) => SEPARATOR_ROW.test(l) || SHORT_SEPARATOR_ROW.test(l));
  const rows = lines.filter((l) => l !== separator).map((l) => l.trim());
  const lead = rows.some((l) => !l.startsWith('|'));
  const trail = rows.some((l) => !l.endsWith('|') || l.endsWith('\\|'));
  const width = separator ? splitRow(separator).length : Math.max(...rows.map((l) => splitRow(l).length));
  // A table written without outer pipes from its first row and separator on (python's html2text:
  // `a| b` / `---|---`, its separator as wide as the first row only): a pipe opening a later row
  // that does not end with one is an empty first cell (` | 0| 0`), one closing a row that does not
  // start with one an empty last cell (`0| 0|`), whatever the separator's width.
  const leadIsCell = separator !== undefined && !separator.trim().startsWith('|') && rows.length > 0 && !rows[0].startsWith('|') && !rows[0].endsWith('|');
  return { lead, trail, width, leadIsCell };
}

/**
 * A cell that holds a value, however written (０, 5件, 1，234, ——, 无): never one merged cell
 * repeated, since neighbouring cells often hold the same figure.
 */
function valueLike(t: string): boolean {
  const s = t.normalize('NFKC').replace(/\s+/g, '');
  return /\d/.test(s) || FIGURE.test(s) || /^(?:[-—–－]+|无|空|\/)$/.test(s);
}

const FIGURE = /^[-+]?\d[\d,]*(?:\.\d+)?$|^(?:[-—/]|-{2,3}|—{2})$/;

/**
 * Pipe tables cannot merge cells; converters write a merged cell once (the rest empty) or
 * repeat it in every cell it covers. Repeated words are one cell. A repeated figure is one
 * cell only where the header row above it repeats too (本年增/减 | 本年增/减 over 7 | 7):
 * elsewhere two equal figures are two cells.
 */
function mergeRepeatedSpans(rows: GridCell[][]): GridCell[][] {
  let header: string[] | null = null;
  return rows.map((row) => {
    const texts = row.map((c) => c.text.trim());
    const merged: GridCell[] = [];
    texts.forEach((t, j) => {
      const prev = merged.at(-1);
      const repeated = prev !== undefined && t !== '' && t === texts[j - 1];
      const figure = valueLike(t);
      const headerSpans = header !== null && header[j] !== undefined && header[j] !== '' && header[j] === header[j - 1];
      if (repeated && (!figure || headerSpans)) prev.colSpan = (prev.colSpan ?? 1) + 1;
      else merged.push({ ...row[j] });
    });
    if (!texts.some(valueLike)) header = texts;
    return merged;
  });
}

function isPipeRow(line: string): boolean {
  const t = line.trim();
  return t.startsWith('|') || (t.includes('|') && /\S\s*\|\s*\S/.test(t) && !/^<|^#/.test(t));
}

export function readMarkdown(text: string, name = 'document.md'): SourceDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const readIssues: SourceDocument['readIssues'] = [];
  let i = 0;
  let fenced = false;
  const drawn = new Map(findTextTables(lines, text).map((t) => [t.first, t]));
  while (i < lines.length) {
    const line = lines[i];
    // A grid table (pandoc's +---+, or box drawing): its cells with their spans.
    const table = fenced ? undefined : drawn.get(i);
    if (table) {
      blocks.push({ kind: 'table', rows: table.rows, pos: { line: i + 1, column: 1 } });
      i = table.last + 1;
      continue;
    }
    if (FENCE.test(line)) {
      fenced = !fenced;
      i++;
      continue;
    }
    // A pipe table: a row, a separator row, then rows (a table without separator is read too
    // when two or more consecutive lines are rows of the same width).
    if (!fenced && isPipeRow(line)) {
      const start = i;
      const rows: GridCell[][] = [];
      let end = i;
      while (end < lines.length && isPipeRow(lines[end])) end++;
      const bare = bareRows(lines.slice(start, end));
      for (; i < end; i++) {
        if (!SEPARATOR_ROW.test(lines[i]) && !(i === start + 1 && SHORT_SEPARATOR_ROW.test(lines[i])))
          rows.push(splitRow(lines[i], bare).map((c) => ({ text: inlineText(c.text), pos: { line: i + 1, column: c.column, length: c.text.length } })));
      }
      if (rows.length >= 2 || i - start >= 2) {
        blocks.push({ kind: 'table', rows: mergeRepeatedSpans(withoutRowNumbers(rows)), pos: { line: start + 1, column: 1 } });
        continue;
      }
      i = start;
    }
    // An HTML table block: read by the HTML reader, placed at its Markdown lines.
    // (MinerU wraps each table in <html><body>.)
    if (!fenced && /^\s*(?:<html[^>]*>\s*)?(?:<body[^>]*>\s*)?<table[\s>]/i.test(line)) {
      const start = i;
      let depth = 0;
      const chunk: string[] = [];
      do {
        const l = lines[i];
        depth += (l.match(/<table[\s>]/gi) ?? []).length - (l.match(/<\/table>/gi) ?? []).length;
        chunk.push(l);
        i++;
      } while (i < lines.length && depth > 0);
      for (const b of readHtmlFragment(chunk.join('\n'))) {
        // The HTML reader counts its own lines; a cell is shown at the table's first line.
        if (b.kind === 'table') blocks.push({ kind: 'table', rows: b.rows.map((r) => r.map((c) => ({ ...c, pos: { line: start + 1, column: 1, path: c.pos.path } }))), pos: { line: start + 1, column: 1 } });
        else blocks.push({ kind: 'paragraph', text: b.text, pos: { line: start + 1, column: 1 } });
      }
      continue;
    }
    // Pandoc's fenced divs (::: article … :::) only group blocks.
    if (!fenced && /^\s*:{3,}(\s|$)/.test(line)) {
      blocks.push({ kind: 'paragraph', text: '', pos: { line: i + 1, column: 1 } });
      i++;
      continue;
    }
    const heading = fenced ? null : headingText(line);
    // A list item's marker (and Org's heading star) is not part of its text; a `-` before
    // figures is a zero written as a dash, not a marker.
    const body = heading ?? unemphasised(line.replace(/^(\s{0,3})[*+-]\s+(?=\S)(?![\d\s.,，%\-—–/／]*$)/, '$1'));
    const plain = fenced ? line : inlineText(body);
    const column = heading !== null ? line.indexOf(heading) + 1 : 1;
    blocks.push({ kind: 'paragraph', text: plain, pos: { line: i + 1, column: Math.max(1, column) } });
    i++;
  }
  return { format: 'md', blocks, lines, hints: {}, readIssues };
}

registerReader('md', (buf, name) => readMarkdown(unframeOneCellBoxes(decodeText(buf).text), name));
