/**
 * The renderer check bench:scan and the layout zoo share (render-check.ts): a document whose
 * rendered text has fewer figures than its truth has filled cells (LibreOffice ended table 三
 * after its first row) is left out and named; the verdicts are kept in the corpus folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CorpusEntry, GeneratedCorpus } from './generate.js';
import { dropLostRenderings } from './render-check.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-render-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function entry(id: string, presentation: string, text: string): CorpusEntry {
  // Rendered text stands in for pdftotext's output (a .txt file is read as it is).
  writeFileSync(path.join(dir, `${id}.txt`), text);
  return { id, presentation, file: `${id}.txt`, cells: { 't3.total.total': 5, 't3.granted.total': 3, 't3.newReceived.total': 5 } } as unknown as CorpusEntry;
}

describe('documents the renderer lost rows of', () => {
  it('are left out of the corpus and named; whole ones and non-PDF presentations are kept', () => {
    const corpus: GeneratedCorpus = {
      dir,
      skippedPdf: 0,
      cached: false,
      entries: [
        entry('000000-pdf-narrow', 'pdf-narrow', '一、本年新收 5\n（二）…予以公开 3\n总计 5'),
        // Table 三 ended after its first row: one figure where the truth has three.
        entry('000001-pdf-narrow', 'pdf-narrow', '一、本年新收 5\n四、结转下年度继续办理'),
        entry('000002-docx', 'docx', '一、本年新收'),
      ],
    };
    const { corpus: kept, lost } = dropLostRenderings(corpus);
    expect(lost.map((e) => e.id)).toEqual(['000001-pdf-narrow']);
    expect(kept.entries.map((e) => e.id)).toEqual(['000000-pdf-narrow', '000002-docx']);
    expect(JSON.parse(readFileSync(path.join(dir, 'render-lost.json'), 'utf8'))).toEqual(['000001-pdf-narrow']);
  });

  it('a table 二 lost whole is told by its row labels, though page numbers and prose make up its figures', () => {
    const sub = mkdtempSync(path.join(dir, 't2-'));
    const doc = (id: string, text: string) => {
      writeFileSync(path.join(sub, `${id}.txt`), text);
      return { id, presentation: 'pdf-paged', file: `${id}.txt`, cells: { 't2.regulations.made': 1, 't2.licensing.decisions': 2 } } as unknown as CorpusEntry;
    };
    const corpus: GeneratedCorpus = {
      dir: sub,
      skippedPdf: 0,
      cached: false,
      entries: [doc('000000-pdf-paged', '规章 1\n行政许可 2\n行政处罚 0\n-1-'), doc('000001-pdf-paged', '二、主动公开政府信息情况\n全年发布信息 2972 条。\n第二十条第（一）项\n-1-\n-2-')],
    };
    expect(dropLostRenderings(corpus).lost.map((e) => e.id)).toEqual(['000001-pdf-paged']);
  });
});
