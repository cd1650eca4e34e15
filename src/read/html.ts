/**
 * HTML → document. The page is parsed with htmlparser2 (fast and tolerant: malformed
 * markup is repaired, never rejected), with the HTML5 tree-construction rules that matter
 * for reports added on top (cells and rows close open cells, implied <tr>, <p> closed by
 * blocks, the body holding all content). The article container is found among the site
 * chrome, and its content becomes paragraph blocks and table blocks in document order.
 * Tables are laid out on a true grid (rowspan/colspan), but every cell is emitted once,
 * at its origin.
 */
import { Parser } from 'htmlparser2';
import iconv from 'iconv-lite';
import { ReadFailure } from '../core/failure.js';
import { LIMITS } from '../core/limits.js';
import type { Block, GridCell, SourceDocument, SourcePos } from '../core/types.js';
import { decodeText, looksBinary } from './decode.js';
import { registerReader } from './index.js';

// ---------------------------------------------------------------- tree

/** The parts of a domhandler node the reader uses. */
interface Node {
  type: string;
  parent: ParentNode | null;
}
interface TextNode extends Node {
  data: string;
}
interface ParentNode extends Node {
  children: Node[];
}
interface Element extends ParentNode {
  name: string;
  attribs: Record<string, string>;
}

function isElement(n: Node): n is Element {
  const t = n.type;
  return t === 'tag' || t === 'script' || t === 'style';
}

function isText(n: Node): n is TextNode {
  return n.type === 'text';
}

function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

function children(n: Node): Node[] {
  return (n as ParentNode).children ?? NO_CHILDREN;
}
const NO_CHILDREN: Node[] = [];

/** Elements that close a <p> in button scope when they open (HTML5 "in body" rules). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'listing',
  'form', 'plaintext', 'hr', 'xmp', 'li', 'dd', 'dt', 'table',
]);
const BUTTON_SCOPE = new Set(['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template', 'button', 'svg', 'math']);
const TABLE_PARTS = new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'caption']);
const TABLE_CONTEXT = new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'table', 'caption']);

interface ParserInternals {
  stack: string[];
  tagname: string;
  attribs: Record<string, string> | null;
  cbs: { onclosetag?(name: string, implied: boolean): void };
  emitOpenTag(name: string): void;
  endOpenTag(implied: boolean): void;
  end(s: string): void;
}
const ParserBase = Parser as unknown as new (cbs: TreeBuilder, options: object) => ParserInternals;

/** Builds the tree from the parser's events (lighter than domhandler: no comments, no sibling links). */
class TreeBuilder {
  readonly root: ParentNode = { type: 'root', parent: null, children: [] };
  private readonly stack: ParentNode[] = [this.root];
  /** The text node still being written to: adjacent text is one node. */
  private last: TextNode | null = null;

  onopentag(name: string, attribs: Record<string, string>): void {
    const parent = this.stack[this.stack.length - 1];
    const el: Element = { type: 'tag', parent, children: [], name, attribs };
    parent.children.push(el);
    this.stack.push(el);
    this.last = null;
  }

  onclosetag(): void {
    if (this.stack.length > 1) this.stack.pop();
    this.last = null;
  }

  ontext(data: string): void {
    if (this.last) this.last.data += data;
    else {
      const parent = this.stack[this.stack.length - 1];
      const t: TextNode = { type: 'text', parent, data };
      parent.children.push(t);
      this.last = t;
    }
  }

  /** A comment separates text nodes (as it does in the HTML5 tree). */
  oncomment(): void {
    this.last = null;
  }

  onprocessinginstruction(): void {
    this.last = null;
  }
}

/**
 * htmlparser2's parser with the table and paragraph rules of the HTML5 algorithm that
 * change how a report reads: a cell or row start closes the open cell/row (whatever inline
 * markup is still open inside it), a cell outside a row gets an implied <tr>, table parts
 * outside any table are ignored, and block starts close an open <p> (a table only when the
 * page is not in quirks mode).
 */
class HtmlParser extends ParserBase {
  quirks = false;

