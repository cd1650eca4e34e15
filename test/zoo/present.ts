/**
 * Presentations: the same printed document in the forms reports are published or collected
 * in. Each is a function of the document (and a seeded PRNG for incidental choices) to bytes.
 * The two PDF presentations produce a DOCX that LibreOffice converts in batches (pdf.ts).
 */
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import * as OpenCC from 'opencc-js';
import { execFileSync } from 'node:child_process';
import { grid, type Block, type Para, type ZDoc, type ZTable } from './doc.js';
import { drawStyle, drawTable } from './drawn.js';
import type { OfficeTarget } from './pdf.js';
import type { Rng } from './rng.js';

export interface Rendered {
  bytes: Uint8Array;
  ext: string;
  /** Needs conversion by LibreOffice before parsing: to PDF, to a legacy Word file, or to its text export. */
  office?: OfficeTarget;
  /** HTML to be printed to PDF by a browser (Chromium), as a web page saved as PDF. */
  printHtml?: boolean;
  /** HTML whose text a browser gives (Chromium's innerText: what "select all, copy" takes) is what is parsed. */
  browserText?: boolean;
  /** Then (office: 'pdf') the PDF's text is what is parsed: as `pdftotext -layout` lays it out, or in its drawing order (`pdftotext`). */
  pdfToText?: 'layout' | 'raw';
  /** What the presentation did to this document beyond its layout (e.g. figures pushed down). */
  details?: string[];
}

export interface Presentation {
  name: string;
  render(doc: ZDoc, rng: Rng): Rendered | Promise<Rendered>;
  /** Made through LibreOffice or Chromium (a PDF, or another file LibreOffice writes): slow, left out by --no-pdf. */
  pdf?: boolean;
  /** Made by Chromium (printed or copied from the page), not LibreOffice. */
  browser?: boolean;
  /** Read only in part so far (why): held to the invariant — no wrong number, no silent blank — not yet to finding every error. */
  partial?: string;
  /** A program the presentation runs (a converter on PATH); without it the presentation is skipped. */
  tool?: string;
}

/** Whether a converter is on this machine's PATH. */
export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A presentation this machine can make without LibreOffice or Chromium (those are `pdf`). */
export function toolPresent(p: Presentation): boolean {
  return !p.tool || hasTool(p.tool);
}

const enc = new TextEncoder();
const utf8 = (s: string): Uint8Array => enc.encode(s);
const toTrad = OpenCC.Converter({ from: 'cn', to: 'twp' });

const paras = (d: ZDoc) => d.blocks.filter((b): b is Para => b.kind === 'p');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------- text ----------

/** Text copied out of Word: paragraphs as lines, every table cell on its own tab-prefixed line, rows separated by blank lines; a vertically merged cell leaves an empty tab line. */
function wordText(d: ZDoc): string {
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'p') out.push(b.text);
    else {
      out.push('');
      for (const row of grid(b)) {
        row.forEach((g, ci) => {
          if (g.start) out.push(`\t${g.cell.text}`);
          // A vertically merged cell continues as one empty cell (at its left edge only).
          else if (g.vcont && row.findIndex((y) => y.cell === g.cell) === ci) out.push('\t');
        });
        out.push('');
      }
    }
  }
  return out.join('\n') + '\n';
}

/** Text copied from a web page: blocks separated by blank lines, one cell per line, merged positions omitted. */
function webText(d: ZDoc): string {
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'p') out.push(b.text, '');
    else {
      for (const row of b.rows) for (const c of row.cells) out.push(c.text, '');
    }
  }
  return out.join('\n');
}

/** TSV as a spreadsheet exports it: one row per line, merged positions empty. */
function tsv(d: ZDoc): string {
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'p') out.push(b.text);
    else for (const row of grid(b)) out.push(row.map((g) => (g.start ? g.cell.text : '')).join('\t'));
  }
  return out.join('\n') + '\n';
}

/**
 * What a script writes with python-docx: every table row's cells joined by tabs, a merged cell's
 * text repeated in every grid position it covers; the tables either in place or (the naive
 * way: paragraphs first, then `document.tables`) all after the text.
 */
function pythonDocx(d: ZDoc, rng: Rng): string {
  const text: string[] = [];
  const tables: string[] = [];
  const atEnd = rng.chance(0.5);
  for (const b of d.blocks) {
    if (b.kind === 'p') text.push(b.text);
    else {
      const rows = grid(b).map((row) => row.map((g) => g.cell.text).join('\t'));
      (atEnd ? tables : text).push(...rows, '');
    }
  }
  return [...text, ...tables].join('\n') + '\n';
}

/** Crawler text: a metadata header, then the body run together; table cells glued without separators. */
function flattened(d: ZDoc, rng: Rng): string {
  const r = d.report;
  const head = [`标题: ${r.title}`, `发布时间: ${r.publishedAt ? `${r.publishedAt} ${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}` : ''}`, '文号: ', '发布机构: ', '栏目: 政府信息公开年报', '==================== 正文 ===================='];
  const parts: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'p') parts.push(b.role === 'title' ? '' : b.text);
    else if (b.id === 't4') {
      const rows = b.rows;
      parts.push(rows.slice(0, -1).map((row) => row.cells.map((c) => c.text).join(rng.chance(0.5) ? '' : ' ')).join(' '));
      parts.push(rows[rows.length - 1].cells.map((c) => c.text).join(' '));
    } else {
      let s = '';
      for (const row of b.rows) {
        const labels = row.cells.filter((c) => c.role !== 'value').map((c) => c.text);
        const values = row.cells.filter((c) => c.role === 'value').map((c) => c.text);
        s += labels.join(' ') + (values.length ? (rng.chance(0.5) ? ' ' : '') + values.join('') : ' ');
      }
      parts.push(s);
    }
  }
  return head.join('\n') + '\n' + parts.filter(Boolean).join(' ') + '\n';
}

// ---------- Markdown ----------

