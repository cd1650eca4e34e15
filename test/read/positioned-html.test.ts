/**
 * HTML that is a PDF's text layer with positions (pdftohtml -s, mutool draw -F html): read also by
 * the places of its runs, and the reading that is sure of more cells kept.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes, type ParseOutcome } from '../../src/pipeline.js';
import { readHtml } from '../../src/read/html.js';
import { DERIVED, REAL } from '../helpers/paths.js';

type Ok = Extract<ParseOutcome, { ok: true }>;

async function parseFile(file: string): Promise<Ok> {
  const o = await parseBytes(readFileSync(file), file);
  if (!o.ok) throw new Error(o.failure.message);
  return o;
}

/** Cells that are neither the truth nor blank with an unreadable finding. */
function offending(got: Ok, truth: Record<string, number | null>): string[] {
  const unreadable = new Set(got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
  return Object.entries(truth)
    .filter(([k, v]) => got.cells[k] !== v && !(got.cells[k] == null && unreadable.has(k)))
    .map(([k, v]) => `${k}: 应为 ${v}，读出 ${got.cells[k]}`);
}

const exactShare = (got: Ok, truth: Record<string, number | null>) => Object.entries(truth).filter(([k, v]) => got.cells[k] === v).length / Object.keys(truth).length;

const zooTruth = (name: string) => (JSON.parse(readFileSync(path.join(DERIVED, 'zoo', `${name}.truth.json`), 'utf8')) as { cells: Record<string, number | null> }).cells;
const page = (runs: string, style = '') => `<!DOCTYPE html><html><head><style>${style}</style></head><body><div id="page1-div" style="position:relative;width:893px;height:1264px;">${runs}</div></body></html>`;
const run = (top: number, left: number, text: string, cls = 'ft1') => `<p style="position:absolute;top:${top}px;left:${left}px;white-space:nowrap" class="${cls}">${text}</p>`;

describe('positioned runs → lines', () => {
  it('runs on one baseline make one line, each figure its own cell; a run of two figures parted by a space is two cells, placed where the page\'s figures start', () => {
    const rows = [
      [100, '1.属于国家秘密', ['0', '0', '3']],
      [130, '2.其他法律行政法规禁止公开', ['2', '0&#160;5']],
      [160, '3.危及“三安全一稳定”', ['18', '0', '0']],
    ] as const;
    let html = '';
    for (const [top, label, figs] of rows) {
      html += run(top, 20, label);
      figs.forEach((f, i) => (html += run(top, 400 + 60 * i, f)));
    }
    for (let i = 0; i < 20; i++) html += run(300 + 20 * i, 20, `正文第${i + 1}行。`);
    const doc = readHtml(new TextEncoder().encode(page(html, '.ft1{font-size:18px;font-family:Times;}')), 'x.html');
    const alt = doc.alternative!;
    expect(alt).toBeDefined();
    const table = alt.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['1.属于国家秘密', '0', '0', '3'],
      ['2.其他法律行政法规禁止公开', '2', '0', '5'],
      ['3.危及“三安全一稳定”', '18', '0', '0'],
    ]);
  });

  it('a font class the converter never defined takes the smallest size defined: a label run is not stretched over the figure beside it', () => {
    let html = '';
    // Ten characters and an ordinal: 172 px at 15 px, 276 px at the median 24 px — over the figure at 210.
    for (let i = 0; i < 22; i++) html += run(100 + 30 * i, 20, `${i + 1}.行名很长的一个行名`, 'ft9') + run(100 + 30 * i, 210, String(i), 'ft9') + run(100 + 30 * i, 270, '0', 'ft9');
    const doc = readHtml(new TextEncoder().encode(page(html, '.ft1{font-size:15px;} .ft2{font-size:24px;} .ft3{font-size:33px;}')), 'x.html');
    const lines = doc.alternative!.lines;
    expect(lines[0]).toBe('1.行名很长的一个行名\t0\t0');
  });

  it('a web page with a few positioned elements is a page, with no second reading', () => {
    const html = `<html><body><div style="position:relative;width:800px;height:600px"><p style="position:absolute;top:10px;left:10px">导航</p></div><p>正文</p></body></html>`;
    expect(readHtml(new TextEncoder().encode(html), 'x.html').alternative).toBeUndefined();
  });
});

describe('converters\' HTML of real and generated PDFs', () => {
  const huaian = () => (JSON.parse(readFileSync(path.join(REAL, 'huaian-city-2024.expected.json'), 'utf8')) as { cells: Record<string, number | null> }).cells;

  it('淮安 2024 (a WPS PDF) through pdftohtml and through mutool reads as its PDF does', async () => {
    for (const file of ['huaian-city-2024.pdftohtml.html', 'huaian-city-2024.mutool.html']) {
      const got = await parseFile(path.join(DERIVED, file));
      expect(offending(got, huaian()), file).toEqual([]);
      expect(exactShare(got, huaian()), file).toBe(1);
    }
  });

  it('a browser\'s PDF (cells drawn column by column) through pdftohtml: its tables read by place, not in drawing order', async () => {
    const truth = zooTruth('p93-000003-browser-pdftohtml');
    const got = await parseFile(path.join(DERIVED, 'zoo', 'p93-000003-browser-pdftohtml.html'));
    expect(offending(got, truth)).toEqual([]);
    expect(got.cells['t3.total.total']).toBe(28);
    expect(exactShare(got, truth)).toBeGreaterThan(0.9);
  });

  it('a browser\'s PDF through mutool: a label filling its cell up to the figure beside it stays apart from the figure', async () => {
    const truth = zooTruth('p93-000107-browser-mutool-html');
    const got = await parseFile(path.join(DERIVED, 'zoo', 'p93-000107-browser-mutool-html.html'));
    expect(offending(got, truth)).toEqual([]);
    expect(got.cells['t3.other.feeUnpaid.naturalPerson']).toBe(0);
  });

  it('table 四 with its first cell blank, through pdftohtml of a ruled PDF: no column is made up for the blank (never 21 for a blank)', async () => {
    const truth = zooTruth('p93-000098-pdftohtml');
    const got = await parseFile(path.join(DERIVED, 'zoo', 'p93-000098-pdftohtml.html'));
    expect(offending(got, truth)).toEqual([]);
    expect(got.cells['t4.review.upheld']).toBeNull();
  });
});
