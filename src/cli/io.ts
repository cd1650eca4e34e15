/** File-system edge of the CLI: reading inputs, walking folders. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LIMITS } from '../core/limits.js';
import { parseBytes, type ParseOutcome } from '../pipeline.js';

const REPORT_EXT = /\.(txt|md|markdown|html?|shtml|docx|doc|pdf|xlsx|json)$/i;

/** Files under the given paths; folders are walked recursively (report-like extensions only). */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of inputs) {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      out.push(p); // reported as unreadable by parseFile
      continue;
    }
    if (st.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile() && REPORT_EXT.test(e.name) && !/\.expected\.json$/.test(e.name)) out.push(full);
  }
  return out;
}

export async function parseFile(file: string): Promise<ParseOutcome> {
  let buf: Buffer;
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) return { ok: false, source: file, failure: { code: 'file-unreadable', message: `“${file}”是文件夹，不是文件。` } };
    if (st.size > LIMITS.maxFileBytes)
      return { ok: false, source: file, failure: { code: 'too-large', message: `文件过大（${Math.round(st.size / 1048576)} MB），超过上限 ${LIMITS.maxFileBytes / 1048576} MB。` } };
    buf = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : `无法打开（${code ?? '未知原因'}）`;
    return { ok: false, source: file, failure: { code: 'file-unreadable', message: `无法读取“${file}”：${why}。请检查路径和权限。` } };
  }
  return parseBytes(buf, file);
}
