/**
 * HTML that is a PDF's text layer with positions: pdftohtml (`-s`, `-c`) and mutool / PyMuPDF
 * (`-F html`) write each page as a box and each run of text as a paragraph placed absolutely
 * (`top`, `left`, a font size). Read as a web page, the runs come in the PDF's drawing order —
 * a browser's PDF draws a table cell by cell, column by column — and the table is lost. Read by
 * their places, the runs are what the PDF reader gets from pdf.js, and go through the same
 * layout (lines by baseline, table rows, columns from the figures' places).
 *
 * The runs have no widths; each is estimated from its characters (a CJK character one em, others
 * half). Runs are placed by their left edges, which are exact; only where a run ends is estimated.
 */
import { unifyRadicals } from '../core/normalize.js';
import { attr, isElement, isText, type Element, type Node, type ParentNode } from './html-tree.js';
import { charWidth, toLines, type Item, type PageText } from './pdf.js';

const PX = /(-?\d+(?:\.\d+)?)(px|pt)?/;
/** A word that is a figure (or a zero written as a dash or slash). */
const FIGURE_WORD = /^(?:[+-]?\d[\d,.]*%?|[-—–－/／])$/;
/** Fewer positioned runs than this is a page that places a few things, not a text layer. */
const MIN_RUNS = 20;

function styleOf(el: Element): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (attr(el, 'style') ?? '').split(';')) {
    const i = part.indexOf(':');
    if (i > 0) out.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  return out;
}

function length(v: string | undefined): number | undefined {
  const m = v ? PX.exec(v) : null;
  return m ? Number(m[1]) : undefined;
}

/** Font sizes (and line heights) of pdftohtml's classes: `.ft10{font-size:18px;line-height:26px;…}`. */
function classSizes(root: Node): Map<string, { size: number; lineHeight?: number }> {
  const out = new Map<string, { size: number; lineHeight?: number }>();
  const visit = (n: Node): void => {
    if (isElement(n) && n.name === 'style') {
      const css = n.children.filter(isText).map((t) => t.data).join('');
      for (const m of css.matchAll(/\.([\w-]+)\s*\{([^}]*)\}/g)) {
        const size = /font-size:\s*([\d.]+)/.exec(m[2]);
        if (!size) continue;
        const lh = /line-height:\s*([\d.]+)/.exec(m[2]);
        out.set(m[1], { size: Number(size[1]), ...(lh ? { lineHeight: Number(lh[1]) } : {}) });
      }
      return;
    }
    for (const c of (n as ParentNode).children ?? []) visit(c);
  };
  visit(root);
  return out;
}

/** The text of a run, line by line (`<br>` parts a pdftohtml paragraph), and the largest font size inside it. */
function runText(el: Element): { lines: string[]; size?: number } {
  const lines = [''];
  let size: number | undefined;
  const visit = (n: Node): void => {
    if (isText(n)) {
      lines[lines.length - 1] += n.data;
      return;
    }
    if (!isElement(n)) return;
    if (n.name === 'br') {
      lines.push('');
      return;
    }
    const fs = length(styleOf(n).get('font-size'));
    if (fs !== undefined) size = Math.max(size ?? 0, fs);
    for (const c of n.children) visit(c);
  };
  for (const c of el.children) visit(c);
  return { lines: lines.map((l) => l.replace(/\u00a0/g, ' ')), size };
}

/** A page box: a `div` with a width and a height in its style, holding positioned runs. */
function isPageBox(el: Element): { width: number; height: number } | null {
  if (el.name !== 'div') return null;
  const st = styleOf(el);
  const width = length(st.get('width'));
  const height = length(st.get('height'));
  return width && height ? { width, height } : null;
}

function positionedRun(el: Element): { top: number; left: number } | null {
  if (el.name !== 'p' && el.name !== 'div' && el.name !== 'span') return null;
  const st = styleOf(el);
  const top = length(st.get('top'));
  const left = length(st.get('left'));
  return top !== undefined && left !== undefined ? { top, left } : null;
}

/**
 * A figure placed by estimate goes to the place where figures start on the page's other lines
 * (runs that start with a figure: their left edges are exact), the nearest within half an em
 * to three quarters of an em; else it keeps its estimate (and the layout's columns decide).
 */
