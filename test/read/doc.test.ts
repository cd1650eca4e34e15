import fs from 'node:fs';
import os from 'node:os';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReadFailure } from '../../src/core/failure.js';
import { extractReport } from '../../src/extract/index.js';
import { parseBytes } from '../../src/pipeline.js';
import { convertWithLibreOffice, findSoffice, readDoc } from '../../src/read/doc.js';
import { detectFormat } from '../../src/read/detect.js';
import { readDocument } from '../../src/read/index.js';
import '../../src/read/formats.js';
import { BLANK_KEY, buildReportDocx, DASH_KEYS, expectedCells } from './docx-fixture.js';

const soffice = await findSoffice();
const SKIP_REASON = 'LibreOffice (soffice) is not installed: install libreoffice-writer-nogui to run the .doc tests';
if (!soffice) console.warn(`doc.test.ts: skipping conversion tests — ${SKIP_REASON}`);

function tempDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('nianbao-lo-') || n.startsWith('nianbao-doc-'));
}

describe.skipIf(!soffice)('legacy .doc via LibreOffice', () => {
  let docBytes: Uint8Array;
  let docxCells: Record<string, number | null>;

  beforeAll(async () => {
    const docx = await buildReportDocx();
    docxCells = extractReport(await readDocument(docx, 'report.docx'), 'report.docx').cells;
    const t0 = performance.now();
    docBytes = await convertWithLibreOffice(docx, 'docx', 'doc');
    console.log(`docx → doc with soffice: ${Math.round(performance.now() - t0)} ms`);
  }, 120_000);

  it('the converted file is an OLE .doc', () => {
    expect(detectFormat(docBytes)).toBe('ole');
  });

  it('readDoc gives exactly the same cells as the DOCX', async () => {
    const before = tempDirs();
    const t0 = performance.now();
    const doc = await readDoc(docBytes, 'report.doc');
    console.log(`readDoc (doc → docx + read): ${Math.round(performance.now() - t0)} ms`);
    expect(doc.format).toBe('doc');
    const report = extractReport(doc, 'report.doc');
    expect(report.cells).toEqual(docxCells);
    expect(report.cells).toEqual(expectedCells());
    expect(report.cells[BLANK_KEY]).toBeNull();
    for (const k of DASH_KEYS) expect(report.cellSources[k]).toMatchObject({ raw: '-', zeroNotation: true });
    expect(report.format).toBe('doc');
    // Temp input/output and the private LibreOffice profile are removed.
    expect(tempDirs().filter((d) => !before.includes(d))).toEqual([]);
  }, 120_000);

  it('a damaged .doc fails cleanly (no throw)', async () => {
    const junk = new Uint8Array(docBytes.subarray(0, 4096));
    for (let i = 512; i < junk.length; i++) junk[i] = (i * 7919) % 251;
    const r = await parseBytes(junk, 'broken.doc');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['doc-convert-failed', 'not-a-report', 'corrupt']).toContain(r.failure.code);
  }, 120_000);
});

describe('legacy .doc without LibreOffice', () => {
  const saved = process.env.NIANBAO_SOFFICE;
  afterEach(() => {
    if (saved === undefined) delete process.env.NIANBAO_SOFFICE;
    else process.env.NIANBAO_SOFFICE = saved;
  });

  it('→ needs-libreoffice, telling how to install it', async () => {
    process.env.NIANBAO_SOFFICE = '/nonexistent/soffice';
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(new Uint8Array(Buffer.from('WordDocument', 'utf16le')), 1024);
    await expect(readDoc(ole, 'a.doc')).rejects.toBeInstanceOf(ReadFailure);
    const r = await parseBytes(ole, 'a.doc');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.failure.code).toBe('needs-libreoffice');
      expect(r.failure.message).toContain('apt-get install libreoffice-writer-nogui');
    }
  });

  it('an old Excel workbook (.xls) is not sent to LibreOffice as a Word file', async () => {
    process.env.NIANBAO_SOFFICE = '/nonexistent/soffice';
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(new Uint8Array(Buffer.from('Workbook', 'utf16le')), 1024);
    const r = await parseBytes(ole, 'a.xls');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.failure.message).not.toMatch(/Word 97/);
  });
});
