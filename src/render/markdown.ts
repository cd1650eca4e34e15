/**
 * Markdown: setext headings (readable as plain text, and read back by the text reader),
 * paragraphs, and each table in a fenced block of tab-separated rows (Markdown pipe
 * tables cannot merge cells; the fenced rows keep the official grid).
 */
import type { ReportModel } from './model.js';
import { tableLines } from './text.js';

function underline(s: string, ch: string): string {
  return ch.repeat(Math.max(4, [...s].length * 2));
}

export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [m.title, underline(m.title, '='), ''];
  if (m.dateLine) out.push(m.dateLine, '');
  for (const s of m.sections) {
    out.push(s.heading, underline(s.heading, '-'), '');
    if (s.table) out.push('```text', ...tableLines(s.table), '```', '');
    for (const p of s.paragraphs) out.push(p, '');
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
