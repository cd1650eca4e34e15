/**
 * Tables drawn with characters, as text browsers dump a web page (w3m, elinks: ┌─┬─┐ box
 * drawing, Chinese characters two columns wide, labels wrapped inside narrow columns, merged
 * cells drawn as one box) and as pandoc and reStructuredText write grid tables (+---+---+,
 * a +===+ rule under the header). Widths, alignment and indentation vary by the seed.
 */
import { grid, type ZTable } from './doc.js';
import type { Rng } from './rng.js';

export interface DrawStyle {
  ascii: boolean;
  /** Spaces before every line of the drawing (elinks indents by three). */
  indent: number;
  /** Display columns of each label column. */
  labelWidth: number;
  /** Least display columns of a value column. */
  valueWidth: number;
  /** Quotes and dashes counted two columns wide (a CJK locale) instead of one. */
  ambiguousWide: boolean;
  /** Where a figure stands in its cell. */
  figureAlign: 'left' | 'center' | 'right';
  /** Where a cell's lines stand in a cell taller than them. */
  middle: boolean;
  /** A +===+ rule under the header rows (pandoc). */
  headerRule: boolean;
}

export function drawStyle(rng: Rng, ascii: boolean): DrawStyle {
  return {
    ascii,
    indent: ascii ? 0 : rng.pick([0, 0, 3]),
    labelWidth: rng.int(6, 36),
    valueWidth: rng.int(2, 10),
    ambiguousWide: !ascii && rng.chance(0.3),
    figureAlign: rng.pick(['left', 'left', 'center', 'right'] as const),
    middle: rng.chance(0.5),
    headerRule: ascii && rng.chance(0.7),
  };
}

const AMBIGUOUS = /[“”‘’…—–·×÷°§№※]/;
function charWidth(ch: string, st: DrawStyle): number {
  const cp = ch.codePointAt(0)!;
  if (AMBIGUOUS.test(ch)) return st.ambiguousWide ? 2 : 1;
  return (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe6f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) ? 2 : 1;
}
const textWidth = (s: string, st: DrawStyle) => [...s].reduce((n, ch) => n + charWidth(ch, st), 0);

