/**
 * Text normalisation for matching labels and reading numbers. Matching always works
 * on normalised text; the original text is kept for display.
 */
const UNICODE_SPACES = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

type T2cn = typeof import('opencc-js/t2cn');
let t2cn: T2cn | null = null;
let toSimplified: ((s: string) => string) | null = null;

/**
 * OpenCC's traditional → simplified dictionaries (their own entry, t2cn, a third of the
 * package) are loaded the first time a traditional character is met, never at start-up.
 * Node loads them synchronously then; elsewhere (the browser workbench, a Node without
 * process.getBuiltinModule) this import is started as the module loads.
 */
export async function loadTraditionalConverter(): Promise<void> {
  t2cn ??= await import('opencc-js/t2cn');
}

/** The part of Node's `node:module` used here (typed locally: this file is also compiled for the browser). */
type NodeModule = { createRequire(url: string): (id: string) => unknown };
const nodeModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:module') as NodeModule | undefined;
if (!nodeModule) void loadTraditionalConverter();

function converter(): (s: string) => string {
  if (toSimplified) return toSimplified;
  if (!t2cn) {
    if (!nodeModule) throw new Error('traditional → simplified dictionaries used before loadTraditionalConverter() finished');
    t2cn = nodeModule.createRequire(import.meta.url)('opencc-js/t2cn') as T2cn;
  }
  return (toSimplified = t2cn.Converter({ from: 'tw', to: 'cn' }));
}
/**
 * Characters that occur only in traditional writing and are frequent in these reports,
 * including every character of the traditional (Taiwan) rendering of the template's wording
 * (穩, 詢, 規 …), so that any printed label written in traditional characters is converted.
 */
const TRADITIONAL_HINT = /[資訊開與處區機關業務為條總計無權國請數結轉劃點發廢實際書報檔單項經費會議於對規範專減決許罰強採購額辦這屬穩護類內過執詢沒現製補後確訪舉訴複當認獲繼續構組織維糾審萬繳納體況動訟問題進]/;

/**
 * Taiwan vocabulary of the template's wording, after character conversion (資訊 → 资讯 →
 * 信息). Phrase-level conversion is not used: it rewrites mainland words written in
 * traditional characters (文件 → 文档), so labels would no longer match. Same length, so
 * offsets are unchanged.
 */
const TAIWAN_WORDS: [RegExp, string][] = [
  [/资讯/g, '信息'],
  [/档案/g, '文件'],
  [/专案/g, '项目'],
  [/反覆/g, '反复'],
];

const SIMPLIFIED_CHAR = new Map<number, string>();

/** One character traditional → simplified (the character table only, no phrases). */
function simplifyChar(c: string): string {
  const code = c.charCodeAt(0);
  const hit = SIMPLIFIED_CHAR.get(code);
  if (hit !== undefined) return hit;
  const r = converter()(c);
  const out = r.length === c.length ? r : c;
  SIMPLIFIED_CHAR.set(code, out);
  return out;
}

/**
 * Traditional → simplified, character by character, then the Taiwan words of the template
 * (資訊 → 信息); a no-op on simplified text. Keeps the length, so offsets stay valid.
 */
export function toSimplifiedChinese(s: string): string {
  if (!hasTraditional(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    out += code >= 0x3400 && code <= 0x9fff ? simplifyChar(s[i]) : s[i];
  }
  return TAIWAN_WORDS.reduce((t, [re, w]) => t.replace(re, w), out);
}

const TRADITIONAL_CODES = new Uint8Array(0x10000);
for (const ch of TRADITIONAL_HINT.source.slice(1, -1)) TRADITIONAL_CODES[ch.charCodeAt(0)] = 1;

/**
 * Whether any of a document's lines holds traditional characters: asked by extraction and by
 * the checks of the same lines, so the answer is kept per lines array (never changed once read).
 */
export function linesHaveTraditional(lines: readonly string[]): boolean {
  let v = TRAD_LINES.get(lines);
  if (v === undefined) TRAD_LINES.set(lines, (v = lines.some(hasTraditional)));
  return v;
}
const TRAD_LINES = new WeakMap<readonly string[], boolean>();

/** Whether the text holds characters only traditional writing uses (a table lookup per character). */
export function hasTraditional(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (TRADITIONAL_CODES[s.charCodeAt(i)] === 1) return true;
  return false;
}

/** Strip every kind of Unicode space (U+3000, U+00A0, U+2002, tabs …). */
export function stripSpaces(s: string): string {
  return s.replace(UNICODE_SPACES, '');
}

/**
 * CJK radicals that stand for whole simplified characters. PDF fonts (Chromium's, some of
 * WPS's) map shared glyphs to radical code points: 中华⼈⺠共和国, ⾸⻚. The Kangxi radicals
 * (⼈ ⾏ ⼀) have NFKC forms; these, from the supplement block, do not.
 */
const RADICAL_CHARS: Record<string, string> = {
  '⺟': '母', '⺠': '民', '⻄': '西', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车', '⻓': '长', '⻔': '门', '⻙': '韦',
  '⻚': '页', '⻛': '风', '⻜': '飞', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦',
  '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻳': '龟', '⻁': '虎', '⻝': '食', '⻘': '青', '⻗': '雨', '⻡': '首', '⺝': '月',
};

/** Radicals written for whole characters → the characters (one for one: offsets are kept). */
export function unifyRadicals(s: string): string {
  return /[\u2e80-\u2fdf]/.test(s) ? s.replace(/[\u2e80-\u2fdf]/g, (c) => RADICAL_CHARS[c] ?? (c >= '\u2f00' ? c.normalize('NFKC') : c)) : s;
}

const CHAR_MAP: Record<string, string> = {
  ...RADICAL_CHARS,
  '【': '(', '〔': '(', '［': '(', '[': '(', '】': ')', '〕': ')', '］': ')', ']': ')',
  '“': '', '”': '', '"': '', '‘': '', '’': '', "'": '', '「': '', '」': '', '『': '', '』': '',
  '、': '.', '．': '.', '。': '.', '，': ',', '·': '', '：': ':',
  // Circled numbers are ordinals (①属于国家秘密), never figures: NFKC alone would make ④ a 4.
  ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String.fromCharCode(0x2460 + i), `${i + 1}.`])),
};

