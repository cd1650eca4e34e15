/**
 * A PDF's text saved by pdftotext (with its layout, or in drawing order): zoo documents that once
 * read silent blanks, false label variants or wrong numbers (test/fixtures/derived/zoo, each with
 * its truth). Every cell is the report's own figure, or blank with an `unreadable` finding.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cutPastShortWording, onlyLayoutNoise } from '../../src/extract/fuzzy.js';
import { lexicon } from '../../src/extract/lexicon.js';
import { normalizeText } from '../../src/core/normalize.js';
import { parseBytes, type ParseOutcome } from '../../src/pipeline.js';
import { DERIVED } from '../helpers/paths.js';

type Ok = Extract<ParseOutcome, { ok: true }>;
const ZOO = path.join(DERIVED, 'zoo');

async function read(name: string, edit: (text: string) => string = (t) => t): Promise<{ got: Ok; truth: Record<string, number | null>; unreadable: Set<string> }> {
  const file = path.join(ZOO, `${name}.txt`);
  const o = await parseBytes(new TextEncoder().encode(edit(readFileSync(file, 'utf8'))), file);
  if (!o.ok) throw new Error(o.failure.message);
  const truth = (JSON.parse(readFileSync(path.join(ZOO, `${name}.truth.json`), 'utf8')) as { cells: Record<string, number | null> }).cells;
  return { got: o, truth, unreadable: new Set(o.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells)) };
}

/** Cells that are neither the truth nor blank with an unreadable finding. */
function offending(r: Awaited<ReturnType<typeof read>>): string[] {
  return Object.entries(r.truth)
    .filter(([k, v]) => r.got.cells[k] !== v && !(r.got.cells[k] == null && r.unreadable.has(k)))
    .map(([k, v]) => `${k}: 应为 ${v}，读出 ${r.got.cells[k]}`);
}

/** Cells under `prefix` that are not the truth (blank or not). */
const differingIn = (r: Awaited<ReturnType<typeof read>>, prefix: string): string[] => Object.keys(r.truth).filter((k) => k.startsWith(prefix) && r.got.cells[k] !== r.truth[k]);

