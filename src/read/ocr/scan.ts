/**
 * The scanned pages of a PDF → OCR entries per page. Renders each page at the native
 * resolution of its scan (150–400 dpi), reads it (page.ts) and reports progress per page.
 * One page at a time: memory stays that of one page image whatever the page count.
 */
import { decodePnm } from './raster.js';
import { readPageImage, type OcrPageResult } from './page.js';
import { popplerRenderer, tesseractEngine, type OcrEngine, type PageRenderer } from './tesseract.js';

export interface OcrDeps {
  engine: OcrEngine;
  renderer: PageRenderer;
}

export interface PageProgress {
  name: string;
  page: number;
  done: number;
  total: number;
  ms: number;
}

type Listener = (p: PageProgress) => void;
const listeners = new Set<Listener>();

/** Progress of OCR, one event per page read (the CLI shows it; OCR is slow). */
export function onOcrPage(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Default: a line per page on an interactive terminal. */
function defaultProgress(p: PageProgress): void {
  if (listeners.size > 0 || !process.stderr.isTTY || process.env.NIANBAO_QUIET === '1') return;
  process.stderr.write(`\r文字识别（OCR）：${p.name} 第 ${p.page} 页（${p.done}/${p.total}），${(p.ms / 1000).toFixed(1)} 秒${p.done === p.total ? '\n' : ''}`);
}

export const DEFAULT_OCR: OcrDeps = { engine: tesseractEngine, renderer: popplerRenderer };

export function clampDpi(ppi: number | null): number {
  if (!ppi || !Number.isFinite(ppi)) return 200;
  return Math.max(150, Math.min(400, Math.round(ppi)));
}

export async function ocrPdfPages(pdf: Uint8Array, pages: number[], name: string, deps: OcrDeps = DEFAULT_OCR): Promise<Map<number, OcrPageResult>> {
  const out = new Map<number, OcrPageResult>();
  let done = 0;
  for (const n of pages) {
    const t0 = Date.now();
    const dpi = clampDpi(await deps.renderer.imagePpi(pdf, n));
    const img = decodePnm(await deps.renderer.render(pdf, n, dpi));
    out.set(n, await readPageImage(img, dpi, deps.engine));
    done++;
    const ev = { name, page: n, done, total: pages.length, ms: Date.now() - t0 };
    defaultProgress(ev);
    for (const l of listeners) l(ev);
  }
  return out;
}
