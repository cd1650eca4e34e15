/**
 * A spreadsheet saved as CSV (Excel, WPS, LibreOffice): its rows as the tab-separated rows the
 * text reader reads. A line holding one field only (the title, a heading, a paragraph of prose
 * in column A) becomes that text alone; quotes are removed. One line stays one line, so
 * positions still point into the file. Chinese prose parts its clauses with full-width commas,
 * so text is taken for CSV only when nearly every line has ASCII commas outside quotes.
 */
import { parseCsv } from '../core/csv.js';

/** The fields of one CSV line, or null when a quoted field runs past the line's end. */
function fields(line: string): string[] | null {
  if ((line.match(/"/g) ?? []).length % 2 === 1) return null;
  return parseCsv(line, { keepEmptyRows: true })[0] ?? [''];
}

/**
 * The first `n` lines that are not blank: `text.split('\n').filter((l) => l.trim() !== '').slice(0, n)`
 * without splitting (and trimming) the whole text, which is asked of every text file.
 */
function firstFilledLines(text: string, n: number): string[] {
  const out: string[] = [];
  for (let from = 0; out.length < n && from <= text.length; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const l = text.slice(from, to);
    if (l.trim() !== '') out.push(l);
    from = to + 1;
  }
  return out;
}

export function looksCsv(text: string): boolean {
  if (!text.includes(',')) return false;
  const lines = firstFilledLines(text, 400);
  if (lines.length < 5) return false;
  // A line without a comma is one field: when too few lines have one, no parsing can change that.
  if (lines.reduce((n, l) => (l.includes(',') ? n + 1 : n), 0) < 0.9 * lines.length) return false;
  let withCommas = 0;
  const widths = new Map<number, number>();
  for (const l of lines) {
    const f = fields(l.replace(/\r$/, ''));
    if (!f || f.length < 2) continue;
    withCommas++;
    widths.set(f.length, (widths.get(f.length) ?? 0) + 1);
  }
  // Nearly every line, and most of them as wide as the sheet (a spreadsheet pads every row).
  const widest = Math.max(0, ...widths.values());
  return withCommas >= 0.9 * lines.length && widest >= 0.6 * lines.length;
}

export function csvAsRows(text: string): string {
  if (!looksCsv(text)) return text;
  return text
    .split('\n')
    .map((raw) => {
      const cr = raw.endsWith('\r') ? '\r' : '';
      const f = fields(raw.slice(0, raw.length - cr.length));
      if (!f) return raw;
      const filled = f.filter((x) => x.trim() !== '');
      if (filled.length <= 1) return (filled[0] ?? '').trim() + cr;
      return f.map((x) => x.replace(/\t/g, ' ')).join('\t') + cr;
    })
    .join('\n');
}
