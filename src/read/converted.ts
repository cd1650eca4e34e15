/**
 * Office formats read by way of LibreOffice, as legacy .doc is (doc.ts): the file is converted to
 * the OOXML format of its kind and read by that format's reader — RTF and OpenDocument text
 * (.odt) to DOCX, legacy Excel (.xls, WPS's .et) and OpenDocument spreadsheets (.ods) to XLSX.
 * Positions are those of the converted document (paragraph and table paths, sheet cells): the
 * same tables and paragraphs, in the same order, as the original shows them.
 */
import { ReadFailure } from '../core/failure.js';
import type { SourceDocument, SourceFormat } from '../core/types.js';
import { CONVERT_TIMEOUT_MS, convertWithLibreOffice, type ConvertFailures } from './doc.js';
import { readerFor, registerReader } from './index.js';
import { readZip } from './zip.js';

interface ConvertedKind {
  /** The extension LibreOffice is given (it picks its import filter by it and the content). */
  inExt: string;
  outFormat: 'docx' | 'xlsx';
  format: SourceFormat;
  /** The format's name for a person. */
  name: string;
  /** The Debian package with LibreOffice's part that imports it. */
  apt: string;
}

const KINDS: Record<'rtf' | 'odt' | 'xls' | 'ods', ConvertedKind> = {
  rtf: { inExt: 'rtf', outFormat: 'docx', format: 'rtf', name: 'RTF 文档（.rtf）', apt: 'libreoffice-writer-nogui' },
  odt: { inExt: 'odt', outFormat: 'docx', format: 'odt', name: 'OpenDocument 文本（.odt）', apt: 'libreoffice-writer-nogui' },
  xls: { inExt: 'xls', outFormat: 'xlsx', format: 'xls', name: '旧版 Excel 工作簿（.xls/.et）', apt: 'libreoffice-calc-nogui' },
  ods: { inExt: 'ods', outFormat: 'xlsx', format: 'ods', name: 'OpenDocument 电子表格（.ods）', apt: 'libreoffice-calc-nogui' },
};

export type ConvertedFormat = keyof typeof KINDS;

/** What a person is told when LibreOffice is missing or cannot convert the file. */
function failuresOf(kind: ConvertedKind): ConvertFailures {
  return {
    missing: () => new ReadFailure('needs-libreoffice', `这是${kind.name}，读取它需要 LibreOffice，但本机没有安装。请安装 LibreOffice（Debian/Ubuntu：apt-get install ${kind.apt}），或先用 WPS/Office 将文件另存为 ${kind.outFormat} 再试。`),
    failed: (detail) =>
      new ReadFailure('convert-failed', `无法转换这份${kind.name}：${detail}。文件可能已损坏或设置了打开密码，也可能本机的 LibreOffice 缺少相应组件（${kind.apt}）；请用 WPS/Office 打开后另存为 ${kind.outFormat} 或 PDF 再试。`),
  };
}

export async function readConverted(buf: Uint8Array, name: string, which: ConvertedFormat): Promise<SourceDocument> {
  const kind = KINDS[which];
  const converted = await convertWithLibreOffice(buf, kind.inExt, kind.outFormat, CONVERT_TIMEOUT_MS, failuresOf(kind));
  const reader = kind.outFormat === 'docx' ? readZip : await readerFor('xlsx');
  if (!reader) throw new ReadFailure('unsupported-format', `${kind.name}转换后无法读取。`);
  const doc = await reader(converted, `converted.${kind.outFormat}`);
  return { ...doc, format: kind.format };
}

// RTF arrives here by its own kind (read/index.ts); .odt and .ods from the zip reader, .xls from the OLE one.
registerReader('rtf', (buf, name) => readConverted(buf, name, 'rtf'));
