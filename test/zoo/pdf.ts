/** DOCX → PDF through LibreOffice, many files per soffice call, concurrent calls with their own profiles. */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

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

/**
 * Converts every .docx in `files` to a .pdf of the same name in `outDir`. Batches of `batch`
 * files per soffice call, `jobs` calls at a time (each with its own user profile, since two
 * soffice processes cannot share one). Calls onBatch after each batch (progress).
 */
export async function convertToPdf(files: string[], outDir: string, opts: { jobs?: number; batch?: number; onBatch?: (done: number) => void } = {}): Promise<void> {
  const bin = sofficePath();
  if (!bin) throw new Error('未找到 LibreOffice（soffice），无法生成 PDF 呈现形式。');
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
      await run(bin, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...b], 60_000 + b.length * 10_000);
      done += b.length;
      opts.onBatch?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.jobs ?? 2, batches.length)) }, (_, n) => worker(n)));
  const missing = files.filter((f) => !existsSync(path.join(outDir, path.basename(f).replace(/\.docx$/, '.pdf'))));
  if (missing.length) throw new Error(`LibreOffice 未能转换 ${missing.length} 个文件，例如 ${missing[0]}`);
}
