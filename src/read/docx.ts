/**
 * DOCX (WordprocessingML) → SourceDocument, read from word/document.xml directly so every
 * paragraph and table cell keeps its place.
 *
 * - Paragraphs: text of w:t, w:tab → '\t', w:br/w:cr → a new line (one block per line).
 *   w:ins, w:moveTo, content controls (w:sdt), hyperlinks, fields' results are included;
 *   w:del, w:moveFrom and field instructions are not. Text boxes follow their paragraph.
 * - Tables: merged cells appear once, at their origin: w:gridSpan → colSpan, w:vMerge
 *   restart/continue → rowSpan (continuation cells are not emitted), legacy w:hMerge too.
 *   Rows that hold a nested table (layout tables, whole reports wrapped in a 1×1 table) are
 *   unwrapped: their cells' paragraphs and tables are read as body content, in order.
 * - Headers, footers, footnotes and comments are other parts and are not read.
 * - Elements are matched on local names, so any namespace prefix works (Word, WPS, LibreOffice).
 *
 * `lines` are the display text: one per paragraph line, one per table row (cells joined
 * by tabs); every block and cell position points into them (line, column, length) and
 * carries a path such as `表格2 第5行 第3列`.
 */
import { ReadFailure } from '../core/failure.js';
import type { Block, GridCell, SourceDocument, SourcePos } from '../core/types.js';
import { childElements, findFirst, firstChild, parseXml, textOf, XmlError, type XElement } from './xml.js';
import type { SafeZip } from './zip.js';

interface Ctx {
  blocks: Block[];
  lines: string[];
  tableNo: number;
  paraNo: number;
}

/** Block-level wrappers whose content counts as if it stood in their place. */
const BLOCK_WRAPPERS = new Set(['sdt', 'sdtContent', 'customXml', 'ins', 'moveTo', 'smartTag', 'bdo', 'dir']);
/** Inline content that is never displayed text. */
const INLINE_SKIP = new Set(['del', 'moveFrom', 'delText', 'instrText', 'delInstrText', 'pPr', 'rPr', 'sdtPr', 'sdtEndPr', 'footnoteReference', 'endnoteReference', 'commentReference', 'fldData', 'Fallback', 'tblPr', 'tblGrid', 'trPr', 'tcPr']);

export async function readDocxPackage(z: SafeZip, mainPart: string): Promise<SourceDocument> {
  const xml = await z.text(mainPart);
  const hints: SourceDocument['hints'] = {};
  const core = z.find('docProps/core.xml');
  if (core) {
    try {
      Object.assign(hints, coreHints(await z.text(core)));
    } catch (e) {
      if (e instanceof ReadFailure && e.code === 'zip-bomb') throw e;
      // Metadata is optional: a broken core.xml does not stop the body from being read.
    }
  }
  return readDocumentXml(xml, hints);
}

/** word/document.xml text → document. Throws ReadFailure('corrupt') when it is not a Word body. */
export function readDocumentXml(xml: string, hints: SourceDocument['hints'] = {}): SourceDocument {
  let root: XElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) throw corruptBody(e.message);
    throw e;
  }
  const docEl = childElements(root).find((e) => e.name === 'document') ?? findFirst(root, 'document');
  const body = docEl ? firstChild(docEl, 'body') : undefined;
  if (!body) throw corruptBody('找不到文档正文（w:body）');
  const ctx: Ctx = { blocks: [], lines: [], tableNo: 0, paraNo: 0 };
  walkBlocks(body, ctx, '');
  return { format: 'docx', blocks: ctx.blocks, lines: ctx.lines, hints, readIssues: [] };
}

function corruptBody(detail: string): ReadFailure {
  return new ReadFailure('corrupt', `Word 文档的正文（word/document.xml）已损坏，无法解析：${detail}。请用 Word 或 WPS 打开后另存为 docx 再试。`);
}

export function coreHints(xml: string): SourceDocument['hints'] {
  const root = parseXml(xml, new Set());
  const hints: SourceDocument['hints'] = {};
  const title = findFirst(root, 'title');
  const t = title ? textOf(title).trim() : '';
  if (t && /报告|年报/.test(t)) hints.title = t;
  const created = findFirst(root, 'created');
  const c = created ? textOf(created).trim() : '';
  if (c) hints.createdAt = c;
  return hints;
}

