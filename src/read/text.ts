/** Plain text → document: one paragraph block per line; tabs stay in the text (cells of tab rows). */
import type { Block, SourceDocument } from '../core/types.js';

/** A crawler header of the form `发布时间: 2024-03-08 15:34` before a `==== 正文 ====` rule. */
const HEADER_KEYS: Record<string, 'title' | 'publishedAt' | 'publisher'> = {
  标题: 'title',
  发布时间: 'publishedAt',
  发布日期: 'publishedAt',
  发布机构: 'publisher',
};

export function readText(text: string): SourceDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const hints: SourceDocument['hints'] = {};
  let bodyStart = 0;
  const rule = lines.findIndex((l, i) => i < 30 && /^=+\s*正文\s*=+$/.test(l.trim()));
  if (rule >= 0) {
    for (let i = 0; i < rule; i++) {
      const m = /^([^:：]{2,6})[:：]\s*(.*)$/.exec(lines[i].trim());
      const key = m && HEADER_KEYS[m[1]];
      if (key && m[2]) hints[key] = m[2].trim();
    }
    bodyStart = rule + 1;
  }
  for (let i = bodyStart; i < lines.length; i++) {
    blocks.push({ kind: 'paragraph', text: lines[i], pos: { line: i + 1, column: 1 } });
  }
  return { format: 'txt', blocks, lines, hints, readIssues: [] };
}
