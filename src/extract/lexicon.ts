/**
 * The labels the extractor looks for, derived from the template definition: row labels
 * (with aliases and known variants), group headings, column headers and section titles,
 * all in normalised form, compiled into one regular expression per template version.
 */
import { normLabel, stripOrdinal } from '../core/normalize.js';
import { SECTIONS, TEMPLATES, type ColumnDef, type SectionKey, type TableId, type TemplateVersion } from '../core/template.js';

export type EntryKind = 'row' | 'group' | 'header' | 'section';

export interface LexEntry {
  kind: EntryKind;
  pattern: string;
  table?: TableId;
  rowKey?: string;
  /** Position of the row in its table's template order. */
  index?: number;
  columns?: ColumnDef[];
  /** Normalised ordinal expected before the label (一. (一) 1.). */
  ordinal?: string;
  /** Matched through a known deviating wording. */
  variant?: boolean;
  /** Short words that are also column headers: only a row label in row context. */
  needsContext?: boolean;
  section?: SectionKey;
  /** Optional row (2019-style （六）其他处理 on the 2021 template). */
  optional?: boolean;
}

export interface Lexicon {
  version: TemplateVersion;
  entries: LexEntry[];
  /** Entries by pattern (first wins). */
  byPattern: Map<string, LexEntry[]>;
  regex: RegExp;
  /** Same alternatives, anchored at lastIndex. */
  sticky: RegExp;
  /** Table 三's group labels in full (三.本年度办理结果, (三)不予公开 …): printed down the side of the rows they span. */
  sides: string[];
  /** Per table, the text besides row labels that a layout can mix into them: group and column labels (any piece), and the
   * header's note (only its end, which is what overflows a cell). */
  layoutWords: Record<'t2' | 't3', { inner: string[]; tail: string[] }>;
}

/** The note printed in table 三's corner. */
const T3_NOTE_WORDS = ['本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和', '本列数据的勾稽关系为', '第一项加第二项之和,等于第三项加第四项之和'];
const T3_HEADER_WORDS = ['申请人情况', '法人或其他组织', '商业', '企业', '科研', '机构', '社会公益', '法律服务', ...T3_NOTE_WORDS];
const T4_HEADER_WORDS = ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结', '结果', '维持', '纠正', '尚未', '审结'];
const T2_HEADER_WORDS = ['信息内容', '(单位:万元)', '(单位:万元,保留4位小数)', '单位:万元', '保留4位小数'];
const SHORT_ROW_LABELS = new Set(['总计', '其他', '其他处理']);

function ordinalOf(s: string | undefined): string | undefined {
  return s ? normLabel(s) : undefined;
}

function build(version: TemplateVersion): Lexicon {
  const t = TEMPLATES[version];
  const entries: LexEntry[] = [];
  const add = (e: LexEntry) => {
    if (e.pattern) entries.push(e);
  };
  for (const s of SECTIONS) for (const p of s.patterns) add({ kind: 'section', pattern: normLabel(p), section: s.key });

  let idx = 0;
  for (const b of t.t2.blocks) {
    add({ kind: 'header', table: 't2', pattern: normLabel(b.heading) });
    for (const c of b.columns) for (const l of [c.label, ...(c.aliases ?? [])]) add({ kind: 'header', table: 't2', pattern: normLabel(l) });
    for (const r of b.rows) {
      const i = idx++;
      add({ kind: 'row', table: 't2', rowKey: r.key, index: i, columns: b.columns, pattern: normLabel(r.label) });
      for (const a of r.aliases ?? []) add({ kind: 'row', table: 't2', rowKey: r.key, index: i, columns: b.columns, pattern: normLabel(a) });
      for (const v of r.variants ?? []) add({ kind: 'row', table: 't2', rowKey: r.key, index: i, columns: b.columns, pattern: normLabel(v), variant: true });
    }
  }
  for (const w of T2_HEADER_WORDS) add({ kind: 'header', table: 't2', pattern: normLabel(w) });

  const t3rows = [...t.t3.rows];
  if (version === '2021') {
    // A 2021 report may still print the single 2019 （六）其他处理 row: read it as other.total.
    const at = t3rows.findIndex((r) => r.key === 'other.noCorrection');
    t3rows.splice(at, 0, { ...TEMPLATES['2019'].t3.rows.find((r) => r.key === 'other.total')!, optional: true } as never);
  }
  const groups = new Set<string>();
  t3rows.forEach((r, i) => {
    const optional = (r as { optional?: boolean }).optional;
    const base = { kind: 'row' as const, table: 't3' as const, rowKey: r.key, index: i, columns: t.t3.columns, ordinal: ordinalOf(r.ordinal), optional };
    const needsContext = SHORT_ROW_LABELS.has(r.label);
    add({ ...base, pattern: normLabel(r.label), needsContext });
    for (const a of r.aliases ?? []) add({ ...base, pattern: normLabel(a), needsContext: SHORT_ROW_LABELS.has(a) });
    for (const v of r.variants ?? []) add({ ...base, pattern: normLabel(v), variant: true });
    if (r.group) groups.add(r.group);
  });
  const sides = [...groups].map((g) => normLabel(g));
  for (const g of groups) {
    const { ordinal, rest } = stripOrdinal(normLabel(g));
    add({ kind: 'group', table: 't3', pattern: rest, ordinal });
  }
  for (const c of t.t3.columns) add({ kind: 'header', table: 't3', pattern: normLabel(c.label) });
  for (const w of T3_HEADER_WORDS) add({ kind: 'header', table: 't3', pattern: normLabel(w) });
  for (const g of t.t4.groups) add({ kind: 'header', table: 't4', pattern: normLabel(g.label) });
  for (const c of t.t4.columns) add({ kind: 'header', table: 't4', pattern: normLabel(c.label) });
  for (const w of T4_HEADER_WORDS) add({ kind: 'header', table: 't4', pattern: normLabel(w) });

  const byPattern = new Map<string, LexEntry[]>();
  for (const e of entries) {
    const list = byPattern.get(e.pattern) ?? [];
    list.push(e);
    byPattern.set(e.pattern, list);
  }
  const alternatives = [...byPattern.keys()].sort((a, b) => b.length - a.length).map(escapeRegex);
  const isNote = (p: string) => T3_NOTE_WORDS.some((w) => normLabel(w) === p);
  const wordsOf = (table: 't2' | 't3') => {
    const own = entries.filter((e) => e.table === table && (e.kind === 'header' || e.kind === 'group'));
    return { inner: [...own.filter((e) => !isNote(e.pattern)).map((e) => e.pattern), ...(table === 't3' ? sides : [])], tail: own.filter((e) => isNote(e.pattern)).map((e) => e.pattern) };
  };
  const layoutWords = { t2: wordsOf('t2'), t3: wordsOf('t3') };
  return { version, entries, byPattern, regex: new RegExp(alternatives.join('|'), 'g'), sticky: new RegExp(alternatives.join('|'), 'y'), sides, layoutWords };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const cache = new Map<TemplateVersion, Lexicon>();
export function lexicon(version: TemplateVersion): Lexicon {
  let l = cache.get(version);
  if (!l) {
    l = build(version);
    cache.set(version, l);
  }
  return l;
}