  private popThrough(i: number): void {
    for (let k = 0; k <= i; k++) this.cbs.onclosetag?.(this.stack.shift()!, true);
  }

  /** Index in the stack of the innermost table-context element, -1 if none. */
  private tableContext(): number {
    const s = this.stack;
    for (let i = 0; i < s.length; i++) if (TABLE_CONTEXT.has(s[i])) return i;
    return -1;
  }

  override emitOpenTag(name: string): void {
    if (TABLE_PARTS.has(name)) {
      let i = this.tableContext();
      if (i < 0) {
        // A table part outside any table: the tag is ignored, its content stays.
        this.tagname = name;
        this.attribs = null;
        return;
      }
      if (name === 'td' || name === 'th') {
        if (this.stack[i] === 'td' || this.stack[i] === 'th') {
          this.popThrough(i);
          i = this.tableContext();
        }
        if (i >= 0 && this.stack[i] !== 'tr' && this.stack[i] !== 'caption' && this.stack[i] !== 'td' && this.stack[i] !== 'th') {
          if (i > 0) this.popThrough(i - 1);
          super.emitOpenTag('tr');
          this.endOpenTag(true);
        }
      } else if (name === 'tr') {
        while (i >= 0 && (this.stack[i] === 'td' || this.stack[i] === 'th' || this.stack[i] === 'tr' || this.stack[i] === 'caption')) {
          this.popThrough(i);
          i = this.tableContext();
        }
      } else {
        while (i >= 0 && this.stack[i] !== 'table') {
          this.popThrough(i);
          i = this.tableContext();
        }
      }
    } else if (CLOSES_P.has(name) && !(name === 'table' && this.quirks)) {
      const s = this.stack;
      for (let i = 0; i < s.length; i++) {
        if (s[i] === 'p') {
          this.popThrough(i);
          break;
        }
        if (BUTTON_SCOPE.has(s[i])) break;
      }
    }
    if (name === 'table' && this.quirks && this.stack[0] === 'p') {
      // htmlparser2 would close the <p>: in quirks mode the table nests in it.
      this.stack[0] = '#p';
      super.emitOpenTag(name);
      this.stack[1] = 'p';
      return;
    }
    super.emitOpenTag(name);
  }
}

