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
  it('RTF: named, with what to save it as (it had been called "not a report")', async () => {
    const f = await failure(enc('{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 SimSun;}} \\f0 某县人民政府2023年政府信息公开工作年度报告\\par}'), 'r.rtf');
    expect(f.code).toBe('unsupported-format');
    expect(f.message).toMatch(/RTF.*docx/);
  });

  it('an OpenDocument spreadsheet: named as one, to be saved as xlsx', async () => {
    const zip = makeZip([
      { name: 'mimetype', data: enc('application/vnd.oasis.opendocument.spreadsheet'), method: 0, declaredSize: 46 },
      { name: 'content.xml', data: enc('<office:document-content/>'), method: 0, declaredSize: 26 },
    ]);
    const f = await failure(zip, 's.ods');
    expect(f.code).toBe('unsupported-format');
    expect(f.message).toMatch(/电子表格.*xlsx/);
  });
});
