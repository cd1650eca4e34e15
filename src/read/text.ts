/** Plain text → document: one paragraph block per line; tabs stay in the text (cells of tab rows). */
import type { Block, SourceDocument } from '../core/types.js';
import { browserTableRows } from './inner-text.js';
import { findTextTables } from './text-grid.js';

/** A crawler header of the form `发布时间: 2024-03-08 15:34` before a `==== 正文 ====` rule. */
const HEADER_KEYS: Record<string, 'title' | 'publishedAt' | 'publisher'> = {
  标题: 'title',
  发布时间: 'publishedAt',
  发布日期: 'publishedAt',
  发布机构: 'publisher',
};

/**
 * A line that is wholly bold in Markdown's way (`**一、总体情况**`, as converters write headings
 * into text) is read without the marks; the marks stay where they are only part of a line.
 */
export function unemphasised(line: string): string {
  // Most lines hold none of the marks: leave them without running a pattern.
  if (!line.includes('*') && !line.includes('_') && !line.includes('..') && !line.includes(':')) return line;
  const m = /^(\s*)(\*\*|__|\*)([^*_\s](?:(?!\2).)*?)\2\s*$/.exec(line);
  if (m) return `${m[1]}${m[3]}`;
  // reStructuredText as converters write a page: a rubric is a heading, other directives
  // (containers) and their options only frame the text.
  const rst = /^(\s*)\.\.\s+([a-z-]+)::\s*(.*)$/.exec(line);
  if (rst) return rst[2] === 'rubric' || rst[2] === 'title' ? `${rst[1]}${rst[3]}` : '';
  if (/^\s*:(name|class):/.test(line)) return '';
  return line;
}

export function readText(text: string): SourceDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const hints: SourceDocument['hints'] = {};
  let bodyStart = 0;
  // (Only the first 30 lines can hold the rule: the rest are not looked at.)
  const rule = lines.slice(0, 30).findIndex((l) => /^=+\s*正文\s*=+$/.test(l.trim()));
  if (rule >= 0) {
    for (let i = 0; i < rule; i++) {
      const m = /^([^:：]{2,6})[:：]\s*(.*)$/.exec(lines[i].trim());
      const key = m && HEADER_KEYS[m[1]];
      if (key && m[2]) hints[key] = m[2].trim();
    }
    bodyStart = rule + 1;
  }
  const joined = browserTableRows(lines);
  if (joined) {
    for (const j of joined) if (j.pos.line! > bodyStart) blocks.push(j.cells ? { kind: 'paragraph', text: j.text, pos: j.pos, cells: j.cells } : { kind: 'paragraph', text: unemphasised(j.text), pos: j.pos });
    return { format: 'txt', blocks, lines, hints, readIssues: [] };
  }
  const drawn = findTextTables(lines, text);
  let next = 0;
  for (let i = bodyStart; i < lines.length; i++) {
    while (next < drawn.length && drawn[next].last < i) next++;
    const table = drawn[next];
    if (table && table.first === i) {
      blocks.push({ kind: 'table', rows: table.rows, pos: { line: i + 1, column: 1 } });
      i = table.last;
      continue;
    }
    blocks.push({ kind: 'paragraph', text: unemphasised(lines[i]), pos: { line: i + 1, column: 1 } });
  }
  return { format: 'txt', blocks, lines, hints, readIssues: [] };
}