const PARSE_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };
const DOCTYPE = /^(?:\s|<!--[\s\S]*?-->)*<!doctype\s+([^\s>]+)\s*(?:public\s*(["'])(.*?)\2)?\s*(?:(["'])(.*?)\4|system\s*(["'])(.*?)\6)?/i;
const QUIRKS_PUBLIC = /^(?:\+\/\/silmaril\/\/|-\/\/(?:as|advasoft ltd|ietf|metrius|microsoft|netscape comm\. corp\.|o'reilly and associates|sq|softquad software|softquad|spyglass|sun microsystems corp\.|w3o|webtechs)\/\/dtd |-\/\/w3c\/\/dtd (?:html 3|html 4\.0 frameset\/\/|html 4\.0 transitional\/\/|html experimental|w3 html))/;

/** Quirks mode as the HTML5 algorithm decides it from the doctype (no doctype: quirks). */
function isQuirks(html: string): boolean {
  const m = DOCTYPE.exec(html.slice(0, 2048));
  if (!m) return true;
  if (m[1].toLowerCase() !== 'html') return true;
  const pub = m[3]?.toLowerCase();
  const sys = m[5] ?? m[7];
  if (sys?.toLowerCase() === 'http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd') return true;
  if (pub === undefined) return false;
  if (pub === '-//w3o//dtd w3 html strict 3.0//en//' || pub === '-/w3c/dtd html 4.0 transitional/en' || pub === 'html') return true;
  if (QUIRKS_PUBLIC.test(pub)) return true;
  return sys === undefined && /^-\/\/w3c\/\/dtd html 4\.01 (?:frameset|transitional)\/\//.test(pub);
}

/** Elements that may stay in <head>; anything else ends it (its content belongs to the body). */
const HEAD_CONTENT = new Set(['meta', 'link', 'title', 'script', 'style', 'base', 'basefont', 'bgsound', 'noscript', 'template', 'command']);

function isBlankText(n: Node): boolean {
  return n.type === 'text' && !/[^ \t\n\r\f]/.test((n as TextNode).data);
}

function reparent(nodes: Node[], parent: ParentNode): void {
  for (const n of nodes) n.parent = parent;
}

/**
 * Parse a page into a tree shaped like the HTML5 algorithm's: one <body> holding all the
 * page's content (text after </body> or </html>, content that ended up in <head>).
 */
function parseHtml(html: string): { doc: ParentNode; body: Element } {
  if (html.includes('\r')) html = html.replace(/\r\n?/g, '\n');
  const builder = new TreeBuilder();
  const parser = new HtmlParser(builder, PARSE_OPTIONS);
  parser.quirks = isQuirks(html);
  parser.end(html);
  const doc = builder.root;
  let container: ParentNode = doc;
  for (const c of doc.children) if (isElement(c) && c.name === 'html') container = c;
  // The top-level sequence: the document's nodes with <html>'s own in its place.
  const top: Node[] = [];
  for (const c of doc.children) {
    if (c === container) top.push(...container.children);
    else top.push(c);
  }
  let body: Element | null = null;
  const before: Node[] = [];
  const after: Node[] = [];
  const keep: Node[] = [];
  let content = false;
  for (const c of top) {
    if (c.type === 'directive' || c.type === 'comment') continue;
    if (!body && isBlankText(c)) {
      if (content) before.push(c);
      continue;
    }
    if (!body && isElement(c) && c.name === 'body') {
      body = c;
      continue;
    }
    if (!body && !content && isElement(c) && c.name === 'head') {
      // Whatever is not head content ends the head: it and all after it are body content.
      const k = c.children;
      const i = k.findIndex((x) => !(x.type === 'comment' || isBlankText(x) || (isElement(x) && HEAD_CONTENT.has(x.name))));
      if (i >= 0) {
        before.push(...k.slice(i));
        c.children = k.slice(0, i);
        content = true;
      }
      keep.push(c);
      continue;
    }
    if (!body && !content && isElement(c) && HEAD_CONTENT.has(c.name) && c.name !== 'noscript' && c.name !== 'template') {
      keep.push(c);
      continue;
    }
    content = true;
    if (body) after.push(c);
    else before.push(c);
  }
  if (!body) body = { type: 'tag', name: 'body', attribs: {}, children: [], parent: null } as Element;
  body.children = [...before, ...body.children, ...after.filter((n) => n.type !== 'comment' && n.type !== 'directive')];
  reparent(body.children, body);
  const htmlEl: Element = container !== doc ? (container as Element) : ({ type: 'tag', name: 'html', attribs: {}, children: [], parent: doc } as Element);
  htmlEl.children = [...keep.filter(isElement), body];
  reparent(htmlEl.children, htmlEl);
  doc.children = [htmlEl];
  htmlEl.parent = doc;
  return { doc, body };
}

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

/** Set by textOf when the subtree holds a (non-skipped) table below its root. */
let sawTable = false;

/** Text content of a subtree (skipped elements excluded), iterative: depth is no danger. */
function textOf(root: Node, brAs = ' '): string {
  sawTable = false;
  if (isText(root)) return root.data;
  if (!isElement(root) && root.type !== 'root') return '';
  let out = '';
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      out += (n as TextNode).data;
      continue;
    }
    if (!isElement(n)) {
      if (n.type === 'root') for (let k = (n as ParentNode).children, i = k.length - 1; i >= 0; i--) stack.push(k[i]);
      continue;
    }
    const tag = n.name;
    if (SKIP.has(tag)) continue;
    if (tag === 'br') {
      out += brAs;
      continue;
    }
    if (tag === 'table' && n !== root) sawTable = true;
    if (BLOCK.has(tag)) out += brAs;
    const k = n.children;
    if (k.length === 1 && k[0].type === 'text') out += (k[0] as TextNode).data;
    else for (let i = k.length - 1; i >= 0; i--) stack.push(k[i]);
  }
  return out;
}

