/**
 * Photos and scans of a report as images (PNG, JPEG, TIFF, detected from the content): each
 * image becomes a page of an image-only PDF (img2pdf, lossless) and goes through the PDF
 * reader's OCR path, so a photographed table is read exactly like a scanned page.
 */
import { ReadFailure } from '../core/failure.js';
import type { SourceDocument } from '../core/types.js';
import { registerReader } from './index.js';

export async function readImage(buf: Uint8Array, name: string): Promise<SourceDocument> {
  const ocr = await import('./ocr/tesseract.js');
  if (!ocr.ocrAvailability().ok) throw ocr.needsOcr(name, '是图片');
  if (!ocr.img2pdfAvailable())
    throw new ReadFailure('needs-ocr', `“${name}”是图片，需要本地文字识别（OCR）才能读取，但本机未安装 img2pdf。请安装后重试：sudo apt-get install img2pdf（Debian/Ubuntu）。`);
  let pdf: Buffer;
  try {
    pdf = await ocr.imageToPdf(buf);
  } catch (e) {
    throw new ReadFailure('corrupt', `图片“${name}”已损坏或格式不受支持（${e instanceof Error ? e.message : String(e)}），无法读取。请重新导出为 PNG、JPEG 或 TIFF。`);
  }
  const { readPdf } = await import('./pdf.js');
  return { ...(await readPdf(pdf, name, { image: true })), format: 'image' };
}

registerReader('image', readImage);
