/**
 * HTML → document. The page is parsed with parse5 (the HTML5 algorithm: malformed markup
 * is repaired, never rejected), the article container is found among the site chrome,
 * and its content becomes paragraph blocks and table blocks in document order. Tables are
 * laid out on a true grid (rowspan/colspan), but every cell is emitted once, at its origin.
 */
import iconv from 'iconv-lite';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { ReadFailure } from '../core/failure.js';
import { LIMITS } from '../core/limits.js';
import type { Block, GridCell, SourceDocument, SourcePos } from '../core/types.js';
import { decodeText, looksBinary } from './decode.js';
import { registerReader } from './index.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** Elements whose content is never text of the page. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'select', 'option', 'textarea', 'button', 'input', 'canvas', 'audio', 'video', 'map']);
/** Elements that start and end a line of their own. */
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'section', 'article', 'main', 'aside',
  'header', 'footer', 'nav', 'address', 'figure', 'figcaption', 'center', 'form', 'fieldset', 'legend', 'hr', 'pre', 'caption', 'body', 'html',
  'details', 'summary', 'menu', 'dir', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'listing', 'xmp', 'plaintext',
]);
/** HTML white space (not U+00A0 / U+3000: those are content, normalised later for matching). */
const WS = /[ \t\n\r\f]+/g;
/** Spaces of every kind, trimmed at the ends of a line or cell. */
const EDGE_SPACE = /^[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+$/g;
/** Deeper than this the walk stops recursing and reads the subtree as flat text. */
const MAX_DEPTH = 400;

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function children(n: ParentNode): Node[] {
  return n.childNodes as Node[];
}

/** Text content of a subtree (skipped elements excluded), iterative: depth is no danger. */
function textOf(root: Node, brAs = ' '): string {
  let out = '';
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeName === '#text') out += (n as DefaultTreeAdapterMap['textNode']).value;
    else if (isElement(n)) {
      if (SKIP.has(n.tagName)) continue;
      if (n.tagName === 'br') {
        out += brAs;
        continue;
      }
      const k = n.childNodes as Node[];
      if (BLOCK.has(n.tagName)) out += brAs;
      for (let i = k.length - 1; i >= 0; i--) stack.push(k[i]);
    } else if (n.nodeName === '#document' || n.nodeName === '#document-fragment') {
      const k = (n as ParentNode).childNodes as Node[];
      for (let i = k.length - 1; i >= 0; i--) stack.push(k[i]);
    }
  }
  return out;
}

/** Whitespace collapsed, no tabs (tabs separate cells in `lines`), ends trimmed. */
function clean(s: string): string {
  return s.replace(WS, ' ').replace(EDGE_SPACE, '');
}

// ---------------------------------------------------------------- charset

const CHARSET_META = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)/i;

/** The charset the page declares in its first bytes (`<meta charset>` or http-equiv content). */
export function declaredCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.subarray(0, 8192)).toString('latin1');
  const m = CHARSET_META.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function decodeHtml(buf: Uint8Array): string {
  const declared = declaredCharset(buf);
  const want = declared?.replace(/[^a-z0-9]/g, '');
  // Big5 mirror pages: decodeText knows UTF-8 and the GB family only.
  if (want && /^(big5|big5hkscs|cp950|xxbig5)$/.test(want)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      return iconv.decode(Buffer.from(buf), 'big5');
    }
  }
  return decodeText(buf, declared).text;
}

// ---------------------------------------------------------------- article container

/** Section titles (simplified and traditional) and the statistical tables' own wording. */
const SECTION_MARKERS: RegExp[] = [
  /总体情况|總體情況/,
  /主动公开政府信息情况|主動公開政府資訊情況|主動公開政府信息情況/,
  /收到和处理政府信息公开申请|收到和處理政府(信息|資訊)公開申請/,
  /行政复议[、和]?(提起)?行政诉讼|行政復議[、和]?(提起)?行政訴訟/,
  /存在的主要问题|存在的主要問題/,
  /其他需要报告的事项|其他需要報告的事項/,
];
const TABLE_MARKERS: RegExp[] = [
  /第二十条|第二十條|信息内容|資訊內容|信息內容/,
  /申请人情况|申請人情況|本年新收|自然人/,
  /维持|維持|尚未审结|尚未審結/,
];

interface Score {
  el: Element;
  markers: number;
  text: number;
}

