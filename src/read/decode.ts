/** Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030 detected from the bytes. */
import iconv from 'iconv-lite';
import { unifyRadicals } from '../core/normalize.js';

export interface Decoded {
  text: string;
  encoding: string;
  /** Lines (1-based) holding bytes that were not valid UTF-8, decoded as U+FFFD. */
  damagedLines?: number[];
  /** UTF-8 damaged in too many places to read (characters cut throughout): how many bad sequences. */
  tooDamaged?: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8 decoding, null when invalid: GBK bytes almost never form valid UTF-8 sequences. */
function tryUtf8(buf: Uint8Array): string | null {
  try {
    return strictUtf8.decode(buf);
  } catch {
    return null;
  }
}


/**
 * The bytes decide: strict UTF-8 when they are valid UTF-8, otherwise GB18030. A page's declared
 * charset cannot improve on that for the GB family (html.ts handles a declared Big5 itself).
 */
export function decodeText(buf: Uint8Array): Decoded {
  const d = decodeBytes(buf);
  // Text copied out of a PDF keeps the radicals its fonts map shared glyphs to (中华⼈⺠共和国):
  // the characters they stand for, one for one, so every offset stays.
  d.text = unifyRadicals(d.text);
  return d;
}

function decodeBytes(buf: Uint8Array): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  const utf8 = tryUtf8(buf);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const damaged = mostlyUtf8(buf);
  if (damaged) return damaged;
  // GB18030 is a superset of GBK and GB2312: one decoder covers all three.
  return { text: iconv.decode(Buffer.from(buf), 'gb18030'), encoding: 'gb18030' };
}

/**
 * UTF-8 with a few bad bytes (one damaged byte, a character cut at the end): decoded as
 * UTF-8 with U+FFFD where the bytes are invalid, when the rest is overwhelmingly valid
 * multi-byte UTF-8. GBK text decoded as UTF-8 is nearly all replacement characters. UTF-8
 * with bad bytes in many places is marked `tooDamaged` (the reader refuses it: its tables
 * are cut), not taken for GBK.
 */
function mostlyUtf8(buf: Uint8Array): Decoded | null {
  const text = new TextDecoder('utf-8').decode(buf);
  let bad = 0;
  let wide = 0;
  for (const ch of text) {
    if (ch === '\ufffd') bad++;
    else if (ch.codePointAt(0)! >= 0x80) wide++;
  }
  // GBK read as UTF-8 gives about five bad sequences for each valid character; UTF-8 whose
  // characters a converter cut (html2text padding table cells by bytes) gives ten valid for one bad.
  if (bad === 0 || wide < 20 || wide < 3 * bad) return null;
  const damagedLines: number[] = [];
  text.split('\n').forEach((l, i) => {
    if (l.includes('\ufffd')) damagedLines.push(i + 1);
  });
  if (bad > Math.max(3, wide / 1000)) return { text, encoding: 'utf-8', damagedLines, tooDamaged: bad };
  return { text, encoding: 'utf-8', damagedLines };
}

/** Whether the first n bytes hold a zero byte (Buffer's native search over the same memory, no copy). */
export function hasZeroByte(buf: Uint8Array, n: number): boolean {
  return Buffer.from(buf.buffer, buf.byteOffset, Math.min(n, buf.length)).indexOf(0) >= 0;
}

/** Share of bytes that are control characters no text file contains: a binary file. */
/**
 * Text saved as UTF-16 (Notepad's "Unicode", Word's "Unicode text"), with or without its byte
 * order mark, re-encoded as UTF-8 so that format detection and every reader see ordinary
 * text; null for anything else. Without a mark, UTF-16 shows as zero bytes on one side only
 * (the high byte of ASCII characters: digits, spaces, line ends) and the decoded text must
 * be free of control characters.
 */
export function utf16AsUtf8(buf: Uint8Array): Uint8Array | null {
  let enc: 'utf-16le' | 'utf-16be' | null = null;
  let start = 0;
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) [enc, start] = ['utf-16le', 2];
  else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) [enc, start] = ['utf-16be', 2];
  else if (buf.length >= 64 && hasZeroByte(buf, 8192)) {
    const n = Math.min(buf.length, 8192) & ~1;
    let even = 0;
    let odd = 0;
    for (let i = 0; i < n; i += 2) {
      if (buf[i] === 0) even++;
      if (buf[i + 1] === 0) odd++;
    }
    const pairs = n / 2;
    if (odd >= pairs * 0.1 && even <= odd / 4) enc = 'utf-16le';
    else if (even >= pairs * 0.1 && odd <= even / 4) enc = 'utf-16be';
  }
  if (!enc) return null;
  const text = new TextDecoder(enc).decode(buf.subarray(start, start + ((buf.length - start) & ~1)));
  if (start === 0) {
    let control = 0;
    for (let i = 0; i < Math.min(text.length, 4096); i++) {
      const c = text.charCodeAt(i);
      if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0xd800 && c <= 0xdfff)) control++;
    }
    if (control > Math.min(text.length, 4096) * 0.01) return null;
  }
  return new TextEncoder().encode(text);
}

export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  if (n === 0) return false;
  const head = buf.subarray(0, n);
  if (hasZeroByte(buf, n)) return true;
  // Control characters in a sample of the start: text has almost none.
  const m = Math.min(n, 2048);
  let bad = 0;
  for (let i = 0; i < m; i++) {
    const b = head[i];
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) bad++;
  }
  return bad / m > 0.05;
}