function markdown(d: ZDoc, rng: Rng, repeatSpans: boolean): string {
  const out: string[] = [];
  const boldHeadings = rng.chance(0.5);
  for (const b of d.blocks) {
    if (b.kind === 'p') {
      if (b.role === 'title') out.push(`# ${b.text}`, '');
      else if (b.role === 'heading') out.push(boldHeadings ? `**${b.text}**` : `## ${b.text}`, '');
      else if (b.role === 'date') out.push(`<p align="right">${b.text}</p>`, '');
      else if (b.role === 'sign') out.push(`<p align="right">${b.text}</p>`, '');
      else out.push(b.text, '');
    } else {
      const g = grid(b);
      // An empty cell is written as nothing between the pipes (`||`), as converters do.
      const line = (row: (typeof g)[number]) => '|' + row.map((x) => (x.start || repeatSpans ? x.cell.text : '')).map((t) => (t ? ` ${t} ` : '')).join('|') + '|';
      out.push(line(g[0]), '|' + g[0].map(() => ' --- ').join('|') + '|');
      for (const row of g.slice(1)) out.push(line(row));
      out.push('');
    }
  }
  return out.join('\n');
}

/**
 * Markdown as scripts and converters write it: pandas' `to_markdown()` (a row number before
 * each row, column numbers on top), GFM's shortest separator (`|-|-|`), rows without outer
 * pipes; merged positions empty.
 */
function markdownTool(d: ZDoc, rng: Rng): string {
  const index = rng.chance(0.5);
  const bare = rng.chance(0.5);
  const dash = rng.chance(0.5) ? '-' : ':---:';
  const bold = rng.chance(0.5);
  const line = (cells: string[]) => (bare ? cells.map((c) => c.trim()).join(' | ') : `| ${cells.join(' | ')} |`);
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'p') {
      if (b.role === 'title') out.push(`# ${b.text}`, '');
      else if (b.role === 'heading') out.push(bold ? `**${b.text}**` : `### ${b.text}`, '');
      else out.push(b.text, '');
      continue;
    }
    const rows = grid(b).map((row) => row.map((x) => (x.start ? x.cell.text : '')));
    const width = rows[0].length + (index ? 1 : 0);
    const body = index ? rows.map((r, i) => [String(i), ...r]) : rows;
    const head = index ? ['', ...rows[0].map((_, i) => String(i))] : body.shift()!;
    out.push(line(head), line(Array(width).fill(dash)), ...body.map(line), '');
  }
  return out.join('\n');
}

/** Text whose table rows part their cells by pipes (ASCII or full-width ｜), with or without outer pipes, no separator row; merged positions empty. */
function pipeText(d: ZDoc, rng: Rng): string {
  const sep = rng.chance(0.5) ? '|' : '｜';
  const outer = rng.chance(0.5);
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'p') out.push(b.text);
    else for (const row of grid(b)) {
      const cells = row.map((x) => (x.start ? x.cell.text : ''));
      out.push(outer ? `${sep}${cells.join(sep)}${sep}` : cells.join(` ${sep} `));
    }
  }
  return out.join('\n') + '\n';
}

// ---------- tables drawn with characters ----------

/** A web page dumped by a text browser (w3m, elinks): paragraphs between blank lines, tables drawn in box characters. */
function boxDrawnText(d: ZDoc, rng: Rng): string {
  const st = drawStyle(rng, false);
  const pad = ' '.repeat(st.indent);
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'p') out.push(pad + b.text, '');
    else out.push(...drawTable(b, st), '');
  }
  return out.join('\n');
}

/** Markdown with grid tables (+---+---+, merged cells drawn as one), as pandoc writes a Word file. */
function markdownGrid(d: ZDoc, rng: Rng): string {
  const st = drawStyle(rng, true);
  const boldHeadings = rng.chance(0.5);
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'table') out.push(...drawTable(b, st), '');
    else if (b.role === 'title') out.push(boldHeadings ? `**${b.text}**` : `# ${b.text}`, '');
    else if (b.role === 'heading') out.push(boldHeadings ? `**${b.text}**` : `## ${b.text}`, '');
    else out.push(b.text, '');
  }
  return out.join('\n');
}

/** What a converter program writes from the Word file or the web page (stdin → stdout). */
function convert(tool: string, args: string[], input: Uint8Array): Uint8Array {
  return new Uint8Array(execFileSync(tool, args, { input, maxBuffer: 64 << 20, timeout: 60_000 }));
}

const PANDOC_WRITERS = ['markdown', 'gfm', 'commonmark', 'rst', 'org', 'plain', 'markdown_strict'] as const;

// ---------- HTML ----------

