/**
 * Tables written out with their row numbers (pandas' `to_markdown()` and `to_html()`, a
 * spreadsheet's 序号 column): every row's first cell a whole number counting up by one from 0
 * or 1, often under a row of column numbers. Those cells are no figures of the report: a row
 * number read as a figure would fill a blank cell with another number.
 */

interface CellLike {
  text: string;
  rowSpan?: number;
  colSpan?: number;
}

const isCount = (cells: string[], start: number) => cells.length >= 2 && cells.every((t, i) => t === String(start + i));
const counts = (cells: string[]) => isCount(cells, 0) || isCount(cells, 1);

/** The rows without their numbers (and without a row of column numbers on top); the rows themselves when they are not numbered. */
export function withoutRowNumbers<C extends CellLike>(rows: C[][]): C[][] {
  if (rows.length < 4) return rows;
  const top = rows[0].map((c) => c.text.trim());
  // Column numbers over the table: an empty corner then 0, 1, 2 …, or the corner left out.
  const header = (top[0] === '' && counts(top.slice(1))) || counts(top) ? 1 : 0;
  const body = rows.slice(header);
  if (body.some((r) => r.length < 2 || (r[0].rowSpan ?? 1) > 1 || (r[0].colSpan ?? 1) > 1)) return rows;
  if (!counts(body.map((r) => r[0].text.trim()))) return rows;
  return body.map((r) => r.slice(1));
}
