/** HTML reading: the page's character set (declared, else sniffed; GBK and Big5 included). */
import iconv from 'iconv-lite';
import { decodeText } from './decode.js';

// ---------------------------------------------------------------- charset

export const CHARSET_META = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)/i;

/** The charset the page declares in its first bytes (`<meta charset>` or http-equiv content). */
export function declaredCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.subarray(0, 8192)).toString('latin1');
  const m = CHARSET_META.exec(head);
  return m ? m[1].toLowerCase() : null;
}

export function decodeHtml(buf: Uint8Array): string {
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
