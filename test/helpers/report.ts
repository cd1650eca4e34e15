/**
 * Builder of clean, balanced ExtractedReports for rule tests. Every template cell is
 * filled consistently (row totals, outcome totals, 勾稽关系 and table 四 totals hold),
 * the six sections are present in order with correct numbering, and the prose agrees
 * with the tables. Options override parts of it.
 */
import { SECTIONS, T3_COLUMN_KEYS, TEMPLATES, cellDefs, type SectionKey, type TableId, type TemplateVersion } from '../../src/core/template.js';
import type { CellSource, CellValue, ExtractedReport, Finding, ReadIssue, ReportMeta, Section, TableInfo } from '../../src/core/types.js';
import { runRule } from '../../src/check/index.js';
import type { Rule } from '../../src/check/rule.js';

export interface SectionOverride {
  text?: string;
  numbering?: string;
  title?: string;
  order?: number;
  /** Remove the section. */
  remove?: boolean;
}

export interface ReportOptions {
  version?: TemplateVersion;
  /** Cell overrides (null = blank). */
  cells?: Record<string, CellValue>;
  /** Cell source overrides, merged into the generated ones. */
  cellSources?: Record<string, Partial<CellSource>>;
  meta?: Partial<ReportMeta>;
  sections?: Partial<Record<SectionKey, SectionOverride>>;
  /** Replace the display lines entirely. */
  lines?: string[];
  /** Lines appended to the generated ones. */
  extraLines?: string[];
  tables?: Partial<Record<TableId, Partial<TableInfo>>>;
  readIssues?: ReadIssue[];
}

/** Per applicant column: naturalPerson, commercial, research, socialWelfare, legalService, otherOrg (total computed). */
const T3_ROWS: Record<string, number[]> = {
  newReceived: [6, 2, 0, 0, 1, 1],
  carriedOver: [1, 0, 0, 0, 0, 0],
  granted: [3, 1, 0, 0, 1, 0],
  partialGrant: [1, 0, 0, 0, 0, 0],
  'denied.thirdPartyRights': [0, 1, 0, 0, 0, 0],
  'unable.notHeld': [1, 0, 0, 0, 0, 1],
  'notProcessed.duplicate': [1, 0, 0, 0, 0, 0],
  total: [6, 2, 0, 0, 1, 1],
  carriedForward: [1, 0, 0, 0, 0, 0],
};

/** upheld, corrected, other, pending (total computed). */
const T4_ROWS: Record<string, number[]> = {
  review: [1, 0, 1, 0],
  suitDirect: [1, 0, 0, 0],
  suitAfterReview: [0, 0, 0, 0],
};

/** Table 二 values by column key (0 elsewhere). */
const T2_VALUES: Record<string, number> = {
  't2.normativeDocs.made': 2,
  't2.normativeDocs.valid': 15,
  't2.normativeDocs.newlyMade': 2,
  't2.normativeDocs.newlyPublished': 2,
  't2.normativeDocs.totalPublished': 15,
  't2.licensing.decisions': 12,
  't2.punishment.decisions': 3,
  't2.fees.amountWan': 1.25,
  't2.licensing.itemsDelta': -1,
  't2.licensing.prevYearItems': 20,
  't2.procurement.totalAmount': 12.5,
};

export const AGENCY = '示例镇人民政府';

/** Line of the cell source of the n-th cell (cells are placed after the text lines). */
export const CELL_LINE_BASE = 1000;

export function defaultCells(version: TemplateVersion): Record<string, number> {
  const cells: Record<string, number> = {};
  cellDefs(version).forEach((c) => {
    let v = 0;
    if (c.table === 't2') v = T2_VALUES[c.key] ?? 0;
    else if (c.table === 't3') {
      const row = T3_ROWS[c.rowKey];
      const i = T3_COLUMN_KEYS.indexOf(c.colKey);
      if (row) v = c.colKey === 'total' ? row.reduce((a, b) => a + b, 0) : row[i];
    } else {
      const row = T4_ROWS[c.rowKey];
      const cols = TEMPLATES[version].t4.columns.map((x) => x.key);
      v = c.colKey === 'total' ? row.reduce((a, b) => a + b, 0) : row[cols.indexOf(c.colKey)];
    }
    cells[c.key] = v;
  });
  return cells;
}

function defaultTexts(year: number, version: TemplateVersion): Record<SectionKey, string> {
  return {
    overview: `${year}年，本镇认真贯彻《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请10件，其中予以公开5件，结转下年度继续办理1件。`,
    proactive: '本镇通过政府网站主动公开政府信息120条。',
    requests: '本年度依法办理政府信息公开申请，均在法定期限内答复。',
    appeals: '本年度发生政府信息公开行政复议2件，行政诉讼1件。',
    problems: '存在的问题是公开内容不够丰富。下一步将加强培训，提高公开质量。',
    other: version === '2021' ? '本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。' : '无。',
  };
}

export function makeReport(opts: ReportOptions = {}): ExtractedReport {
  const version = opts.version ?? '2021';
  const year = version === '2021' ? 2023 : 2019;
  const meta: ReportMeta = {
    agency: AGENCY,
    year,
    template: version,
    level: 'township',
    publishedAt: `${year + 1}-01-20`,
    title: `示例镇${year}年政府信息公开工作年度报告`,
    ...opts.meta,
  };
  const texts = defaultTexts(year, version);
  const lines: string[] = [meta.title ?? '示例镇政府信息公开工作年度报告'];
  const sections: Section[] = [];
  SECTIONS.forEach((d, i) => {
    const o = opts.sections?.[d.key] ?? {};
    if (o.remove) return;
    const numbering = o.numbering ?? `${d.numeral}、`;
    const title = o.title ?? d.title;
    const text = o.text ?? texts[d.key];
    lines.push(`${numbering}${title}`);
    const line = lines.length;
    lines.push(...text.split('\n'));
    sections.push({ key: d.key, title, numbering, pos: { line }, text, order: o.order ?? i });
  });
  lines.push(...(opts.extraLines ?? []));

  const cells: Record<string, CellValue> = { ...defaultCells(version), ...opts.cells };
  const cellSources: Record<string, CellSource> = {};
  Object.keys(cells).forEach((k, i) => {
    const v = cells[k];
    cellSources[k] = { raw: v === null ? '' : String(v), pos: { line: CELL_LINE_BASE + i }, ...opts.cellSources?.[k] };
  });
  for (const [k, s] of Object.entries(opts.cellSources ?? {})) if (!cellSources[k]) cellSources[k] = { raw: '', ...s };

  const table = (t: TableId): TableInfo => ({ present: true, pos: { line: 500 + ['t2', 't3', 't4'].indexOf(t) }, missingRows: [], extraRows: [], labelVariants: {}, ...opts.tables?.[t] });
  return {
    source: 'test.txt',
    format: 'txt',
    meta,
    sections,
    cells,
    cellSources,
    tables: { t2: table('t2'), t3: table('t3'), t4: table('t4') },
    lines: opts.lines ?? lines,
    readIssues: opts.readIssues ?? [],
  };
}

/** Findings of one rule on a report. */
export function run(rule: Rule, report: ExtractedReport): Finding[] {
  return runRule(rule, report);
}

/** Row keys with every applicant column of table 三 (plus total). */
export function t3Row(row: string): string[] {
  return T3_COLUMN_KEYS.map((c) => `t3.${row}.${c}`);
}