export interface NormText {
  norm: string;
  /** For each character of `norm`, the index of the source character it came from. */
  map: number[];
}

/**
 * Canonical form for label matching: NFKC, no spaces, ASCII brackets, no quotes,
 * unified enumeration marks, simplified characters — with a map back to source offsets
 * so a match can be shown in the original line.
 */
export function normalizeWithMap(text: string, maybeTraditional = true): NormText {
  let src = text;
  if (maybeTraditional && hasTraditional(src)) {
    const conv = toSimplifiedChinese(src);
    if (conv.length === src.length) src = conv;
  }
  let norm = '';
  const map: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const code = src.charCodeAt(i);
    // Fast paths: CJK ideographs and plain ASCII are already canonical.
    if ((code >= 0x4e00 && code <= 0x9fff) || (code > 0x20 && code < 0x7f && code !== 0x22 && code !== 0x27 && code !== 0x5b && code !== 0x5d)) {
      norm += src[i];
      map.push(i);
      continue;
    }
    if (SPACE_CODES.has(code) || code <= 0x20) continue;
    const out = outOf(code);
    for (let j = 0; j < out.length; j++) {
      norm += out[j];
      map.push(i);
    }
  }
  return { norm, map };
}

const SPACE_CODES = new Set([0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x200b, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);
const NFKC_CACHE = new Map<string, string>();

/**
 * What one code unit that is neither a space nor already canonical becomes: `CHAR_MAP[c]`, else
 * `nfkcChar(c)` — kept by code, so the hot loops below neither make a one-character string nor
 * look it up in the CHAR_MAP object (whose keys are all single code units) for every such character.
 */
const OUT_BY_CODE = new Map<number, string>();
function outOf(code: number): string {
  let out = OUT_BY_CODE.get(code);
  if (out === undefined) {
    const c = String.fromCharCode(code);
    const mapped = CHAR_MAP[c];
    out = mapped !== undefined ? mapped : NFKC_CACHE.get(c) ?? nfkcChar(c);
    OUT_BY_CODE.set(code, out);
  }
  return out;
}

/** NFKC of one character, then the label mapping applied to what it became (（ → ( ). */
function nfkcChar(c: string): string {
  let out = '';
  for (const ch of c.normalize('NFKC')) {
    if (SPACE_CODES.has(ch.charCodeAt(0)) || ch.charCodeAt(0) <= 0x20) continue;
    const m = CHAR_MAP[ch];
    out += m === undefined ? ch : m;
  }
  NFKC_CACHE.set(c, out);
  return out;
}

/**
 * The `norm` of normalizeWithMap without the offset map: only the characters normalisation
 * changes or drops (any but CJK ideographs and printable ASCII other than " ' [ ]) are
 * replaced, the rest copied in slices. Both must give the same string (a test holds them to it).
 */
/** Short texts (table cells, labels) recur across a batch of reports: their normal forms are kept, up to a bound. */
const SHORT_CACHE = new Map<string, string>();
/** The same for texts known to hold no traditional characters (maybeTraditional false). */
const SHORT_CACHE_SIMPLIFIED = new Map<string, string>();
const SHORT = 64;
const SHORT_CACHE_MAX = 25_000;

/**
 * Whether normalisation leaves the text as it is: every code unit a CJK ideograph or printable
 * ASCII other than " ' [ ] (what normalizeUncached copies), and none traditional where that is
 * asked. Most table cells (figures, simplified labels) are such: one pass over their code
 * units, instead of hashing them for the cache.
 */
function alreadyNormal(text: string, maybeTraditional: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x4e00 && code <= 0x9fff) {
      if (maybeTraditional && TRADITIONAL_CODES[code] === 1) return false;
    } else if (!(code > 0x20 && code < 0x7f && code !== 0x22 && code !== 0x27 && code !== 0x5b && code !== 0x5d)) return false;
  }
  return true;
}

