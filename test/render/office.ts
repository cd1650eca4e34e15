/** LibreOffice and poppler from tests: DOCX → PDF, PDF page → PNG. Skipped where they are not installed. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function has(cmd: string): boolean {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const HAS_SOFFICE = has('soffice');
export const HAS_PDFTOPPM = has('pdftoppm');

/** Converts DOCX files to PDF in `outDir` (one LibreOffice run); returns the PDF paths. */
export function docxToPdf(files: string[], outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'nianbao-lo-'));
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', outDir, ...files], { stdio: 'ignore', timeout: 180_000 });
  return files.map((f) => {
    const pdf = path.join(outDir, path.basename(f).replace(/\.docx$/, '.pdf'));
    if (!existsSync(pdf)) throw new Error(`LibreOffice 未生成 ${pdf}`);
    return pdf;
  });
}

/** One page of a PDF as PNG (pdftoppm); returns the PNG path. */
export function pageToPng(pdf: string, page: number, outPrefix: string, dpi = 80): string {
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-png', '-singlefile', pdf, outPrefix], { stdio: 'ignore', timeout: 60_000 });
  return `${outPrefix}.png`;
}

/** Number of pages of a PDF (from pdfinfo when present, else by counting /Type /Page). */
export function pageCount(pdfBytes: Buffer): number {
  return (pdfBytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}
