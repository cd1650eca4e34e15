/**
 * RTF, OpenDocument text, legacy Excel and OpenDocument spreadsheets, read by way of LibreOffice
 * (src/read/converted.ts): the same cells as the document they were saved from.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../src/cli/json.js';
import { place } from '../../src/cli/place.js';
import { extractReport } from '../../src/extract/index.js';
import { parseBytes } from '../../src/pipeline.js';
import { convertWithLibreOffice, findSoffice } from '../../src/read/doc.js';
import { readDocument } from '../../src/read/index.js';
import { skipReason } from '../../src/dataset/inputs.js';
import { toCanonical } from '../../src/render/canonical.js';
import { renderWorkbook } from '../../src/render/workbook.js';
import { SEEDS } from '../helpers/paths.js';
import { BLANK_KEY, buildReportDocx, expectedCells } from './docx-fixture.js';
import { makeZip } from './zip-helpers.js';

const soffice = await findSoffice();
if (!soffice) console.warn('converted.test.ts: skipping conversion tests — LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui');

async function parsed(bytes: Uint8Array, name: string) {
  const o = await parseBytes(bytes, name);
  if (!o.ok) throw new Error(`${name}: ${o.failure.code} ${o.failure.message}`);
  return o;
}

describe.skipIf(!soffice)('word-processor files LibreOffice converts (.rtf, .odt)', () => {
  let docx: Uint8Array;
  /** The errors the DOCX itself has (the fixture carries a total that does not add up). */
  let docxErrors: string[];
  beforeAll(async () => {
    docx = await buildReportDocx();
    docxErrors = (await parsed(docx, 'report.docx')).findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.message}`);
  }, 120_000);

  for (const ext of ['rtf', 'odt'] as const)
    it(`.${ext}: the DOCX's cells, blank kept blank, format ${ext}, positions in Word's terms`, async () => {
      const bytes = await convertWithLibreOffice(docx, 'docx', ext);
      const o = await parsed(bytes, `report.${ext}`);
      expect(o.format).toBe(ext);
      expect(o.cells).toEqual(expectedCells());
      expect(o.cells[BLANK_KEY]).toBeNull();
      expect(o.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.message}`)).toEqual(docxErrors);
      const pos = o.cellSources['t3.granted.total']?.pos;
      expect(place(pos, o.format)).toMatch(/^表格\d+ 第\d+行/);
    }, 120_000);

  it('an RTF is told by its content, whatever its name', async () => {
    const bytes = await convertWithLibreOffice(docx, 'docx', 'rtf');
    const doc = await readDocument(bytes, 'download.txt');
    expect(doc.format).toBe('rtf');
    expect(extractReport(doc, 'download.txt').cells).toEqual(expectedCells());
  }, 120_000);

  it('a damaged RTF fails cleanly, with what to do', async () => {
    const o = await parseBytes(new TextEncoder().encode('{\\rtf1\\ansi {\\fonttbl'), 'broken.rtf');
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(['convert-failed', 'not-a-report', 'empty-document']).toContain(o.failure.code);
      expect(o.failure.message).not.toMatch(/at .*\.ts:\d+/);
    }
  }, 120_000);
});

describe.skipIf(!soffice)('workbooks LibreOffice converts (.xls, .ods)', () => {
  let workbook: Uint8Array;
  let cells: Record<string, number | null>;
  beforeAll(async () => {
    const seed = await parsed(readFileSync(path.join(SEEDS, '000_2790cd25742a97b3.txt')), 'seed.txt');
    cells = seed.cells;
    workbook = await renderWorkbook(toCanonical(JSON.parse(JSON.stringify(toJson(seed)))));
  }, 120_000);

  for (const ext of ['xls', 'ods'] as const)
    it(`.${ext} saved from the report's workbook: every cell, format ${ext}, positions as sheet cells`, async () => {
      const bytes = await convertWithLibreOffice(workbook, 'xlsx', ext);
      const o = await parsed(bytes, `report.${ext}`);
      expect(o.format).toBe(ext);
      expect(o.cells).toEqual(cells);
      expect(place(o.cellSources['t3.granted.total']?.pos, o.format)).toMatch(/^表三!/);
    }, 120_000);
});

describe('without LibreOffice', () => {
  const saved = process.env.NIANBAO_SOFFICE;
  afterEach(() => {
    if (saved === undefined) delete process.env.NIANBAO_SOFFICE;
    else process.env.NIANBAO_SOFFICE = saved;
  });

  it('an RTF → needs-libreoffice, naming the format and the package to install', async () => {
    process.env.NIANBAO_SOFFICE = '/nonexistent/soffice';
    const o = await parseBytes(new TextEncoder().encode('{\\rtf1\\ansi 某县人民政府2023年政府信息公开工作年度报告\\par}'), 'r.rtf');
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.failure.code).toBe('needs-libreoffice');
      expect(o.failure.message).toMatch(/RTF.*apt-get install libreoffice-writer-nogui/);
    }
  });

  it('an old Excel workbook → needs-libreoffice with the spreadsheet package, not the Word one', async () => {
    process.env.NIANBAO_SOFFICE = '/nonexistent/soffice';
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(new Uint8Array(Buffer.from('Workbook', 'utf16le')), 1024);
    const o = await parseBytes(ole, 'a.xls');
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.failure.code).toBe('needs-libreoffice');
      expect(o.failure.message).toMatch(/Excel.*libreoffice-calc-nogui/);
    }
  });

  it('an uploaded .odt is one report, not an archive of its parts', async () => {
    const { expandUpload } = await import('../../src/server/upload.js');
    const enc = (t: string) => new TextEncoder().encode(t);
    const odt = makeZip([
      { name: 'mimetype', data: enc('application/vnd.oasis.opendocument.text'), method: 0, declaredSize: 39 },
      { name: 'content.xml', data: enc('<office:document-content/>'), method: 0, declaredSize: 26 },
      { name: 'styles.xml', data: enc('<office:document-styles/>'), method: 0, declaredSize: 25 },
    ]);
    const x = await expandUpload('年报.odt', odt);
    expect(x.failures).toEqual([]);
    expect(x.items.map((i) => i.name)).toEqual(['年报.odt']);
  });

  it('a folder scan takes .rtf, .odt, .xls, .et and .ods as reports', () => {
    for (const n of ['a.rtf', 'b.odt', 'c.xls', 'd.et', 'e.ods']) expect(skipReason(n)).toBeNull();
    expect(skipReason('slides.odp')).toMatch(/演示文稿/);
  });
});
