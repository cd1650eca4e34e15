/**
 * Presentations added to the zoo this round (Markdown with HTML tables, full-width text with
 * ideographic-space cells, a browser-printed page), each reduced to the piece that once went
 * wrong: a wrong number, a silent blank, a lost table, a false meta field.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseBytes, type ParseOutcome } from '../../src/pipeline.js';
import { SEEDS } from '../helpers/paths.js';
import { unifyRadicals } from '../../src/core/normalize.js';
import { detectFormat } from '../../src/read/detect.js';
import { rulesFromOps, type OpCodes } from '../../src/read/pdf-grid.js';
import { assignValues } from '../../src/extract/tables.js';
import { looksCsv } from '../../src/read/csv.js';
import type { ValueToken } from '../../src/extract/tokens.js';

type Ok = Extract<ParseOutcome, { ok: true }>;
const enc = (s: string) => new TextEncoder().encode(s);
const seed = (name: string) => readFileSync(path.join(SEEDS, name), 'utf8');
const CLEAN = '004_e9b0b4183da4b0c6.txt';

async function parse(bytes: Uint8Array, name: string): Promise<Ok> {
  const r = await parseBytes(bytes, name);
  if (!r.ok) throw new Error(r.failure.message);
  return r;
}

const unreadable = (r: Ok) => new Set(r.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
/** Cells that are neither the reference's figure nor blank with an unreadable finding. */
function offending(ref: Ok, got: Ok): string[] {
  const flagged = unreadable(got);
  return Object.entries(ref.cells)
    .filter(([k, v]) => got.cells[k] !== v && !(got.cells[k] == null && flagged.has(k)))
    .map(([k, v]) => `${k}: 应为 ${v}，读出 ${got.cells[k]}`);
}

describe('Markdown whose tables are HTML (a PDF converter\'s output)', () => {
  const md = ['# 某某县人民政府2023年政府信息公开工作年度报告', '', '一、总体情况', '', '本年度全面推进政务公开。', '', '三、收到和处理政府信息公开申请情况', '', '<table><tr><td>一、本年新收政府信息公开申请数量</td><td>5</td></tr></table>', '', '四、政府信息公开行政复议、行政诉讼情况', ''].join('\n');

  it('is Markdown, not a web page, though a table comes first among the tags', () => {
    expect(detectFormat(enc(md))).toBe('md');
    // Prose as lines with HTML tables and no page around them: Markdown too.
    expect(detectFormat(enc(md.replace('# ', '')))).toBe('md');
    // A page is still a page.
    expect(detectFormat(enc(`<html><body>${md}</body></html>`))).toBe('html');
  });

  it('keeps its headings after the tables and reads the tables whole (no cell taken for the article)', async () => {
    const r = await parse(enc(md), 'x.md');
    expect(r.sections.map((s) => s.key)).toEqual(expect.arrayContaining(['overview', 'requests', 'appeals']));
    expect(r.meta.agency).toBe('某某县人民政府');
  });
});

describe('text with its cells parted by pipes (no outer pipes, no separator row, ASCII or full-width)', () => {
  // The seed's tab rows (a label, then figures) with pipes between cells; its one-cell-per-line table 四 stays.
  const piped = (sep: string, outer: boolean) =>
    seed(CLEAN)
      .split('\n')
      .map((l) => (l.split('\t').length >= 3 && l.split('\t')[0].trim() !== '' ? (outer ? `${sep}${l.split('\t').join(sep)}${sep}` : l.split('\t').join(` ${sep} `)) : l))
      .join('\n');

  it.each([
    ['|', false],
    ['｜', true],
    ['｜', false],
  ])('%s between cells, outer pipes %s: every cell as in the tab-separated text, or blank and flagged', async (sep, outer) => {
    const ref = await parse(enc(seed(CLEAN)), 'ref.txt');
    const got = await parse(enc(piped(sep, outer)), 'piped.txt');
    expect(offending(ref, got)).toEqual([]);
    expect(Object.keys(ref.cells).filter((k) => ref.cells[k] !== null && got.cells[k] === null)).toEqual([]);
    expect(got.findings.filter((f) => f.rule === 'table-missing')).toEqual([]);
  });
});