function htmlTable(t: ZTable, word: boolean): string {
  const rows = t.rows.map((row) => {
    const tds = row.cells.map((c) => {
      const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
      if (word)
        return `<td${span} valign=middle style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.5pt;font-family:宋体;mso-ascii-font-family:"Times New Roman"'>${esc(c.text) || '<o:p>&nbsp;</o:p>'}</span></p></td>`;
      return `<td${span}>${esc(c.text) || '&nbsp;'}</td>`;
    });
    return `<tr>${tds.join('')}</tr>`;
  });
  return word
    ? `<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>\n${rows.join('\n')}\n</table>`
    : `<table border="1" cellspacing="0" cellpadding="0" style="width:100%">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

/**
 * A table cut in two at a row, as a page break or a converter leaves it: a merged cell that
 * crosses the cut ends there and goes on as an empty (or repeated) cell in the second part,
 * which may repeat the header rows.
 */
function splitTableHtml(t: ZTable, rng: Rng): string {
  const g = grid(t);
  const headerRows = Math.max(0, t.rows.findIndex((r) => !r.header));
  const cut = rng.int(headerRows + 1, g.length - 1);
  const repeat = rng.chance(0.5);
  const repeatText = rng.chance(0.3);
  const td = (text: string, rowSpan: number, colSpan: number) => `<td${rowSpan > 1 ? ` rowspan="${rowSpan}"` : ''}${colSpan > 1 ? ` colspan="${colSpan}"` : ''}>${esc(text) || '&nbsp;'}</td>`;
  const part = (from: number, to: number) =>
    g
      .slice(from, to)
      .map((row, i) => {
        const ri = from + i;
        const cells: string[] = [];
        row.forEach((x, ci) => {
          if (row.findIndex((y) => y.cell === x.cell) !== ci) return;
          const top = g.findIndex((r) => r.some((y) => y.cell === x.cell));
          const bottom = top + x.cell.rowSpan;
          if (ri === top) cells.push(td(x.cell.text, Math.min(bottom, to) - ri, x.cell.colSpan));
          else if (ri === from) cells.push(td(repeatText ? x.cell.text : '', Math.min(bottom, to) - ri, x.cell.colSpan));
        });
        return `<tr>${cells.join('')}</tr>`;
      })
      .join('\n');
  const open = '<table border="1" cellspacing="0" cellpadding="0" style="width:100%">\n<tbody>\n';
  const second = repeat && headerRows > 0 ? `${part(0, headerRows)}\n${part(cut, g.length)}` : part(cut, g.length);
  return `${open}${part(0, cut)}\n</tbody>\n</table>\n<p>&nbsp;</p>\n${open}${second}\n</tbody>\n</table>`;
}

function htmlCms(d: ZDoc, rng: Rng, split = false): string {
  const r = d.report;
  const body = d.blocks
    .map((b) => {
      if (b.kind === 'table') return split && b.rows.length > 3 && rng.chance(0.7) ? splitTableHtml(b, rng) : htmlTable(b, false);
      if (b.role === 'title') return '';
      if (b.role === 'heading') return `<p style="text-indent:2em"><strong>${esc(b.text)}</strong></p>`;
      if (b.role === 'sign' || b.role === 'date') return `<p style="text-align:right">${esc(b.text)}</p>`;
      return `<p style="text-indent:2em">${esc(b.text)}</p>`;
    })
    .join('\n');
  const title = paras(d)
    .filter((p) => p.role === 'title')
    .map((p) => p.text)
    .join('');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(title)}_政府信息公开年报</title>
${r.publishedAt ? `<meta name="PubDate" content="${r.publishedAt} 09:${String(rng.int(10, 59))}">` : ''}</head>
<body><div class="header"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="article"><h1 class="title">${esc(title)}</h1>
<div class="info">${r.publishedAt ? `发布时间：${r.publishedAt}&nbsp;&nbsp;` : ''}来源：${rng.pick(['综合办公室', '党政办', '办公室'])}&nbsp;&nbsp;浏览次数：${rng.int(10, 9999)}</div>
<div class="TRS_Editor">
${body}
</div></div>
<div class="footer">主办单位：${esc(r.agency)}　网站标识码：${rng.int(1000000000, 9999999999)}</div>
</body></html>
`;
}

function htmlWord(d: ZDoc): string {
  const body = d.blocks
    .map((b) => {
      if (b.kind === 'table') return htmlTable(b, true);
      const align = b.role === 'title' ? " align=center style='text-align:center'" : b.role === 'sign' || b.role === 'date' ? " align=right style='text-align:right'" : " style='text-indent:32.0pt'";
      const font = b.role === 'title' ? '方正小标宋简体' : b.role === 'heading' ? '黑体' : '仿宋_GB2312';
      return `<p class=MsoNormal${align}><span style='font-size:16.0pt;font-family:${font}'>${esc(b.text)}</span></p>`;
    })
    .join('\n');
  const title = paras(d).find((p) => p.role === 'title')!.text;
  return `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<title>${esc(title)}</title>
<style><!-- p.MsoNormal {mso-style-parent:"";margin:0cm;text-align:justify;text-justify:inter-ideograph;font-size:10.5pt;font-family:"Times New Roman";} @page WordSection1 {size:595.3pt 841.9pt;} div.WordSection1 {page:WordSection1;} --></style>
</head><body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'><div class=WordSection1>
${body}
</div></body></html>
`;
}

// ---------- DOCX ----------

export interface DocxStyle {
  /** Width in twips of the label columns (narrow: labels wrap over lines). */
  labelWidth: number;
  /** Minimum row height in twips for data rows (tall rows: figures centred between label lines). */
  rowHeight: number;
  /** Repeat the header rows on each page. */
  repeatHeader: boolean;
  /** Cell keys whose figure is pushed down by an empty line/spaces before it. */
  pushedDown: Set<string>;
  /** Page break before table 三 to make it split across pages. */
  pageBreakBefore: boolean;
  /** Which rules the tables draw: all, rows only (no column rules), the outer frame and the header's rule, or none. */
  borders?: 'all' | 'rows' | 'frame' | 'none';
  /** Font size of the table cells in half-points (default 20: 10 pt). */
  cellSize?: number;
  /** Landscape pages (wide tables, labels on one line). */
  landscape?: boolean;
  /** Alignment of figures in their cells (default centred). */
  figureAlign?: 'center' | 'right' | 'left';
  /** A page number in the footer, as government PDFs print it: `— 3 —`, `-3-`, `第 3 页 共 8 页`, `3`. */
  pageNumber?: PageNumberStyle;
  /** Where the footer's page number stands. */
  pageNumberAlign?: 'center' | 'right' | 'left';
  /** A running header on every page (the agency, the report's title), ruled off or not. */
  runningHeader?: { text: string; rule: boolean };
}

export type PageNumberStyle = 'em-dash' | 'hyphen' | 'of' | 'plain';
export const PAGE_NUMBER_STYLES: PageNumberStyle[] = ['em-dash', 'hyphen', 'of', 'plain'];

const DEFAULT_DOCX: DocxStyle = { labelWidth: 2400, rowHeight: 0, repeatHeader: true, pushedDown: new Set(), pageBreakBefore: false };

const TEXT_WIDTH = 9000;
/** Width of the text block: wider on a landscape page. */
const textWidth = (st: DocxStyle) => (st.landscape ? 13500 : TEXT_WIDTH);

