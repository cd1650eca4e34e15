/** Positions in a source as people read them (its own module: the JSON output needs it without the rules). */
import type { SourcePos } from '../core/types.js';

/**
 * Where a person looks, by format: text → `:行:列`; web page → `表3 第5行第4列` (or 正文);
 * Word (and what LibreOffice converted: .doc, .rtf, .odt) → `表格2 第3行 第4列` / `第12段`; PDF → `第3页（距页顶约 120 点，距左 80 点）`;
 * workbook → `表三!D5`. Empty when the position says nothing more than the file.
 */
export function place(pos: SourcePos | undefined, format?: string): string {
  if (!pos) return '';
  const path = pos.path ?? '';
  if (/^Sheet /.test(path) || format === 'xlsx' || format === 'xls' || format === 'ods') return path.replace(/^Sheet /, '');
  const cell = /table\[(\d+)\](?:\s*\/?\s*tr\[(\d+)\]\s*\/?\s*t[dh]\[(\d+)\])?/.exec(path);
  if (cell && (format === undefined || format === 'html')) return cell[2] ? `表${cell[1]} 第${cell[2]}行第${cell[3]}列` : `表${cell[1]}`;
  if (pos.page != null) {
    const at = [pos.y != null ? `距页顶约 ${Math.round(pos.y)} 点` : '', pos.x != null ? `距左 ${Math.round(pos.x)} 点` : ''].filter(Boolean).join('，');
    return `第${pos.page}页${at ? `（${at}）` : ''}`;
  }
  if (format === 'html') return '正文';
  if ((format === 'docx' || format === 'doc' || format === 'rtf' || format === 'odt' || /^(表格|第\d+段)/.test(path)) && path) return path;
  if (pos.line != null) return `${pos.line}${pos.column != null ? `:${pos.column}` : ''}`;
  return path;
}
