/**
 * HTML reading, stage 1: the document tree. htmlparser2 with the HTML5 tree-construction
 * rules that matter for reports (cells and rows close open cells, implied <tr>, <p> closed by
 * blocks, the body holding all content), and the text of a subtree.
 */
import { Parser } from 'htmlparser2';
import { walk } from './html-blocks.js';

// ---------------------------------------------------------------- tree

/** The parts of a domhandler node the reader uses. */
export interface Node {
  type: string;
  parent: ParentNode | null;
}
export interface TextNode extends Node {
  data: string;
}
export interface ParentNode extends Node {
  children: Node[];
}
export interface Element extends ParentNode {
  name: string;
  attribs: Record<string, string>;
}

export function isElement(n: Node): n is Element {
  const t = n.type;
  return t === 'tag' || t === 'script' || t === 'style';
}

export function isText(n: Node): n is TextNode {
  return n.type === 'text';
}

export function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

export function children(n: Node): Node[] {
  return (n as ParentNode).children ?? NO_CHILDREN;
}
export const NO_CHILDREN: Node[] = [];

/** Elements that close a <p> in button scope when they open (HTML5 "in body" rules). */
export const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'listing',
  'form', 'plaintext', 'hr', 'xmp', 'li', 'dd', 'dt', 'table',
]);
export const BUTTON_SCOPE = new Set(['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template', 'button', 'svg', 'math']);
export const TABLE_PARTS = new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'caption']);
export const TABLE_CONTEXT = new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'table', 'caption']);

export interface ParserInternals {
  stack: string[];
  tagname: string;
  attribs: Record<string, string> | null;
  cbs: { onclosetag?(name: string, implied: boolean): void };
  emitOpenTag(name: string): void;
  endOpenTag(implied: boolean): void;
  end(s: string): void;
}
export const ParserBase = Parser as unknown as new (cbs: TreeBuilder, options: object) => ParserInternals;

/** Builds the tree from the parser's events (lighter than domhandler: no comments, no sibling links). */
export class TreeBuilder {
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
export class HtmlParser extends ParserBase {
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

export const PARSE_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };
export const DOCTYPE = /^(?:\s|<!--[\s\S]*?-->)*<!doctype\s+([^\s>]+)\s*(?:public\s*(["'])(.*?)\2)?\s*(?:(["'])(.*?)\4|system\s*(["'])(.*?)\6)?/i;
export const QUIRKS_PUBLIC = /^(?:\+\/\/silmaril\/\/|-\/\/(?:as|advasoft ltd|ietf|metrius|microsoft|netscape comm\. corp\.|o'reilly and associates|sq|softquad software|softquad|spyglass|sun microsystems corp\.|w3o|webtechs)\/\/dtd |-\/\/w3c\/\/dtd (?:html 3|html 4\.0 frameset\/\/|html 4\.0 transitional\/\/|html experimental|w3 html))/;

/** Quirks mode as the HTML5 algorithm decides it from the doctype (no doctype: quirks). */
export function isQuirks(html: string): boolean {
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
export const HEAD_CONTENT = new Set(['meta', 'link', 'title', 'script', 'style', 'base', 'basefont', 'bgsound', 'noscript', 'template', 'command']);

export function isBlankText(n: Node): boolean {
  return n.type === 'text' && !/[^ \t\n\r\f]/.test((n as TextNode).data);
}

export function reparent(nodes: Node[], parent: ParentNode): void {
  for (const n of nodes) n.parent = parent;
}

/**
 * Parse a page into a tree shaped like the HTML5 algorithm's: one <body> holding all the
 * page's content (text after </body> or </html>, content that ended up in <head>).
 */
export function parseHtml(html: string): { doc: ParentNode; body: Element } {
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
export const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'select', 'option', 'textarea', 'button', 'input', 'canvas', 'audio', 'video', 'map']);
/** Elements that start and end a line of their own. */
export const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'section', 'article', 'main', 'aside',
  'header', 'footer', 'nav', 'address', 'figure', 'figcaption', 'center', 'form', 'fieldset', 'legend', 'hr', 'pre', 'caption', 'body', 'html',
  'details', 'summary', 'menu', 'dir', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'listing', 'xmp', 'plaintext',
]);
/** HTML white space (not U+00A0 / U+3000: those are content, normalised later for matching). */
export const WS = /[ \t\n\r\f]+/g;
/** Spaces of every kind, trimmed at the ends of a line or cell. */
export const EDGE_SPACE = /^[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+$/g;
/** Deeper than this the walk stops recursing and reads the subtree as flat text. */
export const MAX_DEPTH = 400;

/** Set by textOf when the subtree holds a (non-skipped) table below its root. */
let sawTable = false;
/** Whether the last textOf call met a table below its root. */
export function textOfSawTable(): boolean {
  return sawTable;
}

/** Text content of a subtree (skipped elements excluded), iterative: depth is no danger. */
export function textOf(root: Node, brAs = ' '): string {
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
export function clean(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  // Usually there is nothing to do: no edge space, no run of white space to collapse.
  if (!isSpace(s.charCodeAt(0)) && !isSpace(s.charCodeAt(n - 1)) && !NEEDS_COLLAPSE.test(s)) return s;
  return s.replace(WS, ' ').replace(EDGE_SPACE, '');
}
export const NEEDS_COLLAPSE = /[\t\n\r\f]| {2}/;

/** The characters EDGE_SPACE trims (JavaScript's \s and U+200B). */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