function docxRun(text: string, opts: { bold?: boolean; size?: number; font?: string } = {}): string {
  const font = opts.font ?? '仿宋';
  return `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="${font}"/>${opts.bold ? '<w:b/>' : ''}<w:sz w:val="${opts.size ?? 32}"/><w:szCs w:val="${opts.size ?? 32}"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

function docxPara(p: Para): string {
  const jc = p.role === 'title' ? 'center' : p.role === 'sign' || p.role === 'date' ? 'right' : 'both';
  const ind = p.role === 'body' || p.role === 'heading' || p.role === 'preface' ? '<w:ind w:firstLine="640"/>' : '';
  const run = docxRun(p.text, { bold: p.role === 'title', size: p.role === 'title' ? 44 : 32, font: p.role === 'title' ? '宋体' : p.role === 'heading' ? '黑体' : '仿宋' });
  return `<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/>${ind}<w:jc w:val="${jc}"/></w:pPr>${run}</w:p>`;
}

function docxTable(t: ZTable, st: DocxStyle): string {
  const labelCols = t.id === 't4' ? 0 : t.labelCols;
  const lw = t.id === 't3' ? [Math.round(st.labelWidth * 0.45), Math.round(st.labelWidth * 0.45), st.labelWidth] : [st.labelWidth];
  const used = lw.slice(0, labelCols).reduce((a, b) => a + b, 0);
  const rest = Math.floor((textWidth(st) - used) / (t.width - labelCols));
  const widths = [...lw.slice(0, labelCols), ...Array(t.width - labelCols).fill(rest)];
  const g = grid(t);
  const rows = g.map((row, ri) => {
    const header = t.rows[ri].header;
    const trPr = `<w:trPr>${header && st.repeatHeader ? '<w:tblHeader/>' : ''}${!header && st.rowHeight ? `<w:trHeight w:val="${st.rowHeight}"/>` : ''}<w:cantSplit/></w:trPr>`;
    const tcs: string[] = [];
    for (let ci = 0; ci < row.length; ci++) {
      const x = row[ci];
      if (!x.start && !x.vcont) continue; // covered by a horizontal span
      if (x.vcont) {
        // The continuation of a vertical merge: find the left edge of that merged cell.
        const left = row.findIndex((y) => y.cell === x.cell);
        if (left !== ci) continue;
      }
      const w = widths.slice(ci, ci + x.cell.colSpan).reduce((a, b) => a + b, 0);
      const vm = x.cell.rowSpan > 1 ? (x.vcont ? '<w:vMerge/>' : '<w:vMerge w:val="restart"/>') : '';
      const gs = x.cell.colSpan > 1 ? `<w:gridSpan w:val="${x.cell.colSpan}"/>` : '';
      const text = x.vcont ? '' : x.cell.text;
      const pushed = x.cell.key && st.pushedDown.has(x.cell.key) && !x.vcont;
      const jc = x.cell.role === 'label' ? 'left' : x.cell.key ? (st.figureAlign ?? 'center') : 'center';
      const p = (s: string) => `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="300" w:lineRule="auto"/><w:jc w:val="${jc}"/></w:pPr>${s ? docxRun(s, { size: st.cellSize ?? 20, font: '宋体' }) : ''}</w:p>`;
      // A frame-only table still rules off its header rows.
      const headerRule = st.borders === 'frame' && header && !t.rows[ri + 1]?.header ? '<w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tcBorders>' : '';
      const content = pushed ? `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="160" w:lineRule="exact"/></w:pPr>${docxRun('  ', { size: 12 })}</w:p>${p(text)}` : p(text);
      tcs.push(`<w:tc><w:tcPr><w:tcW w:w="${w}" w:type="dxa"/>${gs}${vm}${headerRule}<w:vAlign w:val="center"/></w:tcPr>${content}</w:tc>`);
    }
    return `<w:tr>${trPr}${tcs.join('')}</w:tr>`;
  });
  const drawn: string[] = { all: ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'], rows: ['top', 'bottom', 'insideH'], frame: ['top', 'left', 'bottom', 'right'], none: [] }[st.borders ?? 'all'];
  const border = (s: string) => `<w:${s} w:val="${drawn.includes(s) ? 'single' : 'nil'}" w:sz="4" w:space="0" w:color="000000"/>`;
  return `<w:tbl><w:tblPr><w:tblW w:w="${textWidth(st)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${rows.join('')}</w:tbl><w:p/>`;
}

/** A field (PAGE, NUMPAGES) as Word writes it: begin, instruction, separate, a cached result, end. */
function docxField(instr: string, size: number): string {
  const rPr = `<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
  return `<w:r>${rPr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>${rPr}<w:instrText xml:space="preserve"> ${instr} </w:instrText></w:r><w:r>${rPr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>${rPr}<w:t>1</w:t></w:r><w:r>${rPr}<w:fldChar w:fldCharType="end"/></w:r>`;
}

function docxFooter(style: PageNumberStyle, align: string): string {
  const size = 28;
  const t = (s: string) => docxRun(s, { size, font: '宋体' });
  const page = docxField('PAGE \\* MERGEFORMAT', size);
  const runs = {
    'em-dash': t('— ') + page + t(' —'),
    hyphen: t('-') + page + t('-'),
    of: t('第 ') + page + t(' 页 共 ') + docxField('NUMPAGES', size) + t(' 页'),
    plain: page,
  }[style];
  return `<w:p><w:pPr><w:jc w:val="${align}"/></w:pPr>${runs}</w:p>`;
}

export async function docx(d: ZDoc, st: DocxStyle = DEFAULT_DOCX): Promise<Uint8Array> {
  const body = d.blocks
    .map((b: Block) => {
      if (b.kind === 'p') return docxPara(b);
      const brk = st.pageBreakBefore && b.id === 't3' ? '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' : '';
      return brk + docxTable(b, st);
    })
    .join('');
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const zip = new JSZip();
  const parts: { id: string; kind: 'footer' | 'header'; file: string; xml: string }[] = [];
  if (st.pageNumber) parts.push({ id: 'rId2', kind: 'footer', file: 'footer1.xml', xml: `<w:ftr ${W}>${docxFooter(st.pageNumber, st.pageNumberAlign ?? 'center')}</w:ftr>` });
  if (st.runningHeader) {
    const rule = st.runningHeader.rule ? '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>' : '';
    parts.push({ id: 'rId3', kind: 'header', file: 'header1.xml', xml: `<w:hdr ${W}><w:p><w:pPr>${rule}<w:jc w:val="center"/></w:pPr>${docxRun(st.runningHeader.text, { size: 18, font: '宋体' })}</w:p></w:hdr>` });
  }
  const ct = { footer: 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml', header: 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml' };
  zip.file('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>${parts.map((x) => `<Override PartName="/word/${x.file}" ContentType="${ct[x.kind]}"/>`).join('')}</Types>`);
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file('word/_rels/document.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${parts.map((x) => `<Relationship Id="${x.id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${x.kind}" Target="${x.file}"/>`).join('')}</Relationships>`);
  for (const x of parts) zip.file(`word/${x.file}`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${x.xml}`);
  zip.file('word/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/><w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>`);
  const refs = parts.map((x) => `<w:${x.kind}Reference w:type="default" r:id="${x.id}"/>`).join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}<w:sectPr>${refs}${st.landscape ? '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' : '<w:pgSz w:w="11906" w:h="16838"/>'}<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Keys of a few figure cells to push down (tables 三 and 四). */
function pushKeys(d: ZDoc, rng: Rng, n: number): Set<string> {
  const keys = d.blocks.flatMap((b) => (b.kind === 'table' && b.id !== 't2' ? b.rows.flatMap((r) => r.cells.filter((c) => c.key && c.text !== '').map((c) => c.key!)) : []));
  return new Set(rng.shuffle(keys).slice(0, n));
}


// ---------- more presentations (converters and portals the first ones did not cover) ----------

/** Markdown as PDF-to-Markdown converters write it: prose as paragraphs, each table as an HTML `<table>` with its spans. */
function markdownHtmlTables(d: ZDoc, rng: Rng): string {
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'table') {
      const rows = b.rows.map((row) => `<tr>${row.cells.map((c) => `<td${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}>${esc(c.text)}</td>`).join('')}</tr>`);
      out.push(`<table>${rows.join('')}</table>`, '');
    } else if (b.role === 'title') out.push(`# ${b.text}`, '');
    else if (b.role === 'heading') out.push(`${rng.chance(0.5) ? '## ' : ''}${b.text}`, '');
    else out.push(b.text, '');
  }
  return out.join('\n');
}