/** Lines of `text` no wider than `width`: Chinese breaks anywhere, a run of digits stays whole. */
function wrap(text: string, width: number, st: DrawStyle): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  const tokens = text.match(/[0-9A-Za-z.,%]+|./gu) ?? [];
  for (const tok of tokens) {
    const tw = textWidth(tok, st);
    if (w + tw > width && line) {
      lines.push(line.trimEnd());
      line = '';
      w = 0;
    }
    if (!line && tok === ' ') continue;
    line += tok;
    w += tw;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** The drawing of one table, as lines. */
export function drawTable(t: ZTable, st: DrawStyle): string[] {
  const g = grid(t);
  const nRows = g.length;
  const nCols = t.width;
  const widths = Array.from({ length: nCols }, (_, c) => (c < t.labelCols ? st.labelWidth : st.valueWidth));
  // A figure never wraps: its columns are as wide as its widest figure (a merged cell widens its last column).
  for (const row of g)
    row.forEach((x, c) => {
      if (!x.start || x.cell.role !== 'value') return;
      const span = x.cell.colSpan;
      const have = widths.slice(c, c + span).reduce((a, b) => a + b, 0) + span - 1;
      widths[c + span - 1] += Math.max(0, textWidth(x.cell.text, st) - have);
    });
  const origins: { r: number; c: number; cell: (typeof g)[0][0]['cell']; lines: string[] }[] = [];
  g.forEach((row, r) =>
    row.forEach((x, c) => {
      if (!x.start) return;
      const inner = widths.slice(c, c + x.cell.colSpan).reduce((a, b) => a + b, 0) + x.cell.colSpan - 1;
      origins.push({ r, c, cell: x.cell, lines: x.cell.text ? wrap(x.cell.text, inner, st) : [] });
    }),
  );
  // Row heights: every cell's lines fit (a merged cell's over the rows it spans).
  const heights = Array(nRows).fill(1);
  for (const o of origins) if (o.cell.rowSpan === 1) heights[o.r] = Math.max(heights[o.r], o.lines.length);
  for (const o of origins) {
    if (o.cell.rowSpan === 1) continue;
    const have = heights.slice(o.r, o.r + o.cell.rowSpan).reduce((a, b) => a + b, 0) + o.cell.rowSpan - 1;
    if (have < o.lines.length) heights[o.r + o.cell.rowSpan - 1] += o.lines.length - have;
  }
  const ys = [0];
  for (const h of heights) ys.push(ys.at(-1)! + h + 1);
  const xs = [0];
  for (const w of widths) xs.push(xs.at(-1)! + w + 1);
  const H = ys.at(-1)! + 1;
  const W = xs.at(-1)! + 1;
  const canvas: string[][] = Array.from({ length: H }, () => Array(W).fill(' '));
  const hLine = Array.from({ length: H }, () => new Uint8Array(W));
  const vLine = Array.from({ length: H }, () => new Uint8Array(W));
  const headerRows = t.rows.findIndex((r) => !r.header);
  const heavy = new Set<number>();
  if (st.headerRule && headerRows > 0) heavy.add(ys[headerRows]);
  for (const o of origins) {
    const top = ys[o.r];
    const bottom = ys[o.r + o.cell.rowSpan];
    const left = xs[o.c];
    const right = xs[o.c + o.cell.colSpan];
    for (let x = left; x <= right; x++) hLine[top][x] = hLine[bottom][x] = 1;
    for (let y = top; y <= bottom; y++) vLine[y][left] = vLine[y][right] = 1;
    // The cell's lines, placed in display columns (a wide character fills two).
    const innerW = right - left - 1;
    const innerH = bottom - top - 1;
    const first = top + 1 + (st.middle ? Math.floor((innerH - o.lines.length) / 2) : 0);
    o.lines.forEach((line, k) => {
      const lw = textWidth(line, st);
      const figure = o.cell.role === 'value';
      const pad = figure ? (st.figureAlign === 'right' ? innerW - lw : st.figureAlign === 'center' ? Math.floor((innerW - lw) / 2) : 0) : 0;
      let x = left + 1 + Math.max(0, pad);
      for (const ch of line) {
        if (x + charWidth(ch, st) > right) throw new Error(`drawn.ts: “${line}” is wider than its cell`);
        canvas[first + k][x] = ch;
        const cw = charWidth(ch, st);
        for (let e = 1; e < cw; e++) canvas[first + k][x + e] = '';
        x += cw;
      }
    });
  }
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const h = hLine[y][x];
      const v = vLine[y][x];
      if (!h && !v) continue;
      const left = x > 0 && hLine[y][x - 1] === 1 && h === 1;
      const right = x < W - 1 && hLine[y][x + 1] === 1 && h === 1;
      const up = y > 0 && vLine[y - 1][x] === 1 && v === 1;
      const down = y < H - 1 && vLine[y + 1][x] === 1 && v === 1;
      canvas[y][x] = junction(left, right, up, down, st.ascii, heavy.has(y));
    }
  const pad = ' '.repeat(st.indent);
  return canvas.map((row) => pad + row.join('').replace(/\s+$/, ''));
}

function junction(l: boolean, r: boolean, u: boolean, d: boolean, ascii: boolean, heavy: boolean): string {
  if (ascii) {
    if ((u || d) && (l || r)) return '+';
    if (l || r) return heavy ? '=' : '-';
    return u || d ? '|' : ' ';
  }
  const key = `${l ? 'l' : ''}${r ? 'r' : ''}${u ? 'u' : ''}${d ? 'd' : ''}`;
  const BOX: Record<string, string> = { lr: '─', l: '─', r: '─', ud: '│', u: '│', d: '│', rd: '┌', ld: '┐', ru: '└', lu: '┘', rud: '├', lud: '┤', lrd: '┬', lru: '┴', lrud: '┼' };
  return BOX[key] ?? ' ';
}