/** Whitespace collapsed, no tabs (tabs separate cells in `lines`), ends trimmed. */
function clean(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  // Usually there is nothing to do: no edge space, no run of white space to collapse.
  if (!isSpace(s.charCodeAt(0)) && !isSpace(s.charCodeAt(n - 1)) && !NEEDS_COLLAPSE.test(s)) return s;
  return s.replace(WS, ' ').replace(EDGE_SPACE, '');
}
const NEEDS_COLLAPSE = /[\t\n\r\f]| {2}/;

/** The characters EDGE_SPACE trims (JavaScript's \s and U+200B). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
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
  return decodeText(buf).text;
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
/** Any marker at all: one pass rules out the (usual) text that holds none. */
const ANY_SECTION = new RegExp(SECTION_MARKERS.map((r) => r.source).join('|'));
const ANY_MARKER = new RegExp([...SECTION_MARKERS, ...TABLE_MARKERS].map((r) => r.source).join('|'));
/** Words the page-wide hints need (a date line, a publisher line), whitespace removed. */
const HINT_WORDS = /(?:发布|發布|發佈|公开|公開)(?:日期|时间|時間)|发布机构|發布機構|發佈機構/;

interface Score {
  el: Element;
  markers: number;
  text: number;
}

interface Frame {
  node: ParentNode;
  inTable: boolean;
  bits: number;
  text: number;
  /** Text of the subtree while short, null once too long to be a title. */
  str: string | null;
  /** Non-empty pieces `str` was joined from: one piece was tested already. */
  pieces: number;
  i: number;
}

/**
 * The element holding the report: of the elements that contain (nearly) all the report's
 * markers — section titles in the text, table wording inside tables — the innermost one.
 * A bare fragment ends at <body>; a page without any marker keeps its whole body.
 * Also tells whether the page's text holds the words of the page-wide hints.
 */
function findArticle(doc: ParentNode, body: Element): { article: Element; hintWords: boolean } {
  const scores: Score[] = [];
  const all: string[] = [];
  // Iterative post-order: each element's marker bits and text length from its children.
  // Short subtrees are also tested as a whole, for titles split over inline elements.
  const SHORT = 200;
  const stack: Frame[] = [{ node: doc, inTable: false, bits: 0, text: 0, str: '', pieces: 0, i: 0 }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    const kids = f.node.children;
    if (f.i < kids.length) {
      const c = kids[f.i++];
      if (c.type === 'text') {
        let t = (c as TextNode).data;
        if (/\s/.test(t)) t = t.replace(/\s+/g, '');
        if (t.length === 0) continue;
        all.push(t);
        f.text += t.length;
        f.bits |= markerBits(t, f.inTable);
        if (f.str !== null) {
          f.str = f.str.length + t.length <= SHORT ? f.str + t : null;
          f.pieces++;
        }
      } else if (isElement(c) && !SKIP.has(c.name)) {
        stack.push({ node: c, inTable: f.inTable || c.name === 'table', bits: 0, text: 0, str: '', pieces: 0, i: 0 });
      }
      continue;
    }
    stack.pop();
    if (f.str !== null && f.pieces > 1) f.bits |= markerBits(f.str, f.inTable);
    const n = f.node;
    // Elements without any marker can never qualify: no score needed.
    if (f.bits !== 0 && isElement(n)) scores.push({ el: n, markers: popcount(f.bits), text: f.text });
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.bits |= f.bits;
      parent.text += f.text;
      if (parent.str !== null) {
        if (f.str === null || parent.str.length + f.str.length > SHORT) parent.str = null;
        else if (f.str !== '') {
          parent.str += f.str;
          parent.pieces++;
        }
      }
    }
  }
  const hintWords = HINT_WORDS.test(all.join(''));
  const max = scores.reduce((m, s) => Math.max(m, s.markers), 0);
  if (max === 0) return { article: body, hintWords };
  const need = max >= 3 ? Math.max(2, Math.ceil(0.8 * max)) : max;
  const qualifying = scores.filter((s) => s.markers >= need);
  const set = new Set(qualifying.map((s) => s.el));
  // Innermost: no qualifying descendant. Marking the nearest qualifying ancestor suffices
  // (qualifying elements nest in chains), which keeps deep markup linear.
  const hasQualifyingChild = new Set<Element>();
  for (const s of qualifying) {
    for (let p = s.el.parent; p && isElement(p); p = p.parent) {
      if (set.has(p)) {
        hasQualifyingChild.add(p);
        break;
      }
    }
  }
  const minimal = qualifying.filter((s) => !hasQualifyingChild.has(s.el));
  minimal.sort((a, b) => b.markers - a.markers || b.text - a.text);
  return { article: minimal[0]?.el ?? body, hintWords };
}