/** Markdown pipe tables where the converter joined a row's label cells into one (三、本年度办理结果 （一）予以公开), `<br>` where a label wrapped. */
function markdownJoinedLabels(d: ZDoc, rng: Rng): string {
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'p') {
      out.push(b.role === 'title' ? `# ${b.text}` : b.role === 'heading' ? `### ${b.text}` : b.text, '');
      continue;
    }
    const g = grid(b);
    const width = g[0].length;
    const lines = g.map((row, ri) => {
      const labels: string[] = [];
      const values: string[] = [];
      row.forEach((x, ci) => {
        if (ci < b.labelCols) {
          if ((x.start || x.vcont) && x.cell.text && !labels.includes(x.cell.text)) labels.push(x.cell.text);
        } else values.push(x.start ? x.cell.text : '');
      });
      const label = labels.map((l) => (l.length > 12 && rng.chance(0.3) ? `${l.slice(0, 8)}<br>${l.slice(8)}` : l)).join(' ');
      // A table without label columns (table 四) gets none.
      return b.labelCols ? `| ${label} | ${values.join(' | ')} |` : `| ${values.join(' | ')} |`;
    });
    out.push(lines[0], '|' + Array(width - b.labelCols + (b.labelCols ? 1 : 0)).fill(' --- ').join('|') + '|', ...lines.slice(1), '');
  }
  return out.join('\n');
}

/** A portal's HTML: the table wrapped in a caption row, cells holding `<p><span>`, labels broken with `<br>`, figures padded with `&nbsp;`, `<th>` for the header rows. */
function htmlPortal(d: ZDoc, rng: Rng): string {
  const body = d.blocks
    .map((b) => {
      if (b.kind === 'p') return b.role === 'heading' ? `<h3>${esc(b.text)}</h3>` : `<p>${esc(b.text)}</p>`;
      const width = grid(b)[0].length;
      const rows = b.rows.map((row) => {
        const cells = row.cells.map((c) => {
          const tag = row.header ? 'th' : 'td';
          const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
          let text = esc(c.text);
          if (c.role === 'value') text = text ? `&nbsp;${text}&nbsp;` : '&nbsp;';
          else if (c.text.length > 10 && rng.chance(0.5)) text = `${esc(c.text.slice(0, 6))}<br/>${esc(c.text.slice(6))}`;
          return `<${tag}${span}><p style="text-align:center"><span style="font-family:宋体">${text}</span></p></${tag}>`;
        });
        return `<tr>${cells.join('')}</tr>`;
      });
      const caption = `<tr><td colspan="${width}"><strong>${b.id === 't2' ? '主动公开政府信息情况统计表' : b.id === 't3' ? '收到和处理政府信息公开申请情况统计表' : '政府信息公开行政复议、行政诉讼情况统计表'}</strong></td></tr>`;
      return `<table border="1" style="border-collapse:collapse"><tbody>${rng.chance(0.5) ? caption : ''}${rows.join('\n')}</tbody></table>`;
    })
    .join('\n');
  return `<html><head><meta charset="utf-8"><title>${esc(d.report.title)}</title></head><body><div class="content">${body}</div></body></html>`;
}

/** Text with full-width digits, cells parted by ideographic spaces, one table row per line (an old input method's copy). */
function fullWidthText(d: ZDoc): string {
  const fw = (s: string) => s.replace(/[0-9.\-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'p') out.push(b.text);
    else for (const row of grid(b)) out.push(row.map((g) => (g.start ? fw(g.cell.text) : '')).join('\u3000'));
  }
  return out.join('\r\n') + '\r\n';
}

/** Text as PDF text extractors give it line by line (pdfplumber, a viewer's copy): a table row per line, its cells parted by one space, merged positions omitted. */
function spacedRows(d: ZDoc): string {
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'p') out.push(b.text);
    else for (const row of b.rows) out.push(row.cells.map((c) => c.text).filter((t) => t !== '').join(' '));
  }
  return out.join('\n') + '\n';
}

