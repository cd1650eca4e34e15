/**
 * Tables ruled between rows only (no column rules): the columns are put back from the words,
 * and the grid reads like a fully ruled one.
 */
import { describe, expect, it } from 'vitest';
import { columnRulesFromWords, findRuledTables, type Rule, type WordBox } from '../../src/read/pdf-grid.js';

/** A table at x 100–400: label column 100–200 (a side label merged down rows 2–3), figure columns centred at 250, 300, 350. */
function rowRuledTable(): { h: Rule[]; v: Rule[]; words: WordBox[] } {
  // Rows (top → bottom): header 700–680, row 1 680–660, rows 2–3 (sub-rows under a side label at 100–140) 660–640–620, row 4 620–600.
  const h: Rule[] = [
    { at: 700, from: 100, to: 400 },
    { at: 680, from: 100, to: 400 },
    { at: 660, from: 100, to: 400 },
    { at: 640, from: 140, to: 400 }, // the side label's cell has no rule inside
    { at: 620, from: 100, to: 400 },
    { at: 600, from: 100, to: 400 },
  ];
  const w = (s: string, x0: number, x1: number, y: number): WordBox => ({ s, x0, x1, y, h: 10 });
  const words = [
    w('信息内容', 110, 150, 687), w('甲', 245, 255, 687), w('乙', 295, 305, 687), w('丙', 345, 355, 687),
    w('一、第一行的很长的标签', 105, 230, 667), w('5', 247, 253, 667), w('12', 294, 306, 667), w('17', 344, 356, 667),
    w('二、组', 102, 135, 637), w('1.子行一', 145, 190, 647), w('0', 247, 253, 647), w('3', 297, 303, 647), w('3', 347, 353, 647),
    w('2.子行二', 145, 190, 627), w('4', 247, 253, 627), w('0', 297, 303, 627), w('4', 347, 353, 627),
    w('三、末行', 105, 150, 607), w('9', 247, 253, 607), w('15', 294, 306, 607), w('24', 344, 356, 607),
  ];
  return { h, v: [], words };
}

describe('columnRulesFromWords', () => {
  it('puts column rules down the gutters between the figures and along a side label\'s edge', () => {
    const t = rowRuledTable();
    const v = columnRulesFromWords({ h: t.h, v: t.v }, t.words);
    const tables = findRuledTables({ h: t.h, v: [...t.v, ...v] });
    expect(tables).toHaveLength(1);
    const g = tables[0];
    // Columns: side label | sub-label | three figure columns.
    expect(g.xs.length - 1).toBe(5);
    // The long label of row 1 crosses the side label's edge: one cell over both label columns.
    const row1 = g.cells.filter((c) => c.row === 1);
    expect(row1[0].colSpan).toBe(2);
    // The side label is one cell down the two sub-rows.
    const side = g.cells.find((c) => c.row === 2 && c.col === 0)!;
    expect(side.rowSpan).toBe(2);
    // Each figure has its own cell.
    for (const r of [1, 2, 3, 4]) expect(g.cells.filter((c) => c.row === r && c.col >= 2)).toHaveLength(3);
  });

  it('leaves a table with drawn column rules alone, and needs four row rules and two columns of figures', () => {
    const t = rowRuledTable();
    expect(columnRulesFromWords({ h: t.h, v: [{ at: 275, from: 600, to: 700 }] }, t.words)).toEqual([]);
    expect(columnRulesFromWords({ h: t.h.slice(0, 3), v: [] }, t.words)).toEqual([]);
    expect(columnRulesFromWords({ h: t.h, v: [] }, t.words.filter((w) => !/^\d+$/.test(w.s) || w.x0 < 260))).toEqual([]);
  });

  it('parts tables one under another by the larger type between them', () => {
    const t = rowRuledTable();
    // A second table below, under a heading in larger type, with figures in other columns.
    const h2 = [500, 480, 460, 440].map((at) => ({ at, from: 100, to: 400 }));
    const heading: WordBox = { s: '三、标题', x0: 100, x1: 200, y: 570, h: 16 };
    const words2 = [490, 470, 450].flatMap((y) => [{ s: '行', x0: 105, x1: 120, y: y - 3, h: 10 }, { s: '7', x0: 280, x1: 286, y: y - 3, h: 10 }, { s: '8', x0: 380, x1: 386, y: y - 3, h: 10 }]);
    const rules = { h: [...t.h, { at: 560, from: 100, to: 400 }, ...h2], v: [] as Rule[] };
    const v = columnRulesFromWords(rules, [...t.words, heading, ...words2]);
    const tables = findRuledTables({ h: rules.h, v });
    const upper = tables.find((g) => g.y1 === 700)!;
    const lower = tables.find((g) => g.y0 === 440)!;
    expect(upper.xs.length - 1).toBe(5);
    // The lower table's columns come from its own figures (a gutter at 333), not the upper one's.
    expect(lower.xs.some((x) => Math.abs(x - 333) < 1)).toBe(true);
    expect(lower.xs.some((x) => Math.abs(x - 275) < 1)).toBe(false);
  });

  it('puts back no rules where a label\'s long first line runs over the figures below it (the figure would be read into the label)', () => {
    const t = rowRuledTable();
    // Row 1's label wraps: its first line runs across the first column of figures, which stand on the second line.
    const words = t.words.flatMap((w) =>
      w.s === '一、第一行的很长的标签' ? [{ ...w, s: '一、第一行的很长的标签，只计这一', x1: 262, y: 671 }, { ...w, s: '情形）', x1: 135, y: 663 }] : [w],
    );
    for (const w of words) if (w.y === 667) w.y = 663;
    expect(columnRulesFromWords({ h: t.h, v: t.v }, words)).toEqual([]);
    // An ordinal in its own run touching its words is part of the label, not a figure in it.
    const ordinal = t.words.flatMap((w) => (w.s === '1.子行一' ? [{ ...w, s: '1', x1: 150 }, { ...w, s: '.子行一', x0: 151 }] : [w]));
    expect(columnRulesFromWords({ h: t.h, v: t.v }, ordinal).length).toBeGreaterThan(0);
  });
});
