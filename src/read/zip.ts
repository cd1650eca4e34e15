/**
 * Safe opening of zip containers (DOCX, XLSX) and the dispatcher for 'zip' content.
 *
 * Before anything is inflated, the central directory is read directly from the bytes and
 * the declared uncompressed sizes are checked (total and per-entry ratio); while inflating,
 * the output of an entry is capped at its declared size (and at the remaining budget), so
 * a zip whose headers lie is refused too. Nothing here touches the file system.
 */
import zlib from 'node:zlib';
import type JSZip from 'jszip';
import { ReadFailure } from '../core/failure.js';
import { LIMITS } from '../core/limits.js';
import type { SourceDocument } from '../core/types.js';
import { readDocxPackage } from './docx.js';
import { readerFor, registerReader } from './index.js';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  method: number;
  /** Offset of the entry's local header. */
  localOffset: number;
  /** General-purpose flags (bit 0: encrypted; bit 11: the name is UTF-8). */
  flags: number;
  /** The name's bytes as stored (older archivers write GBK names without saying so). */
  rawName: Uint8Array;
}

/** Entries smaller than this are never called a bomb for their ratio alone (tiny XML parts compress well). */
const RATIO_MIN_BYTES = 1024 * 1024;
/** More entries than any real Office file has. */
const MAX_ENTRIES = 50_000;

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MB`;
}

export function corruptZip(detail: string): ReadFailure {
  return new ReadFailure('corrupt', `文件已损坏，无法作为 zip 压缩包（docx/xlsx）打开：${detail}。文件可能下载不完整或被截断，请重新下载。`);
}

function bomb(detail: string): ReadFailure {
  return new ReadFailure('zip-bomb', `压缩包解压后过大（${detail}），疑似“压缩炸弹”，已拒绝读取。正常的年度报告 docx/xlsx 解压后通常不足 20 MB。`);
}

/**
 * The central directory as the file declares it (no inflation). Throws 'corrupt' when there
 * is no valid end-of-central-directory record (a truncated download).
 */
export function readCentralDirectory(buf: Uint8Array): ZipEntryInfo[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = buf.length;
  if (n < 22) throw corruptZip('文件过短');
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      const commentLen = dv.getUint16(i + 20, true);
      if (i + 22 + commentLen <= n) {
        eocd = i;
        break;
      }
    }
  }
  if (eocd < 0) throw corruptZip('找不到压缩包目录（文件末尾缺失）');
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: locator right before the EOCD points at the ZIP64 EOCD record.
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== 0x07064b50) throw corruptZip('ZIP64 目录定位信息缺失');
    const rec = Number(dv.getBigUint64(loc + 8, true));
    if (rec < 0 || rec + 56 > n || dv.getUint32(rec, true) !== 0x06064b50) throw corruptZip('ZIP64 目录记录损坏');
    count = Number(dv.getBigUint64(rec + 32, true));
    cdSize = Number(dv.getBigUint64(rec + 40, true));
    cdOffset = Number(dv.getBigUint64(rec + 48, true));
  }
  if (count > MAX_ENTRIES) throw bomb(`含 ${count} 个条目`);
  if (cdOffset + cdSize > n) throw corruptZip('压缩包目录超出文件末尾（文件被截断）');
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  const dec = new TextDecoder('utf-8', { fatal: false });
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || dv.getUint32(p, true) !== 0x02014b50) throw corruptZip('压缩包目录条目损坏');
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let comp = dv.getUint32(p + 20, true);
    let uncomp = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localOffset = dv.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen + commentLen > n) throw corruptZip('压缩包目录条目损坏');
    const name = dec.decode(buf.subarray(p + 46, p + 46 + nameLen));
    if (uncomp === 0xffffffff || comp === 0xffffffff || localOffset === 0xffffffff) {
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = dv.getUint16(e, true);
        const size = dv.getUint16(e + 2, true);
        if (id === 0x0001) {
          let q = e + 4;
          const read = () => {
            const v = q + 8 <= e + 4 + size ? Number(dv.getBigUint64(q, true)) : NaN;
            q += 8;
            return v;
          };
          if (uncomp === 0xffffffff) uncomp = read();
          if (comp === 0xffffffff) comp = read();
          if (localOffset === 0xffffffff) localOffset = read();
          break;
        }
        e += 4 + size;
      }
      if (!Number.isFinite(uncomp) || !Number.isFinite(comp)) throw corruptZip('ZIP64 条目大小缺失');
    }
    entries.push({ name, compressedSize: comp, uncompressedSize: uncomp, method, localOffset, flags, rawName: buf.subarray(p + 46, p + 46 + nameLen) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Refuses archives whose declared sizes are too large in total or too compressed per entry. */
export function checkDeclaredSizes(entries: ZipEntryInfo[]): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (e.uncompressedSize >= RATIO_MIN_BYTES && e.uncompressedSize / Math.max(1, e.compressedSize) > LIMITS.maxZipRatio)
      throw bomb(`条目 ${e.name} 解压后 ${mb(e.uncompressedSize)}，压缩比 ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1，超过上限 ${LIMITS.maxZipRatio}:1`);
  }
  if (total > LIMITS.maxUnzippedBytes) throw bomb(`声明的解压总大小 ${mb(total)}，超过上限 ${mb(LIMITS.maxUnzippedBytes)}`);
}

function overBudget(): ReadFailure {
  return bomb(`解压总量超过上限 ${mb(LIMITS.maxUnzippedBytes)}`);
}

function overDeclared(name: string, declared: number): ReadFailure {
  return bomb(`条目 ${name} 解压后超过其声明的大小 ${declared} 字节`);
}

/** A zip opened safely: every read is capped. */
export class SafeZip {
  private inflated = 0;
  private readonly sizes = new Map<string, ZipEntryInfo>();

  constructor(
    readonly zip: JSZip,
    readonly entries: ZipEntryInfo[],
    private readonly buf: Uint8Array,
  ) {
    for (const e of entries) this.sizes.set(e.name, e);
  }

  /** Names of the files (directories excluded). */
  names(): string[] {
    return Object.keys(this.zip.files).filter((n) => !this.zip.files[n].dir);
  }

  has(name: string): boolean {
    const f = this.zip.file(name);
    return !!f && !f.dir;
  }

  /** Case-insensitive lookup (some producers vary the case of part names). */
  find(name: string): string | undefined {
    if (this.has(name)) return name;
    const low = name.toLowerCase();
    return this.names().find((n) => n.toLowerCase() === low);
  }

  /**
   * Bytes of an entry. Inflated natively with a hard output cap (the declared size, and
   * what is left of the total budget), so a header that lies cannot make us allocate more.
   */
  async bytes(name: string): Promise<Uint8Array> {
    const f = this.zip.file(name);
    const info = this.sizes.get(name);
    if (!f || f.dir || !info) throw corruptZip(`缺少 ${name}`);
    const budget = LIMITS.maxUnzippedBytes - this.inflated;
    const cap = Math.min(info.uncompressedSize, budget);
    const dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    const lo = info.localOffset;
    if (lo + 30 > this.buf.length || dv.getUint32(lo, true) !== 0x04034b50) throw corruptZip(`${name} 的数据头损坏`);
    const start = lo + 30 + dv.getUint16(lo + 26, true) + dv.getUint16(lo + 28, true);
    if (start + info.compressedSize > this.buf.length) throw corruptZip(`${name} 的数据超出文件末尾（文件被截断）`);
    const raw = this.buf.subarray(start, start + info.compressedSize);
    let out: Uint8Array;
    if (info.flags & 1) throw new ReadFailure('encrypted', '压缩包中的文件已加密，无法读取。请提供未加密的文件。');
    if (info.method === 0) {
      if (raw.length > cap) throw raw.length > budget ? overBudget() : overDeclared(name, info.uncompressedSize);
      out = raw;
    } else if (info.method === 8) {
      try {
        // One byte of slack: producing more than `cap` bytes proves the entry is larger than declared.
        out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, cap + 1) });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw cap < info.uncompressedSize ? overBudget() : overDeclared(name, info.uncompressedSize);
        throw corruptZip(`${name} 无法解压（${e instanceof Error ? e.message : String(e)}）`);
      }
      if (out.length > cap) throw cap < info.uncompressedSize ? overBudget() : overDeclared(name, info.uncompressedSize);
    } else throw corruptZip(`${name} 使用了不支持的压缩方式（${info.method}）`);
    this.inflated += out.length;
    return out;
  }

  /** Text of an XML part: UTF-8, or UTF-16 when it starts with a byte-order mark. */
  async text(name: string): Promise<string> {
    return decodeXmlBytes(await this.bytes(name));
  }
}

export function decodeXmlBytes(b: Uint8Array): string {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  return new TextDecoder('utf-8').decode(b);
}

/** Opens a zip: declared sizes checked before jszip reads it; 'corrupt' when it cannot be read. */
export async function openZip(buf: Uint8Array): Promise<SafeZip> {
  const entries = readCentralDirectory(buf);
  checkDeclaredSizes(entries);
  // jszip is loaded with the first archive opened (folder scans use only the central directory reader above).
  const { default: JSZipLib } = await import('jszip');
  let zip: JSZip;
  try {
    zip = await JSZipLib.loadAsync(buf, { checkCRC32: false });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/encrypt/i.test(msg)) throw new ReadFailure('encrypted', '压缩包中的文件已加密，无法读取。请提供未加密的文件。');
    throw corruptZip(msg);
  }
  return new SafeZip(zip, entries, buf);
}

/** Target of the package's officeDocument relationship (the main part), if stated. */
export async function mainPartOf(z: SafeZip): Promise<string | undefined> {
  const rels = z.find('_rels/.rels');
  if (!rels) return undefined;
  let xml: string;
  try {
    xml = await z.text(rels);
  } catch (e) {
    if (e instanceof ReadFailure && e.code === 'zip-bomb') throw e;
    return undefined;
  }
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const type = /\bType\s*=\s*["']([^"']*)["']/.exec(m[1])?.[1] ?? '';
    const target = /\bTarget\s*=\s*["']([^"']*)["']/.exec(m[1])?.[1];
    if (target && /\/officeDocument$/.test(type)) return target.replace(/^\/+/, '');
  }
  return undefined;
}

export async function readZip(buf: Uint8Array, name: string): Promise<SourceDocument> {
  const z = await openZip(buf);
  const main = await mainPartOf(z);
  const wordPart = (main && /^word\/[^/]+\.xml$/i.test(main) && z.find(main)) || z.find('word/document.xml');
  if (wordPart) {
    return readDocxPackage(z, wordPart);
  }
  if (z.find('xl/workbook.xml') || (main && /^xl\//i.test(main))) {
    const xlsx = await readerFor('xlsx');
    if (xlsx) return xlsx(buf, name);
    throw new ReadFailure('unsupported-format', '文件是 Excel 工作簿（xlsx），暂不支持读取此格式。请提供 Word、PDF、HTML 或文本格式的年度报告。');
  }
  if (z.find('OFD.xml') || z.find('ofd.xml'))
    throw new ReadFailure(
      'ofd-unsupported',
      '文件是 OFD 版式文档（国家版式文档格式），暂不支持读取。请用数科 OFD 阅读器或 WPS 将其另存（或打印）为 PDF，或使用发布机关网站上的网页版、Word 版。',
    );
  if (z.find('ppt/presentation.xml')) throw new ReadFailure('not-a-docx', '文件是 PowerPoint 演示文稿（pptx），不是 Word 文档，无法读取年度报告。');
  // OpenDocument keeps its type, uncompressed, at the start of the file.
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 200)).toString('latin1');
  // OpenDocument text and spreadsheets: converted by LibreOffice (converted.ts).
  if (z.find('content.xml') && /opendocument\.(text|spreadsheet)(?!-)/.test(head)) {
    const { readConverted } = await import('./converted.js');
    return readConverted(buf, name, /opendocument\.text/.test(head) ? 'odt' : 'ods');
  }
  const what = z.find('mimetype') && z.find('META-INF/container.xml') ? '（看起来是 epub 电子书）' : z.find('content.xml') && z.find('mimetype') ? '（看起来是 OpenDocument 演示文稿或其他文档，请另存为 docx）' : '';
  throw new ReadFailure('not-a-docx', `文件扩展名/内容是 zip 压缩包，但不是 Word 文档${what}：其中没有 word/document.xml。请提供 docx、doc、pdf、html 或文本格式的年度报告；若是压缩包，请先解压。`);
}

registerReader('zip', readZip);
