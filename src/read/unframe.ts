/**
 * A page's whole body drawn as one box (pandoc's plain text of a page laid out in a one-cell
 * table: `+----+`, then every line `| … |`, then `+----+`): the box is only the layout, and the
 * text and tables inside it are the report. The frame's characters become spaces, so lines
 * and columns still point into the file.
 */
const TOP = /^(\s*)\+-{20,}\+?\s*$/;

export function unframeOneCellBoxes(text: string): string {
  if (!text.includes('+---')) return text;
  const lines = text.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const top = TOP.exec(lines[i]);
    if (!top) continue;
    const col = top[1].length;
    // The box's lines: each opens with `|` at the frame's column; the box ends at the next rule there.
    let end = i + 1;
    while (end < lines.length && lines[end].length > col && lines[end][col] === '|' && lines[end].slice(0, col).trim() === '') end++;
    if (end >= lines.length || end - i < 4 || !TOP.test(lines[end]) || TOP.exec(lines[end])![1].length !== col) continue;
    for (let k = i; k <= end; k++) {
      if (k === i || k === end) {
        lines[k] = ' '.repeat(lines[k].length);
        continue;
      }
      const l = lines[k];
      // The right edge: a last `|` after spaces (CJK widths may leave it out or misplace it).
      const right = /\s\|\s*$/.exec(l);
      const body = right ? l.slice(0, right.index + 1) + ' '.repeat(l.length - right.index - 1) : l;
      lines[k] = body.slice(0, col) + ' ' + body.slice(col + 1);
    }
    changed = true;
    i = end;
  }
  return changed ? lines.join('\n') : text;
}