function markerBits(t: string, inTable: boolean): number {
  let bits = 0;
  if (!(inTable ? ANY_MARKER : ANY_SECTION).test(t)) return 0;
  for (let i = 0; i < SECTION_MARKERS.length; i++) if (SECTION_MARKERS[i].test(t)) bits |= 1 << i;
  if (inTable) for (let i = 0; i < TABLE_MARKERS.length; i++) if (TABLE_MARKERS[i].test(t)) bits |= 1 << (SECTION_MARKERS.length + i);
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
  if (b.buf !== '') {
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
  }
  b.bufPath = b.pathStack[b.pathStack.length - 1] ?? '';
}

function isPre(tag: string): boolean {
  return tag === 'pre' || tag === 'listing' || tag === 'xmp' || tag === 'plaintext';
}

function walk(b: Builder, n: Node, depth: number): void {
  if (n.type === 'text') {
    if (b.buf === '') b.bufPath = b.pathStack[b.pathStack.length - 1] ?? '';
    b.buf += (n as TextNode).data;
    return;
  }
  if (!isElement(n)) return;
  const tag = n.name;
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
        for (const c of cell.children) walk(b, c, depth + 1);
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
    const path = `${tag}[${nextIndex(b, tag)}]`;
    b.pathStack.push(path);
    b.bufPath = path;
    if (isPre(tag)) b.pre++;
  }
  for (const c of n.children) walk(b, c, depth + 1);
  if (block) {
    flush(b);
    if (isPre(tag)) b.pre--;
    b.pathStack.pop();
    b.bufPath = b.pathStack[b.pathStack.length - 1] ?? '';
  }
}

/** The table's own rows (not those of nested tables), in order. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of table.children) {
    if (!isElement(c)) continue;
    if (c.name === 'tr') rows.push(c);
    else if (c.name === 'tbody' || c.name === 'thead' || c.name === 'tfoot') for (const r of c.children) if (isElement(r) && r.name === 'tr') rows.push(r);
  }
  return rows;
}

function rowCells(tr: Element): Element[] {
  const out: Element[] = [];
  for (const c of tr.children) if (isElement(c) && (c.name === 'td' || c.name === 'th')) out.push(c);
  return out;
}

/** Tables nested in a cell (at any depth, not counting tables inside those). */
function nestedTables(el: Element): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [...el.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n) || SKIP.has(n.name)) continue;
    if (n.name === 'table') {
      out.push(n);
      continue;
    }
    const k = n.children;
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
  const cellsOf = rows.map(rowCells);
  // Only a table of one or two columns can be page layout: decide that before reading any text.
  if (cellsOf.some((cells) => cells.length > 2)) return false;
  let nested = false;
  let prose = false;
  for (const cells of cellsOf) {
    for (const c of cells) {
      const t = clean(textOf(c));
      if (sawTable) nested = true;
      if (t.length > 300 || SECTION_MARKERS.some((re) => re.test(t) && t.length > 40)) prose = true;
    }
  }
  return nested || prose;
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
const BREAK_RUN = /[ \t\n\r\f]*\u0001[ \t\n\r\f\u0001]*/g;

function isHan(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);
}

/**
 * Cell text: text content with inner paragraphs and line breaks flattened. A break between
 * two Chinese characters (结果<br>纠正) joins them; elsewhere it becomes a space.
 */
function cellText(cell: Element): string {
  return breaksFlattened(textOf(cell, BREAK));
}

