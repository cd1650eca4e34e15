import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, looksBinary } from '../../src/read/decode.js';
import { detectFormat } from '../../src/read/detect.js';
import { readText } from '../../src/read/text.js';
import { extractReport } from '../../src/extract/index.js';
import { parseBytes } from '../../src/pipeline.js';

const SEEDS = path.resolve(__dirname, '../fixtures/seeds');
const seed = (n: string) => readFileSync(path.join(SEEDS, n), 'utf8');
const SEED_001 = '001_5f25c15575702d27.txt';

describe('decoding', () => {
  it('reads UTF-8 with and without BOM identically', () => {
    const text = seed(SEED_001);
    const plain = Buffer.from(text, 'utf8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    expect(decodeText(plain).text).toBe(text);
    expect(decodeText(bom).text).toBe(text);
  });

  it('detects GBK / GB18030 from the bytes', () => {
    const text = seed(SEED_001);
    const gbk = iconv.encode(text, 'gbk');
    const d = decodeText(gbk);
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(text);
  });

  it('reads UTF-16 with a BOM', () => {
    const d = decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('年度报告', 'utf16le')]));
    expect(d.text).toBe('年度报告');
  });

  it('tells binary from text', () => {
    expect(looksBinary(Buffer.from([0x00, 0x01, 0x02, 0x41]))).toBe(true);
    expect(looksBinary(Buffer.from('政府信息公开\t0\n', 'utf8'))).toBe(false);
  });

  it('detects formats from content, not names', () => {
    expect(detectFormat(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(detectFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe('zip');
    expect(detectFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('ole');
    expect(detectFormat(Buffer.from('  <!DOCTYPE html><html>'))).toBe('html');
    expect(detectFormat(Buffer.from('一、总体情况'))).toBe('txt');
  });
});

describe('reader quirks (each seed layout)', () => {
  const cellsOf = (text: string) => extractReport(readText(text), 'x.txt').cells;

  it('GBK bytes give the same cells as UTF-8', async () => {
    const text = seed(SEED_001);
    const a = await parseBytes(Buffer.from(text, 'utf8'), 'a.txt');
    const b = await parseBytes(iconv.encode(text, 'gbk'), 'b.txt');
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.cells).toEqual(a.cells);
  });

  it('traditional characters are matched but the original text is kept for display', () => {
    const text = seed(SEED_001);
    const trad = OpenCC.Converter({ from: 'cn', to: 'twp' })(text);
    expect(trad).not.toBe(text);
    const r = extractReport(readText(trad), 't.txt');
    const base = cellsOf(text);
    expect(Object.keys(base).filter((k) => base[k] !== r.cells[k])).toEqual([]);
    expect(r.lines.join('\n')).toBe(trad);
    expect(r.meta.agency).toBe('阎村镇人民政府');
    expect(r.meta.title).toContain('資訊');
  });

  it('U+3000 / U+00A0 / U+2002 padding around figures is not part of the number', () => {
    const c = cellsOf(seed('004_e9b0b4183da4b0c6.txt'));
    expect(c['t2.regulations.made']).toBe(0);
    const padded = seed('003_397039d31f300f54.txt');
    expect(cellsOf(padded)['t4.suitDirect.total']).toBe(0);
  });

  it('blank cells stay null and are never filled with the next row\'s figures', () => {
    const c = cellsOf(seed('002_9d29cf3bbd4964f6.txt'));
    expect(c['t3.granted.naturalPerson']).toBeNull();
    expect(c['t3.denied.stateSecret.total']).toBeNull();
    expect(c['t3.denied.lawForbidden.total']).toBe(0);
  });

  it('an orphan label fragment after a page break (公开) does not break the rows', () => {
    const r = extractReport(readText(seed('002_9d29cf3bbd4964f6.txt')), 'x.txt');
    expect(r.tables.t3.missingRows).toEqual([]);
    expect(r.tables.t3.labelVariants['denied.lawForbidden']?.printed).toContain('其他法律法规禁止公开');
  });

  it('zero notations read as 0 with the raw token kept', () => {
    const text = seed(SEED_001).replace('行政许可\t0', '行政许可\t—').replace('行政强制\t0', '行政强制\t/');
    const r = extractReport(readText(text), 'x.txt');
    expect(r.cells['t2.licensing.decisions']).toBe(0);
    expect(r.cellSources['t2.licensing.decisions']).toMatchObject({ raw: '—', zeroNotation: true });
    expect(r.cellSources['t2.coercion.decisions']).toMatchObject({ raw: '/', zeroNotation: true });
  });

  it('a non-number in a cell is kept as invalid, not read as 0', () => {
    const text = seed(SEED_001).replace('行政处罚\t0', '行政处罚\t无');
    const r = extractReport(readText(text), 'x.txt');
    expect(r.cells['t2.punishment.decisions']).toBeNull();
    expect(r.cellSources['t2.punishment.decisions']).toMatchObject({ raw: '无', invalid: true });
  });

  it('every cell carries its source line, column and raw token', () => {
    const r = extractReport(readText(seed(SEED_001)), 'x.txt');
    const src = r.cellSources['t3.newReceived.total'];
    expect(src.raw).toBe('0');
    expect(src.pos?.line).toBeGreaterThan(0);
    expect(r.lines[src.pos!.line! - 1].slice(src.pos!.column! - 1, src.pos!.column! - 1 + src.pos!.length!)).toBe('0');
  });

  it('a crawler header supplies the title and the publication date', () => {
    const d = readText('标题: 某镇2023年政府信息公开工作年度报告\n发布时间: 2024-01-20 10:00\n==================== 正文 ====================\n一、总体情况');
    expect(d.hints).toMatchObject({ title: '某镇2023年政府信息公开工作年度报告', publishedAt: '2024-01-20 10:00' });
  });
});
