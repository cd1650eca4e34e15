/** Document → extracted report (meta, sections, every template cell with provenance). */
import { ReadFailure } from '../core/failure.js';
import { SECTIONS } from '../core/template.js';
import type { ExtractedReport, ReadIssue, SourceDocument } from '../core/types.js';
import { fromScan } from '../core/types.js';
import { toFields, type Field } from './fields.js';
import { extractMeta } from './meta.js';
import { buildSections, findHeadings } from './sections.js';
import { extractTables, textEndBeforeTables } from './tables.js';

export function extractReport(doc: SourceDocument, source: string): ExtractedReport {
  const fields = toFields(doc);
  const headings = findHeadings(fields);
  // Tables that all follow the text (paragraphs written first, then the tables): the text,
  // its 落款 and date, ends before them.
  const textEnd = textEndBeforeTables(fields, headings, '2021') ?? textEndBeforeTables(fields, headings, '2019');
  const meta = extractMeta(doc, fields, headings, textEnd);
  const version = meta.template ?? '2021';
  const tables = extractTables(fields, headings, version);
  const sections = buildSections(textEnd === null ? fields : fields.slice(0, textEnd), headings);
  const anyTable = tables.tables.t2.present || tables.tables.t3.present || tables.tables.t4.present;
  const unreadHeadings = headingsUnreadOnScan(sections, tables.tables);
  if (headings.length < 2 && !anyTable) {
    if (charactersLostAsQuestionMarks(fields))
      throw new ReadFailure('characters-lost', '文件中的汉字都变成了问号（“???”）：转换成文本的工具不支持中文编码，文字已丢失，无法读取。请改用原始文件（网页、PDF、Word），或换一个保留 UTF-8 的转换工具。');
    throw new ReadFailure('not-a-report', '内容不像政府信息公开工作年度报告：没有找到年度报告的章节标题，也没有找到统计表。请确认文件是年度报告正文。');
  }
  return {
    source,
    format: doc.format,
    meta: { ...meta, template: meta.template ?? null },
    sections,
    cells: tables.cells,
    cellSources: tables.cellSources,
    tables: tables.tables,
    lines: doc.lines,
    readIssues: [...doc.readIssues, ...tables.readIssues, ...unreadHeadings],
  };
}

/**
 * A section whose heading was not found although its table was, read from a scanned page: the
 * heading is there in all likelihood (the table stands where the section does), OCR could not read
 * it — a seal over it, or the heading taken into the table's grid as a row of garbled cells (seed
 * 477/000004: 三、收到和处理… read 二、收芭定处 | 丰忌公计申]博情爷). We could not read it; the report
 * is not said to lack it (section-missing leaves such a section to this issue).
 */
function headingsUnreadOnScan(sections: ExtractedReport['sections'], tables: ExtractedReport['tables']): ReadIssue[] {
  const present = new Set(sections.map((s) => s.key));
  const out: ReadIssue[] = [];
  for (const s of SECTIONS) {
    const t = s.table && tables[s.table];
    if (!t || present.has(s.key) || !t.present || !fromScan(t.pos)) continue;
    out.push({
      code: 'heading-unreadable',
      message: `扫描件中未能识别第${s.numeral}部分的标题“${s.numeral}、${s.title}”（该部分的表格已读到，标题很可能在表格之前，被印章遮挡或识别成了乱码），无法确认报告是否缺少该标题。请对照原件核对。`,
      pos: { page: t.pos.page, x: t.pos.x, y: t.pos.y, box: t.pos.box, dpi: t.pos.dpi },
      section: s.key,
    });
  }
  return out;
}

/** Text whose Chinese a converter replaced by question marks (unrtf --text): runs of ? fill more of it than any CJK does. */
function charactersLostAsQuestionMarks(fields: Field[]): boolean {
  let marks = 0;
  let cjk = 0;
  for (const f of fields)
    for (const ch of f.text) {
      if (ch === '?') marks++;
      else if (ch >= '\u4e00' && ch <= '\u9fff') cjk++;
    }
  return marks >= 200 && marks > 5 * cjk;
}
