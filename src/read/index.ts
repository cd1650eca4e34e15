/**
 * Bytes of any supported format → a SourceDocument. Readers are pure functions of their
 * input; the file system is touched only by callers (CLI, server).
 */
import { csvAsRows } from './csv.js';
import { unframeOneCellBoxes } from './unframe.js';
import { ReadFailure } from '../core/failure.js';
import { LIMITS } from '../core/limits.js';
import type { SourceDocument } from '../core/types.js';
import { decodeText, looksBinary, utf16AsUtf8 } from './decode.js';
import { detectFormat } from './detect.js';
import { READER_MODULES } from './formats.js';
import { dropPageFurniture } from './page-furniture.js';
import { pipeTablesAsRows } from './pipe-tables.js';
import { readText } from './text.js';

export type FormatReader = (buf: Uint8Array, name: string) => Promise<SourceDocument> | SourceDocument;

/** Readers of the other formats register here (html, docx, doc, pdf, xlsx) when their module loads. */
export const READERS: Partial<Record<string, FormatReader>> = {};

export function registerReader(kind: string, reader: FormatReader): void {
  READERS[kind] = reader;
}

/** The reader of a format, its module loaded on first use (formats.ts); undefined when there is none. */
export async function readerFor(kind: string): Promise<FormatReader | undefined> {
  if (!READERS[kind]) await READER_MODULES[kind]?.();
  return READERS[kind];
}

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MB`;
}

export async function readDocument(bytes: Uint8Array, name: string): Promise<SourceDocument> {
  const buf = utf16AsUtf8(bytes) ?? bytes;
  if (buf.length === 0) throw new ReadFailure('empty', '文件为空（0 字节），没有可读取的内容。请检查下载或导出是否完整。');
  if (buf.length > LIMITS.maxFileBytes) throw new ReadFailure('too-large', `文件过大（${mb(buf.length)}），超过上限 ${mb(LIMITS.maxFileBytes)}。年度报告通常小于 10 MB，请确认文件是否正确。`);
  const kind = detectFormat(buf);
  // RTF is text to the eye of the detector, but its words are inside control codes.
  // It is converted by LibreOffice, as .doc is (converted.ts).
  if (kind === 'txt' && buf.length > 5 && buf[0] === 0x7b && Buffer.from(buf.buffer, buf.byteOffset, 5).toString('latin1') === '{\\rtf') return (await readerFor('rtf'))!(buf, name);
  if (kind === 'txt' || kind === 'json' || kind === 'md') {
    if (looksBinary(buf)) throw new ReadFailure('binary', '文件是二进制数据，不是文本，也不是支持的文档格式（txt、md、html、docx、doc、rtf、odt、pdf、xlsx、xls、ods）。');
    if (buf.length > LIMITS.maxTextBytes) throw new ReadFailure('too-large', `文本文件过大（${mb(buf.length)}），超过上限 ${mb(LIMITS.maxTextBytes)}。一份年度报告的正文通常不足 1 MB，请确认文件内容。`);
    const special = kind === 'json' || kind === 'md' ? await readerFor(kind) : undefined;
    if (kind === 'json' && special) return special(buf, name);
    const decoded = decodeText(buf);
    if (decoded.tooDamaged) {
      const lines = decoded.damagedLines ?? [];
      throw new ReadFailure(
        'encoding-damaged',
        `文件是 UTF-8 文本，但有 ${decoded.tooDamaged} 处字节不是有效的 UTF-8，分布在 ${lines.length} 行（第 ${lines.slice(0, 5).join('、')}${lines.length > 5 ? ' 等' : ''} 行）：多半是转换工具按字节截断了汉字（例如按字节宽度排列表格的文本转换工具），表格内容已不完整，无法可靠读取。请改用原始网页、PDF 或 Word 文件。`,
      );
    }
    const doc = special ? await special(buf, name) : readText(pipeTablesAsRows(unframeOneCellBoxes(csvAsRows(dropPageFurniture(decoded.text)))));
    for (const line of decoded.damagedLines ?? [])
      doc.readIssues.push({ code: 'encoding-damaged', message: `第 ${line} 行有几个字节不是有效的 UTF-8（文件可能损坏或被截断），无法读取，显示为“�”；其余内容照常读取。请核对该行。`, pos: { line, column: Math.max(1, decoded.text.split('\n')[line - 1].indexOf('\ufffd') + 1) } });
    return doc;
  }
  const reader = await readerFor(kind);
  if (!reader) throw new ReadFailure('unsupported-format', `暂不支持此文件格式（${kind}）。支持 txt、md、html、docx、doc、wps、rtf、odt、pdf、xlsx、xls、ods 和扫描图片（png、jpg、tif）。`);
  return reader(buf, name);
}
