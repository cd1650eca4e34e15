/**
 * The one definition of the statutory report format, both template versions.
 * Extraction, checks, export and rendering all read this module; no other file
 * may spell out a row label or a cell key.
 */

export type TemplateVersion = '2019' | '2021';
export type TableId = 't2' | 't3' | 't4';
export type SectionKey = 'overview' | 'proactive' | 'requests' | 'appeals' | 'problems' | 'other';
/** count: non-negative integer; signed: integer, may be negative; decimal: non-negative, fractional allowed. */
export type ValueKind = 'count' | 'signed' | 'decimal';

export interface SectionDef {
  key: SectionKey;
  numeral: string;
  title: string;
  /** Normalised phrases that identify the heading (any one suffices). */
  patterns: string[];
  table?: TableId;
}

export interface ColumnDef {
  key: string;
  label: string;
  aliases?: string[];
  kind: ValueKind;
}

export interface RowDef {
  key: string;
  /** Official label without its ordinal, e.g. 属于国家秘密. */
  label: string;
  /** Ordinal as printed before the label: 一、 （一） 1. */
  ordinal?: string;
  /** Group heading printed before (or merged with) the row label, e.g. （三）不予公开. */
  group?: string;
  /** Known wording variants seen in published reports (reported as label-variant). */
  variants?: string[];
  /** Shorter forms that are not deviations (the label's parenthetical dropped, etc.). */
  aliases?: string[];
}

export interface BlockDef {
  /** 第二十条第（一）项 etc. */
  heading: string;
  columns: ColumnDef[];
  rows: RowDef[];
}

export interface Table2Def {
  id: 't2';
  title: string;
  blocks: BlockDef[];
}

export interface GridTableDef {
  id: 't3' | 't4';
  title: string;
  columns: ColumnDef[];
  rows: RowDef[];
}

export interface TemplateDef {
  version: TemplateVersion;
  name: string;
  sections: SectionDef[];
  t2: Table2Def;
  t3: GridTableDef;
  t4: { id: 't4'; title: string; groups: { key: string; label: string; parent: string }[]; columns: ColumnDef[] };
  /** Phrases whose presence indicates this version. */
  markers: string[];
}

export const SECTIONS: SectionDef[] = [
  { key: 'overview', numeral: '一', title: '总体情况', patterns: ['总体情况', '概述'] },
  { key: 'proactive', numeral: '二', title: '主动公开政府信息情况', patterns: ['主动公开政府信息情况', '主动公开政府信息的情况'], table: 't2' },
  { key: 'requests', numeral: '三', title: '收到和处理政府信息公开申请情况', patterns: ['收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请的情况', '依申请公开政府信息情况'], table: 't3' },
  {
    key: 'appeals',
    numeral: '四',
    title: '政府信息公开行政复议、行政诉讼情况',
    patterns: ['行政复议、行政诉讼情况', '行政复议行政诉讼情况', '行政法复议、行政诉讼情况', '被申请行政复议和提起行政诉讼情况', '申请行政复议、提起行政诉讼的情况', '行政复议、行政诉讼的情况', '行政复议和行政诉讼情况', '被申请行政复议和提起行政诉讼'],
    table: 't4',
  },
  { key: 'problems', numeral: '五', title: '存在的主要问题及改进情况', patterns: ['存在的主要问题及改进情况', '存在的主要问题和改进情况', '存在的问题及改进情况', '主要问题及改进情况'] },
  { key: 'other', numeral: '六', title: '其他需要报告的事项', patterns: ['其他需要报告的事项', '其他需要报告事项'] },
];

export const APPLICANT_COLUMNS: ColumnDef[] = [
  { key: 'naturalPerson', label: '自然人', kind: 'count' },
  { key: 'commercial', label: '商业企业', kind: 'count' },
  { key: 'research', label: '科研机构', kind: 'count' },
  { key: 'socialWelfare', label: '社会公益组织', kind: 'count' },
  { key: 'legalService', label: '法律服务机构', kind: 'count' },
  { key: 'otherOrg', label: '其他', kind: 'count' },
  { key: 'total', label: '总计', kind: 'count' },
];