/** Text as a PDF library lists its text blocks (PyMuPDF's blocks): every cell on its own line, no blank lines, empty cells absent. */
function cellLines(d: ZDoc): string {
  const out: string[] = [];
  for (const b of d.blocks) {
    if (b.kind === 'p') out.push(b.text);
    else for (const row of b.rows) for (const c of row.cells) if (c.text !== '') out.push(c.text);
  }
  return out.join('\n') + '\n';
}

/** Style sheets a site might give its tables: row rules only, zebra shading, or no rules at all. */
const BROWSER_ROW_STYLES = [
  '<style>table{border-collapse:collapse}td,th{border:none!important;border-bottom:1px solid #333!important;padding:3px 6px}</style>',
  '<style>table{border-collapse:collapse;border-top:2px solid #000;border-bottom:2px solid #000}td,th{border:none!important;padding:4px}tr:nth-child(even){background:#eef2f7}</style>',
  '<style>table{border-collapse:collapse}td,th{border:none!important;padding:2px 8px;font-size:13px}</style>',
  '<style>table{border-collapse:collapse;width:100%}td,th{border:none!important;border-top:1px solid #999!important;padding:6px 4px;text-align:center}</style>',
];

/** How a report writes its figures in cells: full-width digits, thousands separators, a unit after the figure, padding. */
export type FigureStyle = 'fullwidth' | 'thousands' | 'thousands-cn' | 'unit' | 'padded';
export const FIGURE_STYLES: FigureStyle[] = ['fullwidth', 'thousands', 'thousands-cn', 'unit', 'padded'];

/** The document with its figures written in one of those ways (the same values: a reader must give the same cells). */
export function restyleFigures(d: ZDoc, style: FigureStyle): ZDoc {
  const FW = '０１２３４５６７８９';
  const write = (text: string, key: string): string => {
    const t = text.trim();
    if (style === 'fullwidth') return t.replace(/[0-9]/g, (c) => FW[Number(c)]).replace(/^-$/, '－').replace(/^\/$/, '／');
    if (!/^\d+$/.test(t)) return text;
    if (style === 'thousands' || style === 'thousands-cn') return t.replace(/\B(?=(\d{3})+$)/g, style === 'thousands' ? ',' : '，');
    // Counts of requests are 件; table 二's figures are of other units (万元, 个), left as they are.
    if (style === 'unit') return key.startsWith('t2.') ? t : `${t}件`;
    return `\u00a0${t}\u00a0`;
  };
  const blocks = d.blocks.map((b) =>
    b.kind === 'table' ? { ...b, rows: b.rows.map((r) => ({ ...r, cells: r.cells.map((c) => (c.key && c.role === 'value' && c.text !== '' ? { ...c, text: write(c.text, c.key) } : c)) })) } : b,
  );
  return { ...d, blocks };
}

/** The running header of a page: the agency, or the report's title. */
function runningHeaderText(d: ZDoc, rng: Rng): string {
  const title = paras(d).find((p) => p.role === 'title')?.text ?? '';
  return rng.pick([d.report.agency, title, `${d.report.agency}${d.report.year}年政府信息公开工作年度报告`]);
}

