/**
 * Two rows' labels in one cell of a PDF's table (a scan whose rule between them was lost, or
 * table 二 split over two pages): the figures beside them, one row's worth, may be either row's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, GridCell, SourcePos } from '../../src/core/types.js';
import { extractReport } from '../../src/extract/index.js';
import { readDocument } from '../../src/read/index.js';
import { SEEDS } from '../helpers/paths.js';

const pos = (line: number): SourcePos => ({ page: 1, line, column: 1, length: 1 });
const cell = (text: string, line: number): GridCell => ({ text, pos: pos(line) });

describe('two labels in one cell, one row of figures beside them', () => {
  it('规章 | 行政规范性文件 in one cell beside 7 0 0: neither row takes the figures (they were 规章\'s, the other row all doubts on the next page)', async () => {
    const file = path.join(SEEDS, '004_e9b0b4183da4b0c6.txt');
    const doc = await readDocument(readFileSync(file), file);
    const texts = doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text.trim() : ''));
    const from = texts.indexOf('规章');
    const to = texts.indexOf('第二十条第（五）项');
    expect(from).toBeGreaterThan(0);
    const table: Block = {
      kind: 'table',
      pos: pos(from),
      rows: [
        [cell('信息内容', from), cell('本年制发件数', from), cell('本年废止件数', from), cell('现行有效件数', from)],
        [{ ...cell('规章\n行政规范性文件', from + 1), rowSpan: 2 }, cell('7', from + 1), cell('0', from + 1), cell('0', from + 1)],
        // The second row's cells on the next page, read by OCR as doubts.
        [{ ...cell('', from + 2), candidates: ['3', '8'] }, { ...cell('', from + 2), candidates: ['0', '6'] }, { ...cell('', from + 2), candidates: ['3', '8'] }],
      ],
    };
    const blocks = [...doc.blocks.slice(0, from), table, ...doc.blocks.slice(to)];
    const r = extractReport({ ...doc, blocks }, file);
    for (const row of ['regulations', 'normativeDocs'])
      for (const c of ['made', 'repealed', 'valid']) {
        const k = `t2.${row}.${c}`;
        expect(r.cells[k]).toBeNull();
        expect(r.readIssues.some((i) => i.cells?.includes(k))).toBe(true);
      }
  });
});
