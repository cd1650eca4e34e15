/** Shapes shared by every stage: the read document, the extracted report, findings. */
import type { SectionKey, TemplateVersion } from './template.js';

/** Where something came from in the source. Text: line/column (1-based). PDF: page + x/y. HTML/DOCX: path. */
export interface SourcePos {
  line?: number;
  column?: number;
  /** Length in characters of the span on that line, for highlighting. */
  length?: number;
  page?: number;
  x?: number;
  y?: number;
  path?: string;
  /** Scanned page: the region's pixel box (left, top, right, bottom) on the page image at `dpi`, after deskew. */
  box?: [number, number, number, number];
  dpi?: number;
}

/** Whether a position is on a scanned page (OCR): only those carry the image's resolution. */
export function fromScan(pos: SourcePos | undefined): pos is SourcePos & { dpi: number } {
  return pos?.dpi !== undefined;
}

/** `rtf`, `odt`, `xls`, `ods`: read after LibreOffice converted them (read/converted.ts). */
export type SourceFormat = 'txt' | 'md' | 'html' | 'docx' | 'doc' | 'rtf' | 'odt' | 'pdf' | 'xlsx' | 'xls' | 'ods' | 'json' | 'image';

/** A cell of a table as the reader found it (before any interpretation). */
export interface GridCell {
  text: string;
  pos: SourcePos;
  rowSpan?: number;
  colSpan?: number;
  /** OCR could not read the figure with certainty: `text` is blank and these are the readings. */
  candidates?: string[];
  /** OCR read the figure surely, but its own evidence allows these other figures (see resolve.ts). */
  alternatives?: string[];
}

export type Block =
  /** `cells`: where each tab-parted cell starts, where the row was joined from several lines. */
  | { kind: 'paragraph'; text: string; pos: SourcePos; cells?: SourcePos[] }
  /** `layout`: rows a PDF reader laid out from a page's words (no ruled grid), each cell a column of words. */
  | { kind: 'table'; rows: GridCell[][]; pos: SourcePos; layout?: boolean };

/**
 * What every reader produces. `lines` is the display text of the source (for showing
 * the offending line); blocks reference it by `pos.line` where the format has lines.
 */
export interface SourceDocument {
  format: SourceFormat;
  blocks: Block[];
  lines: string[];
  /** Metadata the container itself states (HTML meta, PDF info, crawler header). */
  hints: { title?: string; publishedAt?: string; publisher?: string; createdAt?: string };
  /** Problems the reader met that make parts unreadable (not defects of the report). */
  readIssues: ReadIssue[];
  /**
   * Another reading of the same bytes (HTML that is a PDF's positioned text layer, read also in
   * its drawing order): extraction keeps the reading whose tables give more cells.
   */
  alternative?: SourceDocument;
}

export interface ReadIssue {
  code: string;
  message: string;
  pos?: SourcePos;
  cells?: string[];
  /**
   * How many of `cells` the report certainly leaves blank, where the text does not show which
   * (a row one figure short whose candidate places all hold 0 or blank): cell-missing reports
   * the blank among them.
   */
  blanks?: number;
  /** The report part the issue is about (a scanned section heading OCR could not read). */
  section?: SectionKey;
  /**
   * One scanned cell whose figure could not be read surely: the figures its readings allow. An
   * identity broken whichever it is is still the report's error (check/rule.ts unsureCell).
   */
  candidates?: number[];
}

export type Level = 'township' | 'subdistrict' | 'county' | 'city' | 'province' | 'department' | 'other';

export interface ReportMeta {
  agency: string | null;
  year: number | null;
  template: TemplateVersion | null;
  level: Level | null;
  publishedAt: string | null;
  title: string | null;
  /** Where each meta value was found. */
  sources?: Partial<Record<'agency' | 'year' | 'template' | 'level' | 'publishedAt', string>>;
}

export interface Section {
  key: SectionKey;
  title: string;
  /** Numbering as printed (一、 2、 …), '' when none. */
  numbering: string;
  pos: SourcePos;
  /** Plain text of the section body (headings excluded). */
  text: string;
  /** Index (0-based) in the document's line order of the heading, for order checks. */
  order: number;
}

export type CellValue = number | null;

/** Provenance of one cell. */
export interface CellSource {
  raw: string;
  pos?: SourcePos;
  /** The row label as printed in the source, when it differs from the template wording. */
  label?: string;
  /** '-', '/', '—' etc. read as 0. */
  zeroNotation?: boolean;
  /** How the value was obtained when not read directly: a run of digits split, or figures taken in row order. */
  via?: 'split' | 'order';
  /** The raw text is not a number (value stays null; cell-invalid reports it). */
  invalid?: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  cells: string[];
  pos?: SourcePos;
  /** Figures compared, for machines (expected vs found). */
  expected?: number | string | null;
  found?: number | string | null;
  /** True when the finding says the document could not be read (not that it is wrong). */
  unreadable?: boolean;
}

export interface TableInfo {
  present: boolean;
  pos?: SourcePos;
  /** Row keys the template requires that were not found in the source. */
  missingRows: string[];
  /** Rows printed that the template does not have (local extras), kept as they were. */
  extraRows: { label: string; values: (number | null)[]; pos?: SourcePos }[];
  /** Printed row labels that deviate from the template wording: row key → label as printed. */
  labelVariants: Record<string, { printed: string; pos?: SourcePos }>;
  /** 2021 template that prints the single 2019-style （六）其他处理 row. */
  singleOtherRow?: boolean;
}

export interface ExtractedReport {
  source: string;
  format: SourceFormat;
  meta: ReportMeta;
  sections: Section[];
  cells: Record<string, CellValue>;
  cellSources: Record<string, CellSource>;
  tables: Record<'t2' | 't3' | 't4', TableInfo>;
  /** Display lines of the source, for showing findings in context. */
  lines: string[];
  readIssues: ReadIssue[];
}

export interface ParsedReport extends Omit<ExtractedReport, 'lines'> {
  findings: Finding[];
}

export interface Failure {
  code: string;
  message: string;
}
