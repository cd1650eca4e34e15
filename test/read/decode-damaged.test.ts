/** A UTF-8 report with one bad byte, or cut inside a character, is still read as UTF-8, with a warning naming the line. */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/read/decode.js';
import { parseBytes } from '../../src/pipeline.js';
import { SEEDS } from '../helpers/paths.js';

const seed = fs.readFileSync(path.join(SEEDS, '000_2790cd25742a97b3.txt'));

describe('damaged UTF-8', () => {
  it('one invalid byte: decoded as UTF-8 with a replacement character, the line named', () => {
    const bytes = Buffer.from(seed);
    const line5 = bytes.indexOf(0x0a, bytes.indexOf(0x0a, bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1) + 1) + 1;
    // The first byte of a CJK character on line 5 replaced by an invalid lead byte.
    let at = line5;
    while (bytes[at] < 0xe0) at++;
    bytes[at] = 0xff;
    const d = decodeText(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.damagedLines).toEqual([5]);
  });

  it('a file cut in the middle of a character still reads as the report, with a warning', async () => {
    let lead = seed.length - 1;
    while (seed[lead] < 0xe0) lead--; // the last three-byte character: keep only its first two bytes
    const bytes = seed.subarray(0, lead + 2);
    const o = await parseBytes(bytes, 'cut.txt');
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(o.meta.agency).toBeTruthy();
    const w = o.findings.find((f) => f.rule === 'unreadable' && /UTF-8/.test(f.message));
    expect(w?.severity).toBe('warning');
    expect(w?.message).toMatch(/第 \d+ 行/);
  });

  it('GBK text is still decoded as GB18030, not as damaged UTF-8', () => {
    const gbk = iconv.encode(seed.toString('utf8'), 'gbk');
    expect(decodeText(gbk).encoding).toBe('gb18030');
  });

  it('UTF-8 with characters cut throughout (a converter padding table cells by bytes) is refused with a clear error, not taken for GBK', async () => {
    // Every table line's first CJK character cut to its first byte, as html2text does to cells.
    const lines = seed.toString('utf8').split('\n');
    const cut = Buffer.concat(
      lines.map((l, i) => {
        const b = Buffer.from(l + (i < lines.length - 1 ? '\n' : ''));
        if (!/\d/.test(l) || i < 10) return b;
        let at = 0;
        while (at < b.length && b[at] < 0xe0) at++;
        return at < b.length ? Buffer.concat([b.subarray(0, at + 1), b.subarray(at + 3)]) : b;
      }),
    );
    const d = decodeText(cut);
    expect(d.encoding).toBe('utf-8');
    expect(d.tooDamaged).toBeGreaterThan(3);
    const o = await parseBytes(cut, 'cut.txt');
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.failure.code).toBe('encoding-damaged');
    expect(o.failure.message).toMatch(/截断了汉字/);
    // A few bad bytes stay a warning, and GBK stays GBK (the ratio of valid characters to bad decides).
    expect(decodeText(iconv.encode(seed.toString('utf8'), 'gbk')).tooDamaged).toBeUndefined();
  });

  it('a report whose Chinese a converter turned into question marks (unrtf --text) says so, not only “not a report”', async () => {
    const lost = seed.toString('utf8').replace(/[\u4e00-\u9fff]/g, '?');
    const o = await parseBytes(new TextEncoder().encode(lost), 'lost.txt');
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.failure.code).toBe('characters-lost');
    const other = await parseBytes(new TextEncoder().encode('Just some notes? Nothing here? '.repeat(20)), 'notes.txt');
    expect(!other.ok && other.failure.code).toBe('not-a-report');
  });
});