describe('a spreadsheet saved as CSV', () => {
  it('reads like the tab-separated text: every row padded to the sheet\'s width, prose in column A, fields quoted', async () => {
    const ref = await parse(enc(seed(CLEAN)), 'ref.txt');
    const lines = seed(CLEAN).split('\n');
    const width = Math.max(...lines.map((l) => l.split('\t').length));
    const quote = (f: string) => (/[",]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
    const csv = lines.map((l) => { const f = l.split('\t'); return [...f, ...Array(width - f.length).fill('')].map(quote).join(','); }).join('\r\n');
    const got = await parse(enc(csv), 'report.csv');
    expect(offending(ref, got)).toEqual([]);
    expect(Object.keys(ref.cells).filter((k) => ref.cells[k] !== got.cells[k])).toEqual([]);
    expect(got.meta.agency).toBe(ref.meta.agency);
    // Prose with ASCII commas (a report typed with half-width punctuation) is no CSV.
    expect(looksCsv(seed(CLEAN).replace(/，/g, ','))).toBe(false);
    expect(looksCsv(csv)).toBe(true);
  });
});

describe('zeros and ordinals as some reports write them', () => {
  it('a zero written —— between tabs is a zero (it had been dropped, the next figure taking its column)', async () => {
    const ref = await parse(enc(seed(CLEAN)), 'ref.txt');
    const text = seed(CLEAN).replace(/\t0(?=\t|$)/gm, '\t——');
    const got = await parse(enc(text), 'dash.txt');
    expect(offending(ref, got)).toEqual([]);
    expect(Object.keys(ref.cells).filter((k) => ref.cells[k] !== got.cells[k])).toEqual([]);
  });

  it('circled ordinals (①属于国家秘密) are ordinals, never figures', async () => {
    const ref = await parse(enc(seed(CLEAN)), 'ref.txt');
    const text = seed(CLEAN).replace(/\t([1-8])\.(?=[\u4e00-\u9fff])/g, (_, n: string) => `\t${String.fromCharCode(0x2460 + Number(n) - 1)}`);
    expect(text).toContain('①');
    const got = await parse(enc(text), 'circled.txt');
    expect(offending(ref, got)).toEqual([]);
    expect(Object.keys(ref.cells).filter((k) => ref.cells[k] !== got.cells[k])).toEqual([]);
  });
});

describe('text with full-width digits and one ideographic space between cells', () => {
  const fullWidth = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  it('reads each figure as a cell (５　０　０ is three cells, never the number 500), and an empty cell as blank', async () => {
    const ref = await parse(enc(seed(CLEAN)), 'ref.txt');
    // The seed's tab-separated rows, cells parted by ideographic spaces instead, figures full-width, in GBK.
    // (The seed's no-break spaces have no GBK code: dropped, as an editor saving GBK would.)
    const text = seed(CLEAN).replace(/\u00a0/g, '').split('\n').map((l) => (l.includes('\t') ? fullWidth(l.replace(/\t/g, '\u3000')) : l)).join('\n');
    const got = await parse(new Uint8Array(iconv.encode(text, 'gbk')), 'fw.txt');
    expect(offending(ref, got)).toEqual([]);
    expect(Object.keys(ref.cells).filter((k) => ref.cells[k] !== null && got.cells[k] === null)).toEqual([]);
  });

  it('a figure with a lost character (?０ where GBK had no code for a no-break space) is never a silent blank', async () => {
    const ref = await parse(enc(seed(CLEAN)), 'ref.txt');
    const text = seed(CLEAN).split('\n').map((l) => (l.includes('\t') ? fullWidth(l.replace(/\t/g, '\u3000')) : l)).join('\n');
    const got = await parse(new Uint8Array(iconv.encode(text, 'gbk')), 'fw.txt');
    expect(offending(ref, got)).toEqual([]);
  });
});

describe('a row whose cells hold several spaced figures beside others (a rule between columns not seen)', () => {
  const num = (v: number): ValueToken => ({ type: 'value', kind: 'number', value: v, raw: String(v), pos: { line: 1 }, row: 1 });
  const run = (raw: string): ValueToken => ({ type: 'value', kind: 'run', digits: raw, raw, pos: { line: 1 }, row: 1 });
  const blank: ValueToken = { type: 'value', kind: 'blank', raw: '', pos: { line: 1 }, row: 1, grid: true };

  it('takes the figures in order when there is exactly one per column, whatever the empty cells', () => {
    const a = assignValues([blank, blank, run('28011 430'), num(325), num(317), num(337), run('217 29637')], 7);
    expect(a.status).toBe('cells');
    if (a.status === 'cells') expect(a.cells.map((c) => (c?.kind === 'number' ? c.value : null))).toEqual([28011, 430, 325, 317, 337, 217, 29637]);
  });

  it('a figure spread across its cell (分散对齐, `1   3`) in a row with an empty cell of its own is one figure, never two cells', () => {
    const own: ValueToken = { ...blank };
    const a = assignValues([run('1 3'), num(0), num(0), num(0), num(0), num(0), own], 7);
    expect(a.status === 'cells' && a.cells.map((c) => (c?.kind === 'number' ? c.value : null))).toEqual([13, 0, 0, 0, 0, 0, null]);
    // Spread digits and an empty cell, one cell short: no figure can be placed.
    expect(assignValues([run('1 5'), run('0 9'), num(0), own, num(2)], 7).status).toBe('ambiguous');
  });

  it('never pads them with the empty cells into another column', () => {
    // Six figures for seven columns: which is missing, the cells cannot tell.
    expect(assignValues([blank, blank, run('28011 430'), num(325), num(317), run('217 29637')], 7).status).toBe('ambiguous');
  });
});

describe('a page printed to PDF by a browser', () => {
  it('reads radicals the font maps its glyphs to as the characters they stand for', () => {
    expect(unifyRadicals('中华⼈⺠共和国⾸⻚，⻘⼭镇')).toBe('中华人民共和国首页，青山镇');
    expect(unifyRadicals('政府信息公开')).toBe('政府信息公开');
  });

  it('takes a cell border drawn as a thin trapezoid (a mitred side) for a rule', () => {
    const ops: OpCodes = { save: 1, restore: 2, transform: 3, constructPath: 4, paintFormXObjectBegin: 5, paintFormXObjectEnd: 6, stroke: 7, closeStroke: 8, fill: 9, eoFill: 10, fillStroke: 11, eoFillStroke: 12, closeFillStroke: 13, closeEOFillStroke: 14 };
    // Left border of a cell: (8,982) → (8,1675) → (9,1674) → (9,982), no closePath; the top border a plain rectangle.
    const left = [0, 8, 982, 1, 8, 1675, 1, 9, 1674, 1, 9, 982];
    const top = [0, 8, 1674, 1, 734, 1674, 1, 734, 1675, 1, 8, 1675, 4];
    const rules = rulesFromOps([ops.constructPath, ops.constructPath], [[ops.fill, [left]], [ops.fill, [top]]], ops);
    expect(rules.v.map((r) => Math.round(r.at))).toEqual([9]);
    expect(rules.h.map((r) => Math.round(r.at))).toEqual([1675]);
  });

  it('never takes the site\'s breadcrumb for the title', async () => {
    const text = ['首页>政务公开>政府信息公开年报', '青山镇人民政府关于2020年度政府信息公开工作的年度', '报告', '发布时间：2021-01-03', seed(CLEAN).split('\n').slice(2).join('\n')].join('\n');
    const r = await parse(enc(text), 'x.txt');
    expect(r.meta.agency).toBe('青山镇人民政府');
    expect(r.meta.year).toBe(2020);
  });
});
