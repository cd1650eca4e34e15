import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/cli/json.js';
import { cellKeys } from '../../src/core/template.js';
import { parseBytes } from '../../src/pipeline.js';
import { blankReport, toCanonical } from '../../src/render/canonical.js';
import { tableLayout } from '../../src/render/model.js';
import { TABLE_SHEETS, TEXT_ROWS, TEXT_SHEET, fillFigures, templateWorkbook, valueAddresses, workbookBytes } from '../../src/render/workbook.js';
import { SEEDS } from '../helpers/paths.js';



async function seed(id: string) {
  const o = await parseBytes(readFileSync(path.join(SEEDS, `${id}.txt`)), `${id}.txt`);
  if (!o.ok) throw new Error(o.failure.message);
  return toCanonical(JSON.parse(JSON.stringify(toJson(o))));
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Fills the blank template the way a program would: name, year, texts and every figure. */
async function filledTemplate(id: string, edit?: (wb: ExcelJS.Workbook) => void) {
  const r = await seed(id);
  const wb = await load(await templateWorkbook(r.meta.agency, r.meta.year));
  const text = wb.getWorksheet(TEXT_SHEET)!;
  r.sections.forEach((s, i) => (text.getCell(TEXT_ROWS.firstSection + i, 2).value = s.key === 'overview' ? s.text : null));
  fillFigures(wb, '2021', r.cells);
  edit?.(wb);
  return { r, bytes: await workbookBytes(wb) };
}

describe('nianbao template --format xlsx', () => {
  it('lays out the official tables: labels locked, figures unlocked, totals as formulas, red rules', async () => {
    const wb = await load(await templateWorkbook('北宫镇人民政府', 2024));
    expect(wb.worksheets.map((w) => w.name)).toEqual([TEXT_SHEET, '表二', '表三', '表四']);
    const t3 = wb.getWorksheet('表三')!;
    const at = valueAddresses(tableLayout('2021', 't3'));
    expect(t3.getCell(at.get('t3.total.naturalPerson')!).formula).toMatch(/^SUM\(/);
    expect(t3.getCell(at.get('t3.granted.total')!).formula).toMatch(/^SUM\(/);
    expect(t3.getCell(at.get('t3.granted.naturalPerson')!).protection?.locked).toBe(false);
    expect(t3.getCell('A3').value).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(t3.getCell('A3').isMerged).toBe(true);
    expect((t3 as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    const cf = (t3 as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings;
    expect(cf.some((c) => c.rules[0].formulae[0].includes('<>') && c.ref.includes(' '))).toBe(true);
    const t4 = wb.getWorksheet('表四')!;
    expect(t4.getCell(valueAddresses(tableLayout('2021', 't4')).get('t4.review.total')!).formula).toBe('SUM(A5:D5)');
  });

  it('a blank template reads back as a report with every cell blank', async () => {
    const o = await parseBytes(await templateWorkbook('北宫镇人民政府', 2024), 'blank.xlsx');
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(o.meta.agency).toBe('北宫镇人民政府');
    expect(o.meta.year).toBe(2024);
    for (const k of cellKeys('2021')) expect(o.cells[k], k).toBeNull();
  });

  it('--format json is a blank canonical report', () => {
    const r = blankReport('某某县人民政府', 2020);
    expect(r.meta.template).toBe('2019');
    expect(Object.values(r.cells).every((v) => v === null)).toBe(true);
    expect(r.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'appeals', 'problems', 'other']);
  });
});

describe('a filled workbook is read directly', () => {
  for (const id of ['003_397039d31f300f54', '000_2790cd25742a97b3', '004_e9b0b4183da4b0c6'])
    it(`seed ${id}: filled programmatically, read back → identical cells`, async () => {
      const { r, bytes } = await filledTemplate(id);
      const o = await parseBytes(bytes, `${id}.xlsx`);
      expect(o.ok).toBe(true);
      if (!o.ok) return;
      expect(o.format).toBe('xlsx');
      expect(o.cells).toEqual(r.cells);
      expect(o.meta.agency).toBe(r.meta.agency);
      expect(o.meta.year).toBe(r.meta.year);
    });

  it('a broken total is reported by check with the sheet and cell address', async () => {
    const at = valueAddresses(tableLayout('2021', 't3'));
    const addr = at.get('t3.total.total')!;
    const { bytes } = await filledTemplate('004_e9b0b4183da4b0c6', (wb) => {
      wb.getWorksheet(TABLE_SHEETS.t3)!.getCell(addr).value = 99;
    });
    const o = await parseBytes(bytes, 'broken.xlsx');
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    const f = o.findings.find((x) => x.rule === 'requests-outcome-total' && x.cells.includes('t3.total.total'));
    expect(f).toBeDefined();
    expect(f!.pos?.path).toBe(`Sheet 表三!${addr}`);
    expect(f!.found).toBe(99);
    const balance = o.findings.find((x) => x.rule === 'requests-balance' && x.cells.includes('t3.total.total'));
    expect(balance?.pos?.path).toMatch(/^Sheet 表三![A-Z]+\d+$/);
  });

  it('the clean seed has no error once read from its workbook', async () => {
    const { bytes } = await filledTemplate('004_e9b0b4183da4b0c6');
    const o = await parseBytes(bytes, 'clean.xlsx');
    expect(o.ok && o.findings.filter((f) => f.severity === 'error' && f.rule.startsWith('requests'))).toEqual([]);
  });
});
