/** Document → extracted report (meta, sections, every template cell with provenance). */
import { ReadFailure } from '../core/failure.js';
import type { ExtractedReport, SourceDocument } from '../core/types.js';
import { toFields } from './fields.js';
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
  if (headings.length < 2 && !anyTable)
    throw new ReadFailure('not-a-report', '内容不像政府信息公开工作年度报告：没有找到年度报告的章节标题，也没有找到统计表。请确认文件是年度报告正文。');
  return {
    source,
    format: doc.format,
    meta: { ...meta, template: meta.template ?? null },
    sections,
    cells: tables.cells,
    cellSources: tables.cellSources,
    tables: tables.tables,
    lines: doc.lines,
    readIssues: [...doc.readIssues, ...tables.readIssues],
  };
}