function snapToColumns(items: Item[], estimated: Set<Item>): void {
  if (!estimated.size) return;
  const starts = items.filter((it) => !estimated.has(it) && /^\d/.test(it.s)).map((it) => it.x0);
  for (const it of estimated) {
    if (!/^\d[\d.]*$/.test(it.s)) continue;
    let best: number | undefined;
    for (const x of starts) if (Math.abs(x - it.x0) <= 0.75 * it.h && (best === undefined || Math.abs(x - it.x0) < Math.abs(best - it.x0))) best = x;
    if (best === undefined) continue;
    it.x1 += best - it.x0;
    it.x0 = best;
  }
}

/**
 * The pages of a positioned text layer, or null when the HTML is not one (an ordinary page:
 * fewer than 20 positioned runs, or most of its text outside them).
 */
export function positionedPages(body: Element): PageText[] | null {
  const classes = classSizes(body.parent ?? body);
  // A class the converter never defined (pdftohtml leaves some pages' fonts undefined): the
  // smallest size defined, the body text's as a rule. Too small a size only parts a run from
  // its neighbour; too large a one would join a label to the figure beside it.
  const sizes = [...classes.values()].map((c) => c.size);
  const usual = sizes.length ? Math.min(...sizes) : 12;
  const pages: PageText[] = [];
  let runs = 0;
  const visitPage = (box: Element, page: PageText): void => {
    const items: Item[] = [];
    // Words after the first of a run: placed by estimated widths (a converter also shrinks the
    // gap between two cells to one space), not by the page.
    const estimated = new Set<Item>();
    const walk = (n: Node): void => {
      if (!isElement(n)) return;
      const at = positionedRun(n);
      if (!at) {
        for (const c of n.children) walk(c);
        return;
      }
      const { lines, size } = runText(n);
      const cls = classes.get((attr(n, 'class') ?? '').trim().split(/\s+/)[0] ?? '');
      const fs = size ?? cls?.size ?? length(styleOf(n).get('line-height')) ?? usual;
      const pitch = cls?.lineHeight ?? fs * 1.2;
      lines.forEach((text, k) => {
        const s = unifyRadicals(text);
        const top = at.top + k * pitch;
        // A figure its own item, placed by the widths of what stands before it: a converter
        // writes neighbouring cells as one run parted by a space (18&#160;0), and the layout must
        // see the two cells they are. Words stay together (其他&#160;尚未 of a header run): placed
        // by estimate, they would make columns of their own.
        const pieces: { text: string; at: number }[] = [];
        for (const m of s.matchAll(/\S+/g)) {
          const prev = pieces.at(-1);
          if (prev && !FIGURE_WORD.test(m[0]) && !FIGURE_WORD.test(prev.text.split(/\s+/).at(-1)!)) prev.text = s.slice(prev.at, m.index! + m[0].length);
          else pieces.push({ text: m[0], at: m.index! });
        }
        // (Widths in ems run on from the run's left edge; a space is half an em, as charWidth has it.)
        let w = 0;
        let done = 0;
        for (const [i, p] of pieces.entries()) {
          for (const ch of s.slice(done, p.at)) w += charWidth(ch);
          const x0 = at.left + w * fs;
          for (const ch of p.text) w += charWidth(ch);
          done = p.at + p.text.length;
          const item: Item = { s: p.text, x0, x1: at.left + w * fs, y: page.height - top - fs, h: fs, whole: true };
          items.push(item);
          if (i > 0) estimated.add(item);
          runs++;
        }
      });
    };
    for (const c of box.children) walk(c);
    snapToColumns(items, estimated);
    page.chars = items.reduce((n, it) => n + it.s.replace(/\s+/g, '').length, 0);
    page.lines = toLines(items);
  };
  const find = (n: Node): void => {
    if (!isElement(n)) return;
    const size = isPageBox(n);
    if (size && n.children.some((c) => isElement(c) && positionedRun(c))) {
      const page: PageText = { page: pages.length + 1, width: size.width, height: size.height, lines: [], grids: [], chars: 0 };
      visitPage(n, page);
      pages.push(page);
      return;
    }
    for (const c of n.children) find(c);
  };
  find(body);
  if (runs < MIN_RUNS) return null;
  // Most of the page's text must be in the runs (a web page with a few positioned labels is read as a page).
  let allChars = 0;
  const count = (n: Node): void => {
    if (isText(n)) allChars += n.data.replace(/\s+/g, '').length;
    else if (isElement(n) && n.name !== 'style' && n.name !== 'script') for (const c of n.children) count(c);
  };
  count(body);
  const placedChars = pages.reduce((n, p) => n + p.chars, 0);
  return placedChars >= 0.8 * allChars ? pages : null;
}
