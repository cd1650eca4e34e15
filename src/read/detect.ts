/** Format detection from the content (magic bytes, markup), not from the file name. */
import type { SourceFormat } from '../core/types.js';
import { looksMarkdown } from './markdown-detect.js';

export type DetectedFormat = SourceFormat | 'zip' | 'ole' | 'unknown-binary';

export function detectFormat(buf: Uint8Array): DetectedFormat {
  const b = buf;
  if (b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d) return 'pdf';
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05 || b[2] === 0x07)) return 'zip';
  // Images (a photographed or scanned report): PNG, JPEG, TIFF.
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a))) return 'image';
  if (b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1) return 'ole';
  // Text-based: look at the start, skipping a BOM and whitespace.
  // (Latin-1 views of the bytes themselves: a Buffer over the same memory, no copy.)
  const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const head = view.toString('latin1', 0, 4096).replace(/^\xef\xbb\xbf/, '').trimStart();
  // Markdown's tables may start well into the text (after the overview): look further for them.
  const md = looksMarkdown(b.length > 4096 ? view.toString('latin1', 0, 65536) : head);
  if (/^(<!doctype\s+html|<html|<\?xml[^>]*>\s*<html|<head|<body|<meta|<div|<table|<p[\s>]|<!--)/i.test(head) || /<(html|body|table|div)[\s>]/i.test(head.slice(0, 2048))) {
    // Markdown with some HTML in it (a converter's <table>, an aligned <p>) is Markdown; so is
    // text whose tables alone are HTML (paragraphs as lines, no page around them): read as
    // HTML, its lines would run together into one paragraph.
    // A page starts as one (after comments); MinerU's Markdown wraps each table in
    // <html><body> further down, and stays Markdown.
    const page = /^(?:<!doctype|<html|<\?xml|<head|<body|<meta)/i.test(head.replace(/^(?:<!--[\s\S]*?-->\s*)+/, ''));
    const fragment = !page;
    // So is a wiki's source with tags in it (pandoc's MediaWiki keeps a page's <div>s): its tables are `{|` … `|}`.
    if (fragment && (md || /^\s{0,3}#{1,6}\s+\S/m.test(head) || plainLines(head) >= 3 || /^[ \t]*\{\|.*\r?\n[ \t]*[|!]/m.test(view.toString('latin1', 0, 65536)))) return 'md';
    return 'html';
  }
  if (/^\{\s*"/.test(head)) return 'json';
  return md ? 'md' : 'txt';
}

/** Lines of text outside any element (prose written as lines, not as `<p>` elements). */
function plainLines(head: string): number {
  let n = 0;
  let depth = 0;
  for (const line of head.split('\n')) {
    if (depth <= 0 && /^\s*[^\s<]/.test(line)) n++;
    for (const m of line.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
      if (m[3] || /^(br|img|meta|hr|input|link|col|wbr)$/i.test(m[2])) continue;
      depth += m[1] ? -1 : 1;
    }
  }
  return n;
}
