import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { utf16AsUtf8 } from '../../src/read/decode.js';
import { readDocument } from '../../src/read/index.js';

const report = '某某镇人民政府2024年政府信息公开工作年度报告\r\n一、总体情况\r\n本年度……\r\n\t规章\r\n\t0\r\n\t3\r\n';
const utf8 = (s: string) => new TextDecoder().decode(utf16AsUtf8(Uint8Array.from(iconv.encode(s, 'utf-16le'))) ?? new Uint8Array());

describe('text saved as UTF-16', () => {
  it('is read with its byte order mark, either way round', async () => {
    for (const enc of ['utf-16le', 'utf-16be'] as const) {
      const body = iconv.encode(report, enc);
      const bom = enc === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
      const doc = await readDocument(Uint8Array.from([...bom, ...body]), 'a.txt');
      expect(doc.format).toBe('txt');
      expect(doc.lines[0]).toBe('某某镇人民政府2024年政府信息公开工作年度报告');
    }
  });

  it('is recognised without a mark by its zero bytes on one side', () => {
    expect(utf8(report)).toBe(report);
  });

  it('leaves UTF-8, GBK and binary data alone', () => {
    expect(utf16AsUtf8(new TextEncoder().encode(report))).toBeNull();
    expect(utf16AsUtf8(Uint8Array.from(iconv.encode(report, 'gbk')))).toBeNull();
    const blob = new Uint8Array(4096).map((_, i) => (i % 2 ? 0 : i % 7));
    expect(utf16AsUtf8(blob)).toBeNull();
  });
});