/**
 * The element holding the report: of the elements that contain (nearly) all the report's
 * markers — section titles in the text, table wording inside tables — the innermost one.
 * A bare fragment ends at <body>; a page without any marker keeps its whole body.
 */
function findArticle(doc: ParentNode): Element | null {
  const scores: Score[] = [];
  let body: Element | null = null;
  // Iterative post-order: each element's marker bits and text length from its children.
  // Short subtrees are also tested as a whole, for titles split over inline elements.
  interface Frame {
    node: Node;
    depth: number;
    inTable: boolean;
    bits: number;
    text: number;
    /** Text of the subtree while short, null once too long to be a title. */
    str: string | null;
    i: number;
  }
  const SHORT = 200;
  const stack: Frame[] = [{ node: doc as Node, depth: 0, inTable: false, bits: 0, text: 0, str: '', i: 0 }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    const n = f.node;
    const kids = 'childNodes' in n ? (n.childNodes as Node[]) : [];
    if (f.i < kids.length) {
      const c = kids[f.i++];
      if (c.nodeName === '#text') {
        const t = (c as DefaultTreeAdapterMap['textNode']).value.replace(/\s+/g, '');
        f.text += t.length;
        f.bits |= markerBits(t, f.inTable);
        if (f.str !== null) f.str = f.str.length + t.length <= SHORT ? f.str + t : null;
      } else if (isElement(c) && !SKIP.has(c.tagName)) {
        stack.push({ node: c, depth: f.depth + 1, inTable: f.inTable || c.tagName === 'table', bits: 0, text: 0, str: '', i: 0 });
      }
      continue;
    }
    stack.pop();
    if (f.str !== null) f.bits |= markerBits(f.str, f.inTable);
    if (isElement(n)) {
      if (n.tagName === 'body') body = n;
      scores.push({ el: n, markers: popcount(f.bits), text: f.text });
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.bits |= f.bits;
      parent.text += f.text;
      if (parent.str !== null) parent.str = f.str !== null && parent.str.length + f.str.length <= SHORT ? parent.str + f.str : null;
    }
  }
  const max = scores.reduce((m, s) => Math.max(m, s.markers), 0);
  if (max === 0) return body;
  const need = max >= 3 ? Math.max(2, Math.ceil(0.8 * max)) : max;
  const qualifying = scores.filter((s) => s.markers >= need);
  const set = new Set(qualifying.map((s) => s.el));
  // Innermost: no qualifying descendant. Marking the nearest qualifying ancestor suffices
  // (qualifying elements nest in chains), which keeps deep markup linear.
  const hasQualifyingChild = new Set<Element>();
  for (const s of qualifying) {
    for (let p = s.el.parentNode; p && isElement(p as Node); p = (p as Element).parentNode) {
      if (set.has(p as Element)) {
        hasQualifyingChild.add(p as Element);
        break;
      }
    }
  }
  const minimal = qualifying.filter((s) => !hasQualifyingChild.has(s.el));
  minimal.sort((a, b) => b.markers - a.markers || b.text - a.text);
  return minimal[0]?.el ?? body;
}

function markerBits(t: string, inTable: boolean): number {
  let bits = 0;
  SECTION_MARKERS.forEach((re, i) => {
    if (re.test(t)) bits |= 1 << i;
  });
  if (inTable)
    TABLE_MARKERS.forEach((re, i) => {
      if (re.test(t)) bits |= 1 << (SECTION_MARKERS.length + i);
    });
  return bits;
}

function popcount(n: number): number {
  let c = 0;
  for (; n; n &= n - 1) c++;
  return c;
}

// ---------------------------------------------------------------- blocks and lines

interface Builder {
  blocks: Block[];
  lines: string[];
  /** Inline text gathered for the current line. */
  buf: string;
  /** Path of the element the current line belongs to. */
  bufPath: string;
  /** Per tag name: how many were seen in the article (for paths). */
  counts: Map<string, number>;
  /** Path of the enclosing block element for inline text. */
  pathStack: string[];
  /** Inside <pre>: keep line breaks and tabs. */
  pre: number;
}

function nextIndex(b: Builder, tag: string): number {
  const n = (b.counts.get(tag) ?? 0) + 1;
  b.counts.set(tag, n);
  return n;
}

function pushLine(b: Builder, text: string, path: string): void {
  const pos: SourcePos = { line: b.lines.length + 1, column: 1, length: text.length, path };
  b.lines.push(text);
  b.blocks.push({ kind: 'paragraph', text, pos });
}

