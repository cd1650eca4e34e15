/** The text a browser gives for a page whose table cells hold paragraphs: rows joined back by their tab lines. */
import { describe, expect, it } from 'vitest';
import { browserTableRows } from '../../src/read/inner-text.js';
import { readText } from '../../src/read/text.js';

/** A row as Chromium's innerText writes it when every cell is a <p>: cells parted by a tab alone between blank lines. */
const row = (...cells: string[]) => cells.join('\n\n\t\n\n');
const table = (...rows: string[]) => rows.join('\n\n\n\n\n');
const ten = Array.from({ length: 5 }, (_, i) => row(`行${i}`, ' 1 ', ' 2 ', ' 3 '));

describe('browserTableRows', () => {
  it('joins each row back into tab-parted cells, each cell at its own line', () => {
    const lines = `标题\n\n${table(row('信息内容', '本年制发件数', '本年废止件数'), ...ten)}\n\n五、存在的主要问题`.split('\n');
    const out = browserTableRows(lines)!;
    const rows = out.filter((l) => l.cells);
    expect(rows.map((r) => r.text)).toEqual(['信息内容\t本年制发件数\t本年废止件数', ...ten.map((_, i) => `行${i}\t 1 \t 2 \t 3 `)]);
    expect(rows[1].cells!.map((c) => c.line)).toEqual([16, 20, 24, 28]);
    expect(out.at(-1)!.text).toBe('五、存在的主要问题');
  });

  it('a cell of spaces (&nbsp;) is an empty cell; a row starting with an empty cell keeps it', () => {
    const lines = table(...ten, row('\u00a0', ' 0 ', ' 13 '), `\n\n\t\n\n 5 \n\n\t\n\n 6 `).split('\n');
    const rows = browserTableRows(lines)!.filter((l) => l.cells);
    expect(rows.at(-2)!.text).toBe('\u00a0\t 0 \t 13 ');
    expect(rows.at(-1)!.text).toBe('\t 5 \t 6 ');
  });

  it('a label broken by <br> (a line directly above or below) joins its cell', () => {
    const lines = table(...ten, row('一、本年新收\n政府信息公开申请数量', ' 183 ', ' 188 '), row('本年收费金额\n（单位：万元）', ' 9 '), row('信息内容', '本年收费金额\n（单位：万元）')).split('\n');
    const rows = browserTableRows(lines)!.filter((l) => l.cells);
    expect(rows.pop()!.text).toBe('信息内容\t本年收费金额（单位：万元）');
    expect(rows.at(-2)!.text).toBe('一、本年新收政府信息公开申请数量\t 183 \t 188 ');
    expect(rows.at(-1)!.text).toBe('本年收费金额（单位：万元）\t 9 ');
  });

  it('is not text copied from Word (a tab before every cell), nor text with a few tab lines', () => {
    expect(browserTableRows('规章\n\t0\n\t\n\t3\n\n\t\n\n'.repeat(12).split('\n'))).toBeNull();
    expect(browserTableRows(`一、总体情况\n\n${row('a', 'b')}\n\n正文。`.split('\n'))).toBeNull();
  });
});

describe('readText on a browser copy', () => {
  it('gives tab rows that the table reader reads as cells', () => {
    const text = `北宫镇2023年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n${table(row('信息内容', '本年制发件数', '本年废止件数', '现行有效件数'), row('规章', ' 6 ', ' 8 ', ' 0 '), ...ten)}`;
    const doc = readText(text);
    expect(doc.blocks.some((b) => b.kind === 'paragraph' && b.text === '规章\t 6 \t 8 \t 0 ')).toBe(true);
    expect(doc.lines).toEqual(text.split('\n'));
  });
});
