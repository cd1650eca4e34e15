/**
 * What `nianbao ingest` reads: files, folders (walked), and .zip archives (entries read in
 * memory, never written to disk). Zip entries with unsafe names (.., absolute paths, drive
 * letters) are refused and reported, as are archives that cannot be opened.
 */
import { promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type iconvLite from 'iconv-lite';
import { LIMITS } from '../core/limits.js';
import type { ZipEntryInfo } from '../read/zip.js';

/** Extensions read as reports (the content decides the reader; .wps and .ofd are tried too). */
export const REPORT_EXT = /\.(txt|md|markdown|html?|shtml|docx|doc|wps|rtf|odt|pdf|xlsx|xls|et|ods|json|ofd|png|jpe?g|tiff?)$/i;

/** A file a folder scan passed over, and why (shown to the user). */
export interface SkippedFile {
  source: string;
  reason: string;
}

const IMAGE_EXT = /\.(jpe?g|png|gif|bmp|tiff?|webp|heic)$/i;

/** Why a file in a folder is not read, or null when it is a report file. */
export function skipReason(name: string): string | null {
  const base = path.basename(name);
  if (/\.expected\.json$/i.test(base)) return '标注答案文件（*.expected.json），不是报告';
  if (base.startsWith('.') || base === 'Thumbs.db' || base === 'desktop.ini') return '隐藏文件或系统文件';
  if (REPORT_EXT.test(base)) return null;
  if (IMAGE_EXT.test(base)) return '图片格式不受支持（扫描图片请用 png、jpg 或 tif，本工具对其做文字识别）';
  if (/\.(ett|dps|dpt|pptx?|odp)$/i.test(base)) return '模板或演示文稿，不是年度报告文档';
  if (/\.(rar|7z|tar|gz|tgz|bz2|xz)$/i.test(base)) return '非 zip 格式的压缩包，请先解压';
  const ext = path.extname(base);
  return ext ? `扩展名 ${ext} 不是支持的报告格式（支持 txt、md、html、docx、doc、wps、rtf、odt、pdf、xlsx、xls、et、ods、json、ofd 以及扫描图片 png、jpg、tif）` : '没有扩展名，无法判断是否为报告文件';
}

export interface InputItem {
  /** Name shown and stored: the path, or archive.zip!entry/name. */
  source: string;
  read(): Promise<Uint8Array>;
}

export interface InputProblem {
  source: string;
  code: string;
  message: string;
}

/** A read problem carried through to the file's record. */
export class InputError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function collectInputs(inputs: string[]): Promise<{ items: InputItem[]; problems: InputProblem[]; skipped: SkippedFile[] }> {
  const items: InputItem[] = [];
  const problems: InputProblem[] = [];
  const skipped: SkippedFile[] = [];
  for (const p of inputs) {
    let st;
    try {
      st = await fs.stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ source: p, code: 'file-unreadable', message: `无法读取“${p}”：${code === 'ENOENT' ? '文件或文件夹不存在' : code === 'EACCES' ? '没有读取权限' : (code ?? '未知原因')}。请检查路径。` });
      continue;
    }
    if (st.isDirectory()) await walk(p, items, problems, skipped);
    else if (/\.zip$/i.test(p)) await addZip(p, items, problems, skipped);
    else items.push(fileItem(p));
  }
  return { items, problems, skipped };
}

function fileItem(file: string): InputItem {
  return {
    source: file,
    async read() {
      try {
        // Synchronous: for a report-sized file one open/read/close here costs far less than the
        // thread-pool round trips of fs.promises (this runs once per file of an ingest).
        const st = statSync(file);
        if (st.size > LIMITS.maxFileBytes) throw new InputError('too-large', `文件过大（${Math.round(st.size / 1048576)} MB），超过上限 ${LIMITS.maxFileBytes / 1048576} MB。`);
        const buf = readFileSync(file);
        return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      } catch (e) {
        if (e instanceof InputError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? '文件不存在' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : `无法打开（${code ?? '未知原因'}）`;
        throw new InputError('file-unreadable', `无法读取“${file}”：${why}。请检查路径和权限。`);
      }
    },
  };
}

async function walk(dir: string, items: InputItem[], problems: InputProblem[], skipped: SkippedFile[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    problems.push({ source: dir, code: 'file-unreadable', message: `无法读取文件夹“${dir}”（没有权限或已被删除）。` });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(full, items, problems, skipped);
    else if (!e.isFile()) continue;
    else if (/\.zip$/i.test(e.name)) await addZip(full, items, problems, skipped);
    else {
      const why = skipReason(e.name);
      if (why) skipped.push({ source: full, reason: why });
      else items.push(fileItem(full));
    }
  }
}

/** True for entry names that would escape the folder they are unpacked into. */
export function unsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[a-zA-Z]:/.test(n) || n.split('/').some((seg) => seg === '..') || n.includes('\0');
}

/** An entry's name: UTF-8 when flagged or valid, otherwise GBK (Chinese Windows archivers). */
function entryName(e: ZipEntryInfo, iconv: typeof iconvLite): string {
  if (e.flags & 0x0800) return e.name;
  const buf = Buffer.from(e.rawName);
  const utf8 = buf.toString('utf8');
  return utf8.includes('\uFFFD') ? iconv.decode(buf, 'gbk') : utf8;
}

