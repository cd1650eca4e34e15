/** The workbook reader stays bounded on hostile workbooks: far cells, huge merges, formula cycles, lying zip entries. */
import JSZip from 'jszip';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/pipeline.js';
import { TABLE_SHEETS, templateWorkbook } from '../../src/render/workbook.js';
import { deflatedZeros, makeZip } from './zip-helpers.js';

/** The blank template with one sheet's XML edited. */
async function edited(sheet: string, edit: (xml: string) => string): Promise<Uint8Array> {
  const z = await JSZip.loadAsync(await templateWorkbook('北宫镇人民政府', 2024));
  const wbXml = await z.file('xl/workbook.xml')!.async('string');
  const sheets = [...wbXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
  const part = `xl/worksheets/sheet${sheets.indexOf(sheet) + 1}.xml`;
  z.file(part, edit(await z.file(part)!.async('string')));
  return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

async function timed(bytes: Uint8Array) {
  const t0 = Date.now();
  const o = await parseBytes(bytes, 'tpl.xlsx');
  return { o, ms: Date.now() - t0 };
}

describe('bounded workbook reader', () => {
  it('a cell at XFD1048576 is skipped unread, quickly', async () => {
    const bytes = await edited(TABLE_SHEETS.t3, (x) => x.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>7</v></c></row></sheetData>'));
    const { o, ms } = await timed(bytes);
    expect(o.ok).toBe(true);
    expect(ms).toBeLessThan(10_000);
  });

  it('a merge K1:XFD1048576 is clipped to the range read', async () => {
    const bytes = await edited(TABLE_SHEETS.t3, (x) =>
      x.includes('<mergeCells') ? x.replace(/<mergeCells count="\d+">/, (m) => m + '<mergeCell ref="K1:XFD1048576"/>') : x.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="K1:XFD1048576"/></mergeCells>'),
    );
    const { o, ms } = await timed(bytes);
    expect(o.ok).toBe(true);
    expect(ms).toBeLessThan(10_000);
  });

  it('a formula on another sheet\'s cells gives its saved result, or without one a blank flagged unreadable — never this sheet\'s cells at those addresses', async () => {
    const keyAt = (o: Awaited<ReturnType<typeof parseBytes>>, addr: string) => (o.ok ? Object.entries(o.cellSources).find(([, v]) => String(v.pos?.path ?? '').endsWith(`!${addr}`))?.[0] : undefined);
    const withFormula = (cell: string) => edited(TABLE_SHEETS.t3, (x) => x.replace(/(<c r="E6")[^>]*?(\/>|>[\s\S]*?<\/c>)/, cell).replace(/(<c r="D6")[^>]*?(\/>|>[\s\S]*?<\/c>)/, '<c r="D6"><v>5</v></c>'));
    const cached = await parseBytes(await withFormula('<c r="E6"><f>明细!D6</f><v>7</v></c>'), 'x.xlsx');
    if (!cached.ok) throw new Error(cached.failure.message);
    const key = keyAt(cached, 'E6');
    expect(key).toBeDefined();
    expect(cached.cells[key!]).toBe(7);
    const uncached = await parseBytes(await withFormula('<c r="E6"><f>SUM(\'明细\'!D6)</f></c>'), 'x.xlsx');
    if (!uncached.ok) throw new Error(uncached.failure.message);
    expect(uncached.cells[key!]).toBeNull();
    expect(uncached.findings.some((f) => f.rule === 'unreadable' && f.cells.includes(key!))).toBe(true);
  });

  it('SUM formulas over their own range are a cycle finding, and chains of SUMs are computed once each', async () => {
    // Column Z: each cell sums all the cells above it (exponential without memoisation); Z1 sums its own column.
    let rows = '';
    for (let r = 2; r <= 60; r++) rows += `<row r="${r + 100}"><c r="Y${r + 100}"><f>SUM(Y$100:Y${r + 99})</f></c></row>`;
    const bytes = await edited(TABLE_SHEETS.t3, (x) =>
      x
        .replace(/(<c r="D5"[^>]*?)(\/>|>[\s\S]*?<\/c>)/, '$1><f>SUM(D4:D6)</f></c>')
        .replace('</sheetData>', `${rows}</sheetData>`),
    );
    const { o, ms } = await timed(bytes);
    expect(ms).toBeLessThan(10_000);
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    const cycle = o.findings.find((f) => /循环引用/.test(f.message));
    expect(cycle, JSON.stringify(o.findings.map((f) => f.message))).toBeTruthy();
    expect(cycle!.pos?.path).toBe('Sheet 表三!D5');
  });

  it('a sheet entry that declares 900 KB but inflates to far more is refused through the guarded zip reader', async () => {
    const wb = await JSZip.loadAsync(await templateWorkbook('北宫镇人民政府', 2024));
    const entries = [];
    for (const name of Object.keys(wb.files).filter((n) => !wb.files[n].dir)) {
      const data = await wb.file(name)!.async('uint8array');
      if (name === 'xl/worksheets/sheet3.xml') {
        entries.push({ name, data: await deflatedZeros(64 * 1024 * 1024), method: 8 as const, declaredSize: 900 * 1024 });
      } else entries.push({ name, data: new Uint8Array(zlib.deflateRawSync(data)), method: 8 as const, declaredSize: data.length });
    }
    const before = process.memoryUsage().rss;
    const { o, ms } = await timed(makeZip(entries));
    expect(ms).toBeLessThan(10_000);
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.failure.code).toBe('zip-bomb');
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });
});
