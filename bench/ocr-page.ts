/**
 * Debugging aid: one scanned page through the OCR path, its grids printed (doubts as ?a/b).
 *   node --import tsx bench/ocr-page.ts FILE.pdf PAGE
 * NIANBAO_OCR_DEBUG=1 adds every doubtful cell's readings.
 */
import { readFileSync } from 'node:fs';
import { decodePnm } from '../src/read/ocr/raster.js';
import { readPageImage } from '../src/read/ocr/page.js';
import { clampDpi } from '../src/read/ocr/scan.js';
import { popplerRenderer, tesseractEngine } from '../src/read/ocr/tesseract.js';

const [file, page] = process.argv.slice(2);
const pdf = new Uint8Array(readFileSync(file));
const n = Number(page);
const dpi = clampDpi(await popplerRenderer.imagePpi(pdf, n));
const r = await readPageImage(decodePnm(await popplerRenderer.render(pdf, n, dpi)), dpi, tesseractEngine);
for (const e of r.entries) {
  if (e.kind === 'line') console.log(`  ${e.text}`);
  else for (const row of e.rows) console.log(`| ${row.map((c) => (c.doubt ? `?${c.doubt.join('/')}` : c.text) + (process.env.BOXES ? `@${c.box.join(',')}` : '')).join(' | ')} |`);
}
console.log(`skew ${r.skew.toFixed(2)} cells ${r.cells} doubtful ${r.doubtful}`);