/** Paragraphs and tables of a container (body, cell, text box, content control), in order. */
function walkBlocks(container: XElement, ctx: Ctx, prefix: string): void {
  for (const el of childElements(container)) {
    if (el.name === 'p') paragraph(el, ctx, prefix);
    else if (el.name === 'tbl') table(el, ctx, prefix);
    else if (el.name === 'AlternateContent') {
      const choice = firstChild(el, 'Choice') ?? firstChild(el, 'Fallback');
      if (choice) walkBlocks(choice, ctx, prefix);
    } else if (BLOCK_WRAPPERS.has(el.name)) walkBlocks(el, ctx, prefix);
  }
}

/** Inline text of a paragraph; text boxes met on the way are collected for later. */
function inlineText(el: XElement, floats: XElement[]): string {
  let s = '';
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    switch (c.name) {
      case 't':
        s += textOf(c);
        break;
      case 'tab':
      case 'ptab':
        s += '\t';
        break;
      case 'br':
      case 'cr':
        s += '\n';
        break;
      case 'noBreakHyphen':
        s += '-';
        break;
      case 'softHyphen':
        break;
      case 'sym': {
        const code = parseInt(c.attrs.char ?? '', 16);
        // Symbol-font code points (F0xx) are glyph indices, not characters.
        if (Number.isFinite(code) && code > 0 && !(code >= 0xf000 && code <= 0xf0ff)) s += String.fromCodePoint(code);
        break;
      }
      case 'txbxContent':
        floats.push(c);
        break;
      case 'AlternateContent': {
        const choice = firstChild(c, 'Choice') ?? firstChild(c, 'Fallback');
        if (choice) s += inlineText(choice, floats);
        break;
      }
      case 'p':
        // A paragraph nested inline (malformed, or inside a drawing): its own line.
        s += '\n' + inlineText(c, floats) + '\n';
        break;
      default:
        if (!INLINE_SKIP.has(c.name)) s += inlineText(c, floats);
    }
  }
  return s;
}

function paragraph(p: XElement, ctx: Ctx, prefix: string): void {
  const floats: XElement[] = [];
  const text = inlineText(p, floats).replace(/\r/g, '');
  ctx.paraNo++;
  const path = prefix ? `${prefix} 第${ctx.paraNo}段` : `第${ctx.paraNo}段`;
  for (const line of text.split('\n')) {
    ctx.lines.push(line);
    ctx.blocks.push({ kind: 'paragraph', text: line, pos: { line: ctx.lines.length, column: 1, length: line.length, path } });
  }
  for (const f of floats) walkBlocks(f, ctx, prefix ? `${prefix} 文本框` : '文本框');
}

interface RawCell {
  tc: XElement;
  gridCol: number;
  span: number;
  vMerge: 'restart' | 'continue' | null;
  hMerge: 'restart' | 'continue' | null;
}

interface RawRow {
  cells: RawCell[];
  nested: boolean;
  /** 1-based row number in the source table. */
  no: number;
}

/** Elements of `name` directly inside `el`, looking through content controls and custom XML. */
function wrapped(el: XElement, name: string): XElement[] {
  const out: XElement[] = [];
  for (const c of childElements(el)) {
    if (c.name === name) out.push(c);
    else if (c.name === 'sdt' || c.name === 'sdtContent' || c.name === 'customXml' || c.name === 'ins' || c.name === 'moveTo') out.push(...wrapped(c, name));
  }
  return out;
}

function intAttr(el: XElement | undefined, dflt: number): number {
  const v = el ? parseInt(el.attrs.val ?? '', 10) : NaN;
  return Number.isFinite(v) && v > 0 ? v : dflt;
}

function mergeOf(el: XElement | undefined): 'restart' | 'continue' | null {
  if (!el) return null;
  return el.attrs.val === 'restart' ? 'restart' : 'continue';
}

function hasNestedTable(el: XElement): boolean {
  for (const c of childElements(el)) {
    if (c.name === 'tbl') return true;
    if (BLOCK_WRAPPERS.has(c.name) && hasNestedTable(c)) return true;
  }
  return false;
}

