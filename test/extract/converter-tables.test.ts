/**
 * Reports as converters and text browsers write them (issue 8's unseen presentations): w3m's and
 * elinks' box-drawn tables, pandoc's grid, dash-rule, pipe and Org tables — and the pieces of them
 * that once went wrong: a blank cell beside a label's split merged cell, pandoc's `---` for a dash
 * zero, a blank at a row's end. Every cell is the report's own figure, or blank and flagged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignValues, byLastColumns } from '../../src/extract/tables.js';
import type { ValueToken } from '../../src/extract/tokens.js';
import { parseBytes, type ParseOutcome } from '../../src/pipeline.js';
import { extractReport } from '../../src/extract/index.js';
import { readText } from '../../src/read/text.js';
import { DERIVED } from '../helpers/paths.js';

type Ok = Extract<ParseOutcome, { ok: true }>;
const ZOO = path.join(DERIVED, 'zoo');

async function read(file: string): Promise<{ got: Ok; truth: { cells: Record<string, number | null>; agency: string } }> {
  const f = path.join(ZOO, file);
  const o = await parseBytes(readFileSync(f), f);
  if (!o.ok) throw new Error(o.failure.message);
  const truth = JSON.parse(readFileSync(f.replace(/\.(txt|md|org|rst|pdf)$/, '.truth.json'), 'utf8'));
  return { got: o, truth: { cells: truth.cells, agency: truth.agency ?? truth.meta?.agency } };
}

/** Cells that differ from the truth at all (flagged or not). */
const differing = (r: Awaited<ReturnType<typeof read>>) => Object.entries(r.truth.cells).filter(([k, v]) => r.got.cells[k] !== v).map(([k, v]) => `${k}: 应为 ${v}，读出 ${r.got.cells[k]}`);

