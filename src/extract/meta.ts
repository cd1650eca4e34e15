/** Report metadata: title, agency, reporting year, template version, level, publication date. */
import { CN_DIGITS, parseDate } from '../core/dates.js';
import { titleParts } from '../core/title-parts.js';
import { GARBLED, normLabel, toSimplifiedChinese } from '../core/normalize.js';
import { TEMPLATES, type TemplateVersion } from '../core/template.js';
import type { Level, ReportMeta, SourceDocument } from '../core/types.js';
import { fromScan } from '../core/types.js';
import { filledPerRow, type Field } from './fields.js';
import type { Heading } from './sections.js';

const TITLE_TAIL = /(?:关于\s*)?(?:(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*度?)?\s*(?:政府信息公开|政务公开|信息公开)(?:工作)?\s*(?:的)?\s*(?:年度)?\s*(?:工作)?\s*(?:报告|年报)\s*$/;

/** Letters OCR reads for digits of like shape. */
const DIGIT_LOOKALIKES: Record<string, string> = { o: '0', O: '0', D: '0', s: '5', S: '5', l: '1', I: '1', i: '1', z: '2', Z: '2', B: '8', b: '6', g: '9', q: '9' };

/** A four-place year before 年 with a letter or two among its digits (202s年 → 2025年), only when it becomes 19xx or 20xx. */
export function ocrYearDigits(title: string): string {
  return title.replace(/(?<![\dA-Za-z])([12][\doODslIizZBbgq]{3})(?=\s*年)/g, (y) => {
    if (/^\d{4}$/.test(y)) return y;
    const digits = [...y].map((c) => DIGIT_LOOKALIKES[c] ?? c).join('');
    return /^(?:19|20)\d\d$/.test(digits) && [...y].filter((c) => !/\d/.test(c)).length <= 2 ? digits : y;
  });
}

/**
 * `fields` are the report's; `textEnd` (where its text ends when all its tables follow it) limits
 * the search for the 落款 and the date to the text, while the template is told by the tables' labels.
 */
export function extractMeta(doc: SourceDocument, allFields: Field[], headings: Heading[], textEnd: number | null = null): ReportMeta {
  const fields = textEnd === null ? allFields : allFields.slice(0, textEnd);
  const sources: ReportMeta['sources'] = {};
  const firstHeadingField = headings[0]?.field ?? Math.min(fields.length, 12);
  const found = findTitle(doc, fields, firstHeadingField);
  // A scan's title whose year OCR read with a letter for a digit (202s年): the year as printed.
  const title = found && doc.blocks.some((b) => fromScan(b.pos)) ? ocrYearDigits(found) : found;
  let agency: string | null = null;
  let year: number | null = null;
  if (title) {
    // Matching on simplified text: a mirror site's 政府資訊公開工作年度報告 is the same title.
    const simple = toSimplifiedChinese(title);
    const m = TITLE_TAIL.exec(simple);
    if (m) {
      // The year may also lead the title: 2019年上海市人民政府办公厅政府信息公开工作年度报告.
      const lead = /^\s*(\d{4})\s*年\s*度?/.exec(simple.slice(0, m.index));
      agency = cleanAgency(simple.slice(lead ? lead[0].length : 0, m.index));
      // A character of the title lost to a font without a Unicode map (à安县 for 远安县): the
      // name is not the agency's; the 落款 may still give it.
      if (agency && GARBLED.test(agency)) agency = null;
      year = parseYear(m[1] ?? lead?.[1] ?? '');
    }
    sources.agency = 'title';
    if (year) sources.year = 'title';
  }
  if (!agency) {
    // The 落款 names the agency; a portal's publishing office (综合办公室) never does.
    const signed = signatureAgency(fields, headings);
    const publisher = doc.hints.publisher ? cleanAgency(doc.hints.publisher) : null;
    if (signed && !GARBLED.test(signed)) {
      agency = signed;
      sources.agency = 'signature';
    } else if (publisher && !GENERIC_OFFICE.test(publisher)) {
      agency = publisher;
      sources.agency = 'publisher';
    }
  }
  if (!year) {
    year = yearFromBody(fields);
    if (year) sources.year = 'body';
  }
  const template = detectTemplate(allFields, year);
  sources.template = 'labels';
  const level = agency ? levelOf(agency) : null;
  const publishedAt = findPublishedAt(doc, fields, headings, sources);
  return { agency, year, template, level, publishedAt, title, sources };
}

function findTitle(doc: SourceDocument, fields: Field[], limit: number): string | null {
  if (doc.hints.title && /报告|年报/.test(toSimplifiedChinese(doc.hints.title))) return reportPart(doc.hints.title.trim());
  // A site's breadcrumb printed with the page (首页>政务公开>政府信息公开年报), or listed item by item
  // (• 政府信息公开 / • 政府信息公开年报, w3m's dump of the page), names a column, not the report.
  // A title is Chinese: lines without a Chinese character (a converter's markup) are no part of it.
  // A cell alone on its row counts as a line (a workbook's title in cell A1).
  const first = fields.slice(0, Math.max(limit, 1) + 1);
  const cellsOnRow = filledPerRow(first, (f) => f.cellLike);
  const head = first.filter((f) => f.norm.length > 0 && (!f.cellLike || cellsOnRow.get(f.row) === 1) && !BREADCRUMB.test(f.text.trim()) && !LIST_ITEM.test(f.text.trim()) && /[\u3400-\u9fff]/.test(f.text));
  // A title may be wrapped anywhere, even mid-word in a PDF (…政府信息公 / 开工作年度报告):
  // join up to three short lines until the title's tail is complete.
  for (let i = 0; i < head.length; i++) {
    let joined = '';
    for (let k = i; k < Math.min(head.length, i + 3); k++) {
      // A page title carried into a document (pandoc makes <title> its first paragraph) keeps
      // the site's column after a separator: …年度报告_政府信息公开年报. The report's part names it.
      // A web-to-Markdown reader's header names it: `Title: …`.
      // (A mark at a line's end is no part of a title: a speck a scan's OCR read as `_`, where the title wraps.)
      const t = reportPart(head[k].text.trim().replace(/^(?:title|标题)\s*[:：]\s*/i, '').replace(/\s*[_~`^|]+$/, ''));
      if (t.length > 60) break;
      joined += t;
      if (joined.replace(/\s+/g, '').length > 80) break;
      const simple = toSimplifiedChinese(joined).replace(/\s+/g, '');
      const m = TITLE_TAIL.exec(simple);
      if (!m || !/信息公开|政务公开/.test(simple)) continue;
      // Lines before the title proper (a site's name, an info bar, a search box): the title
      // starts at the last line from which the lines still make a whole title, its agency or
      // year before the tail.
      for (let from = i + 1; from <= k; from++) {
        const rest = head.slice(from, k + 1).map((f) => reportPart(f.text.trim())).join('');
        const mr = TITLE_TAIL.exec(toSimplifiedChinese(rest).replace(/\s+/g, ''));
        if (!mr || mr.index < 4 || !/信息公开|政务公开/.test(rest)) break;
        // A line that may begin the title (江苏省南京市 / 鼓楼区人民政府2023年…) stays, unless the
        // title repeats it (the site's name over the page's title).
        const before = reportPart(head[from - 1].text.trim()).replace(/\s+/g, '');
        if (AGENCY_END.test(before) && !/[:：[\]|>]/.test(before) && !rest.replace(/\s+/g, '').startsWith(before)) break;
        joined = rest;
      }
      // A title broken over two lines with the agency alone first: 阎村镇人民政府 / 政府信息公开工作年度报告.
      if (m.index === 0 && i > 0 && head[i - 1].text.trim().length <= 30 && AGENCY_END.test(head[i - 1].text.trim())) return head[i - 1].text.trim() + joined;
      return joined;
    }
  }
  // (The line is the whole page: its breadcrumb does not make it no title line.)
  return titleInsideLongLine(first.find((f) => f.norm.length > 0 && !f.cellLike)?.text ?? '');
}

/**
 * A text whose first line is the whole page run together, words parted by spaces (a crawler's
 * get_text(' ')): the title is the first space-parted word, in the line's start, that is a whole
 * title — an agency or year before its tail.
 */
function titleInsideLongLine(line: string): string | null {
  if (line.length <= 60) return null;
  for (const word of line.slice(0, 400).split(/\s+/)) {
    const t = reportPart(word);
    const simple = toSimplifiedChinese(t);
    const m = TITLE_TAIL.exec(simple);
    if (m && m.index >= 2 && /信息公开|政务公开/.test(simple) && !/[>»›》]/.test(t)) return t;
  }
  return null;
}

/** The part of a title line that names the report, where a site's column or name follows it. */
function reportPart(line: string): string {
  return titleParts(line).find((p) => TITLE_TAIL.test(toSimplifiedChinese(p).replace(/\s+/g, ''))) ?? line;
}

/** A navigation trail: 首页 > 政务公开 > …, 当前位置：…, or parts parted by > » › 》. */
const BREADCRUMB = /^(?:首页|当前位置|您的位置|您现在的位置|所在位置)|[^>»›》]{1,20}\s*[>»›》]\s*[^>»›》]{1,20}\s*[>»›》]/;
/** An item of a bulleted list (a text browser's dump of a site's menu or breadcrumb: `• 政府信息公开年报`, `* 首页`): never a title line. */
const LIST_ITEM = /^(?:[•▪◦●○□■◆◇]|[*+-]\s)/;

/** How agency names end. */
const AGENCY_END = /(人民政府|政府|办公厅|办公室|街道办事处|街道|管委会|管理委员会|委员会|局|厅|委|办|署|中心|院|镇|乡|区|县|市|省)$/;
/** A portal's publishing office: no agency of its own. */
const GENERIC_OFFICE = /^(综合|党政|行政|政务|信息|网站|宣传|政府)?(办公室|办公厅|综合办|党政办|办|科|股|处|中心|管理员)$/;

/** The agency named in the 落款: a short line ending like an agency name just before the closing date. */
function signatureAgency(fields: Field[], headings: Heading[]): string | null {
  const lastHeading = headings.at(-1);
  for (let i = fields.length - 1; i >= Math.max(0, fields.length - 6) && (!lastHeading || i > lastHeading.field); i--) {
    const t = fields[i].text.replace(/[\s\u3000\u00a0]/g, '');
    if (t.length > 16 || !parseDate(t)) continue;
    const prev = fields[i - 1]?.text.replace(/[\s\u3000\u00a0]/g, '') ?? '';
    if (prev.length >= 3 && prev.length <= 30 && AGENCY_END.test(toSimplifiedChinese(prev)) && !/[，。；：,.;:]/.test(prev) && !GENERIC_OFFICE.test(prev)) return cleanAgency(toSimplifiedChinese(prev));
    return null;
  }
  return null;
}

function cleanAgency(s: string): string | null {
  const t = s.replace(/^[\s\u3000\u00a0标题:：]+|[\s\u3000\u00a0:：,，、]+$/g, '').replace(/[\s\u3000\u00a0]+/g, '');
  return t.length >= 2 ? t : null;
}


function parseYear(s: string): number | null {
  const d = s.replace(/[〇零一二三四五六七八九]/g, (c) => CN_DIGITS[c]);
  const y = Number(d);
  return y >= 2008 && y <= 2100 ? y : null;
}

/** The year the report is about: stated with the report's own name, or the statistics period. */
function yearFromBody(fields: Field[]): number | null {
  const text = fields.slice(0, 80).map((f) => f.norm).join('\n');
  const strong = [/(\d{4})年度?政府信息公开(?:工作)?年度报告/, /统计期限自(\d{4})年/, /对(\d{4})年度?政府信息公开工作/, /(\d{4})年度?政府信息公开工作/];
  for (const re of strong) {
    const m = re.exec(text);
    if (m) return parseYear(m[1]);
  }
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/(20\d{2})年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > counts.get(best)!) best = y;
  return best;
}

/** A template's marker words in normal form, normalised once. */
const MARKERS = new Map<TemplateVersion, string[]>();
const markersOf = (v: TemplateVersion): string[] => {
  let m = MARKERS.get(v);
  if (!m) MARKERS.set(v, (m = TEMPLATES[v].markers.map(normLabel)));
  return m;
};

function detectTemplate(fields: Field[], year: number | null): TemplateVersion | null {
  const text = fields.map((f) => f.norm).join('\n');
  const score = (v: TemplateVersion) => markersOf(v).reduce((n, m) => n + (text.includes(m) ? 1 : 0), 0);
  const s19 = score('2019');
  const s21 = score('2021');
  if (s19 === 0 && s21 === 0) return year ? (year >= 2021 ? '2021' : '2019') : null;
  if (s19 === s21) return year && year < 2021 ? '2019' : '2021';
  return s21 > s19 ? '2021' : '2019';
}

const MUNICIPALITIES = /^(北京|上海|天津|重庆)市/;

export function levelOf(name: string): Level {
  const n = name.replace(/[\s\u3000]/g, '');
  // A government's general office reports for the government itself.
  const gov = n.replace(/(人民政府)?办公(厅|室)$/, '').replace(/人民政府$/, '');
  if (/人民政府办公(厅|室)$/.test(n) || /人民政府$/.test(n) || !/(局|厅|委员会|委|办公室|办|中心|署|院|所|部|队|站|馆|会)$/.test(n)) {
    if (/(街道办事处|街道)$/.test(gov)) return 'subdistrict';
    if (/(镇|乡|苏木)$/.test(gov)) return 'township';
    if (MUNICIPALITIES.test(gov) && /^(北京|上海|天津|重庆)市$/.test(gov)) return 'province';
    if (/(省|自治区)$/.test(gov)) return 'province';
    if (/(县|区|旗|综合实验区|新区|开发区|特区|林区)$/.test(gov)) return 'county';
    if (/(市|自治州|地区|盟)$/.test(gov)) return /[县区]/.test(gov.slice(0, -1)) ? 'county' : 'city';
    return 'other';
  }
  return 'department';
}

function findPublishedAt(doc: SourceDocument, fields: Field[], headings: Heading[], sources: NonNullable<ReportMeta['sources']>): string | null {
  if (doc.hints.publishedAt) {
    const d = parseDate(doc.hints.publishedAt);
    if (d) {
      sources.publishedAt = 'page';
      return d;
    }
  }
  // 发布时间 / 撰写时间 / 发布日期 with the date on the same or the next line; or a page's info bar
  // kept by a text browser (来源：…管委会办公室时间：2024-03-08 15:34: w3m, lynx, elinks).
  const limit = Math.min(fields.length, (headings[0]?.field ?? 20) + 1);
  for (let i = 0; i < limit; i++) {
    const t = fields[i].text;
    if (/(发布|撰写|成文|印发)(时间|日期)|来源\s*[:：].{0,40}?(时间|日期)\s*[:：]/.test(t)) {
      const d = parseDate(t) ?? (fields[i + 1] ? parseDate(fields[i + 1].text) : null);
      if (d) {
        sources.publishedAt = 'header';
        return d;
      }
    }
  }
  // 落款: a line at the end holding only a date.
  const lastHeading = headings.at(-1);
  for (let i = fields.length - 1; i >= Math.max(0, fields.length - 6) && (!lastHeading || i > lastHeading.field); i--) {
    const t = fields[i].text.replace(/[\s\u3000\u00a0]/g, '');
    if (t.length <= 16) {
      const d = parseDate(t);
      if (d) {
        sources.publishedAt = 'signature';
        return d;
      }
    }
  }
  return null;
}