const T3_HEAD: RowDef[] = [
  { key: 'newReceived', ordinal: '一、', label: '本年新收政府信息公开申请数量' },
  { key: 'carriedOver', ordinal: '二、', label: '上年结转政府信息公开申请数量' },
  { key: 'granted', ordinal: '（一）', group: '三、本年度办理结果', label: '予以公开' },
  { key: 'partialGrant', ordinal: '（二）', label: '部分公开（区分处理的，只计这一情形，不计其他情形）', aliases: ['部分公开'] },
  { key: 'denied.stateSecret', ordinal: '1.', group: '（三）不予公开', label: '属于国家秘密' },
  { key: 'denied.lawForbidden', ordinal: '2.', label: '其他法律行政法规禁止公开', variants: ['其他法律法规禁止公开'] },
  { key: 'denied.safetyStability', ordinal: '3.', label: '危及“三安全一稳定”' },
  { key: 'denied.thirdPartyRights', ordinal: '4.', label: '保护第三方合法权益' },
  { key: 'denied.internalAffairs', ordinal: '5.', label: '属于三类内部事务信息' },
  { key: 'denied.processInfo', ordinal: '6.', label: '属于四类过程性信息' },
  { key: 'denied.enforcementFile', ordinal: '7.', label: '属于行政执法案卷' },
  { key: 'denied.adminQuery', ordinal: '8.', label: '属于行政查询事项' },
  { key: 'unable.notHeld', ordinal: '1.', group: '（四）无法提供', label: '本机关不掌握相关政府信息' },
  { key: 'unable.needsCreation', ordinal: '2.', label: '没有现成信息需要另行制作' },
  { key: 'unable.unclearAfterCorrection', ordinal: '3.', label: '补正后申请内容仍不明确' },
  { key: 'notProcessed.petitionComplaint', ordinal: '1.', group: '（五）不予处理', label: '信访举报投诉类申请' },
  { key: 'notProcessed.duplicate', ordinal: '2.', label: '重复申请' },
  { key: 'notProcessed.publication', ordinal: '3.', label: '要求提供公开出版物' },
  { key: 'notProcessed.massiveRepeated', ordinal: '4.', label: '无正当理由大量反复申请' },
  { key: 'notProcessed.confirmOrReissue', ordinal: '5.', label: '要求行政机关确认或重新出具已获取信息' },
];

const T3_TAIL: RowDef[] = [
  { key: 'total', ordinal: '（七）', label: '总计' },
  { key: 'carriedForward', ordinal: '四、', label: '结转下年度继续办理' },
];

