/**
 * Markdown pipe tables (what `nianbao render --format md` writes) as the tab-separated rows
 * the text reader reads: the outer pipes become spaces, the inner ones tabs, the alignment
 * row an empty line. Same lines, same columns, so positions still point into the file.
 */
const ROW = /^\s*\|.*\|\s*$/;
const ALIGN = /^\s*\|(\s*:?-{3,}:?\s*[|+])+\s*$/;
// GFM's shortest separator (|-|-|): one only under a table's first row (elsewhere a row of zeros written as dashes).
const SHORT_ALIGN = /^\s*\|(\s*:?-+:?\s*\|)+\s*$/;

export function pipeTablesAsRows(text: string): string {
  if (!text.includes('|') || !/^\s*\|(\s*:?-+:?\s*[|+])+\s*$/m.test(text)) return text;
  const lines = text.split('\n');
  const underFirstRow = (i: number) => i >= 1 && ROW.test(lines[i - 1]) && !(i >= 2 && ROW.test(lines[i - 2]));
  return lines
    .map((line, i) => {
      if (ALIGN.test(line) || (SHORT_ALIGN.test(line) && underFirstRow(i))) return ' '.repeat(line.length);
      if (!ROW.test(line)) return line;
      const open = line.indexOf('|');
      const close = line.lastIndexOf('|');
      let out = '';
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (ch === '\\' && line[i + 1] === '|') {
          out += ' |';
          i++;
        } else if (ch === '|') out += i === open || i === close ? ' ' : '\t';
        else out += ch;
      }
      return out;
    })
    .join('\n');
}
