/**
 * Reports uploaded through the workbench: each file's type is decided by its content (never its
 * name), zip archives are opened with the same guards as `ingest` (declared sizes, ratios, total
 * budget, unsafe entry names, no nesting), each report is parsed in memory and stored like
 * `ingest` stores it, with its bytes and display lines kept for the source view. Nothing here
 * touches the file system: names are labels only.
 */
import { LIMITS } from '../core/limits.js';
import { sha256 } from '../dataset/ingest.js';
import { REPORT_EXT, unsafeEntryName } from '../dataset/inputs.js';
import { slim } from '../store/parsed.js';
import { PARSER_VERSION } from '../dataset/version.js';
import { parseBytes } from '../pipeline.js';
import { ReadFailure } from '../core/failure.js';
import { detectFormat } from '../read/detect.js';
import { openZip } from '../read/zip.js';
import type { Store } from '../store/db.js';
import { reportByHash, writeReport } from '../store/queries.js';
import { wdb } from './data.js';

export const UPLOAD_LIMITS = {
  /** Largest single file (as `ingest`). */
  fileBytes: LIMITS.maxFileBytes,
  /** Files per request. */
  files: 200,
  /** Reports inside one zip archive. */
  zipEntries: 2000,
};

export type UploadResult =
  | { name: string; status: 'added' | 'reextracted'; reportId: number; agency: string | null; year: number | null; errors: number; warnings: number }
  | { name: string; status: 'duplicate'; reportId: number; sameAs: string }
  | { name: string; status: 'failed'; code: string; message: string; reportId?: number };

/** A display name safe to store and show: the last path segment, no control characters, bounded. */
export function cleanUploadName(name: string | undefined): string {
  const base = (name ?? '').replace(/\\/g, '/').split('/').filter((s) => s && s !== '..' && s !== '.').at(-1) ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
  return clean || '未命名文件';
}

// Images (a scanned or photographed report: PNG, JPEG, TIFF) go through the same reader as on
// the command line: local OCR (docs/ocr.md), or `needs-ocr` where it is not installed.
const ACCEPTED = new Set(['txt', 'html', 'pdf', 'ole', 'json', 'zip', 'image']);

/** Expands one upload into the reports it holds: itself, or the entries of a zip archive. */
export async function expandUpload(name: string, bytes: Uint8Array, limits: typeof UPLOAD_LIMITS = UPLOAD_LIMITS): Promise<{ items: { name: string; bytes: Uint8Array }[]; failures: UploadResult[] }> {
  if (bytes.byteLength > limits.fileBytes)
    return { items: [], failures: [{ name, status: 'failed', code: 'too-large', message: `文件过大（${Math.round(bytes.byteLength / 1048576)} MB），超过上限 ${limits.fileBytes / 1048576} MB。` }] };
  const kind = detectFormat(bytes);
  if (kind === 'txt' && looksBinary(bytes))
    return { items: [], failures: [{ name, status: 'failed', code: 'unsupported-type', message: '文件内容不是支持的格式（文本、网页、Word/WPS/RTF/ODT、PDF、扫描图片、Excel/ODS 表格、JSON 或 zip 压缩包），已拒绝。' }] };
  if (!ACCEPTED.has(kind))
    return { items: [], failures: [{ name, status: 'failed', code: 'unsupported-type', message: '文件内容不是支持的格式（文本、网页、Word/WPS/RTF/ODT、PDF、扫描图片、Excel/ODS 表格、JSON 或 zip 压缩包），已拒绝。' }] };
  if (kind !== 'zip') return { items: [{ name, bytes }], failures: [] };
  let z;
  try {
    z = await openZip(bytes);
  } catch (e) {
    const f = e instanceof ReadFailure ? e : new ReadFailure('corrupt', '压缩包无法打开。');
    return { items: [], failures: [{ name, status: 'failed', code: f.code, message: f.message }] };
  }
  // An Office document is a zip too: it is one report.
  // (OpenDocument's too: .odt, .ods, with their mimetype and content.xml.)
  if (z.find('word/document.xml') || z.find('xl/workbook.xml') || z.find('[Content_Types].xml') || (z.find('mimetype') && z.find('content.xml'))) return { items: [{ name, bytes }], failures: [] };
  const items: { name: string; bytes: Uint8Array }[] = [];
  const failures: UploadResult[] = [];
  for (const e of z.entries) {
    const entry = `${name}!${e.name}`;
    if (e.name.endsWith('/')) continue;
    if (unsafeEntryName(e.name)) {
      failures.push({ name: entry, status: 'failed', code: 'zip-unsafe-path', message: `压缩包中的条目“${e.name}”路径不安全（含“..”或绝对路径），已拒绝读取。` });
      continue;
    }
    if (/\.zip$/i.test(e.name)) {
      failures.push({ name: entry, status: 'failed', code: 'zip-nested', message: `压缩包中含有嵌套压缩包“${e.name}”，未读取。请先解开它再上传。` });
      continue;
    }
    if (!REPORT_EXT.test(e.name) || /\.expected\.json$/i.test(e.name) || /(^|\/)(__MACOSX|\.)/.test(e.name)) continue;
    if (items.length >= limits.zipEntries) {
      failures.push({ name: entry, status: 'failed', code: 'too-many-files', message: `压缩包中的报告超过 ${limits.zipEntries} 份，其余未读取。请分批上传。` });
      break;
    }
    try {
      items.push({ name: entry, bytes: await z.bytes(e.name) });
    } catch (err) {
      const f = err instanceof ReadFailure ? err : new ReadFailure('corrupt', `压缩包条目“${e.name}”无法解压。`);
      failures.push({ name: entry, status: 'failed', code: f.code, message: f.message });
      if (f.code === 'zip-bomb') break;
    }
  }
  return { items, failures };
}