export function normalizeText(text: string, maybeTraditional = true): string {
  if (text.length > SHORT) return normalizeUncached(text, maybeTraditional);
  if (alreadyNormal(text, maybeTraditional)) return text;
  // One cache per mode, keyed by the text itself (no key string to build and hash per call).
  const cache = maybeTraditional ? SHORT_CACHE : SHORT_CACHE_SIMPLIFIED;
  let norm = cache.get(text);
  if (norm === undefined) {
    norm = normalizeUncached(text, maybeTraditional);
    if (cache.size >= SHORT_CACHE_MAX) cache.clear();
    cache.set(text, norm);
  }
  return norm;
}

function normalizeUncached(text: string, maybeTraditional: boolean): string {
  let src = text;
  if (maybeTraditional && hasTraditional(src)) {
    const conv = toSimplifiedChinese(src);
    if (conv.length === src.length) src = conv;
  }
  // One pass over the code units (as NEEDS_WORK matches them): runs of canonical characters are
  // copied as slices, the others replaced; a text with nothing to change is returned as it is.
  let out = '';
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const code = src.charCodeAt(i);
    if ((code >= 0x4e00 && code <= 0x9fff) || (code > 0x20 && code < 0x7f && code !== 0x22 && code !== 0x27 && code !== 0x5b && code !== 0x5d)) continue;
    if (i > from) out += src.slice(from, i);
    from = i + 1;
    if (SPACE_CODES.has(code) || code <= 0x20) continue;
    out += outOf(code);
  }
  return from === 0 ? src : from < src.length ? out + src.slice(from) : out;
}

export function normLabel(s: string): string {
  return normalizeText(s);
}

/** A label without its leading ordinal: （三）不予公开 → 不予公开, 2.重复申请 → 重复申请. */
export function stripOrdinal(norm: string): { ordinal: string; rest: string } {
  const m = /^(?:\(?[一二三四五六七八九十]+\)?\.?|\(?\d{1,2}\)?\.?|[①-⑳])/.exec(norm);
  if (!m || m[0].length === norm.length) return { ordinal: '', rest: norm };
  return { ordinal: m[0], rest: norm.slice(m[0].length) };
}

const PLAIN_INT = /^(?:0|[1-9]\d{0,14})$/;

export type NumberToken =
  | { kind: 'blank' }
  | { kind: 'number'; value: number; zeroNotation?: boolean }
  | { kind: 'text' };

const ZERO_NOTATIONS = new Set(['-', '/', '—', '－', '–', '——', '--', '---', '―', '─', '／', '\\']); // '---': pandoc's spelling of —

/**
 * Read one cell's text as a value. Blank (empty, spaces, &nbsp;) is blank, never 0.
 * '-', '/', '—' are zeros written differently. Units (元, 万元, 件, 个) inside the cell are allowed.
 */
export function readNumber(raw: string): NumberToken {
  if (PLAIN_INT.test(raw)) return { kind: 'number', value: Number(raw) };
  let t = raw.replace(/&nbsp;?/gi, '').normalize('NFKC');
  t = stripSpaces(t);
  if (t === '') return { kind: 'blank' };
  if (ZERO_NOTATIONS.has(t)) return { kind: 'number', value: 0, zeroNotation: true };
  t = t.replace(/(万元|元|件|个|项|次|条)$/u, '');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  if (/^[-+]?\d+(\.\d+)?$/.test(t) || /^[-+]?\.\d+$/.test(t)) return { kind: 'number', value: Number(t) };
  return { kind: 'text' };
}

/** True when the text is only digits (possibly separated by spaces): a flattened run of cells. */
export function isDigitRun(raw: string): boolean {
  const t = stripSpaces(raw.normalize('NFKC'));
  return /^\d{2,}$/.test(t);
}

/**
 * Characters a PDF's text layer yields where a font has no (or a broken) map to Unicode:
 * C1 controls, accented Latin letters, the private use area, U+FFFD. Chinese reports print none
 * of them (×, ·, °, ±, §, ¥ are left out: reports use those).
 */
export const GARBLED = /[\u0080-\u009f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\ue000-\uf8ff\ufffd]/;
export const GARBLED_ALL = new RegExp(GARBLED.source, 'g');
/** A table label read through such a font: garbled characters, or Latin letters and signs run into Chinese (w他, <O安全一稳定=), which no label has. */
export const GARBLED_LABEL = new RegExp(`${GARBLED.source}|[\\u4e00-\\u9fff][A-Za-z<=>@#$^&*_|~]|[A-Za-z<=>@#$^&*_|~][\\u4e00-\\u9fff]`);

