/**
 * Markdown: setext headings (readable as plain text, and read back by the text reader),
 * paragraphs, and each table as a real Markdown (pipe) table. Pipe tables cannot merge
 * cells: a merged label is written in its first position and the positions it covers are
 * left empty, so the columns stay those of the official grid.
 */
import { expandGrid, type LayoutTable, type ReportModel } from './model.js';

function pipeCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
}

/** The table as a pipe table: its first row is the header row, then the alignment row. */
export function pipeTable(t: LayoutTable): string[] {
  const grid = expandGrid(t).map((row) => row.map((c) => pipeCell(c ? c.text : '')));
  if (grid.length === 0) return [];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const align = grid[0].map((_, i) => (i < t.labelCols ? ':---' : '---:'));
  return [line(grid[0]), line(align), ...grid.slice(1).map(line)];
}

function underline(s: string, ch: string): string {
  return ch.repeat(Math.max(4, [...s].length * 2));
}

export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [m.title, underline(m.title, '='), ''];
  if (m.dateLine) out.push(m.dateLine, '');
  for (const s of m.sections) {
    out.push(s.heading, underline(s.heading, '-'), '');
    if (s.table) out.push(...pipeTable(s.table), '');
    for (const p of s.paragraphs) out.push(p, '');
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
