/**
 * Makes the small scanned fixtures the OCR tests read (test/scan/fixtures), from zoo reports
 * (seed 9; seed 21 for the bench's own documents) the way bench/scan.ts makes its corpus:
 *   node --import tsx test/scan/make-fixtures.ts [name …]   (names: only these fixtures)
 * Needs LibreOffice, poppler-utils, ImageMagick and img2pdf (the tests themselves need only
 * tesseract and poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanParams, scanPdf } from '../../bench/scan.js';
import { generateCorpus, type CorpusEntry } from '../zoo/generate.js';
import { Rng } from '../zoo/rng.js';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
mkdirSync(out, { recursive: true });
const corpus = await generateCorpus({ seed: 9, count: 4, formats: ['pdf-narrow', 'pdf-pushed-split'] });
const byIndex = new Map(corpus.entries.map((e) => [e.index, e]));
const keep = (e: CorpusEntry) => ({ id: e.id, defect: e.defect, meta: e.meta, cells: e.cells, expected: e.expected });
const tmp = path.join(os.tmpdir(), `nianbao-fixtures-${process.pid}`);
const wanted = process.argv.slice(2);
const want = (name: string) => wanted.length === 0 || wanted.includes(name);

if (want('outcome-total-150dpi')) {
  // 1. A whole report (2021 template, an injected （七）总计 error) scanned at 150 dpi: rotated,
  //    grey paper, lightly speckled, blurred, a red seal, JPEG quality 45.
  const a = byIndex.get(2)!;
  await scanPdf(path.join(corpus.dir, a.file), path.join(out, 'outcome-total-150dpi.pdf'), 150, { angle: -1.6, quality: 45, blur: 0.4, speckle: 0.06, grey: 8, seal: true }, path.join(tmp, 'a'));
  writeFileSync(path.join(out, 'outcome-total-150dpi.truth.json'), JSON.stringify(keep(a)) + '\n');
}

if (want('mixed-page3-scanned') || want('page3')) {
  // 2. A mixed PDF: the text PDF of a valid report whose page 3 (table 三) is a 200 dpi scan.
  const b = byIndex.get(3)!;
  const src = path.join(corpus.dir, b.file);
  mkdirSync(path.join(tmp, 'b'), { recursive: true });
  await scanPdf(src, path.join(tmp, 'b', 'scan.pdf'), 200, { angle: 1.2, quality: 70, blur: 0, speckle: 0, grey: 4, seal: false }, path.join(tmp, 'b', 'work'));
  execFileSync('pdfseparate', [src, path.join(tmp, 'b', 't-%d.pdf')]);
  execFileSync('pdfseparate', [path.join(tmp, 'b', 'scan.pdf'), path.join(tmp, 'b', 's-%d.pdf')]);
  const pages = readdirSync(path.join(tmp, 'b')).filter((f) => /^t-\d+\.pdf$/.test(f)).length;
  execFileSync('pdfunite', [...Array.from({ length: pages }, (_, i) => path.join(tmp, 'b', `${i + 1 === 3 ? 's' : 't'}-${i + 1}.pdf`)), path.join(out, 'mixed-page3-scanned.pdf')]);
  writeFileSync(path.join(out, 'mixed-page3-scanned.truth.json'), JSON.stringify(keep(b)) + '\n');

  // 3. One page photographed as an image: page 3 of the same report, 200 dpi grey PNG, rotated 0.8°.
  execFileSync('pdftoppm', ['-r', '200', '-f', '3', '-l', '3', '-gray', src, path.join(tmp, 'c')]);
  const pgm = readdirSync(tmp).find((f) => f.startsWith('c') && f.endsWith('.pgm'))!;
  execFileSync('convert', [path.join(tmp, pgm), '-background', 'white', '-rotate', '0.8', '-units', 'PixelsPerInch', '-density', '200', '-depth', '8', path.join(out, 'page3.png')]);
}

// 4. Table 四 of a narrow layout (bench seed 21, document 22) as the bench scans it at 200 dpi,
//    the page alone: its data row, one line of small figures, is shorter than a rule piece
//    must be — its column rules have to be carried across it, or the row reads as one cell.
if (want('t4-narrow-200dpi')) {
  const bench = await generateCorpus({ seed: 21, count: 40, formats: ['pdf-narrow', 'pdf-pushed-split'] });
  const d = bench.entries.find((e) => e.index === 22)!;
  const src = path.join(bench.dir, d.file);
  const page = Number(
    Array.from({ length: 12 }, (_, i) => i + 1).find((n) => {
      try {
        return execFileSync('pdftotext', ['-f', String(n), '-l', String(n), src, '-'], { encoding: 'utf8' }).includes('复议后起诉');
      } catch {
        return false;
      }
    }),
  );
  mkdirSync(path.join(tmp, 'd'), { recursive: true });
  await scanPdf(src, path.join(tmp, 'd', 'scan.pdf'), 200, scanParams(new Rng(21 * 7919 + d.index), false), path.join(tmp, 'd', 'work'));
  execFileSync('pdfseparate', ['-f', String(page), '-l', String(page), path.join(tmp, 'd', 'scan.pdf'), path.join(out, 't4-narrow-200dpi.pdf')]);
  writeFileSync(path.join(out, 't4-narrow-200dpi.truth.json'), JSON.stringify({ ...keep(d), page }) + '\n');
}
rmSync(tmp, { recursive: true, force: true });
process.stdout.write(`${readdirSync(out).join('\n')}\n`);
