/**
 * Word (.docx): A4 portrait, the title in 宋体 (bold), body text in 仿宋 with 宋体 as the
 * document's default East Asian font (the fallback), section headings in 黑体, and the
 * three tables as real Word tables with merged cells and single borders.
 */
import { AlignmentType, BorderStyle, Document, HeightRule, LineRuleType, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import type { LayoutCell, LayoutTable, ReportModel } from './model.js';

const FONT_BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋', cs: 'Times New Roman' };
const FONT_TABLE = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
const FONT_TITLE = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
const FONT_HEADING = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: 'Times New Roman' };

/** A4 in twips, margins of the 公文 format (top 37 mm, left 28 mm, right 26 mm, bottom 35 mm). */
const PAGE = { width: 11906, height: 16838, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } };
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

const LINE = { line: 560, lineRule: LineRuleType.EXACT };

/** Column widths (twips): label columns wider, figures equal. */
function columnWidths(t: LayoutTable): number[] {
  if (t.id === 't2') {
    const label = 2600;
    const rest = Math.floor((TEXT_WIDTH - label) / (t.width - 1));
    return [label, ...Array(t.width - 1).fill(rest)];
  }
  if (t.id === 't3') {
    const labels = [1000, 1000, 2900];
    const rest = Math.floor((TEXT_WIDTH - labels.reduce((a, b) => a + b, 0)) / (t.width - t.labelCols));
    return [...labels, ...Array(t.width - t.labelCols).fill(rest)];
  }
  return Array(t.width).fill(Math.floor(TEXT_WIDTH / t.width));
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function tableOf(t: LayoutTable): Table {
  const widths = columnWidths(t);
  const size = t.id === 't2' ? 21 : 18; // 五号 / 小五
  const rows: TableRow[] = [];
  let col = 0;
  const place = (c: LayoutCell, start: number) => widths.slice(start, start + c.colSpan).reduce((a, b) => a + b, 0);
  // Column of each cell, for its width (merges from rows above shift later cells right).
  const covered: boolean[][] = t.rows.map(() => Array(t.width).fill(false));
  t.rows.forEach((r, ri) => {
    col = 0;
    const cells = r.cells.map((c) => {
      while (col < t.width && covered[ri][col]) col++;
      const start = col;
      for (let dr = 0; dr < c.rowSpan; dr++) for (let dc = 0; dc < c.colSpan; dc++) if (covered[ri + dr]) covered[ri + dr][start + dc] = true;
      col += c.colSpan;
      const left = c.role === 'label' || c.role === 'heading';
      return new TableCell({
        children: [
          new Paragraph({
            alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
            spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
            children: [new TextRun({ text: c.text, font: FONT_TABLE, size: c.role === 'note' ? 16 : size, bold: c.role === 'heading' })],
          }),
        ],
        rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined,
        columnSpan: c.colSpan > 1 ? c.colSpan : undefined,
        width: { size: place(c, start), type: WidthType.DXA },
        // Data rows align to the top: the figures sit on the first line of a wrapped label (as in print, and for text extraction from the PDF).
        verticalAlign: r.header || c.role === 'heading' || c.role === 'header' ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
        margins: { left: 60, right: 60, top: 20, bottom: 20 },
      });
    });
    // Header rows are not repeated on the next page: a repeated header in the middle of the
    // table reads, once printed to PDF, like stray labels between two data rows.
    rows.push(new TableRow({ children: cells, cantSplit: true, height: { value: t.id === 't2' ? 480 : 400, rule: HeightRule.ATLEAST } }));
  });
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
  });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: 640 }, spacing: LINE, alignment: AlignmentType.JUSTIFIED, children: [new TextRun({ text, font: FONT_BODY, size: 32 })] });
}

export async function renderDocx(m: ReportModel): Promise<Uint8Array> {
  // The title on two lines as printed: the agency, then {年份}年政府信息公开工作年度报告.
  const titleLines = m.agency && m.title.startsWith(m.agency) && m.title.length > 20 ? [m.agency, m.title.slice(m.agency.length)] : [m.title];
  const children: (Paragraph | Table)[] = titleLines.map(
    (t, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: 700, lineRule: LineRuleType.EXACT, after: i === titleLines.length - 1 ? 200 : 0 },
        children: [new TextRun({ text: t, font: FONT_TITLE, size: 40, bold: true })],
      }),
  );
  if (m.dateLine) children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [new TextRun({ text: m.dateLine, font: FONT_BODY, size: 32 })] }));
  for (const s of m.sections) {
    children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: LINE, keepNext: true, children: [new TextRun({ text: s.heading, font: FONT_HEADING, size: 32 })] }));
    if (s.table) {
      children.push(tableOf(s.table));
      children.push(new Paragraph({ spacing: { after: 0, before: 0 }, children: [] }));
    }
    for (const p of s.paragraphs) children.push(bodyParagraph(p));
  }
  const doc = new Document({
    creator: m.agency ?? 'nianbao',
    title: m.title,
    styles: { default: { document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' }, size: 32 } } } },
    sections: [{ properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } }, children }],
  });
  const buf = await Packer.toBuffer(doc);
  return new Uint8Array(buf);
}