function table(tbl: XElement, ctx: Ctx, prefix: string): void {
  const no = ++ctx.tableNo;
  const name = prefix ? `${prefix} 表格${no}` : `表格${no}`;
  const rows: RawRow[] = [];
  let rowNo = 0;
  for (const tr of wrapped(tbl, 'tr')) {
    rowNo++;
    const trPr = firstChild(tr, 'trPr');
    if (trPr && firstChild(trPr, 'del')) continue; // deleted row (tracked change)
    let col = intAttr(trPr && firstChild(trPr, 'gridBefore'), 0);
    const cells: RawCell[] = [];
    let nested = false;
    for (const tc of wrapped(tr, 'tc')) {
      const tcPr = firstChild(tc, 'tcPr');
      const span = intAttr(tcPr && firstChild(tcPr, 'gridSpan'), 1);
      cells.push({ tc, gridCol: col, span, vMerge: mergeOf(tcPr && firstChild(tcPr, 'vMerge')), hMerge: mergeOf(tcPr && firstChild(tcPr, 'hMerge')) });
      col += span;
      if (hasNestedTable(tc)) nested = true;
    }
    rows.push({ cells, nested, no: rowNo });
  }
  // Consecutive plain rows form one grid; rows holding nested tables are unwrapped.
  let seg: RawRow[] = [];
  const flush = () => {
    if (seg.length) grid(seg, ctx, name);
    seg = [];
  };
  for (const r of rows) {
    if (!r.nested) {
      seg.push(r);
      continue;
    }
    flush();
    for (const c of r.cells) walkBlocks(c.tc, ctx, `${name} 第${r.no}行 第${c.gridCol + 1}列`);
  }
  flush();
}

/** Text of a cell on one display line: paragraphs joined by a space, tabs and breaks as spaces. */
function cellText(tc: XElement): string {
  const parts: string[] = [];
  const visit = (el: XElement) => {
    for (const c of childElements(el)) {
      if (c.name === 'p') {
        const floats: XElement[] = [];
        let t = inlineText(c, floats);
        for (const f of floats) {
          const ft: string[] = [];
          for (const fp of childElements(f)) if (fp.name === 'p') ft.push(inlineText(fp, []));
          t += ' ' + ft.join(' ');
        }
        t = t.replace(/[\t\n\r]/g, ' ');
        if (t.trim() !== '') parts.push(t);
      } else if (c.name === 'AlternateContent') {
        const choice = firstChild(c, 'Choice') ?? firstChild(c, 'Fallback');
        if (choice) visit(choice);
      } else if (BLOCK_WRAPPERS.has(c.name)) visit(c);
    }
  };
  visit(tc);
  return parts.join(' ');
}

function grid(rows: RawRow[], ctx: Ctx, name: string): void {
  const out: GridCell[][] = [];
  /** Grid column → the cell a vertical merge started in (still open). */
  const open = new Map<number, GridCell>();
  const firstLine = ctx.lines.length + 1;
  for (const r of rows) {
    const cells: GridCell[] = [];
    const texts: { cell: GridCell; gridCol: number }[] = [];
    let last: { cell: GridCell; end: number } | null = null;
    for (const c of r.cells) {
      const text = cellText(c.tc);
      if (c.vMerge === 'continue') {
        const origin = open.get(c.gridCol);
        if (origin && text.trim() === '') {
          origin.rowSpan = (origin.rowSpan ?? 1) + 1;
          continue;
        }
      }
      if (c.hMerge === 'continue' && last && last.end === c.gridCol && text.trim() === '') {
        last.cell.colSpan = (last.cell.colSpan ?? 1) + c.span;
        last.end += c.span;
        continue;
      }
      const cell: GridCell = { text, pos: {} };
      if (c.span > 1) cell.colSpan = c.span;
      for (let k = 0; k < c.span; k++) open.delete(c.gridCol + k);
      if (c.vMerge === 'restart') open.set(c.gridCol, cell);
      cells.push(cell);
      texts.push({ cell, gridCol: c.gridCol });
      last = { cell, end: c.gridCol + c.span };
    }
    const line = ctx.lines.length + 1;
    let column = 1;
    const parts: string[] = [];
    for (const { cell, gridCol } of texts) {
      cell.pos = { line, column, length: cell.text.length, path: `${name} 第${r.no}行 第${gridCol + 1}列` };
      parts.push(cell.text);
      column += cell.text.length + 1;
    }
    ctx.lines.push(parts.join('\t'));
    out.push(cells);
  }
  if (out.length === 0) return;
  const pos: SourcePos = { line: firstLine, column: 1, path: name };
  ctx.blocks.push({ kind: 'table', rows: out, pos });
}