export const PRESENTATIONS: Presentation[] = [
  { name: 'txt-word', render: (d) => ({ bytes: utf8(wordText(d)), ext: 'txt' }) },
  { name: 'txt-web', render: (d) => ({ bytes: utf8(webText(d)), ext: 'txt' }) },
  { name: 'tsv-merged', render: (d) => ({ bytes: utf8(tsv(d)), ext: 'txt' }) },
  { name: 'txt-flattened', partial: '空单元格在连写的数字中不留痕迹：几种拆分无法区分时按无法读取标注，不报 cell-missing', render: (d, rng) => ({ bytes: utf8(flattened(d, rng)), ext: 'txt' }) },
  { name: 'md-compact', render: (d, rng) => ({ bytes: utf8(markdown(d, rng, false)), ext: 'md' }) },
  { name: 'md-repeated', render: (d, rng) => ({ bytes: utf8(markdown(d, rng, true)), ext: 'md' }) },
  { name: 'html-cms', render: (d, rng) => ({ bytes: utf8(htmlCms(d, rng)), ext: 'html' }) },
  { name: 'html-word-gbk', render: (d) => ({ bytes: new Uint8Array(iconv.encode(htmlWord(d), 'gbk')), ext: 'htm' }) },
  { name: 'docx-word', render: async (d, rng) => ({ bytes: await docx(d, { ...DEFAULT_DOCX, repeatHeader: rng.chance(0.5) }), ext: 'docx' }) },
  {
    name: 'pdf-narrow',
    pdf: true,
    render: async (d, rng) => {
      const labelWidth = rng.int(900, 1300);
      const rowHeight = rng.chance(0.5) ? rng.int(500, 800) : 0;
      return {
        bytes: await docx(d, { labelWidth, rowHeight, repeatHeader: true, pushedDown: new Set(), pageBreakBefore: false }),
        ext: 'docx',
        office: 'pdf',
        details: [`label column ${labelWidth} twips`, rowHeight ? `rows ≥ ${rowHeight} twips` : 'rows auto height'],
      };
    },
  },
  {
    name: 'pdf-pushed-split',
    pdf: true,
    render: async (d, rng) => {
      const pushed = pushKeys(d, rng, rng.int(1, 3));
      const pageBreakBefore = rng.chance(0.5);
      return {
        bytes: await docx(d, { labelWidth: rng.int(1400, 2400), rowHeight: rng.int(600, 900), repeatHeader: true, pushedDown: pushed, pageBreakBefore }),
        ext: 'docx',
        office: 'pdf',
        details: [...[...pushed].map((k) => `pushed-down ${k}`), ...(pageBreakBefore ? ['page break before table 三'] : [])],
      };
    },
  },
  {
    // Text saved from a PDF with its layout: labels wrapped over lines, figures on the middle one.
    name: 'txt-pdf-layout',
    pdf: true,
    partial: '标签在窄列中折成多行、数字不在标签所在行时，行尚不能全部还原（按无法读取标注）',
    render: async (d, rng) => {
      const labelWidth = rng.int(1000, 2400);
      const rowHeight = rng.chance(0.5) ? rng.int(500, 800) : 0;
      return {
        bytes: await docx(d, { labelWidth, rowHeight, repeatHeader: rng.chance(0.5), pushedDown: new Set(), pageBreakBefore: false }),
        ext: 'docx',
        office: 'pdf',
        pdfToText: 'layout',
        details: [`label column ${labelWidth} twips`, rowHeight ? `rows ≥ ${rowHeight} twips` : 'rows auto height'],
      };
    },
  },
  {
    // Text copied out of a PDF in its drawing order: a merged label cell may come after the figures of its rows.
    name: 'txt-pdf-raw',
    pdf: true,
    partial: '表四的数字不按列序输出时按无法读取标注',
    render: async (d, rng) => ({
      bytes: await docx(d, { labelWidth: rng.int(1000, 2400), rowHeight: 0, repeatHeader: rng.chance(0.5), pushedDown: new Set(), pageBreakBefore: false }),
      ext: 'docx',
      office: 'pdf',
      pdfToText: 'raw',
    }),
  },
  { name: 'txt-trad', render: (d) => ({ bytes: utf8(toTrad(wordText(d))), ext: 'txt' }) },
  { name: 'html-trad', render: (d, rng) => ({ bytes: utf8(toTrad(htmlCms(d, rng))), ext: 'html' }) },
  { name: 'md-html-tables', render: (d, rng) => ({ bytes: utf8(markdownHtmlTables(d, rng)), ext: 'md' }) },
  { name: 'md-joined-labels', render: (d, rng) => ({ bytes: utf8(markdownJoinedLabels(d, rng)), ext: 'md' }) },
  { name: 'html-portal', render: (d, rng) => ({ bytes: utf8(htmlPortal(d, rng)), ext: 'html' }) },
  {
    // A web page saved as PDF from the browser: another PDF producer (Skia), the site's chrome
    // printed around the article, CJK text mapped to Kangxi radicals, tables ruled per cell.
    name: 'pdf-browser',
    pdf: true,
    browser: true,
    render: (d, rng) => ({ bytes: utf8(htmlCms(d, rng)), ext: 'html', printHtml: true }),
  },
  {
    // The page printed by a browser with its cells' borders apart (<table border="1"> without cellspacing="0"): each cell its own box.
    name: 'pdf-browser-spaced',
    pdf: true,
    browser: true,
    render: (d, rng) => ({ bytes: utf8(htmlCms(d, rng).replace(/cellspacing="0"/g, `cellspacing="${rng.int(1, 3)}"`)), ext: 'html', printHtml: true }),
  },
  {
    // The page printed by a browser with a style sheet that rules rows only (a line under each row, none between columns), or nothing at all (zebra shading, or bare).
    name: 'pdf-browser-rows',
    partial: '没有列线的表格只能按文字位置读：同一行两个单元格的数字挨得太近、或标签折行与邻行交错时，该行按无法读取标注',
    pdf: true,
    browser: true,
    render: (d, rng) => ({ bytes: utf8(htmlCms(d, rng).replace('</head>', `${rng.pick(BROWSER_ROW_STYLES)}</head>`)), ext: 'html', printHtml: true }),
  },
  {
    // The page's text as a browser copies it: cells holding paragraphs stand on their own lines, parted by a tab alone on a line.
    name: 'txt-browser-copy',
    pdf: true,
    browser: true,
    render: (d, rng) => ({ bytes: utf8(rng.chance(0.5) ? htmlCms(d, rng) : htmlPortal(d, rng)), ext: 'html', browserText: true }),
  },
  { name: 'txt-spaced-rows', partial: '空单元格在此文本中不留痕迹：空白放在某处能使勾稽关系成立时报告这几格中有空白（cell-missing），都不成立时（空出的格原本不是 0）该行按无法读取标注，不报 cell-missing', render: (d) => ({ bytes: utf8(spacedRows(d)), ext: 'txt' }) },
  { name: 'txt-cell-lines', partial: '空单元格在此文本中不留痕迹：空白放在某处能使勾稽关系成立时报告这几格中有空白（cell-missing），都不成立时（空出的格原本不是 0）该行按无法读取标注，不报 cell-missing', render: (d) => ({ bytes: utf8(cellLines(d)), ext: 'txt' }) },
  {
    // Text saved by Notepad as "Unicode": UTF-16 little-endian, CRLF line ends, a byte order mark or (some editors) none.
    name: 'txt-utf16',
    render: (d, rng) => {
      const body = new Uint8Array(iconv.encode(wordText(d).replace(/\n/g, '\r\n'), 'utf-16le'));
      return { bytes: rng.chance(0.7) ? Uint8Array.from([0xff, 0xfe, ...body]) : body, ext: 'txt' };
    },
  },
  { name: 'txt-python-docx', render: (d, rng) => ({ bytes: utf8(pythonDocx(d, rng)), ext: 'txt' }) },
  { name: 'html-split-tables', render: (d, rng) => ({ bytes: utf8(htmlCms(d, rng, true)), ext: 'html' }) },
  { name: 'txt-box-drawn', render: (d, rng) => ({ bytes: utf8(boxDrawnText(d, rng)), ext: 'txt' }) },
  { name: 'md-grid', render: (d, rng) => ({ bytes: utf8(markdownGrid(d, rng)), ext: 'md' }) },
  {
    // The portal page dumped by the text browser w3m (`w3m -dump`), at a random screen width.
    name: 'txt-w3m',
    tool: 'w3m',
    render: (d, rng) => {
      const cols = rng.int(80, 200);
      return { bytes: convert('w3m', ['-dump', '-cols', String(cols), '-O', 'UTF-8', '-I', 'UTF-8', '-T', 'text/html'], utf8(htmlCms(d, rng))), ext: 'txt', details: [`w3m -cols ${cols}`] };
    },
  },
  {
    // The Word file converted by pandoc to one of its text formats (Markdown flavours, reStructuredText, Org, plain).
    name: 'txt-pandoc',
    tool: 'pandoc',
    render: async (d, rng) => {
      const writer = rng.pick(PANDOC_WRITERS);
      const from = rng.chance(0.5) ? 'docx' : 'html';
      const input = from === 'docx' ? await docx(d, { ...DEFAULT_DOCX, repeatHeader: false }) : utf8(htmlCms(d, rng));
      return { bytes: convert('pandoc', ['-f', from, '-t', writer, '--wrap=none'], input), ext: writer === 'rst' ? 'rst' : writer === 'org' ? 'org' : writer === 'plain' ? 'txt' : 'md', details: [`pandoc -f ${from} -t ${writer}`] };
    },
  },
  // The Word file through LibreOffice Writer: saved again as DOCX (Writer's own DOCX dialect),
  // exported as a web page, or exported as text (one cell per line, an empty cell a blank line).
  { name: 'docx-libreoffice', pdf: true, render: async (d, rng) => ({ bytes: await docx(d, { ...DEFAULT_DOCX, repeatHeader: rng.chance(0.5) }), ext: 'docx', office: 'docx' }) },
  { name: 'html-libreoffice', pdf: true, render: async (d, rng) => ({ bytes: await docx(d, { ...DEFAULT_DOCX, repeatHeader: rng.chance(0.5) }), ext: 'docx', office: 'html' }) },
  { name: 'txt-libreoffice', pdf: true, render: async (d, rng) => ({ bytes: await docx(d, { ...DEFAULT_DOCX, repeatHeader: rng.chance(0.5) }), ext: 'docx', office: 'txt' }) },
  {
    // The portal page converted to DOCX by pandoc: its <title> becomes the first paragraph, tables without merged cells.
    name: 'docx-pandoc',
    tool: 'pandoc',
    render: (d, rng) => ({ bytes: convert('pandoc', ['-f', 'html', '-t', 'docx'], utf8(htmlCms(d, rng))), ext: 'docx' }),
  },
  {
    // A Word table whose column rules were taken away (rules between rows only, the frame and the
    // header's rule, or no rules at all), saved as PDF: columns from the words, not from rules.
    name: 'pdf-unruled',
    pdf: true,
    partial: '没有表格线、只凭文字排版的表：行名折行而与相邻行排在一起、数字在窄列中折行时，该行按无法读取标注（其中注入的错误因此漏报）',
    render: async (d, rng) => {
      const borders = rng.pick(['rows', 'frame', 'none'] as const);
      const labelWidth = rng.int(1400, 2600);
      return {
        bytes: await docx(d, { labelWidth, rowHeight: rng.chance(0.3) ? rng.int(500, 700) : 0, repeatHeader: rng.chance(0.5), pushedDown: new Set(), pageBreakBefore: false, borders }),
        ext: 'docx',
        office: 'pdf',
        details: [`borders ${borders}`, `label column ${labelWidth} twips`],
      };
    },
  },
  {
    // The Word file in other styles: cell text 7.5–14 pt, a landscape page, figures left or right.
    name: 'pdf-styled',
    pdf: true,
    render: async (d, rng) => {
      const style = { cellSize: rng.int(15, 28), landscape: rng.chance(0.3), figureAlign: rng.pick(['center', 'right', 'left'] as const) };
      const labelWidth = style.landscape ? rng.int(2400, 4000) : rng.int(1200, 2600);
      return {
        bytes: await docx(d, { labelWidth, rowHeight: 0, repeatHeader: true, pushedDown: new Set(), pageBreakBefore: rng.chance(0.3), ...style }),
        ext: 'docx',
        office: 'pdf',
        details: [`cells ${style.cellSize / 2} pt`, style.landscape ? 'landscape' : 'portrait', `figures ${style.figureAlign}`, `label column ${labelWidth} twips`],
      };
    },
  },
  {
    // The Word file with a page number in its footer (`— 3 —`, `-3-`, `第 3 页 共 8 页`, `3`) and often a running
    // header, saved as PDF: where a table crosses a page, both stand between its rows.
    name: 'pdf-paged',
    pdf: true,
    render: async (d, rng) => {
      const pageNumber = rng.pick(PAGE_NUMBER_STYLES);
      const pageNumberAlign = rng.pick(['center', 'center', 'right', 'left'] as const);
      const runningHeader = rng.chance(0.6) ? { text: runningHeaderText(d, rng), rule: rng.chance(0.5) } : undefined;
      const labelWidth = rng.int(1200, 2600);
      const rowHeight = rng.chance(0.4) ? rng.int(500, 800) : 0;
      const landscape = rng.chance(0.15);
      return {
        bytes: await docx(d, { labelWidth: landscape ? labelWidth + 1400 : labelWidth, rowHeight, repeatHeader: rng.chance(0.5), pushedDown: new Set(), pageBreakBefore: false, pageNumber, pageNumberAlign, runningHeader, landscape, cellSize: rng.int(20, 24) }),
        ext: 'docx',
        office: 'pdf',
        details: [`page number ${pageNumber} ${pageNumberAlign}`, runningHeader ? `running header${runningHeader.rule ? ' ruled' : ''}` : 'no header', landscape ? 'landscape' : 'portrait', rowHeight ? `rows ≥ ${rowHeight} twips` : 'rows auto height'],
      };
    },
  },
  {
    // The web page with its figures written another way: full-width digits, 1,234 or 1，234, `3件`, padded with no-break spaces.
    name: 'html-figure-styles',
    render: (d, rng) => {
      const style = rng.pick(FIGURE_STYLES);
      return { bytes: utf8(htmlCms(restyleFigures(d, style), rng)), ext: 'html', details: [`figures ${style}`] };
    },
  },
  { name: 'md-tool', render: (d, rng) => ({ bytes: utf8(markdownTool(d, rng)), ext: 'md' }) },
  { name: 'txt-pipes', render: (d, rng) => ({ bytes: utf8(pipeText(d, rng)), ext: 'txt' }) },
  { name: 'txt-fullwidth-gbk', partial: '行首的空单元格与标签跨列留下的空位无法区分：该行按无法读取标注', render: (d) => ({ bytes: new Uint8Array(iconv.encode(fullWidthText(d), 'gbk')), ext: 'txt' }) },
];

export const PRESENTATION_NAMES = PRESENTATIONS.map((p) => p.name);