const T3_OTHER_2021: RowDef[] = [
  { key: 'other.noCorrection', ordinal: '1.', group: '（六）其他处理', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  { key: 'other.feeUnpaid', ordinal: '2.', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  { key: 'other.other', ordinal: '3.', label: '其他' },
];

const T3_OTHER_2019: RowDef[] = [{ key: 'other.total', ordinal: '（六）', label: '其他处理' }];

const T4_COLUMNS: ColumnDef[] = [
  { key: 'upheld', label: '结果维持', kind: 'count' },
  { key: 'corrected', label: '结果纠正', kind: 'count' },
  { key: 'other', label: '其他结果', kind: 'count' },
  { key: 'pending', label: '尚未审结', kind: 'count' },
  { key: 'total', label: '总计', kind: 'count' },
];

const T4 = {
  id: 't4' as const,
  title: '政府信息公开行政复议、行政诉讼情况',
  groups: [
    { key: 'review', label: '行政复议', parent: '行政复议' },
    { key: 'suitDirect', label: '未经复议直接起诉', parent: '行政诉讼' },
    { key: 'suitAfterReview', label: '复议后起诉', parent: '行政诉讼' },
  ],
  columns: T4_COLUMNS,
};

const T3_TITLE = '收到和处理政府信息公开申请情况';

export const TEMPLATE_2021: TemplateDef = {
  version: '2021',
  name: '国办公开办函〔2021〕30号',
  sections: SECTIONS,
  t2: {
    id: 't2',
    title: '主动公开政府信息情况',
    blocks: [
      {
        heading: '第二十条第（一）项',
        columns: [
          { key: 'made', label: '本年制发件数', kind: 'count' },
          { key: 'repealed', label: '本年废止件数', kind: 'count' },
          { key: 'valid', label: '现行有效件数', kind: 'count' },
        ],
        rows: [
          { key: 'regulations', label: '规章' },
          { key: 'normativeDocs', label: '行政规范性文件', variants: ['规范性文件'] },
        ],
      },
      { heading: '第二十条第（五）项', columns: [{ key: 'decisions', label: '本年处理决定数量', kind: 'count' }], rows: [{ key: 'licensing', label: '行政许可' }] },
      {
        heading: '第二十条第（六）项',
        columns: [{ key: 'decisions', label: '本年处理决定数量', kind: 'count' }],
        rows: [
          { key: 'punishment', label: '行政处罚' },
          { key: 'coercion', label: '行政强制' },
        ],
      },
      {
        heading: '第二十条第（八）项',
        columns: [{ key: 'amountWan', label: '本年收费金额（单位：万元）', aliases: ['本年收费金额'], kind: 'decimal' }],
        rows: [{ key: 'fees', label: '行政事业性收费' }],
      },
    ],
  },
  t3: { id: 't3', title: T3_TITLE, columns: APPLICANT_COLUMNS, rows: [...T3_HEAD, ...T3_OTHER_2021, ...T3_TAIL] },
  t4: T4,
  markers: ['本年制发件数', '本年废止件数', '现行有效件数', '行政规范性文件', '本年处理决定数量', '本年收费金额', '申请人无正当理由逾期不补正', '申请人逾期未按收费通知要求缴纳费用'],
};

const ITEM_COLUMNS: ColumnDef[] = [
  { key: 'prevYearItems', label: '上一年项目数量', kind: 'count' },
  { key: 'itemsDelta', label: '本年增/减', aliases: ['本年增减'], kind: 'signed' },
  { key: 'decisions', label: '处理决定数量', kind: 'count' },
];

export const TEMPLATE_2019: TemplateDef = {
  version: '2019',
  name: '国办公开办函〔2019〕60号',
  sections: SECTIONS,
  t2: {
    id: 't2',
    title: '主动公开政府信息情况',
    blocks: [
      {
        heading: '第二十条第（一）项',
        columns: [
          { key: 'newlyMade', label: '本年新制作数量', kind: 'count' },
          { key: 'newlyPublished', label: '本年新公开数量', kind: 'count' },
          { key: 'totalPublished', label: '对外公开总数量', kind: 'count' },
        ],
        rows: [
          { key: 'regulations', label: '规章' },
          { key: 'normativeDocs', label: '规范性文件', aliases: ['行政规范性文件'] },
        ],
      },
      {
        heading: '第二十条第（五）项',
        columns: ITEM_COLUMNS,
        rows: [
          { key: 'licensing', label: '行政许可' },
          { key: 'otherServices', label: '其他对外管理服务事项' },
        ],
      },
      {
        heading: '第二十条第（六）项',
        columns: ITEM_COLUMNS,
        rows: [
          { key: 'punishment', label: '行政处罚' },
          { key: 'coercion', label: '行政强制' },
        ],
      },
      { heading: '第二十条第（八）项', columns: ITEM_COLUMNS.slice(0, 2), rows: [{ key: 'fees', label: '行政事业性收费' }] },
      {
        heading: '第二十条第（九）项',
        columns: [
          { key: 'projects', label: '采购项目数量', kind: 'count' },
          { key: 'totalAmount', label: '采购总金额', kind: 'decimal' },
        ],
        rows: [{ key: 'procurement', label: '政府集中采购' }],
      },
    ],
  },
  t3: { id: 't3', title: T3_TITLE, columns: APPLICANT_COLUMNS, rows: [...T3_HEAD, ...T3_OTHER_2019, ...T3_TAIL] },
  t4: T4,
  markers: ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '其他对外管理服务事项', '第二十条第（九）项', '政府集中采购', '采购总金额'],
};

export const TEMPLATES: Record<TemplateVersion, TemplateDef> = { '2019': TEMPLATE_2019, '2021': TEMPLATE_2021 };

/** The template a reporting year must use. */
export function templateForYear(year: number): TemplateVersion {
  return year >= 2021 ? '2021' : '2019';
}

export interface CellDef {
  key: string;
  table: TableId;
  rowKey: string;
  colKey: string;
  rowLabel: string;
  colLabel: string;
  kind: ValueKind;
}

const cellCache = new Map<TemplateVersion, CellDef[]>();

/** Every cell of a template, in reading order (table, row, column). */
export function cellDefs(version: TemplateVersion): CellDef[] {
  const hit = cellCache.get(version);
  if (hit) return hit;
  const t = TEMPLATES[version];
  const out: CellDef[] = [];
  for (const b of t.t2.blocks)
    for (const r of b.rows)
      for (const c of b.columns)
        out.push({ key: `t2.${r.key}.${c.key}`, table: 't2', rowKey: r.key, colKey: c.key, rowLabel: r.label, colLabel: c.label, kind: c.kind });
  for (const r of t.t3.rows)
    for (const c of t.t3.columns)
      out.push({ key: `t3.${r.key}.${c.key}`, table: 't3', rowKey: r.key, colKey: c.key, rowLabel: rowDisplayLabel(r), colLabel: c.label, kind: c.kind });
  for (const g of t.t4.groups)
    for (const c of t.t4.columns)
      out.push({ key: `t4.${g.key}.${c.key}`, table: 't4', rowKey: g.key, colKey: c.key, rowLabel: g.label, colLabel: c.label, kind: c.kind });
  cellCache.set(version, out);
  return out;
}

const keysCache = new Map<TemplateVersion, string[]>();

/** Every cell key of a template, in reading order: one frozen array per version (read on every report). */
export function cellKeys(version: TemplateVersion): string[] {
  let keys = keysCache.get(version);
  if (!keys) keysCache.set(version, (keys = Object.freeze(cellDefs(version).map((c) => c.key)) as string[]));
  return keys;
}

/** Union of both templates' keys, 2021 first: the stable column set of exports. */
export function allCellKeys(): string[] {
  const seen = new Set<string>();
  for (const v of ['2021', '2019'] as const) for (const k of cellKeys(v)) seen.add(k);
  return [...seen];
}

export function rowDisplayLabel(r: RowDef): string {
  return `${r.ordinal ?? ''}${r.label}`;
}

const cellIndex = new Map<string, CellDef>();
export function findCellDef(key: string): CellDef | undefined {
  if (cellIndex.size === 0) for (const v of ['2019', '2021'] as const) for (const c of cellDefs(v)) if (!cellIndex.has(c.key)) cellIndex.set(c.key, c);
  return cellIndex.get(key);
}

/** Human label of a cell for messages: 表三“（一）予以公开”行“自然人”列. */
export function describeCell(key: string): string {
  const c = findCellDef(key);
  if (!c) return key;
  const tableName = { t2: '表二', t3: '表三', t4: '表四' }[c.table];
  if (c.table === 't4') return `${tableName}“${c.rowLabel}·${c.colLabel}”`;
  return `${tableName}“${c.rowLabel}”行“${c.colLabel}”列`;
}

const outcomeCache = new Map<TemplateVersion, string[]>();

/** Table 三 outcome rows (those summed by （七）总计) for a version: one frozen array per version. */
export function outcomeRowKeys(version: TemplateVersion): string[] {
  let out = outcomeCache.get(version);
  if (!out) {
    const rows = TEMPLATES[version].t3.rows.map((r) => r.key);
    outcomeCache.set(version, (out = Object.freeze(rows.slice(rows.indexOf('granted'), rows.indexOf('total'))) as string[]));
  }
  return out;
}

export const T3_COLUMN_KEYS = APPLICANT_COLUMNS.map((c) => c.key);
export const T3_APPLICANT_KEYS = T3_COLUMN_KEYS.filter((k) => k !== 'total');

/**
 * Printed wording of the report and its tables that is neither a row nor a column label:
 * the title suffix, the 勾稽关系 note and the header words of the official forms.
 */
export const FORM_WORDING = {
  /** {机关名称}{年份}年 + this. */
  titleSuffix: '政府信息公开工作年度报告',
  /** First header cell of every block of table 二. */
  t2Content: '信息内容',
  /** Top-left header cell of table 三. */
  t3Note: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  t3Applicants: '申请人情况',
  t3LegalPersons: '法人或其他组织',
} as const;
