/**
 * Pipe-separated tables in text as the tab-separated rows the text reader reads: Markdown pipe
 * tables (what `nianbao render --format md` writes) and rows copied with `|` or full-width `｜`
 * between cells, with or without outer pipes and without a separator row. The outer pipes
 * become spaces, the inner ones tabs, a separator row an empty line. Same lines, same columns,
 * so positions still point into the file.
 */
const ROW = /^\s*\|.*\|\s*$/;
const ALIGN = /^\s*\|(\s*:?-{3,}:?\s*[|+])+\s*$/;
// GFM's shortest separator (|-|-|): one only under a table's first row (elsewhere a row of zeros written as dashes).
const SHORT_ALIGN = /^\s*\|(\s*:?-+:?\s*\|)+\s*$/;
/** Pipes between cells, ASCII or full-width. */
const PIPE = /[|｜]/;

/** A line that may be a row of cells parted by pipes: two cells at least, no Markdown or HTML. */
function pipeRowLike(line: string): boolean {
  if (!PIPE.test(line) || /^\s*(?:#|<|```)/.test(line)) return false;
  const inner = line.trim().replace(/^[|｜]|[|｜]$/g, '');
  return PIPE.test(inner);
}

/**
 * Runs of three or more rows of cells parted by pipes (line index → whether the run's rows go
 * without outer pipes). Blank lines and short lines without pipes (a sub-table's caption:
 * 第二十条第（五）项) may stand between rows of one run, two at most in a row.
 */
function pipeRuns(lines: string[]): Map<number, { lead: boolean; trail: boolean }> {
  const out = new Map<number, { lead: boolean; trail: boolean }>();
  let rows: number[] = [];
  let gap = 0;
  const flush = () => {
    if (rows.length >= 3) {
      const texts = rows.map((k) => lines[k].trim());
      const bare = { lead: texts.some((t) => !PIPE.test(t[0])), trail: texts.some((t) => !PIPE.test(t.at(-1)!) || t.at(-2) === '\\') };
      for (const k of rows) out.set(k, bare);
    }
    rows = [];
    gap = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    if (pipeRowLike(lines[i])) {
      rows.push(i);
      gap = 0;
    } else if (rows.length && gap < 2 && lines[i].trim().length <= 20 && !/[。；！？]/.test(lines[i])) gap++;
    else flush();
  }
  flush();
  return out;
}

/**
 * A row's pipes as cell borders: outer ones spaces, inner ones tabs (an escaped `\|` stays text).
 * `bare`: the table's rows go without outer pipes, so a pipe at a row's start (end) borders an
 * empty first (last) cell.
 */
function rowAsTabs(line: string, bare = { lead: false, trail: false }): string {
  const first = line.search(/\S/);
  const lastChar = line.trimEnd().length - 1;
  const open = !bare.lead && first >= 0 && PIPE.test(line[first]) ? first : -1;
  const close = !bare.trail && lastChar > open && PIPE.test(line[lastChar]) && line[lastChar - 1] !== '\\' ? lastChar : -1;
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && line[i + 1] === '|') {
      out += ' |';
      i++;
    } else if (PIPE.test(ch)) out += i === open || i === close ? ' ' : '\t';
    else out += ch;
  }
  return out;
}

export function pipeTablesAsRows(text: string): string {
  if (!text.includes('|') && !text.includes('｜')) return text;
  const lines = text.split('\n');
  const aligned = /^\s*\|(\s*:?-+:?\s*[|+])+\s*$/m.test(text);
  const runs = pipeRuns(lines);
  if (!aligned && runs.size === 0) return text;
  const underFirstRow = (i: number) => i >= 1 && ROW.test(lines[i - 1]) && !(i >= 2 && ROW.test(lines[i - 2]));
  return lines
    .map((line, i) => {
      if (ALIGN.test(line) || (SHORT_ALIGN.test(line) && underFirstRow(i))) return ' '.repeat(line.length);
      if (runs.has(i)) return rowAsTabs(line, runs.get(i));
      if (aligned && ROW.test(line)) return rowAsTabs(line);
      return line;
    })
    .join('\n');
}
