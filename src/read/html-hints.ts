/** HTML reading: what the page itself says about the report (title, publication date, publisher). */
import { titleParts } from '../core/title-parts.js';
import type { SourceDocument } from '../core/types.js';
import { Element, Node, ParentNode, clean, isElement, textOf } from './html-tree.js';

// ---------------------------------------------------------------- hints

/** A name that names the annual report (simplified or traditional). */
export const NAMES_REPORT = /(信息|資訊|信息|政务|政務)公[开開].*(报告|報告|年报|年報)/;

/** Elements whose content the HTML5 algorithm keeps as raw text or out of the tree. */
export const OPAQUE = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'noembed', 'noframes', 'xmp', 'textarea', 'title']);

export interface PageParts {
  /** Meta name/property/itemprop → content (the last one of a name wins). */
  meta: Map<string, string>;
  title: Element | undefined;
  headings: Element[];
}

/** The page's metas, first <title> and <h1>/<h2> headings, in one pass. */
export function pageParts(doc: ParentNode): PageParts {
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
export function reportTitle(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = clean(s);
  if (!NAMES_REPORT.test(t)) return undefined;
  const named = titleParts(t).find((p) => NAMES_REPORT.test(p));
  return named ?? t;
}

export const DATE_LINE = /(?:发布|發布|發佈|公开|公開)(?:日期|时间|時間)\s*[:：]?\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)/;
export const PUBLISHER_LINE = /(?:发布机构|發布機構|發佈機構)\s*[:：]\s*([^\s:：]{2,40})/;

/** `pageLines` is called only when a hint must be looked for in the page's lines. */
export function findHints(doc: ParentNode, pageLines: () => string[]): SourceDocument['hints'] {
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
