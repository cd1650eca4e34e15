/**
 * HTML → document. The page is parsed with htmlparser2 (fast and tolerant: malformed
 * markup is repaired, never rejected), with the HTML5 tree-construction rules that matter
 * for reports added on top (cells and rows close open cells, implied <tr>, <p> closed by
 * blocks, the body holding all content). The article container is found among the site
 * chrome, and its content becomes paragraph blocks and table blocks in document order.
 * Tables are laid out on a true grid (rowspan/colspan), but every cell is emitted once,
 * at its origin.
 */
import { ReadFailure } from '../core/failure.js';
import { LIMITS } from '../core/limits.js';
import { registerReader } from './index.js';
import { looksBinary } from './decode.js';
import type { SourceDocument } from '../core/types.js';
import { attr, parseHtml } from './html-tree.js';
import { decodeHtml } from './html-charset.js';
import { findArticle } from './html-article.js';
import { Builder, flush, walk } from './html-blocks.js';
import { findHints } from './html-hints.js';
import { documentFromPages } from './pdf.js';
import { positionedPages } from './positioned-html.js';

/** Runs placed by top and left, as PDF-to-HTML converters write them. */
const POSITIONED = /\btop:\s*-?\d[\d.]*(?:px|pt)\s*;\s*left:/;

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
  const flow: SourceDocument = { format: 'html', blocks: b.blocks, lines: b.lines, hints, readIssues };
  // A PDF's text layer with positions (pdftohtml, mutool): read also by the places of its runs
  // (a browser's PDF draws its tables cell by cell, column by column, which the drawing order
  // read as a page loses; a ruled table drawn row by row reads as well or better so).
  const pages = POSITIONED.test(html) ? positionedPages(body) : null;
  return pages ? { ...flow, alternative: documentFromPages(pages, 'html', hints, []) } : flow;
}

/**
 * HTML that is a part of another document (a converter's `<table>` inside Markdown): read
 * whole, as it stands. The article search is for pages; in a lone table it would take one
 * cell for the article.
 */
export function readHtmlFragment(html: string): SourceDocument['blocks'] {
  const { body } = parseHtml(`<html><body>${html}</body></html>`);
  const b = newBuilder();
  b.pathStack.push('body');
  for (const c of body.children) walk(b, c, 1);
  flush(b);
  return b.blocks;
}

registerReader('html', readHtml);
export { declaredCharset } from './html-charset.js';
