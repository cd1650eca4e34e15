/**
 * Legacy Word 97–2003 (.doc, OLE compound file) → converted to DOCX by LibreOffice, then
 * read by the DOCX reader. The only reader that does I/O: the bytes go to a private temp
 * directory, `soffice` runs there with its own throw-away profile (so runs never share or
 * lock a profile), and both directories are removed afterwards, whatever happened.
 */
import { spawn } from 'node:child_process';
import { constants as FS, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ReadFailure } from '../core/failure.js';
import type { SourceDocument } from '../core/types.js';
import { registerReader } from './index.js';
import { readZip } from './zip.js';

export const CONVERT_TIMEOUT_MS = 60_000;

const CANDIDATES = [
  '/usr/bin/soffice',
  '/usr/local/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/snap/bin/libreoffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
];

async function executable(p: string): Promise<boolean> {
  try {
    await fs.access(p, FS.X_OK);
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Path of LibreOffice's `soffice` (env NIANBAO_SOFFICE, then PATH, then usual places), or null. */
export async function findSoffice(): Promise<string | null> {
  const env = process.env.NIANBAO_SOFFICE;
  if (env) return (await executable(env)) ? env : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean))
    for (const name of ['soffice', 'libreoffice']) if (await executable(path.join(dir, name))) return path.join(dir, name);
  for (const p of CANDIDATES) if (await executable(p)) return p;
  for (const dir of await fs.readdir('/opt').catch(() => [] as string[]))
    if (/^libreoffice/i.test(dir) && (await executable(path.join('/opt', dir, 'program/soffice')))) return path.join('/opt', dir, 'program/soffice');
  return null;
}

function needsLibreOffice(): ReadFailure {
  return new ReadFailure(
    'needs-libreoffice',
    '这是旧版 Word 97–2003 文档（.doc），读取它需要 LibreOffice，但本机没有安装。请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），或先用 Word/WPS 将文件另存为 docx 再试。',
  );
}

function convertFailed(detail: string): ReadFailure {
  return new ReadFailure('doc-convert-failed', `无法转换这份 Word 97–2003 文档（.doc）：${detail}。文件可能已损坏或设置了打开密码，请用 Word/WPS 打开后另存为 docx 再试。`);
}

/** UTF-16LE stream names in the compound file's directory tell what the OLE file is. */
function hasStream(buf: Uint8Array, name: string): boolean {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).indexOf(Buffer.from(name, 'utf16le')) >= 0;
}

/**
 * Converts `bytes` (a file with extension `inExt`) with LibreOffice to `outFormat`
 * (e.g. 'docx', 'doc'); returns the converted bytes. Throws ReadFailure.
 */
/** How a conversion's failures are told to a person (a .doc's by default; converted.ts tells its own formats'). */
export interface ConvertFailures {
  missing: () => ReadFailure;
  failed: (detail: string) => ReadFailure;
}

const DOC_FAILURES: ConvertFailures = { missing: needsLibreOffice, failed: convertFailed };

export async function convertWithLibreOffice(bytes: Uint8Array, inExt: string, outFormat: string, timeoutMs = CONVERT_TIMEOUT_MS, failures: ConvertFailures = DOC_FAILURES): Promise<Uint8Array> {
  const soffice = await findSoffice();
  if (!soffice) throw failures.missing();
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'nianbao-doc-'));
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'nianbao-lo-'));
  try {
    const input = path.join(work, `input.${inExt}`);
    const outdir = path.join(work, 'out');
    await fs.writeFile(input, bytes);
    const args = ['--headless', '--norestore', '--nologo', '--nolockcheck', '--nodefault', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', outFormat, '--outdir', outdir, input];
    const { code, output, timedOut } = await run(soffice, args, work, timeoutMs, failures.failed);
    if (timedOut) throw failures.failed(`LibreOffice 在 ${Math.round(timeoutMs / 1000)} 秒内没有完成转换`);
    const outName = path.join(outdir, `input.${outFormat.split(':')[0]}`);
    const converted = await fs.readFile(outName).catch(() => null);
    // What LibreOffice said, on one line, without its warning about Java (no converter needs it).
    const said = output.split('\n').filter((l) => !/javaldx|java may not function/.test(l)).join(' ').replace(/\s+/g, ' ').trim();
    if (!converted || converted.length === 0) throw failures.failed(`LibreOffice 没有生成结果（退出码 ${code}${said ? `，输出：${said.slice(0, 200)}` : ''}）`);
    return new Uint8Array(converted.buffer, converted.byteOffset, converted.byteLength);
  } finally {
    await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
    await fs.rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number, failed: (detail: string) => ReadFailure): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout kills soffice.bin and its helpers too.
    const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    const keep = (d: Buffer) => {
      if (output.length < 4096) output += d.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(failed(`无法启动 LibreOffice（${e.message}）`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

export async function readDoc(buf: Uint8Array, name: string): Promise<SourceDocument> {
  // WPS Office's own .wps (and old Works files): LibreOffice converts them when it can.
  const wps = /\.wps$/i.test(name);
  if (hasStream(buf, 'EncryptedPackage')) throw new ReadFailure('encrypted', '文件已加密（设置了打开密码），无法读取。请去除密码后另存为 docx 再试。');
  if (!hasStream(buf, 'WordDocument')) {
    // An old Excel (or WPS 表格) workbook: converted to XLSX by LibreOffice (converted.ts).
    if (hasStream(buf, 'Workbook') || hasStream(buf, 'Book')) return (await import('./converted.js')).readConverted(buf, name, 'xls');
    if (hasStream(buf, 'PowerPoint Document')) throw new ReadFailure('not-a-docx', '文件是 PowerPoint 演示文稿（.ppt），不是 Word 文档，无法读取年度报告。');
  }
  const docx = await convertWithLibreOffice(buf, wps ? 'wps' : 'doc', 'docx').catch((e: unknown) => {
    if (wps && e instanceof ReadFailure && e.code === 'doc-convert-failed')
      throw new ReadFailure('wps-convert-failed', `无法转换这份 WPS 文字文档（.wps）：${e.message.replace(/^[^：]*：/, '')}请用 WPS 打开后另存为 docx 或 PDF 再试。`);
    throw e;
  });
  const doc = await readZip(docx, 'converted.docx');
  return { ...doc, format: 'doc' };
}

registerReader('ole', readDoc);