function mb(n: number): string {
  return `${Math.round(n / 1048576)} MB`;
}

function entryTooLarge(archive: string, name: string, detail: string): InputError {
  return new InputError('too-large', `压缩包“${archive}”中的文件“${name}”${detail}，超过单个文件的上限 ${mb(LIMITS.maxFileBytes)}，已停止解压并跳过。正常的年度报告远小于此；请检查该压缩包的来源。`);
}

/**
 * An entry's bytes, inflated as a stream with a byte counter: stops as soon as the output
 * passes the per-file limit or the entry's declared size (a header that lies), whatever
 * the header says, so a zip bomb never costs more than the limit.
 */
export async function inflateEntry(archive: string, buf: Uint8Array, e: ZipEntryInfo, name: string, limit = LIMITS.maxFileBytes): Promise<Uint8Array> {
  if (e.flags & 1) throw new InputError('encrypted', `压缩包“${archive}”中的文件“${name}”已加密，无法读取。请提供未加密的压缩包。`);
  if (e.uncompressedSize > limit) throw entryTooLarge(archive, name, `声明解压后 ${mb(e.uncompressedSize)}`);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const lo = e.localOffset;
  const broken = () => new InputError('zip-unreadable', `压缩包“${archive}”中的文件“${name}”已损坏（数据不完整），无法解压。请重新下载该压缩包。`);
  if (lo + 30 > buf.length || dv.getUint32(lo, true) !== 0x04034b50) throw broken();
  const start = lo + 30 + dv.getUint16(lo + 26, true) + dv.getUint16(lo + 28, true);
  if (start + e.compressedSize > buf.length) throw broken();
  const raw = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return raw;
  if (e.method !== 8) throw new InputError('zip-unreadable', `压缩包“${archive}”中的文件“${name}”使用了不支持的压缩方式（${e.method}），无法解压。请用常见的 zip 工具重新压缩。`);
  const cap = Math.min(limit, e.uncompressedSize);
  const chunks: Buffer[] = [];
  let total = 0;
  let over: InputError | null = null;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > cap) {
        over = total > limit ? entryTooLarge(archive, name, '解压后') : new InputError('zip-bomb', `压缩包“${archive}”中的文件“${name}”解压后超过其声明的大小（${e.uncompressedSize} 字节），疑似“压缩炸弹”，已停止解压并跳过。`);
        done(over);
        return;
      }
      chunks.push(chunk);
      done();
    },
  });
  try {
    await pipeline(async function* () {
      // Fed in slices so the counter stops the inflater early rather than after one huge chunk.
      for (let i = 0; i < raw.length; i += 65536) yield raw.subarray(i, i + 65536);
    }, zlib.createInflateRaw({ chunkSize: 64 * 1024 }), counter);
  } catch (err) {
    if (over) throw over;
    throw broken();
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

async function addZip(file: string, items: InputItem[], problems: InputProblem[], skipped: SkippedFile[]): Promise<void> {
  let buf: Uint8Array;
  let entries: ZipEntryInfo[];
  // The zip reader is loaded with the first archive (check and parse only list folders).
  const { readCentralDirectory } = await import('../read/zip.js');
  const { default: iconv } = await import('iconv-lite');
  try {
    const st = await fs.stat(file);
    if (st.size > LIMITS.maxFileBytes) {
      problems.push({ source: file, code: 'too-large', message: `压缩包“${file}”过大（${mb(st.size)}），超过上限 ${mb(LIMITS.maxFileBytes)}。请解压后分批入库。` });
      return;
    }
    buf = new Uint8Array(await fs.readFile(file));
    entries = readCentralDirectory(buf);
  } catch {
    problems.push({ source: file, code: 'zip-unreadable', message: `压缩包“${file}”无法打开（已损坏或不是 zip 格式）。请重新下载或解压后再入库。` });
    return;
  }
  const named = entries.map((e) => ({ e, name: entryName(e, iconv) })).sort((a, b) => a.name.localeCompare(b.name));
  for (const { e, name } of named) {
    if (name.endsWith('/')) continue;
    const source = `${file}!${name}`;
    if (unsafeEntryName(name)) {
      problems.push({
        source,
        code: 'zip-unsafe-path',
        message: `压缩包“${file}”中的条目“${name}”路径不安全（含“..”或绝对路径，可能试图写到压缩包以外的位置），已拒绝读取。请检查该压缩包的来源。`,
      });
      continue;
    }
    if (/\.zip$/i.test(name)) {
      problems.push({ source, code: 'zip-nested', message: `压缩包“${file}”中含有嵌套压缩包“${name}”，未读取。请先解开它再入库。` });
      continue;
    }
    if (/(^|\/)__MACOSX\//.test(name)) continue;
    const why = skipReason(name);
    if (why) {
      skipped.push({ source, reason: why });
      continue;
    }
    items.push({ source, read: () => inflateEntry(file, buf, e, name) });
  }
}
