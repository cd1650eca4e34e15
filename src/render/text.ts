/**
 * Plain text: the title, the sections, each table as tab-separated rows (merged positions
 * left empty so the columns stay aligned). This project's text reader reads it back.
 */
import { expandGrid, type LayoutTable, type ReportModel } from './model.js';

export function tableLines(t: LayoutTable): string[] {
  return expandGrid(t).map((row) => row.map((c) => (c ? c.text : '')).join('\t').replace(/\t+$/, ''));
}

export function renderText(m: ReportModel): string {
  const out: string[] = [m.title, ''];
  if (m.dateLine) out.push(m.dateLine, '');
  for (const s of m.sections) {
    out.push(s.heading, '');
    if (s.table) out.push(...tableLines(s.table), '');
    for (const p of s.paragraphs) out.push(p, '');
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