describe('tables dumped or converted into text', () => {
  it.each([
    ['w3m-dump.txt', 'txt'],
    ['elinks-dump.txt', 'txt'],
    ['pandoc-rst.rst', 'md'],
    ['s1-001090-txt-pandoc-markdown.md', 'md'],
    // MediaWiki's tables ({| |- | cell |}) with the page's <div>s around them (unseen seed 201: every cell silent before).
    ['p201-000004-pandoc-html-mediawiki.txt', 'md'],
    // python's html2text: no outer pipes, the separator as wide as the first row; a row's empty
    // first cell left as ` | 0| 0`, an empty last cell as `0| 0|` (unseen seed 201: flagged before).
    ['p201-000012-python-html2text.md', 'md'],
    ['p201-000104-python-html2text.md', 'md'],
  ])('%s: every cell and the agency exact', async (file, format) => {
    const r = await read(file);
    expect(r.got.format).toBe(format);
    expect(differing(r)).toEqual([]);
    expect(r.got.meta.agency).toBe(r.truth.agency);
    expect(r.got.findings.filter((f) => f.rule === 'table-missing' || f.rule === 'unreadable')).toEqual([]);
  });

  it('MediaWiki\'s tables in plain text (no tags around them), cells with attributes, on several lines, and two on a line', async () => {
    const f = path.join(ZOO, 'p201-000004-pandoc-html-mediawiki.txt');
    const text = readFileSync(f, 'utf8').split('\n').filter((l) => !/^<\/?div/.test(l)).join('\n');
    const o = await parseBytes(new TextEncoder().encode(text), 'wiki.txt');
    if (!o.ok) throw new Error(o.failure.message);
    const truth = JSON.parse(readFileSync(f.replace(/\.txt$/, '.truth.json'), 'utf8')).cells as Record<string, number | null>;
    expect(Object.entries(truth).filter(([k, v]) => o.cells[k] !== v)).toEqual([]);
    const wiki = readText(['{| class="wikitable"', '! 信息内容 !! 本年制发件数', '|-', '| colspan="1" | 规章', '| 3', '|-', "| '''行政规范性'''", '文件', '| 0 || 7', '|}'].join('\n'));
    const table = wiki.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => r.map((c) => c.text))).toEqual([['信息内容', '本年制发件数'], ['规章', '3'], ['行政规范性文件', '0', '7']]);
  });

  it('pandoc\'s plain text of a page laid out in one box (every line framed `| … |`), a too-wide table left as `[TABLE]`: the box is no table; the left-out table unreadable, not missing', async () => {
    const r = await read('pandoc-plain-framed-page.txt');
    const t4 = Object.keys(r.truth.cells).filter((k) => k.startsWith('t4.'));
    expect(differing(r).filter((d) => !d.startsWith('t4.'))).toEqual([]);
    expect(r.got.meta.agency).toBe(r.truth.agency);
    const flagged = new Set(r.got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    expect(t4.every((k) => r.got.cells[k] === null && flagged.has(k))).toBe(true);
    expect(r.got.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).not.toContain('table-missing');
    expect(r.got.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).not.toContain('cell-missing');
  });

  it('a text browser\'s dump of table 二 at a narrow width: a label wrapped under its one figure (行政   0 / 许可) is one row', () => {
    const text = ['某县人民政府2023年政府信息公开工作年度报告', '一、总体情况', '本年度持续推进政务公开。', '二、主动公开政府信息情况', '  第二十条第（五）项', '', '信息 本年处理决定数量', '内容', '', '行政         0', '许可', '', '第二十条第（六）项', '', '信息 本年处理决定数量', '内容', '', '行政         27', '处罚', '', '行政         14', '强制', '', '三、收到和处理政府信息公开申请情况', ''].join('\n');
    const r = extractReport(readText(text), 'w3m.txt');
    expect([r.cells['t2.licensing.decisions'], r.cells['t2.punishment.decisions'], r.cells['t2.coercion.decisions']]).toEqual([0, 27, 14]);
  });

  it('a workbook with the title in a cell of its own (A1): the title names the agency', async () => {
    const f = path.join(ZOO, 'workbook-title-in-cell.xlsx');
    const o = await parseBytes(readFileSync(f), f);
    if (!o.ok) throw new Error(o.failure.message);
    expect(o.meta).toMatchObject({ agency: '河北省市场监督管理局', year: 2020, level: 'department' });
  });

  it('a workbook with the prose on one sheet and each table on its own under its heading, heading 四 wrapped over two rows: every table read, no false error', async () => {
    const f = path.join(ZOO, 'workbook-sheets-wrapped-heading.xlsx');
    const o = await parseBytes(readFileSync(f), f);
    if (!o.ok) throw new Error(o.failure.message);
    expect(o.findings.filter((x) => x.rule === 'table-missing' || x.rule === 'section-missing')).toEqual([]);
    expect(Object.keys(o.cells).filter((k) => o.cells[k] === null).length).toBeLessThan(3);
  });

  it('MinerU\'s Markdown with each table wrapped in <html><body>: Markdown still, every cell and the agency exact', async () => {
    const r = await read('mineru-html-body-tables.md');
    expect(r.got.format).toBe('md');
    expect(differing(r)).toEqual([]);
    expect(r.got.meta.agency).toBe(r.truth.agency);
  });

  it('a pipe table whose label\'s merged cell became an empty cell: a blank last cell is read by its column, and reported', async () => {
    const r = await read('s1-002104-txt-pandoc-gfm.md');
    expect(differing(r)).toEqual([]);
    expect(r.got.cells['t3.partialGrant.total']).toBeNull();
    expect(r.got.findings.find((f) => f.rule === 'cell-missing')?.cells).toContain('t3.partialGrant.total');
  });

  it('MultiMarkdown\'s heading ids (`# 标题 [id]`) are not part of the title or a section heading', async () => {
    const file = path.join(ZOO, 's1-001090-txt-pandoc-markdown.md');
    const mmd = readFileSync(file, 'utf8')
      .replace('**岐山县东坝镇人民政府2022年**\n\n**政府信息公开工作年度报告**', '# 岐山县东坝镇人民政府2022年政府信息公开工作年度报告 [wz-title]')
      .replace(/^(一、总体情况)$/m, '## $1 [sec1]');
    const o = await parseBytes(new TextEncoder().encode(mmd), 'mmd.md');
    if (!o.ok) throw new Error(o.failure.message);
    expect(o.meta.agency).toBe('岐山县东坝镇人民政府');
    expect(o.meta.title).not.toMatch(/wz-title/);
    expect(o.sections.find((s) => s.key === 'overview')?.title).toBe('总体情况');
  });

  it('pandoc\'s --- (its spelling of —) in adjacent cells is two zero marks, not one merged cell', async () => {
    const r = await read('s1-001376-txt-pandoc-org.org');
    expect(differing(r)).toEqual([]);
    expect(r.got.findings.map((f) => f.rule)).toContain('zero-notation');
  });
});

