/** WPS's .wps is read through LibreOffice where it can be converted; OFD is refused with a coded failure; folder scans say what they skip. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/cli/io.js';
import { collectInputs } from '../../src/dataset/inputs.js';
import { extractReport } from '../../src/extract/index.js';
import { parseBytes } from '../../src/pipeline.js';
import { convertWithLibreOffice, findSoffice } from '../../src/read/doc.js';
import { readDocument } from '../../src/read/index.js';
import '../../src/read/formats.js';
import { buildReportDocx } from './docx-fixture.js';

const soffice = await findSoffice();

describe('OFD', () => {
  it('is refused with ofd-unsupported and a way forward', async () => {
    const z = new JSZip();
    z.file('OFD.xml', '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>');
    z.file('Doc_0/Document.xml', '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>');
    const o = await parseBytes(await z.generateAsync({ type: 'uint8array' }), '年报.ofd');
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.failure.code).toBe('ofd-unsupported');
    expect(o.failure.message).toMatch(/OFD.*PDF/);
  });
});

describe.skipIf(!soffice)('.wps via LibreOffice', () => {
  it('a WPS document saved in the Word-compatible binary format reads like the DOCX it came from', async () => {
    const docx = await buildReportDocx();
    const cells = extractReport(await readDocument(docx, 'r.docx'), 'r.docx').cells;
    const wps = await convertWithLibreOffice(docx, 'docx', 'doc');
    const o = await parseBytes(wps, '年报.wps');
    expect(o.ok, o.ok ? '' : o.failure.message).toBe(true);
    if (o.ok) expect(o.cells).toEqual(cells);
  }, 180_000);
});

describe('folder scans', () => {
  it('list the files they skip, with the reason (check/parse and ingest)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-scan-'));
    try {
      for (const n of ['a.txt', 'b.wps', 'c.ofd', 'photo.jpg', 'photo.gif', 'old.xls', 'slides.pptx', 'notes.rar', 'r.expected.json']) fs.writeFileSync(path.join(dir, n), 'x');
      const { files, skipped } = await expandInputs([dir]);
      // Scanned images are read by OCR (issue 9); other picture formats are skipped.
      expect(files.map((f) => path.basename(f))).toEqual(['a.txt', 'b.wps', 'c.ofd', 'old.xls', 'photo.jpg']);
      const why = Object.fromEntries(skipped.map((s) => [path.basename(s.source), s.reason]));
      expect(why['photo.gif']).toMatch(/图片/);
      expect(why['slides.pptx']).toMatch(/演示文稿/);
      expect(why['notes.rar']).toMatch(/压缩包/);
      expect(why['r.expected.json']).toMatch(/答案/);
      const ingest = await collectInputs([dir]);
      expect(ingest.skipped.map((s) => path.basename(s.source)).sort()).toEqual(['notes.rar', 'photo.gif', 'r.expected.json', 'slides.pptx']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