describe('text laid out in columns (pdftotext -layout)', () => {
  it('a figure run into a wrapped label\'s words (…不 34 | 计其他情形） 0 17 …; …不计其 0 | 他情形） 0 0 …): the row unreadable, never a blank for it, no label-variant', async () => {
    for (const name of ['p97-000047-browser-pdftotext-layout-fixed', 'p97-000051-browser-pdftotext-layout-fixed']) {
      const r = await read(name);
      expect(offending(r), name).toEqual([]);
      expect(r.unreadable.has('t3.partialGrant.naturalPerson'), name).toBe(true);
      expect(r.got.findings.filter((f) => f.rule === 'cell-missing' || f.rule === 'label-variant').flatMap((f) => f.cells).filter((k) => k.startsWith('t3.partialGrant')), name).toEqual([]);
    }
  });

  it('one row\'s figures on a line, then two rows\' stacked cell by cell, under three labels (1.2.本机关… | 没有现成… | 3.补正后…): each figure to the row its height says', async () => {
    const r = await read('p91-000079-browser-pdftotext-layout');
    expect(offending(r)).toEqual([]);
    expect(differingIn(r, 't3.unable.')).toEqual([]);
    expect(differingIn(r, 't3.notProcessed.')).toEqual([]);
  });

  it('a label wrapped over five lines beside a side label whose pieces differ in width (本年 （二）… | 果    其他情形）): one row, its figures read', async () => {
    const name = 'z62-000611-txt-pdf-layout';
    const r = await read(name);
    expect(offending(r)).toEqual([]);
    expect(differingIn(r, 't3.partialGrant.')).toEqual([]);
    // The last piece set two columns further right (another column, not the label's): not joined, the row flagged.
    const moved = await read(name, (t) => t.replace('果    其他情形）', '果      其他情形）'));
    expect(offending(moved)).toEqual([]);
    expect(moved.unreadable.has('t3.partialGrant.total')).toBe(true);
  });

  it('a row whose figures are parted between its label\'s two lines ((二)部分公开（… 0 0 0 0 | 形，不计其他情形） 0 0 0) is one row of seven', async () => {
    const r = await read('p91-000063-browser-pdftotext-layout');
    expect(offending(r)).toEqual([]);
    expect(differingIn(r, 't3.partialGrant.')).toEqual([]);
  });

  it('figures stacked cell by cell are not read as the stream of the whole table: the identities hold either way, and only the page says which row is which', async () => {
    // publication (0 0 0 1 0 0 1) over massiveRepeated (all 0) in one staircase: read along the
    // stream, with a displaced piece, the identities held with the two rows swapped.
    const r = await read('p95-000039-browser-pdftotext-layout');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.notProcessed.publication.total']).toBe(1);
    expect(r.got.cells['t3.notProcessed.massiveRepeated.total']).toBe(0);
  });

  it('a row holding its own figures and nearly the next row\'s (pymupdf\'s sorted text: figures before their labels): the rows after it unreadable, never the next row\'s figures', async () => {
    const r = await read('p95-000067-browser-pymupdf-sort');
    expect(offending(r)).toEqual([]);
    expect(r.unreadable.has('t3.notProcessed.confirmOrReissue.total')).toBe(true);
  });

  it('two rows\' figures stacked cell by cell under their two labels (a browser\'s PDF through pdftotext -layout -fixed): read down the columns, never row after row', async () => {
    // 2.没有现成… | 3.补正后… | 0 / 0 | 0 / 0 … 12 / 0 | 12 / 0: each column holds the upper row's
    // figure over the lower row's. Read along the lines, the lower row took 12 that were the upper's.
    const r = await read('p93-000039-browser-pdftotext-layout-fixed');
    expect(offending(r)).toEqual([]);
    expect(differingIn(r, 't3.unable.')).toEqual([]);
    expect(r.got.cells['t3.unable.needsCreation.total']).toBe(12);
    expect(r.got.cells['t3.unable.unclearAfterCorrection.total']).toBe(0);
    // (The report's one error is its injected decimal in table 二, nothing of table 三.)
    expect(r.got.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['cell-invalid']);
  });

  it('figures lagging a row behind their labels over several rows (1.本机关… with none, each next row\'s below its label): every lagging row unreadable', async () => {
    const r = await read('p93-000011-browser-pdftotext-layout-fixed');
    expect(offending(r)).toEqual([]);
    for (const row of ['notHeld', 'needsCreation', 'unclearAfterCorrection']) expect(r.unreadable.has(`t3.unable.${row}.total`)).toBe(true);
  });

  it('a row whose label wraps around its centred figures (1.属于国家秘 | 8 0 0 … | 密) holds them, though the row above read none', async () => {
    const r = await read('s62-000851-txt-pdf-layout');
    expect(offending(r)).toEqual([]);
    expect(differingIn(r, 't3.denied.')).toEqual([]);
  });

  it('a browser\'s PDF (labels at a row\'s top, figures centred): figures alone under a label, the row above lost, are not taken for that row\'s', async () => {
    // 2.没有现成… is lost among the group label's pieces; 3.补正后… stands alone with figures below
    // it (the lost row's), then 办理结果 with its own: never 0 for 29.
    const r = await read('p81-000075-browser-pdftotext-layout');
    expect(offending(r)).toEqual([]);
    expect(differingIn(r, 't3.unable.')).toEqual([]);
  });

  it('table 四 one figure short, the lost figure a result whose total is kept (0 12 25 63 | 26 …): nothing taken for a blank that is not 0', async () => {
    const r = await read('p81-000075-browser-pdftotext-layout');
    expect(offending(r)).toEqual([]);
    expect(r.got.findings.some((f) => f.rule === 'cell-missing')).toBe(false);
  });

  it('a figure wrapped in its narrow cell (10341 above the label\'s line, 3 below) never shifts the row: unreadable, not 0 107 212 … 3 0', async () => {
    const r = await read('s2-004216-txt-pdf-layout');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.newReceived.naturalPerson']).toBeNull();
    expect(r.unreadable.has('t3.newReceived.naturalPerson')).toBe(true);
  });

  it('a side label piece on a row label line (（六）其   1.申请人无正当理由逾期   0 0 0 …) is no part of the label: the row is read', async () => {
    const r = await read('000461-txt-pdf-layout');
    expect(offending(r)).toEqual([]);
    for (const c of ['naturalPerson', 'total']) expect(r.got.cells[`t3.other.noCorrection.${c}`]).toBe(r.truth[`t3.other.noCorrection.${c}`]);
    expect(r.got.findings.map((f) => f.rule)).not.toContain('table-missing');
  });

  it('side pieces before words and before a header word (办 （三 1.属于国家, 结 2.其他|法律), and a zero mark among a row\'s figures (信息需要另 0 3 … — 3)', async () => {
    const r = await read('003476-txt-pdf-layout');
    expect(offending(r)).toEqual([]);
    // Every cell read, none left unreadable, and no label reported as worded differently.
    expect(r.unreadable.size).toBe(0);
    expect(Object.entries(r.truth).filter(([k, v]) => r.got.cells[k] !== v)).toEqual([]);
    expect(r.got.findings.filter((f) => f.rule === 'label-variant').map((f) => f.message)).toEqual([]);
    expect(r.got.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual([]);
  });

  it('figures beside a side label\'s piece, between two lines of a row label, are that row\'s (4.无正当理由大量反 | 理   4 0 0 … | 复申请)', async () => {
    const r = await read('000311-txt-pdf-layout');
    expect(offending(r)).toEqual([]);
    for (const c of ['naturalPerson', 'total']) expect(r.got.cells[`t3.notProcessed.massiveRepeated.${c}`]).toBe(r.truth[`t3.notProcessed.massiveRepeated.${c}`]);
  });

  it('figures beside a side label\'s piece above a one-line row label are never given to the label above ((三)   0 0 9 0 14 0 23 | 1.属于国家秘密)', async () => {
    const r = await read('002756-txt-pdf-layout');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.partialGrant.total']).toBe(r.truth['t3.partialGrant.total']);
  });
  it('a label wrapped over nine lines in a narrow column, its figures beside the fifth (2.申请人 | 逾期未按 | … | 费用、行  2 0 0 … | … | 公开申请)', async () => {
    const r = await read('s1-000251-txt-pdf-layout');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.other.feeUnpaid.naturalPerson']).toBe(r.truth['t3.other.feeUnpaid.naturalPerson']);
  });

  it('a header word inside a label\'s line before its figures (的，只计这一情形，不计|其他|  0 33 0 …) is part of the label', async () => {
    const r = await read('s1-000941-txt-pdf-layout');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.partialGrant.commercial']).toBe(r.truth['t3.partialGrant.commercial']);
  });

  it('after a label piece beside a side label (理结   5.属于三类), pieces of group labels (开, 果) do not fix the column of the rest', async () => {
    const r = await read('s1-000071-txt-pdf-layout');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.denied.internalAffairs.total']).toBe(r.truth['t3.denied.internalAffairs.total']);
  });

  it('a row\'s figures on the line above its label, beside a side label\'s piece (三、本  9 0 12 - 0 0 21 | （一）予以公开), are the label\'s; a zero mark among figures parted by spaces is a cell of its own', async () => {
    const r = await read('s1-000641-txt-pdf-layout');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.granted.research']).toBe(r.truth['t3.granted.research']);
    expect(r.got.cells['t3.unable.needsCreation.naturalPerson']).toBe(0);
    expect(r.got.cellSources['t3.unable.needsCreation.naturalPerson']?.zeroNotation).toBe(true);
  });

  it('… and above a label wrapped over two lines (予公开  5 0 0 … | 2.其他法律行政法规禁 | 止公开)', async () => {
    const r = await read('s1-000026-txt-pdf-layout');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.denied.lawForbidden.naturalPerson']).toBe(r.truth['t3.denied.lawForbidden.naturalPerson']);
  });
});

describe('pdfminer\'s text: every label of a block first, then the figures column by column', () => {
  it('a LibreOffice PDF: no row takes figures stacked after several labels, no table 二 block read row by row on trust', async () => {
    // 1.属于国家秘密 | 2.其他… | 3.危及… | 27 0 0 0 5 0 0 (a column, not row 3); 规章 | 行政规范性文件 | 0 0 0 16 0 43.
    const r = await read('p81-000010-pdfminer');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t2.normativeDocs.made']).toBeNull();
    expect(r.unreadable.has('t2.normativeDocs.made')).toBe(true);
  });

  it('a browser\'s PDF: table 三\'s figures all after the next heading — unreadable, not blank cells; the radicals its fonts give (⼈⺠) read as characters', async () => {
    const r = await read('p81-000027-browser-pdfminer');
    expect(offending(r)).toEqual([]);
    expect(r.got.findings.filter((f) => f.severity === 'error' && ['cell-missing', 'table-missing'].includes(f.rule) && f.cells.some((k) => k.startsWith('t3.')))).toEqual([]);
    expect(r.got.meta.agency).toBe('于都县双河镇人民政府');
  });

  it('table 四\'s groups out of their order (结果维持 … | 0 | … | 0 0 0 0 | 总计 | 0 0 3 3 0 6 0 0 0 0): no reading that adds up is taken when table 三 shows no row order', async () => {
    const r = await read('p83-000055-browser-pdfminer');
    expect(offending(r)).toEqual([]);
  });

  it('table 三 with every label and no figure, its figures after section 五 (table 四 left out of the report): unreadable, no cell-missing, no silent blank', async () => {
    const r = await read('p95-000083-browser-pdfminer');
    expect(offending(r)).toEqual([]);
    expect(r.got.findings.filter((f) => f.rule === 'cell-missing' && f.cells.some((k) => k.startsWith('t3.')))).toEqual([]);
    expect(r.unreadable.has('t3.total.total')).toBe(true);
  });

  it('table 四 fourteen figures after the last header block and one between the blocks (pdfminer): the one-short readings are not tried, nothing read for another group', async () => {
    const r = await read('p97-000035-browser-pdfminer');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t4.review.total']).toBeNull();
  });

  it('rows without figures before a row holding all the table\'s figures parted by spaces (pdfminer): unreadable, never a silent blank or a cell-missing', async () => {
    const r = await read('p97-000119-browser-pdfminer');
    expect(offending(r)).toEqual([]);
    expect(r.got.findings.filter((f) => (f.rule === 'cell-missing' || f.rule === 'table-missing') && f.cells.some((k) => k.startsWith('t3.')))).toEqual([]);
  });

  it('table 四 with zeros that let a total pass as late (0 0 0 0 0 0 2 0 0 | 2 | …): the placing in the table\'s own order is not ruled out, so neither is taken', async () => {
    const r = await read('p85-000067-browser-pdfminer');
    expect(offending(r)).toEqual([]);
  });

  it('the one row read whole in a table 三 otherwise unreadable, its total broken (0 0 0 0 0 38 15): unreadable, no false row-total error', async () => {
    const r = await read('p83-000075-browser-pdfminer');
    expect(offending(r)).toEqual([]);
    expect(r.got.findings.filter((f) => f.rule === 'requests-row-total')).toEqual([]);
  });
});

describe('text in drawing order (pdftotext without -layout)', () => {
  it('figures printed before a row label of table 二 make the rows after them unreadable, never another row\'s figures', async () => {
    const r = await read('001572-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    // 行政许可 is followed by the figures of 其他对外管理服务事项 (284 -7 168): never taken as its own.
    expect(r.got.cells['t2.licensing.prevYearItems']).toBeNull();
    expect(r.unreadable.has('t2.licensing.prevYearItems')).toBe(true);
    // The rows before those figures are read.
    expect(r.got.cells['t2.normativeDocs.totalPublished']).toBe(r.truth['t2.normativeDocs.totalPublished']);
  });
});

describe('table 三 in drawing order, its figures before its labels', () => {
  it('eight rows\' figures before their labels, the last row\'s figures parted by the next page\'s repeated header: read in template order, as every identity holds', async () => {
    const r = await read('000212-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    const t3 = Object.entries(r.truth).filter(([k]) => k.startsWith('t3.'));
    expect(t3.filter(([k, v]) => r.got.cells[k] !== v)).toEqual([]);
  });

  it('the same with one figure changed, so that identities break: the words inside a row leave the order in doubt, the rows stay unreadable', async () => {
    const text = readFileSync(path.join(ZOO, '000212-txt-pdf-raw.txt'), 'utf8');
    const granted = '（一）予以公开\n\n0\n\n7\n\n0\n\n4\n\n0\n\n0\n\n11\n';
    expect(text).toContain(granted);
    const r = await read('000212-txt-pdf-raw', (t) => t.replace(granted, granted.replace('11', '12')));
    expect(Object.entries(r.truth).filter(([k, v]) => k !== 't3.granted.total' && r.got.cells[k] !== v && !(r.got.cells[k] == null && r.unreadable.has(k)))).toEqual([]);
    expect(r.got.cells['t3.granted.commercial']).toBeNull();
    expect(r.unreadable.has('t3.granted.commercial')).toBe(true);
  });
});

describe('table 三 in drawing order, its figures in pieces between words', () => {
  it('pieces of rows parted by header and label words, no row read by its label: read in the figures\' order, as every identity holds', async () => {
    for (const name of ['s61-000044-txt-pdf-raw', 's61-000235-txt-pdf-raw']) {
      const r = await read(name);
      expect(offending(r)).toEqual([]);
      expect(differingIn(r, 't3.')).toEqual([]);
    }
  });

  it('the heads of the first rows under a header given after the rows, with the header words (0 0 0 0 66 0 0 382 … | 66 0 0): put back as a staircase, every identity holding', async () => {
    const r = await read('s61-000071-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(differingIn(r, 't3.')).toEqual([]);
  });

  it('a staircase under every page\'s repeated header (8 0 0 | … | 0 0 0 | … | 0 0 0 | … | 4 0 | 0), and one whose header is further back: all put back', async () => {
    for (const name of ['s61-000186-txt-pdf-raw', 's61-000029-txt-pdf-raw']) {
      const r = await read(name);
      expect(offending(r)).toEqual([]);
      expect(differingIn(r, 't3.')).toEqual([]);
    }
  });

  it('the last row\'s first figure drawn after its fifth (8 0 0 0 50 | 0 58 for 50 8 0 0 0 0 58): moved back, every identity holding', async () => {
    const r = await read('s61-000261-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(differingIn(r, 't3.')).toEqual([]);
  });

  it('one blank cell that left no trace (174 figures): read where only one place for it keeps every identity, the blank null and reported', async () => {
    const r = await read('s61-000088-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.other.feeUnpaid.otherOrg']).toBeNull();
    expect(r.unreadable.has('t3.other.feeUnpaid.otherOrg')).toBe(false);
    expect(r.got.findings.some((f) => f.rule === 'cell-missing' && f.cells.includes('t3.other.feeUnpaid.otherOrg'))).toBe(true);
    expect(differingIn(r, 't3.')).toEqual([]);
  });

  it('one blank among a row of zeros (0 0 0 0 0 0 and a blank): the other cells read, the zeros of that row unreadable, 0 or blank', async () => {
    const r = await read('s61-000062-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    // The blank's row and the zeros running on into the next row: each may be the blank.
    const row = Object.keys(r.truth).filter((k) => k.startsWith('t3.denied.processInfo.'));
    expect(row.every((k) => r.got.cells[k] === null && r.unreadable.has(k))).toBe(true);
    const doubt = differingIn(r, 't3.');
    expect(doubt.every((k) => (r.truth[k] === 0 || r.truth[k] === null) && r.unreadable.has(k))).toBe(true);
    expect(doubt.length).toBeLessThanOrEqual(14);
    // The one blank is the report's: cell-missing names it among those cells.
    const blank = Object.keys(r.truth).filter((k) => k.startsWith('t3.') && r.truth[k] === null);
    const missing = r.got.findings.filter((f) => f.rule === 'cell-missing');
    expect(missing).toHaveLength(1);
    expect(blank.every((k) => missing[0].cells.includes(k))).toBe(true);
    expect(missing[0].cells.every((k) => r.unreadable.has(k))).toBe(true);
  });

  it('（七）总计\'s last figure drawn after 四、结转下年度\'s six (… 0 59 | 四、结转下年度继续办理 | 0 0 0 0 0 0 497): neither row takes 497, both unreadable, no false row-total', async () => {
    const r = await read('s61-000255-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.carriedForward.total']).toBeNull();
    expect(r.unreadable.has('t3.carriedForward.total')).toBe(true);
    expect(r.got.findings.filter((f) => f.rule === 'requests-row-total')).toEqual([]);
  });
});

describe('table 二 in drawing order, block by block (第二十条第（X）项 to the next)', () => {
  const t2 = (cells: Record<string, number | null>) => Object.entries(cells).filter(([k]) => k.startsWith('t2.'));

  it('a block whose words spell its rows, with as many figures as cells, is read row by row whatever the place of the labels (规章 | 行政规范性 | 文件 | … 0 0 0 0 0 0; 行政事业性 | 229.97 | 收费)', async () => {
    const r = await read('s1-000822-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(t2(r.got.cells)).toEqual(t2(r.truth));
    expect(r.got.findings.filter((f) => f.rule === 'unreadable')).toEqual([]);
  });

  it('figures of a two-row block before both labels (85462 0 22 0 29 0 | 行政许可 | 其他对外管理 | 服务事项) are its rows in order', async () => {
    const r = await read('s1-000912-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(t2(r.got.cells)).toEqual(t2(r.truth));
  });
});

describe('table 三 in drawing order, between the rows read by their labels', () => {
  it('with a printed balance error: read, the error reported, not the table left blank', async () => {
    const r = await read('s1-000357-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(Object.entries(r.got.cells).filter(([k, v]) => k.startsWith('t3.') && v === null)).toEqual([]);
    expect(r.got.findings.map((f) => f.rule)).toContain('requests-balance');
  });

  it('a stretch whose figures are one short or one over of its rows stays unreadable; the stretches around it are read', async () => {
    const r = await read('s1-000927-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    const t3 = Object.entries(r.got.cells).filter(([k]) => k.startsWith('t3.'));
    const read3 = t3.filter(([, v]) => v !== null).length;
    expect(read3).toBeGreaterThan(60);
    expect(read3).toBeLessThan(t3.length);
    expect(r.got.cellSources['t3.unable.notHeld.total']?.via).toBe('order');
  });
});

describe('table 四 in drawing order (a group\'s 总计 drawn after the next group\'s results)', () => {
  const t4 = (cells: Record<string, number | null>) => Object.entries(cells).filter(([k]) => k.startsWith('t4.'));

  it('is read when every placing of the totals that adds up gives the same cells (21 28 0 17 66 | 20 4 0 0 | 0 0 20 30 | 24 | 50)', async () => {
    const r = await read('000147-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(t4(r.got.cells)).toEqual(t4(r.truth));
  });

  it('a figure in the prose above the table (本年度发生政府信息公开行政复议 13 件。) is no cell; of two placings adding up, the one keeping each group\'s results between the same header words', async () => {
    const r = await read('s1-000837-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(t4(r.got.cells)).toEqual(t4(r.truth));
  });

  it('with a total printed wrong, read as the header words part it (… 审结 | 3 0 2 0 | 总计 | 6) and the total reported', async () => {
    const r = await read('s1-000297-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(t4(r.got.cells)).toEqual(t4(r.truth));
    expect(r.got.findings.map((f) => f.rule)).toContain('appeals-total');
  });

  it('a late total stands after the other group\'s four results, never amid them (29 24 0 18 0 | 总计 | 71)', async () => {
    const r = await read('s61-000005-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(t4(r.got.cells).every(([k, v]) => v === r.truth[k])).toBe(true);
  });

  it('of two placings adding up to different cells, one with each total right after its results (… 0 0 0 0 | 0 0 3 1 0 | 4: 0 0 3 1 or 0 3 1 0): unreadable, never the late-total guess', async () => {
    // The same text is either in reports whose PDFs draw cells otherwise (zoo pdf-paged, seed 211:
    // … 0 0 0 0 | 0 1 0 0 0 | 总计 | 1 was review's total 0, then 1 0 0 0).
    for (const name of ['000027-txt-pdf-raw', 's61-000011-txt-pdf-raw']) {
      const r = await read(name);
      expect(offending(r)).toEqual([]);
      expect(r.unreadable.has('t4.suitDirect.upheld')).toBe(true);
    }
  });
});

describe('table 四 in drawing order, its last group after the next section\'s heading', () => {
  it('五、存在的主要问题… | 复议后起诉 | 总计 | 0 | 结果 … | 20 6 18 17 | 总计 | 61: the figures before the section\'s prose are the table\'s', async () => {
    const r = await read('s61-000022-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    const t4 = Object.keys(r.truth).filter((k) => k.startsWith('t4.'));
    expect(t4.map((k) => r.got.cells[k])).toEqual(t4.map((k) => r.truth[k]));
  });
});

describe('label-variant only for a different wording, not for what a layout mixes into a label', () => {
  const lex = lexicon('2021');
  const row = (key: string) => lex.entries.find((e) => e.kind === 'row' && e.table === 't3' && e.rowKey === key && !e.variant)!;
  const noise = (printed: string, key: string) => onlyLayoutNoise(normalizeText(printed), row(key).pattern, row(key).ordinal, lex.layoutWords.t3);

  it('side label characters, a column header or the end of the header note mixed in, the label cut at its end: layout', () => {
    expect(noise('（二）部分公开（区分处理理结果的，只计这一情形，不计其', 'partialGrant')).toBe(true);
    expect(noise('4.无正当理由大理量反复申请', 'notProcessed.massiveRepeated')).toBe(true);
    expect(noise('总计7.属于行政执法', 'denied.enforcementFile')).toBe(true);
    expect(noise('(二)部分公和)开(区分处理的,只计这一情形,不计其他情形)', 'partialGrant')).toBe(true);
    expect(noise('其他二.上年结转政加第四项之和)府信息公开申请数量', 'carriedOver')).toBe(true);
  });

  it('a word added, dropped or replaced, or other punctuation: a variant', () => {
    expect(noise('要求行政机关确认或重新出具已获取的信息', 'notProcessed.confirmOrReissue')).toBe(false);
    expect(noise('没有现成信息需要另外制作', 'unable.needsCreation')).toBe(false);
    expect(noise('信访、举报、投诉类申请', 'notProcessed.petitionComplaint')).toBe(false);
    expect(noise('其他法律行政止公开', 'denied.lawForbidden')).toBe(false);
    expect(noise('其他法律法规禁止公开', 'denied.lawForbidden')).toBe(false);
  });

  it('a label cut where it wrapped just past its row\'s short form (（二）部分公开（区 | … | 分处理的，只计这一): layout, not a variant; a short form with other words after it is one', () => {
    const forms = lex.entries.filter((e) => e.kind === 'row' && e.table === 't3' && e.rowKey === 'partialGrant' && !e.variant);
    expect(cutPastShortWording(normalizeText('（二）部分公开（区'), forms)).toBe(true);
    expect(cutPastShortWording(normalizeText('（二）部分公开（区分处理的，只计这一'), forms)).toBe(true);
    expect(cutPastShortWording(normalizeText('（二）部分公开'), forms)).toBe(false);
    expect(cutPastShortWording(normalizeText('（二）部分公开（区别处理'), forms)).toBe(false);
    expect(cutPastShortWording(normalizeText('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'), forms)).toBe(false);
  });

  it('seed 63, 000212 (pdftotext without -layout): （二）部分公开（区 with the rest of its label lines away is no label-variant', async () => {
    const file = path.join(DERIVED, 'zoo', 's63-000212-txt-pdf-raw.txt');
    const got = await parseBytes(readFileSync(file), file);
    if (!got.ok) throw new Error(got.failure.message);
    expect(got.findings.filter((f) => f.rule === 'label-variant' && f.cells.includes('t3.partialGrant.naturalPerson'))).toEqual([]);
  });
});

describe('the text of a browser-printed PDF, whose figures lag behind their labels', () => {
  it('pdftotext -layout: a row with no figures followed by a row whose figures stand below its label — never the one row\'s figures given to the other by their labels; the figures\' order, every identity holding, reads both', async () => {
    const r = await read('s2-000424-txt-browser-layout');
    expect(offending(r)).toEqual([]);
    expect(differingIn(r, 't3.')).toEqual([]);
  });

  it('pdftotext: a row\'s worth of figures before the first row label — every row\'s figures stand before its label, so none is read after it', async () => {
    const r = await read('s2-000116-txt-browser-raw');
    expect(offending(r)).toEqual([]);
    expect(r.unreadable.has('t3.newReceived.total')).toBe(true);
  });
});

describe('text in drawing order (pdftotext without -layout)', () => {
  it('a row whose figures stand on several lines of one column is not read by its label; the drawing order reads it', async () => {
    const r = await read('s2-004217-txt-pdf-raw');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.other.feeUnpaid.total']).toBe(r.truth['t3.other.feeUnpaid.total']);
  });
});

describe('Ghostscript txtwrite of a browser\'s PDF (unseen seed 201)', () => {
  it('two figures run together (199 and 1179 as 1991179; 48054 and 0 as 480540) in a row one figure short: never one figure and a blank placed by columns', async () => {
    for (const [name, row] of [['p201-000083-browser-gs-txtwrite', 't3.granted.'], ['p201-000107-browser-gs-txtwrite', 't3.denied.safetyStability.']] as const) {
      const r = await read(name);
      expect(offending(r), name).toEqual([]);
      for (const k of Object.keys(r.truth).filter((x) => x.startsWith(row))) expect(r.got.cells[k] === r.truth[k] || r.unreadable.has(k), k).toBe(true);
    }
  });
});
