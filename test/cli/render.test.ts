/** Pure pieces of the human output: caret placement under CJK text, locations, colour switch. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { groupOf, location, quietFindings, snippet } from '../../src/cli/render.js';
import { displayWidth, makeStyle, wantColor } from '../../src/cli/style.js';

const plain = makeStyle(false);

function finding(pos: Finding['pos'], cells: string[] = []): Finding {
  return { rule: 'x', severity: 'error', message: 'm', cells, pos };
}

describe('snippet', () => {
  it('puts the carets under the span, counting CJK as two columns and tabs as four', () => {
    const lines = ['（七）总计\t12\t3'];
    const out = snippet(lines, finding({ line: 1, column: 7, length: 2 }), plain);
    expect(out).toHaveLength(2);
    const [src, carets] = out.map((l) => l.slice(l.indexOf('│ ') + 2));
    expect(src).toBe('（七）总计    12    3');
    expect(carets).toBe(' '.repeat(displayWidth('（七）总计    ')) + '^^');
  });

  it('shows the row label above a cell that stands alone on its line', () => {
    const lines = ['（七）总计', '\t0', '\t0'];
    const out = snippet(lines, finding({ line: 3, column: 2, length: 1 }, ['t3.total.commercial']), plain);
    expect(out[0]).toContain('1 │ （七）总计');
    expect(out[1]).toContain('…');
    expect(out[2]).toContain('3 │     0');
    expect(out[3]).toMatch(/│ {5}\^$/);
  });

  it('clips very long lines around the span and survives positions beyond the line', () => {
    const long = '甲'.repeat(200) + '结转下年度办理2件' + '乙'.repeat(200);
    const out = snippet([long], finding({ line: 1, column: 201, length: 9 }), plain);
    expect(displayWidth(out[0])).toBeLessThan(200);
    expect(out[1]).toContain('^'.repeat(displayWidth('结转下年度办理2件')));
    expect(snippet(['ab'], finding({ line: 1, column: 50, length: 3 }), plain)).toHaveLength(2);
    expect(snippet(['ab'], finding({ line: 9 }), plain)).toEqual([]);
    expect(snippet(['ab'], finding(undefined), plain)).toEqual([]);
  });
});

describe('grouping', () => {
  it('a finding is listed under the table its cells belong to, whatever the rule', () => {
    expect(groupOf({ rule: 'cell-invalid', severity: 'error', message: '', cells: ['t2.regulations.made'] })).toBe('t2');
    expect(groupOf({ rule: 'cell-invalid', severity: 'error', message: '', cells: ['t4.review.total', 't4.review.upheld'] })).toBe('t4');
    expect(groupOf({ rule: 'section-numbering', severity: 'warning', message: '', cells: [] })).toBe('sections');
    expect(groupOf({ rule: 'unreadable', severity: 'warning', message: '', cells: ['t2.fees.amountWan'], unreadable: true })).toBe('read');
  });

  it('--quiet keeps a root-cause hint only when there are errors to explain', () => {
    const err = { rule: 'requests-outcome-total', severity: 'error' as const, message: '', cells: ['t3.total.total'] };
    const shift = { rule: 'row-shift', severity: 'info' as const, message: '', cells: ['t3.carriedForward.total'] };
    const other = { rule: 'section-numbering', severity: 'warning' as const, message: '', cells: [] };
    expect(quietFindings([err, shift, other])).toEqual([err, shift]);
    expect(quietFindings([shift, other])).toEqual([]);
  });
});

describe('location and colour', () => {
  it('formats text, PDF and HTML positions', () => {
    expect(location('a.txt', { line: 3, column: 5 })).toBe('a.txt:3:5');
    expect(location('a.pdf', { page: 2 })).toBe('a.pdf 第2页');
    expect(location('a.pdf', { page: 2, x: 80.4, y: 120.2, line: 40 }, 'pdf')).toBe('a.pdf 第2页（距页顶约 120 点，距左 80 点）');
    expect(location('a.html', { path: 'table[2]/tr[3]/td[4]' })).toBe('a.html 表2 第3行第4列');
    expect(location('a.html', { line: 50, column: 25, path: 'table[3] tr[5] td[4]' }, 'html')).toBe('a.html 表3 第5行第4列');
    expect(location('a.html', { line: 50, column: 25, path: 'p[7]' }, 'html')).toBe('a.html 正文');
    expect(location('tpl.xlsx', { line: 6, column: 1, path: 'Sheet 表三!D5' }, 'xlsx')).toBe('tpl.xlsx 表三!D5');
    expect(location('a.docx', { line: 9, column: 3, path: '表格2 第3行 第4列' }, 'docx')).toBe('a.docx 表格2 第3行 第4列');
    expect(location('a.docx', { line: 9, column: 1, path: '第12段' }, 'docx')).toBe('a.docx 第12段');
    expect(location('a.txt', undefined)).toBe('a.txt');
  });

  it('colours only on a TTY without NO_COLOR and without --no-color', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const pipe = { isTTY: false } as NodeJS.WriteStream;
    const saved = process.env.NO_COLOR;
    try {
      delete process.env.NO_COLOR;
      expect(wantColor(undefined, tty)).toBe(true);
      expect(wantColor(false, tty)).toBe(false);
      expect(wantColor(undefined, pipe)).toBe(false);
      process.env.NO_COLOR = '1';
      expect(wantColor(undefined, tty)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = saved;
    }
    expect(makeStyle(true).red('x')).toBe('\x1b[31mx\x1b[39m');
    expect(makeStyle(false).red('x')).toBe('x');
  });
});
