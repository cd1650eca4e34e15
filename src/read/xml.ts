/**
 * A small, forgiving XML reader for Office parts: elements by local name (namespace
 * prefixes dropped, so w:, ns0: or a default namespace all read the same), attributes by
 * local name, text decoded. No DTDs, no external or custom entities (nothing is fetched
 * or expanded), unbalanced tags are closed leniently instead of throwing.
 */

export interface XElement {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
}
export type XNode = XElement | string;

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return NAMED[e] ?? m;
  });
}

function local(qname: string): string {
  const i = qname.indexOf(':');
  return i >= 0 ? qname.slice(i + 1) : qname;
}

/** Deeper nesting than any real document: refused so tree walks cannot overflow the stack. */
const MAX_DEPTH = 1000;

export class XmlError extends Error {}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Parses `xml` into a tree under a synthetic root named '#root'. Whitespace-only text is
 * kept only inside elements named in `keepSpaceIn` (w:t by default).
 */
export function parseXml(xml: string, keepSpaceIn: ReadonlySet<string> = new Set(['t'])): XElement {
  const root: XElement = { name: '#root', attrs: {}, children: [] };
  const stack: XElement[] = [root];
  let i = 0;
  const n = xml.length;
  const pushText = (raw: string) => {
    if (!raw) return;
    const top = stack[stack.length - 1];
    if (!keepSpaceIn.has(top.name) && !/\S/.test(raw)) return;
    top.children.push(decodeEntities(raw));
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      pushText(xml.slice(i));
      break;
    }
    if (lt > i) pushText(xml.slice(i, lt));
    if (xml.startsWith('<!--', lt)) {
      const e = xml.indexOf('-->', lt + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const e = xml.indexOf(']]>', lt + 9);
      const text = xml.slice(lt + 9, e < 0 ? n : e);
      if (text) stack[stack.length - 1].children.push(text);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (xml.startsWith('<?', lt)) {
      const e = xml.indexOf('?>', lt + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (xml.startsWith('<!', lt)) {
      // DOCTYPE and other declarations: skipped (internal subsets included), never interpreted.
      let depth = 0;
      let j = lt + 2;
      for (; j < n; j++) {
        const c = xml[j];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      i = j + 1;
      continue;
    }
    // A tag: find its end, skipping '>' inside quoted attribute values.
    let j = lt + 1;
    let quote = '';
    for (; j < n; j++) {
      const c = xml[j];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    if (j >= n) break; // truncated tag at the end
    const body = xml.slice(lt + 1, j);
    i = j + 1;
    if (body[0] === '/') {
      const name = local(body.slice(1).trim());
      for (let k = stack.length - 1; k > 0; k--) {
        if (stack[k].name === name) {
          stack.length = k;
          break;
        }
      }
      continue;
    }
    const selfClosing = body.endsWith('/');
    const inner = selfClosing ? body.slice(0, -1) : body;
    const m = /^[^\s/>]+/.exec(inner);
    if (!m) continue;
    const el: XElement = { name: local(m[0]), attrs: {}, children: [] };
    const rest = inner.slice(m[0].length);
    if (rest.includes('=')) {
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(rest); a; a = ATTR.exec(rest)) el.attrs[local(a[1])] = decodeEntities(a[2] ?? a[3] ?? '');
    }
    stack[stack.length - 1].children.push(el);
    if (!selfClosing) {
      if (stack.length > MAX_DEPTH) throw new XmlError(`元素嵌套超过 ${MAX_DEPTH} 层`);
      stack.push(el);
    }
  }
  return root;
}

export function isElement(n: XNode): n is XElement {
  return typeof n !== 'string';
}

export function childElements(el: XElement, name?: string): XElement[] {
  const out: XElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function firstChild(el: XElement, name: string): XElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

/** First descendant (depth-first, document order) with the given local name. */
export function findFirst(el: XElement, name: string): XElement | undefined {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.name === name) return c;
    const d = findFirst(c, name);
    if (d) return d;
  }
  return undefined;
}

/** Concatenated text of all descendants. */
export function textOf(el: XElement): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textOf(c);
  return s;
}
