import { describe, expect, it } from 'vitest';
import { findDashTables, findDrawnTables, findTextTables } from '../../src/read/text-grid.js';
import { readDocument } from '../../src/read/index.js';

const texts = (rows: { text: string; rowSpan?: number; colSpan?: number }[][]) => rows.map((r) => r.map((c) => `${c.text}${c.rowSpan ? `↓${c.rowSpan}` : ''}${c.colSpan ? `→${c.colSpan}` : ''}`));

describe('tables drawn with characters', () => {
  it('reads a box drawing with merged cells and a label wrapped inside its cell', () => {
    const lines = [
      '前言',
      '┌─────────┬────┬────┐',
      '│         │自然│总计│',
      '│         │人  │    │',
      '├────┬────┼────┼────┤',
      '│三、│（一│0   │0   │',
      '│本年│）予│    │    │',
      '│度办│以公│    │    │',
      '│理结│开  │    │    │',
      '│果  ├────┼────┼────┤',
      '│    │（七│ 12 │  12│',
      '│    │）总│    │    │',
      '│    │计  │    │    │',
      '└────┴────┴────┴────┘',
      '后记',
    ];
    const [t] = findDrawnTables(lines);
    expect(t.first).toBe(1);
    expect(t.last).toBe(13);
    expect(texts(t.rows)).toEqual([
      ['→2', '自然人', '总计'],
      ['三、本年度办理结果↓2', '（一）予以公开', '0', '0'],
      ['（七）总计', '12', '12'],
    ]);
    // A cell's position is its first line of text, 1-based, in code units.
    expect(t.rows[2][1].pos).toEqual({ line: 11, column: 11, length: 2 });
  });

  it('counts Chinese characters two columns wide and quotes one or two, whichever makes the rules meet', () => {
    const narrow = ['┌──────────────┬──┐', '│3.危及“三安全”│0 │', '└──────────────┴──┘'];
    const wide = ['┌────────────────┬──┐', '│3.危及“三安全”│0 │', '└────────────────┴──┘'];
    expect(texts(findDrawnTables(narrow)[0].rows)).toEqual([['3.危及“三安全”', '0']]);
    expect(texts(findDrawnTables(wide)[0].rows)).toEqual([['3.危及“三安全”', '0']]);
  });

  it('reads an ASCII grid table with a header rule and indentation, keeping a dash as a zero mark', () => {
    const lines = ['   +------+----+----+', '   | 信息 | 本 | 现 |', '   | 内容 | 年 | 行 |', '   +======+====+====+', '   | 规章 | -  | 3  |', '   +------+----+----+'];
    expect(texts(findDrawnTables(lines)[0].rows)).toEqual([
      ['信息内容', '本年', '现行'],
      ['规章', '-', '3'],
    ]);
  });

  it('does not read a drawing whose rules do not close into cells', () => {
    const open = ['┌────┬────┐', '│规章│ 0  │', '│行政   3  │', '└────┴────┘'];
    expect(findDrawnTables(open)).toEqual([]);
    expect(findTextTables(['一、总体情况', '本年度……'], '一、总体情况\n本年度……')).toEqual([]);
  });

  it('is a table block of a text file, and of a Markdown file', async () => {
    const drawing = ['┌────┬────┐', '│规章│ 0  │', '├────┼────┤', '│许可│ 5  │', '└────┴────┘'];
    const txt = await readDocument(new TextEncoder().encode(['二、主动公开政府信息情况', ...drawing, '三、收到'].join('\n')), 'a.txt');
    expect(txt.format).toBe('txt');
    expect(txt.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    const md = await readDocument(new TextEncoder().encode(['## 二、主动公开政府信息情况', '', ...drawing.map((l) => l.replace(/[┌┐└┘├┤┬┴┼]/g, '+').replace(/─/g, '-').replace(/│/g, '|')), '', '## 三、收到'].join('\n')), 'a.md');
    expect(md.format).toBe('md');
    const table = md.blocks.find((b) => b.kind === 'table');
    expect(table && texts(table.rows)).toEqual([
      ['规章', '0'],
      ['许可', '5'],
    ]);
  });

  it('reads a multiline table under dash rules by its columns, a blank cell staying blank', () => {
    const lines = [
      '  -------------- ------------ ------ ------',
      '  三、本年度办理 （一）予以公开  3      5',
      '  结果',
      '',
      '                 （二）部分公开         0',
      '  -------------- ------------ ------ ------',
    ];
    const [t] = findDashTables(lines);
    expect([t.first, t.last]).toEqual([0, 5]);
    expect(texts(t.rows)).toEqual([
      ['三、本年度办理结果', '（一）予以公开', '3', '5'],
      ['', '（二）部分公开', '', '0'],
    ]);
    expect(t.rows[0][2].pos).toEqual({ line: 2, column: 20, length: 1 });
  });

  it('reads a simple table: a header above the rule, a row per line, ended by a blank line', () => {
    const lines = ['说明', '', '  信息内容   本年制发   现行有效', '  ---------- ---------- ----------', '  规章       0          12', '  规范性文件            3', '', '后文'];
    const [t] = findDashTables(lines);
    expect([t.first, t.last]).toEqual([2, 5]);
    expect(texts(t.rows)).toEqual([
      ['信息内容', '本年制发', '现行有效'],
      ['规章', '0', '12'],
      ['规范性文件', '', '3'],
    ]);
  });

  it('does not cut a word that runs across a column start', () => {
    expect(findDashTables(['  ---- ----', '  规章制度 0', '  其他 1', '  ---- ----'])).toEqual([]);
  });
});