/** A cell holding one text node: its text, no break handling needed (the cell's own break is trimmed). */
function soleText(cell: Element): string | undefined {
  const k = cell.children;
  if (k.length !== 1 || k[0].type !== 'text') return undefined;
  const t = (k[0] as TextNode).data;
  return t.includes(BREAK) ? undefined : t;
}

function breaksFlattened(s: string): string {
  if (!s.includes(BREAK)) return clean(s);
  const raw = s.replace(BREAK_RUN, BREAK);
  let out = '';
  let from = 0;
  for (let i = raw.indexOf(BREAK); i >= 0; i = raw.indexOf(BREAK, i + 1)) {
    out += raw.slice(from, i);
    if (!(isHan(raw.charCodeAt(i - 1)) && isHan(raw.charCodeAt(i + 1)))) out += ' ';
    from = i + 1;
  }
  return clean(out + raw.slice(from));
}

/** Rows of raw cells of one table; a nested table in a cell is flattened into that row. */
function rawRows(table: Element, tablePath: string): RawCell[][] {
  const out: RawCell[][] = [];
  const rows = tableRows(table);
  for (let ri = 0; ri < rows.length; ri++) {
    const row: RawCell[] = [];
    const cells = rowCells(rows[ri]);
    for (let ci = 0; ci < cells.length; ci++) {
      const td = cells[ci];
      const path = `${tablePath} tr[${ri + 1}] ${td.name}[${ci + 1}]`;
      const rowSpan = positiveInt(td.attribs.rowspan, 1, 65534);
      const colSpan = Math.max(1, positiveInt(td.attribs.colspan, 1, 1000));
      const sole = soleText(td);
      if (sole !== undefined) {
        row.push({ text: clean(sole), path, rowSpan, colSpan });
        continue;
      }
      const raw = textOf(td, BREAK);
      if (!sawTable) {
        row.push({ text: breaksFlattened(raw), path, rowSpan, colSpan });
        continue;
      }
      const inner = nestedTables(td);
      // A sub-table in a cell: a single row of sub-cells continues the outer row; more rows
      // are read as text (the sub-table's rows joined by spaces).
      const subRows = inner.flatMap((t) => tableRows(t));
      if (inner.length === 1 && subRows.length === 1 && clean(textOf(td).replace(textOf(inner[0]), '')) === '') {
        rowCells(subRows[0]).forEach((sc, si) => row.push({ text: cellText(sc), path: `${path} td[${si + 1}]`, rowSpan, colSpan: 1 }));
        continue;
      }
      row.push({ text: breaksFlattened(raw), path, rowSpan, colSpan });
    }
    out.push(row);
  }
  return out;
}

function emitTable(b: Builder, table: Element): void {
  const idx = nextIndex(b, 'table');
  const tablePath = `table[${idx}]`;
  for (const c of table.children) {
    if (isElement(c) && c.name === 'caption') {
      const t = cellText(c);
      if (t) pushLine(b, t, `${tablePath} caption`);
    }
  }
  const raw = rawRows(table, tablePath);
  // Lay the cells out on the grid: each cell at its origin, spans occupy the slots they cover.
  // Rows left without a cell of their own (all covered by spans) give no line.
  const occupied: boolean[][] = raw.map(() => []);
  const rows: GridCell[][] = [];
  const firstLine = b.lines.length + 1;
  for (let r = 0; r < raw.length; r++) {
    const cells = raw[r];
    if (cells.length === 0) continue;
    const row: GridCell[] = [];
    const line = b.lines.length + 1;
    let text = '';
    let col = 0;
    let column = 1;
    for (const c of cells) {
      while (occupied[r][col]) col++;
      // rowspan="0" spans to the end of the table.
      const rs = c.rowSpan === 0 ? raw.length - r : Math.min(c.rowSpan, raw.length - r);
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < c.colSpan; dc++) occupied[r + dr][col + dc] = true;
      const cell: GridCell = { text: c.text, pos: { line, column, length: c.text.length, path: c.path } };
      if (rs > 1) cell.rowSpan = rs;
      if (c.colSpan > 1) cell.colSpan = c.colSpan;
      text = row.length === 0 ? c.text : text + '\t' + c.text;
      row.push(cell);
      col += c.colSpan;
      column += c.text.length + 1;
    }
    rows.push(row);
    b.lines.push(text);
  }
  if (rows.length === 0) return;
  b.blocks.push({ kind: 'table', rows, pos: { line: firstLine, column: 1, path: tablePath } });
}

