/**
 * The I/O edge of OCR: Debian's tesseract (tesseract-ocr + tesseract-ocr-chi-sim) and
 * poppler's pdftoppm/pdfimages, run as child processes. Everything else in src/read/ocr is
 * pure and gets an `OcrEngine`.
 *
 * Each call is one process on one core (OMP_THREAD_LIMIT=1): many table cells go through
 * one tesseract call stacked into one strip image (strip.ts), never a process per cell.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ReadFailure } from '../../core/failure.js';
import { encodePgm, type Grey } from './raster.js';

/** One recognised word: box in the image's pixels, confidence 0..100. */
export interface OcrWord {
  text: string;
  conf: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  block: number;
  par: number;
  line: number;
}

/** digits: figures only (English model); digits2: figures only by the Chinese model, an independent second reading. */
export type OcrMode = 'digits' | 'digits2' | 'text' | 'page';

export interface OcrEngine {
  name: string;
  recognize(img: Grey, mode: OcrMode, dpi: number): Promise<OcrWord[]>;
}

/** Renders PDF pages to PNM (P6) at `dpi`; the raster edge of the OCR path. */
export interface PageRenderer {
  /** Pixel density of the page's largest embedded image (its native scan resolution), if any. */
  imagePpi(pdf: Uint8Array, page: number): Promise<number | null>;
  render(pdf: Uint8Array, page: number, dpi: number): Promise<Uint8Array>;
}

function which(bin: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) if (dir && existsSync(`${dir}/${bin}`)) return `${dir}/${bin}`;
  return null;
}

let availability: { ok: boolean; missing: string[] } | null = null;

/** Whether tesseract (with chi_sim) and pdftoppm are installed; checked once per process. */
export function ocrAvailability(): { ok: boolean; missing: string[] } {
  if (availability) return availability;
  const missing: string[] = [];
  if (process.env.NIANBAO_NO_OCR === '1') missing.push('tesseract-ocr', 'tesseract-ocr-chi-sim');
  else if (!which('tesseract')) missing.push('tesseract-ocr', 'tesseract-ocr-chi-sim');
  else {
    try {
      const langs = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      if (!/^chi_sim$/m.test(langs)) missing.push('tesseract-ocr-chi-sim');
    } catch {
      missing.push('tesseract-ocr-chi-sim');
    }
  }
  if (!which('pdftoppm') || !which('pdfimages')) missing.push('poppler-utils');
  availability = { ok: missing.length === 0, missing };
  return availability;
}

/** Test hook: forget the cached availability (after changing NIANBAO_NO_OCR). */
export function resetOcrAvailability(): void {
  availability = null;
}

/** The coded failure when OCR is needed but not installed: what, and how to install it. */
export function needsOcr(name: string, what: string): ReadFailure {
  const missing = ocrAvailability().missing;
  return new ReadFailure(
    'needs-ocr',
    `“${name}”${what}，需要本地文字识别（OCR）才能读取，但本机未安装 ${missing.join('、')}。请安装后重试：sudo apt-get install ${missing.join(' ')}（Debian/Ubuntu）；也可改用发布机关网站上的网页版或可复制文字的 PDF/Word 版本。`,
  );
}

function run(bin: string, args: string[], input: Uint8Array | null, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${bin} 退出码 ${code}：${Buffer.concat(err).toString('utf8').slice(0, 300)}`));
    });
    child.stdin.on('error', () => undefined);
    if (input) child.stdin.end(Buffer.from(input.buffer, input.byteOffset, input.byteLength));
    else child.stdin.end();
  });
}

/** tesseract's TSV → words (level-5 rows with text). */
export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const line of tsv.split('\n').slice(1)) {
    const f = line.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (!text) continue;
    const [x, y, w, h] = [Number(f[6]), Number(f[7]), Number(f[8]), Number(f[9])];
    words.push({ text, conf: Number(f[10]), x0: x, y0: y, x1: x + w, y1: y + h, block: Number(f[2]), par: Number(f[3]), line: Number(f[4]) });
  }
  return words;
}

/** The tesseract CLI as an engine. */
export const tesseractEngine: OcrEngine = {
  name: 'tesseract',
  async recognize(img, mode, dpi) {
    const args = ['stdin', 'stdout', '--dpi', String(Math.round(dpi))];
    if (mode === 'digits') args.push('-l', 'eng', '--psm', '6', '-c', 'tessedit_char_whitelist=0123456789.-');
    else if (mode === 'digits2') args.push('-l', 'chi_sim', '--psm', '6', '-c', 'tessedit_char_whitelist=0123456789.-');
    else if (mode === 'text') args.push('-l', 'chi_sim', '--psm', '6');
    else args.push('-l', 'chi_sim', '--psm', '4');
    args.push('-c', 'preserve_interword_spaces=1', 'tsv');
    const pgm = encodePgm(img);
    // A development aid (bench/scan.ts re-runs on kept scans): the same image and arguments give
    // the same TSV, so a re-run after changing what is done with the readings costs only new calls.
    const cacheDir = process.env.NIANBAO_OCR_CACHE;
    const key = cacheDir ? createHash('sha1').update(args.join('\0')).update(pgm).digest('hex') : '';
    const file = cacheDir ? path.join(cacheDir, key.slice(0, 2), key) : '';
    if (cacheDir && existsSync(file)) return parseTsv(readFileSync(file, 'utf8'));
    const out = await run('tesseract', args, pgm, 120_000);
    if (cacheDir) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.${process.pid}`, out);
      renameSync(`${file}.${process.pid}`, file);
    }
    return parseTsv(out.toString('utf8'));
  },
};

export const popplerRenderer: PageRenderer = {
  async imagePpi(pdf, page) {
    try {
      const out = (await run('pdfimages', ['-list', '-f', String(page), '-l', String(page), '-'], pdf, 60_000)).toString('utf8');
      let best: { area: number; ppi: number } | null = null;
      for (const line of out.split('\n').slice(2)) {
        const f = line.trim().split(/\s+/);
        if (f.length < 14) continue;
        const area = Number(f[3]) * Number(f[4]);
        const ppi = Number(f[12]);
        if (Number.isFinite(area) && Number.isFinite(ppi) && (!best || area > best.area)) best = { area, ppi };
      }
      return best?.ppi ?? null;
    } catch {
      return null;
    }
  },
  async render(pdf, page, dpi) {
    return run('pdftoppm', ['-r', String(Math.round(dpi)), '-f', String(page), '-l', String(page), '-'], pdf, 120_000);
  },
};

/** Image bytes (PNG, JPEG, TIFF) → a PDF with one page per image (img2pdf, lossless). */
export function imageToPdf(img: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('img2pdf', ['-', '--rotation=ifvalid'], { encoding: 'buffer', maxBuffer: 256 << 20, timeout: 60_000 }, (e, stdout, stderr) => {
      if (e) reject(new Error(`img2pdf：${String(stderr).slice(0, 300) || e.message}`));
      else resolve(stdout);
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(Buffer.from(img.buffer, img.byteOffset, img.byteLength));
  });
}

export function img2pdfAvailable(): boolean {
  return which('img2pdf') !== null;
}