function flush(b: Builder): void {
  if (b.pre > 0) {
    // Preformatted: one line per source line; tabs stay (tab rows are cells to the extractor).
    for (const raw of b.buf.replace(/\r\n?/g, '\n').split('\n')) {
      const t = raw.replace(/[ \f]+/g, ' ').replace(/^[ \u00a0\u3000]+|[ \t\u00a0\u3000]+$/g, '');
      if (t !== '') pushLine(b, t, b.bufPath);
    }
  } else {
    const t = clean(b.buf);
    if (t !== '') pushLine(b, t, b.bufPath);
  }
  b.buf = '';
  b.bufPath = b.pathStack[b.pathStack.length - 1] ?? '';
}

function walk(b: Builder, n: Node, depth: number): void {
  if (n.nodeName === '#text') {
    if (b.buf === '') b.bufPath = b.pathStack[b.pathStack.length - 1] ?? '';
    b.buf += (n as DefaultTreeAdapterMap['textNode']).value;
    return;
  }
  if (!isElement(n)) return;
  const tag = n.tagName;
  if (SKIP.has(tag)) return;
  if (tag === 'br') {
    flush(b);
    return;
  }
  if (tag === 'table') {
    flush(b);
    if (isLayoutTable(n)) {
      // A table used for page layout around the report: its cells are ordinary content.
      const idx = nextIndex(b, 'table');
      b.pathStack.push(`table[${idx}]`);
      for (const row of tableRows(n)) for (const cell of rowCells(row)) {
        for (const c of children(cell)) walk(b, c, depth + 1);
        flush(b);
      }
      b.pathStack.pop();
      return;
    }
    emitTable(b, n);
    return;
  }
  if (depth > MAX_DEPTH) {
    // Pathologically deep markup: read what is left as one flat line.
    b.buf += textOf(n);
    return;
  }
  const block = BLOCK.has(tag);
  if (block) {
    flush(b);
    const idx = nextIndex(b, tag);
    b.pathStack.push(`${tag}[${idx}]`);
    b.bufPath = `${tag}[${idx}]`;
    if (tag === 'pre' || tag === 'listing' || tag === 'xmp' || tag === 'plaintext') b.pre++;
  }
  for (const c of children(n)) walk(b, c, depth + 1);
  if (block) {
    flush(b);
    if (tag === 'pre' || tag === 'listing' || tag === 'xmp' || tag === 'plaintext') b.pre--;
    b.pathStack.pop();
    b.bufPath = b.pathStack[b.pathStack.length - 1] ?? '';
  }
}

/** The table's own rows (not those of nested tables), in order. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of children(table)) {
    if (!isElement(c)) continue;
    if (c.tagName === 'tr') rows.push(c);
    else if (c.tagName === 'tbody' || c.tagName === 'thead' || c.tagName === 'tfoot')
      for (const r of children(c)) if (isElement(r) && r.tagName === 'tr') rows.push(r);
  }
  return rows;
}

function rowCells(tr: Element): Element[] {
  return children(tr).filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));
}

/** Tables nested in a cell (at any depth, not counting tables inside those). */
function nestedTables(el: Element): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [...children(el)].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n) || SKIP.has(n.tagName)) continue;
    if (n.tagName === 'table') {
      out.push(n);
      continue;
    }
    const k = children(n);
    for (let i = k.length - 1; i >= 0; i--) stack.push(k[i]);
  }
  return out;
}

/**
 * A table that lays out the page rather than holding figures: it wraps other tables,
 * or its cells hold long running text / several paragraphs, and it has at most two columns.
 */
function isLayoutTable(table: Element): boolean {
  const rows = tableRows(table);
  let maxCols = 0;
  let nested = false;
  let prose = false;
  for (const r of rows) {
    const cells = rowCells(r);
    maxCols = Math.max(maxCols, cells.length);
    for (const c of cells) {
      if (nestedTables(c).length) nested = true;
      const t = clean(textOf(c));
      if (t.length > 300 || SECTION_MARKERS.some((re) => re.test(t) && t.length > 40)) prose = true;
    }
  }
  return maxCols <= 2 && (nested || prose);
}

function positiveInt(v: string | undefined, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  const n = parseInt(v.trim(), 10);
  if (!Number.isFinite(n)) return dflt;
  return Math.min(Math.max(n, 0), max);
}

interface RawCell {
  text: string;
  path: string;
  rowSpan: number;
  colSpan: number;
}

const BREAK = '\u0001';
const HAN = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

