/**
 * What `nianbao ingest` reads: files, folders (walked), and .zip archives (entries read in
 * memory, never written to disk). Zip entries with unsafe names (.., absolute paths, drive
 * letters) are refused and reported, as are archives that cannot be opened.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { LIMITS } from '../core/limits.js';

export const REPORT_EXT = /\.(txt|md|markdown|html?|shtml|docx|doc|pdf|xlsx|json)$/i;

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

export async function collectInputs(inputs: string[]): Promise<{ items: InputItem[]; problems: InputProblem[] }> {
  const items: InputItem[] = [];
  const problems: InputProblem[] = [];
  for (const p of inputs) {
    let st;
    try {
      st = await fs.stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ source: p, code: 'file-unreadable', message: `无法读取“${p}”：${code === 'ENOENT' ? '文件或文件夹不存在' : code === 'EACCES' ? '没有读取权限' : (code ?? '未知原因')}。请检查路径。` });
      continue;
    }
    if (st.isDirectory()) await walk(p, items, problems);
    else if (/\.zip$/i.test(p)) await addZip(p, items, problems);
    else items.push(fileItem(p));
  }
  return { items, problems };
}

function fileItem(file: string): InputItem {
  return {
    source: file,
    async read() {
      try {
        const st = await fs.stat(file);
        if (st.size > LIMITS.maxFileBytes) throw new InputError('too-large', `文件过大（${Math.round(st.size / 1048576)} MB），超过上限 ${LIMITS.maxFileBytes / 1048576} MB。`);
        return new Uint8Array(await fs.readFile(file));
      } catch (e) {
        if (e instanceof InputError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? '文件不存在' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : `无法打开（${code ?? '未知原因'}）`;
        throw new InputError('file-unreadable', `无法读取“${file}”：${why}。请检查路径和权限。`);
      }
    },
  };
}

async function walk(dir: string, items: InputItem[], problems: InputProblem[]): Promise<void> {
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
    if (e.isDirectory()) await walk(full, items, problems);
    else if (!e.isFile() || /\.expected\.json$/i.test(e.name)) continue;
    else if (/\.zip$/i.test(e.name)) await addZip(full, items, problems);
    else if (REPORT_EXT.test(e.name)) items.push(fileItem(full));
  }
}

/** True for entry names that would escape the folder they are unpacked into. */
export function unsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[a-zA-Z]:/.test(n) || n.split('/').some((seg) => seg === '..') || n.includes('\0');
}

function decodeName(bytes: string[] | Uint8Array | Buffer): string {
  const buf = Buffer.from(bytes as Uint8Array);
  const utf8 = buf.toString('utf8');
  return utf8.includes('\uFFFD') ? iconv.decode(buf, 'gbk') : utf8;
}

async function addZip(file: string, items: InputItem[], problems: InputProblem[]): Promise<void> {
  let zip: JSZip;
  try {
    const st = await fs.stat(file);
    if (st.size > LIMITS.maxFileBytes) {
      problems.push({ source: file, code: 'too-large', message: `压缩包“${file}”过大（${Math.round(st.size / 1048576)} MB），超过上限 ${LIMITS.maxFileBytes / 1048576} MB。请解压后分批入库。` });
      return;
    }
    zip = await JSZip.loadAsync(await fs.readFile(file), { decodeFileName: decodeName });
  } catch {
    problems.push({ source: file, code: 'zip-unreadable', message: `压缩包“${file}”无法打开（已损坏或不是 zip 格式）。请重新下载或解压后再入库。` });
    return;
  }
  const names = Object.keys(zip.files).sort((a, b) => a.localeCompare(b));
  for (const name of names) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    // JSZip sanitises '../x' to 'x' on load and keeps the name as written in unsafeOriginalName.
    const original = (entry as unknown as { unsafeOriginalName?: string }).unsafeOriginalName ?? name;
    const source = `${file}!${original}`;
    if (unsafeEntryName(original)) {
      problems.push({
        source,
        code: 'zip-unsafe-path',
        message: `压缩包“${file}”中的条目“${original}”路径不安全（含“..”或绝对路径，可能试图写到压缩包以外的位置），已拒绝读取。请检查该压缩包的来源。`,
      });
      continue;
    }
    if (/\.zip$/i.test(name)) {
      problems.push({ source, code: 'zip-nested', message: `压缩包“${file}”中含有嵌套压缩包“${name}”，未读取。请先解开它再入库。` });
      continue;
    }
    if (!REPORT_EXT.test(name) || /\.expected\.json$/i.test(name) || /(^|\/)(__MACOSX|\.)/.test(name)) continue;
    items.push({
      source,
      async read() {
        const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
        if (size > LIMITS.maxFileBytes) throw new InputError('too-large', `压缩包内文件“${name}”过大（${Math.round(size / 1048576)} MB），超过上限。`);
        const data = await entry.async('uint8array');
        if (data.byteLength > LIMITS.maxFileBytes) throw new InputError('too-large', `压缩包内文件“${name}”过大，超过上限。`);
        return data;
      },
    });
  }
}