function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  let zeros = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) zeros++;
  return zeros > 0 && !(b[0] === 0xff && b[1] === 0xfe) && !(b[0] === 0xfe && b[1] === 0xff);
}

/** Parses and stores one report; keeps its bytes and display lines for the source view. */
export async function storeUpload(store: Store, source: string, bytes: Uint8Array): Promise<UploadResult> {
  const hash = sha256(bytes);
  const db = wdb(store);
  const known = await reportByHash(store.db, hash);
  if (known && known.parser_version >= PARSER_VERSION) {
    // Stored already (by an upload, or by `nianbao ingest` without its source): keep the source now.
    const hasFile = await db.selectFrom('report_files').select('report_id').where('report_id', '=', known.id).executeTakeFirst();
    if (!hasFile && known.status === 'ok') {
      const o = await parseBytes(bytes, known.source_name);
      if (o.ok) await db.insertInto('report_files').values({ report_id: known.id, name: known.source_name, format: o.format, bytes, lines: JSON.stringify(o.lines) }).execute();
    }
    await writeReport(store, { source, hash, parserVersion: PARSER_VERSION, parsed: slim({ ok: false, source, failure: { code: 'duplicate', message: '' } }) });
    return { name: source, status: 'duplicate', reportId: known.id, sameAs: known.source_name };
  }
  const outcome = await parseBytes(bytes, source);
  const parsed = slim(outcome);
  const r = await writeReport(store, { source, hash, parserVersion: PARSER_VERSION, parsed });
  if (r.kind === 'exists') return { name: source, status: 'duplicate', reportId: r.id, sameAs: r.source };
  if (outcome.ok) {
    await db.deleteFrom('report_files').where('report_id', '=', r.id).execute();
    await db.insertInto('report_files').values({ report_id: r.id, name: source, format: outcome.format, bytes, lines: JSON.stringify(outcome.lines) }).execute();
    const e = outcome.findings.filter((f) => f.severity === 'error').length;
    const w = outcome.findings.filter((f) => f.severity === 'warning').length;
    return { name: source, status: r.kind, reportId: r.id, agency: outcome.meta.agency, year: outcome.meta.year, errors: e, warnings: w };
  }
  return { name: source, status: 'failed', code: outcome.failure.code, message: outcome.failure.message, reportId: r.id };
}
