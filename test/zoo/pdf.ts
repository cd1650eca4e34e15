/** DOCX → PDF through LibreOffice, many files per soffice call, concurrent calls with their own profiles. */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export function sofficePath(): string | null {
  const env = process.env.NIANBAO_SOFFICE;
  if (env && existsSync(env)) return env;
  for (const p of ['/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/bin/libreoffice']) if (existsSync(p)) return p;
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function run(bin: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (err) => (err ? reject(err) : resolve()));
  });
}

/** What LibreOffice makes of a DOCX: a PDF, the file saved again by Writer, its web page, or its plain-text export. */
export type OfficeTarget = 'pdf' | 'docx' | 'html' | 'txt';
const FILTERS: Record<OfficeTarget, string> = { pdf: 'pdf', docx: 'docx:MS Word 2007 XML', html: 'html:HTML (StarWriter)', txt: 'txt:Text (encoded):UTF8' };

/**
 * Converts every .docx in `files` to a file of the same name and the target's extension in
 * `outDir`. Batches of `batch` files per soffice call, `jobs` calls at a time (each with its own
 * user profile, since two soffice processes cannot share one). Calls onBatch after each batch (progress).
 */
export async function convertWithOffice(files: string[], outDir: string, target: OfficeTarget, opts: { jobs?: number; batch?: number; onBatch?: (done: number) => void } = {}): Promise<void> {
  const bin = sofficePath();
  if (!bin) throw new Error(`未找到 LibreOffice（soffice），无法生成 ${target.toUpperCase()} 呈现形式。`);
  mkdirSync(outDir, { recursive: true });
  const batch = opts.batch ?? 40;
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += batch) batches.push(files.slice(i, i + batch));
  let next = 0;
  let done = 0;
  const worker = async (n: number) => {
    const profile = `file:///tmp/lo-zoo-${process.pid}-${n}`;
    while (next < batches.length) {
      const b = batches[next++];
      await run(bin, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', FILTERS[target], '--outdir', outDir, ...b], 60_000 + b.length * 10_000);
      done += b.length;
      opts.onBatch?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.jobs ?? 2, batches.length)) }, (_, n) => worker(n)));
  const missing = files.filter((f) => !existsSync(path.join(outDir, path.basename(f).replace(/\.docx$/, `.${target}`))));
  if (missing.length) throw new Error(`LibreOffice 未能转换 ${missing.length} 个文件，例如 ${missing[0]}`);
}

/** Debian's Chromium, or the one NIANBAO_CHROMIUM names; null when there is none. */
export function chromiumPath(): string | null {
  const p = process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium';
  return existsSync(p) ? p : null;
}

/** Web pages → PDF as a browser prints them: one Chromium, one page reused, A4. */
export async function printToPdf(files: { src: string; pdf: string }[], onDone?: (n: number) => void): Promise<void> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath()!, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    for (const [i, f] of files.entries()) {
      await page.goto(pathToFileURL(f.src).href);
      writeFileSync(f.pdf, await page.pdf({ format: 'A4' }));
      if (i % 20 === 19 || i === files.length - 1) onDone?.(i + 1);
    }
  } finally {
    await browser.close();
  }
}

/** Web pages → the text a browser gives for them (innerText, what "select all, copy" takes): one Chromium, one page reused. */
export async function browserTexts(files: { src: string; txt: string }[], onDone?: (n: number) => void): Promise<void> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath()!, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    for (const [i, f] of files.entries()) {
      await page.goto(pathToFileURL(f.src).href);
      // A string, not a function: this project's types have no DOM.
      writeFileSync(f.txt, (await page.evaluate('document.body.innerText')) as string);
      if (i % 20 === 19 || i === files.length - 1) onDone?.(i + 1);
    }
  } finally {
    await browser.close();
  }
}
