/**
 * Text a browser gives for a page (Chromium's innerText, what "select all, copy" puts on the
 * clipboard). Where a table's cells hold paragraphs (<td><p>0</p></td>, as CMS pages pasted
 * from Word do), each cell stands on its own lines and the cells of a row are parted by a tab
 * alone on a line between blank lines:
 *
 *     规章⏎⏎⇥⏎⏎ 6 ⏎⏎⇥⏎⏎ 8 ⏎⏎⇥⏎⏎ 0
 *
 * Such rows are joined back into tab rows, each cell keeping its own position. An empty cell
 * is a line of spaces (&nbsp;) or two tabs on the parting line; a line break inside a cell
 * (<br>: 一、本年新收⏎政府信息公开申请数量) is a line directly below, without a blank line.
 */
import type { SourcePos } from '../core/types.js';

export interface JoinedLine {
  text: string;
  pos: SourcePos;
  /** Where each tab-parted cell of a joined row starts. */
  cells?: SourcePos[];
}

const SEPARATOR = /^\t+$/;

/** Whether line i parts two cells: tabs alone, between blank lines. */
function separatorAt(lines: string[], i: number): boolean {
  return SEPARATOR.test(lines[i]) && lines[i - 1] === '' && lines[i + 1] === '';
}

/** The text as rows and lines, or null where the text is not a browser's text of such tables. */
export function browserTableRows(lines: string[]): JoinedLine[] | null {
  let separators = 0;
  let tabbed = 0;
  for (let i = 1; i < lines.length - 1; i++) {
    if (separatorAt(lines, i)) separators++;
    // Text copied from Word puts a tab before every cell (⇥0): not this form.
    else if (/^\t+\S/.test(lines[i])) tabbed++;
  }
  if (separators < 10 || tabbed * 4 > separators) return null;

  interface Entry {
    parts: { text: string; pos: SourcePos }[];
    /** Line index of the entry's last line, to tell a line directly below (a <br> in a cell). */
    last: number;
    row: boolean;
  }
  const out: Entry[] = [];
  let pending = 0;
  let blanksBefore = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (i > 0 && i < lines.length - 1 && separatorAt(lines, i)) {
      const cur = out[out.length - 1];
      if (pending === 0 && (i < 2 || lines[i - 2] === '')) {
        // No cell text above the parting line: the row starts with an empty cell.
        out.push({ parts: [{ text: '', pos: { line: i + 1, column: 1 } }], last: i, row: true });
      } else if (cur && !cur.row) {
        // The row's first cell may have been broken over lines above (<br>): they join it.
        const prev = out[out.length - 2];
        if (prev && !prev.row && prev.last === cur.parts[0].pos.line! - 2 && prev.parts[0].text !== '' && prev.parts[0].text.trim().length <= 30) {
          cur.parts[0] = { text: prev.parts[0].text + cur.parts[0].text, pos: prev.parts[0].pos };
          out.splice(out.length - 2, 1);
        }
        cur.row = true;
      }
      pending += line.length;
      blanksBefore = 0;
      continue;
    }
    if (line === '') {
      blanksBefore++;
      // Blank lines around a parting line are the cells' paragraph spacing, not text.
      if (!(i + 1 < lines.length - 1 && separatorAt(lines, i + 1)) && !(i > 1 && separatorAt(lines, i - 1)) && pending === 0) out.push({ parts: [{ text: '', pos: { line: i + 1, column: 1 } }], last: i, row: false });
      continue;
    }
    const cur = out[out.length - 1];
    const pos: SourcePos = { line: i + 1, column: 1 };
    if (pending > 0 && cur?.row) {
      for (let k = 1; k < pending; k++) cur.parts.push({ text: '', pos });
      cur.parts.push({ text: line, pos });
      cur.last = i;
    } else if (cur?.row && blanksBefore === 0 && cur.last === i - 1) {
      // A line directly below a row's last cell: the cell broken by <br>.
      cur.parts[cur.parts.length - 1].text += line;
      cur.last = i;
    } else {
      out.push({ parts: [{ text: line, pos }], last: i, row: false });
    }
    pending = 0;
    blanksBefore = 0;
  }
  return out.map((e) => (e.row ? { text: e.parts.map((p) => p.text).join('\t'), pos: e.parts[0].pos, cells: e.parts.map((p) => p.pos) } : { text: e.parts[0].text, pos: e.parts[0].pos }));
}