// ---------------------------------------------------------------- hints

/** A name that names the annual report (simplified or traditional). */
const NAMES_REPORT = /(信息|資訊|信息|政务|政務)公[开開].*(报告|報告|年报|年報)/;

/** Elements whose content the HTML5 algorithm keeps as raw text or out of the tree. */
const OPAQUE = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'noembed', 'noframes', 'xmp', 'textarea', 'title']);

interface PageParts {
  /** Meta name/property/itemprop → content (the last one of a name wins). */
  meta: Map<string, string>;
  title: Element | undefined;
  headings: Element[];
}

/** The page's metas, first <title> and <h1>/<h2> headings, in one pass. */
function pageParts(doc: ParentNode): PageParts {
  const parts: PageParts = { meta: new Map(), title: undefined, headings: [] };
  const stack: Node[] = [...doc.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    const tag = n.name;
    if (tag === 'meta') {
      const a = n.attribs;
      const key = (a.name ?? a.property ?? a.itemprop ?? '').toLowerCase();
      const content = a.content;
      if (key && content !== undefined && content.trim() !== '') parts.meta.set(key, content.trim());
      continue;
    }
    if (tag === 'title') parts.title ??= n;
    else if (tag === 'h1' || tag === 'h2') parts.headings.push(n);
    if (OPAQUE.has(tag)) continue;
    const k = n.children;
    for (let i = k.length - 1; i >= 0; i--) stack.push(k[i]);
  }
  return parts;
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

/** `pageLines` is called only when a hint must be looked for in the page's lines. */
function findHints(doc: ParentNode, pageLines: () => string[]): SourceDocument['hints'] {
  const hints: SourceDocument['hints'] = {};
  const { meta, title: titleEl, headings } = pageParts(doc);
  const candidates = [meta.get('articletitle'), meta.get('og:title'), meta.get('title'), meta.get('headline')];
  let title: string | undefined;
  for (const c of candidates) if ((title = reportTitle(c))) break;
  if (!title) for (const h of headings) if ((title = reportTitle(textOf(h)))) break;
  if (!title && titleEl) title = reportTitle(textOf(titleEl));
  if (title) hints.title = title;
  const pub = ['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time', 'publishtime', 'dc.date'].map((k) => meta.get(k)).find((v) => v && /\d{4}/.test(v));
  if (pub) hints.publishedAt = pub;
  else
    for (const l of pageLines()) {
      const m = DATE_LINE.exec(l);
      if (m) {
        hints.publishedAt = m[1].trim();
        break;
      }
    }
  const source = meta.get('contentsource');
  if (source) hints.publisher = source;
  else
    for (const l of pageLines()) {
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
  const { doc, body } = parseHtml(html);
  const { article, hintWords } = findArticle(doc, body);

  const b = newBuilder();
  // Text directly in the container is placed by the container's own tag (and first class).
  const cls = attr(article, 'class')?.trim().split(/\s+/)[0];
  b.pathStack.push(article.name + (cls ? `.${cls}` : ''));
  for (const c of article.children) walk(b, c, 1);
  flush(b);

  // The whole page's lines, for the hints that sit outside the article (发布日期 in the chrome);
  // read only when the page's text holds the words those hints look for.
  let page: string[] | undefined;
  const pageLines = (): string[] => {
    if (page) return page;
    if (body === article) return (page = b.lines);
    if (!hintWords) return (page = []);
    const p = newBuilder();
    for (const c of body.children) walk(p, c, 1);
    flush(p);
    return (page = p.lines);
  };
  const hints = findHints(doc, pageLines);

  const readIssues: SourceDocument['readIssues'] = [];
  if (b.blocks.length === 0) readIssues.push({ code: 'empty-page', message: '网页中没有可读取的正文内容。' });
  return { format: 'html', blocks: b.blocks, lines: b.lines, hints, readIssues };
}

registerReader('html', readHtml);
