/** Formats nianbao does not read get a failure that names the format and says what to save it as. */
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/pipeline.js';
import { makeZip } from './zip-helpers.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function failure(bytes: Uint8Array, name: string) {
  const o = await parseBytes(bytes, name);
  if (o.ok) throw new Error('read as a report');
  return o.failure;
}

describe('unsupported formats', () => {
  it('an OpenDocument presentation: named as no Word document, with what to save it as', async () => {
    const zip = makeZip([
      { name: 'mimetype', data: enc('application/vnd.oasis.opendocument.presentation'), method: 0, declaredSize: 47 },
      { name: 'content.xml', data: enc('<office:document-content/>'), method: 0, declaredSize: 26 },
    ]);
    const f = await failure(zip, 's.odp');
    expect(f.code).toBe('not-a-docx');
    expect(f.message).toMatch(/OpenDocument.*docx/);
  });

  it('an empty OpenDocument spreadsheet (RTF and .ods are read through LibreOffice): a failure that names it, never a stack trace', async () => {
    const zip = makeZip([
      { name: 'mimetype', data: enc('application/vnd.oasis.opendocument.spreadsheet'), method: 0, declaredSize: 46 },
      { name: 'content.xml', data: enc('<office:document-content/>'), method: 0, declaredSize: 26 },
    ]);
    const f = await failure(zip, 's.ods');
    expect(['needs-libreoffice', 'convert-failed', 'not-a-report', 'empty-document']).toContain(f.code);
    if (f.code !== 'not-a-report' && f.code !== 'empty-document') expect(f.message).toMatch(/电子表格.*xlsx/);
  }, 120_000);
});
