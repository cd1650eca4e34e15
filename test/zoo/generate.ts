/**
 * Writes a zoo corpus to a folder (files + truth.jsonl), converting the PDF presentations with
 * LibreOffice in batches. The folder is a cache keyed by seed, count, formats and the zoo's own
 * source, so a rerun with the same arguments reuses it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDoc, type ZooTruth } from './corpus.js';
import { browserTexts, chromiumPath, convertWithOffice, printToPdf, sofficePath, type OfficeTarget } from './pdf.js';
import { PRESENTATIONS, toolPresent } from './present.js';

export interface CorpusEntry extends ZooTruth {
  /** File name inside the corpus folder. */
  file: string;
}

export interface GeneratedCorpus {
  dir: string;
  entries: CorpusEntry[];
  /** PDF documents left out because LibreOffice is not installed. */
  skippedPdf: number;
  cached: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));

const GENERATION_SOURCES = ['rng.ts', 'canonical.ts', 'doc.ts', 'present.ts', 'pdf.ts', 'corpus.ts', 'generate.ts'];

function sourceHash(): string {
  const h = createHash('sha256');
  // The modules that decide what is generated (not the scorer, the worker or the tests).
  for (const f of GENERATION_SOURCES) h.update(f).update(readFileSync(path.join(here, f)));
  return h.digest('hex').slice(0, 12);
}

export interface GenerateOptions {
  seed: number;
  count: number;
  formats?: string[];
  /** Leave out the PDF presentations (no LibreOffice, or a quick run). */
  noPdf?: boolean;
  /** Root of the cache (default: the OS temp folder). */
  cacheRoot?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export async function generateCorpus(o: GenerateOptions): Promise<GeneratedCorpus> {
  const soffice = sofficePath();
  // PDF presentations need LibreOffice, or for a printed web page, Chromium.
  const canMake = (f: string) => {
    const p = PRESENTATIONS.find((x) => x.name === f);
    if (p && !toolPresent(p)) return false;
    if (!p?.pdf) return true;
    if (o.noPdf) return false;
    return p.browser ? !!chromiumPath() : !!soffice;
  };
  const formats = (o.formats ?? PRESENTATIONS.map((p) => p.name)).filter(canMake);
  const skippedPdfFormats = (o.formats ?? PRESENTATIONS.map((p) => p.name)).filter((f) => !formats.includes(f));
  const key = createHash('sha256').update(JSON.stringify({ seed: o.seed, count: o.count, formats, src: sourceHash() })).digest('hex').slice(0, 16);
  const dir = path.join(o.cacheRoot ?? os.tmpdir(), `nianbao-zoo-${key}`);
  const truthFile = path.join(dir, 'truth.jsonl');
  const skippedPdf = skippedPdfFormats.length ? Math.round((o.count * skippedPdfFormats.length) / (formats.length + skippedPdfFormats.length)) : 0;
  if (existsSync(path.join(dir, 'complete'))) {
    const entries = readFileSync(truthFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as CorpusEntry);
    return { dir, entries, skippedPdf, cached: true };
  }
  rmSync(dir, { recursive: true, force: true });
  const staging = path.join(dir, 'docx-for-pdf');
  mkdirSync(staging, { recursive: true });
  const entries: CorpusEntry[] = [];
  const toConvert: { src: string; target: OfficeTarget }[] = [];
  const toText: { id: string; mode: 'layout' | 'raw' }[] = [];
  const toPrint: { src: string; pdf: string }[] = [];
  const toCopy: { src: string; txt: string }[] = [];
  for (let i = 0; i < o.count; i++) {
    const d = await makeDoc({ seed: o.seed, formats }, i);
    if (d.rendered.browserText) {
      const src = path.join(staging, `${d.truth.id}.html`);
      writeFileSync(src, d.rendered.bytes);
      toCopy.push({ src, txt: path.join(dir, `${d.truth.id}.txt`) });
      entries.push({ ...d.truth, file: `${d.truth.id}.txt` });
    } else if (d.rendered.printHtml) {
      const src = path.join(staging, `${d.truth.id}.html`);
      writeFileSync(src, d.rendered.bytes);
      toPrint.push({ src, pdf: path.join(dir, `${d.truth.id}.pdf`) });
      entries.push({ ...d.truth, file: `${d.truth.id}.pdf` });
    } else if (d.rendered.office) {
      const target = d.rendered.office;
      // One staging folder per target: soffice converts a whole batch to one format.
      const src = path.join(staging, target, `${d.truth.id}.docx`);
      mkdirSync(path.dirname(src), { recursive: true });
      writeFileSync(src, d.rendered.bytes);
      toConvert.push({ src, target });
      if (d.rendered.pdfToText) toText.push({ id: d.truth.id, mode: d.rendered.pdfToText });
      entries.push({ ...d.truth, file: `${d.truth.id}.${d.rendered.pdfToText ? 'txt' : target}` });
    } else {
      const file = `${d.truth.id}.${d.rendered.ext}`;
      writeFileSync(path.join(dir, file), d.rendered.bytes);
      entries.push({ ...d.truth, file });
    }
    if (i % 100 === 99) o.onProgress?.('生成', i + 1, o.count);
  }
  if (toConvert.length) {
    let before = 0;
    for (const target of ['pdf', 'docx', 'html', 'txt'] as const) {
      const files = toConvert.filter((c) => c.target === target).map((c) => c.src);
      if (!files.length) continue;
      o.onProgress?.('LibreOffice', before, toConvert.length);
      await convertWithOffice(files, dir, target, { jobs: 2, batch: 40, onBatch: (n) => o.onProgress?.('LibreOffice', before + n, toConvert.length) });
      before += files.length;
    }
    for (const { id, mode } of toText) {
      const pdf = path.join(dir, `${id}.pdf`);
      execFileSync('pdftotext', [...(mode === 'layout' ? ['-layout'] : []), '-enc', 'UTF-8', pdf, path.join(dir, `${id}.txt`)]);
      rmSync(pdf);
    }
  }
  if (toPrint.length) {
    o.onProgress?.('打印 PDF', 0, toPrint.length);
    await printToPdf(toPrint, (n) => o.onProgress?.('打印 PDF', n, toPrint.length));
  }
  if (toCopy.length) {
    o.onProgress?.('浏览器文本', 0, toCopy.length);
    await browserTexts(toCopy, (n) => o.onProgress?.('浏览器文本', n, toCopy.length));
  }
  rmSync(staging, { recursive: true, force: true });
  writeFileSync(truthFile, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
  writeFileSync(path.join(dir, 'complete'), new Date().toISOString());
  return { dir, entries, skippedPdf, cached: false };
}