/**
 * Cell text: text content with inner paragraphs and line breaks flattened. A break between
 * two Chinese characters (结果<br>纠正) joins them; elsewhere it becomes a space.
 */
function cellText(cell: Element): string {
  const raw = textOf(cell, BREAK).replace(/[ \t\n\r\f]*\u0001[ \t\n\r\f\u0001]*/g, BREAK);
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== BREAK) out += raw[i];
    else if (!(HAN.test(raw[i - 1] ?? '') && HAN.test(raw[i + 1] ?? ''))) out += ' ';
  }
  return clean(out);
}

/** Rows of raw cells of one table; a nested table in a cell is flattened into that row. */
function rawRows(table: Element, tablePath: string): RawCell[][] {
  const out: RawCell[][] = [];
  tableRows(table).forEach((tr, ri) => {
    const row: RawCell[] = [];
    rowCells(tr).forEach((td, ci) => {
      const path = `${tablePath} tr[${ri + 1}] ${td.tagName}[${ci + 1}]`;
      const rowSpan = positiveInt(attr(td, 'rowspan'), 1, 65534);
      const colSpan = Math.max(1, positiveInt(attr(td, 'colspan'), 1, 1000));
      const inner = nestedTables(td);
      if (inner.length === 0) {
        row.push({ text: cellText(td), path, rowSpan, colSpan });
        return;
      }
      // A sub-table in a cell: a single row of sub-cells continues the outer row; more rows
      // are read as text (the sub-table's rows joined by spaces).
      const subRows = inner.flatMap((t) => tableRows(t));
      if (inner.length === 1 && subRows.length === 1 && clean(textOf(td).replace(textOf(inner[0]), '')) === '') {
        rowCells(subRows[0]).forEach((sc, si) => row.push({ text: cellText(sc), path: `${path} td[${si + 1}]`, rowSpan, colSpan: 1 }));
        return;
      }
      row.push({ text: cellText(td), path, rowSpan, colSpan });
    });
    out.push(row);
  });
  return out;
}

function emitTable(b: Builder, table: Element): void {
  const idx = nextIndex(b, 'table');
  const tablePath = `table[${idx}]`;
  for (const c of children(table)) {
    if (isElement(c) && c.tagName === 'caption') {
      const t = cellText(c);
      if (t) pushLine(b, t, `${tablePath} caption`);
    }
  }
  const raw = rawRows(table, tablePath);
  // Lay the cells out on the grid: each cell at its origin, spans occupy the slots they cover.
  const occupied: boolean[][] = raw.map(() => []);
  const grid: GridCell[][] = [];
  raw.forEach((cells, r) => {
    const row: GridCell[] = [];
    let col = 0;
    for (const c of cells) {
      while (occupied[r][col]) col++;
      // rowspan="0" spans to the end of the table.
      const rs = c.rowSpan === 0 ? raw.length - r : Math.min(c.rowSpan, raw.length - r);
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < c.colSpan; dc++) occupied[r + dr][col + dc] = true;
      const cell: GridCell = { text: c.text, pos: { path: c.path } };
      if (rs > 1) cell.rowSpan = rs;
      if (c.colSpan > 1) cell.colSpan = c.colSpan;
      row.push(cell);
      col += c.colSpan;
    }
    grid.push(row);
  });
  const rows = grid.filter((r) => r.length > 0);
  if (rows.length === 0) return;
  const firstLine = b.lines.length + 1;
  for (const row of rows) {
    const line = b.lines.length + 1;
    let column = 1;
    for (const cell of row) {
      cell.pos = { line, column, length: cell.text.length, path: cell.pos.path };
      column += cell.text.length + 1;
    }
    b.lines.push(row.map((c) => c.text).join('\t'));
  }
  b.blocks.push({ kind: 'table', rows, pos: { line: firstLine, column: 1, path: tablePath } });
}

// ---------------------------------------------------------------- hints

/** A name that names the annual report (simplified or traditional). */
const NAMES_REPORT = /(信息|資訊|信息|政务|政務)公[开開].*(报告|報告|年报|年報)/;

function metaMap(doc: ParentNode): Map<string, string> {
  const out = new Map<string, string>();
  const stack: Node[] = [...children(doc)];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.tagName === 'meta') {
      const key = (attr(n, 'name') ?? attr(n, 'property') ?? attr(n, 'itemprop') ?? '').toLowerCase();
      const content = attr(n, 'content');
      if (key && content !== undefined && content.trim() !== '' && !out.has(key)) out.set(key, content.trim());
      continue;
    }
    if (n.tagName === 'script' || n.tagName === 'style') continue;
    stack.push(...children(n));
  }
  return out;
}