describe('what a python-docx script writes', () => {
  it('tables after all the text (paragraphs first, then document.tables): every cell, the date and the agency from the text', async () => {
    const r = await read('python-docx-tables-after.txt');
    expect(differing(r)).toEqual([]);
    expect(r.got.meta.agency).toBe(r.truth.agency);
    expect(r.got.meta.publishedAt).not.toBeNull();
    expect(r.got.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual([]);
    // Section 六 is the text, not the tables after it.
    expect(r.got.sections.find((s) => s.key === 'other')?.text).not.toMatch(/结果维持/);
  });

  it('a merged cell\'s figure repeated in every column under a header repeated the same way is one cell', async () => {
    const r = await read('python-docx-in-place.txt');
    expect(readFileSync(path.join(ZOO, 'python-docx-in-place.txt'), 'utf8')).toMatch(/行政许可\t(\d+)\t\1\t\1/);
    expect(differing(r)).toEqual([]);
  });
});

describe('LibreOffice\'s text export (one cell per line; an empty cell, or a merged cell\'s covered part, a blank line)', () => {
  it.each([
    // Table 四's first cell empty: the blank line between the header's last label and the first figure.
    ['libreoffice-text-first-blank.txt', 't4.review.upheld'],
    // A row's last cell empty, the next row's label too long to be a cell of a short line (2.申请人逾期未按收费通知…).
    ['libreoffice-text-long-label.txt', 't3.other.noCorrection.total'],
  ])('%s: every cell exact, the empty cell reported missing', async (file, blank) => {
    const r = await read(file);
    expect(differing(r)).toEqual([]);
    expect(r.got.cells[blank]).toBeNull();
    expect(r.got.findings.find((f) => f.rule === 'cell-missing')?.cells).toContain(blank);
    expect(r.got.findings.filter((f) => f.rule === 'unreadable')).toEqual([]);
  });

  it('cells one per line without blank lines for empty cells: a row short of a figure stays unreadable, a blank line after the table is no cell', async () => {
    // The same report with every blank line dropped but one after each table: no sign that blank lines are cells.
    const text = readFileSync(path.join(ZOO, 'libreoffice-text-first-blank.txt'), 'utf8').replace(/\n(?:[ \t]*\n)+/g, '\n').replace(/\n(五、)/, '\n\n$1');
    const o = await parseBytes(new TextEncoder().encode(text), 'x.txt');
    if (!o.ok) throw new Error(o.failure.message);
    const truth = JSON.parse(readFileSync(path.join(ZOO, 'libreoffice-text-first-blank.truth.json'), 'utf8')).cells as Record<string, number | null>;
    const wrong = Object.entries(truth).filter(([k, v]) => o.cells[k] !== null && o.cells[k] !== v);
    expect(wrong).toEqual([]);
    const review = Object.keys(truth).filter((k) => k.startsWith('t4.review.'));
    expect(review.every((k) => o.cells[k] === null)).toBe(true);
    expect(o.findings.find((f) => f.rule === 'unreadable' && f.cells.includes('t4.review.total'))).toBeDefined();
  });
});

describe('pages a browser printed or copied', () => {
  it('a page printed with its cells\' borders apart (each cell its own box, 2–3 pt from the next): every cell exact', async () => {
    const r = await read('browser-spaced-borders.pdf');
    expect(differing(r)).toEqual([]);
    expect(r.got.findings.filter((f) => f.rule === 'unreadable' || f.rule === 'table-missing')).toEqual([]);
  });

  it('the page\'s text as a browser copies it, its cells\' paragraphs on lines of their own: every cell exact, the empty one reported', async () => {
    const r = await read('browser-copy-paragraph-cells.txt');
    expect(differing(r)).toEqual([]);
    expect(r.got.cells['t3.newReceived.naturalPerson']).toBeNull();
    expect(r.got.findings.find((f) => f.rule === 'cell-missing')?.cells).toContain('t3.newReceived.naturalPerson');
    // Provenance: a figure points at its own line, not at the row's first cell.
    const src = r.got.cellSources['t3.newReceived.total'];
    expect(readFileSync(path.join(ZOO, 'browser-copy-paragraph-cells.txt'), 'utf8').split('\n')[src.pos!.line! - 1]).toContain(String(r.truth.cells['t3.newReceived.total']));
  });
});

describe('a PDF whose fonts lost their map to Unicode (a browser\'s PDF re-distilled by Ghostscript)', () => {
  it('reads every figure, says which pages are garbled, and blames no garbled label on the report', async () => {
    const r = await read('ghostscript-redistilled.pdf');
    expect(differing(r)).toEqual([]);
    const garbled = r.got.findings.filter((f) => f.rule === 'unreadable' && /乱码/.test(f.message));
    expect(garbled).toHaveLength(1);
    expect(r.got.findings.filter((f) => f.rule === 'label-variant')).toEqual([]);
  });
});

describe('a grid row read by its columns', () => {
  const at = (col: number, width: number, v: number | null): ValueToken =>
    v === null ? { type: 'value', kind: 'blank', raw: '', pos: {}, row: 1, grid: true, place: { col, span: 1, width } } : { type: 'value', kind: 'number', value: v, raw: String(v), pos: {}, row: 1, place: { col, span: 1, width } };
  // Label | (empty: the label's merged cell) | 0 0 0 0 4 0 | (empty)
  const row = [at(2, 10, null), at(3, 10, 0), at(4, 10, 0), at(5, 10, 0), at(6, 10, 0), at(7, 10, 4), at(8, 10, 0), at(9, 10, null)];

  it('is ambiguous by order alone', () => {
    expect(assignValues(row, 7).status).toBe('ambiguous');
  });

  it('takes the last n columns where the table\'s full rows stand there', () => {
    const a = assignValues(row, 7, undefined, 10);
    expect(a.status === 'cells' && a.cells.map((c) => (c?.kind === 'number' ? c.value : null))).toEqual([0, 0, 0, 0, 4, 0, null]);
  });

  it('refuses a row with a figure outside those columns, a merged cell among them, or another width', () => {
    expect(byLastColumns([at(1, 10, 5), ...row], 7)).toBeNull();
    expect(byLastColumns([...row.slice(0, 7), { type: 'value', kind: 'number', value: 3, raw: '3', pos: {}, row: 1, place: { col: 8, span: 2, width: 10 } }], 7)).toBeNull();
    expect(byLastColumns([...row.slice(0, 7), at(9, 11, null)], 7)).toBeNull();
    expect(byLastColumns(row, 7)).not.toBeNull();
    // A row narrower than the table's full rows.
    expect(byLastColumns(row, 7, 11)).toBeNull();
    expect(byLastColumns(row, 7, 10)).not.toBeNull();
  });
});

describe('PDF tables drawn without column rules (rules between rows only, a frame, or none)', () => {
  /** Cells that are neither the truth nor blank and flagged unreadable. */
  const offending = (r: Awaited<ReturnType<typeof read>>) => {
    const flagged = new Set(r.got.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));
    return Object.entries(r.truth.cells).filter(([k, v]) => r.got.cells[k] !== v && !(r.got.cells[k] == null && flagged.has(k))).map(([k, v]) => `${k}: 应为 ${v}，读出 ${r.got.cells[k]}`);
  };

  it.each(['unruled-glued-labels.pdf', 'frame-only-table.pdf', 'row-rules-only.pdf'])('%s: never another row\'s figures (a wrapped label\'s first line beside the row above)', async (file) => {
    const r = await read(file);
    expect(offending(r)).toEqual([]);
    // Most of the table is still read.
    const read3 = Object.keys(r.truth.cells).filter((k) => k.startsWith('t3.') && r.got.cells[k] === r.truth.cells[k]).length;
    expect(read3).toBeGreaterThan(140);
  });

  it('rules between rows only: the columns are put back from the words, every cell read', async () => {
    const r = await read('row-rules-only.pdf');
    expect(differing(r)).toEqual([]);
  });

  it('a page printed with row rules only, a wrapped label\'s long first line across the gutter: no figure read into the label, none moved a column', async () => {
    const r = await read('browser-row-rules-wrapped-label.pdf');
    expect(offending(r)).toEqual([]);
    expect(r.got.findings.filter((f) => f.rule === 'label-variant')).toEqual([]);
  });

  it('a page printed bare (no rules), each block heading of table 二 at line pitch under the row above it, taken for its label\'s wrapped rest: every row of table 二 read', async () => {
    const r = await read('browser-bare-block-heading-under-label.pdf');
    expect(offending(r)).toEqual([]);
    expect(differing(r).filter((d) => d.startsWith('t2.'))).toEqual([]);
    expect(r.got.findings.filter((f) => f.rule === 'unreadable' && f.cells.some((k) => k.startsWith('t2.')))).toEqual([]);
  });

  it('a table without rules whose six-digit figures wrap in their narrow cells (10017 | 4 for 100174, the row\'s other figures between the pieces): never the lower piece for the figure; the joined figure read where the identities settle it', async () => {
    const r = await read('unruled-wrapped-wide-figures.pdf');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.granted.total']).toBe(100174);
    expect(r.got.cells['t3.newReceived.naturalPerson']).toBe(r.truth.cells['t3.newReceived.naturalPerson']);
    expect(r.got.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a page printed with row rules only, a row of figures in the page\'s bottom margin on two pages: the rows are the table\'s, not a running footer', async () => {
    const r = await read('browser-rows-figures-at-page-foot.pdf');
    expect(differing(r)).toEqual([]);
    expect(r.got.findings.filter((f) => f.rule === 'table-missing')).toEqual([]);
  });

  it('a table without rules, a label wrapped onto two lines with its row\'s figures centred between them (行政规范性文 | 46 34 0 | 件): the pieces are that row\'s label, not the rest of the row above\'s', async () => {
    const r = await read('unruled-label-wrapped-around-figures.pdf');
    expect(differing(r)).toEqual([]);
  });

  it('a table without rules, a label wrapped around its figures beside a group label on the row\'s line (（四） | 2.没有现成信息需 / 0 0 … / 要另外制作): the pieces are the row\'s label, its own wording reported', async () => {
    const r = await read('unruled-label-wrapped-beside-group-label.pdf');
    expect(differing(r)).toEqual([]);
    expect(r.got.findings.some((f) => f.rule === 'label-variant' && f.cells.includes('t3.unable.needsCreation.naturalPerson'))).toBe(true);
  });

  it('a table without rules, labels wrapped around their figures in the column of a side label printed two characters a line (…信息公开申请 / 35 0 … / 数量 above 三、 本年 度办): 数量 ends the row label, not the side label', async () => {
    const r = await read('unruled-labels-wrapped-beside-side-label.pdf');
    expect(offending(r)).toEqual([]);
    expect(['t3.newReceived.naturalPerson', 't3.carriedOver.otherOrg'].map((k) => r.got.cells[k])).toEqual(['t3.newReceived.naturalPerson', 't3.carriedOver.otherOrg'].map((k) => r.truth.cells[k]));
  });

  it('a page without rules, table 四\'s row of figures on the page of table 三 (the heading between them in the same type): another table, so table 三\'s wrapped labels stay its rows\' labels', async () => {
    const r = await read('browser-rows-table4-under-table3.pdf');
    expect(differing(r)).toEqual([]);
  });

  it('a page printed with row rules, a row label overflowing up to the row\'s first figure (…其政府信息公开 0 | 0 0 0 16): the figure is a cell, not part of the label', async () => {
    const r = await read('browser-rows-label-overflowing-to-first-figure.pdf');
    expect(differing(r)).toEqual([]);
    // (The report's own wording 已获取的信息 is a label-variant; the overflowing rows are not.)
    expect(r.got.findings.filter((f) => f.rule === 'cell-missing' || (f.rule === 'label-variant' && f.cells.some((k) => k.startsWith('t3.other.'))))).toEqual([]);
  });

  it('a page printed with a border over each cell only: an empty place among every row\'s figures is no column (a row\'s blank never moves a figure)', async () => {
    const r = await read('browser-top-borders-phantom-column.pdf');
    expect(offending(r)).toEqual([]);
    expect(r.got.findings.filter((f) => f.rule === 'cell-missing' && f.cells.includes('t3.denied.stateSecret.commercial'))).toEqual([]);
  });

  it('a spreadsheet printed to PDF, labels overflowing fixed-height rows into the next row\'s cell: never another row\'s figures; table 三 read from its figures\' order, the blank cell\'s place among zeros left in doubt', async () => {
    const r = await read('spreadsheet-pdf-overflowing-labels.pdf');
    expect(offending(r)).toEqual([]);
    expect(r.got.cells['t3.denied.processInfo.naturalPerson']).toBeNull();
    expect(r.got.findings.some((f) => f.rule === 'unreadable' && f.message.includes('是 0 还是空白无法分辨') && f.cells.includes('t3.denied.processInfo.naturalPerson'))).toBe(true);
    expect(Object.keys(r.truth.cells).filter((k) => k.startsWith('t3.') && r.got.cells[k] != null && r.got.cells[k] !== r.truth.cells[k])).toEqual([]);
  });

  it('a sheet printed wider than the page (its last columns on a later page): no row shows all its figures, so none is placed by its empty places', async () => {
    const r = await read('spreadsheet-pdf-wider-than-page.pdf');
    expect(offending(r)).toEqual([]);
  });

  it('a ruled row broken across a page (the rest of its label on the next page): one row, every cell read', async () => {
    const r = await read('row-broken-across-pages.pdf');
    expect(differing(r)).toEqual([]);
    expect(r.got.findings.filter((f) => f.rule === 'cell-missing')).toEqual([]);
  });

  it('a row\'s figures beside a piece of the group label (its own label on the line above): never a silent blank; read whole since table 四\'s row no longer joins table 三\'s columns', async () => {
    const r = await read('group-label-beside-figures.pdf');
    expect(offending(r)).toEqual([]);
    expect(differing(r)).toEqual([]);
  });

  it('a wrapped label spelling the template\'s words with other punctuation (1.信访、举报、投诉类申 | 0 0 … | 请): its row read, the wording reported as label-variant; the rows around it are not', async () => {
    const r = await read('s62-001011-txt-pdf-layout.txt');
    expect(differing(r)).toEqual([]);
    const variants = r.got.findings.filter((f) => f.rule === 'label-variant');
    expect(variants.map((f) => f.cells[0])).toEqual(['t3.notProcessed.petitionComplaint.naturalPerson']);
    expect(variants[0].message).toContain('信访、举报、投诉类申请');
  });

  it('a page without rules whose next row\'s label cell holds two labels (1.申请人…申请2.申请人逾期未按收): the row before, its own label whole, still has its wording reported (已获取的信息), the glued rows not', async () => {
    const r = await read('s62-000795-pdf-unruled.pdf');
    expect(offending(r)).toEqual([]);
    const variants = r.got.findings.filter((f) => f.rule === 'label-variant');
    expect(variants.map((f) => f.cells[0])).toEqual(['t3.notProcessed.confirmOrReissue.naturalPerson']);
  });

  it('a frame with no rules inside is not read as a one-column grid (every row glued into one cell)', async () => {
    const r = await read('frame-only-table.pdf');
    expect(r.got.findings.filter((f) => f.rule === 'table-missing')).toEqual([]);
    expect(differing(r).length).toBeLessThan(20);
  });
});


describe('a wrapped label completed after a side label\'s piece', () => {
  it('2.没有现成信息需要另 0 0 … | 法提供   外制作: the whole wording is the row\'s printed label (a label-variant), the figures the head\'s', async () => {
    const r = await read('s62-000263-txt-pdf-layout.txt');
    // (Rows of table 三 around it stay flagged; none reads another figure.)
    expect(Object.entries(r.truth.cells).filter(([k, v]) => r.got.cells[k] != null && r.got.cells[k] !== v)).toEqual([]);
    expect(r.truth.cells).toMatchObject(Object.fromEntries(Object.entries(r.got.cells).filter(([k]) => k.startsWith('t3.unable.needsCreation.'))));
    const variants = r.got.findings.filter((f) => f.rule === 'label-variant');
    expect(variants.map((f) => f.cells[0])).toContain('t3.unable.needsCreation.naturalPerson');
    expect(variants.find((f) => f.cells[0] === 't3.unable.needsCreation.naturalPerson')?.message).toContain('需要另外制作');
  });
});