function findAll(doc: ParentNode, tags: Set<string>): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [...children(doc)].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (tags.has(n.tagName)) out.push(n);
    if (n.tagName === 'script' || n.tagName === 'style') continue;
    const k = children(n);
    for (let i = k.length - 1; i >= 0; i--) stack.push(k[i]);
  }
  return out;
}

/** The part of a page title that names the report (site names after _ | - are dropped). */
function reportTitle(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = clean(s);
  if (!NAMES_REPORT.test(t)) return undefined;
  const parts = t.split(/\s*(?:_|\||｜|——|－|\s-\s|—\s)\s*/).map((p) => p.trim()).filter(Boolean);
  const named = parts.find((p) => NAMES_REPORT.test(p));
  return named ?? t;
}

const DATE_LINE = /(?:发布|發布|發佈|公开|公開)(?:日期|时间|時間)\s*[:：]?\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)/;
const PUBLISHER_LINE = /(?:发布机构|發布機構|發佈機構)\s*[:：]\s*([^\s:：]{2,40})/;

function findHints(doc: ParentNode, pageLines: string[]): SourceDocument['hints'] {
  const hints: SourceDocument['hints'] = {};
  const meta = metaMap(doc);
  const titleEl = findAll(doc, new Set(['title']))[0];
  const headings = findAll(doc, new Set(['h1', 'h2']));
  const candidates = [meta.get('articletitle'), meta.get('og:title'), meta.get('title'), meta.get('headline'), ...headings.map((h) => textOf(h)), titleEl ? textOf(titleEl) : undefined];
  for (const c of candidates) {
    const t = reportTitle(c);
    if (t) {
      hints.title = t;
      break;
    }
  }
  const pub = ['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time', 'publishtime', 'dc.date'].map((k) => meta.get(k)).find((v) => v && /\d{4}/.test(v));
  if (pub) hints.publishedAt = pub;
  else
    for (const l of pageLines) {
      const m = DATE_LINE.exec(l);
      if (m) {
        hints.publishedAt = m[1].trim();
        break;
      }
    }
  const source = meta.get('contentsource');
  if (source) hints.publisher = source;
  else
    for (const l of pageLines) {
      const m = PUBLISHER_LINE.exec(l);
      if (m) {
        hints.publisher = m[1];
        break;
      }
    }
  return hints;
}

// ---------------------------------------------------------------- reader

function newBuilder(): Builder {
  return { blocks: [], lines: [], buf: '', bufPath: '', counts: new Map(), pathStack: [], pre: 0 };
}

export function readHtml(buf: Uint8Array, name: string): SourceDocument {
  void name;
  if (looksBinary(buf)) throw new ReadFailure('binary', '文件声称是网页（HTML），但内容是二进制数据，无法读取。请确认文件下载完整、未损坏。');
  if (buf.length > LIMITS.maxTextBytes)
    throw new ReadFailure('too-large', `网页文件过大（${Math.round(buf.length / 1024 / 1024)} MB），超过上限 ${Math.round(LIMITS.maxTextBytes / 1024 / 1024)} MB。一份年度报告的网页通常不足 1 MB，请确认文件内容。`);
  const html = decodeHtml(buf);
  const doc = parse(html) as ParentNode;
  const article = findArticle(doc) ?? (doc as Element);

  const b = newBuilder();
  // Text directly in the container is placed by the container's own tag (and first class).
  const cls = attr(article, 'class')?.trim().split(/\s+/)[0];
  b.pathStack.push(article.tagName + (cls ? `.${cls}` : ''));
  for (const c of children(article)) walk(b, c, 1);
  flush(b);

  // The whole page's lines, for the hints that sit outside the article (发布日期 in the chrome).
  const page = newBuilder();
  const body = findAll(doc, new Set(['body']))[0];
  if (body && body !== article) {
    for (const c of children(body)) walk(page, c, 1);
    flush(page);
  }
  const hints = findHints(doc, body && body !== article ? page.lines : b.lines);

  const readIssues: SourceDocument['readIssues'] = [];
  if (b.blocks.length === 0) readIssues.push({ code: 'empty-page', message: '网页中没有可读取的正文内容。' });
  return { format: 'html', blocks: b.blocks, lines: b.lines, hints, readIssues };
}

registerReader('html', readHtml);
